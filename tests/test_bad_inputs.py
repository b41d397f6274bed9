"""Bad inputs, one row each, run against the CLI in a subprocess: a one-line message naming the
problem, the right exit status (2: the command line names something unusable, 1: a failure), no
traceback, and the store and the gold unchanged."""

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import cablefacts
from cablefacts.annotations import doccano
from cablefacts.annotations.store import load_resolved
from cablefacts.api import rules_pipeline
from tests.conftest import ROOT, SEED

CABLE = "07ASTANA614"

# (what is wrong, arguments, expected message fragment, exit status)
CASES = [
    ("store in a read-only folder", ["extract", "{cable}", "--db", "ro/facts.sqlite"], "cannot write the store", 2),
    ("store that is not SQLite", ["extract", "{cable}", "--db", "notes.sqlite"], "not a SQLite store", 2),
    ("store in a missing folder", ["extract", "{cable}", "--db", "missing/facts.sqlite"], "no such folder", 2),
    ("JSONL into a missing folder", ["extract", "{cable}", "--db", "store.sqlite", "-o", "missing/f.jsonl"],
     "no such folder", 2),
    ("JSONL into a read-only folder", ["extract", "{cable}", "--db", "store.sqlite", "-o", "ro/f.jsonl"],
     "cannot write the JSON Lines file", 2),
    ("report into a read-only folder", ["report", "--db", "store.sqlite", "-o", "ro/report"],
     "cannot write the report folder", 2),
    ("cable page into a read-only folder", ["show", "{cable}", "-o", "ro/cable.html"],
     "cannot write the cable page", 2),
    ("gold export into a read-only folder", ["annotations", "export", "--cable", CABLE, "-o", "ro/gold.jsonl"],
     "cannot write the JSON Lines file", 2),
    ("report of a JSON Lines file", ["report", "--db", "facts.jsonl"], "not a SQLite store", 2),
    ("report of a missing store", ["report", "--db", "missing.sqlite"], "no such store", 2),
    ("model path that does not exist", ["extract", "{cable}", "--db", "store.sqlite", "--model", "/nope"],
     "no such model folder", 2),
    ("scheduler where nothing listens", ["extract", "{cable}", "--db", "store.sqlite", "--engine", "dask",
                                         "--scheduler", "tcp://127.0.0.1:{port}"], "no Dask scheduler answers", 1),
    ("dask with no scheduler", ["extract", "{cable}", "--db", "store.sqlite", "--engine", "dask"],
     "needs --scheduler", 2),
    ("evaluate a binary file", ["evaluate-facts", "binary.jsonl", "{root}/annotations/facts"], "binary data", 2),
    ("evaluate a missing file", ["evaluate-facts", "missing.jsonl", "{root}/annotations/facts"],
     "no such facts file", 2),
    ("evaluate a file that is not JSON Lines", ["evaluate-facts", "{cable}", "{root}/annotations/facts"],
     "not JSON", 2),
    ("import a record whose paragraph changed", ["annotations", "import", "changed.jsonl"], "text does not match", 1),
    ("export gold that no longer aligns", ["annotations", "export", "--cable", CABLE, "-o", "out.jsonl"],
     "differs from the one the gold was written against", 1),
    ("check a missing folder", ["cable", "check", "missing"], "no such folder", 2),
    ("check a folder with an unreadable file", ["cable", "check", "bad"], "binary data", 1),
    ("a model whose config is broken", ["show", "{cable}", "-o", "cable.html", "--model", "broken-model"],
     "unexpected", 1),
]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_read_only(folder: Path) -> None:
    """Make ``folder`` read-only for this process: by its mode bits, or (root ignores them) by mounting a
    read-only file system over it."""
    if os.geteuid() != 0:
        for p in folder.iterdir():
            p.chmod(0o444)
        folder.chmod(0o555)
        return
    keep = folder.with_name(folder.name + "-content")
    shutil.copytree(folder, keep)
    mount = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True,
                           text=True)
    if mount.returncode:
        pytest.fail(f"as root, a read-only folder needs a read-only mount, and mount failed: {mount.stderr.strip()}")
    shutil.copytree(keep, folder, dirs_exist_ok=True)
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A folder with a real store and its JSON Lines, a read-only copy of the store, a file that is not a
    store, a binary file, a project home whose gold no longer aligns, and a doccano file whose paragraph
    text was changed."""
    tmp = tmp_path_factory.mktemp("bad-inputs")
    cable = tmp / f"{CABLE}.txt"
    shutil.copy(SEED / cable.name, cable)
    run = subprocess.run([sys.executable, "-m", "cablefacts", "extract", str(cable), "--db", str(tmp / "store.sqlite"),
                          "-o", str(tmp / "facts.jsonl")], capture_output=True, text=True, cwd=tmp)
    assert run.returncode == 0, run.stderr
    (tmp / "ro").mkdir()
    shutil.copy(tmp / "store.sqlite", tmp / "ro" / "facts.sqlite")
    (tmp / "notes.sqlite").write_text("not a store\n")
    (tmp / "binary.jsonl").write_bytes(bytes(range(256)) * 4)
    (tmp / "bad").mkdir()
    (tmp / "bad" / "binary.txt").write_bytes(bytes(range(256)) * 4)
    home = tmp / "home"
    for part in ("corpus/manifest.tsv", f"corpus/seed/{cable.name}", f"annotations/gold/{CABLE}.json"):
        (home / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / part, home / part)
    gold = json.loads((home / "annotations/gold" / f"{CABLE}.json").read_text())
    gold["sha256"] = "0" * 64  # the gold was written against another text
    (home / "annotations/gold" / f"{CABLE}.json").write_text(json.dumps(gold))
    real_cable, real_gold = load_resolved(CABLE, ROOT)
    records = doccano.to_records(real_cable, real_gold)
    records[0]["text"] = records[0]["text"].replace("the", "a", 1)
    (tmp / "changed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    (tmp / "broken-model").mkdir()
    (tmp / "broken-model" / "meta.json").write_text(json.dumps({"lang": "en", "name": "broken", "version": "0.0.0"}))
    (tmp / "broken-model" / "config.cfg").write_text("[nlp]\nlang = \"en\"\npipeline = [\"nothing\"]\n")
    _make_read_only(tmp / "ro")
    yield tmp
    if os.geteuid() == 0:
        subprocess.run(["umount", str(tmp / "ro")], check=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("what, args, message, status", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line_and_its_exit_status(world, what, args, message, status):
    fill = {"cable": str(world / f"{CABLE}.txt"), "root": str(ROOT), "port": str(_free_port())}
    watched = [world / "store.sqlite", world / "ro" / "facts.sqlite", world / "home/annotations/gold" / f"{CABLE}.json"]
    before = [_sha(p) for p in watched]
    env = {**os.environ, "CABLEFACTS_HOME": str(world / "home"), "CABLEFACTS_LOG_DIR": str(world / "logs")}
    run = subprocess.run([sys.executable, "-m", "cablefacts", *(a.format(**fill) for a in args)],
                         capture_output=True, text=True, cwd=world, env=env, timeout=300)
    output = run.stdout + run.stderr
    assert "Traceback" not in output
    assert message in output, output
    assert run.returncode == status, output
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) <= 1 and (errors or status == 1)
    if errors:  # the message is the whole of stderr, unwrapped, even where it is longer than 80 columns
        assert run.stderr.strip() == errors[0] and message in errors[0]
    assert [_sha(p) for p in watched] == before
    assert not (world / "out.jsonl").exists()


def test_unexpected_error_leaves_its_traceback_in_the_log_it_names(world):
    env = {**os.environ, "CABLEFACTS_LOG_DIR": str(world / "crash-logs")}
    run = subprocess.run([sys.executable, "-m", "cablefacts", "show", str(world / f"{CABLE}.txt"), "-o", "c.html",
                          "--model", "broken-model"], capture_output=True, text=True, cwd=world, env=env)
    line = run.stderr.strip()
    assert run.returncode == 1 and "\n" not in line and "Traceback" not in line
    log = Path(line.rsplit("traceback in ", 1)[1].rstrip(")"))
    assert log.parent == world / "crash-logs" and "Traceback" in log.read_text()


def test_api_refuses_bytes_with_a_clear_message():
    with pytest.raises(TypeError, match="not bytes .*decode it first"):
        cablefacts.extract((SEED / f"{CABLE}.txt").read_bytes(), rules_pipeline())

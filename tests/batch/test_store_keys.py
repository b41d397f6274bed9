"""The store knows a file by its resolved path and its content: other spellings of a folder, copies and
symlinks add nothing; two different files with one cable id are both kept, with a warning, and get a
report page each; rows of deleted files can be pruned; warnings are kept; a store of the first schema
is brought up to date in place; Ctrl-C keeps the finished batches and says how to resume."""

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from cablefacts.batch.runner import run
from cablefacts.batch.store import Store
from cablefacts.report.dashboard import build
from tests.conftest import EXTRA, ROOT, SEED

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop


def _counts(store: Store) -> tuple[int, int]:
    return (store.db.execute("SELECT COUNT(*) FROM cables").fetchone()[0],
            store.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0])


def _summary_line(index) -> str:
    return re.search(r"<p>(\d+ cables read.*?facts)", index.read_text()).group(1)


def test_three_spellings_of_one_folder_store_one_clean_run(tmp_path, monkeypatch):
    shutil.copytree(SEED, tmp_path / "corpus" / "seed")
    monkeypatch.chdir(tmp_path)
    clean = Store(tmp_path / "clean.sqlite")
    run([str(p) for p in sorted((tmp_path / "corpus" / "seed").iterdir())], clean)
    store = Store(tmp_path / "three.sqlite")
    first = run([f"corpus/seed/{p.name}" for p in sorted(SEED.iterdir())], store)
    second = run([str(tmp_path / "corpus" / "seed" / p.name) for p in sorted(SEED.iterdir())], store)
    monkeypatch.chdir(tmp_path / "corpus")
    third = run([f"./seed/{p.name}" for p in sorted(SEED.iterdir())], store)
    assert first.done == 5 and second.skipped == third.skipped == 5 and second.done == third.done == 0
    assert _counts(store) == _counts(clean) and _counts(store)[1] > 100
    assert len(list(store.facts(contents=third.contents))) == _counts(clean)[1]
    store.close()
    clean.close()
    assert _summary_line(build(tmp_path / "three.sqlite", tmp_path / "r3")) == \
        _summary_line(build(tmp_path / "clean.sqlite", tmp_path / "r1"))


def test_copies_are_skipped_and_prune_forgets_deleted_files(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    names = [p.name for p in sorted(SEED.iterdir())][:3]
    for name in names:
        shutil.copy(SEED / name, a / name)
    shutil.copy(SEED / names[0], b / names[0])
    (b / "link.txt").symlink_to(a / names[1])
    store = Store(tmp_path / "f.sqlite")
    run([str(a / n) for n in names], store)
    before = _counts(store)
    again = run([str(b / names[0]), str(b / "link.txt")], store)
    assert again.skipped == 2 and again.done == 0 and _counts(store) == before
    (a / names[0]).unlink()  # its copy in b/ is still there: the row moves to it
    (a / names[2]).unlink()  # no other copy: the row goes
    assert store.gone() == [str(a / names[0]), str(a / names[2])]
    assert store.prune() == (1, 1)
    paths = [p for (p,) in store.db.execute("SELECT path FROM cables ORDER BY path")]
    assert paths == sorted([str(a / names[1]), str(b / names[0])])
    assert store.gone() == []
    orphans = store.db.execute("SELECT COUNT(*) FROM facts WHERE path NOT IN (SELECT path FROM cables)").fetchone()
    assert orphans[0] == 0
    store.close()


def test_two_files_with_one_cable_id_are_both_kept_and_shown_apart(tmp_path):
    full = (SEED / "07ASTANA614.txt").read_text(encoding="utf-8")
    cut = full[: full.index("Transit includes") + len("Transit incl")]
    (tmp_path / "full").mkdir()
    (tmp_path / "cut").mkdir()
    (tmp_path / "full" / "07ASTANA614.txt").write_text(full, encoding="utf-8")
    (tmp_path / "cut" / "07ASTANA614.txt").write_text(cut, encoding="utf-8")
    store = Store(tmp_path / "f.sqlite")
    summary = run([str(tmp_path / "full" / "07ASTANA614.txt"), str(tmp_path / "cut" / "07ASTANA614.txt")], store)
    assert summary.done == 2
    warnings = [w for _, w in summary.warnings]
    assert any("mid-sentence" in w and "cut off" in w for w in warnings)
    assert any(f"also read from {tmp_path / 'full' / '07ASTANA614.txt'}" in w for w in warnings)
    rows = dict(store.db.execute("SELECT path, warnings FROM cables"))
    assert len(rows) == 2 and json.loads(rows[str(tmp_path / "cut" / "07ASTANA614.txt")])
    store.close()
    build(tmp_path / "f.sqlite", tmp_path / "report")
    assert len(list((tmp_path / "report" / "cables").glob("07ASTANA614_*.html"))) == 2


def test_decoding_and_header_only_files_are_recorded_with_warnings(tmp_path):
    text = (EXTRA / sorted(p.name for p in EXTRA.glob("*.txt"))[0]).read_text(encoding="utf-8")
    (tmp_path / "cp1252.txt").write_bytes(text.replace("trafficking", "trafficking \u2013", 1).encode("cp1252",
                                                                                                  "replace"))
    (tmp_path / "header.txt").write_text((SEED / "07ASTANA614.txt").read_text().split("SUBJECT")[0])
    store = Store(tmp_path / "f.sqlite")
    summary = run([str(tmp_path / "cp1252.txt"), str(tmp_path / "header.txt")], store)
    found = {path.rsplit("/", 1)[1]: w for path, w in summary.warnings}
    assert "cp1252" in found["cp1252.txt"] and "a header without its text" in found["header.txt"]
    stored = {p.rsplit("/", 1)[1]: json.loads(w) for p, w in store.db.execute("SELECT path, warnings FROM cables")}
    assert any("cp1252" in w for w in stored["cp1252.txt"]) and stored["header.txt"]
    store.close()


OLD_SCHEMA = """
CREATE TABLE cables (path TEXT PRIMARY KEY, cable_id TEXT, sha256 TEXT NOT NULL, model TEXT NOT NULL,
    status TEXT NOT NULL, error TEXT, date TEXT, origin TEXT, classification TEXT, subject TEXT, tags TEXT,
    words INTEGER, n_facts INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE facts (id INTEGER PRIMARY KEY, path TEXT NOT NULL REFERENCES cables(path) ON DELETE CASCADE,
    type TEXT NOT NULL, cable TEXT, paragraph TEXT, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, confidence REAL NOT NULL, country TEXT, year INTEGER, fields TEXT NOT NULL);
"""


def test_a_store_of_the_first_schema_is_migrated_in_place(tmp_path):
    """The first schema keyed files by the path as typed: one file under two spellings gave two rows."""
    (tmp_path / "seed").mkdir()
    shutil.copy(SEED / "07ASTANA614.txt", tmp_path / "seed" / "07ASTANA614.txt")
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript(OLD_SCHEMA)
    for path in ("seed/07ASTANA614.txt", str(tmp_path / "seed" / "07ASTANA614.txt")):
        con.execute("INSERT INTO cables (path, cable_id, sha256, model, status) VALUES (?, '07ASTANA614', 'abc', "
                    "'rules', 'done')", (path,))
        con.execute("INSERT INTO facts (path, type, start, \"end\", text, confidence, fields) "
                    "VALUES (?, 'tier', 0, 5, 'Tier 2', 0.9, '{}')", (path,))
    con.commit()
    con.close()
    store = Store(db)
    assert _counts(store) == (1, 1)
    assert store.db.execute("SELECT path, warnings FROM cables").fetchone() == \
        (str(tmp_path / "seed" / "07ASTANA614.txt"), "[]")
    store.close()


def test_ctrl_c_keeps_finished_batches_and_the_resumed_summary_matches_the_file(tmp_path):
    folder = tmp_path / "cables"
    folder.mkdir()
    for p in sorted([*SEED.glob("*.txt"), *EXTRA.glob("*.txt")]):  # every cable: a run long enough to stop
        shutil.copy(p, folder / p.name)
    db, out = tmp_path / "f.sqlite", tmp_path / "f.jsonl"
    cmd = [sys.executable, "-m", "cablefacts", "extract", str(folder), "--db", str(db), "--batch-size", "1"]
    # Ctrl-C reaches the run even where the suite itself was started with SIGINT ignored (a background job)
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            if sqlite3.connect(db).execute("SELECT COUNT(*) FROM cables").fetchone()[0] >= 1:
                break
        except sqlite3.Error:
            continue
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 130 and "Traceback" not in stdout + stderr
    assert re.search(r"interrupted: \d+ files of finished batches are kept in .*run the same command again", stderr)
    resumed = subprocess.run([*cmd, "-o", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    m = re.search(r"(\d+) skipped.*; (\d+) facts \((\d+) new\) in .*; (\d+) in ", resumed.stdout)
    assert m and int(m.group(1)) > 0 and int(m.group(3)) < int(m.group(2))
    assert int(m.group(2)) == int(m.group(4)) == len(out.read_text().splitlines())

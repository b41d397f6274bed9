"""Round trip through a real doccano server: push the seed cables' gold, edit one span and one relation
through the API as an annotator would, pull, and check that exactly that edit comes back."""

import importlib.metadata
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
import requests

from cablefacts.annotations.store import Gold
from tests.conftest import ROOT, require

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

SEED = ["06ASTANA32", "07ASTANA1061", "07ASTANA614", "08ASTANA1111", "09STATE60633"]


def doccano_bin() -> Path | None:
    for candidate in (os.environ.get("CABLEFACTS_DOCCANO_BIN"), ROOT / ".doccano-venv" / "bin" / "doccano"):
        if candidate and Path(candidate).exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = doccano_bin()
    require(binary is not None, "the doccano server (.doccano-venv, or CABLEFACTS_DOCCANO_BIN)")
    home = tmp_path_factory.mktemp("doccano-home")
    env = {**os.environ, "DOCCANO_HOME": str(home)}
    for args in (["init"], ["createuser", "--username", "annotator", "--password", "s3cret-pass"]):
        subprocess.run([str(binary), *args], env=env, check=True, capture_output=True, timeout=300)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(home / "webserver.log", "w") as log:  # the server holds its own copy of the file
        proc = subprocess.Popen([str(binary), "webserver", "--port", str(port)], env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            r = requests.post(f"{url}/v1/auth/login/", json={"username": "annotator", "password": "s3cret-pass"},
                              timeout=2)
            if r.ok:
                break
        except requests.RequestException:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail(f"doccano did not start: {(home / 'webserver.log').read_text()[-2000:]}")
    version = subprocess.run([str(binary.parent / "python"), "-c",
                              "import importlib.metadata as m; print(m.version('doccano'))"],
                             capture_output=True, text=True).stdout.strip()
    print(f"\ndoccano server {version} at {url}", file=sys.stderr)
    warnings.warn(f"doccano server version {version}", stacklevel=1)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture()
def home(tmp_path):
    """A copy of the project's corpus and annotations, so that pulling writes there."""
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "annotations", root / "annotations")
    (root / "corpus").mkdir()
    shutil.copytree(ROOT / "corpus" / "seed", root / "corpus" / "seed")
    shutil.copy(ROOT / "corpus" / "manifest.tsv", root / "corpus" / "manifest.tsv")
    return root


def cli(home, url, *args):
    env = {**os.environ, "CABLEFACTS_HOME": str(home), "CABLEFACTS_DOCCANO_URL": url,
           "CABLEFACTS_DOCCANO_USERNAME": "annotator", "CABLEFACTS_DOCCANO_PASSWORD": "s3cret-pass"}
    out = subprocess.run([sys.executable, "-m", "cablefacts", "doccano", *args], env=env, capture_output=True,
                         text=True, cwd=home)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_push_edit_pull_round_trip(server, home):
    assert importlib.metadata.version("doccano-client") == "1.1.1"
    before = {p.name: p.read_bytes() for p in (home / "annotations" / "gold").glob("*.json")}
    pushed = cli(home, server, "push", *sum((["--cable", c] for c in SEED), []), "--project", "roundtrip")
    assert "paragraphs" in pushed
    again = cli(home, server, "push", "--cable", "08ASTANA1111", "--project", "roundtrip")
    assert "0 paragraphs, 0 spans" in again  # re-pushing leaves the project as it is

    s = requests.Session()
    s.post(f"{server}/v1/auth/login/", json={"username": "annotator", "password": "s3cret-pass"}).raise_for_status()
    s.headers["X-CSRFToken"] = s.cookies.get("csrftoken")
    pid = next(p["id"] for p in s.get(f"{server}/v1/projects").json()["results"] if p["name"] == "roundtrip")
    types = {t["text"]: t["id"] for t in s.get(f"{server}/v1/projects/{pid}/span-types").json()}
    examples = s.get(f"{server}/v1/projects/{pid}/examples", params={"limit": 1000}).json()["results"]
    ex = next(e for e in examples if e["meta"]["cable"] == "09STATE60633" and "44 trafficking" in e["text"])
    base = f"{server}/v1/projects/{pid}/examples/{ex['id']}"
    span = next(sp for sp in s.get(f"{base}/spans").json()
                if ex["text"][sp["start_offset"]:sp["end_offset"]] == "44 trafficking investigations")
    s.patch(f"{base}/spans/{span['id']}", json={"label": types["VICTIM_COUNT"]}).raise_for_status()  # annotator edit
    rel = s.get(f"{base}/relations").json()[0]
    s.delete(f"{base}/relations/{rel['id']}").raise_for_status()

    report = cli(home, server, "pull", "--project", "roundtrip")
    assert "09STATE60633: 0 spans added, 1 changed, 0 removed; 0 relations added, 1 removed" in report
    after = {p.name: p.read_bytes() for p in (home / "annotations" / "gold").glob("*.json")}
    assert {n for n in after if after[n] != before[n]} == {"09STATE60633.json"}
    old = Gold.from_dict(json.loads(before["09STATE60633.json"]))
    new = Gold.from_dict(json.loads(after["09STATE60633.json"]))
    assert len(old.entities) == len(new.entities)
    changed = [(a, b) for a, b in zip(old.entities, new.entities, strict=True) if a != b]
    assert len(changed) == 1
    a, b = changed[0]
    assert (a.id, a.start, a.end, a.label, b.label) == (b.id, b.start, b.end, "CASE_COUNT", "VICTIM_COUNT")
    assert len(new.relations) == len(old.relations) - 1

"""`cablefacts serve` starts Datasette over a store: a phrase searched through its JSON API gives the
facts of the sentence that holds it; the canned queries run."""

import socket
import sqlite3
import subprocess
import sys
import time

import pytest
import requests

from cablefacts.report.model import build_model, figures
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sanjose_store):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "cablefacts", "serve", "--db", str(sanjose_store), "--port",
                             str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{url}/-/versions.json", timeout=1)
                break
            except requests.ConnectionError:
                if proc.poll() is not None:
                    pytest.fail(proc.stdout.read())
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_search_gives_the_facts_of_the_sentence(server, sanjose_store):
    con = sqlite3.connect(sanjose_store)
    sentence, = {t for (t,) in con.execute("SELECT text FROM facts WHERE type = 'victims' AND fields LIKE "
                                           "'%\"count\": 347%'")}
    phrase = " ".join(sentence.split()[:6])
    expected = {i for (i,) in con.execute("SELECT id FROM facts WHERE text = ?", (sentence,))}
    got = requests.get(f"{server}/{sanjose_store.stem}/facts.json",
                       params={"_search": f'"{phrase}"', "_shape": "objects", "_size": "max"}, timeout=30).json()
    ids = {row["id"] for row in got["rows"]}
    assert expected <= ids
    assert all(phrase in " ".join(row["text"].split()) for row in got["rows"])
    assert {row["type"] for row in got["rows"] if row["id"] in expected} >= {"victims"}


def test_canned_queries_and_labels(server, sanjose_store):
    db = sanjose_store.stem
    routes = requests.get(f"{server}/{db}/routes_to_a_country.json", params={"country": "cri", "_shape": "objects"},
                          timeout=30).json()["rows"]
    assert routes and all(r["cables"] >= 1 for r in routes)
    victims = requests.get(f"{server}/{db}/victims_by_year.json", params={"_shape": "objects"}, timeout=30).json()
    figure = figures(build_model(sanjose_store), "victims")[("CRI", 2008, "victims")][0]
    assert any(r["country"] == "CRI" and r["year"] == 2008 and r["victims"] == figure for r in victims["rows"])
    meta = requests.get(f"{server}/-/metadata.json", timeout=30).json()
    assert meta["databases"][db]["tables"]["facts"]["columns"]["text"] == "sentence the fact comes from"

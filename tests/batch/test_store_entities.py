"""The store keeps every cable's entities and relations with its facts: read from the same docs, with
provenance into the body as facts have it, written in the facts' transaction (all or nothing), moved
and dropped with the file's row; a store from before they were kept opens, gets the tables, and its
files are read again by the next run."""

import json
import shutil
import sqlite3

import pytest

from cablefacts.batch.runner import model_version, process_batch, run
from cablefacts.batch.store import Store
from cablefacts.cable import read_cable_file
from cablefacts.facts.provenance import provenance
from cablefacts.report.dashboard import build
from cablefacts.schema import allowed
from tests.conftest import SEED

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

NAMES = ("06ASTANA32.txt", "07ASTANA614.txt", "09STATE60633.txt")  # each with relations


def _copy(tmp_path, names=NAMES):
    folder = tmp_path / "cables"
    folder.mkdir()
    for name in names:
        shutil.copy(SEED / name, folder / name)
    return sorted(str(folder / n) for n in names)


def _rows(db, table):
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_a_run_stores_each_cables_entities_and_relations(tmp_path):
    files = _copy(tmp_path)
    store = Store(tmp_path / "f.sqlite")
    assert run(files, store).done == len(files)
    for path in files:
        cable = read_cable_file(path)
        entities, relations = store.entities(path), store.relations(path)
        assert entities and relations, path
        n = store.db.execute("SELECT n_entities FROM cables WHERE path = ?", (path,)).fetchone()[0]
        assert n == len(entities)
        for e in entities:  # offsets into the body, as facts have them
            assert cable.body[e["start"]:e["end"]] == e["text"]
            assert e["paragraph"] == provenance(cable, e["start"], e["end"])["paragraph"]
        assert [e["start"] for e in entities] == sorted(e["start"] for e in entities)  # text order
        for r in relations:
            head, child = entities[r["head"]], entities[r["child"]]
            assert allowed(r["type"], head["label"], child["label"]), r
            assert 0 < r["score"] <= 1
            assert r["start"] == min(head["start"], child["start"]) and r["end"] == max(head["end"], child["end"])
            sentence = " ".join(r["text"].split())
            assert " ".join(head["text"].split()) in sentence and " ".join(child["text"].split()) in sentence
            assert r["text"] in cable.body
    # the facts come from those entities: a route fact's ends are the ends of a ROUTE relation in its sentence
    routes = [f for f in store.facts() if f["type"] == "route" and f["cable"] == "07ASTANA614"]
    said = {(r["text"], r["type"]) for r in store.relations(files[1])}
    assert routes and all((f["text"], "ROUTE") in said for f in routes)
    store.close()


def test_entities_are_written_with_the_facts_or_not_at_all(tmp_path):
    files = _copy(tmp_path, NAMES[:2])
    store = Store(tmp_path / "f.sqlite")
    good, bad = process_batch(files)
    assert good.entities and bad.relations
    bad.relations[-1] = {**bad.relations[-1], "head": len(bad.entities) + 5}  # names no entity of its file
    with pytest.raises(sqlite3.IntegrityError):
        store.write_batch([good, bad], "rules")
    assert [_rows(store.path, t) for t in ("cables", "facts", "entities", "relations")] == [0, 0, 0, 0]
    store.close()


def test_rows_move_and_go_with_their_file(tmp_path):
    files = _copy(tmp_path, NAMES[:2])
    other = tmp_path / "copy"
    other.mkdir()
    shutil.copy(files[0], other / "a.txt")
    store = Store(tmp_path / "f.sqlite")
    run(files, store)
    before = store.entities(files[0]), store.relations(files[0])
    store.see({str(other / "a.txt"): store.db.execute("SELECT sha256 FROM cables WHERE path = ?",
                                                      (files[0],)).fetchone()[0]})
    for path in files:
        (tmp_path / "cables" / path.rsplit("/", 1)[1]).unlink()
    assert store.prune() == (1, 1)
    assert (store.entities(str(other / "a.txt")), store.relations(str(other / "a.txt"))) == before
    for table in ("entities", "relations"):
        assert store.db.execute(f"SELECT COUNT(*) FROM {table} WHERE path != ?", (str(other / "a.txt"),)
                                ).fetchone()[0] == 0
    store.close()


def test_a_store_without_entities_opens_and_its_files_are_read_again(tmp_path):
    files = _copy(tmp_path, NAMES[:2])
    db = tmp_path / "old.sqlite"
    store = Store(db)
    run(files, store)
    facts = sorted(json.dumps(f, sort_keys=True) for f in store.facts())
    store.close()
    con = sqlite3.connect(db)  # the store as the previous version wrote it
    con.executescript("DROP TABLE relations; DROP TABLE entities; ALTER TABLE cables DROP COLUMN n_entities;"
                      " PRAGMA user_version = 2;")
    con.close()
    build(db, tmp_path / "old-report")  # the report reads it as it is, and says what is missing
    page = (tmp_path / "old-report" / "cables" / "07ASTANA614.html").read_text(encoding="utf-8")
    assert "were not recorded for this file" in page and "<mark" not in page
    store = Store(db)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 3
    assert _rows(db, "entities") == 0 and store.done(model_version(None)) == {}
    again = run(files, store)
    assert again.done == len(files) and again.skipped == 0
    assert all(store.entities(p) and store.relations(p) for p in files)
    assert sorted(json.dumps(f, sort_keys=True) for f in store.facts()) == facts
    assert run(files, store).skipped == len(files)
    store.close()
    build(db, tmp_path / "report")  # the facts replaced took the consolidated tables; the report makes them again
    page = (tmp_path / "report" / "cables" / "07ASTANA614.html").read_text(encoding="utf-8")
    assert "<mark" in page and "were not recorded" not in page

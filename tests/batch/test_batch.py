"""Batch extraction: store, resume, faults, kill-and-rerun, process pool and Dask giving the same facts (and
entities and relations)."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from cablefacts.batch.runner import _batches, _pipe_by_length, run
from cablefacts.batch.store import Store
from cablefacts.cable import read_cable_file
from tests.conftest import EXTRA, ROOT, SEED

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

CABLES = sorted([*SEED.glob("*.txt"), *EXTRA.glob("*.txt")])


def _corpus(tmp_path, n=None):
    folder = tmp_path / "cables"
    folder.mkdir()
    for p in CABLES[:n]:
        shutil.copy(p, folder / p.name)
    return folder


def _facts(db):
    store = Store(db)
    try:
        return sorted(json.dumps(f, sort_keys=True) for f in store.facts())
    finally:
        store.close()


def _annotations(db):
    """Every file's entities and relations."""
    store = Store(db)
    try:
        paths = [p for (p,) in store.db.execute("SELECT path FROM cables ORDER BY path")]
        return {p: (store.entities(p), store.relations(p)) for p in paths}
    finally:
        store.close()


def _run(tmp_path, folder, db, *extra):
    return subprocess.run([sys.executable, "-m", "cablefacts", "extract", str(folder), "--db", str(db), *extra],
                          capture_output=True, text=True, cwd=ROOT)


def test_store_resume_and_changed_files(tmp_path):
    folder = _corpus(tmp_path, 12)
    db = tmp_path / "f.sqlite"
    store = Store(db)
    files = sorted(str(p) for p in folder.iterdir())
    first = run(files, store)
    assert first.done == 12 and first.facts > 0
    again = run(files, store)
    assert again.skipped == 12 and again.done == 0
    changed = folder / CABLES[0].name
    changed.write_text(changed.read_text().replace("trafficking", "trafficking in persons", 1))
    third = run(files, store)
    assert third.done == 1 and third.skipped == 11
    forced = run(files, store, force=True)
    assert forced.done == 12
    n = store.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    assert n == len(list(store.facts())) and n == forced.facts
    store.close()


def test_bad_files_are_recorded_and_the_run_goes_on(tmp_path):
    folder = _corpus(tmp_path, 3)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "header.txt").write_text(CABLES[0].read_text().split("SUBJECT")[0])
    db = tmp_path / "f.sqlite"
    out = _run(tmp_path, folder, db)
    assert out.returncode == 0, out.stderr
    assert "3 done" in out.stdout.replace("\n", " ") or "4 done" in out.stdout.replace("\n", " ")
    rows = dict(sqlite3.connect(db).execute("SELECT path, status || ':' || COALESCE(error, '') FROM cables"))
    assert rows[str(folder / "empty.txt")].startswith("failed:") and "empty" in rows[str(folder / "empty.txt")]
    assert "binary" in rows[str(folder / "binary.txt")]
    strict = _run(tmp_path, folder, db, "--strict", "--force")
    assert strict.returncode == 1


def test_killed_run_resumes_to_the_same_facts(tmp_path):
    folder = _corpus(tmp_path)
    clean_db, killed_db = tmp_path / "clean.sqlite", tmp_path / "killed.sqlite"
    assert _run(tmp_path, folder, clean_db, "--batch-size", "4").returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "cablefacts", "extract", str(folder), "--db", str(killed_db),
                             "--batch-size", "4"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    done = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            done = sqlite3.connect(killed_db).execute("SELECT COUNT(*) FROM cables").fetchone()[0]
        except sqlite3.Error:
            continue
        if done >= 8:
            break
    assert proc.poll() is None, "the run finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = sqlite3.connect(killed_db).execute("SELECT COUNT(*) FROM cables").fetchone()[0]
    assert 0 < partial < len(CABLES)
    assert _run(tmp_path, folder, killed_db, "--batch-size", "4").returncode == 0
    facts = _facts(killed_db)
    assert facts == _facts(clean_db) and len(facts) == len(set(facts))
    annotations = _annotations(killed_db)
    assert annotations == _annotations(clean_db) and sum(len(r) for _, r in annotations.values()) > 100


def test_process_pool_gives_the_same_facts(tmp_path):
    folder = _corpus(tmp_path, 16)
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    assert _run(tmp_path, folder, one, "--batch-size", "4").returncode == 0
    assert _run(tmp_path, folder, two, "--batch-size", "4", "--n-process", "2").returncode == 0
    assert _facts(one) == _facts(two)
    assert _annotations(one) == _annotations(two)


def test_dask_local_cluster_gives_the_same_facts(tmp_path):
    from dask import distributed
    folder = _corpus(tmp_path)
    files = sorted(str(p) for p in folder.iterdir())
    single, dask_db = Store(tmp_path / "one.sqlite"), Store(tmp_path / "dask.sqlite")
    run(files, single)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run(files, dask_db, engine="dask", scheduler=cluster.scheduler_address, batch_size=8)
    assert summary.done == len(files)
    assert sorted(json.dumps(f, sort_keys=True) for f in dask_db.facts()) == \
        sorted(json.dumps(f, sort_keys=True) for f in single.facts())
    assert all((dask_db.entities(p), dask_db.relations(p)) == (single.entities(p), single.relations(p)) for p in files)


def test_whole_bulk_archive_goes_through(bulk_dir, tmp_path):
    """All 6,689 cables end in the store, done or failed with a reason; none makes the run crash."""
    files = sorted(str(p) for p in bulk_dir.iterdir())
    store = Store(tmp_path / "bulk.sqlite")
    summary = run(files, store, batch_size=64)
    counts = store.counts()
    assert summary.done + summary.failed == len(files) == 6689
    assert sum(counts.values()) == len(files)
    assert all(error for _, error in store.failures())
    assert not [e for _, e in store.failures() if "reader error" in e or "assembly error" in e]
    assert summary.facts > 0
    store.close()


def test_batches_are_bounded_by_files_and_bytes():
    paths = [str(p) for p in CABLES]
    batches = list(_batches(paths, 8, max_bytes=40_000))
    assert [p for b in batches for p in b] == paths  # every file once, in order
    for b in batches:
        assert len(b) <= 8
        assert len(b) == 1 or sum(os.path.getsize(p) for p in b) <= 40_000


def test_pipe_groups_keep_order_and_bound_length():
    from cablefacts.pipeline.tokenizer import blank_nlp

    nlp = blank_nlp()
    calls = []
    pipe = nlp.pipe
    nlp.pipe = lambda texts, batch_size: (calls.append(list(texts)) or pipe(calls[-1], batch_size=batch_size))
    cable = read_cable_file(SEED / "09STATE60633.txt")
    texts = [cable.paragraph_text(p) for p in cable.paragraphs]
    docs = list(_pipe_by_length(nlp, texts, max_chars=1500))
    assert [d.text for d in docs] == texts
    assert len(calls) > 1 and all(len(c) == 1 or sum(map(len, c)) <= 1500 for c in calls)

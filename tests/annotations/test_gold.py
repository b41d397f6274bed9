"""Gold store, validation, formats and splits on the real annotated corpus."""

import json
import shutil

import pytest

from cablefacts.annotations import doccano, prodigy
from cablefacts.annotations.docbin import paragraph_docs
from cablefacts.annotations.splits import check_splits, load_splits
from cablefacts.annotations.store import annotated_ids, load_resolved
from cablefacts.annotations.validate import validate_all, validate_gold_file
from cablefacts.corpus import cable_path
from cablefacts.pipeline.tokenizer import blank_nlp
from tests.conftest import ROOT


@pytest.fixture(scope="module", autouse=True)
def synced():
    missing = [c for c in annotated_ids(ROOT) if not cable_path(c, ROOT).exists()]
    if missing:
        pytest.fail(f"run `cablefacts corpus sync` first; missing {missing[:3]}")


def test_whole_corpus_validates():
    assert validate_all(ROOT) == []


def test_gold_holds_no_mirrored_text():
    for path in (ROOT / "annotations" / "gold").glob("*.json"):
        data = json.loads(path.read_text())
        assert set(data) == {"cable", "sha256", "entities", "relations"}
        assert all(set(e) == {"id", "label", "start", "end"} for e in data["entities"])


def test_resolved_spans_read_the_right_text():
    cable, gold = load_resolved("09STATE60633", ROOT)
    texts = {cable.body[e.start:e.end] for e in gold.entities}
    assert {"44 trafficking investigations", "$45,838", "TIER 2"} <= texts


def _broken_copy(tmp_path, edit):
    root = tmp_path / "proj"
    shutil.copytree(ROOT / "annotations", root / "annotations")
    shutil.copytree(ROOT / "corpus", root / "corpus", ignore=shutil.ignore_patterns("bulk"))
    path = root / "annotations" / "gold" / "09STATE60633.json"
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data, indent=1))
    return root, path


@pytest.mark.parametrize("edit, reason", [
    (lambda d: d["entities"][0].update(label="PERSON"), "unknown label"),
    (lambda d: d["entities"][0].update(start=d["entities"][0]["start"] + 1), "token boundaries"),
    (lambda d: d["entities"][1].update(start=d["entities"][0]["start"], end=d["entities"][0]["end"] + 3),
     "overlap"),
    (lambda d: d["relations"][0].update(type="EQUALS"), "is not allowed"),
    (lambda d: d["relations"][0].update(to_id="T999"), "unknown entity id"),
    (lambda d: d.update(sha256="0" * 64), "sha256 differs"),
])
def test_broken_copies_fail_with_a_reason(tmp_path, edit, reason):
    root, path = _broken_copy(tmp_path, edit)
    problems = validate_gold_file(path, root)
    assert problems and any(reason in p.reason for p in problems), problems
    assert all(p.file == str(path) and p.line >= 1 for p in problems)


def test_doccano_round_trip_is_identity():
    cable, gold = load_resolved("07ASTANA614", ROOT)
    records = doccano.to_records(cable, gold)
    assert len(records) == len(cable.paragraphs)
    rec = next(r for r in records if r["entities"])
    e = rec["entities"][0]
    assert rec["text"][e["start_offset"]:e["end_offset"]] == cable.body[
        rec["meta"]["offset"] + e["start_offset"]:rec["meta"]["offset"] + e["end_offset"]]
    back = doccano.from_records(cable, json.loads(json.dumps(records)), gold.sha256)

    def key(g):
        return (sorted((x.id, x.label, x.start, x.end) for x in g.entities),
                sorted((r.from_id, r.to_id, r.type) for r in g.relations))

    assert key(back) == key(gold)


def test_doccano_refuses_shifted_text():
    cable, gold = load_resolved("08ASTANA1111", ROOT)
    records = doccano.to_records(cable, gold)
    records[0]["meta"]["offset"] += 1
    with pytest.raises(doccano.RecordError):
        doccano.from_records(cable, records, gold.sha256)


def test_prodigy_round_trip_is_identity():
    cable, gold = load_resolved("09STATE60633", ROOT)
    back = prodigy.from_tasks(cable, prodigy.to_tasks(cable, gold), gold.sha256)
    assert sorted((e.label, e.start, e.end) for e in back.entities) == \
        sorted((e.label, e.start, e.end) for e in gold.entities)
    assert len(back.relations) == len(gold.relations)


def test_docbin_docs_carry_entities_and_relations():
    cable, gold = load_resolved("09STATE60633", ROOT)
    docs = paragraph_docs(blank_nlp(), cable, gold)
    assert sum(len(d.ents) for d in docs) == len(gold.entities)
    assert sum(len(d.user_data["relations"]) for d in docs) == len(gold.relations)


def test_splits_keep_groups_together_and_test_unseen_countries():
    assert check_splits(load_splits(ROOT), ROOT) == []
    assert set(annotated_ids(ROOT)) <= {c for s in ("train", "dev", "test") for c in load_splits(ROOT)[s]}

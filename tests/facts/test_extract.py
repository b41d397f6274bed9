"""Extraction end to end: schema-valid facts whose provenance points at their evidence."""

import json
import subprocess
import sys

import jsonschema

import cablefacts
from cablefacts.annotations.gold_facts import load_gold_facts, resolve_facts
from cablefacts.annotations.store import annotated_ids
from cablefacts.corpus import load_cable
from tests.conftest import ROOT, SEED

SCHEMA = json.loads((ROOT / "src" / "cablefacts" / "data" / "facts.schema.json").read_text())
# the schema checked once: ``jsonschema.validate`` checks it again for every fact
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


def test_api_gives_facts_from_text():
    facts = cablefacts.extract((SEED / "09STATE60633.txt").read_text(encoding="utf-8"))
    dicts = [f.to_dict() for f in facts]
    assert {"type": "cases", "count": 44, "stage": "investigation"}.items() <= next(
        d for d in dicts if d.get("count") == 44).items()
    money = next(d for d in dicts if d["type"] == "money" and d["amount"] == 45838)
    assert money["currency"] == "USD" and money["year"] == 2008
    for d in dicts:
        VALIDATOR.validate(d)


def test_cli_extract_writes_valid_jsonl_with_checkable_provenance(tmp_path):
    """Every fact extracted from the whole corpus is schema-valid and points at its evidence inside its sentence."""
    out = tmp_path / "facts.jsonl"
    run = subprocess.run([sys.executable, "-m", "cablefacts", "extract", str(SEED), str(ROOT / "corpus" / "cables"),
                          "-o", str(out), "--db", str(tmp_path / "f.sqlite")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    facts = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(facts) > 300 and len({f["cable"] for f in facts}) > 40
    cables = {}
    for f in facts:
        VALIDATOR.validate(f)
        cable = cables.setdefault(f["cable"], load_cable(f["cable"], ROOT))
        evidence = cable.body[f["start"]:f["end"]]
        assert evidence and evidence in f["text"]


def test_every_gold_fact_points_into_its_sentence():
    n = 0
    for cid in annotated_ids(ROOT):
        cable = load_cable(cid, ROOT)
        for f in resolve_facts(load_gold_facts(cid, ROOT), cable):
            evidence = cable.body[f["start"]:f["end"]]
            assert evidence and evidence in f["text"], (cid, f)
            n += 1
    assert n > 300


def test_bad_file_is_skipped_not_fatal(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "08ASTANA1111.txt").write_text((SEED / "08ASTANA1111.txt").read_text())
    out = tmp_path / "f.jsonl"
    run = subprocess.run([sys.executable, "-m", "cablefacts", "extract", str(tmp_path), "-o", str(out),
                          "--db", str(tmp_path / "f.sqlite")], capture_output=True, text=True)
    assert run.returncode == 0 and "empty file" in run.stderr
    assert "1 done" in run.stdout and "1 failed" in run.stdout

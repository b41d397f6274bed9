"""Records that do not fit their cable: refused with one line, never a traceback, and nothing written."""

import json
import os
import subprocess
import sys

import pytest

from cablefacts.annotations import doccano, prodigy
from cablefacts.annotations.store import Gold, load_resolved
from cablefacts.cable import parse_cable
from tests.conftest import ROOT, raw

CABLE = "08ASTANA1111"


def records(fmt: str) -> list[dict]:
    cable, gold = load_resolved(CABLE, ROOT)
    return doccano.to_records(cable, gold) if fmt == "doccano" else prodigy.to_tasks(cable, gold)


def shifted(recs: list[dict]) -> list[dict]:
    recs[0]["meta"]["offset"] += 1
    return recs


def unlabelled(recs: list[dict]) -> list[dict]:
    for rec in recs:
        for span in rec.get("entities", rec.get("spans", [])):
            del span["label"]
    return recs


@pytest.mark.parametrize("fmt", ["doccano", "prodigy"])
@pytest.mark.parametrize("damage, message", [
    (shifted, "text does not match the cable's body at offset 1"),
    (unlabelled, f"record of {CABLE} has no 'label' field; nothing stored"),
])
def test_import_refuses_records_that_do_not_fit(tmp_path, fmt, damage, message):
    path = tmp_path / f"{fmt}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in damage(records(fmt))), encoding="utf-8")
    gold = ROOT / "annotations" / "gold" / f"{CABLE}.json"
    before = gold.read_bytes()
    run = subprocess.run([sys.executable, "-m", "cablefacts", "annotations", "import", str(path), "--format", fmt],
                         capture_output=True, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "300"})
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert message in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert gold.read_bytes() == before


def test_records_of_a_cable_without_an_id_are_refused():
    # 08ASTANA1111 from its first paragraph on: no header, so no id to file the gold under
    text = raw(CABLE)
    cable = parse_cable(text[text.find("1. "):])
    assert cable.id is None
    recs = doccano.to_records(cable, Gold(CABLE, ""))
    with pytest.raises(doccano.RecordError, match="gives no id"):
        doccano.from_records(cable, recs, "")

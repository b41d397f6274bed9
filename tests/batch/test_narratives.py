"""`cablefacts extract` over a JSON Lines file of TIP narratives: every narrative's facts, a bad line
named and skipped, and a JSON Lines output that matches the library's facts."""

import json
import subprocess
import sys

from cablefacts.api import extract, rules_pipeline
from cablefacts.narratives import narrative_cable
from tests.conftest import ROOT


def test_narratives_file_with_a_bad_line(tmp_path):
    records = [json.loads(line) for line in (ROOT / "corpus" / "factbook.jsonl").read_text().splitlines()[:3]]
    lines = [json.dumps(records[0]), "{not json", json.dumps(records[1]), "", json.dumps(records[2])]
    source = tmp_path / "narratives.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "facts.jsonl"

    run = subprocess.run([sys.executable, "-m", "cablefacts", "extract", str(source), "-o", str(out)],
                         capture_output=True, text=True, cwd=tmp_path)

    assert run.returncode == 0, run.stderr
    assert f"skipped: {source}:2: not a narrative record" in run.stderr and "Traceback" not in run.stderr
    nlp = rules_pipeline()
    expected = [f.to_dict() for r in records for f in extract(narrative_cable(r), nlp)]
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert written == expected and written
    assert f"3 narratives, 1 skipped; {len(expected)} facts" in run.stdout

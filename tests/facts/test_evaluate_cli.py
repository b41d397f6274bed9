"""`cablefacts evaluate-facts` scores against the gold folder it is given, from any working directory."""

import json
import shutil
import subprocess
import sys

from cablefacts.annotations.gold_facts import resolved_gold_facts
from cablefacts.facts.evaluate import score
from tests.conftest import ROOT

CABLES = ["06ASTANA32", "07ASTANA614"]


def test_a_gold_folder_of_its_own(tmp_path):
    gold = tmp_path / "my-gold"
    gold.mkdir()
    for cid in CABLES:
        shutil.copy(ROOT / "annotations" / "facts" / f"{cid}.jsonl", gold)
    ids, facts = resolved_gold_facts(gold)
    assert ids == CABLES
    n_gold = sum(len((gold / f"{cid}.jsonl").read_text().splitlines()) for cid in CABLES)
    assert len(facts) == n_gold
    # predicted: the gold of the first cable, and one fact of another cable that the folder does not hold
    other = resolved_gold_facts(ROOT / "annotations" / "facts", ["07ASTANA1061"])[1][:1]
    predicted = tmp_path / "predicted.jsonl"
    predicted.write_text("".join(json.dumps({**f, "confidence": 1.0}) + "\n"
                                 for f in [*(f for f in facts if f["cable"] == CABLES[0]), *other]))
    run = subprocess.run([sys.executable, "-m", "cablefacts", "evaluate-facts", str(predicted), str(gold),
                          "-o", str(tmp_path / "scores.json")], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    scores = json.loads((tmp_path / "scores.json").read_text())
    first = [f for f in facts if f["cable"] == CABLES[0]]
    assert scores == json.loads(json.dumps(score(first, facts)))  # the other cable's fact is not scored
    assert scores["micro"]["precision"] == 1.0 and 0 < scores["micro"]["recall"] < 1

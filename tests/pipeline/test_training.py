"""Train a tiny pipeline end to end through `spacy train` and check that it predicts what it saw."""

import json

import pytest
import spacy

from cablefacts.evaluation import gold_docs, score_pipeline
from cablefacts.training import model_info, train
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

CABLE = "06ASTANA32"  # a short seed cable dense in provisions, penalties, counts and their relations


def test_tiny_model_learns_entities_and_relations(tmp_path):
    best = train(ROOT / "configs" / "default.cfg", tmp_path, splits={"train": [CABLE], "dev": [CABLE]}, seed=1,
                 overrides={"training.max_epochs": 100, "training.eval_frequency": 50,
                            "components.tok2vec.model.embed.width": 32, "components.tok2vec.model.encode.width": 32,
                            "components.cablefacts_rel.model.tok2vec.width": 32})
    nlp = spacy.load(best)
    refs = gold_docs([CABLE])
    # the trained components alone: no patterns, no heuristics, no filter
    with nlp.select_pipes(disable=["cablefacts_rules", "cablefacts_relation_rules", "cablefacts_participants"]):
        scores = score_pipeline(nlp, refs)
    assert scores["ents_f"] > 0.5 and scores["rel_micro_f"] > 0.3
    meta = json.loads((best / "meta.json").read_text())
    assert meta["cablefacts"]["trained_on"] == [CABLE]
    info = model_info(best)
    assert info["annotations_changed"] is False
    assert info["pipeline"] == ["tok2vec", "ner", "cablefacts_rules", "cablefacts_rel", "cablefacts_relation_rules",
                                "cablefacts_participants"]

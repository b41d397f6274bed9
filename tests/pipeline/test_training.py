"""Train a tiny pipeline end to end through `spacy train` and check that it predicts what it saw."""

import json

import spacy

from cablefacts.annotations.store import load_resolved
from cablefacts.training import model_info, train
from tests.conftest import ROOT

CABLE = "08ASTANA1111"  # upgraded from Tier 2 Watch list to Tier 2: TIER, GPE and RANKED


def test_tiny_model_learns_entities_and_relations(tmp_path):
    best = train(ROOT / "configs" / "default.cfg", tmp_path, splits={"train": [CABLE], "dev": [CABLE]}, seed=1,
                 overrides={"training.max_epochs": 60, "training.eval_frequency": 10,
                            "components.tok2vec.model.embed.width": 32, "components.tok2vec.model.encode.width": 32,
                            "components.cablefacts_rel.model.tok2vec.width": 32})
    nlp = spacy.load(best)
    cable, gold = load_resolved(CABLE, ROOT)
    para = next(p for p in cable.paragraphs if "Tier 2 Watch list" in cable.paragraph_text(p))
    doc = nlp(cable.paragraph_text(para))
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Tier 2", "TIER") in found and ("Tier 2 Watch list", "TIER") in found
    assert any(t == "RANKED" and doc.ents[c].label_ == "TIER" for _, c, t, _ in doc._.relations)
    meta = json.loads((best / "meta.json").read_text())
    assert meta["cablefacts"]["trained_on"] == [CABLE]
    info = model_info(best)
    assert info["annotations_changed"] is False
    assert info["pipeline"] == ["tok2vec", "ner", "cablefacts_rules", "cablefacts_rel", "cablefacts_relation_rules"]

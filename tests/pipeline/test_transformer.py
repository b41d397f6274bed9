"""The transformer config, trained offline: a tiny BERT and its tokenizer are built locally, the
config trains on one cable for a few steps, and the saved pipeline runs."""

import pytest
import spacy
from transformers import BertConfig, BertModel, BertTokenizerFast

from cablefacts.corpus import load_cable
from cablefacts.training import train
from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

CABLE = "08ASTANA1111"


def tiny_transformer(folder, text):
    words = sorted({w.lower() for w in text.replace("\n", " ").split()} | set("abcdefghijklmnopqrstuvwxyz0123456789"))
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words]
    folder.mkdir()
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True).save_pretrained(folder)
    config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=64, max_position_embeddings=256)
    BertModel(config).save_pretrained(folder)
    return folder


def test_transformer_config_trains_and_runs_offline(tmp_path):
    cable = load_cable(CABLE, ROOT)
    hf = tiny_transformer(tmp_path / "tiny-bert", cable.body)
    best = train(ROOT / "configs" / "transformer.cfg", tmp_path / "run", splits={"train": [CABLE], "dev": [CABLE]},
                 overrides={"paths.transformer": str(hf), "training.max_epochs": 3, "training.eval_frequency": 5,
                            "training.optimizer.learn_rate": 0.001})
    nlp = spacy.load(best)
    assert nlp.pipe_names == ["transformer", "ner", "cablefacts_rules", "cablefacts_rel", "cablefacts_relation_rules",
                              "cablefacts_participants"]
    doc = nlp(cable.paragraph_text(cable.paragraphs[0]))
    assert doc._.trf_data is not None and len(doc) > 10
    assert isinstance(doc._.relations, list)

"""The relation component as spaCy's own: added from its default config alone, its labels read from the
training data, trained with ``nlp.update`` on gold of a seed cable, and what each factory requires and assigns."""

import spacy
from spacy.training import Example

from cablefacts.annotations.docbin import paragraph_docs
from cablefacts.annotations.store import load_resolved
from cablefacts.api import rules_pipeline
from cablefacts.pipeline.tokenizer import blank_nlp

CABLE = "07ASTANA614"


def test_added_from_its_default_config():
    nlp = spacy.blank("en")
    rel = nlp.add_pipe("cablefacts_rel")
    assert nlp.config["components"]["cablefacts_rel"]["model"]["@architectures"] == "cablefacts.RelationModel.v1"
    assert rel.scorer.__name__ == "score_relations"


def test_analyze_pipes_shows_requires_and_assigns():
    summary = rules_pipeline().analyze_pipes(pretty=False)["summary"]
    assert summary["cablefacts_rules"]["assigns"] == ["doc.ents"]
    assert summary["cablefacts_relation_rules"]["requires"] == ["doc.ents"]
    assert "doc._.relations" in summary["cablefacts_relation_rules"]["assigns"]
    assert summary["cablefacts_participants"]["requires"] == ["doc.ents", "doc._.relations"]


def test_trains_from_its_default_config_alone():
    nlp = blank_nlp()
    rel = nlp.add_pipe("cablefacts_rel")
    cable, gold = load_resolved(CABLE)
    refs = [d for d in paragraph_docs(nlp, cable, gold) if d.user_data["relations"]]
    examples = [Example(nlp.make_doc(d.text), d) for d in refs]
    nlp.initialize(lambda: examples)
    assert set(rel.labels) == {r[4] for d in refs for r in d.user_data["relations"]}  # read from the data
    optimizer = nlp.create_optimizer()
    losses = [nlp.update(examples, sgd=optimizer, losses={})["cablefacts_rel"] for _ in range(12)]
    assert losses[-1] < losses[0] / 2
    scores = nlp.evaluate([Example(_with_ents(nlp, d), d) for d in refs])
    assert scores["rel_micro_f"] > 0.5  # it learnt the cable's own relations


def _with_ents(nlp, ref):
    doc = nlp.make_doc(ref.text)
    doc.ents = [doc.char_span(e.start_char, e.end_char, label=e.label_) for e in ref.ents]
    return doc


def test_the_config_swaps_the_candidate_generator():
    from spacy.util import registry

    from cablefacts.pipeline.relation_component import candidates

    @registry.misc("test.next_entity_only.v1")
    def next_entity_only():
        return lambda doc, max_distance: [(i, j) for i, j in candidates(doc, max_distance) if j == i + 1]

    nlp = blank_nlp()
    rel = nlp.add_pipe("cablefacts_rel", config={"get_candidates": {"@misc": "test.next_entity_only.v1"},
                                                 "threshold": 0.0})
    cable, gold = load_resolved(CABLE)
    refs = [d for d in paragraph_docs(nlp, cable, gold) if d.user_data["relations"]]
    nlp.initialize(lambda: [Example(nlp.make_doc(d.text), d) for d in refs])
    doc = rel(_with_ents(nlp, refs[0]))
    assert doc._.relations and all(j == i + 1 for i, j, *_ in doc._.relations)

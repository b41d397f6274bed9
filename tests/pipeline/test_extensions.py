"""``doc._.relations`` holds named ``Relation`` records, and ``set_ents`` keeps them on their entities when
the entities change (the participants filter and any component that edits ``doc.ents`` rely on it)."""

from cablefacts.api import rules_pipeline
from cablefacts.cable import read_cable_file
from cablefacts.pipeline.extensions import Relation, set_ents
from tests.conftest import SEED


def _by_text(doc):
    return {(h.text, h.start, c.text, c.start, r.label) for r in doc._.relations for h, c in [r.spans(doc)]}


def test_relations_follow_their_entities_when_ents_change():
    cable = read_cable_file(SEED / "07ASTANA614.txt")
    nlp = rules_pipeline()
    docs = [d for d in nlp.pipe(cable.paragraph_text(p) for p in cable.paragraphs) if len(d._.relations) >= 2]
    assert docs, "a seed paragraph with two relations or more"
    doc = docs[0]
    assert all(isinstance(r, Relation) and r.score == 1.0 for r in doc._.relations)
    before = _by_text(doc)
    dropped = doc.ents[doc._.relations[0].head]  # an entity that takes part in a relation
    set_ents(doc, [e for e in doc.ents if e != dropped])
    after = _by_text(doc)
    assert after == {r for r in before if dropped.start not in (r[1], r[3])}  # every other relation kept, the same
    assert len(after) < len(before)
    assert all(0 <= r.head < len(doc.ents) and 0 <= r.child < len(doc.ents) for r in doc._.relations)

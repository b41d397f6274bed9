"""Property tests: doccano and Prodigy export -> import is the identity on random valid annotation sets
over a real cable, including relations, empty paragraphs and spans at paragraph edges."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablefacts import schema
from cablefacts.annotations import doccano, prodigy
from cablefacts.annotations.store import Entity, Gold, Relation
from cablefacts.corpus import load_cable
from cablefacts.pipeline.tokenizer import blank_nlp
from tests.conftest import ROOT

CABLE = load_cable("08ASTANA1111", ROOT)
NLP = blank_nlp()
# token boundaries of each paragraph, in body offsets
TOKENS = [[(p.start + t.idx, p.start + t.idx + len(t)) for t in NLP.make_doc(CABLE.paragraph_text(p))
           if not t.is_space] for p in CABLE.paragraphs]


@st.composite
def gold_sets(draw):
    entities: list[Entity] = []
    for toks in TOKENS:
        if draw(st.booleans()):  # leave some paragraphs empty
            continue
        n = len(toks)
        cuts = sorted(draw(st.sets(st.integers(0, n), max_size=min(n, 8))))
        # consecutive cut points make non-overlapping token spans; 0 and n give spans at paragraph edges
        for a, b in zip(cuts[::2], cuts[1::2], strict=False):
            if a < b:
                entities.append(Entity(f"T{len(entities) + 1}", draw(st.sampled_from(schema.LABELS)),
                                       toks[a][0], toks[b - 1][1]))
    by_para = {}
    for e in entities:
        by_para.setdefault(CABLE.paragraph_at(e.start), []).append(e)
    relations = []
    for group in by_para.values():
        for h in group:
            for c in group:
                types = schema.candidate_types(h.label, c.label)
                if h is not c and types and draw(st.booleans()):
                    relations.append(Relation(h.id, c.id, draw(st.sampled_from(types))))
    return Gold(CABLE.id, "x" * 64, entities, relations)


def key(g: Gold):
    return (sorted((e.id, e.label, e.start, e.end) for e in g.entities),
            sorted((r.from_id, r.to_id, r.type) for r in g.relations))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gold_sets())
def test_doccano_export_import_is_identity(gold):
    back = doccano.from_records(CABLE, doccano.to_records(CABLE, gold), gold.sha256)
    assert key(back) == key(gold)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gold_sets())
def test_prodigy_export_import_is_identity(gold):
    back = prodigy.from_tasks(CABLE, prodigy.to_tasks(CABLE, gold, NLP), gold.sha256)
    assert key(back) == key(gold)

"""The rule components on real cable text: relation heuristics (merge, prefer) and the participants filter."""

from cablefacts.api import rules_pipeline
from cablefacts.corpus import load_cable
from cablefacts.pipeline.extensions import Relation

CABLE = "07ASTANA614"  # routes from Uzbekistan by land to South Kazakhstan, then by air to the UAE


def _paragraph(marker: str) -> str:
    cable = load_cable(CABLE)
    return next(cable.paragraph_text(p) for p in cable.paragraphs if marker in cable.paragraph_text(p))


def _links(doc) -> set[tuple[str, str, str]]:
    return {(doc.ents[h].text, doc.ents[c].text, t) for h, c, t, _ in doc._.relations}


def test_participants_keeps_only_linked_places_and_dates():
    nlp = rules_pipeline()
    text = _paragraph("False documents were often used")  # "to move the victims, from Kazakhstan to the UAE"
    with nlp.select_pipes(disable=["cablefacts_participants"]):
        before = nlp(text)
    after = nlp(text)
    assert _links(after) == _links(before)  # relations survive the renumbering
    linked = {doc_i for h, c, *_ in after._.relations for doc_i in (h, c)}
    for i, e in enumerate(after.ents):
        if e.label_ in ("GPE", "NORP", "DATE"):
            assert i in linked
    dropped = {(e.text, e.label_) for e in before.ents} - {(e.text, e.label_) for e in after.ents}
    assert dropped and {label for _, label in dropped} <= {"GPE", "NORP", "DATE"}
    assert ("Kazakhstan", "UAE", "ROUTE") in _links(after)


def test_prefer_replaces_the_links_of_a_type_and_merge_keeps_the_others():
    nlp = rules_pipeline()
    with nlp.select_pipes(disable=["cablefacts_relation_rules", "cablefacts_participants"]):
        doc = nlp(_paragraph("United Arab Emirates"))
    ents = list(doc.ents)
    uae = next(i for i, e in enumerate(ents) if e.text == "United Arab Emirates")
    wrong = Relation(uae, next(i for i, e in enumerate(ents) if e.text == "Uzbekistan"), "ROUTE", 0.9)  # backwards
    rules = nlp.get_pipe("cablefacts_relation_rules")
    rules.merge = True
    for prefer, kept in (([], True), (["ROUTE"], False)):
        doc._.relations = [wrong]
        rules.prefer = set(prefer)
        rules(doc)
        assert (wrong in doc._.relations) is kept
        assert ("Uzbekistan", "South Kazakhstan", "ROUTE") in _links(doc)


def test_preferred_pattern_spans_replace_overlapping_ner_spans():
    from spacy.tokens import Span

    from cablefacts.pipeline.rules import EntityRules
    from cablefacts.pipeline.tokenizer import blank_nlp

    cable = load_cable("06ASTANA32")
    text = next(cable.paragraph_text(p) for p in cable.paragraphs if "Article 394 excludes" in cable.paragraph_text(p))
    nlp = blank_nlp()
    for prefer, expected in (([], ("394 excludes", "LAW")), (["ARTICLE"], ("Article 394", "ARTICLE"))):
        doc = nlp(text)
        start = next(t.i for t in doc if t.text == "394")
        doc.ents = [Span(doc, start, start + 2, label="LAW")]  # a wrong statistical span over the number
        EntityRules(overwrite=False, prefer=prefer)(doc)
        assert expected in {(e.text, e.label_) for e in doc.ents}

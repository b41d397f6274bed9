"""Table tests of the relation rules on real cable phrasing: each rule alone on the entities of one
sentence, each row the links it must give; and the rules in order give the same links as the component."""

import pytest

from cablefacts.api import rules_pipeline
from cablefacts.pipeline import relation_rules as R


@pytest.fixture(scope="module")
def nlp():
    return rules_pipeline()


def _doc(nlp, text: str):
    with nlp.select_pipes(disable=["cablefacts_relation_rules", "cablefacts_participants"]):
        return nlp(text)


def _links(doc, links) -> set[tuple[str, str, str]]:
    return {(doc.ents[h].text, doc.ents[c].text, t) for h, c, t, *_ in links}


RULES = [
    (R.article_in_law, "Article 128 of the Criminal Code prohibits trafficking in persons.",
     {("Article 128", "Criminal Code", "IN_LAW")}),
    (R.article_punishable_by, "Article 2 of the Law for Combating Prostitution punishes trafficking with 3 to 7 "
     "years in prison.", {("Article 2", "3 to 7 years in prison", "PUNISHABLE_BY")}),
    (R.article_cited_after_penalty, "If the abuse is committed against an adult, the penalty is from two to four "
     "years, and from three to six years if the perpetrator abuses the trust of the victim (Article 162).",
     {("Article 162", "from two to four years", "PUNISHABLE_BY"),
      ("Article 162", "from three to six years", "PUNISHABLE_BY")}),
    (R.count_sentenced_to, "Three traffickers were sentenced to 10 years in prison.",
     {("Three traffickers", "10 years in prison", "SENTENCED_TO")}),
    (R.money_equals, "The government allocated 12,920,000 tenge (about $104,000) for a trafficking shelter.",
     {("12,920,000 tenge", "about $104,000", "EQUALS")}),
    (R.country_ranked, "In the 2008 TIP Report, Kazakhstan was ranked Tier 2.", {("Kazakhstan", "Tier 2", "RANKED")}),
    (R.figure_in_year, "Authorities prosecuted 30 trafficking cases in 2008.",
     {("30 trafficking cases", "2008", "IN_YEAR")}),
    (R.victims_origin, "Police rescued 22 women from Uzbekistan who were forced into prostitution.",
     {("22 women", "Uzbekistan", "ORIGIN")}),
    (R.victims_destination, "Police identified 15 girls trafficked into Turkey for sexual exploitation.",
     {("15 girls", "Turkey", "DESTINATION")}),
    (R.route_legs, "Victims were trafficked from Uzbekistan to Kazakhstan for forced labor.",
     {("Uzbekistan", "Kazakhstan", "ROUTE")}),
    # a penalty before its article, and one in the next sentence for the article of the one before
    (R.penalties_elsewhere, "Each instance of trafficking would face a seven to ten year sentence under Article 128.",
     {("Article 128", "a seven to ten year sentence", "PUNISHABLE_BY")}),
    (R.penalties_elsewhere, "Article 172 of the Criminal Code deals with international trafficking in persons.  It "
     "carries a prison sentence of 3 to 6 years.",
     {("Article 172", "a prison sentence of 3 to 6 years", "PUNISHABLE_BY")}),
]


@pytest.mark.parametrize("rule,text,expected", RULES, ids=[r[0].__name__ for r in RULES])
def test_each_rule_gives_its_links(nlp, rule, text, expected):
    doc = _doc(nlp, text)
    assert _links(doc, rule(R.Paragraph.of(doc), set())) == expected


def test_every_rule_has_a_row():
    assert {r.__name__ for r in R.RULES} == {row[0].__name__ for row in RULES}


def test_no_rule_links_across_a_blocking_entity(nlp):
    # the first law and the first penalty after an article are its own; another count between takes the penalty
    doc = _doc(nlp, "Article 128 of the Criminal Code and Article 6 of the Extradition Law apply.")
    assert _links(doc, R.article_in_law(R.Paragraph.of(doc), set())) == {
        ("Article 128", "Criminal Code", "IN_LAW"), ("Article 6", "Extradition Law", "IN_LAW")}
    doc = _doc(nlp, "Police arrested 12 suspects and five traffickers were sentenced to 10 years in prison.")
    assert _links(doc, R.count_sentenced_to(R.Paragraph.of(doc), set())) == {
        ("five traffickers", "10 years in prison", "SENTENCED_TO")}


@pytest.mark.parametrize("text", [row[1] for row in RULES])
def test_the_component_applies_the_rules_in_order(nlp, text):
    doc = _doc(nlp, text)
    p, expected = R.Paragraph.of(doc), set()
    for rule in R.RULES:
        expected |= set(rule(p, expected))
    nlp.get_pipe("cablefacts_relation_rules")(doc)
    assert _links(doc, doc._.relations) == _links(doc, expected)

"""Table tests of the fact builders (``facts.assemble.BUILDERS``) on real cable phrasing: each row one
sentence and the fact (type and fields) its builder must give."""

import pytest

from cablefacts.api import extract, rules_pipeline
from cablefacts.facts import assemble as A
from cablefacts.narratives import narrative_cable


@pytest.fixture(scope="module")
def nlp():
    return rules_pipeline()


def _facts(nlp, text: str, country: str) -> list[dict]:
    cable = narrative_cable({"id": "factbook-2010-Test", "edition": 2010, "country": country, "text": text})
    return [f.to_dict() for f in extract(cable, nlp, gate=False)]


BUILDERS = [
    (A._provision, "Article 2 of the Law for Combating Prostitution punishes trafficking with 3 to 7 years in prison.",
     "Kazakhstan", {"type": "provision", "law": "Law for Combating Prostitution", "article": "2", "min_years": 3,
                    "max_years": 7}),
    (A._sentence, "Twelve sex trafficking offenders were given sentences ranging from 1.5 to 6 years' imprisonment.",
     "Kazakhstan", {"type": "sentence", "offenders": 12, "min_years": 1.5, "max_years": 6,
                    "exploitation": "sexual"}),
    (A._cases, "Authorities prosecuted 30 trafficking cases in 2008.", "Kazakhstan",
     {"type": "cases", "count": 30, "stage": "prosecution", "year": 2008}),
    (A._victims, "Police identified 15 girls trafficked into Turkey for sexual exploitation.", "Kazakhstan",
     {"type": "victims", "count": 15, "gender": "female", "minors": True, "destination": "TUR",
      "exploitation": "sexual"}),
    (A._money, "The government allocated 12,920,000 tenge (about $104,000) for a trafficking shelter.", "Kazakhstan",
     {"type": "money", "amount": 12920000, "currency": "KZT", "usd": 104000, "purpose": "a trafficking shelter"}),
    (A._tier, "tier rating: Tier 3 - Guinea-Bissau does not fully comply with the minimum standards for the "
     "elimination of trafficking.", "Guinea-Bissau", {"type": "tier", "country": "GNB", "tier": "3"}),
    (A._route, "Uzbek victims are trafficked by land to Kazakhstan for forced labor.", "Uzbekistan",
     {"type": "route", "origin": "UZB", "destination": "KAZ", "mode": "land"}),
]


@pytest.mark.parametrize("builder,text,country,expected", BUILDERS, ids=[b[0].__name__ for b in BUILDERS])
def test_each_builder_gives_its_fact(nlp, builder, text, country, expected):
    got = [f for f in _facts(nlp, text, country) if f["type"] == expected["type"]]
    assert any(all(f[k] == v for k, v in expected.items()) for f in got), got


def test_every_builder_has_a_row():
    built = set(A.BUILDERS.values()) | set(A._BY_KIND["cases"]) | set(A._BY_KIND["victims"]) | {A._route}
    assert {b.__name__ for b in built} - {"_count"} == {row[0].__name__ for row in BUILDERS}


def test_offenders_sentenced_give_a_sentence_and_a_conviction(nlp):
    got = {f["type"]: f for f in _facts(nlp, "Three traffickers were sentenced to 10 years in prison.", "Chile")}
    assert got["sentence"]["offenders"] == 3 and got["sentence"]["min_years"] == 10
    assert (got["cases"]["count"], got["cases"]["stage"]) == (3, "conviction")
    assert "victims" not in got


def test_facts_come_in_entity_order_then_routes(nlp):
    text = ("Authorities prosecuted 30 trafficking cases in 2008 and identified 40 victims of trafficking, most "
            "trafficked from Uzbekistan to Kazakhstan.")
    types = [f["type"] for f in _facts(nlp, text, "Kazakhstan")]
    assert types == ["cases", "victims", "route"]

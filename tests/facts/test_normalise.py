"""Normalisers on phrases taken from the corpus."""

import pytest

from cablefacts.facts import normalise as N


@pytest.mark.parametrize("text, value", [
    ("Twenty-four", 24), ("1,665,848", 1665848), ("1.5", 1.5), ("one-third", 1 / 3), ("a dozen", None),
    ("both", 2), ("twelve", 12), ("2 million", 2_000_000), ("nearly 6,000", 6000),
])
def test_numbers(text, value):
    assert N.parse_number(text) == value


@pytest.mark.parametrize("text, lo, hi, extra", [
    ("five - ten years of imprisonment", 5, 10, {}),
    ("from 5 to 15 years' imprisonment", 5, 15, {}),
    ("up to 15 years", None, 15, {}),
    ("a fine and up to eight years in prison", None, 8, {"fine": True}),
    ("six months", 0.5, 0.5, {}),
    ("life imprisonment", None, None, {"life": True}),
    ("suspended sentence", None, None, {"suspended": True}),
    ("sentences ranging from between 1.5 to 6 years' imprisonment", 1.5, 6, {}),
    ("seven to ten year's sentence", 7, 10, {}),
])
def test_penalties(text, lo, hi, extra):
    p = N.parse_penalty(text)
    assert (p.min_years, p.max_years) == (lo, hi)
    for k, v in extra.items():
        assert getattr(p, k) == v


@pytest.mark.parametrize("text, amount, currency", [
    ("$45,838", 45838, "USD"), ("\\$20 billion", 20_000_000_000, "USD"), ("12,920,000 tenge", 12_920_000, "KZT"),
    ("about $104,000", 104_000, "USD"), ("USD 2 million", 2_000_000, "USD"),
    ("4 million Egyptian pounds", 4_000_000, "EGP"), ("BD 2,000", 2000, "BHD"), ("IKR 32.5 million", 32_500_000, "ISK"),
    ("100 euros", 100, "EUR"), ("5,000 lira", 5000, "TRY"),
])
def test_money(text, amount, currency):
    m = N.parse_money(text)
    assert (m.amount, m.currency) == (amount, currency)


# currencies of countries the corpus has few cables of: ISO codes, symbols, names; a shared name (``dinars``,
# ``rupees``, ``pesos``) is the one of the country its adjective names, else the cable's country's
@pytest.mark.parametrize("text, country, amount, currency", [
    ("THB 3 million", None, 3_000_000, "THB"), ("500,000 baht", None, 500_000, "THB"),
    ("Rs. 40,000", "PAK", 40_000, "PKR"), ("Rs 2 million", "IND", 2_000_000, "INR"),
    ("3,000 dinars", "JOR", 3000, "JOD"), ("9 million Libyan dinars", "EGY", 9_000_000, "LYD"),
    ("1 million pesos", "CHL", 1_000_000, "CLP"), ("20,000 CFA francs", "SEN", 20_000, "XOF"),
    ("2 million New Taiwan dollars", None, 2_000_000, "TWD"), ("100 dollars", "CAN", 100, "USD"),
    ("5 billion South Korean won", None, 5_000_000_000, "KRW"), ("MXP 70 million", None, 70_000_000, "MXN"),
    ("USD 5 MILLION", None, 5_000_000, "USD"), ("4 million pounds", "EGY", 4_000_000, "EGP"),
    ("R$ 1.2 million", None, 1_200_000, "BRL"), ("50,000 Kenyan shillings", "UGA", 50_000, "KES"),
])
def test_money_of_any_country(text, country, amount, currency):
    m = N.parse_money(text, country)
    assert (m.amount, m.currency) == (amount, currency)


def test_a_word_that_is_a_currency_only_after_an_adjective():
    assert N.parse_money("3 Zapatero won").currency is None


@pytest.mark.parametrize("text, article, part, clause", [
    ("125(3)(b)", "125", "3", "b"), ("Article 330-2", "330-2", None, None),
    ("Article 411 quater", "411 quater", None, None), ("Article 1(a)", "1", None, "a"),
    ("Art. 227a", "227a", None, None),
])
def test_articles(text, article, part, clause):
    ref = N.parse_article(text)
    assert (ref.article, ref.part, ref.clause) == (article, part, clause)


@pytest.mark.parametrize("text, law", [
    ("the Criminal Code", "criminal_code"), ("its penal code", "criminal_code"),
    ("the Administrative Code", "administrative_code"), ("Code of Criminal Procedure", "criminal_procedure_code"),
    ("Labor Code", "labor_code"), ("TVPA", "TVPA"),
])
def test_laws(text, law):
    assert N.normalise_law(text) == law


@pytest.mark.parametrize("text, code", [
    ("UAE", "ARE"), ("the Emirates", "ARE"), ("Uzbek", "UZB"), ("South Kazakhstan", "KAZ"), ("Almaty", "KAZ"),
    ("the Middle East", None), ("CIS", None), ("Uzbekistan", "UZB"), ("Russia", "RUS"), ("Bolivians", "BOL"),
    ("United Arab Emirates", "ARE"), ("Trinidad and Tobago", "TTO"), ("--San Jose", "CRI"), ("Iquique", "CHL"),
])
def test_places(text, code):
    assert N.place_code(text) == code


@pytest.mark.parametrize("text, tier", [
    ("Tier 2 Watch List", "2WL"), ("TIER 2", "2"), ("Tier III", "3"), ("Tier 2 Watch list", "2WL"), ("Tier 1", "1"),
])
def test_tiers(text, tier):
    assert N.parse_tier(text) == tier


@pytest.mark.parametrize("text,count", [
    ("Sixteen cases", 16), ("Nineteen cases", 19), ("seventeen victims", 17), ("Fourteen traffickers", 14),
    ("Twenty-four offenders", 24), ("sixty-six women", 66), ("34 female", 34), ("both defendants", 2),
])
def test_first_number_reads_the_whole_word(text, count):
    assert N.first_number(text) == count

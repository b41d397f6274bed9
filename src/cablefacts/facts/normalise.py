"""Normalisers: the written form of a number, penalty, amount, article, place or tier -> values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pycountry

from ..currencies import currency_of
from ..places import COUNTRY_NAMES, DEMONYMS, country_names, place_code

_UNITS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS = {w: 10 * i for i, w in enumerate(
    ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if i > 1}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}
_FRACTIONS = {"half": 0.5, "one-half": 0.5, "one-third": 1 / 3, "two-thirds": 2 / 3, "one-quarter": 0.25,
              "a quarter": 0.25, "three-quarters": 0.75}
_WORDS = {"both": 2, "a couple": None, "a dozen": None, "dozens": None, "several": None, "a few": None}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def parse_number(text: str) -> float | None:
    """``Twenty-four`` -> 24, ``1,665,848`` -> 1665848, ``1.5`` -> 1.5, ``one-third`` -> 1/3, ``2 million``
    -> 2000000, ``both`` -> 2; vague words (``a dozen``, ``several``) -> None."""
    t = text.strip().lower().replace("\u2013", "-")
    if t in _FRACTIONS:
        return _FRACTIONS[t]
    if t in _WORDS:
        return _WORDS[t]
    m = _NUMBER.search(t)
    if m:
        value = float(m.group().replace(",", ""))
        rest = re.sub(r"^(?=[a-z])", " ", t[m.end() :]).split()  # ``Rs100 crores``, ``$2.5million``
        if rest and rest[0] in _SCALES:
            value *= _SCALES[rest[0]]
        return value
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", t):
        if word in ("and", "a", "an"):
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            if seen:
                break
            continue
        seen = True
    return float(total + current) if seen else None


def first_number(text: str) -> int | None:
    """The count a phrase states (``34 female`` -> 34, ``Twenty-two victims`` -> 22)."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?|"
                  r"\b(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                  r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                  r"ninety|hundred|thousand|million|both)\b[\s-]*)+", text, re.I)
    if not m:
        return None
    value = parse_number(m.group())
    return int(value) if value is not None and value == int(value) else None


@dataclass
class Penalty:
    min_years: float | None = None
    max_years: float | None = None
    fine: bool = False
    confiscation: bool = False
    life: bool = False
    suspended: bool = False


_TERM = re.compile(
    r"(?P<a>[\w.,-]+?)(?:\s*(?:-|–|to|and)\s*(?:between\s+)?(?P<b>[\w.,-]+?))?(?:\s+|-)(?P<unit>years?|months?)\b",
    re.I)


def _years(value: str, unit: str) -> float | None:
    n = parse_number(value)
    if n is None:
        return None
    return round(n / 12, 4) if unit.lower().startswith("month") else n


def parse_penalty(text: str) -> Penalty:
    """``five - ten years of imprisonment`` -> 5..10; ``up to 15 years`` -> None..15; ``six months`` ->
    0.5..0.5; ``life imprisonment`` -> life; ``a fine and up to eight years in prison`` -> fine, ..8."""
    t = text.lower().replace("\u2013", "-")
    pen = Penalty(fine="fine" in t, confiscation="confiscat" in t or "forfeit" in t,
                  life=bool(re.search(r"\blife\b", t)), suspended="suspended" in t)
    t = re.sub(r"\byear's\b", "years", t)
    t = re.sub(r"\byears?\s+and\s+a\s+day\s+(?=to\b)", "", t)  # ``five years and a day to 20 years``
    t = re.sub(r"\b(?:from\s+)?fines?\s+to\b", "fine up to", t)  # ``from fines to 30 months``
    t = re.sub(r"(\d)\s+((?:prison|jail)\s+)?(terms?|sentences?)\b", r"\1 years \2\3", t)  # ``a 5-10 prison term``
    m = _TERM.search(re.sub(r"\s+", " ", t.replace("from ", "").replace("between ", "")))
    if m:
        lo, hi = _years(m["a"], m["unit"]), _years(m["b"], m["unit"]) if m["b"] else None
        if hi is None:
            if re.search(r"\b(?:up to|maximum|not (?:more|exceed)|no more than|as much as)\b", t):
                pen.max_years = lo
            elif re.search(r"\b(?:at least|minimum of|not less than|no less than)\b", t):
                pen.min_years = lo
            else:
                pen.min_years = pen.max_years = lo
        else:
            pen.min_years, pen.max_years = lo, hi
    return pen


@dataclass
class Money:
    amount: float
    currency: str | None


def parse_money(text: str, country: str | None = None) -> Money | None:
    """``$45,838`` -> 45838 USD; ``12,920,000 tenge`` -> KZT; ``USD 2 million``; ``4 million Egyptian pounds``;
    a name several currencies share is the one of ``country`` (the cable's) where no adjective says."""
    text = text.replace("\\$", "$")
    t = text.lower()
    m = re.search(r"\d[\d,]*(?:\.\d+)?(?:\s*(?:hundred|thousand|million|billion|trillion|lakhs?|crores?))?", t)
    amount = parse_number(m.group()) if m else None
    if m is None or amount is None:
        return None
    if short := re.match(r"\s?(k|m|mm|mn|mln|b|bn)\b", t[m.end() :]):  # $300K, $1.5M, $67 M
        amount *= {"k": 1_000, "b": 1_000_000_000, "bn": 1_000_000_000}.get(short.group(1), 1_000_000)
    return Money(amount, currency_of(text, country))


@dataclass
class ArticleRef:
    article: str
    part: str | None = None
    clause: str | None = None


def parse_article(text: str) -> ArticleRef | None:
    """``Article 125(3)(b)`` -> 125/3/b; ``330-2``; ``Article 411 quater``; ``Art. 227a``."""
    m = re.search(r"(\d+(?:[-.]\d+)?(?:\s*(?:bis|ter|quater|quinquies)\b)?[a-z]?)\s*(?:\((\w+)\))?\s*(?:\((\w+)\))?",
                  text, re.I)
    if not m:
        return None
    article = re.sub(r"\s+", " ", m.group(1)).strip()
    part, clause = m.group(2), m.group(3)
    if part and part.isalpha() and clause is None:
        part, clause = None, part
    return ArticleRef(article, part, clause.lower() if clause else None)


_LAW_NAMES = [
    (r"criminal procedure|procedure code|code of criminal", "criminal_procedure_code"),
    (r"\b(?:criminal|penal)\s+code|\bcode\s+penal|\bpenal\b", "criminal_code"),
    (r"administrative", "administrative_code"),
    (r"labou?r\s+(?:code|law)", "labor_code"),
]


CODES = {name for _, name in _LAW_NAMES}


_DEMONYMS_LONGEST_FIRST = sorted(DEMONYMS, key=len, reverse=True)


def normalise_law(text: str | None) -> str | None:
    """``the Criminal Code`` / ``its penal code`` -> criminal_code; a named act keeps its name."""
    if not text:
        return None
    for pattern, name in _LAW_NAMES:
        if re.search(pattern, text, re.I):
            return name
    name = re.sub(r"^(?:the|its|their)\s+|^[A-Z][a-z]+'s\s+", "", text.strip(), flags=re.I)
    name = re.sub(r"^(?:19|20)\d\d\s+", "", name)  # the year of an amendment
    adjective = next((d for d in _DEMONYMS_LONGEST_FIRST if name.lower().startswith(d + " ")), None)
    return name[len(adjective) + 1 :] if adjective else name  # ``Costa Rican Constitution`` -> Constitution


def country_name(code: str) -> str:
    """The common name of a country from its alpha-3 code (``CRI`` -> ``Costa Rica``)."""
    c = pycountry.countries.get(alpha_3=code)
    return str(getattr(c, "common_name", None) or c.name) if c else code


def names_country(text: str) -> bool:
    """Whether a place is a country itself or its nationality (``Turkey``, ``Turkish``), not a city or region."""
    t = re.sub(r"^the ", "", re.sub(r"\s+", " ", text.strip().lower()))
    return bool(t in DEMONYMS or t.rstrip("s") in DEMONYMS or t in country_names() or COUNTRY_NAMES.get(t))


def countries_named(text: str) -> Iterator[str]:
    """The countries (other than the United States) a text names, in order, longest names first."""
    plain = re.sub(r"(?<=\w)['\u2019][sS]\b", "", text or "")  # ``COSTA RICA'S 2004 ... REPORT``
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()  # ``Côte`` -> ``Cote``
    for words in re.findall(r"[A-Za-z][A-Za-z' -]+", plain):  # ``Guinea-Bissau``, ``Cote d'Ivoire``
        tokens = words.split()
        for n in (3, 2, 1):
            for k in range(len(tokens) - n + 1):
                code = place_code(" ".join(tokens[k : k + n]))
                if code and code != "USA":
                    yield code


def first_country(text: str) -> str | None:
    """The first country (other than the United States) a phrase such as a cable subject names."""
    return next(countries_named(text), None)


def parse_tier(text: str) -> str | None:
    """``Tier 2 Watch List`` -> 2WL, ``TIER 2`` -> 2, ``Tier III`` -> 3, ``the Watch List`` -> 2WL."""
    t = text.lower()
    if "watch" in t:
        return "2WL"
    m = re.search(r"tier\s*(?:-\s*)?(1|2|3|one|two|three|iii|ii|i)\b", t)
    if not m:
        return None
    return {"one": "1", "two": "2", "three": "3", "i": "1", "ii": "2", "iii": "3"}.get(m.group(1), m.group(1))

"""Currencies as cables write them: codes and symbols before an amount (``USD 5.8 million``, ``Rs. 40,000``),
names after it (``4 million Egyptian pounds``, ``500,000 baht``), and the ISO 4217 code each stands for. A name
several countries use (``pesos``, ``dinars``, ``rupees``) is the one of the country its adjective names, else
the one of the cable's country; ``dollars`` are US dollars unless an adjective says otherwise. Read by the entity
patterns and by the money normaliser."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from .places import place_code

# symbols and old or local codes written before an amount (None: a name several countries share)
SYMBOLS: dict[str, str | None] = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₦": "NGN", "₱": "PHP",
    "NT$": "TWD", "HK$": "HKD", "R$": "BRL", "A$": "AUD", "C$": "CAD", "S/.": "PEN", "RMB": "CNY",
    "BD": "BHD", "IKR": "ISK", "LE": "EGP", "YTL": "TRY", "MXP": "MXN", "KSh": "KES", "Rs.": None, "Rs": None,
}
# ISO codes that are also words or acronyms in capitals (``ALL 20 VICTIMS``): not read as a currency before a number
NOT_CODES = {"ALL", "CUP", "TOP", "MOP", "BAM", "SOS", "AMD", "PEN", "GEL", "MDL", "BOB", "NAD", "COP", "CHE"}
# names one currency has
NAMES: dict[str, str] = {
    "tenge": "KZT", "euro": "EUR", "colones": "CRC", "colon": "CRC", "kronur": "ISK", "baht": "THB",
    "naira": "NGN", "ringgit": "MYR", "rand": "ZAR", "lari": "GEL", "hryvnia": "UAH", "yuan": "CNY",
    "renminbi": "CNY", "yen": "JPY", "reais": "BRL", "soles": "PEN", "nuevos soles": "PEN", "quetzales": "GTQ",
    "lempiras": "HNL", "cordobas": "NIO", "cedis": "GHS", "birr": "ETB", "taka": "BDT", "kyat": "MMK",
    "rupiah": "IDR", "zloty": "PLN", "forint": "HUF", "koruna": "CZK", "leva": "BGN", "lek": "ALL",
    "denars": "MKD", "kuna": "HRK", "tugriks": "MNT", "afghanis": "AFN", "somoni": "TJS", "riels": "KHR",
    "drams": "AMD", "ariary": "MGA", "guaranies": "PYG", "bolivianos": "BOB", "bolivares": "VES",
    "gourdes": "HTG", "lira": "TRY", "kroner": "DKK", "kronor": "SEK", "krone": "NOK",
}
# names several currencies share: the code by country, the code where no country says, and whether the cable's
# country decides where the text names none (``dollars`` in a cable are US dollars)
_XOF = dict.fromkeys(("BEN", "BFA", "CIV", "GNB", "MLI", "NER", "SEN", "TGO"), "XOF")
_XAF = dict.fromkeys(("CMR", "CAF", "TCD", "COG", "GNQ", "GAB"), "XAF")
SHARED: dict[str, tuple[dict[str, str], str | None, bool]] = {
    "pesos": ({"ARG": "ARS", "CHL": "CLP", "COL": "COP", "DOM": "DOP", "CUB": "CUP", "PHL": "PHP", "URY": "UYU",
               "MEX": "MXN"}, "MXN", True),
    "dinars": ({"BHR": "BHD", "JOR": "JOD", "KWT": "KWD", "IRQ": "IQD", "TUN": "TND", "DZA": "DZD", "LBY": "LYD",
                "SRB": "RSD"}, "BHD", True),
    "rupees": ({"IND": "INR", "PAK": "PKR", "LKA": "LKR", "NPL": "NPR", "MUS": "MUR", "SYC": "SCR", "MDV": "MVR"},
               "INR", True),
    "riyals": ({"SAU": "SAR", "QAT": "QAR", "OMN": "OMR", "YEM": "YER", "IRN": "IRR"}, "SAR", True),
    "dirhams": ({"ARE": "AED", "MAR": "MAD"}, "AED", True),
    "shillings": ({"KEN": "KES", "TZA": "TZS", "UGA": "UGX", "SOM": "SOS"}, "KES", True),
    "pounds": ({"EGY": "EGP", "LBN": "LBP", "SDN": "SDG", "SYR": "SYP", "SSD": "SSP", "GBR": "GBP"}, "GBP", True),
    "francs": ({"CHE": "CHF", "RWA": "RWF", "BDI": "BIF", "DJI": "DJF", "GIN": "GNF", "COM": "KMF", "COD": "CDF",
                **_XOF, **_XAF}, None, True),
    "lei": ({"MDA": "MDL"}, "RON", True),
    "soms": ({"UZB": "UZS"}, "KGS", True),
    "manats": ({"TKM": "TMT"}, "AZN", True),
    "kwacha": ({"MWI": "MWK"}, "ZMW", True),
    "rubles": ({"BLR": "BYN"}, "RUB", True),
    "dollars": ({"AUS": "AUD", "CAN": "CAD", "TWN": "TWD", "HKG": "HKD", "NZL": "NZD", "SGP": "SGD", "JAM": "JMD",
                 "GUY": "GYD", "NAM": "NAD", "TTO": "TTD", "BHS": "BSD", "BRB": "BBD", "BLZ": "BZD", "FJI": "FJD",
                 "LBR": "LRD", "SLB": "SBD", "BRN": "BND"}, "USD", False),
    "won": ({"PRK": "KPW"}, "KRW", False),
    "dong": ({}, "VND", False),
    "kip": ({}, "LAK", False),
}
# names that are English words too (``the team won``): currencies only after a country's adjective
ADJECTIVE_ONLY = {"won", "dong", "kip"}


def _plural(name: str) -> str:
    """A regex for a name in the singular or plural (``peso``/``pesos``, ``rouble``/``rubles``)."""
    stem = name[:-1] if name.endswith("s") and not name.endswith("ss") else name
    if stem == "ruble":
        stem = "(?:ruble|rouble)"
    return stem + ("(?:e?s)?" if not name.endswith(("a", "i", "u")) else "s?")


@lru_cache(maxsize=1)
def codes() -> list[str]:
    """The ISO 4217 codes read before an amount (not those that are words in capitals)."""
    out = {c.alpha_3 for c in pycountry.currencies if not c.alpha_3.startswith("X")} | {"XOF", "XAF", "XCD"}
    return sorted(out - NOT_CODES)


def before_pattern() -> str:
    """What stands before an amount: a symbol or a code."""
    symbols = sorted((re.escape(s) for s in SYMBOLS), key=len, reverse=True)
    return r"(?<![A-Za-z])(?:" + "|".join(symbols) + r"|(?:" + "|".join(codes()) + r")\b)"


def after_pattern() -> str:
    """What stands after an amount: a currency's name, the adjective of a country before it where written."""
    plain = [_plural(n) for n in NAMES] + [_plural(n) for n in SHARED if n not in ADJECTIVE_ONLY]
    adjective = r"(?:(?-i:[A-Z][a-z]+)\s+){1,2}"
    names = "|".join(sorted(plain, key=len, reverse=True))
    adjective_only = "|".join(sorted(ADJECTIVE_ONLY))
    # ``294,000 pounds of supplies``, ``45,000 pounds / 6,500 gallons of fuel``: a weight
    return rf"(?:(?:{adjective})?(?:{names})|{adjective}(?:{adjective_only}))\b(?!\s+of\b|\s*/)"


def currency_of(text: str, country: str | None = None) -> str | None:
    """The ISO 4217 code of an amount as written (``Rs. 40,000`` in a Pakistan cable is PKR), or None."""
    for symbol, code in sorted(SYMBOLS.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"(?<![A-Za-z])" + re.escape(symbol) + r"(?![A-Za-z])", text):
            return code or _shared("rupees", None, country)
    for m in re.finditer(r"(?<![A-Za-z])([A-Z]{3})(?![A-Za-z])", text):
        if m.group(1) in codes():
            return m.group(1)
    lowered = re.sub(r"\s+", " ", text.lower().strip())
    for name in sorted([*NAMES, *SHARED], key=len, reverse=True):
        found = re.search(rf"(?:\b([a-z]+(?: [a-z]+)?) )?\b{_plural(name)}$", lowered)
        if found:
            return NAMES[name] if name in NAMES else _shared(name, found.group(1), country)
    return None


def _shared(name: str, adjective: str | None, country: str | None) -> str | None:
    """The code of a name several currencies share: the country its adjective names, else the cable's country
    (where the name takes it), else the name's default."""
    by_country, default, implicit = SHARED[name]
    named = None
    if adjective:
        words = adjective.split()
        named = place_code(adjective) or place_code(words[-1])
    if named:
        return by_country.get(named, default)
    if name in ADJECTIVE_ONLY:
        return None  # ``Zapatero won``: a verb
    if implicit and country:
        return by_country.get(country, default)
    return default

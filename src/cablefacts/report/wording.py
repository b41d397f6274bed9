"""Facts written as a person would: ``Criminal Code, Article 128(3)(b): 5-15 years``,
``24 victims (female, minors), Uzbekistan to Kazakhstan, 2008``."""

from __future__ import annotations

import re

import pycountry

LAWS = {"criminal_code": "Criminal Code", "administrative_code": "Administrative Code",
        "criminal_procedure_code": "Code of Criminal Procedure", "labor_code": "Labor Code"}
TIERS = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3"}
LABEL_NAMES = {  # what each entity label marks (annotations/GUIDELINES.md)
    "ARTICLE": "article of a legal act", "LAW": "law or code", "PENALTY": "punishment",
    "VICTIM_COUNT": "number of victims", "CASE_COUNT": "number of cases or offenders", "MONEY": "amount of money",
    "GPE": "country, region or city", "NORP": "nationality", "DATE": "year or date", "TIER": "TIP Report tier"}
STAGES = {"investigation": "investigations", "prosecution": "prosecutions", "conviction": "convictions",
          "arrest": "arrests", "case": "cases"}


def number(x: float | int | None) -> str:
    """``5.0`` -> ``5``, ``1.5`` -> ``1.5``, ``45838`` -> ``45,838``."""
    if x is None:
        return ""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


def country_name(code: str | None) -> str:
    country = pycountry.countries.get(alpha_3=code) if code else None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or (code or "")


def law_name(law: str | None) -> str:
    if not law:
        return "Law not named"
    return LAWS.get(law) or law[:1].upper() + law[1:]


def article(f: dict) -> str:
    return f"Article {f.get('article')}" + "".join(f"({f[k]})" for k in ("part", "clause") if f.get(k))


def years(lo: float | None, hi: float | None) -> str:
    """A prison term: ``5-15 years``, ``up to 8 years``, ``at least 3 years``, ``5 years``."""
    if lo is None and hi is None:
        return ""
    if lo is None:
        return f"up to {number(hi)} years"
    if hi is None:
        return f"at least {number(lo)} years"
    if lo == hi:
        return f"{number(lo)} year{'s' if lo != 1 else ''}"
    return f"{number(lo)}-{number(hi)} years"


def penalty(f: dict) -> str:
    parts = [years(f.get("min_years"), f.get("max_years"))]
    parts += [w if w != "life" else "life imprisonment" for w in ("life", "fine", "confiscation") if f.get(w)]
    return ", ".join(p for p in parts if p) or "penalty not stated"


def provision(f: dict) -> str:
    return f"{law_name(f.get('law'))}, {article(f)}: {penalty(f)}"


def _qualifiers(f: dict) -> str:
    q = [f.get("gender") or "", "minors" if f.get("minors") else "", f.get("exploitation") or ""]
    q = [x for x in q if x]
    return f" ({', '.join(q)})" if q else ""


def route_end(f: dict, end: str) -> str:
    return country_name(f.get(end)) if f.get(end) else (f.get(f"{end}_place") or "unknown place")


def summary(f: dict) -> str:
    """One line for any fact, with no field names."""
    kind = f["type"]
    year = f", {f['year']}" if f.get("year") else ""
    if kind == "provision":
        return provision(f)
    if kind == "sentence":
        who = f"{number(f.get('offenders'))} offender(s)" if f.get("offenders") else "offenders"
        term = years(f.get("min_years"), f.get("max_years")) or "term not stated"
        return f"{who} sentenced to {term}{' (suspended)' if f.get('suspended') else ''}{_qualifiers(f)}{year}"
    if kind == "victims":
        ends = " to ".join(route_end(f, e) for e in ("origin", "destination") if f.get(e))
        return f"{number(f.get('count'))} victims{_qualifiers(f)}{', ' + ends if ends else ''}{year}"
    if kind == "cases":
        return f"{number(f.get('count'))} {STAGES.get(f.get('stage') or 'case', 'cases')}{_qualifiers(f)}{year}"
    if kind == "money":
        usd = f" (US${number(f['usd'])})" if f.get("usd") and f.get("currency") != "USD" else ""
        purpose = f", for {f['purpose']}" if f.get("purpose") else ""
        return f"{f.get('currency') or ''} {number(f.get('amount'))}{usd}{purpose}{year}".strip()
    if kind == "route":
        mode = f" by {f['mode']}" if f.get("mode") else ""
        return f"{route_end(f, 'origin')} to {route_end(f, 'destination')}{mode}"
    if kind == "tier":
        moved = f" (from {TIERS.get(f['previous'], f['previous'])})" if f.get("previous") else ""
        return f"{country_name(f.get('country'))}: {TIERS.get(f.get('tier') or '', f.get('tier') or '')}{moved}{year}"
    return kind


def relation(kind: str, head: str, child: str) -> str:
    """``ROUTE: Uzbekistan → Kazakhstan``."""
    return f"{kind}: {' '.join(head.split())} → {' '.join(child.split())}"


def short(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary, with an ellipsis where it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return re.sub(r"\s+\S*$", "", cut) + " …"


def article_order(f: dict) -> tuple:
    """Sort key of a provision: law, then article numerically (19 before 172), part, clause."""
    nums = [int(n) for n in re.findall(r"\d+", str(f.get("article") or ""))]
    return (law_name(f.get("law")).lower(), nums, str(f.get("part") or ""), str(f.get("clause") or ""))

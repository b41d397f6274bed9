"""Calibrated confidence: each fact's confidence is the precision that facts of its kind reached on
held-out countries.

A fact's kind is its type and the signals the fact layer can see (a provision with its penalty and
law, a route between two known countries, a case count with a stated stage ...). The table
(``data/calibration.json``) is written by the fact-level cross-validation from the pooled held-out
predictions (``cablefacts crossval --facts``); kinds seen fewer than ``MIN_FACTS`` times take their
type's precision.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..places import DEMONYMS

MIN_FACTS = 8
TABLE = "data/calibration.json"


def kind(fact: dict) -> str:
    """The calibration bucket of a fact (FACTS.md dict): its type and a few signals."""
    t = fact["type"]
    return f"{_kind(fact, t)}|narrative={str(fact.get('cable') or '').startswith('factbook-')}"


def _kind(fact: dict, t: str) -> str:
    if t == "provision":
        return f"provision|penalty={fact.get('max_years') is not None or fact.get('life')}|law={bool(fact.get('law'))}"
    if t == "route":
        known = sum(1 for k in ("origin", "destination") if fact.get(k))
        nationality = (fact.get("origin_place") or "").lower().rstrip("s") in DEMONYMS
        return f"route|codes={known}|internal={fact.get('origin') == fact.get('destination')}|norp={nationality}"
    if t == "cases":
        return f"cases|stage={fact.get('stage') != 'case'}|year={fact.get('year') is not None}"
    if t == "victims":
        return f"victims|origin={fact.get('origin') is not None}|year={fact.get('year') is not None}"
    if t == "money":
        return f"money|usd={fact.get('currency') == 'USD'}|purpose={fact.get('purpose') is not None}"
    if t == "sentence":
        return f"sentence|term={fact.get('max_years') is not None}"
    return t


def fit(outcomes: list[tuple[str, bool]]) -> dict[str, float]:
    """Precision per kind (and per type, as ``type``), from (kind, matched) pairs; smoothed towards the type."""
    by_kind: dict[str, list[bool]] = defaultdict(list)
    by_type: dict[str, list[bool]] = defaultdict(list)
    for k, ok in outcomes:
        by_kind[k].append(ok)
        by_type[k.split("|")[0]].append(ok)
    table = {t: round(sum(v) / len(v), 3) for t, v in by_type.items()}
    for k, v in by_kind.items():
        if len(v) >= MIN_FACTS:
            prior = table[k.split("|")[0]]
            table[k] = round((sum(v) + 2 * prior) / (len(v) + 2), 3)
    return table


def confidence(fact: dict, table: dict[str, float], default: float) -> float:
    k = kind(fact)
    return table.get(k, table.get(k.split("|")[0], default))


@lru_cache(maxsize=1)
def shipped_table() -> dict[str, float]:
    """The calibration table that ships with the package (empty where none was written)."""
    path = resources.files("cablefacts").joinpath(TABLE)
    return json.loads(path.read_text(encoding="utf-8")).get("table", {}) if path.is_file() else {}


def write_table(table: dict[str, float], source: str, path: Path | None = None) -> Path:
    path = path or Path(str(resources.files("cablefacts").joinpath(TABLE)))
    path.write_text(json.dumps({"source": source, "table": dict(sorted(table.items()))}, indent=1) + "\n",
                    encoding="utf-8")
    shipped_table.cache_clear()
    return path

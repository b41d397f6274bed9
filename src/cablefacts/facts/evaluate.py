"""Fact-level scoring with the matching keys of FACTS.md: sets per cable, P/R/F1 per type and micro."""

from __future__ import annotations

from collections import defaultdict

from ..scoring import prf

KEYS = {
    "provision": ("law", "article", "part", "clause", "min_years", "max_years"),
    "sentence": ("offenders", "min_years", "max_years"),
    "victims": ("count",),
    "cases": ("count", "stage"),
    "money": ("amount", "currency"),
    "route": ("origin", "destination"),
    "tier": ("country", "tier"),
}


def _norm(v: object) -> object:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, float):
        return round(v, 3)
    return v


def fact_key(f: dict) -> tuple:
    """The identity of a fact for matching (routes fall back to the written place, lower-cased)."""
    if f["type"] == "route":
        o = f.get("origin") or (f.get("origin_place") or "").lower() or None
        d = f.get("destination") or (f.get("destination_place") or "").lower() or None
        return (f["cable"], "route", o, d)
    law = (f.get("law") or "").lower() or None  # FACTS.md: a law's name is compared lower-cased
    return (f["cable"], f["type"], *(law if k == "law" else _norm(f.get(k)) for k in KEYS[f["type"]]))


def score(predicted: list[dict], gold: list[dict]) -> dict:
    """P/R/F1 per type and micro-averaged; facts compared as sets per cable."""
    pred = {fact_key(f) for f in predicted}
    ref = {fact_key(f) for f in gold}
    out: dict[str, dict] = {}
    totals: dict[str, int] = defaultdict(int)
    for t in KEYS:
        p = {k for k in pred if k[1] == t}
        g = {k for k in ref if k[1] == t}
        tp = len(p & g)
        out[t] = _prf(tp, len(p), len(g))
        totals["tp"] += tp
        totals["p"] += len(p)
        totals["g"] += len(g)
    out["micro"] = _prf(totals["tp"], totals["p"], totals["g"])
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    out = prf(tp, n_pred, n_gold)
    return {**out, **{k: round(out[k], 4) for k in ("precision", "recall", "f1")}}

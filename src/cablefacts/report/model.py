"""What the report pages are made from: the consolidated facts of a store, each mention's year,
exploitation, countries and link to its sentence, and the figures that totals are made of (one per
country, year and slot: the largest count a cable states for it, so a figure restated by several
cables, or a part of it, is never added twice)."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import consolidate as cons
from .places import node

SEXUAL = re.compile(r"\b(?:sex(?:ual)?|prostitut\w*|brothels?|commercial sexual)\b", re.I)
LABOR = re.compile(r"\b(?:labou?r|domestic (?:work|servant)\w*|servitude|forced work)\b", re.I)


def exploitation(f: dict) -> str:
    """``sexual``, ``labor`` or ``""``: the fact's own, else what its sentence names."""
    if f.get("exploitation"):
        return f["exploitation"]
    sexual, labor = SEXUAL.search(f["text"]), LABOR.search(f["text"])
    return "sexual" if sexual and not labor else "labor" if labor and not sexual else ""


def page_names(cables: dict[str, dict]) -> dict[str, str]:
    """A unique page name per cable file: its cable id where it has one; files that share a cable id (a
    full and a cut copy) are told apart by their content's hash."""
    def base(path: str) -> str:
        return cables[path].get("cable_id") or Path(path).stem

    shared = {b for b, n in Counter(base(p) for p in cables).items() if n > 1}
    names: dict[str, str] = {}
    used: set[str] = set()
    for path in sorted(cables):
        name = base(path) + (f"_{(cables[path].get('sha256') or '')[:8]}" if base(path) in shared else "")
        name, k = "".join(ch if ch.isalnum() else "_" for ch in name), 1
        while name in used:  # the same content under two paths is stored once, but be safe
            k += 1
            name = f"{name}_{k}"
        used.add(name)
        names[path] = name
    return names


@dataclass
class Report:
    records: list[cons.Consolidated]
    conflicts: list[cons.Conflict]
    facts: list[dict]
    cables: dict[str, dict]
    pages: dict[str, str]  # cable file -> page name
    links: dict[int, str] = field(default_factory=dict)  # fact id -> link to its sentence (from the root)
    record_of: dict[int, cons.Consolidated] = field(default_factory=dict)  # fact id -> its record
    group: dict[int, str] = field(default_factory=dict)  # fact id -> near-duplicate group of its cable

    def groups_of(self, f: dict) -> str:
        return self.group[f["id"]]

    def year(self, f: dict) -> int | None:
        if f.get("year"):
            return f["year"]
        date = self.cables.get(f["path"], {}).get("date")
        return int(date[:4]) if date else None

    def countries(self, f: dict) -> list[str]:
        """The countries (and map places) a fact is about, for the filters."""
        rec = self.record_of[f["id"]]
        if f["type"] == "route":
            ends = (node(f.get("origin"), f.get("origin_place")),
                    node(f.get("destination"), f.get("destination_place")))
            return sorted({e for e in ends if e})
        return [rec.country] if rec.country else []


def build_model(db: Path) -> Report:
    """Consolidate the store (writing its consolidated tables) and gather what the pages need."""
    facts, cables = cons.load_store(db)
    records, conflicts = cons.consolidate(facts, cables)
    cons.write(db, records, conflicts)
    rep = Report(records, conflicts, facts, cables, page_names(cables))
    for r in records:
        for m in r.mentions:
            rep.record_of[m["id"]] = r
            rep.group[m["id"]] = m["group"]
    return rep


ENTITY_KEYS = ("label", "paragraph", "start", "end", "text")
RELATION_KEYS = ("type", "head", "child", "score", "paragraph", "start", "end", "text")


def cable_annotations(con: sqlite3.Connection, path: str, row: dict) -> tuple[list[dict] | None, list[dict]]:
    """The entities (in text order) and relations the store keeps for the file at ``path``, whose row in
    ``cables`` is ``row``; entities are None where none were recorded for it (a store, or a file read,
    from before they were kept)."""
    if row.get("n_entities") is None or not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'relations'"
                                                        ).fetchone():
        return None, []
    entities = [dict(zip(ENTITY_KEYS, r, strict=True)) for r in con.execute(
        'SELECT label, paragraph, start, "end", text FROM entities WHERE path = ? ORDER BY n', (path,))]
    relations = [dict(zip(RELATION_KEYS, r, strict=True)) for r in con.execute(
        'SELECT type, head, child, score, paragraph, start, "end", text FROM relations WHERE path = ? ORDER BY id',
        (path,))]
    return entities, relations


def leg(f: dict) -> tuple[str, str] | None:
    """A route fact's ends on the map, or None where one end is no place the map knows."""
    a, b = node(f.get("origin"), f.get("origin_place")), node(f.get("destination"), f.get("destination_place"))
    return (a, b) if a and b else None


def figures(rep: Report, kind: str, country: str | None = None) -> dict[tuple, tuple[float, cons.Consolidated]]:
    """(country, year, stage) -> the largest count stated for it and its record, for victims
    (stage ``victims``) or cases; worldwide figures are left out."""
    out: dict[tuple, tuple[float, cons.Consolidated]] = {}
    for r in rep.records:
        if r.type != kind or not r.country or r.category == "worldwide" or (country and r.country != country):
            continue
        key = (r.country, r.year, r.fields.get("stage") or kind)
        if key not in out or r.fields["count"] > out[key][0]:
            out[key] = (r.fields["count"], r)
    return out


def totals(values: dict[tuple, tuple[float, cons.Consolidated]], index: int) -> dict:
    """Sum of figures by one part of their key (0 country, 1 year)."""
    acc: dict = defaultdict(float)
    for key, (value, _) in values.items():
        if key[index] is not None:
            acc[key[index]] += value
    return dict(sorted(acc.items(), key=lambda kv: str(kv[0])))

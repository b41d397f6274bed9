"""Consolidated facts: the facts of a store that state the same thing, merged across cables.

Two facts state the same thing when they have the same type, the match keys of FACTS.md, the same
country and the same year. A fact's country is the one it names (a tier's country, a route's ends)
or else the country of its cable (subject, then origin); its year is the year it states or else the
year of its cable's near-duplicate group (the manifest's group column where the cable is listed,
otherwise cables whose fact sentences overlap are grouped by ``near_duplicate_groups``), so five
copies of one press guidance count once. Every merged record keeps all its mentions.

A conflict is two cables (of different groups) giving different values for one slot: a victim count
for one country, year, gender, age and exploitation; a case count for one country, year, stage and
exploitation; a tier for one country and year. A cable that states both values is giving two
figures, not disagreeing.

Money is split by what it is: ``funding``, ``fine`` (fined or penalties), ``seized`` and ``worldwide``
(global estimates); victims stated for the whole world are ``worldwide`` too, and count for no country.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import near_duplicate_groups, read_manifest
from ..facts.evaluate import KEYS as MATCH_KEYS
from ..facts.normalise import first_country

SLOT_KEYS = {  # what a conflicting pair shares: the value differs, everything else here is equal
    "victims": ("gender", "minors", "exploitation"),
    "cases": ("stage", "exploitation"),
    "tier": (),
}
VALUE = {"victims": "count", "cases": "count", "tier": "tier"}
TIMELESS = {"provision", "route"}  # a law or a leg is the same fact whatever year states it
WORLDWIDE = re.compile(r"\b(?:world-?wide|global(?:ly)?|around the world|in the world|across the world|"
                       r"international labou?r organi[sz]ation|ILO)\b", re.I)
FINE = re.compile(r"\b(?:fine[sd]?|fining|penalt(?:y|ies))\b", re.I)
SEIZED = re.compile(r"\b(?:seiz(?:ed|ure|ing)|confiscat(?:ed|ion)|forfeit(?:ed|ure))\b", re.I)

SCHEMA = """
DROP TABLE IF EXISTS mentions;
DROP TABLE IF EXISTS consolidated;
DROP TABLE IF EXISTS conflicts;
CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    country TEXT,
    year INTEGER,
    slot TEXT NOT NULL,
    "values" TEXT NOT NULL
);
CREATE TABLE consolidated (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    country TEXT,
    year INTEGER,
    category TEXT,
    fields TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    cables INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    conflict INTEGER REFERENCES conflicts(id)
);
CREATE TABLE mentions (
    consolidated INTEGER NOT NULL REFERENCES consolidated(id),
    fact INTEGER NOT NULL REFERENCES facts(id),
    PRIMARY KEY (consolidated, fact)
);
CREATE INDEX consolidated_country ON consolidated(country);
CREATE INDEX mentions_fact ON mentions(fact);
"""


@dataclass
class Consolidated:
    """One thing the cables state, with every fact (mention) that states it."""

    type: str
    country: str | None
    year: int | None
    category: str | None
    fields: dict
    mentions: list[dict] = field(default_factory=list)
    conflict: int | None = None

    @property
    def cables(self) -> set[str]:
        return {m["cable"] or m["path"] for m in self.mentions}

    @property
    def sources(self) -> set[str]:
        """Independent sources: near-duplicate cables count once."""
        return {m["group"] for m in self.mentions}


@dataclass
class Conflict:
    type: str
    country: str | None
    year: int | None
    slot: dict
    values: dict  # value -> cables stating it


def cable_country(cable: dict) -> str | None:
    """The country a cable is about: the first its subject names, else its origin's."""
    return first_country(cable.get("subject") or "") or first_country(cable.get("origin") or "")


def fact_country(fact: dict, cable: dict) -> str | None:
    """The country a fact is counted for (None for worldwide figures)."""
    if fact["type"] == "tier":
        return fact.get("country")
    if fact["type"] in ("victims", "money") and WORLDWIDE.search(fact["text"]):
        return None
    return cable_country(cable) or fact.get("destination") or fact.get("origin")


def money_category(fact: dict) -> str:
    text = fact["text"]
    if WORLDWIDE.search(text):
        return "worldwide"
    if FINE.search(text):
        return "fine"
    if SEIZED.search(text):
        return "seized"
    return "funding"


def _category(fact: dict) -> str | None:
    if fact["type"] == "money":
        return money_category(fact)
    if fact["type"] == "victims":
        return "worldwide" if WORLDWIDE.search(fact["text"]) else "country"
    return None


def _match_value(fact: dict, key: str) -> object:
    if fact["type"] == "route" and key in ("origin", "destination"):
        return fact.get(key) or (fact.get(f"{key}_place") or "").lower() or None
    return fact.get(key)


def cable_groups(cables: dict[str, dict], facts: list[dict]) -> dict[str, str]:
    """Near-duplicate group of every cable file: the manifest's where it lists the cable, else cables
    whose fact sentences overlap enough are grouped."""
    manifest = read_manifest()
    sentences: dict[str, list[str]] = defaultdict(list)
    for f in facts:
        sentences[f["path"]].append(f["text"])
    unknown = {p: " ".join(sentences.get(p, [])) for p, c in cables.items() if c.get("cable_id") not in manifest}
    similar = near_duplicate_groups(unknown)
    return {p: manifest[c["cable_id"]].group if c.get("cable_id") in manifest else similar[p]
            for p, c in cables.items()}


def consolidate(facts: list[dict], cables: dict[str, dict]) -> tuple[list[Consolidated], list[Conflict]]:
    """Merge ``facts`` (store rows with ``id`` and ``path``) into consolidated facts and find conflicts."""
    groups = cable_groups(cables, facts)
    group_year: dict[str, int] = {}
    for path, cable in cables.items():
        if cable.get("date"):
            g = groups[path]
            group_year[g] = min(group_year.get(g, 9999), int(cable["date"][:4]))
    merged: dict[tuple, Consolidated] = {}
    for f in facts:
        cable = cables.get(f["path"], {})
        group = groups.get(f["path"], f["path"])
        year = None if f["type"] in TIMELESS else (f.get("year") or group_year.get(group))
        country = None if f["type"] == "route" else fact_country(f, cable)
        key = (f["type"], country, year, *(_match_value(f, k) for k in MATCH_KEYS[f["type"]]))
        rec = merged.get(key)
        if rec is None:
            fields = {k: v for k, v in f.items() if k not in ("id", "path", "cable", "paragraph", "start", "end",
                                                               "text", "confidence", "type")}
            rec = merged[key] = Consolidated(f["type"], country, year, _category(f), fields)
        rec.mentions.append({**f, "group": group})
    records = list(merged.values())
    return records, _conflicts(records)


def _conflicts(records: list[Consolidated]) -> list[Conflict]:
    slots: dict[tuple, list[Consolidated]] = defaultdict(list)
    for r in records:
        if r.type in SLOT_KEYS and r.country and r.category != "worldwide":
            slots[(r.type, r.country, r.year, *(r.fields.get(k) for k in SLOT_KEYS[r.type]))].append(r)
    out = []
    for (kind, country, year, *slot), recs in slots.items():
        if len(recs) < 2:
            continue
        said = {r.fields[VALUE[kind]]: r.sources for r in recs}
        clash = [v for v in said if any(said[v] - said[w] and said[w] - said[v] for w in said if w != v)]
        if len(clash) < 2:
            continue
        conflict = Conflict(kind, country, year, dict(zip(SLOT_KEYS[kind], slot, strict=True)),
                            {v: sorted({m["cable"] or m["path"] for r in recs if r.fields[VALUE[kind]] == v
                                        for m in r.mentions}) for v in clash})
        out.append(conflict)
        for r in recs:
            if r.fields[VALUE[kind]] in clash:
                r.conflict = len(out)
    return out


def load_store(db: Path) -> tuple[list[dict], dict[str, dict]]:
    """Facts (with their row id and file) and cables (path -> row) of a store."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    cables = {r["path"]: dict(r) for r in con.execute("SELECT * FROM cables")}
    facts = [{"id": r["id"], "path": r["path"], "type": r["type"], "cable": r["cable"], "paragraph": r["paragraph"],
              "start": r["start"], "end": r["end"], "text": r["text"], "confidence": r["confidence"],
              **json.loads(r["fields"])}
             for r in con.execute('SELECT id, path, type, cable, paragraph, start, "end", text, confidence, fields '
                                  'FROM facts ORDER BY path, start, "end", id')]
    con.close()
    return facts, cables


def write(db: Path, records: list[Consolidated], conflicts: list[Conflict]) -> None:
    """Replace the tables ``consolidated``, ``mentions`` and ``conflicts`` of the store, and index the
    facts' sentences for full-text search (``facts_fts``)."""
    con = sqlite3.connect(db)
    with con:
        con.executescript(SCHEMA)
        con.executemany('INSERT INTO conflicts (id, type, country, year, slot, "values") VALUES (?, ?, ?, ?, ?, ?)',
                        [(n, c.type, c.country, c.year, json.dumps(c.slot), json.dumps(c.values))
                         for n, c in enumerate(conflicts, 1)])
        for n, r in enumerate(records, 1):
            con.execute("INSERT INTO consolidated (id, type, country, year, category, fields, mentions, cables,"
                        " sources, conflict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (n, r.type, r.country, r.year, r.category, json.dumps(r.fields, ensure_ascii=False),
                         len(r.mentions), len(r.cables), len(r.sources), r.conflict))
            con.executemany("INSERT OR IGNORE INTO mentions (consolidated, fact) VALUES (?, ?)",
                            [(n, m["id"]) for m in r.mentions])
        con.executescript("""
            DROP TABLE IF EXISTS facts_fts;
            CREATE VIRTUAL TABLE facts_fts USING fts5(text, content="facts", content_rowid="id");
            INSERT INTO facts_fts(facts_fts) VALUES ('rebuild');
        """)
    con.close()


def run(db: Path) -> tuple[list[Consolidated], list[Conflict]]:
    """Consolidate the facts of store ``db`` and write the result into it."""
    facts, cables = load_store(db)
    records, conflicts = consolidate(facts, cables)
    write(db, records, conflicts)
    return records, conflicts

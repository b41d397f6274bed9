"""Datasette over a store: full-text search on the facts' sentences, facets by type, country and year,
canned queries and a label for every column (Datasette metadata), so facts can be searched, filtered
and exported as CSV or JSON without code."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

LABELS = {
    "facts": {
        "id": "fact number", "path": "cable file", "type": "type of fact", "cable": "cable id",
        "paragraph": "paragraph number in the cable", "start": "start of the evidence (character in the body)",
        "end": "end of the evidence", "text": "sentence the fact comes from", "confidence": "calibrated confidence",
        "country": "country", "year": "year", "fields": "fields of the fact (JSON, see FACTS.md)"},
    "cables": {
        "path": "cable file", "cable_id": "cable id", "sha256": "SHA-256 of the file", "model": "pipeline used",
        "status": "done or failed", "error": "why the file could not be read", "date": "date of the cable",
        "origin": "sending post", "classification": "classification", "subject": "subject", "tags": "TAGS",
        "words": "words", "n_facts": "facts found", "n_entities": "entities found (empty: read before they were kept)",
        "updated": "when it was read"},
    "entities": {
        "id": "entity number", "path": "cable file", "n": "entity's place among the file's entities (0 first)",
        "label": "label", "paragraph": "paragraph number in the cable", "start": "start (character in the body)",
        "end": "end (character in the body)", "text": "text"},
    "relations": {
        "id": "relation number", "path": "cable file", "type": "type of relation",
        "head": "first entity (its n in the file's entities)", "child": "second entity (its n in the file's entities)",
        "score": "score", "paragraph": "paragraph number in the cable",
        "start": "start of the evidence (character in the body)", "end": "end of the evidence",
        "text": "sentence the relation comes from"},
    "consolidated": {
        "id": "consolidated fact number", "type": "type of fact", "country": "country counted for",
        "year": "year", "category": "kind of money or victims figure", "fields": "fields (JSON)",
        "mentions": "facts stating it", "cables": "cables stating it",
        "sources": "independent sources (near-duplicate cables once)", "conflict": "conflict number"},
    "mentions": {"consolidated": "consolidated fact", "fact": "fact stating it"},
    "conflicts": {"id": "conflict number", "type": "type of fact", "country": "country", "year": "year",
                  "slot": "what the conflicting values share", "values": "each value and the cables stating it"},
}
QUERIES = {
    "routes_to_a_country": {
        "title": "Routes to a country",
        "description": "Route legs whose destination is the ISO code given, with how many cables state each.",
        "sql": "SELECT json_extract(fields, '$.origin') AS origin, json_extract(fields, '$.origin_place') AS "
               "origin_place, COUNT(DISTINCT cable) AS cables, COUNT(*) AS facts FROM facts WHERE type = 'route' "
               "AND json_extract(fields, '$.destination') = upper(:country) GROUP BY origin, origin_place "
               "ORDER BY cables DESC",
    },
    "victims_by_year": {
        "title": "Victims by year",
        "description": "Per country and year, the largest victim count a cable states (consolidated, worldwide "
                       "estimates left out), and how many independent sources state it.",
        "sql": "SELECT country, year, MAX(json_extract(fields, '$.count')) AS victims, MAX(sources) AS sources "
               "FROM consolidated WHERE type = 'victims' AND category = 'country' AND country IS NOT NULL "
               "GROUP BY country, year ORDER BY year, country",
    },
}


def metadata(db: Path) -> dict:
    """Datasette metadata for a store."""
    tables: dict[str, dict] = {name: {"columns": labels} for name, labels in LABELS.items()}
    tables["facts"].update({"fts_table": "facts_fts", "fts_pk": "id", "searchmode": "raw",
                            "facets": ["type", "country", "year"], "sort_desc": "confidence"})
    tables["consolidated"]["facets"] = ["type", "country", "year", "category"]
    tables["entities"]["facets"] = ["label"]
    tables["relations"]["facets"] = ["type"]
    return {"title": "cablefacts", "description": "Facts about trafficking in persons from diplomatic cables.",
            "databases": {db.stem: {"tables": tables, "queries": QUERIES}}}


def has_search(db: Path) -> bool:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'facts_fts'").fetchone() is not None
    finally:
        con.close()


def command(db: Path, port: int, host: str, metadata_file: Path) -> list[str]:
    """The Datasette command line serving ``db``."""
    metadata_file.write_text(json.dumps(metadata(db), indent=1), encoding="utf-8")
    return [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(metadata_file),
            "--host", host, "--port", str(port), "--setting", "default_page_size", "50"]


def serve(db: Path, port: int, host: str, metadata_file: Path) -> int:
    """Run Datasette in the foreground until it stops; returns its exit status."""
    return subprocess.call(command(db, port, host, metadata_file))

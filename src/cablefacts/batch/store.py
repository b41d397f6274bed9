"""SQLite store of an extraction run: one row per cable file (status, hash, metadata, error) and one
per fact (all fields, provenance), written in one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS cables (
    path TEXT PRIMARY KEY,
    cable_id TEXT,
    sha256 TEXT NOT NULL,
    model TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error TEXT,
    date TEXT,
    origin TEXT,
    classification TEXT,
    subject TEXT,
    tags TEXT,
    words INTEGER,
    n_facts INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL REFERENCES cables(path) ON DELETE CASCADE,
    type TEXT NOT NULL,
    cable TEXT,
    paragraph TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    confidence REAL NOT NULL,
    country TEXT,
    year INTEGER,
    fields TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_cable ON facts(cable);
CREATE INDEX IF NOT EXISTS facts_type ON facts(type);
CREATE INDEX IF NOT EXISTS facts_country ON facts(country);
CREATE INDEX IF NOT EXISTS facts_year ON facts(year);
CREATE INDEX IF NOT EXISTS facts_path ON facts(path);
CREATE INDEX IF NOT EXISTS cables_status ON cables(status);
"""

BASE_FIELDS = ("type", "cable", "paragraph", "start", "end", "text", "confidence")


@dataclass
class CableResult:
    """What processing one file gave: its facts, or the reason it failed."""

    path: str
    sha256: str
    status: str
    error: str | None = None
    cable_id: str | None = None
    meta: dict | None = None
    facts: list[dict] | None = None


def _country(fact: dict) -> str | None:
    return fact.get("country") or fact.get("origin") or fact.get("destination")


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def done(self, model: str) -> dict[str, str]:
        """Files already processed with ``model``: path -> sha256 (done or failed alike)."""
        return dict(self.db.execute("SELECT path, sha256 FROM cables WHERE model = ?", (model,)))

    def write_batch(self, results: list[CableResult], model: str) -> None:
        """Replace the rows of these files, all or nothing."""
        with self.db:
            for r in results:
                self.db.execute("DELETE FROM facts WHERE path = ?", (r.path,))
                meta = r.meta or {}
                self.db.execute(
                    "INSERT OR REPLACE INTO cables (path, cable_id, sha256, model, status, error, date, origin,"
                    " classification, subject, tags, words, n_facts, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                    (r.path, r.cable_id, r.sha256, model, r.status, r.error, meta.get("date"), meta.get("origin"),
                     meta.get("classification"), meta.get("subject"), json.dumps(meta.get("tags", [])),
                     meta.get("words"), len(r.facts or [])))
                self.db.executemany(
                    'INSERT INTO facts (path, type, cable, paragraph, start, "end", text, confidence, country, year,'
                    " fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r.path, f["type"], f["cable"], f["paragraph"], f["start"], f["end"], f["text"],
                      f["confidence"], _country(f), f.get("year"),
                      json.dumps({k: v for k, v in f.items() if k not in BASE_FIELDS}, ensure_ascii=False))
                     for f in r.facts or []])

    def facts(self, paths: set[str] | None = None) -> Iterator[dict]:
        """Every fact (of ``paths``, if given), in a stable order: file, then position."""
        rows = self.db.execute('SELECT path, type, cable, paragraph, start, "end", text, confidence, fields FROM facts'
                               ' ORDER BY path, start, "end", type, id')
        for row in rows:
            if paths is None or row[0] in paths:
                yield {**dict(zip(BASE_FIELDS, row[1:8], strict=True)), **json.loads(row[8])}

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, COUNT(*) FROM cables GROUP BY status"))

    def failures(self) -> list[tuple[str, str]]:
        return list(self.db.execute("SELECT path, error FROM cables WHERE status = 'failed' ORDER BY path"))

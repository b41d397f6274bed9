"""SQLite store of an extraction run: one row per distinct cable file (resolved path, content hash,
status, metadata, error, warnings), one per fact (all fields, provenance), and every path a content was
seen at; written in one transaction per batch.

A content is stored once: the same bytes reached by another path (a copy, a symlink, another spelling
of the folder) point at the row already there. Two different files that give one cable id are both
kept, each with a warning naming the other.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS cables (
    path TEXT PRIMARY KEY,
    cable_id TEXT,
    sha256 TEXT NOT NULL,
    model TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
    error TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
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
CREATE INDEX IF NOT EXISTS cables_sha256 ON cables(sha256);
CREATE INDEX IF NOT EXISTS cables_cable_id ON cables(cable_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL
);
"""
VERSION = 2  # PRAGMA user_version: 0 is the store keyed by the path as typed, with no warnings column

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
    warnings: list[str] = field(default_factory=list)


def _country(fact: dict) -> str | None:
    return fact.get("country") or fact.get("origin") or fact.get("destination")


class Store:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        old = self.db.execute("PRAGMA user_version").fetchone()[0]
        fresh = not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'cables'").fetchone()
        if not fresh and old < VERSION:
            self._migrate()
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA user_version = {VERSION}")

    def _migrate(self) -> None:
        """Bring a store of the first schema up to date in place: paths resolved (a relative path against
        the store's folder), one row per content, newest first, and the warnings column."""
        base = self.path.resolve().parent
        with self.db:
            self._begin_deferred()
            if "warnings" not in {r[1] for r in self.db.execute("PRAGMA table_info(cables)")}:
                self.db.execute("ALTER TABLE cables ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'")
            seen_paths: set[str] = set()
            seen_content: set[str] = set()
            rows = list(self.db.execute("SELECT path, sha256 FROM cables ORDER BY updated DESC, rowid DESC"))
            for path, sha in rows:
                resolved = str((base / path).resolve())
                if resolved in seen_paths or (sha and sha in seen_content):
                    self.db.execute("DELETE FROM facts WHERE path = ?", (path,))
                    self.db.execute("DELETE FROM cables WHERE path = ?", (path,))
                    continue
                seen_paths.add(resolved)
                seen_content.add(sha)
                self.db.execute("UPDATE facts SET path = ? WHERE path = ?", (resolved, path))
                self.db.execute("UPDATE cables SET path = ? WHERE path = ?", (resolved, path))

    def _begin_deferred(self) -> None:
        """Open a transaction whose foreign keys are checked at its commit (rows change path inside it)."""
        self.db.execute("BEGIN")
        self.db.execute("PRAGMA defer_foreign_keys = ON")

    def close(self) -> None:
        self.db.close()

    def done(self, model: str) -> dict[str, str]:
        """Contents already processed with ``model`` (done or failed alike): sha256 -> the file's path."""
        return {sha: path for path, sha in
                self.db.execute("SELECT path, sha256 FROM cables WHERE model = ? AND sha256 != ''", (model,))}

    def see(self, paths: dict[str, str]) -> None:
        """Record the content (path -> sha256) each path was last seen with."""
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO files (path, sha256) VALUES (?, ?)", paths.items())

    def write_batch(self, results: list[CableResult], model: str) -> None:
        """Replace the rows of these files (and of any other row with the same content), all or nothing.
        A result whose cable id another file with different content gave gets a warning naming it."""
        with self.db:
            for r in results:
                old = [r.path] + [p for (p,) in self.db.execute(
                    "SELECT path FROM cables WHERE sha256 = ? AND sha256 != '' AND path != ?", (r.sha256, r.path))]
                for path in old:
                    self.db.execute("DELETE FROM facts WHERE path = ?", (path,))
                    self.db.execute("DELETE FROM cables WHERE path = ?", (path,))
                if r.cable_id:
                    r.warnings += [f"cable id {r.cable_id} is also read from {p} (other content); both are kept"
                                   for (p,) in self.db.execute("SELECT path FROM cables WHERE cable_id = ? AND "
                                                               "path != ? ORDER BY path", (r.cable_id, r.path))]
                meta = r.meta or {}
                self.db.execute(
                    "INSERT INTO cables (path, cable_id, sha256, model, status, error, warnings, date, origin,"
                    " classification, subject, tags, words, n_facts, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                    (r.path, r.cable_id, r.sha256, model, r.status, r.error, json.dumps(r.warnings, ensure_ascii=False),
                     meta.get("date"), meta.get("origin"), meta.get("classification"), meta.get("subject"),
                     json.dumps(meta.get("tags", [])), meta.get("words"), len(r.facts or [])))
                self.db.executemany(
                    'INSERT INTO facts (path, type, cable, paragraph, start, "end", text, confidence, country, year,'
                    " fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r.path, f["type"], f["cable"], f["paragraph"], f["start"], f["end"], f["text"],
                      f["confidence"], _country(f), f.get("year"),
                      json.dumps({k: v for k, v in f.items() if k not in BASE_FIELDS}, ensure_ascii=False))
                     for f in r.facts or []])

    def prune(self) -> tuple[int, int]:
        """Forget files that no longer exist: a row whose file is gone moves to another path its content was
        seen at, if that file still holds it, and is removed otherwise. Returns (rows moved, rows removed)."""
        from .runner import sha256_file

        moved = removed = 0
        with self.db:
            self._begin_deferred()
            for (path,) in list(self.db.execute("SELECT path FROM files")):
                if not os.path.isfile(path):
                    self.db.execute("DELETE FROM files WHERE path = ?", (path,))
            for path in self.gone():
                sha = self.db.execute("SELECT sha256 FROM cables WHERE path = ?", (path,)).fetchone()[0]
                alias = next((p for (p,) in self.db.execute("SELECT path FROM files WHERE sha256 = ? AND path != ?",
                                                            (sha, path)) if sha and sha256_file(p) == sha), None)
                if alias:
                    self.db.execute("UPDATE facts SET path = ? WHERE path = ?", (alias, path))
                    self.db.execute("UPDATE cables SET path = ? WHERE path = ?", (alias, path))
                    moved += 1
                else:
                    self.db.execute("DELETE FROM facts WHERE path = ?", (path,))
                    self.db.execute("DELETE FROM cables WHERE path = ?", (path,))
                    removed += 1
        return moved, removed

    def warned(self, contents: set[str]) -> int:
        """How many of the files with these contents have warnings."""
        rows = self.db.execute("SELECT sha256 FROM cables WHERE warnings != '[]'")
        return sum(1 for (sha,) in rows if sha in contents)

    def gone(self) -> list[str]:
        """Paths of the rows whose file no longer exists."""
        rows = self.db.execute("SELECT path FROM cables ORDER BY path")
        return [path for (path,) in rows if not os.path.isfile(path)]

    def facts(self, contents: set[str] | None = None) -> Iterator[dict]:
        """Every fact (of the files with these sha256 contents, if given), in a stable order: file, then
        position."""
        rows = self.db.execute('SELECT f.path, type, cable, paragraph, start, "end", text, confidence, fields, sha256'
                               ' FROM facts f JOIN cables c ON c.path = f.path ORDER BY f.path, start, "end", type, id')
        for row in rows:
            if contents is None or row[9] in contents:
                yield {**dict(zip(BASE_FIELDS, row[1:8], strict=True)), **json.loads(row[8])}

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, COUNT(*) FROM cables GROUP BY status"))

    def failures(self) -> list[tuple[str, str]]:
        return list(self.db.execute("SELECT path, error FROM cables WHERE status = 'failed' ORDER BY path"))

"""SQLite store of an extraction run: one row per distinct cable file (resolved path, content hash,
status, metadata, error, warnings), one per fact (all fields, provenance), one per entity and relation
the models found (provenance as facts have it), and every path a content was seen at; written in one
transaction per batch, a file's facts, entities and relations together.

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
    n_entities INTEGER,
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
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL REFERENCES cables(path) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    label TEXT NOT NULL,
    paragraph TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (path, n)
);
CREATE TABLE IF NOT EXISTS relations (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL REFERENCES cables(path) ON DELETE CASCADE,
    type TEXT NOT NULL,
    head INTEGER NOT NULL,
    child INTEGER NOT NULL,
    score REAL NOT NULL,
    paragraph TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    FOREIGN KEY (path, head) REFERENCES entities(path, n) ON DELETE CASCADE,
    FOREIGN KEY (path, child) REFERENCES entities(path, n) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS entities_label ON entities(label);
CREATE INDEX IF NOT EXISTS relations_path ON relations(path);
CREATE INDEX IF NOT EXISTS relations_type ON relations(type);
"""
# PRAGMA user_version: 0 is the store keyed by the path as typed, with no warnings column; 2 keeps no
# entities or relations (its files have n_entities NULL, and are read again by the next run)
VERSION = 3
FILE_TABLES = ("relations", "entities", "facts")  # the rows a file has besides its own, children first
DERIVED = ("facts_fts", "mentions", "consolidated", "conflicts")  # written by report.consolidate from the facts

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
    entities: list[dict] = field(default_factory=list)  # see cablefacts.facts.annotations
    relations: list[dict] = field(default_factory=list)


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
            self._migrate(old)
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA user_version = {VERSION}")

    def _migrate(self, old: int) -> None:
        """Bring an older store up to date in place. From the first schema: paths resolved (a relative path
        against the store's folder), one row per content, newest first, and the warnings column. From a
        store that kept no entities: the column ``n_entities``, NULL for its files, so that the next run
        reads them again (the tables of entities and relations are made by the schema)."""
        base = self.path.resolve().parent
        with self.db:
            self._begin_deferred()
            columns = {r[1] for r in self.db.execute("PRAGMA table_info(cables)")}
            if "warnings" not in columns:
                self.db.execute("ALTER TABLE cables ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'")
            if "n_entities" not in columns:
                self.db.execute("ALTER TABLE cables ADD COLUMN n_entities INTEGER")
            if old >= 2:
                return
            seen_paths: set[str] = set()
            seen_content: set[str] = set()
            rows = list(self.db.execute("SELECT path, sha256 FROM cables ORDER BY updated DESC, rowid DESC"))
            for path, sha in rows:
                resolved = str((base / path).resolve())
                if resolved in seen_paths or (sha and sha in seen_content):
                    self._drop(path)
                    continue
                seen_paths.add(resolved)
                seen_content.add(sha)
                self._move(path, resolved)

    def _file_tables(self) -> list[str]:
        """The tables of a file's rows that this store has (an old one, while it migrates, may lack some)."""
        have = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return [t for t in FILE_TABLES if t in have]

    def _drop(self, path: str) -> None:
        """Delete a file's row and every row of its facts, entities and relations. Facts that go take the
        tables ``consolidate`` made from them (``report``, ``consolidate`` and ``serve`` make them again)."""
        if self.db.execute("SELECT 1 FROM facts WHERE path = ? LIMIT 1", (path,)).fetchone():
            for table in DERIVED:
                self.db.execute(f"DROP TABLE IF EXISTS {table}")
        for table in self._file_tables():
            self.db.execute(f"DELETE FROM {table} WHERE path = ?", (path,))
        self.db.execute("DELETE FROM cables WHERE path = ?", (path,))

    def _move(self, path: str, to: str) -> None:
        """Give a file's rows another path (in a transaction whose foreign keys are deferred)."""
        if to == path:
            return
        for table in [*self._file_tables(), "cables"]:
            self.db.execute(f"UPDATE {table} SET path = ? WHERE path = ?", (to, path))

    def _begin_deferred(self) -> None:
        """Open a transaction whose foreign keys are checked at its commit (rows change path inside it)."""
        self.db.execute("BEGIN")
        self.db.execute("PRAGMA defer_foreign_keys = ON")

    def close(self) -> None:
        self.db.close()

    def done(self, model: str) -> dict[str, str]:
        """Contents already processed with ``model`` (done or failed alike): sha256 -> the file's path. A
        file done before the store kept entities is not: a run reads it again."""
        return {sha: path for path, sha in self.db.execute(
            "SELECT path, sha256 FROM cables WHERE model = ? AND sha256 != '' AND (status = 'failed' OR "
            "n_entities IS NOT NULL)", (model,))}

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
                    self._drop(path)
                if r.cable_id:
                    r.warnings += [f"cable id {r.cable_id} is also read from {p} (other content); both are kept"
                                   for (p,) in self.db.execute("SELECT path FROM cables WHERE cable_id = ? AND "
                                                               "path != ? ORDER BY path", (r.cable_id, r.path))]
                meta = r.meta or {}
                self.db.execute(
                    "INSERT INTO cables (path, cable_id, sha256, model, status, error, warnings, date, origin,"
                    " classification, subject, tags, words, n_facts, n_entities, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                    (r.path, r.cable_id, r.sha256, model, r.status, r.error, json.dumps(r.warnings, ensure_ascii=False),
                     meta.get("date"), meta.get("origin"), meta.get("classification"), meta.get("subject"),
                     json.dumps(meta.get("tags", [])), meta.get("words"), len(r.facts or []), len(r.entities)))
                self.db.executemany(
                    'INSERT INTO facts (path, type, cable, paragraph, start, "end", text, confidence, country, year,'
                    " fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r.path, f["type"], f["cable"], f["paragraph"], f["start"], f["end"], f["text"],
                      f["confidence"], _country(f), f.get("year"),
                      json.dumps({k: v for k, v in f.items() if k not in BASE_FIELDS}, ensure_ascii=False))
                     for f in r.facts or []])
                self.db.executemany(
                    'INSERT INTO entities (path, n, label, paragraph, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?)',
                    [(r.path, n, e["label"], e["paragraph"], e["start"], e["end"], e["text"])
                     for n, e in enumerate(r.entities)])
                self.db.executemany(
                    'INSERT INTO relations (path, type, head, child, score, paragraph, start, "end", text)'
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r.path, x["type"], x["head"], x["child"], x["score"], x["paragraph"], x["start"], x["end"],
                      x["text"]) for x in r.relations])

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
                    self._move(path, alias)
                    moved += 1
                else:
                    self._drop(path)
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

    def entities(self, path: str) -> list[dict]:
        """The entities of a file, in text order (a relation's ``head`` and ``child`` index this list)."""
        rows = self.db.execute('SELECT label, paragraph, start, "end", text FROM entities WHERE path = ? ORDER BY n',
                               (path,))
        return [dict(zip(("label", "paragraph", "start", "end", "text"), row, strict=True)) for row in rows]

    def relations(self, path: str) -> list[dict]:
        """The relations of a file, in the order they were found."""
        keys = ("type", "head", "child", "score", "paragraph", "start", "end", "text")
        rows = self.db.execute('SELECT type, head, child, score, paragraph, start, "end", text FROM relations'
                               " WHERE path = ? ORDER BY id", (path,))
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, COUNT(*) FROM cables GROUP BY status"))

    def failures(self) -> list[tuple[str, str]]:
        return list(self.db.execute("SELECT path, error FROM cables WHERE status = 'failed' ORDER BY path"))

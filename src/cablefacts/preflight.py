"""Checks of a command's inputs and outputs before any work starts, so that a run never fails at its
end for a reason it could have seen at its start. Each failure is one line naming the path and why."""

from __future__ import annotations

import os
import socket
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

SQLITE_MAGIC = b"SQLite format 3\x00"
SCHEDULER_TIMEOUT = 2.0  # seconds a Dask scheduler has to accept a connection
DASK_PORT = 8786


class UsageError(Exception):
    """The command line names something that cannot be used (exit status 2)."""


class Unavailable(Exception):
    """Something the command needs does not answer (exit status 1)."""


def _cannot_create_in(folder: Path) -> str | None:
    """Why no file can be created in ``folder`` (None if one can): tried, not guessed from mode bits."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as e:
        return (e.strerror or str(e)).lower()


def output_file(path: Path, what: str = "output file") -> None:
    """``path`` can be written: not a folder, in an existing folder that takes new files."""
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; the {what} must be a file name")
    folder = path.parent
    if not folder.is_dir():
        missing = f"no such folder {folder}" if not folder.exists() else f"{folder} is not a folder"
        raise UsageError(f"{path}: cannot write the {what}: {missing}")
    if reason := _cannot_create_in(folder):
        raise UsageError(f"{path}: cannot write the {what} in {folder} ({reason})")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{path}: cannot write the {what} (the file is read-only)")


def output_folder(path: Path, what: str = "output folder") -> None:
    """``path`` is a folder that takes new files, or can be made as one."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: is a file; the {what} must be a folder")
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        raise UsageError(f"{path}: cannot make the {what}: {existing} is not a folder")
    reason = _cannot_create_in(existing)
    if reason:
        raise UsageError(f"{path}: cannot write the {what} in {existing} ({reason})")


def _is_sqlite(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def store_to_write(path: Path) -> None:
    """``path`` is a new store, or a store ``cablefacts extract`` wrote, in a folder that takes its journal."""
    output_file(path, "store")
    if path.exists() and path.stat().st_size and not _is_sqlite(path):
        raise UsageError(f"{path}: not a SQLite store; give a new file name or the store `cablefacts extract` wrote")


def store_to_read(path: Path) -> None:
    """``path`` is a store that ``cablefacts extract`` wrote."""
    if not path.is_file():
        reason = "is a folder" if path.is_dir() else "no such store"
        raise UsageError(f"{path}: {reason}; run `cablefacts extract ... --db {path}` first")
    input_file(path, "store")
    if not _is_sqlite(path):
        raise UsageError(f"{path}: not a SQLite store; give the .sqlite file `cablefacts extract --db` wrote")
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise UsageError(f"{path}: cannot read the store ({e})") from None
    finally:
        con.close()
    if not {"cables", "facts"} <= tables:
        raise UsageError(f"{path}: a SQLite file but not a store of `cablefacts extract` (no cables and facts tables)")


def input_file(path: Path, what: str = "input file") -> None:
    """``path`` is a readable file of text."""
    if not path.exists():
        raise UsageError(f"{path}: no such {what}")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; the {what} must be a file")
    try:
        with open(path, "rb") as f:
            head = f.read(8192)
    except OSError as e:
        raise UsageError(f"{path}: cannot read the {what} ({(e.strerror or str(e)).lower()})") from None
    if head.startswith(SQLITE_MAGIC) and what != "store":
        raise UsageError(f"{path}: a SQLite store, not a text {what}")
    if b"\x00" in head and not head.startswith(SQLITE_MAGIC):
        raise UsageError(f"{path}: binary data, not a text {what}")


def input_folder(path: Path, what: str = "folder", pattern: str = "*") -> None:
    """``path`` is a folder holding at least one file matching ``pattern``."""
    if not path.is_dir():
        raise UsageError(f"{path}: {'no such' if not path.exists() else 'not a'} {what}")
    if not any(path.glob(pattern)):
        raise UsageError(f"{path}: no {pattern} files in the {what}")


def model(name: str | None) -> None:
    """``name`` is None (the shipped pipeline), a spaCy model folder or an installed model package."""
    if name is None:
        return
    path = Path(name)
    if path.exists():
        if not (path.is_dir() and (path / "meta.json").is_file()):
            raise UsageError(f"{name}: not a spaCy model folder (no meta.json)")
        return
    import spacy.util

    if os.sep in name or name.startswith(".") or not spacy.util.is_package(name):
        raise UsageError(f"{name}: no such model folder or installed model package")


def scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT) -> None:
    """A Dask scheduler accepts connections at ``address`` (``tcp://HOST:PORT``) within ``timeout`` seconds."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port or DASK_PORT
    except ValueError:
        raise UsageError(f"{address}: not a scheduler address (tcp://HOST:PORT)") from None
    if parts.scheme != "tcp" or not host:
        raise UsageError(f"{address}: not a scheduler address (tcp://HOST:PORT)")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as e:
        reason = "timed out" if isinstance(e, TimeoutError) else (e.strerror or str(e)).lower()
        raise Unavailable(f"{address}: no Dask scheduler answers within {timeout:.0f} s ({reason}); "
                          "start one with `dask scheduler`") from None

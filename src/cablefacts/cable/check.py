"""Reading many cable files: each read on its own, and a folder checked field by field."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .files import CableFileError, cable_files, read_cable_file
from .model import Cable

FOUND = ("id", "date", "subject", "paragraphs")  # fields the reader may miss (``Cable.missing``)
FIELDS = ("id", "date", "exact date", "subject", "paragraphs")  # as the check reports them, with exact dates


@dataclass
class Read:
    """One file read: its cable, or why there is none (``crashed`` when the reader itself failed)."""

    path: Path
    cable: Cable | None = None
    error: str | None = None
    crashed: bool = False


def read_each(files: Iterable[Path]) -> Iterator[Read]:
    """Every file read as a cable; an unreadable file or a reader bug is reported, never a stop."""
    for path in files:
        try:
            yield Read(path, read_cable_file(path))
        except CableFileError as e:
            yield Read(path, error=str(e))
        except Exception as e:  # a reader bug: report it and go on
            yield Read(path, error=f"{type(e).__name__}: {e}", crashed=True)


@dataclass
class FolderCheck:
    """What the reader found in every file of a folder: counts per field, and a note per file."""

    folder: Path
    files: int = 0
    found: Counter[str] = field(default_factory=Counter)
    unreadable: int = 0
    crashes: int = 0
    mismatched: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)  # (file relative to the folder, what is wrong)
    seconds: float = 0.0

    @property
    def parsed(self) -> int:
        return self.files - self.unreadable - self.crashes

    @property
    def failed(self) -> bool:
        """A file unreadable, a reader crash, or nothing parsed at all."""
        return bool(self.crashes or self.unreadable or self.parsed == 0)


def check_folder(folder: Path, every_file: bool = False) -> FolderCheck:
    """Parse every cable file of ``folder`` as ``extract`` reads them, and note what could not be found
    (every file with ``every_file``, else only those with a problem)."""
    started = time.perf_counter()
    check = FolderCheck(folder)
    for read in read_each(cable_files(folder)):
        check.files += 1
        name = str(read.path.relative_to(folder))
        if read.cable is None:
            check.crashes += read.crashed
            check.unreadable += not read.crashed
            check.notes.append((name, f"CRASH {read.error}" if read.crashed else f"unreadable: {read.error}"))
            continue
        cable = read.cable
        missing = cable.missing()
        check.found.update(f for f in FOUND if f not in missing)
        check.found["exact date"] += cable.date_precision == "minute"
        notes = [f"no {m}" for m in missing]
        if cable.id and cable.id != read.path.stem:
            check.mismatched += 1
            notes.append(f"id {cable.id} differs from file name")
        if notes or every_file:
            check.notes.append((name, "; ".join(notes) or "ok"))
    check.seconds = time.perf_counter() - started
    return check

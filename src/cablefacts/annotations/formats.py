"""The gold's interchange formats, chosen by name: doccano and Prodigy JSON Lines (one record per
paragraph, written and read back), and the working format (one JSON file per document, body offsets,
with its facts), read only."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic import replacing
from ..cable import Cable
from ..corpus import CorpusError, load_cable, sha256_text
from . import doccano, prodigy
from .gold_facts import save_gold_facts
from .store import AlignmentError, Gold, annotated_ids, load_resolved, save_gold, to_raw
from .working import WorkingFormatError, facts_from_working, gold_from_working

WORKING = "working"


class FormatError(Exception):
    """A file or record that cannot be read in its format, or gold that cannot be written: one line."""


@dataclass(frozen=True)
class Format:
    """A JSON Lines format: paragraph records from a cable and its gold, and gold back from them."""

    name: str
    write: Callable[[Cable, Gold], list[dict]]
    read: Callable[[Cable, list[dict], str], Gold]


FORMATS = {"doccano": Format("doccano", doccano.to_records, doccano.from_records),
           "prodigy": Format("prodigy", prodigy.to_tasks, prodigy.from_tasks)}


def get_format(name: str, others: tuple[str, ...] = ()) -> Format:
    """The JSON Lines format called ``name``; the message of an unknown one also names ``others``."""
    if name not in FORMATS:
        names = [*FORMATS, *others]
        raise ValueError(f"unknown format {name!r}: use {', '.join(names[:-1])} or {names[-1]}")
    return FORMATS[name]


def export_gold(fmt: Format, output: Path, cable_ids: Iterable[str] = (),
                progress: Callable[[int, int], None] | None = None) -> int:
    """Write the gold of ``cable_ids`` (default: every annotated document) to ``output``, whole or not at
    all; returns the number of paragraph records. ``progress(done, total)`` is told after each document."""
    ids = list(cable_ids) or annotated_ids()
    n = 0
    with replacing(output) as f:
        for k, cid in enumerate(ids, 1):
            try:
                cable, gold = load_resolved(cid)
            except AlignmentError as e:
                raise FormatError(f"{e}; nothing written to {output} (fix the gold file, see "
                                  "`cablefacts annotations validate`)") from None
            for rec in fmt.write(cable, gold):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
            if progress:
                progress(k, len(ids))
    return n


def records_by_document(records: Iterable[dict]) -> dict[str, list[dict]]:
    """Paragraph records grouped by the document their ``meta.cable`` names, in order of first sight."""
    out: dict[str, list[dict]] = {}
    for rec in records:
        out.setdefault(rec["meta"]["cable"], []).append(rec)
    return out


def read_records(path: Path, fmt: Format) -> dict[str, list[dict]]:
    """The records of a JSON Lines file, by document; a line that is not a record is a ``FormatError``."""
    records = []
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rec = json.loads(line)
                rec["meta"]["cable"]
            except (json.JSONDecodeError, KeyError, TypeError) as e:
                raise FormatError(f"{path}:{k}: not a {fmt.name} record ({e})") from None
            records.append(rec)
    return records_by_document(records)


def import_records(path: Path, fmt: Format) -> Iterator[tuple[str, Gold]]:
    """Store the gold of every document of a JSON Lines file, one document at a time (a document with a bad
    record is a ``FormatError``, and nothing is stored for it); yields each document and its stored gold."""
    for cid, records in read_records(path, fmt).items():
        try:
            cable = load_cable(cid)
        except CorpusError as e:
            raise FormatError(str(e)) from None
        try:
            gold = fmt.read(cable, records, sha256_text(cable.raw))
        except (doccano.RecordError, ValueError) as e:
            raise FormatError(f"{path}: {e}; nothing stored for {cid}") from None
        except KeyError as e:
            raise FormatError(f"{path}: a {fmt.name} record of {cid} has no {e} field; nothing stored for {cid}"
                              ) from None
        save_gold(to_raw(gold, cable))
        yield cid, gold


@dataclass
class WorkingFile:
    """A working-format file read: its document, gold (raw offsets) and gold facts."""

    path: Path
    cable_id: str
    gold: Gold
    facts: list[dict]

    def store(self) -> None:
        save_gold(self.gold)
        save_gold_facts(self.cable_id, self.facts)


def read_working(path: Path) -> Iterator[WorkingFile]:
    """The working-format files of a folder (``*.json``) or the one file ``path``."""
    for p in sorted(path.glob("*.json")) if path.is_dir() else [path]:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            cable = load_cable(data["cable"])
            yield WorkingFile(p, data["cable"], gold_from_working(data, cable), facts_from_working(data, cable))
        except (json.JSONDecodeError, KeyError, CorpusError, WorkingFormatError) as e:
            raise FormatError(f"{p}: {e}") from None


def import_working(path: Path, check: bool = False) -> Iterator[tuple[WorkingFile, list]]:
    """Each working-format file of ``path`` with its problems (with ``check``: validated and not stored;
    else stored as it is read, with no problems listed)."""
    from .validate import validate_working

    for doc in read_working(path):
        if check:
            yield doc, validate_working(doc)
        else:
            doc.store()
            yield doc, []

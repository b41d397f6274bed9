"""Data classes of a parsed cable: metadata, paragraphs and the body-to-raw offset map."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a cable body: its own number (or None) and its span in ``Cable.body``."""

    number: str | None
    start: int
    end: int


@dataclass
class OffsetMap:
    """Maps offsets of ``Cable.body`` to character offsets of the raw text, and back.

    Stored as runs ``(body_start, raw_start, length)``: inside a run, body and raw
    advance together; a run of length 1 may stand for an inserted separator that
    points at the whitespace it replaced.
    """

    runs: list[tuple[int, int, int]] = field(default_factory=list)
    _raw_starts: list[int] = field(default_factory=list, repr=False)

    def add(self, body_start: int, raw_start: int, length: int) -> None:
        if length <= 0:
            return
        if self.runs:
            b, r, n = self.runs[-1]
            if b + n == body_start and r + n == raw_start:
                self.runs[-1] = (b, r, n + length)
                return
        self.runs.append((body_start, raw_start, length))

    def to_raw(self, i: int) -> int:
        """Raw offset of body character ``i`` (``i == len(body)`` maps past the last character)."""
        if not self.runs:
            return 0
        k = bisect.bisect_right(self.runs, (i, float("inf"), 0)) - 1
        if k < 0:
            return self.runs[0][1]
        b, r, n = self.runs[k]
        if i < b + n:
            return r + (i - b)
        return r + n  # end offset: one past the run's last character

    def to_body(self, raw: int, *, end: bool = False) -> int | None:
        """Body offset of raw character ``raw``; None if that character was dropped.

        With ``end=True`` the offset is treated as an exclusive end, so the
        character before it must be in the body.
        """
        probe = raw - 1 if end else raw
        if len(self._raw_starts) != len(self.runs):
            self._raw_starts = [r for _, r, _ in self.runs]
        k = bisect.bisect_right(self._raw_starts, probe) - 1
        if k < 0:
            return None
        b, r, n = self.runs[k]
        if r <= probe < r + n:
            return b + (probe - r) + (1 if end else 0)
        return None


@dataclass
class Cable:
    """A parsed cable: metadata from the header, and the cleaned body with its paragraphs."""

    id: str | None
    date: datetime | None
    date_precision: str | None  # "minute" as the cable writes it, "year" where only the id gives it
    origin: str | None
    classification: str | None
    tags: list[str]
    subject: str | None
    references: list[str]
    signer: str | None
    body: str
    paragraphs: list[Paragraph]
    offsets: OffsetMap
    raw: str = field(repr=False)
    warnings: list[str] = field(default_factory=list)
    other_references: list[str] = field(default_factory=list)  # REF items that are not cables, as written
    country: str | None = None  # ISO alpha-3 where the source states the country (a narrative's)

    def raw_offset(self, i: int) -> int:
        """Position in the raw text of character ``i`` of ``body``."""
        return self.offsets.to_raw(i)

    def body_offset(self, raw: int, *, end: bool = False) -> int | None:
        """Position in ``body`` of raw character ``raw`` (None where the reader dropped it)."""
        return self.offsets.to_body(raw, end=end)

    def paragraph_at(self, i: int) -> Paragraph | None:
        """The paragraph holding body offset ``i``."""
        for p in self.paragraphs:
            if p.start <= i < p.end or (i == p.end and p.start < p.end):
                return p
        return None

    def paragraph_text(self, p: Paragraph) -> str:
        return self.body[p.start : p.end]

    def missing(self) -> list[str]:
        """Names of the fields the reader could not find."""
        out = [name for name in ("id", "date", "subject") if not getattr(self, name)]
        if not self.paragraphs:
            out.append("paragraphs")
        return out

    def iso_date(self) -> str | None:
        """ISO 8601 date: full date-time, or the year alone where the text gives no date."""
        if self.date is None:
            return None
        return str(self.date.year) if self.date_precision == "year" else self.date.isoformat()

    def to_dict(self) -> dict:
        """JSON-ready form: metadata and paragraphs with their text."""
        return {
            "id": self.id,
            "date": self.iso_date(),
            "date_precision": self.date_precision,
            "origin": self.origin,
            "classification": self.classification,
            "tags": self.tags,
            "subject": self.subject,
            "references": self.references,
            "other_references": self.other_references,
            "signer": self.signer,
            "paragraphs": [
                {"number": p.number, "start": p.start, "end": p.end, "text": self.paragraph_text(p)}
                for p in self.paragraphs
            ],
            "warnings": self.warnings,
        }

"""Extraction from JSON Lines files of TIP narratives (``{id, edition, country, text}`` per line, as
``corpus/factbook.jsonl``): every narrative read as a document, a bad file or line skipped with its reason."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from ..api import extract
from ..narratives import NarrativeError, narrative_cable


@dataclass
class NarrativeRun:
    """The narratives of some files, read lazily: ``facts()`` yields their facts; the counts fill as it goes."""

    paths: list[Path]
    nlp: Language
    skipped: Callable[[str], None] = lambda message: None  # told each skipped file or line, in one line
    documents: int = 0
    bad: int = field(default=0)

    def facts(self) -> Iterator[dict]:
        for path in self.paths:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as e:
                self._skip(f"{path}: cannot read ({e})")
                continue
            for cable in self._narratives(path, lines):
                yield from (f.to_dict() for f in extract(cable, self.nlp))
                self.documents += 1

    def _narratives(self, path: Path, lines: Iterable[str]) -> Iterator:
        for k, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield narrative_cable(json.loads(line))
            except (json.JSONDecodeError, NarrativeError, AttributeError) as e:
                self._skip(f"{path}:{k}: not a narrative record ({e})")

    def _skip(self, message: str) -> None:
        self.bad += 1
        self.skipped(message)

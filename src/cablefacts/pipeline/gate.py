"""The relevance gate: a cheap keyword test that decides which paragraphs reach the NER and relation
models. Most cables of an archive are not about trafficking; their paragraphs stop here.

Its recall is measured against the gold facts (``cablefacts gate``): the share of gold facts whose
paragraph passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..cable import Cable

KEYWORDS = re.compile(
    r"traffick|\bTIP\b|victim|forced labou?r|prostitut|sexual(?:ly)? exploit|brothel|\btier\b|watch ?list|"
    r"\barticles?\s+\d|\bart\.\s*\d|penal code|criminal code|servitude|slave|smuggl|exploitation|pimp|pander|"
    r"\bconvict|\bprosecut|sentenc", re.I)


def is_relevant(text: str) -> bool:
    """Whether a paragraph may hold a trafficking fact."""
    return KEYWORDS.search(text) is not None


@dataclass
class GateMeasure:
    """Paragraphs that pass the gate, and gold facts whose paragraph passes (its recall)."""

    paragraphs: int = 0
    passed: int = 0
    facts: int = 0
    facts_kept: int = 0


def measure(cables: Iterable[tuple[Cable, Iterable[int]]]) -> GateMeasure:
    """The gate over cables, each given with the body offsets of its gold facts (none for an archive):
    a fact outside every paragraph is never read, so it counts as lost."""
    m = GateMeasure()
    for cable, fact_starts in cables:
        relevant = [is_relevant(cable.paragraph_text(p)) for p in cable.paragraphs]
        m.paragraphs += len(relevant)
        m.passed += sum(relevant)
        for start in fact_starts:
            p = cable.paragraph_at(start)
            m.facts += 1
            m.facts_kept += p is not None and relevant[cable.paragraphs.index(p)]
    return m

"""Provenance of a fact: cable, paragraph, evidence offsets and the sentence that holds them."""

from __future__ import annotations

import re

from ..cable import Cable

# a sentence ends at . ! ? followed by space and a capital, a quote or a digit, or at a paragraph break
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATIONS = re.compile(r"(?:\b[A-Z]|\bU\.S|\bNo|\bArt|\bMr|\bMs|\bDr|\bSt|\bvs|\betc|\bi\.e|\be\.g|\bJan|\bFeb|"
                            r"\bAug|\bSept?|\bOct|\bNov|\bDec|\bGen|\bAmb|\bGov)\.$")


def sentence_bounds(text: str, start: int, end: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """Bounds of the sentence of ``text[lo:hi]`` that holds ``start:end`` (extended to hold it all)."""
    hi = len(text) if hi is None else hi
    s, e = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if _ABBREVIATIONS.search(text[max(lo, m.start() - 6) : m.start()]):
            continue
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.start()
            break
    return s, e


def provenance(cable: Cable, start: int, end: int) -> dict:
    """``cable``, ``paragraph``, ``start``, ``end`` and ``text`` (the sentence) for evidence ``start:end``."""
    para = cable.paragraph_at(start)
    lo, hi = (para.start, para.end) if para else (0, len(cable.body))
    s, e = sentence_bounds(cable.body, start, end, lo, hi)
    return {"cable": cable.id, "paragraph": para.number if para else None, "start": start, "end": end,
            "text": cable.body[s:e].strip()}

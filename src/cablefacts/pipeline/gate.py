"""The relevance gate: a cheap keyword test that decides which paragraphs reach the NER and relation
models. Most cables of an archive are not about trafficking; their paragraphs stop here.

Its recall is measured against the gold facts (``cablefacts gate``): the share of gold facts whose
paragraph passes.
"""

from __future__ import annotations

import re

KEYWORDS = re.compile(
    r"traffick|\bTIP\b|victim|forced labou?r|prostitut|sexual(?:ly)? exploit|brothel|\btier\b|watch ?list|"
    r"\barticles?\s+\d|\bart\.\s*\d|penal code|criminal code|servitude|slave|smuggl|exploitation|pimp|pander|"
    r"\bconvict|\bprosecut|sentenc", re.I)


def is_relevant(text: str) -> bool:
    """Whether a paragraph may hold a trafficking fact."""
    return KEYWORDS.search(text) is not None

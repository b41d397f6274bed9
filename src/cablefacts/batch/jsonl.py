"""Facts written as JSON Lines, whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..atomic import replacing


def write_facts(facts: Iterable[dict], output: Path, min_confidence: float = 0.0) -> int:
    """Write the facts of at least ``min_confidence`` to ``output`` (through a ``.part`` file that replaces it
    only when every fact is written); returns how many were written."""
    n = 0
    with replacing(output) as f:
        for fact in facts:
            if fact["confidence"] >= min_confidence:
                f.write(json.dumps(fact, ensure_ascii=False) + "\n")
                n += 1
    return n

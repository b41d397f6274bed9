"""Facts written as JSON Lines, whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def write_facts(facts: Iterable[dict], output: Path, min_confidence: float = 0.0) -> int:
    """Write the facts of at least ``min_confidence`` to ``output`` (through a ``.part`` file that replaces it
    only when every fact is written); returns how many were written."""
    n = 0
    tmp = output.with_suffix(output.suffix + ".part")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            for fact in facts:
                if fact["confidence"] >= min_confidence:
                    f.write(json.dumps(fact, ensure_ascii=False) + "\n")
                    n += 1
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(output)
    return n

"""Files written whole or not at all: through a ``.part`` file that replaces the target only at the end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def replacing(path: Path) -> Iterator[TextIO]:
    """A text file to write in place of ``path``; it replaces ``path`` when the block ends, and is removed if
    the block fails (``path`` is then as it was)."""
    tmp = path.with_suffix(path.suffix + ".part")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            yield f
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)

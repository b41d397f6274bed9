"""Log files for unexpected errors: the user sees one line, the traceback waits in a file."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path


def one_line(exc: BaseException, limit: int = 300) -> str:
    """The exception's message on one line, at most ``limit`` characters."""
    text = " ".join(str(exc).split()) or "(no message)"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def log_dir() -> Path:
    """``$CABLEFACTS_LOG_DIR``, else ``cablefacts-<uid>`` in the temporary folder."""
    folder = os.environ.get("CABLEFACTS_LOG_DIR")
    return Path(folder) if folder else Path(tempfile.gettempdir()) / f"cablefacts-{os.getuid()}"


def write(exc: BaseException) -> Path:
    """Write the command line and the traceback of ``exc`` to a new log file; returns its path."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    path.write_text("cablefacts " + " ".join(sys.argv[1:]) + "\n\n" + "".join(traceback.format_exception(exc)),
                    encoding="utf-8")
    return path

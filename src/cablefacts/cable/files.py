"""Reading cable files from disk: decoding, and clear errors for input that is not a cable."""

from __future__ import annotations

from pathlib import Path

from .model import Cable
from .reader import parse_cable

MAX_BYTES = 20 * 1024 * 1024  # the longest cable of the release is well under 1 MB


class CableFileError(Exception):
    """A file that cannot be read as a cable; the message is one line for the user."""


def decode(data: bytes, source: str = "input") -> tuple[str, list[str]]:
    """Decode bytes as UTF-8, else cp1252 (saying so); refuse binary data."""
    if not data.strip():
        raise CableFileError(f"{source}: empty file")
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise CableFileError(f"{source}: binary data, not a text cable")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        where = e.start
    try:
        return data.decode("cp1252"), [f"not valid UTF-8 (byte {where}); decoded as cp1252"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), [f"neither UTF-8 nor cp1252 (byte {where}); decoded as latin-1"]


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """The decoded text of a cable file and any decoding warnings."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise CableFileError(f"{path}: cannot read ({e.strerror})") from None
    if path.is_dir():
        raise CableFileError(f"{path}: is a folder, not a cable file")
    if size > max_bytes:
        raise CableFileError(
            f"{path}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit for one cable "
            "(is it an archive or several cables in one file?)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CableFileError(f"{path}: cannot read ({e.strerror})") from None
    return decode(data, str(path))


def cable_files(folder: Path) -> list[Path]:
    """The cable files of ``folder`` and its subfolders, as ``cable check`` and ``extract`` read them:
    ``*.txt``, hidden files and folders and dangling links left out."""
    return sorted(p for p in Path(folder).rglob("*.txt")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_cable_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Cable:
    """Read and parse one cable file; raises ``CableFileError`` for input that is not a cable."""
    path = Path(path)
    text, warnings = read_text(path, max_bytes=max_bytes)
    cable = parse_cable(text, name=path.name)
    cable.warnings[:0] = warnings
    if cable.id is None and not cable.paragraphs and cable.subject is None:
        raise CableFileError(f"{path}: no cable header or body found")
    return cable

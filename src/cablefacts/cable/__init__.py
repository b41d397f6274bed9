"""Cable reader: raw telegram text -> ``Cable`` with metadata, clean body, paragraphs, offsets."""

from .files import CableFileError, cable_files, read_cable_file, read_text
from .model import Cable, OffsetMap, Paragraph
from .reader import parse_cable

__all__ = ["Cable", "CableFileError", "cable_files", "OffsetMap", "Paragraph", "parse_cable", "read_cable_file",
           "read_text"]

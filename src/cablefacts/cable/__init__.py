"""Cable reader: raw telegram text -> ``Cable`` with metadata, clean body, paragraphs, offsets."""

from .check import FolderCheck, Read, check_folder, read_each
from .files import CableFileError, cable_files, read_cable_file, read_text
from .model import Cable, OffsetMap, Paragraph
from .reader import parse_cable

__all__ = ["Cable", "CableFileError", "FolderCheck", "OffsetMap", "Paragraph", "Read", "cable_files", "check_folder",
           "parse_cable", "read_cable_file", "read_each", "read_text"]

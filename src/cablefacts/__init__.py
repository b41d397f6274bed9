"""cablefacts: structured, checkable facts about human trafficking from diplomatic cables."""

from .api import extract, load

__all__ = ["extract", "load"]
__version__ = "0.1.0"

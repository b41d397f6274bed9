"""cablefacts: structured, checkable facts about human trafficking from diplomatic cables."""

__all__ = ["extract", "load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``extract`` and ``load`` on first use, so that commands which need no pipeline start without spaCy."""
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'cablefacts' has no attribute {name!r}")

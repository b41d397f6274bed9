"""spaCy components of cablefacts, registered on import."""

from . import tokenizer  # noqa: F401

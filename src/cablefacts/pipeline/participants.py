"""``cablefacts_participants``: keeps entities of some labels only where they take part in a relation.

In: a ``Doc`` with entities and ``doc._.relations``. Out: the same doc without the entities of
``labels`` that no relation links, relations kept on their entities. The guidelines annotate a place or a
date only where it takes part in a trafficking statement (a route, an origin, a ranking, the year of a
figure); patterns and the NER find every place and date, so this is where the two are reconciled.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extensions import set_ents


@Language.factory("cablefacts_participants", default_config={"labels": ["GPE", "NORP", "DATE"]},
                  requires=["doc.ents", "doc._.relations"], assigns=["doc.ents", "doc._.relations"])
def make_participants(nlp: Language, name: str, labels: list[str]) -> Participants:
    """``labels``: the labels whose entities are dropped when no relation links them."""
    return Participants(labels)


class Participants:
    def __init__(self, labels: list[str]) -> None:
        self.labels = set(labels)

    def __call__(self, doc: Doc) -> Doc:
        linked = {i for r in doc._.relations for i in (r.head, r.child)}
        set_ents(doc, [e for i, e in enumerate(doc.ents) if e.label_ not in self.labels or i in linked])
        return doc

"""The Doc extension the relation components share: ``doc._.relations``, a list of ``Relation`` records
over ``doc.ents``; registered once, on import. ``set_ents`` replaces a doc's entities and keeps its
relations on the same entities."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span

if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=[])

# where a gold Doc (``annotations.docbin``) keeps its relations: ``doc.user_data[RELATIONS_KEY]``
RELATIONS_KEY = "relations"


class Relation(NamedTuple):
    """A relation of ``doc._.relations``: its head and child as indices into ``doc.ents``, its type, and
    its score (1.0 for a rule)."""

    head: int
    child: int
    label: str
    score: float = 1.0

    def spans(self, doc: Doc) -> tuple[Span, Span]:
        """The head and child entities."""
        return doc.ents[self.head], doc.ents[self.child]


def set_ents(doc: Doc, ents: Iterable[Span]) -> None:
    """Make ``ents`` the doc's entities; each relation follows its two entities to their new indices,
    and a relation one of whose entities is no longer there is dropped."""
    old = {(e.start, e.end, e.label_): i for i, e in enumerate(doc.ents)}
    doc.ents = sorted(ents, key=lambda e: (e.start, e.end))
    new = {old[k]: i for i, e in enumerate(doc.ents) if (k := (e.start, e.end, e.label_)) in old}
    doc._.relations = [Relation(new[r.head], new[r.child], r.label, r.score) for r in map(Relation._make,
                       doc._.relations) if r.head in new and r.child in new]

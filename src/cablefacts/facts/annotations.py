"""The entities and relations of a cable, read from its paragraph docs, with provenance as facts have it.

An entity is ``label``, ``paragraph`` (the number the cable gives it), ``start`` and ``end`` (offsets in
``Cable.body``) and ``text``. A relation is ``type``, ``head`` and ``child`` (indices in the cable's
entities, which are in text order), ``score``, and the provenance of the evidence from the first to the
last of its two entities: ``paragraph``, ``start``, ``end`` and ``text`` (the sentence that holds it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..cable import Cable, Paragraph
from .provenance import provenance


@dataclass
class Annotations:
    """Entities and relations of one cable, gathered doc by doc."""

    entities: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)

    def add(self, doc: Doc, cable: Cable, offset: int) -> None:
        """Record the entities and relations of a paragraph doc whose text starts at ``offset`` in the body."""
        base = len(self.entities)
        for e in doc.ents:
            para = cable.paragraph_at(offset + e.start_char)
            self.entities.append({"label": e.label_, "paragraph": para.number if para else None,
                                  "start": offset + e.start_char, "end": offset + e.end_char, "text": e.text})
        for r in doc._.relations:
            head, child = self.entities[base + r.head], self.entities[base + r.child]
            prov = provenance(cable, min(head["start"], child["start"]), max(head["end"], child["end"]))
            self.relations.append({"type": r.label, "head": base + r.head, "child": base + r.child,
                                   "score": float(r.score),
                                   "paragraph": prov["paragraph"], "start": prov["start"], "end": prov["end"],
                                   "text": prov["text"]})

    def read(self, cable: Cable, docs: Iterable[Doc], paragraphs: list[Paragraph]) -> Iterator[Doc]:
        """The docs of ``paragraphs``, each recorded as it passes: facts can be made from the same stream,
        and a doc is dropped by both at once."""
        for p, doc in zip(paragraphs, docs, strict=True):
            self.add(doc, cable, p.start)
            yield doc

"""Stand-off gold: entities and relations per cable, as offsets into the raw cable file.

A gold file (``annotations/gold/<CABLE>.json``) names the sha256 of the raw text it was written
against. ``resolve`` maps its raw offsets onto ``Cable.body`` through the reader's offset map, so
an improved reader never shifts gold; a text whose hash differs is refused.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..cable import Cable, Paragraph
from ..corpus import load_cable, sha256_text
from ..project import Project

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Entity:
    id: str
    label: str
    start: int
    end: int


@dataclass
class Relation:
    from_id: str
    to_id: str
    type: str


@dataclass
class Gold:
    """Gold of one cable. Offsets are raw-file offsets in storage, body offsets once resolved."""

    cable: str
    sha256: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def to_json(self) -> str:
        data = {"cable": self.cable, "sha256": self.sha256,
                "entities": [asdict(e) for e in sorted(self.entities, key=lambda e: (e.start, e.end))],
                "relations": [asdict(r) for r in sorted(self.relations,
                                                        key=lambda r: (r.from_id, r.to_id, r.type))]}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> Gold:
        return cls(data["cable"], data.get("sha256", ""),
                   [Entity(**{k: e[k] for k in ("id", "label", "start", "end")}) for e in data.get("entities", [])],
                   [Relation(**{k: r[k] for k in ("from_id", "to_id", "type")}) for r in data.get("relations", [])])


class AlignmentError(Exception):
    """Gold that cannot be placed on the cable's text (hash differs, or a span falls on dropped text)."""


def gold_dir(root: Path | None = None) -> Path:
    return Project.find(root).gold


def load_gold(cable_id: str, root: Path | None = None) -> Gold:
    path = gold_dir(root) / f"{cable_id}.json"
    return Gold.from_dict(json.loads(path.read_text(encoding="utf-8")))


def save_gold(gold: Gold, root: Path | None = None) -> Path:
    path = gold_dir(root) / f"{gold.cable}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(gold.to_json(), encoding="utf-8")
    return path


def annotated_ids(root: Path | None = None) -> list[str]:
    return sorted(p.stem for p in gold_dir(root).glob("*.json"))


def to_body(gold: Gold, cable: Cable) -> Gold:
    """The same gold with body offsets; raises ``AlignmentError`` where it cannot be placed."""
    if sha256_text(cable.raw) != gold.sha256:
        raise AlignmentError(f"{gold.cable}: the cable's text differs from the one the gold was written against")
    entities = []
    for e in gold.entities:
        start, end = cable.body_offset(e.start), cable.body_offset(e.end, end=True)
        if start is None or end is None or end <= start:
            raise AlignmentError(f"{gold.cable}: entity {e.id} ({e.label} at raw {e.start}:{e.end}) "
                                 "falls on text the reader drops")
        entities.append(Entity(e.id, e.label, start, end))
    return Gold(gold.cable, gold.sha256, entities, list(gold.relations))


def to_raw(gold: Gold, cable: Cable) -> Gold:
    """The same gold with raw-file offsets (for storage)."""
    entities = [Entity(e.id, e.label, cable.raw_offset(e.start), cable.raw_offset(e.end - 1) + 1)
                for e in gold.entities]
    return Gold(gold.cable, sha256_text(cable.raw), entities, list(gold.relations))


def load_resolved(cable_id: str, root: Path | None = None) -> tuple[Cable, Gold]:
    """The parsed cable and its gold in body offsets."""
    cable = load_cable(cable_id, root)  # checked against the manifest's sha256
    return cable, to_body(load_gold(cable_id, root), cable)


def predicted_gold(cable_id: str, read: Iterable[tuple[Paragraph, Doc]]) -> Gold:
    """A cable's predictions in the shape of gold (body offsets), from the docs of its paragraphs: what a
    pre-annotation sends to an annotator."""
    entities: list[Entity] = []
    relations: list[Relation] = []
    for p, doc in read:
        ids = [f"P{p.start + e.start_char}" for e in doc.ents]
        entities += [Entity(i, e.label_, p.start + e.start_char, p.start + e.end_char)
                     for i, e in zip(ids, doc.ents, strict=True)]
        relations += [Relation(ids[r.head], ids[r.child], r.label) for r in doc._.relations]
    return Gold(cable_id, "", entities, relations)

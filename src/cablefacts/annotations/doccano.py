"""doccano JSONL: one record per paragraph, entities and relations in paragraph offsets.

``meta`` carries ``cable``, ``paragraph`` (the cable's own number, or null), ``index`` (position of the
paragraph in the cable) and ``offset`` (the paragraph's start in ``Cable.body``).
"""

from __future__ import annotations

from ..cable import Cable
from .store import Entity, Gold, Relation


def to_records(cable: Cable, gold: Gold, extra_meta: dict | None = None) -> list[dict]:
    """doccano records of a cable's paragraphs; ``gold`` is in body offsets. Entity and relation ids
    are integers unique within the cable; the gold's own ids are kept in ``meta``."""
    numeric = {e.id: n for n, e in enumerate(sorted(gold.entities, key=lambda e: (e.start, e.end)), 1)}
    records = []
    for index, p in enumerate(cable.paragraphs):
        ents = [e for e in gold.entities if p.start <= e.start and e.end <= p.end]
        inside = {e.id for e in ents}
        rels = [r for r in gold.relations if r.from_id in inside and r.to_id in inside]
        meta = {"cable": cable.id, "paragraph": p.number, "index": index, "offset": p.start,
                "entity_ids": {str(numeric[e.id]): e.id for e in ents}, **(extra_meta or {})}
        records.append({
            "text": cable.body[p.start : p.end],
            "entities": [{"id": numeric[e.id], "label": e.label, "start_offset": e.start - p.start,
                          "end_offset": e.end - p.start} for e in sorted(ents, key=lambda e: e.start)],
            "relations": [{"id": n, "from_id": numeric[r.from_id], "to_id": numeric[r.to_id], "type": r.type}
                          for n, r in enumerate(rels, 1)],
            "meta": meta,
        })
    return records


class RecordError(Exception):
    """A doccano or Prodigy record that does not fit the cable (text moved, offsets outside the paragraph),
    or a cable without an id to file its gold under."""


def gold_id(cable: Cable) -> str:
    """The id the gold read back from records is filed under: the cable's."""
    if cable.id is None:
        raise RecordError("the cable's text gives no id: its gold cannot be filed")
    return cable.id


def from_records(cable: Cable, records: list[dict], sha256: str) -> Gold:
    """Gold in body offsets from a cable's doccano records; refuses records whose text no longer
    matches the cable's paragraph."""
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    for rec in records:
        meta = rec.get("meta", {})
        offset = meta["offset"]
        text = rec["text"]
        if cable.body[offset : offset + len(text)] != text:
            raise RecordError(f"{cable.id} paragraph {meta.get('paragraph')}: text does not match the cable's body "
                              f"at offset {offset}")
        names = {str(k): v for k, v in meta.get("entity_ids", {}).items()}
        local: dict[int, str] = {}
        for e in rec.get("entities", []):
            s, t = e["start_offset"], e["end_offset"]
            if not (0 <= s < t <= len(text)):
                raise RecordError(f"{cable.id} paragraph {meta.get('paragraph')}: span {s}:{t} outside the text")
            eid = names.get(str(e["id"])) or f"D{e['id']}"
            local[e["id"]] = eid
            entities[eid] = Entity(eid, e["label"], offset + s, offset + t)
        for r in rec.get("relations", []):
            relations.append(Relation(local[r["from_id"]], local[r["to_id"]], r["type"]))
    return Gold(gold_id(cable), sha256, sorted(entities.values(), key=lambda e: (e.start, e.end)), relations)

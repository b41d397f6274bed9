"""The working format: annotations written against ``Cable.body`` (offsets plus the span's text).

Annotators who read the cleaned body write ``{"cable", "entities": [{"id", "label", "start", "end",
"text"}], "relations": [...], "facts": [{...fields..., "evidence": [start, end]}]}``. Importing checks
every span's text against the body and stores gold and facts with raw-file offsets.

Offsets may be left out: an entity with ``text`` alone is the first occurrence of that text, on token
boundaries, after the start of the entity listed before it (so entities are listed in reading order),
and a fact's ``evidence`` may name entity ids (``["T3"]``, ``["T1", "T4"]``) instead of offsets.
"""

from __future__ import annotations

import re

from ..cable import Cable
from .store import Entity, Gold, Relation, to_raw


class WorkingFormatError(Exception):
    """A working-format file whose spans do not match the cable's body."""


def _locate(body: str, text: str, after: int) -> int | None:
    """Start of the first occurrence of ``text`` at or after ``after`` that is not inside a word."""
    for m in re.finditer(re.escape(text), body[after:]):
        start = after + m.start()
        end = start + len(text)
        if (start == 0 or not (body[start - 1].isalnum() and text[0].isalnum())) and \
                (end == len(body) or not (body[end].isalnum() and text[-1].isalnum())):
            return start
    return None


def body_entities(data: dict, cable: Cable) -> list[Entity]:
    """Entities of a working record in body offsets, located by text where offsets are missing."""
    entities, cursor = [], 0
    for e in data.get("entities", []):
        if "start" not in e:
            start = _locate(cable.body, e.get("text", ""), cursor) if e.get("text") else None
            if start is None:
                raise WorkingFormatError(f"{data['cable']}: entity {e['id']} {e.get('text')!r} not found after "
                                         f"offset {cursor}")
            e = {**e, "start": start, "end": start + len(e["text"])}
        span = cable.body[e["start"] : e["end"]]
        if "text" in e and span != e["text"]:
            raise WorkingFormatError(f"{data['cable']}: entity {e['id']} says {e['text']!r}, body has {span!r}")
        entities.append(Entity(e["id"], e["label"], e["start"], e["end"]))
        cursor = e["start"]
    return entities


def gold_from_working(data: dict, cable: Cable) -> Gold:
    """Gold with raw offsets from a working-format record (each span's ``text`` is checked)."""
    relations = [Relation(r["from_id"], r["to_id"], r["type"]) for r in data.get("relations", [])]
    return to_raw(Gold(data["cable"], "", body_entities(data, cable), relations), cable)


def facts_from_working(data: dict, cable: Cable) -> list[dict]:
    """Gold facts with ``raw_start``/``raw_end`` in place of the body ``evidence`` (offsets or entity ids)."""
    spans = {e.id: (e.start, e.end) for e in body_entities(data, cable)}
    out = []
    for f in data.get("facts", []):
        evidence = f["evidence"]
        if all(isinstance(x, str) for x in evidence):
            missing = [x for x in evidence if x not in spans]
            if missing:
                raise WorkingFormatError(f"{data['cable']}: fact {f.get('type')} names unknown entities {missing}")
            start, end = min(spans[x][0] for x in evidence), max(spans[x][1] for x in evidence)
        else:
            start, end = evidence
        fact = {k: v for k, v in f.items() if k not in ("evidence", "start", "end", "text", "paragraph",
                                                       "cable", "confidence")}
        fact["raw_start"], fact["raw_end"] = cable.raw_offset(start), cable.raw_offset(end - 1) + 1
        out.append(fact)
    return out

"""The working format: annotations written against ``Cable.body`` (offsets plus the span's text).

Annotators who read the cleaned body write ``{"cable", "entities": [{"id", "label", "start", "end",
"text"}], "relations": [...], "facts": [{...fields..., "evidence": [start, end]}]}``. Importing checks
every span's text against the body and stores gold and facts with raw-file offsets.
"""

from __future__ import annotations

from ..cable import Cable
from .store import Entity, Gold, Relation, to_raw


class WorkingFormatError(Exception):
    """A working-format file whose spans do not match the cable's body."""


def gold_from_working(data: dict, cable: Cable) -> Gold:
    """Gold with raw offsets from a working-format record (each span's ``text`` is checked)."""
    entities = []
    for e in data.get("entities", []):
        span = cable.body[e["start"] : e["end"]]
        if "text" in e and span != e["text"]:
            raise WorkingFormatError(f"{data['cable']}: entity {e['id']} says {e['text']!r}, body has {span!r}")
        entities.append(Entity(e["id"], e["label"], e["start"], e["end"]))
    relations = [Relation(r["from_id"], r["to_id"], r["type"]) for r in data.get("relations", [])]
    return to_raw(Gold(data["cable"], "", entities, relations), cable)


def facts_from_working(data: dict, cable: Cable) -> list[dict]:
    """Gold facts with ``raw_start``/``raw_end`` in place of the body ``evidence``."""
    out = []
    for f in data.get("facts", []):
        start, end = f["evidence"]
        fact = {k: v for k, v in f.items() if k not in ("evidence", "start", "end", "text", "paragraph",
                                                       "cable", "confidence")}
        fact["raw_start"], fact["raw_end"] = cable.raw_offset(start), cable.raw_offset(end - 1) + 1
        out.append(fact)
    return out

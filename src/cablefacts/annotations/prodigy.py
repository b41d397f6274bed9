"""Prodigy JSONL: one task per paragraph, ``spans`` with character and token offsets, ``relations``
with ``head``/``child`` token indices."""

from __future__ import annotations

from spacy.language import Language

from ..cable import Cable
from ..pipeline.tokenizer import blank_nlp
from .doccano import gold_id
from .store import Entity, Gold, Relation


def to_tasks(cable: Cable, gold: Gold, nlp: Language | None = None) -> list[dict]:
    nlp = nlp or blank_nlp()
    tasks = []
    for index, p in enumerate(cable.paragraphs):
        text = cable.body[p.start : p.end]
        doc = nlp.make_doc(text)
        tokens = [{"text": t.text, "start": t.idx, "end": t.idx + len(t), "id": t.i, "ws": bool(t.whitespace_)}
                  for t in doc]
        ents = [e for e in gold.entities if p.start <= e.start and e.end <= p.end]
        spans, head_tok = [], {}
        for e in sorted(ents, key=lambda e: e.start):
            span = doc.char_span(e.start - p.start, e.end - p.start)
            if span is None:
                raise ValueError(f"{cable.id}: entity {e.id} is not on token boundaries")
            spans.append({"start": span.start_char, "end": span.end_char, "token_start": span.start,
                          "token_end": span.end - 1, "label": e.label, "id": e.id})
            head_tok[e.id] = (span.end - 1, spans[-1])
        inside = {e.id for e in ents}
        rels = [{"head": head_tok[r.from_id][0], "child": head_tok[r.to_id][0], "label": r.type,
                 "head_span": head_tok[r.from_id][1], "child_span": head_tok[r.to_id][1]}
                for r in gold.relations if r.from_id in inside and r.to_id in inside]
        tasks.append({"text": text, "tokens": tokens, "spans": spans, "relations": rels,
                      "meta": {"cable": cable.id, "paragraph": p.number, "index": index, "offset": p.start}})
    return tasks


def from_tasks(cable: Cable, tasks: list[dict], sha256: str) -> Gold:
    entities, relations = [], []
    for task in tasks:
        offset = task["meta"]["offset"]
        if cable.body[offset : offset + len(task["text"])] != task["text"]:
            raise ValueError(f"{cable.id}: task text does not match the cable's body at offset {offset}")
        by_token: dict[int, str] = {}
        for s in task.get("spans", []):
            eid = s.get("id") or f"P{offset + s['start']}"
            entities.append(Entity(eid, s["label"], offset + s["start"], offset + s["end"]))
            by_token[s["token_end"]] = eid
        for r in task.get("relations", []):
            relations.append(Relation(by_token[r["head"]], by_token[r["child"]], r["label"]))
    return Gold(gold_id(cable), sha256, sorted(entities, key=lambda e: (e.start, e.end)), relations)

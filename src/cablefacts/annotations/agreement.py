"""Agreement between two annotation passes of the same cables: entity and relation P/R/F1.

An entity agrees when label, start and end are equal; a relation when its type and both its
entities' spans and labels are equal.
"""

from __future__ import annotations

from pathlib import Path

from ..scoring import prf
from .store import Gold, Relation


def entity_keys(g: Gold) -> set[tuple]:
    return {(e.label, e.start, e.end) for e in g.entities}


def relation_keys(g: Gold) -> set[tuple]:
    ents = {e.id: (e.label, e.start, e.end) for e in g.entities}
    return {(r.type, ents[r.from_id], ents[r.to_id]) for r in g.relations if r.from_id in ents and r.to_id in ents}


def compare(a: list[Gold], b: list[Gold]) -> dict:
    """Pass ``b`` scored against pass ``a`` (F1 is symmetric), summed over cables."""
    out = {}
    for name, keys in (("entities", entity_keys), ("relations", relation_keys)):
        tp = n_a = n_b = 0
        for ga, gb in zip(a, b, strict=True):
            ka, kb = keys(ga), keys(gb)
            tp, n_a, n_b = tp + len(ka & kb), n_a + len(ka), n_b + len(kb)
        out[name] = prf(tp, n_b, n_a)
    return out


def disagreements(a: Gold, b: Gold) -> list[tuple[str, tuple]]:
    """Entities found by only one pass: ("only A"/"only B", key)."""
    ka, kb = entity_keys(a), entity_keys(b)
    return [("only A", k) for k in sorted(ka - kb, key=lambda k: k[1])] + \
           [("only B", k) for k in sorted(kb - ka, key=lambda k: k[1])]


def reading_agreement(root: Path | None = None, narratives: bool | None = None) -> dict:
    """Entity, relation and fact agreement between the gold and the second readings
    (``annotations/agreement/working/<ID>.json``, working format), summed over the documents: the
    narratives only (``narratives=True``), the cables only (``False``) or both (``None``)."""
    import json

    from ..corpus import load_cable
    from ..facts.evaluate import score
    from ..project import Project
    from .gold_facts import load_gold_facts, resolve_facts
    from .store import load_resolved
    from .working import body_entities, facts_from_working

    project = Project.find(root)
    root = project.root
    first, second, facts_a, facts_b, ids = [], [], [], [], []
    for path in sorted(project.second_readings.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if narratives is not None and data["cable"].startswith("factbook-") != narratives:
            continue
        cable, gold = load_resolved(data["cable"], root)
        relations = [Relation(r["from_id"], r["to_id"], r["type"]) for r in data.get("relations", [])]
        first.append(gold)
        second.append(Gold(gold.cable, gold.sha256, body_entities(data, cable), relations))
        facts_a += resolve_facts(load_gold_facts(data["cable"], root), cable)
        facts_b += resolve_facts(facts_from_working(data, cable), load_cable(data["cable"], root))
        ids.append(data["cable"])
    out = compare(first, second)
    out["facts"] = score(facts_b, facts_a)
    out["documents"] = ids
    return out

"""Gold facts: ``annotations/facts/<CABLE>.jsonl``, evidence as raw-file offsets.

At run time each fact gets ``cable``, ``paragraph``, ``start``/``end`` in the body and ``text``,
the sentence holding its evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..cable import Cable
from ..facts.provenance import provenance
from ..project import Project


def facts_dir(root: Path | None = None) -> Path:
    return Project.find(root).gold_facts


def save_gold_facts(cable_id: str, facts: list[dict], root: Path | None = None) -> Path:
    path = facts_dir(root) / f"{cable_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    facts = sorted(facts, key=lambda f: (f["raw_start"], f["raw_end"], f["type"]))
    path.write_text("".join(json.dumps(f, ensure_ascii=False) + "\n" for f in facts), encoding="utf-8")
    return path


def load_gold_facts(cable_id: str, root: Path | None = None, folder: Path | None = None) -> list[dict]:
    """A document's gold facts (raw offsets), from the project's ``annotations/facts`` or from ``folder``."""
    path = (folder or facts_dir(root)) / f"{cable_id}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def resolved_gold_facts(folder: Path, cable_ids: Iterable[str] | None = None) -> tuple[list[str], list[dict]]:
    """The documents of a folder of gold facts (``<ID>.jsonl``; only ``cable_ids``, if given) and their facts
    resolved on their text."""
    from ..corpus import load_cable

    ids = sorted(p.stem for p in folder.glob("*.jsonl"))
    if cable_ids is not None:
        wanted = set(cable_ids)
        ids = [c for c in ids if c in wanted]
    return ids, [f for cid in ids for f in resolve_facts(load_gold_facts(cid, folder=folder), load_cable(cid))]


def resolve_facts(facts: list[dict], cable: Cable) -> list[dict]:
    """Gold facts with body offsets, paragraph and sentence filled in from the cable."""
    out = []
    for f in facts:
        start = cable.body_offset(f["raw_start"])
        end = cable.body_offset(f["raw_end"], end=True)
        if start is None or end is None:
            raise ValueError(f"{cable.id}: gold fact at raw {f['raw_start']}:{f['raw_end']} falls on dropped text")
        fact = {k: v for k, v in f.items() if k not in ("raw_start", "raw_end")}
        fact.update(provenance(cable, start, end))
        out.append(fact)
    return out

"""Gold to spaCy: one ``Doc`` per paragraph with entities, and relations in ``doc.user_data``.

Relations are stored as ``doc.user_data["relations"] = [[head_start, head_end, child_start, child_end,
type], ...]`` in the doc's character offsets, which the relation component reads when it trains.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..cable import Cable
from ..pipeline.extensions import RELATIONS_KEY
from ..pipeline.tokenizer import blank_nlp
from .store import Gold


def paragraph_docs(nlp: Language, cable: Cable, gold: Gold | None = None) -> list[Doc]:
    """Docs of a cable's paragraphs; with ``gold`` (body offsets) they carry entities and relations."""
    docs = []
    for p in cable.paragraphs:
        doc = nlp.make_doc(cable.body[p.start : p.end])
        doc.user_data.update({"cable": cable.id, "paragraph": p.number, "offset": p.start})
        if gold is not None:
            ents, spans = [], {}
            for e in gold.entities:
                if p.start <= e.start and e.end <= p.end:
                    span = doc.char_span(e.start - p.start, e.end - p.start, label=e.label)
                    if span is None:
                        raise ValueError(f"{cable.id}: entity {e.id} is not on token boundaries")
                    ents.append(span)
                    spans[e.id] = span
            doc.ents = sorted(ents, key=lambda s: s.start)
            doc.user_data[RELATIONS_KEY] = [
                [spans[r.from_id].start_char, spans[r.from_id].end_char, spans[r.to_id].start_char,
                 spans[r.to_id].end_char, r.type]
                for r in gold.relations if r.from_id in spans and r.to_id in spans]
        docs.append(doc)
    return docs


def write_docbins(splits: dict[str, list[str]], out_dir: Path,
                  load: Callable[[str], tuple[Cable, Gold]]) -> dict[str, int]:
    """Write ``<split>.spacy`` for each split; ``load(cable_id)`` gives ``(cable, gold)`` in body offsets."""
    nlp = blank_nlp()
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split, ids in splits.items():
        db = DocBin(store_user_data=True)
        n = 0
        for cid in ids:
            cable, gold = load(cid)
            for doc in paragraph_docs(nlp, cable, gold):
                db.add(doc)
                n += 1
        db.to_disk(out_dir / f"{split}.spacy")
        counts[split] = n
    return counts

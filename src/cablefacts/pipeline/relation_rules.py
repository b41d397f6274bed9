"""``cablefacts_relation_rules``: links entities of a paragraph with heuristics (the rules-only pipeline).

In: a ``Doc`` with entities. Out: ``doc._.relations``, a list of ``Relation`` records (head and child
indices into ``doc.ents``, type, score 1.0), only for label pairs the schema allows (kept and added to
with ``merge``; with ``prefer``, the rules' links of those types replace the ones already there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..schema import allowed
from .extensions import Relation
from .routes import route_links


def _sentence_id(doc: Doc) -> list[int]:
    """A sentence number per character boundary, from ``. `` + capital splits (no parser needed)."""
    ids, n = [], 0
    for tok in doc:
        ids.append(n)
        if tok.text not in (".", ";"):
            continue
        nxt = tok.i + 1
        while nxt < len(doc) and doc[nxt].is_space and "\n\n" not in doc[nxt].text:
            nxt += 1  # the two spaces cables put after a full stop
        if nxt < len(doc) and (doc[nxt].is_title or doc[nxt].is_digit or "\n\n" in doc[nxt].text):
            n += 1
    return ids


def _penalties_elsewhere(doc: Doc, ents: list[Span], sent: list[int], rels: set[tuple[int, int, str]]
                         ) -> Iterator[tuple[int, int]]:
    """Penalties stated before their article (``a seven to ten year sentence under Article 128``), or in the
    next sentence for the articles of the one before (``Article 172 deals with ... . It carries 3 to 6 years``)."""
    punished = {h for h, _, t in rels if t == "PUNISHABLE_BY"}
    for j, p in enumerate(ents):
        if p.label_ != "PENALTY" or any(c == j for _, c, t in rels if t == "PUNISHABLE_BY"):
            continue
        same = [i for i, a in enumerate(ents) if a.label_ == "ARTICLE" and sent[a.start] == sent[p.start]]
        after = [i for i in same
                 if ents[i].start > p.start and re.search(r"\bunder\s*$", doc[p.end:ents[i].start].text)]
        if after:
            yield after[0], j
            continue
        if same:
            continue
        previous = [i for i, a in enumerate(ents) if a.label_ == "ARTICLE" and sent[a.start] == sent[p.start] - 1
                    and i not in punished]
        yield from ((i, j) for i in previous)


@Language.factory("cablefacts_relation_rules",
                  default_config={"window": 60, "merge": False, "types": None, "prefer": []},
                  requires=["doc.ents"], assigns=["doc._.relations"])
def make_relation_rules(nlp: Language, name: str, window: int, merge: bool, types: list[str] | None,
                        prefer: list[str]) -> RelationRules:
    """With ``merge``, the relations already on the doc (a trained component's) are kept and the
    rules only add links between pairs they leave unlinked, except for the types in ``prefer``, where
    the rules' links replace them; ``types`` restricts the rules' types."""
    return RelationRules(window, merge, types, prefer)


class RelationRules:
    def __init__(self, window: int = 60, merge: bool = False, types: list[str] | None = None,
                 prefer: list[str] | None = None) -> None:
        self.window = window
        self.merge = merge
        self.types = set(types) if types else None
        self.prefer = set(prefer or [])

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        sent = _sentence_id(doc)
        rels: set[tuple[int, int, str]] = set()

        def same(a: Span, b: Span) -> bool:
            return sent[a.start] == sent[b.start]

        def between(a: Span, b: Span) -> str:
            lo, hi = (a, b) if a.start < b.start else (b, a)
            return doc[lo.end : hi.start].text

        for i, a in enumerate(ents):
            for j, b in enumerate(ents):
                if i == j or not same(a, b) or abs(a.start - b.start) > self.window:
                    continue
                gap = between(a, b)
                la, lb = a.label_, b.label_
                if la == "ARTICLE" and lb == "LAW" and b.start > a.start and not any(
                        e.label_ == "LAW" and a.start < e.start < b.start for e in ents):
                    rels.add((i, j, "IN_LAW"))
                elif la == "ARTICLE" and lb == "PENALTY" and b.start > a.start and not any(
                        e.label_ == "PENALTY" and a.start < e.start < b.start for e in ents):
                    rels.add((i, j, "PUNISHABLE_BY"))
                elif la == "CASE_COUNT" and lb == "PENALTY" and b.start > a.start and re.search(
                        r"sentenc|given|received|jail|prison", gap + b.text, re.I) and not any(
                        e.label_ == "CASE_COUNT" and a.start < e.start < b.start for e in ents):
                    rels.add((i, j, "SENTENCED_TO"))
                elif la == "MONEY" and lb == "MONEY" and b.start > a.start and re.fullmatch(
                        r"\s*\(\s*(?:US|about|approximately|approx\.|roughly|some|or|equal\s+to|=)?\s*|\s*", gap):
                    rels.add((i, j, "EQUALS"))
                elif la == "GPE" and lb == "TIER" and b.start > a.start and (len(gap) < 40 or "(" in gap):
                    rels.add((i, j, "RANKED"))
                elif la in ("VICTIM_COUNT", "CASE_COUNT", "MONEY") and lb == "DATE" and re.search(
                        r"\b(?:in|during|for|of|since)\s*$", doc[max(0, b.start - 2) : b.start].text + " ", re.I):
                    if not any(e.label_ == la and min(a.start, b.start) < e.start < max(a.start, b.start)
                               for e in ents):
                        rels.add((i, j, "IN_YEAR"))
                elif la == "VICTIM_COUNT" and lb == "GPE" and b.start > a.start and doc[b.start - 1].lower_ == "from":
                    rels.add((i, j, "ORIGIN"))
                elif la == "VICTIM_COUNT" and lb == "GPE" and b.start > a.start and doc[b.start - 1].lower_ in (
                        "to", "into"):
                    rels.add((i, j, "DESTINATION"))
        rels |= {(h, c, "ROUTE") for h, c in route_links(doc, ents, sent)}
        rels |= {(h, c, "PUNISHABLE_BY") for h, c in _penalties_elsewhere(doc, ents, sent, rels)}
        found = [(h, c, t, 1.0) for h, c, t in rels if allowed(t, ents[h].label_, ents[c].label_)
                 and (self.types is None or t in self.types)]
        if self.merge:
            kept = [r for r in doc._.relations if r[2] not in self.prefer]
            linked = {(h, c) for h, c, _, _ in kept}
            found = [*kept, *(r for r in found if r[2] in self.prefer or (r[0], r[1]) not in linked)]
        doc._.relations = [Relation(*r) for r in sorted(found)]
        return doc

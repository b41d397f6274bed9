"""``cablefacts_relation_rules``: links entities of a paragraph with heuristics (the rules-only pipeline).

In: a ``Doc`` with entities. Out: ``doc._.relations``, a list of ``Relation`` records (head and child
indices into ``doc.ents``, type, score 1.0), only for label pairs the schema allows (kept and added to
with ``merge``; with ``prefer``, the rules' links of those types replace the ones already there).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..schema import allowed
from .extensions import Relation
from .routes import TO_THE_COUNTRY_KEY, route_links


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


Link = tuple[int, int, str]


@dataclass
class Paragraph:
    """What a relation rule reads of one doc: its entities, their sentence numbers and the window (in tokens)
    within which two entities may be linked."""

    doc: Doc
    ents: list[Span]
    sent: list[int]
    window: int

    @classmethod
    def of(cls, doc: Doc, window: int = 60) -> Paragraph:
        """A doc's entities and their sentence numbers."""
        return cls(doc, list(doc.ents), _sentence_id(doc), window)

    def pairs(self, head: str | tuple[str, ...], child: str, after: bool = True
              ) -> Iterator[tuple[int, Span, int, Span]]:
        """Pairs of entities with these labels in one sentence and within the window (with ``after``, the
        child after the head)."""
        heads = (head,) if isinstance(head, str) else head
        for i, a in enumerate(self.ents):
            if a.label_ not in heads:
                continue
            for j, b in enumerate(self.ents):
                if i != j and b.label_ == child and self.sent[a.start] == self.sent[b.start] and \
                        abs(a.start - b.start) <= self.window and (not after or b.start > a.start):
                    yield i, a, j, b

    def gap(self, a: Span, b: Span) -> str:
        """The text between two entities."""
        lo, hi = (a, b) if a.start < b.start else (b, a)
        return self.doc[lo.end : hi.start].text

    def any_between(self, label: str, a: Span, b: Span) -> bool:
        """Whether an entity with this label lies between two entities."""
        return any(e.label_ == label and min(a.start, b.start) < e.start < max(a.start, b.start) for e in self.ents)


def article_in_law(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """An article is in the first law after it (``Article 128 of the Criminal Code``)."""
    for i, a, j, b in p.pairs("ARTICLE", "LAW"):
        if not p.any_between("LAW", a, b):
            yield i, j, "IN_LAW"


def article_punishable_by(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """An article is punishable by the first penalty after it (``Article 128 ... provides for 5 to 15 years``),
    unless it is cited in brackets after its own (``article_cited_after_penalty``)."""
    for i, a, j, b in p.pairs("ARTICLE", "PENALTY"):
        if not p.any_between("PENALTY", a, b) and not _penalties_before_bracket(p, i):
            yield i, j, "PUNISHABLE_BY"


def _penalties_before_bracket(p: Paragraph, i: int) -> list[int]:
    """The penalties an article cited in brackets refers back to (``up to 16 years (Article 156 of the criminal
    code)``): those of its sentence after the article before it."""
    a = p.ents[i]
    if not re.search(r"\(\s*$", p.doc.text[max(0, a.start_char - 5) : a.start_char]):
        return []
    out = []
    for j in range(i - 1, -1, -1):
        e = p.ents[j]
        if p.sent[e.start] != p.sent[a.start] or e.label_ == "ARTICLE":
            break
        if e.label_ == "PENALTY":
            out.append(j)
    return out[::-1]


def article_cited_after_penalty(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """An article cited in brackets is punishable by the penalties of its clause before it that no article
    is linked to (``the penalty is from two to four years, and from three to six years if ... (Article 162)``)."""
    linked = {c for _, c, t in rels if t == "PUNISHABLE_BY"}
    for i, a in enumerate(p.ents):
        if a.label_ == "ARTICLE":
            yield from ((i, j, "PUNISHABLE_BY") for j in _penalties_before_bracket(p, i) if j not in linked)


def count_sentenced_to(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """Offenders are sentenced to the penalty after them (``three traffickers were sentenced to 10 years``),
    unless another count or a colon comes between (``Three offenders were convicted: A Korean boat captain was
    sentenced to six years``: the penalty of one of them)."""
    for i, a, j, b in p.pairs("CASE_COUNT", "PENALTY"):
        gap = p.gap(a, b)
        if re.search(r"sentenc|given|received|jail|prison", gap + b.text, re.I) and ":" not in gap and \
                not p.any_between("CASE_COUNT", a, b):
            yield i, j, "SENTENCED_TO"


_EQUALS_GAP = re.compile(r"\s*\(\s*(?:US|about|approximately|approx\.|roughly|some|or|equal\s+to|=)?\s*|\s*")


def money_equals(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """An amount equals the one just after it in brackets (``12,920,000 tenge (about $104,000)``)."""
    for i, a, j, b in p.pairs("MONEY", "MONEY"):
        if _EQUALS_GAP.fullmatch(p.gap(a, b)):
            yield i, j, "EQUALS"


def country_ranked(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """A country is ranked at the tier shortly after it (``Kazakhstan (Tier 2 Watch List)``)."""
    for i, a, j, b in p.pairs("GPE", "TIER"):
        gap = p.gap(a, b)
        if len(gap) < 40 or "(" in gap:
            yield i, j, "RANKED"


def figure_in_year(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """A count or an amount is of the year a preposition introduces (``30 cases in 2008``), unless a figure
    of its kind comes between them."""
    for i, a, j, b in p.pairs(("VICTIM_COUNT", "CASE_COUNT", "MONEY"), "DATE", after=False):
        if re.search(r"\b(?:in|during|for|of|since)\s*$", p.doc[max(0, b.start - 2) : b.start].text + " ", re.I) \
                and not p.any_between(a.label_, a, b):
            yield i, j, "IN_YEAR"


def victims_origin(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """Victims come from the place after ``from`` (``22 women from Uzbekistan``)."""
    for i, _, j, b in p.pairs("VICTIM_COUNT", "GPE"):
        if p.doc[b.start - 1].lower_ == "from":
            yield i, j, "ORIGIN"


def victims_destination(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """Victims go to the place after ``to`` or ``into`` (``15 girls trafficked to the UAE``)."""
    for i, _, j, b in p.pairs("VICTIM_COUNT", "GPE"):
        if p.doc[b.start - 1].lower_ in ("to", "into"):
            yield i, j, "DESTINATION"


def route_legs(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """Route legs between places, from the roles the clause gives them (``routes.py``); the places whose people
    are brought to ``the country`` are kept in the doc's span group ``to_the_country``."""
    to_the_country: list[int] = []
    legs = [(h, c, "ROUTE") for h, c in route_links(p.doc, p.ents, p.sent, to_the_country)]
    p.doc.spans[TO_THE_COUNTRY_KEY] = [p.ents[i] for i in sorted(set(to_the_country))]
    return iter(legs)


# the words between a penalty and the article it is stated under (``under Article 128``, ``as defined under Penal
# Code Law 19.927, Article 361``)
_UNDER = re.compile(r"\b(?:under|defined\s+(?:in|by))(?:\s+(?:the\s+)?(?:[A-Z][\w.]*|\d[\d.,]*|of)[\s,]*)*\s*$")


def penalties_elsewhere(p: Paragraph, rels: set[Link]) -> Iterator[Link]:
    """Penalties stated before their article (``a seven to ten year sentence under Article 128``), or in the
    next sentence for the articles of the one before (``Article 172 deals with ... . It carries 3 to 6 years``),
    never across a blank line or a question (the answer to a questionnaire's next question); only for penalties
    no article is linked to yet."""
    doc, ents, sent = p.doc, p.ents, p.sent
    punished = {h for h, _, t in rels if t == "PUNISHABLE_BY"}
    for j, pen in enumerate(ents):
        if pen.label_ != "PENALTY" or any(c == j for _, c, t in rels if t == "PUNISHABLE_BY"):
            continue
        same = [i for i, a in enumerate(ents) if a.label_ == "ARTICLE" and sent[a.start] == sent[pen.start]]
        after = [i for i in same if ents[i].start > pen.start and _UNDER.search(doc[pen.end:ents[i].start].text)]
        if after:
            yield after[0], j, "PUNISHABLE_BY"
            continue
        if same:
            continue
        previous = [i for i, a in enumerate(ents) if a.label_ == "ARTICLE" and sent[a.start] == sent[pen.start] - 1
                    and i not in punished and not re.search(r"\n\s*\n|\?", doc.text[a.end_char : pen.start_char])]
        yield from ((i, j, "PUNISHABLE_BY") for i in previous)


# the rules, applied in order; each sees the links of the rules before it
RULES: list[Callable[[Paragraph, set[Link]], Iterable[Link]]] = [
    article_in_law, article_punishable_by, article_cited_after_penalty, count_sentenced_to, money_equals,
    country_ranked, figure_in_year, victims_origin, victims_destination, route_legs, penalties_elsewhere]


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
        p = Paragraph.of(doc, self.window)
        ents = p.ents
        rels: set[Link] = set()
        for rule in RULES:
            rels |= set(rule(p, rels))
        found = [Relation(h, c, t) for h, c, t in rels if allowed(t, ents[h].label_, ents[c].label_)
                 and (self.types is None or t in self.types)]
        if self.merge:
            kept = [r for r in doc._.relations if r.label not in self.prefer]
            linked = {(r.head, r.child) for r in kept}
            found = [*kept, *(r for r in found if r.label in self.prefer or (r.head, r.child) not in linked)]
        doc._.relations = sorted(found)
        return doc

"""Counts of the annotated corpus: documents, countries, entities per label and relations per type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import schema
from .splits import SPLITS, load_splits
from .store import annotated_ids, load_gold

ROWS = ("documents", *schema.LABELS, *schema.RELATIONS)


@dataclass
class CorpusStats:
    """Per split (and ``unassigned``): a counter of documents, labels and relation types, and the countries."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    countries: dict[str, set[str]] = field(default_factory=dict)

    @property
    def splits(self) -> list[str]:
        """The splits that hold at least one document, in order."""
        return [s for s in self.counts if self.counts[s]["documents"]]

    def total(self) -> Counter[str]:
        return sum((self.counts[s] for s in self.splits), Counter())

    def all_countries(self) -> set[str]:
        return set().union(*self.countries.values())

    def to_json(self) -> dict:
        """``{"documents": N, "countries": M, "labels": {...}, "relations": {...}}``."""
        total = self.total()
        return {"documents": total["documents"], "countries": len(self.all_countries()),
                "labels": {k: total[k] for k in schema.LABELS},
                "relations": {k: total[k] for k in schema.RELATIONS}}


def corpus_stats() -> CorpusStats:
    """Counts over every gold file, by the split its document is in."""
    splits = load_splits()
    side = {c: s for s in SPLITS for c in splits.get(s, [])}
    country_of = splits.get("countries", {})
    stats = CorpusStats({s: Counter() for s in (*SPLITS, "unassigned")}, {s: set() for s in (*SPLITS, "unassigned")})
    for cid in annotated_ids():
        gold = load_gold(cid)
        s = side.get(cid, "unassigned")
        stats.counts[s]["documents"] += 1
        if country_of.get(cid):
            stats.countries[s].add(country_of[cid])
        stats.counts[s].update(e.label for e in gold.entities)
        stats.counts[s].update(r.type for r in gold.relations)
    return stats

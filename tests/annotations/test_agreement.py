"""Agreement between two readings: the measure itself, and the second readings kept in the project."""

from cablefacts.annotations.agreement import compare, reading_agreement
from cablefacts.annotations.store import Entity, Gold, load_resolved


def test_compare_counts_spans_and_relations_that_differ():
    _, gold = load_resolved("07ASTANA614")
    moved = [Entity(e.id, e.label, e.start + 1, e.end) if i == 0 else e for i, e in enumerate(gold.entities)]
    dropped = gold.relations[1:]
    other = Gold(gold.cable, gold.sha256, moved, dropped)
    result = compare([gold], [other])
    assert result["entities"]["tp"] == len(gold.entities) - 1
    assert result["relations"]["gold"] == len(gold.relations)
    assert result["relations"]["predicted"] == len(dropped)
    assert result["relations"]["tp"] <= len(dropped)
    assert compare([gold], [gold])["relations"]["f1"] == 1.0


def test_second_readings_of_both_genres_agree_with_the_gold():
    narratives = reading_agreement(narratives=True)
    cables = reading_agreement(narratives=False)
    assert len(narratives["documents"]) >= 25 and all(d.startswith("factbook-") for d in narratives["documents"])
    assert len(cables["documents"]) >= 5 and not any(d.startswith("factbook-") for d in cables["documents"])
    assert narratives["entities"]["f1"] >= 0.9 and narratives["facts"]["micro"]["f1"] >= 0.85
    assert cables["facts"]["micro"]["predicted"] > 0


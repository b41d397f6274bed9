"""The label set of the annotation schema (v1): entity labels, relation types and their label pairs."""

from __future__ import annotations

LABELS: tuple[str, ...] = ("ARTICLE", "LAW", "PENALTY", "VICTIM_COUNT", "CASE_COUNT", "MONEY", "GPE", "NORP",
                           "DATE", "TIER")

# relation type -> (allowed head labels, allowed child labels)
RELATIONS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "PUNISHABLE_BY": (frozenset({"ARTICLE"}), frozenset({"PENALTY"})),
    "IN_LAW": (frozenset({"ARTICLE"}), frozenset({"LAW"})),
    "SENTENCED_TO": (frozenset({"CASE_COUNT"}), frozenset({"PENALTY"})),
    "ROUTE": (frozenset({"GPE", "NORP"}), frozenset({"GPE"})),
    "ORIGIN": (frozenset({"VICTIM_COUNT"}), frozenset({"GPE", "NORP"})),
    "DESTINATION": (frozenset({"VICTIM_COUNT"}), frozenset({"GPE"})),
    "EQUALS": (frozenset({"MONEY"}), frozenset({"MONEY"})),
    "RANKED": (frozenset({"GPE"}), frozenset({"TIER"})),
    "IN_YEAR": (frozenset({"VICTIM_COUNT", "CASE_COUNT", "MONEY"}), frozenset({"DATE"})),
}

# display colours (doccano, displaCy)
COLOURS: dict[str, str] = {
    "ARTICLE": "#7aecec", "LAW": "#bfeeb7", "PENALTY": "#feca74", "VICTIM_COUNT": "#ff9561",
    "CASE_COUNT": "#aa9cfc", "MONEY": "#e4e7d2", "GPE": "#c887fb", "NORP": "#9cc9cc", "DATE": "#bfe1d9",
    "TIER": "#ffeb80",
    "PUNISHABLE_BY": "#e67e22", "IN_LAW": "#27ae60", "SENTENCED_TO": "#c0392b", "ROUTE": "#8e44ad",
    "ORIGIN": "#2980b9", "DESTINATION": "#16a085", "EQUALS": "#7f8c8d", "RANKED": "#d35400", "IN_YEAR": "#2c3e50",
}


def allowed(rel_type: str, head_label: str, child_label: str) -> bool:
    """Whether ``rel_type`` may link an entity of ``head_label`` to one of ``child_label``."""
    heads, children = RELATIONS.get(rel_type, (frozenset(), frozenset()))
    return head_label in heads and child_label in children


def candidate_types(head_label: str, child_label: str) -> list[str]:
    """Relation types whose label pair admits ``head_label`` -> ``child_label``."""
    return [t for t in RELATIONS if allowed(t, head_label, child_label)]

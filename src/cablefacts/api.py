"""Python API: ``load()`` gives the pipeline, ``extract()`` turns a cable into facts.

    >>> import cablefacts
    >>> nlp = cablefacts.load()
    >>> facts = cablefacts.extract(open("corpus/seed/09STATE60633.txt").read(), nlp)
    >>> facts[0].to_dict()["type"]
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import pipeline  # noqa: F401  (registers the factories)
from .cable import Cable, Paragraph, parse_cable
from .cable.patterns import CABLE_ID
from .facts.assemble import Fact, facts_from_doc, merge_provisions
from .facts.normalise import first_country
from .pipeline.gate import is_relevant
from .pipeline.tokenizer import blank_nlp
from .places import POSTS
from .project import Project


def rules_pipeline() -> Language:
    """The rules-only pipeline: project tokenizer, entity patterns, relation heuristics, and the filter
    that keeps places and dates only where a relation links them."""
    nlp = blank_nlp()
    nlp.add_pipe("cablefacts_rules")
    nlp.add_pipe("cablefacts_relation_rules")
    nlp.add_pipe("cablefacts_participants")
    return nlp


def default_model(root: Path | None = None) -> Path | None:
    """The trained model installed in the project (``training/model``, where ``cablefacts train`` puts it), if any."""
    path = Project.find(root).model
    return path if (path / "meta.json").exists() else None


def load(model: str | Path | None = None) -> Language:
    """A trained pipeline from ``model`` (a folder or package name); by default the model installed in
    the project (``training/model``), or the rules-only pipeline where there is none."""
    model = model or default_model()
    if model is None:
        return rules_pipeline()
    return spacy.load(model)


def cable_country(cable: Cable) -> str | None:
    """The country a cable reports on: the one its source states (a narrative's), else the first country its
    subject names, else its post's (the post in its id, ``09QUITO160``, or its origin line)."""
    post = CABLE_ID.match(cable.id or "")
    return cable.country or first_country(cable.subject or "") or (POSTS.get(post["post"]) if post else None) \
        or first_country(cable.origin or "")


def extract(cable: str | Cable, nlp: Language | None = None, *, gate: bool = True) -> list[Fact]:
    """Facts of one cable (raw text or a parsed ``Cable``); with ``gate``, only the paragraphs that
    pass the relevance gate are read by the models."""
    if isinstance(cable, str):
        cable = parse_cable(cable)
    elif not isinstance(cable, Cable):
        hint = " (decode it first, or read the file with cablefacts.cable.read_cable_file)" \
            if isinstance(cable, (bytes, bytearray)) else ""
        raise TypeError(f"extract() takes a cable's text (str) or a parsed Cable, not {type(cable).__name__}{hint}")
    read = pipe_cable(cable, nlp or load(), gate=gate)
    return facts_from_docs(cable, [doc for _, doc in read], [p for p, _ in read])


def paragraphs_to_read(cable: Cable, gate: bool = True) -> list[Paragraph]:
    """The paragraphs the models read: all, or with ``gate`` those that pass the relevance gate."""
    return [p for p in cable.paragraphs if not gate or is_relevant(cable.paragraph_text(p))]


def pipe_cable(cable: Cable, nlp: Language, gate: bool = False) -> list[tuple[Paragraph, Doc]]:
    """Each paragraph the models read (all, or with ``gate`` the relevant ones) with its doc: entities in
    ``doc.ents`` and relations in ``doc._.relations``, offsets relative to the paragraph's start."""
    paragraphs = paragraphs_to_read(cable, gate)
    return list(zip(paragraphs, nlp.pipe(cable.paragraph_text(p) for p in paragraphs), strict=True))


def facts_from_docs(cable: Cable, docs: Iterable[Doc], paragraphs: list[Paragraph] | None = None) -> list[Fact]:
    """Facts of a cable from the docs of its ``paragraphs`` (default: all), already through the pipeline."""
    country = cable_country(cable)
    out: list[Fact] = []
    for p, doc in zip(cable.paragraphs if paragraphs is None else paragraphs, docs, strict=True):
        out.extend(facts_from_doc(doc, cable, p.start, country))
    return merge_provisions(out)

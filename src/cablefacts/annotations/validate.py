"""Checks of gold files: offsets, token boundaries, labels, relation pairs, overlaps, hashes."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema
from spacy.language import Language

from .. import schema
from ..corpus import CorpusError, load_cable, read_manifest
from ..pipeline.tokenizer import blank_nlp
from .gold_facts import facts_dir, load_gold_facts, resolve_facts
from .store import AlignmentError, Gold, gold_dir, to_body

if TYPE_CHECKING:
    from .formats import WorkingFile


@dataclass
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def _line_of(text: str, needle: str) -> int:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else 1


def validate_gold_file(path: Path, root: Path | None = None, nlp: Language | None = None) -> list[Problem]:
    """Every problem of one gold file, each with file, line and reason."""
    text = path.read_text(encoding="utf-8")
    try:
        gold = Gold.from_dict(json.loads(text))
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        return [Problem(str(path), 1, f"not a gold file: {e}")]
    problems = [] if gold.cable == path.stem else \
        [Problem(str(path), _line_of(text, '"cable"'), f"cable {gold.cable!r} does not match the file name")]
    return problems + validate_gold(gold, str(path), text, root, nlp) + validate_gold_facts(gold.cable, root)


def validate_gold(gold: Gold, name: str, text: str, root: Path | None = None,
                  nlp: Language | None = None) -> list[Problem]:
    """Problems of gold in raw offsets; ``text`` is its serialised form, for line numbers."""
    nlp = nlp or blank_nlp()
    problems: list[Problem] = []

    def add(needle: str, reason: str) -> None:
        problems.append(Problem(name, _line_of(text, needle), reason))

    manifest = read_manifest(root)
    if gold.cable not in manifest:
        add('"cable"', f"{gold.cable} is not in corpus/manifest.tsv")
        return problems
    if manifest[gold.cable].sha256 != gold.sha256:
        add('"sha256"', "sha256 differs from the manifest's: gold written against another text")
        return problems
    try:
        cable = load_cable(gold.cable, root)
        body = to_body(gold, cable)
    except (CorpusError, AlignmentError) as err:
        add('"entities"', str(err))
        return problems
    doc = nlp.make_doc(cable.body)
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t) for t in doc}
    ids = {}
    for raw_e, e in zip(gold.entities, body.entities, strict=True):
        where = f'"id": "{e.id}"'
        if e.id in ids:
            add(where, f"duplicate entity id {e.id}")
        ids[e.id] = e
        if e.label not in schema.LABELS:
            add(where, f"entity {e.id}: unknown label {e.label}")
        if not (0 <= e.start < e.end <= len(cable.body)):
            add(where, f"entity {e.id}: offsets {raw_e.start}:{raw_e.end} outside the text")
            continue
        span = cable.body[e.start : e.end]
        if e.start not in starts or e.end not in ends:
            add(where, f"entity {e.id}: {span!r} does not start and end on token boundaries")
        if cable.paragraph_at(e.start) != cable.paragraph_at(e.end - 1):
            add(where, f"entity {e.id}: {span!r} crosses a paragraph boundary")
        tokens = doc.char_span(e.start, e.end)
        if span != span.strip() or (tokens is not None and tokens[-1].is_punct and tokens[-1].text in ".,;:"):
            add(where, f"entity {e.id}: {span!r} has whitespace or punctuation at its edge")
    ordered = sorted(body.entities, key=lambda e: e.start)
    for a, b in pairwise(ordered):
        if b.start < a.end:
            add(f'"id": "{b.id}"', f"entities {a.id} and {b.id} overlap")
    for r in gold.relations:
        where = f'"from_id": "{r.from_id}"'
        head, child = ids.get(r.from_id), ids.get(r.to_id)
        if head is None or child is None:
            add(where, f"relation {r.from_id}->{r.to_id}: unknown entity id")
            continue
        if r.type not in schema.RELATIONS:
            add(where, f"relation {r.from_id}->{r.to_id}: unknown type {r.type}")
        elif not schema.allowed(r.type, head.label, child.label):
            add(where, f"relation {r.type} {r.from_id}->{r.to_id}: {head.label} -> {child.label} is not allowed")
        if cable.paragraph_at(head.start) != cable.paragraph_at(child.start):
            add(where, f"relation {r.type} {r.from_id}->{r.to_id} crosses paragraphs")
    return problems


@lru_cache(maxsize=1)
def fact_validator() -> jsonschema.protocols.Validator:
    """A validator of facts against ``data/facts.schema.json``, its schema checked once (``jsonschema.validate``
    checks it again for every instance)."""
    schema = json.loads(resources.files("cablefacts").joinpath("data/facts.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_gold_facts(cable_id: str, root: Path | None = None, facts: list[dict] | None = None) -> list[Problem]:
    """Problems of a document's gold facts (stored, or ``facts`` given): not valid against the JSON Schema,
    or evidence outside its sentence."""
    path = facts_dir(root) / f"{cable_id}.jsonl"
    if facts is None:
        if not path.exists():
            return []
        facts = load_gold_facts(cable_id, root)
    try:
        cable = load_cable(cable_id, root)
    except CorpusError as e:
        return [Problem(str(path), 1, str(e))]
    validator = fact_validator()
    problems = []
    for k, fact in enumerate(facts, 1):
        try:
            resolved = resolve_facts([fact], cable)[0]
        except (KeyError, ValueError) as e:
            problems.append(Problem(str(path), k, f"fact cannot be placed: {e}"))
            continue
        if error := jsonschema.exceptions.best_match(validator.iter_errors({**resolved, "confidence": 1.0})):
            problems.append(Problem(str(path), k, f"{fact.get('type')} fact: {error.message}"))
        if cable.body[resolved["start"] : resolved["end"]] not in resolved["text"]:
            problems.append(Problem(str(path), k, "fact evidence lies outside its sentence"))
    return problems


def validate_all(root: Path | None = None, paths: list[Path] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list[Problem]:
    """Problems of the gold files ``paths`` (default: all) and their facts; ``progress(done, total)`` is
    told after each file."""
    nlp = blank_nlp()
    paths = paths if paths is not None else sorted(gold_dir(root).glob("*.json"))
    problems = []
    for k, path in enumerate(paths, 1):
        problems += validate_gold_file(path, root, nlp)
        if progress:
            progress(k, len(paths))
    return problems


def validate_working(doc: WorkingFile) -> list[Problem]:
    """Problems of a working-format file's gold and facts, before they are stored."""
    return validate_gold(doc.gold, str(doc.path), doc.gold.to_json()) + validate_gold_facts(doc.cable_id,
                                                                                           facts=doc.facts)

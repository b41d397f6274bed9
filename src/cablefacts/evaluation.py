"""Evaluation of a pipeline against gold: entity P/R/F1 per label, relation P/R/F1 per type, beside
the rules-only baseline; cross-validation by cable and leave-country-out runs."""

from __future__ import annotations

import json
import statistics
import tempfile
from pathlib import Path

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.training import Example

from .annotations.docbin import paragraph_docs
from .annotations.splits import SPLITS, load_splits
from .annotations.store import load_resolved
from .cable import Cable
from .corpus import read_manifest
from .pipeline.gate import GateMeasure, measure
from .pipeline.relation_component import score_relations
from .pipeline.tokenizer import blank_nlp


def gold_docs(cable_ids: list[str]) -> list:
    nlp = blank_nlp()
    docs = []
    for cid in cable_ids:
        cable, gold = load_resolved(cid)
        docs.extend(paragraph_docs(nlp, cable, gold))
    return docs


def score_pipeline(nlp: Language, references: list) -> dict:
    """Entity and relation scores of ``nlp`` on paragraph docs with gold (tokenisation shared)."""
    predicted = nlp.pipe(ref.text for ref in references)
    examples = [Example(pred, ref) for pred, ref in zip(predicted, references, strict=True)]
    ents = Scorer.score_spans(examples, "ents")
    rels = score_relations(examples)
    return {
        "ents_p": ents["ents_p"], "ents_r": ents["ents_r"], "ents_f": ents["ents_f"],
        "ents_per_type": ents["ents_per_type"],
        "rel_micro_p": rels["rel_micro_p"], "rel_micro_r": rels["rel_micro_r"], "rel_micro_f": rels["rel_micro_f"],
        "rel_per_type": rels["rel_per_type"],
    }


def to_markdown(title: str, results: dict[str, dict]) -> str:
    """A Markdown report: micro scores of each system, then per label and per relation type."""
    names = list(results)
    lines = [f"# {title}", "", "| system | entity P | entity R | entity F1 | relation P | relation R | relation F1 |",
             "|---|---|---|---|---|---|---|"]
    for n in names:
        s = results[n]
        lines.append(f"| {n} | {s['ents_p']:.3f} | {s['ents_r']:.3f} | {s['ents_f']:.3f} | "
                     f"{s['rel_micro_p']:.3f} | {s['rel_micro_r']:.3f} | {s['rel_micro_f']:.3f} |")
    for key, title2 in (("ents_per_type", "Entities per label"), ("rel_per_type", "Relations per type")):
        labels = sorted({lab for n in names for lab in results[n][key]})
        lines += ["", f"## {title2} (F1)", "", "| label | " + " | ".join(names) + " |",
                  "|---|" + "---|" * len(names)]
        for lab in labels:
            cells = [f"{results[n][key].get(lab, {}).get('f', 0.0):.3f}" for n in names]
            lines.append(f"| {lab} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def evaluate(nlp: Language, split: str = "test") -> dict[str, dict]:
    """The model and the rules-only baseline on one split."""
    from .api import rules_pipeline

    refs = gold_docs(load_splits()[split])
    return {"model": score_pipeline(nlp, refs), "rules": score_pipeline(rules_pipeline(), refs)}


def write_report(results: dict, out_dir: Path, name: str, title: str) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    js, md = out_dir / f"{name}.json", out_dir / f"{name}.md"
    js.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    md.write_text(to_markdown(title, results), encoding="utf-8")
    return js, md


def _folds(n_splits: int) -> list[tuple[list[str], list[str]]]:
    from sklearn.model_selection import GroupKFold

    splits = load_splits()
    ids = sorted(c for s in SPLITS for c in splits[s])
    manifest = read_manifest()
    groups = [manifest[c].group for c in ids]
    return [([ids[i] for i in tr], [ids[i] for i in te])
            for tr, te in GroupKFold(n_splits=n_splits).split(ids, groups=groups)]


def _train_and_score(config: Path, train_ids: list[str], test_ids: list[str], seed: int,
                     overrides: dict) -> dict:
    import spacy

    from .training import train

    with tempfile.TemporaryDirectory() as tmp:
        # the dev set picks the best checkpoint: a slice of the training cables, never the test cables
        dev = train_ids[: max(1, len(train_ids) // 8)]
        best = train(config, Path(tmp), splits={"train": train_ids[len(dev):], "dev": dev}, seed=seed,
                     overrides=overrides)
        nlp = spacy.load(best)
        refs = gold_docs(test_ids)
        from .api import rules_pipeline

        return {"model": score_pipeline(nlp, refs), "rules": score_pipeline(rules_pipeline(), refs)}


def cross_validate(config: Path, n_splits: int = 5, seed: int = 0, overrides: dict | None = None) -> dict:
    """GroupKFold by cable over every annotated cable, near-duplicate groups kept together:
    mean and standard deviation of each system's micro scores."""
    runs = [_train_and_score(config, tr, te, seed, overrides or {}) for tr, te in _folds(n_splits)]
    summary: dict = {"folds": n_splits}
    for system in ("model", "rules"):
        summary[system] = {}
        for key in ("ents_p", "ents_r", "ents_f", "rel_micro_p", "rel_micro_r", "rel_micro_f"):
            values = [r[system][key] for r in runs]
            summary[system][key] = {"mean": statistics.mean(values), "stdev": statistics.pstdev(values)}
    summary["runs"] = runs
    return summary


def leave_country_out(config: Path, country: str, seed: int = 0, overrides: dict | None = None) -> dict:
    """Train on every annotated cable of other countries, test on all of ``country``'s."""
    splits = load_splits()
    countries = splits["countries"]
    ids = sorted(c for s in SPLITS for c in splits[s])
    test = [c for c in ids if countries.get(c) == country]
    train_ids = [c for c in ids if countries.get(c) != country]
    if not test:
        raise ValueError(f"no annotated cable of {country}")
    return {"country": country, "test_cables": test,
            **_train_and_score(config, train_ids, test, seed, overrides or {})}


def gate_on_gold() -> GateMeasure:
    """The relevance gate over every annotated document, with the body offsets of its gold facts."""
    from .annotations.gold_facts import load_gold_facts, resolve_facts
    from .annotations.store import annotated_ids
    from .corpus import load_cable

    def with_facts(cid: str) -> tuple[Cable, list[int]]:
        cable = load_cable(cid)
        return cable, [f["start"] for f in resolve_facts(load_gold_facts(cid), cable)]

    return measure(map(with_facts, annotated_ids()))

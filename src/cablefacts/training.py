"""Training through ``spacy train``: DocBins from the splits, a seeded run, and a model that records
which annotations and config produced it."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import srsly

from .annotations.docbin import write_docbins
from .annotations.splits import SPLITS, load_splits
from .annotations.store import load_resolved
from .project import Project


def annotations_hash(root: Path | None = None) -> str:
    """A hash of the gold, the gold facts and the splits: it changes whenever the training data does."""
    project = Project.find(root)
    h = hashlib.sha256()
    for path in sorted([*project.gold.glob("*.json"), *project.gold_facts.glob("*.jsonl"), project.splits]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def overrides_for(max_epochs: int | None = None, transformer: str | None = None, vectors: str | None = None
                  ) -> dict[str, int | str | bool]:
    """Config overrides of the train and crossval commands: epochs, the encoder of ``transformer.cfg``, and
    static vectors for the tok2vec (a pipeline folder with vectors, or ``en_core_web_md``)."""
    out: dict[str, int | str | bool] = {"training.max_epochs": max_epochs} if max_epochs else {}
    if transformer:
        out["paths.transformer"] = transformer
    if vectors:
        if vectors == "en_core_web_md":
            from .pretrained import general_model_path

            vectors = str(general_model_path())
        out["paths.vectors"] = vectors
        out["components.tok2vec.model.embed.include_static_vectors"] = True
    return out


def train(config: Path, output: Path, *, splits: dict[str, list[str]] | None = None, seed: int = 0,
          overrides: dict | None = None, install: Path | None = None, gpu_id: int = -1) -> Path:
    """Train ``config`` on ``splits`` (default: annotations/splits.json); returns the best model's path.

    With ``install``, the best model is also copied there (``training/model`` is where extraction
    looks by default).
    """
    from spacy.cli.train import train as spacy_train

    splits = splits or {s: load_splits()[s] for s in SPLITS}
    corpus = output / "corpus"
    write_docbins({s: ids for s, ids in splits.items() if ids}, corpus, load_resolved)
    settings = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy"),
                "system.seed": seed, **(overrides or {})}
    spacy_train(config, output, overrides=settings, use_gpu=gpu_id)
    return record(output / "model-best", config, splits, seed, install)


def record(best: Path, config: Path, splits: dict[str, list[str]], seed: int, install: Path | None) -> Path:
    """Write into the model's meta.json what produced it, and copy it to ``install`` if given."""
    meta_path = best / "meta.json"
    meta = srsly.read_json(meta_path)
    meta["cablefacts"] = {
        "annotations_sha256": annotations_hash(),
        "config": str(config),
        "config_sha256": hashlib.sha256(Path(config).read_bytes()).hexdigest(),
        "seed": seed,
        "trained_on": splits.get("train", []),
        "dev": splits.get("dev", []),
    }
    srsly.write_json(meta_path, meta)
    if install:
        if install.exists():
            shutil.rmtree(install)
        shutil.copytree(best, install)
    return best


def model_info(path: Path) -> dict:
    """What a model says of itself, and whether the annotations changed since it was trained."""
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    own = meta.get("cablefacts", {})
    return {
        "path": str(path),
        "pipeline": meta.get("pipeline", []),
        "spacy_version": meta.get("spacy_version"),
        "config": own.get("config"),
        "seed": own.get("seed"),
        "trained_on": len(own.get("trained_on", [])),
        "performance": {k: v for k, v in (meta.get("performance") or {}).items()
                        if isinstance(v, (int, float))},
        "annotations_changed": own.get("annotations_sha256") != annotations_hash(),
        "size_mb": round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1),
    }

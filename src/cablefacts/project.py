"""Where the project's files live: one object for every path, found from any working directory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The paths of a project checkout (corpus, annotations, configs, training), relative to ``root``."""

    root: Path

    @classmethod
    def find(cls, root: Path | None = None) -> Project:
        """``root`` if given; else ``$CABLEFACTS_HOME``; else the nearest parent of the working directory
        holding ``corpus/manifest.tsv``; else the source checkout this package was installed from."""
        if root is not None:
            return cls(Path(root))
        if env := os.environ.get("CABLEFACTS_HOME"):
            return cls(Path(env))
        for p in [Path.cwd(), *Path.cwd().parents]:
            if (p / "corpus" / "manifest.tsv").exists():
                return cls(p)
        return cls(Path(__file__).resolve().parents[2])

    def relative(self, path: Path) -> Path:
        """``path`` as the project names it (relative to its root), or as given if outside it."""
        try:
            return path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return path

    @property
    def shared(self) -> Path:
        """The shared data beside the project (``../shared``): mirrored cables, the bulk archive, the Factbook."""
        return self.root.parent / "shared"

    # the corpus
    @property
    def manifest(self) -> Path:
        return self.root / "corpus" / "manifest.tsv"

    @property
    def seed(self) -> Path:
        return self.root / "corpus" / "seed"

    @property
    def cables(self) -> Path:
        """The mirrored cables, synced from ``../shared`` (not committed)."""
        return self.root / "corpus" / "cables"

    @property
    def factbook(self) -> Path:
        return self.root / "corpus" / "factbook.jsonl"

    # the annotations
    @property
    def gold(self) -> Path:
        return self.root / "annotations" / "gold"

    @property
    def gold_facts(self) -> Path:
        return self.root / "annotations" / "facts"

    @property
    def splits(self) -> Path:
        return self.root / "annotations" / "splits.json"

    @property
    def second_readings(self) -> Path:
        """Working files of the documents read twice, for agreement."""
        return self.root / "annotations" / "agreement" / "working"

    # models and their evaluation
    def config(self, name: str = "default") -> Path:
        return self.root / "configs" / f"{name}.cfg"

    @property
    def model(self) -> Path:
        """Where ``cablefacts train`` installs a trained model and extraction looks for one."""
        return self.root / "training" / "model"

    @property
    def runs(self) -> Path:
        return self.root / "training" / "runs"

    @property
    def docbins(self) -> Path:
        return self.root / "training" / "corpus"

    @property
    def evaluations(self) -> Path:
        return self.root / "training" / "eval"

"""Train/dev/test splits by cable (``annotations/splits.json``) and the checks they must pass."""

from __future__ import annotations

import json
from pathlib import Path

from ..corpus import project_root, read_manifest

SPLITS = ("train", "dev", "test")


def splits_path(root: Path | None = None) -> Path:
    return (root or project_root()) / "annotations" / "splits.json"


def load_splits(root: Path | None = None) -> dict:
    return json.loads(splits_path(root).read_text(encoding="utf-8"))


def check_splits(data: dict, root: Path | None = None) -> list[str]:
    """Problems with a splits file: groups split across sides, too small or too familiar a test set."""
    problems = []
    manifest = read_manifest(root)
    countries = data.get("countries", {})
    side = {}
    for split in SPLITS:
        for cid in data.get(split, []):
            if cid in side:
                problems.append(f"{cid} is in both {side[cid]} and {split}")
            side[cid] = split
            if cid not in manifest:
                problems.append(f"{cid} is not in the manifest")
            if cid not in countries:
                problems.append(f"{cid} has no country")
    group_side: dict[str, str] = {}
    for cid, split in side.items():
        g = manifest[cid].group if cid in manifest else cid
        if group_side.setdefault(g, split) != split:
            problems.append(f"near-duplicate group {g} is on both {group_side[g]} and {split} ({cid})")
    test = data.get("test", [])
    test_countries = {countries.get(c) for c in test}
    train_countries = {countries.get(c) for c in data.get("train", [])}
    if len(test) < 8:
        problems.append(f"test holds {len(test)} cables, fewer than 8")
    if len(test_countries) < 3:
        problems.append(f"test holds {len(test_countries)} countries, fewer than 3")
    if not test_countries - train_countries:
        problems.append("every test country also has cables in train")
    return problems

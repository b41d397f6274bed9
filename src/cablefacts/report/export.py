"""Exports of a store: every fact as CSV (one column per field), and routes as GeoJSON lines (one
feature per leg between two places the map knows, with the cables stating it)."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from .consolidate import load_store
from .places import label, node, positions
from .wording import summary

CSV_BASE = ["type", "cable", "paragraph", "start", "end", "confidence", "summary", "text"]


def to_csv(db: Path, out: TextIO) -> int:
    facts, _ = load_store(db)
    extra = sorted({k for f in facts for k in f} - set(CSV_BASE) - {"id", "path"})
    w = csv.DictWriter(out, ["id", *CSV_BASE, *extra], extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for f in facts:
        w.writerow({**{k: ("" if v is None else v) for k, v in f.items()}, "summary": summary(f)})
    return len(facts)


def to_geojson(db: Path, out: TextIO) -> int:
    facts, _ = load_store(db)
    pos = positions()
    legs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for f in facts:
        if f["type"] == "route":
            a = node(f.get("origin"), f.get("origin_place"))
            b = node(f.get("destination"), f.get("destination_place"))
            if a and b:
                legs[(a, b)].append(f)
    features = [{"type": "Feature",
                 "geometry": {"type": "LineString", "coordinates": [list(pos[a]), list(pos[b])]},
                 "properties": {"origin": a, "destination": b, "origin_name": label(a), "destination_name": label(b),
                                "cables": sorted({f["cable"] or f["path"] for f in fs}), "facts": len(fs)}}
                for (a, b), fs in sorted(legs.items())]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False, indent=1)
    return len(features)

"""Train/dev/test splits by cable (``annotations/splits.json``) and the checks they must pass."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..corpus import read_manifest
from ..project import Project

SPLITS = ("train", "dev", "test")


def splits_path(root: Path | None = None) -> Path:
    return Project.find(root).splits


def load_splits(root: Path | None = None) -> dict:
    return json.loads(splits_path(root).read_text(encoding="utf-8"))


def check_splits(data: dict, root: Path | None = None) -> list[str]:
    """Problems with a splits file: groups split across sides, too small or too familiar a test set."""
    problems = []
    manifest = read_manifest(root)
    countries = data.get("countries", {})
    side: dict[str, str] = {}
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


# Where the countries of the annotated cables go; countries with narratives only are spread by a hash.
CABLE_COUNTRY_SIDES = {"EGY": "test", "TUR": "test", "CHL": "dev", "MEX": "dev", "KAZ": "train", "CRI": "train",
                       "ISL": "train", "ARG": "train", "BHR": "train", "SUR": "train"}
NARRATIVE_SHARES = (("test", 0.15), ("dev", 0.10))


# The country of a cable sent by a post that reports on its host country (the post is in the cable's id).
POST_COUNTRIES = {"ASTANA": "KAZ", "ALMATY": "KAZ", "ISTANBUL": "TUR", "ANKARA": "TUR", "CAIRO": "EGY",
                  "SANTIAGO": "CHL", "MEXICO": "MEX", "SANJOSE": "CRI", "REYKJAVIK": "ISL", "BUENOSAIRES": "ARG",
                  "MANAMA": "BHR", "PARAMARIBO": "SUR", "THEHAGUE": "NLD", "NEWDELHI": "IND", "BERN": "CHE",
                  "SKOPJE": "MKD", "BRASILIA": "BRA", "PARIS": "FRA"}


def document_country(doc_id: str, countries: dict[str, str], root: Path | None = None) -> str | None:
    """The country a document reports on: its recorded country, else (a narrative) its group's code, else
    (a cable of a post in ``POST_COUNTRIES``) its post's host country."""
    if doc_id in countries:
        return countries[doc_id]
    entry = read_manifest(root).get(doc_id)
    if entry and entry.group.startswith("factbook-"):
        return entry.group.removeprefix("factbook-")
    post = re.fullmatch(r"\d\d([A-Z]+)\d+", doc_id)
    return POST_COUNTRIES.get(post.group(1)) if post else None


def _side_of(country: str) -> str:
    if country in CABLE_COUNTRY_SIDES:
        return CABLE_COUNTRY_SIDES[country]
    bucket = int(hashlib.sha256(country.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    low = 0.0
    for side, share in NARRATIVE_SHARES:
        if low <= bucket < low + share:
            return side
        low += share
    return "train"


def make_splits(doc_ids: list[str], old: dict, root: Path | None = None) -> dict:
    """Splits by country: every document of a country (cables and narratives) on one side."""
    countries = dict(old.get("countries", {}))
    manifest = read_manifest(root)
    data: dict = {"about": SPLITS_ABOUT, "train": [], "dev": [], "test": []}
    group_side: dict[str, str] = {}
    for doc_id in sorted(doc_ids):
        country = document_country(doc_id, countries, root)
        if country is None:
            raise ValueError(f"{doc_id}: no country known")
        countries[doc_id] = country
        # near-duplicate groups stay together, on the side of their first document's country
        side = group_side.setdefault(manifest[doc_id].group, _side_of(country))
        data[side].append(doc_id)
    data["countries"] = {c: countries[c] for c in sorted(doc_ids)}
    return data


SPLITS_ABOUT = ("Splits by country: every annotated document of a country, cables and narratives, is on one side, "
                "so dev and test measure countries the model never saw. Cables of Egypt and Turkey are in test, "
                "of Chile and Mexico in dev; countries with narratives only are spread by a hash of their code "
                "(15% test, 10% dev); a near-duplicate group goes with its first document.")

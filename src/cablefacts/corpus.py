"""The project's corpus: the manifest of cables, syncing mirrored text, and loading a cable by id.

Seed cables live in ``corpus/seed/`` (their text is the project's own). Mirrored cables are never
committed: ``corpus/manifest.tsv`` pins each by sha256, and ``sync`` copies them from a folder (or a
``.tar.xz`` archive) into the git-ignored ``corpus/cables/``.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import itertools
import re
import shutil
import tarfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .cable import Cable, parse_cable, read_text
from .narratives import country_code, narrative_cable, read_narratives
from .project import Project

MANIFEST_FIELDS = ["cable_id", "source", "repository", "path", "commit", "sha256", "group"]
MIRROR_REPOSITORY = "avilaroman/Wikileaks-Mirror"
BULK_COMMIT = "ae11afa5ff15bad4ae9c296de44079cfc31e474f"
# cables that belong together although their wording differs (the two parts of one submission,
# successive drafts of one law report)
KNOWN_PAIRS = [("06SANTIAGO438", "06SANTIAGO439"), ("09SANJOSE127", "09SANJOSE128"),
               ("07MANAMA1084", "07MANAMA1097"), ("07REYKJAVIK49", "07REYKJAVIK90")]
NARRATIVE_SOURCE = "factbook"  # manifest source of narratives, which live in a committed JSON Lines file
SIMILARITY = 0.15  # share of word 5-grams above which two cables are near-duplicates


@dataclass
class Entry:
    cable_id: str
    source: str  # seed, extra or bulk
    repository: str
    path: str
    commit: str
    sha256: str
    group: str


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_manifest(root: Path | None = None) -> dict[str, Entry]:
    path = Project.find(root).manifest
    with open(path, encoding="utf-8", newline="") as f:
        return {row["cable_id"]: Entry(**row) for row in csv.DictReader(f, delimiter="\t")}


def write_manifest(entries: list[Entry], root: Path | None = None) -> Path:
    path = Project.find(root).manifest
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, MANIFEST_FIELDS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for e in sorted(entries, key=lambda e: (e.source != "seed", e.cable_id)):
            w.writerow(e.__dict__)
    return path


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return set(zip(*(words[i:] for i in range(5)), strict=False))  # stops at the shortest


def near_duplicate_groups(bodies: dict[str, str]) -> dict[str, str]:
    """Group cables whose bodies share many word 5-grams (plus ``KNOWN_PAIRS``); group = first id."""
    parent = {c: c for c in bodies}

    def find(c: str) -> str:
        while parent[c] != c:
            c = parent[c]
        return c

    def union(a: str, b: str) -> None:
        ra, rb = sorted((find(a), find(b)))
        parent[rb] = ra

    shingles = {c: _shingles(t) for c, t in bodies.items()}
    for a, b in itertools.combinations(sorted(bodies), 2):
        small = min(len(shingles[a]), len(shingles[b])) or 1
        if len(shingles[a] & shingles[b]) / small >= SIMILARITY:
            union(a, b)
    for a, b in KNOWN_PAIRS:
        if a in parent and b in parent:
            union(a, b)
    return {c: find(c) for c in bodies}


def _member_bytes(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    """The content of a regular file of an archive (only links and folders have none)."""
    f = tar.extractfile(member)
    assert f is not None, member.name
    return f.read()


def build_manifest(seed_dir: Path, extra_dir: Path, bulk_archive: Path | None = None,
                   bulk_ids: Sequence[str] = ()) -> list[Entry]:
    """Entries for the seed cables, every cable of ``extra_dir`` and the chosen bulk cables."""
    sources = {}
    src_tsv = extra_dir / "SOURCES.tsv"
    if src_tsv.exists():
        with open(src_tsv, encoding="utf-8", newline="") as f:
            sources = {r["cable_id"]: r for r in csv.DictReader(f, delimiter="\t")}
    texts: dict[str, tuple[str, str, str, str]] = {}
    for p in sorted(seed_dir.glob("*.txt")):
        texts[p.stem] = (read_text(p)[0], "seed", "", f"corpus/seed/{p.name}")
    for p in sorted(extra_dir.glob("*.txt")):
        s = sources.get(p.stem, {})
        texts[p.stem] = (read_text(p)[0], "extra", s.get("commit", ""), s.get("path", p.name))
    if bulk_archive and bulk_ids:
        wanted = set(bulk_ids) - set(texts)
        with tarfile.open(bulk_archive) as tar:
            for m in tar:
                stem = Path(m.name).stem
                if m.isfile() and stem in wanted:
                    text = _member_bytes(tar, m).decode("utf-8")
                    texts[stem] = (text, "bulk", BULK_COMMIT, m.name)
    groups = near_duplicate_groups({c: parse_cable(t[0]).body for c, t in texts.items()})
    return [Entry(c, src, "" if src == "seed" else MIRROR_REPOSITORY, path, commit, sha256_text(text), groups[c])
            for c, (text, src, commit, path) in texts.items()]


@dataclass
class SyncReport:
    copied: list[str]
    unchanged: list[str]
    missing: list[str]
    altered: list[str]


def sync(sources: list[Path], root: Path | None = None) -> SyncReport:
    """Copy the manifest's mirrored cables from folders or ``.tar.xz`` archives into ``corpus/cables``,
    verifying each text against its sha256."""
    root = Project.find(root).root
    manifest = read_manifest(root)
    dest = Project(root).cables
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {c: e for c, e in manifest.items() if e.source not in ("seed", NARRATIVE_SOURCE)}
    found: dict[str, bytes] = {}
    for src in sources:
        archives = [src] if src.is_file() else sorted(src.glob("*.tar.xz"))
        if src.is_dir():
            for cid in wanted:
                p = src / f"{cid}.txt"
                if cid not in found and p.exists():
                    found[cid] = p.read_bytes()
        for archive in archives:
            with tarfile.open(archive) as tar:
                for m in tar:
                    stem = Path(m.name).stem
                    if m.isfile() and stem in wanted and stem not in found:
                        found[stem] = _member_bytes(tar, m)
    report = SyncReport([], [], [], [])
    for cid, entry in sorted(wanted.items()):
        data = found.get(cid)
        if data is None:
            report.missing.append(cid)
            continue
        if hashlib.sha256(data).hexdigest() != entry.sha256:
            report.altered.append(cid)
            continue
        target = dest / f"{cid}.txt"
        if target.exists() and target.read_bytes() == data:
            report.unchanged.append(cid)
            continue
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        shutil.move(tmp, target)
        report.copied.append(cid)
    return report


class CorpusError(Exception):
    """A cable of the manifest that is missing or whose text differs from the pinned hash."""


def _entry(cable_id: str, root: Path) -> Entry:
    entry = read_manifest(root).get(cable_id)
    if entry is None:
        raise CorpusError(f"{cable_id}: not in corpus/manifest.tsv")
    return entry


def cable_path(cable_id: str, root: Path | None = None) -> Path:
    """The file holding a manifest document: its cable file, or the narratives file for a narrative."""
    root = Project.find(root).root
    entry = _entry(cable_id, root)
    if entry.source == NARRATIVE_SOURCE:
        return root / entry.path
    project = Project(root)
    return (project.seed if entry.source == "seed" else project.cables) / f"{cable_id}.txt"


def _narrative_record(cable_id: str, path: Path) -> dict:
    record = _narratives(path).get(cable_id)
    if record is None:
        raise CorpusError(f"{cable_id}: not in {path}")
    return record


@functools.lru_cache(maxsize=4)
def _narratives(path: Path) -> dict[str, dict]:
    return read_narratives(path)


def load_raw(cable_id: str, root: Path | None = None) -> str:
    """The raw text of a manifest document, checked against its sha256."""
    root = Project.find(root).root
    entry = _entry(cable_id, root)
    path = cable_path(cable_id, root)
    if not path.exists():
        raise CorpusError(f"{cable_id}: {path} is missing; run `cablefacts corpus sync --from ../shared/cables/extra "
                          "--from ../shared/bulk`")
    text = _narrative_record(cable_id, path)["text"] if entry.source == NARRATIVE_SOURCE else read_text(path)[0]
    if sha256_text(text) != entry.sha256:
        raise CorpusError(f"{cable_id}: text differs from the manifest's sha256 (altered file {path})")
    return text


def load_cable(cable_id: str, root: Path | None = None) -> Cable:
    """A manifest document as a ``Cable``: a parsed cable, or a narrative (``narratives.narrative_cable``)."""
    root = Project.find(root).root
    text = load_raw(cable_id, root)
    entry = read_manifest(root)[cable_id]
    if entry.source == NARRATIVE_SOURCE:
        return narrative_cable({**_narrative_record(cable_id, cable_path(cable_id, root)), "text": text})
    return parse_cable(text, name=f"{cable_id}.txt")


def narrative_entries(ids: list[str], path: Path, root: Path | None = None) -> list[Entry]:
    """Manifest entries for narratives of ``path`` (a committed JSON Lines file of the project); a
    country's editions form one near-duplicate group (``factbook-<ISO3>``)."""
    root = Project.find(root).root
    records = read_narratives(path)
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    out = []
    for doc_id in ids:
        rec = records[doc_id]
        code = country_code(rec["country"]) or rec["country"]
        out.append(Entry(doc_id, NARRATIVE_SOURCE, "", rel, "", sha256_text(rec["text"]), f"factbook-{code}"))
    return out

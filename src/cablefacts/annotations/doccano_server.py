"""Round trips with a doccano server (1.8) through doccano-client's API: push paragraphs with their
spans and relations, pull the annotators' corrections back into the stand-off store.

Each example's ``meta`` carries the cable, the paragraph, its offset in ``Cable.body``, the source
(``gold`` or ``prediction``) and, once its spans exist, ``span_ids``: doccano span id -> gold entity
id, so a pulled span keeps its gold id and only what annotators changed differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import schema
from ..cable import Cable
from ..corpus import load_cable, sha256_text
from .doccano import RecordError, from_records, to_records
from .formats import records_by_document
from .store import Entity, Gold, Relation, gold_dir, load_resolved, save_gold, to_raw

if TYPE_CHECKING:
    from doccano_client.beta import DoccanoClient
    from requests import Response

PROJECT_TYPE = "SequenceLabeling"


class DoccanoError(Exception):
    """Anything the server refused or could not do, as one line for the user."""


def _raise(response: Response, what: str) -> None:
    if response.status_code >= 400:
        detail = response.text[:200].replace("\n", " ")
        raise DoccanoError(f"{what}: HTTP {response.status_code} {detail}")


def connect(url: str, username: str, password: str) -> DoccanoClient:
    """A logged-in client (doccano-client's beta API)."""
    import requests

    try:
        from doccano_client.beta import DoccanoClient
    except ImportError:
        raise DoccanoError("doccano-client is not installed: pip install 'cablefacts[doccano]'") from None
    client = DoccanoClient(url.rstrip("/"))
    try:
        response = client.client_session.post(client.login_url, json={"username": username, "password": password})
    except requests.RequestException as e:
        raise DoccanoError(f"cannot reach doccano at {url} ({type(e).__name__})") from None
    if response.status_code in (400, 401, 403):
        raise DoccanoError(f"doccano at {url} refused the login of user {username!r}")
    _raise(response, f"login at {url}")
    client.client_session.headers.update({"X-CSRFToken": client.client_session.cookies.get("csrftoken") or ""})
    return client


@dataclass
class Project:
    client: DoccanoClient
    id: int
    span_types: dict[str, int]  # label -> id
    relation_types: dict[str, int]  # type -> id

    @property
    def url(self) -> str:
        return f"{self.client.api_url}/projects/{self.id}"

    def get(self, path: str, params: dict | None = None) -> list | dict:
        response = self.client.client_session.get(f"{self.url}/{path}", params=params)
        _raise(response, f"GET {path}")
        return response.json()

    def post(self, path: str, body: dict) -> dict:
        response = self.client.client_session.post(f"{self.url}/{path}", json=body)
        _raise(response, f"POST {path}")
        return response.json()

    def patch(self, path: str, body: dict) -> dict:
        response = self.client.client_session.patch(f"{self.url}/{path}", json=body)
        _raise(response, f"PATCH {path}")
        return response.json()

    def all(self, path: str) -> list[dict]:
        """Every item of a paginated list endpoint."""
        items, offset = [], 0
        while True:
            page = self.get(path, {"limit": 100, "offset": offset})
            if isinstance(page, list):
                return page
            items.extend(page["results"])
            if not page.get("next"):
                return items
            offset += 100


def project(client: DoccanoClient, name: str, *, create: bool = True) -> Project:
    """The sequence-labelling project ``name`` with relations, its span and relation types made from
    the schema (with their colours); created where missing."""
    session = client.client_session
    response = session.get(f"{client.api_url}/projects", params={"limit": 1000})
    _raise(response, "listing projects")
    data = response.json()
    found = [p for p in (data["results"] if isinstance(data, dict) else data) if p["name"] == name]
    if found:
        pid = found[0]["id"]
    elif not create:
        raise DoccanoError(f"no doccano project named {name!r}")
    else:
        response = session.post(f"{client.api_url}/projects", json={
            "name": name, "description": "cablefacts annotations: trafficking facts in diplomatic cables",
            "project_type": PROJECT_TYPE, "resourcetype": "SequenceLabelingProject", "guideline":
            "See annotations/GUIDELINES.md of the cablefacts project.", "random_order": False,
            "collaborative_annotation": False, "allow_overlapping": False, "grapheme_mode": False,
            "use_relation": True})
        _raise(response, f"creating project {name!r}")
        pid = response.json()["id"]
    proj = Project(client, pid, {}, {})
    for path, names, target in (("span-types", schema.LABELS, proj.span_types),
                                ("relation-types", list(schema.RELATIONS), proj.relation_types)):
        existing = {t["text"]: t["id"] for t in proj.get(path)}
        for label in names:
            if label not in existing:
                existing[label] = proj.post(path, {"text": label, "background_color": schema.COLOURS[label],
                                                   "text_color": "#000000"})["id"]
        target.update(existing)
    return proj


@dataclass
class PushReport:
    examples: int = 0
    spans: int = 0
    relations: int = 0
    skipped: int = 0  # paragraphs already in the project

    def add(self, other: PushReport) -> None:
        for k in ("examples", "spans", "relations", "skipped"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


def push_documents(proj: Project, cable_ids: Iterable[str], predict: Callable[[Cable], Gold] | None = None
                   ) -> PushReport:
    """Push each document's gold, or with ``predict`` its predictions (pre-annotation); the reports summed."""
    total = PushReport()
    for cid in cable_ids:
        if predict:
            cable = load_cable(cid)
            gold = predict(cable)
        else:
            cable, gold = load_resolved(cid)
        total.add(push(proj, to_records(cable, gold), "prediction" if predict else "gold"))
    return total


def push(proj: Project, records: list[dict], source: str = "gold") -> PushReport:
    """Upload doccano records (``cablefacts.annotations.doccano.to_records``); paragraphs already in
    the project (same cable and paragraph index) are left as they are."""
    present = {(e["meta"].get("cable"), e["meta"].get("index")) for e in proj.all("examples")}
    report = PushReport()
    for rec in records:
        meta = dict(rec["meta"])
        if (meta["cable"], meta["index"]) in present:
            report.skipped += 1
            continue
        meta["source"] = source
        example = proj.post("examples", {"text": rec["text"], "meta": meta})
        names = {str(k): v for k, v in meta.pop("entity_ids", {}).items()}
        server_ids: dict[int, int] = {}
        span_ids: dict[str, str] = {}
        for e in rec["entities"]:
            span = proj.post(f"examples/{example['id']}/spans", {
                "label": proj.span_types[e["label"]], "start_offset": e["start_offset"],
                "end_offset": e["end_offset"], "prob": 0.0})
            server_ids[e["id"]] = span["id"]
            span_ids[str(span["id"])] = names.get(str(e["id"]), f"D{span['id']}")
            report.spans += 1
        for r in rec["relations"]:
            proj.post(f"examples/{example['id']}/relations", {
                "type": proj.relation_types[r["type"]], "from_id": server_ids[r["from_id"]],
                "to_id": server_ids[r["to_id"]], "prob": 0.0})
            report.relations += 1
        proj.patch(f"examples/{example['id']}", {"meta": {**meta, "span_ids": span_ids}})
        report.examples += 1
    return report


def pull_records(proj: Project) -> list[dict]:
    """The project's examples as doccano records (entity ids are doccano span ids, with the gold ids
    they stand for in ``meta.entity_ids``)."""
    span_label = {v: k for k, v in proj.span_types.items()}
    rel_type = {v: k for k, v in proj.relation_types.items()}
    records = []
    for ex in proj.all("examples"):
        spans = proj.get(f"examples/{ex['id']}/spans")
        rels = proj.get(f"examples/{ex['id']}/relations")
        meta = dict(ex["meta"])
        meta["entity_ids"] = meta.pop("span_ids", {})
        records.append({
            "text": ex["text"],
            "entities": [{"id": s["id"], "label": span_label[s["label"]], "start_offset": s["start_offset"],
                          "end_offset": s["end_offset"]} for s in spans],
            "relations": [{"id": r["id"], "from_id": r["from_id"], "to_id": r["to_id"], "type": rel_type[r["type"]]}
                          for r in rels],
            "meta": meta,
        })
    return records


@dataclass
class Merge:
    """What a pull changes in one cable's gold (body offsets)."""

    cable: str
    gold: Gold
    added: list[Entity] = field(default_factory=list)
    changed: list[tuple[Entity, Entity]] = field(default_factory=list)
    removed: list[Entity] = field(default_factory=list)
    relations_added: list[Relation] = field(default_factory=list)
    relations_removed: list[Relation] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.relations_added or self.relations_removed)

    def describe(self, cable: Cable) -> list[str]:
        """One line for the cable, and one per changed span with its text before and after."""
        if self.empty:
            return [f"{self.cable}: unchanged"]
        return [f"{self.cable}: {len(self.added)} spans added, {len(self.changed)} changed, {len(self.removed)} "
                f"removed; {len(self.relations_added)} relations added, {len(self.relations_removed)} removed",
                *(f"  changed {old.id}: {old.label} {cable.body[old.start:old.end]!r} -> {new.label} "
                  f"{cable.body[new.start:new.end]!r}" for old, new in self.changed)]


def merge(cable: Cable, current: Gold, records: list[dict]) -> Merge:
    """The cable's gold after the pulled records (body offsets), and what changed. Paragraphs not in
    the project keep their gold; spans that do not fit the cable's text are refused."""
    try:
        pulled = from_records(cable, records, current.sha256)
    except RecordError as e:
        raise DoccanoError(str(e)) from None
    covered = [(r["meta"]["offset"], r["meta"]["offset"] + len(r["text"])) for r in records]

    def inside(e: Entity) -> bool:
        return any(s <= e.start and e.end <= t for s, t in covered)

    kept = [e for e in current.entities if not inside(e)]
    kept_ids = {e.id for e in kept}
    new_ids = {e.id for e in pulled.entities}
    relations = [r for r in current.relations if r.from_id in kept_ids and r.to_id in kept_ids] + [
        r for r in pulled.relations if r.from_id in new_ids and r.to_id in new_ids]
    result = Gold(current.cable, current.sha256, sorted(kept + pulled.entities, key=lambda e: (e.start, e.end)),
                  relations)
    before = {e.id: e for e in current.entities if inside(e)}
    after = {e.id: e for e in pulled.entities}
    m = Merge(current.cable, result)
    m.added = [e for i, e in after.items() if i not in before]
    m.removed = [e for i, e in before.items() if i not in after]
    m.changed = [(before[i], e) for i, e in after.items() if i in before and before[i] != e]
    key = lambda r: (r.from_id, r.to_id, r.type)  # noqa: E731
    old_rels, new_rels = {key(r) for r in current.relations}, {key(r) for r in relations}
    m.relations_added = [r for r in relations if key(r) not in old_rels]
    m.relations_removed = [r for r in current.relations if key(r) not in new_rels]
    return m


def pull(proj: Project, write: bool = True) -> Iterator[tuple[Cable, Merge]]:
    """Merge the project's annotations into each document's gold, one document at a time, writing each
    changed gold file unless ``write`` is false; yields every document pulled and what changed."""
    for cid, records in sorted(records_by_document(pull_records(proj)).items()):
        if (gold_dir() / f"{cid}.json").exists():
            cable, current = load_resolved(cid)
        else:
            cable = load_cable(cid)
            current = Gold(cid, sha256_text(cable.raw))
        m = merge(cable, current, records)
        if write and not m.empty:
            save_gold(to_raw(m.gold, cable))
        yield cable, m

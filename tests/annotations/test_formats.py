"""The format registry: gold written as doccano or Prodigy records by name, read back into a project's
store, and one-line errors for an unknown format or a line that is not a record."""

import json
import shutil

import pytest

from cablefacts.annotations.formats import FORMATS, FormatError, export_gold, get_format, import_records, read_records
from cablefacts.annotations.store import load_resolved
from tests.conftest import ROOT

CABLES = ["06ASTANA32", "07ASTANA614"]  # seed cables: their text is in the project


def _empty_project(folder, monkeypatch):
    """A copy of the project's manifest and seed cables with an empty gold store, made the project."""
    (folder / "corpus").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "manifest.tsv", folder / "corpus" / "manifest.tsv")
    shutil.copytree(ROOT / "corpus" / "seed", folder / "corpus" / "seed")
    monkeypatch.setenv("CABLEFACTS_HOME", str(folder))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_then_import_stores_the_same_gold(name, tmp_path, monkeypatch):
    fmt = get_format(name)
    out = tmp_path / f"gold.{name}.jsonl"
    n = export_gold(fmt, out, CABLES)
    assert n == sum(len(load_resolved(cid)[0].paragraphs) for cid in CABLES)
    assert not out.with_suffix(".jsonl.part").exists()

    _empty_project(tmp_path / "elsewhere", monkeypatch)
    stored = dict(import_records(out, fmt))
    assert sorted(stored) == CABLES
    for cid in CABLES:
        again = json.loads((tmp_path / "elsewhere" / "annotations" / "gold" / f"{cid}.json").read_text())
        want = json.loads((ROOT / "annotations" / "gold" / f"{cid}.json").read_text())
        assert again["entities"] == want["entities"] and again["relations"] == want["relations"]


def test_unknown_format_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown format 'brat': use doccano, prodigy or working"):
        get_format("brat", ("working",))


def test_a_line_that_is_not_a_record_is_named(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "meta": {"cable": "06ASTANA32"}}\n{"text": "no meta"}\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad.jsonl:2: not a doccano record"):
        read_records(bad, get_format("doccano"))

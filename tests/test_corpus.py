"""Manifest and sync: mirrored text is copied and verified, never committed."""

import shutil
import subprocess

from cablefacts import corpus
from tests.conftest import EXTRA, ROOT


def test_manifest_pins_every_corpus_cable():
    m = corpus.read_manifest(ROOT)
    assert {e.source for e in m.values()} == {"seed", "extra", "bulk", "factbook"}
    assert sum(e.source == "seed" for e in m.values()) == 5
    assert all(len(e.sha256) == 64 for e in m.values())
    # near-duplicate groups named in the brief
    assert m["07REYKJAVIK49"].group == m["07REYKJAVIK90"].group
    assert len({m[c].group for c in ["09STATE60490", "09STATE60550", "09STATE60599", "09STATE60608",
                                      "09STATE60633"]}) == 1
    assert m["09SANTIAGO156"].group == m["10SANTIAGO254"].group


def _project_copy(tmp_path):
    root = tmp_path / "proj"
    (root / "corpus").mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "manifest.tsv", root / "corpus" / "manifest.tsv")
    return root


def test_sync_copies_and_reports_missing_and_altered(tmp_path):
    root = _project_copy(tmp_path)
    src = tmp_path / "src"
    shutil.copytree(EXTRA, src)
    (src / "09CAIRO1222.txt").write_text((src / "09CAIRO1222.txt").read_text() + "tampered\n")
    (src / "09CAIRO1223.txt").unlink()
    report = corpus.sync([src], root)
    assert "09CAIRO1222" in report.altered and "09CAIRO1223" in report.missing
    assert "07ASTANA614" not in report.copied  # seed cables are not synced
    assert (root / "corpus" / "cables" / "10CAIRO211.txt").exists()
    assert not (root / "corpus" / "cables" / "09CAIRO1222.txt").exists()
    again = corpus.sync([src], root)
    assert not again.copied and "10CAIRO211" in again.unchanged


def test_mirrored_text_is_not_tracked():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [t for t in tracked if t.startswith("corpus/cables/")]
    assert "corpus/cables/" in (ROOT / ".gitignore").read_text()

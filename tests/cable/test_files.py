"""Bad input: every case gives a clear one-line message or a best-effort cable, never a traceback."""

import subprocess
import sys

import pytest

from cablefacts.cable import CableFileError, parse_cable, read_cable_file
from tests.conftest import raw


def run_show(path):
    return subprocess.run([sys.executable, "-m", "cablefacts", "cable", "show", str(path)],
                          capture_output=True, text=True)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(CableFileError, match="empty file"):
        read_cable_file(p)
    out = run_show(p)
    assert out.returncode == 1 and "empty file" in out.stderr and "Traceback" not in out.stderr


def test_binary_file(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(CableFileError, match="binary data"):
        read_cable_file(p)
    assert "Traceback" not in run_show(p).stderr


def test_cp1252_file_is_decoded_with_a_warning(tmp_path):
    text = raw("08ASTANA1111").replace("Post delivered", "Post delivered \u201cthe\u201d")
    p = tmp_path / "08ASTANA1111.txt"
    p.write_bytes(text.encode("cp1252"))
    c = read_cable_file(p)
    assert c.id == "08ASTANA1111"
    assert any("cp1252" in w for w in c.warnings)
    assert "\u201cthe\u201d" in c.body


def test_fragment_with_no_header(tmp_path):
    body = raw("07ASTANA614").split("¶2.")[1].split("¶4.")[0]
    p = tmp_path / "fragment.txt"
    p.write_text(body, encoding="utf-8")
    c = read_cable_file(p)
    assert c.id is None and c.paragraphs
    assert "34 female and 26 male victims" in c.body
    assert "id" in c.missing()


def test_truncated_cable(tmp_path):
    text = raw("07ASTANA614")
    p = tmp_path / "07ASTANA614.txt"
    p.write_text(text[: len(text) // 3], encoding="utf-8")
    c = read_cable_file(p)
    assert c.id == "07ASTANA614" and c.subject and c.paragraphs
    assert c.signer is None


def test_cable_cut_mid_word_is_warned_about(tmp_path):
    text = raw("07ASTANA614")
    p = tmp_path / "07ASTANA614.txt"
    p.write_text(text[: text.index("Transit includes") + len("Transit incl")], encoding="utf-8")
    out = run_show(p)
    assert out.returncode == 0 and "warning: the text ends mid-sentence (" in out.stderr
    assert "Transit incl'): the cable may be cut off" in out.stderr
    assert not [w for w in parse_cable(text).warnings if "mid-sentence" in w]


def test_json_gives_the_date_precision(tmp_path):
    p = tmp_path / "07ASTANA614.txt"
    p.write_text(raw("07ASTANA614"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cablefacts", "cable", "show", str(p), "--json"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and '"date_precision": "minute"' in out.stdout


def test_header_with_no_body(tmp_path):
    p = tmp_path / "07ASTANA614.txt"
    p.write_text(raw("07ASTANA614").split("¶1.")[0], encoding="utf-8")
    c = read_cable_file(p)
    assert c.id == "07ASTANA614" and not c.paragraphs
    assert "no body text after the header" in c.warnings


def test_huge_file(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        chunk = raw("07ASTANA614").encode("utf-8")
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    with pytest.raises(CableFileError, match="over the .* limit"):
        read_cable_file(p)
    out = run_show(p)
    assert out.returncode == 1 and "limit" in out.stderr and "Traceback" not in out.stderr


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CableFileError, match="cannot read"):
        read_cable_file(tmp_path / "nope.txt")
    with pytest.raises(CableFileError, match="folder"):
        read_cable_file(tmp_path)

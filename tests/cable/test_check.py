"""``check_folder``: every file of a folder read as ``extract`` reads it, counted per field, with a note per
file that is unreadable, misses a field, or carries an id other than its name."""

import shutil

from cablefacts.cable import check_folder, read_cable_file, read_each
from tests.conftest import SEED


def test_a_folder_of_good_bad_and_hidden_files(tmp_path):
    shutil.copy(SEED / "07ASTANA614.txt", tmp_path / "07ASTANA614.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED / "06ASTANA32.txt", tmp_path / "sub" / "renamed.txt")  # id differs from the file name
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SEED / "07ASTANA1061.txt", tmp_path / ".hidden" / "07ASTANA1061.txt")  # never read
    (tmp_path / "notes.md").write_text("not a cable", encoding="utf-8")  # not *.txt: never read

    check = check_folder(tmp_path)

    assert check.files == 4 and check.unreadable == 2 and check.crashes == 0 and check.parsed == 2
    assert check.found["id"] == 2 and check.found["paragraphs"] == 2
    assert check.mismatched == 1 and check.failed
    notes = dict(check.notes)
    assert notes["sub/renamed.txt"] == "id 06ASTANA32 differs from file name"
    assert notes["empty.txt"].startswith("unreadable:") and notes["binary.txt"].startswith("unreadable:")
    assert "07ASTANA614.txt" not in notes  # a file without a problem gets no note ...
    assert dict(check_folder(tmp_path, every_file=True).notes)["07ASTANA614.txt"] == "ok"  # ... unless asked


def test_a_folder_of_seed_cables_passes():
    check = check_folder(SEED)
    assert check.files == 5 and not check.failed
    assert check.found["id"] == check.found["date"] == check.found["paragraphs"] == 5


def test_read_each_gives_the_reader_s_cable_or_its_reason(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("", encoding="utf-8")
    good, unreadable = read_each([SEED / "09STATE60633.txt", bad])
    assert good.cable is not None and good.cable.id == read_cable_file(SEED / "09STATE60633.txt").id
    assert unreadable.cable is None and unreadable.error and not unreadable.crashed

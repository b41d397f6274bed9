"""The whole bulk release goes through the reader: no exception, ids and dates for at least 99%."""

from cablefacts.cable import CableFileError, read_cable_file


def test_every_bulk_cable_parses(bulk_dir):
    files = sorted(bulk_dir.iterdir())
    assert len(files) == 6689
    with_id = with_date = unreadable = 0
    for path in files:
        try:
            c = read_cable_file(path)
        except CableFileError:
            unreadable += 1
            continue
        with_id += c.id is not None
        with_date += c.date is not None
    assert unreadable == 0
    assert with_id / len(files) >= 0.99
    assert with_date / len(files) >= 0.99


def test_garbled_file_names_get_the_id_from_the_text(bulk_dir):
    c = read_cable_file(bulk_dir / "08ECTION01OF02MANAMA492.txt")
    assert c.id == "08MANAMA492"

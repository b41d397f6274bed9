"""The whole bulk release goes through the reader: no exception, ids and dates for at least 99%, and no
reference that is a page break, a banner or an item that is not a cable."""

import re

import pytest

from cablefacts.cable import read_cable_file, read_each

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

# what a reference's post never holds: a classification, a page break, an email, telcon or IIR; or is: a date
NOT_IN_A_POST = re.compile(r"CONFIDENTIAL|SECRET|UNCLAS|PAGE|E?MAIL|TELE?CON|MEMCON|IIR")
NOT_A_POST = re.compile(r"JAN(?:UARY)?|FEB(?:RUARY)?|MARCH|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?"
                        r"|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?|PARAS?|FROM|TO|AND")


def is_cable_id(ref: str) -> bool:
    post = ref[2:].rstrip("0123456789")
    return bool(re.fullmatch(r"\d{2}[A-Z]+\d+", ref) and not NOT_IN_A_POST.search(post)
                and not NOT_A_POST.fullmatch(post))


def test_every_bulk_cable_parses(bulk_dir):
    files = sorted(bulk_dir.iterdir())
    assert len(files) == 6689
    reads = list(read_each(files))
    cables = [r.cable for r in reads if r.cable is not None]
    unreadable = len(reads) - len(cables)
    with_id = sum(c.id is not None for c in cables)
    with_date = sum(c.date is not None for c in cables)
    not_cables = [r for c in cables for r in c.references if not is_cable_id(r)]
    assert unreadable == 0
    assert with_id / len(files) >= 0.99
    assert with_date / len(files) >= 0.99
    assert not_cables == []


def test_garbled_file_names_get_the_id_from_the_text(bulk_dir):
    c = read_cable_file(bulk_dir / "08ECTION01OF02MANAMA492.txt")
    assert c.id == "08MANAMA492"

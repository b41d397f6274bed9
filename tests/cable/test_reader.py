"""The reader on real cables: each format quirk of the corpus, and the offset map."""

import re
from datetime import datetime

import pytest

from cablefacts.cable import parse_cable
from tests.conftest import raw


def test_plain_telegram_header_fields():
    c = parse_cable(raw("07ASTANA614"))
    assert c.id == "07ASTANA614"
    assert c.date == datetime(2007, 3, 7, 12, 6)
    assert c.origin == "AMEMBASSY ASTANA"
    assert c.classification == "UNCLASSIFIED"
    assert c.subject == "KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT"
    assert c.references == ["06STATE202745"]
    assert c.signer == "ORDWAY"
    # tags written as markdown links, continued on a later line
    assert c.tags[:2] == ["KCRM", "PHUM"] and "KZ" in c.tags and "PREL" in c.tags


def test_banner_without_a_year_gives_no_made_up_id():
    # 07ASTANA1061 with its dates lost and the year cut from its identifier: the banner's post and number
    # make no id without a year, so the release's identifier stands; the file name's year still serves
    text = raw("07ASTANA1061").replace("07ASTANA1061\n", "ASTANA1061\n", 1)
    text = text.replace("2007-04-25 10:24:00\n", "\n", 1).replace("P 251024Z APR 07\n", "", 1)
    c = parse_cable(text)
    assert (c.id, c.date) == ("ASTANA1061", None)
    assert parse_cable(text, name="07ASTANA1061.txt").id == "07ASTANA1061"


def test_pilcrow_marks_and_page_breaks_removed():
    c = parse_cable(raw("07ASTANA614"))
    assert "ASTANA 00000614" not in c.body
    assert "¶" not in c.body
    first = c.paragraphs[0]
    assert first.number == "1"
    assert c.body[first.start:first.end].startswith("SUMMARY: Post is pleased")


def test_paragraph_cut_by_page_break_is_joined():
    c = parse_cable(raw("07ASTANA614"))
    p5 = next(p for p in c.paragraphs if p.number == "5")
    assert "victims trafficked to Russia for labor" in c.paragraph_text(p5)


def test_mangled_paragraph_marks_get_their_true_numbers():
    # 06ASTANA32 prints para 3..9 as "13." .. "19."; 09STATE60633 prints 9 as "19." and 10 as "110."
    numbers = [p.number for p in parse_cable(raw("06ASTANA32")).paragraphs if p.number]
    assert numbers == ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
    state = [p.number for p in parse_cable(raw("09STATE60633")).paragraphs if p.number]
    assert "19" not in state and "110" not in state
    assert state.index("10") > state.index("9")
    # 08ASTANA1111 starts at "¶11." for paragraph 1
    assert [p.number for p in parse_cable(raw("08ASTANA1111")).paragraphs] == ["1", "2", "3", "4", "5"]


def test_markdown_escapes_and_link_marks():
    c = parse_cable(raw("09STATE60633"))
    assert "$45,838" in c.body and "\\$" not in c.body
    assert "[1](#)" not in c.body
    assert c.references == ["09STATE59732", "09STATE5577"]
    assert c.subject == "KAZAKHSTAN--2009 TIP REPORT: PRESS GUIDANCE AND DEMARCHE"
    assert c.id == "09STATE60633" and c.origin == "SECSTATE WASHDC"


def test_identifier_header_variant_and_repeated_header():
    text = raw("07ASTANA1061")
    assert text.startswith("Identifier")
    c = parse_cable(text)
    assert c.id == "07ASTANA1061"
    assert c.date == datetime(2007, 4, 25, 10, 24)
    assert c.subject == "KAZAKHSTAN RESOLVES TO IMPROVE TIP RESPONSE"
    assert c.references == ["06ASTANA368"]
    # the header is repeated after "UNCLAS SECTION 01 OF 02": none of it reaches the body
    assert "SUBJECT" not in c.body and "E.O. 12958" not in c.body
    assert c.body.startswith("Summary: On April 3-4")


def test_reference_without_year_takes_the_cables_year():
    assert parse_cable(raw("08ASTANA1111")).references == ["08STATE58370"]


def test_missing_section_marker_is_dropped_with_a_warning(bulk_dir):
    text = (bulk_dir / "06REYKJAVIK40.txt").read_text(encoding="utf-8")
    assert re.search(r"\* Missing Section \d+ \*", text)
    c = parse_cable(text)
    assert "Missing Section" not in c.body
    assert any("missing section" in w for w in c.warnings)


def test_cyrillic_redactions_become_plain_x():
    text = raw("05ISTANBUL38")
    assert "Х" in text  # Cyrillic capital ha
    c = parse_cable(text, name="05ISTANBUL38.txt")
    assert "Х" not in c.body and "XXXXXXXXXXXX" in c.body
    assert c.id == "05ISTANBUL38"


def test_one_paragraph_per_line_and_run_on_subject():
    c = parse_cable(raw("09CAIRO1222"))
    assert c.subject == "EGYPTIAN MFA REACTIONS TO 2009 TIP REPORT"
    assert c.references == ["08CAIRO2525", "09CAIRO386", "09CAIRO721"]
    assert c.signer == "SCOBEY" and not c.body.rstrip().endswith("SCOBEY")
    assert [p.number for p in c.paragraphs] == [str(i) for i in range(1, 8)]


def test_wrapped_lines_are_joined():
    c = parse_cable(raw("07ASTANA1061"))
    p1 = c.paragraph_text(c.paragraphs[0])
    assert "\n" not in p1
    assert "under an INL program to review Spring 2006 Anti-TIP legislation" in p1


def test_keyed_paragraphs_of_tip_submissions():
    numbers = [p.number for p in parse_cable(raw("06SANJOSE481")).paragraphs]
    assert "21A" in numbers and "21B" in numbers


def test_mixed_case_subject_in_run_on_line(bulk_dir):
    c = parse_cable((bulk_dir / "08BERLIN1068.txt").read_text(encoding="utf-8"))
    assert c.subject and c.subject.lower().startswith("(s) germany requests release")


def test_secstate_post_is_state():
    c = parse_cable(raw("09STATE60550"))
    assert c.id == "09STATE60550"


def test_header_fragment():
    head = raw("07ASTANA614").split("¶1.")[0]
    c = parse_cable(head)
    assert c.id == "07ASTANA614" and c.subject and not c.paragraphs
    assert "no body text after the header" in c.warnings


@pytest.mark.parametrize("name", ["07ASTANA614", "09STATE60633", "05ISTANBUL38", "09CAIRO1222", "06SANJOSE481"])
def test_offset_map_points_back_at_the_raw_text(name):
    text = raw(name)
    c = parse_cable(text)
    assert c.paragraphs
    for i, ch in enumerate(c.body):
        if ch.isspace():
            continue
        r = c.raw_offset(i)
        assert text[r] == ch or (ch == "X" and text[r] == "Х"), (name, i, c.body[i - 20 : i + 20])
        assert c.body_offset(r) == i
    # a whole span maps onto the same words in the raw text, whitespace aside
    p = c.paragraphs[1]
    end = min(p.end, p.start + 80)
    span = c.body[p.start : end]
    r0, r1 = c.raw_offset(p.start), c.raw_offset(end - 1) + 1
    assert re.sub(r"\s+", "", span) == re.sub(r"\s+|\\(?=\$)", "", text[r0:r1])


def test_body_offset_of_dropped_text_is_none():
    text = raw("07ASTANA614")
    c = parse_cable(text)
    assert c.body_offset(text.index("ASTANA 00000614 002")) is None

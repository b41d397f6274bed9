"""``parse_cable``: raw cable text in, ``Cable`` out."""

from __future__ import annotations

import re

from .body import build_body
from .header import read_header, split_lines
from .model import Cable

MIN_BODY_WORDS = 10  # fewer words after the header: the text is missing (4 of the 6,689 bulk cables)
# The body's last word in lower case, with no closing punctuation: the release cut the text off there.
_CUT_OFF = re.compile(r"(?:^|\s)(?!x{4,}\b)[a-z][a-z'’-]*,?$")


def cut_off_warning(body: str) -> str | None:
    """A warning when the body ends in the middle of a sentence (a link on the last line does not count)."""
    last = body.rstrip().rsplit("\n", 1)[-1]
    if "://" in last or "www." in last or not _CUT_OFF.search(last):
        return None
    return f"the text ends mid-sentence ({last[-40:].strip()!r}): the cable may be cut off"


def parse_cable(text: str, *, name: str | None = None) -> Cable:
    """Parse a whole cable, or a header fragment, into a ``Cable``.

    ``name`` (a file name such as ``07ASTANA614.txt``) is only a fallback for the
    year when the text states none; the id always comes from the cable's own text.
    """
    lines = split_lines(text)
    name_year = None
    if name and (m := re.match(r"(\d{2})[A-Z]", name)):
        name_year = int(m.group(1))
    header = read_header(lines, name_year)
    body_lines = lines[header.body_start :]
    if header.body_col and body_lines:
        first = body_lines[0]
        body_lines[0] = type(first)(first.text[header.body_col :], first.start + header.body_col)
    body = build_body(body_lines)
    warnings = header.warnings + body.warnings
    if not body.paragraphs:
        warnings.append("no body text after the header")
    elif (words := len(body.text.split())) < MIN_BODY_WORDS:
        warnings.append(f"the body has only {words} words: a header without its text?")
    elif cut := cut_off_warning(body.text):
        warnings.append(cut)
    return Cable(
        id=header.id,
        date=header.date,
        date_precision=header.date_precision,
        origin=header.origin,
        classification=header.classification,
        tags=header.tags,
        subject=header.subject,
        references=header.references,
        other_references=header.other_references,
        signer=body.signer,
        body=body.text,
        paragraphs=body.paragraphs,
        offsets=body.offsets,
        raw=text,
        warnings=warnings,
    )

"""Reads the routing header of a cable: id, date, origin, classification, tags, subject, refs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from . import patterns as P
from .references import make_id, parse_references


@dataclass
class Line:
    """One line of the raw text: its content (no line break) and where it starts in the raw text."""

    text: str
    start: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Header:
    id: str | None = None
    date: datetime | None = None
    date_precision: str | None = None  # "minute" (date-time group or metadata) or "year" (from the id only)
    origin: str | None = None
    classification: str | None = None
    tags: list[str] = field(default_factory=list)
    subject: str | None = None
    references: list[str] = field(default_factory=list)
    other_references: list[str] = field(default_factory=list)  # REF items that are not cables, as written
    body_start: int = 0  # index of the first body line
    body_col: int = 0  # where the body begins inside that line (run-on headers)
    warnings: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into lines, keeping each line's raw start offset; ``\\r`` is dropped."""
    lines, pos = [], 0
    for chunk in text.split("\n"):
        content = chunk.rstrip("\r")
        if content.endswith("\\") and (len(content) == 1 or content[-2] in " \t"):
            content = content[:-1]  # CSV-escaped line ends of one release variant
        lines.append(Line(content, pos))
        pos += len(chunk) + 1
    return lines


def normalise_classification(raw: str) -> str:
    squeezed = re.sub(r"\s+", "", raw.upper())
    if squeezed.startswith("UNCLAS"):
        return "UNCLASSIFIED" + ("//FOUO" if "OFFICIAL" in squeezed else "")
    if squeezed.startswith("LIMITEDOFFICIALUSE"):
        return "LIMITED OFFICIAL USE"
    if squeezed.startswith("CONFIDENTIAL"):
        return "CONFIDENTIAL"
    if squeezed.startswith("SECRET"):
        return "SECRET//NOFORN" if "NOFORN" in squeezed else "SECRET"
    return raw.strip()


def _first(lines: list[Line], rx: re.Pattern, stop: int) -> tuple[int, re.Match] | None:
    for i, line in enumerate(lines[:stop]):
        m = rx.search(line.text)
        if m:
            return i, m
    return None


def _continuation(lines: list[Line], i: int, first: str) -> tuple[str, int]:
    """Join a header field's continuation lines (until a blank, keyword or mark line)."""
    parts, j = [first.strip()], i + 1
    while j < len(lines):
        t = lines[j].text
        if (not t.strip() or _is_keyword(t) or P.PARA_MARK.match(t) or P.PAGE_BREAK.match(t)
                or P.PORTION.match(t)):
            break
        parts.append(t.strip())
        j += 1
    return " ".join(p for p in parts if p), j


def _is_keyword(text: str) -> bool:
    return bool(
        P.SUBJECT.match(text) or P.TAGS.match(text) or P.REF.match(text) or P.EO.match(text)
        or P.CLASSIFIED_BY.match(text) or P.CLASS_LINE.match(text) or P.FM_LINE.match(text)
        or P.DTG.match(text) or text.strip() in ("SIPDIS", "Cable title:", "header:")
    )


def _dtg_date(m: re.Match) -> datetime | None:
    month = P.MONTHS.get(m["mon"].upper())
    if not month:
        return None
    try:
        return datetime(2000 + int(m["yy"]) if int(m["yy"]) < 50 else 1900 + int(m["yy"]), month,
                        int(m["day"]), int(m["hh"]), int(m["mm"]))
    except ValueError:
        return None


_DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M", "%A, %d %B %Y, %H:%M", "%Y-%m-%d")


def _parse_date_text(value: str) -> datetime | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
    return None


def _metadata_date(lines: list[Line]) -> datetime | None:
    """A date written by the release's metadata (ISO or US form) near the top of the file."""
    for line in lines:
        m = P.ISO_DATE.search(line.text) or P.US_DATE.search(line.text)
        if m:
            try:
                return datetime(int(m["y"]), int(m["m"]), int(m["d"]), int(m["H"] or 0), int(m["M"] or 0))
            except ValueError:
                continue
    return None


_WEEKDAY_DATE = re.compile(
    r"^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},\s+\d{1,2}:\d{2}\s*$")
_KV = re.compile(r"^(?P<key>id|date|refid|origin|classification|destination):\s*(?P<value>.*)$")


def _tag_words(text: str) -> list[str]:
    """The words of a TAGS line: markdown links unwrapped, names in parentheses dropped (``OVIP (RICE,
    CONDOLEEZZA)``), a line in lower case upper-cased."""
    text = re.sub(r"\([^)]*\)", " ", re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text))
    if not re.search(r"[A-Z]", text):
        text = text.upper()
    return [t for t in re.split(r"[\s,;]+", text) if t]


def _clean_tags(text: str) -> list[str]:
    return [t for t in _tag_words(text) if re.fullmatch(r"[A-Z][A-Z0-9-]{1,11}", t)]


def _tags(lines: list[Line], search_end: int) -> list[str]:
    """TAGS, upper-cased and de-duplicated in order: the TAGS line (with a colon or not, in any case) and
    the lines it wraps onto, past blank lines. A line goes on with it after a trailing comma, or where
    it holds short tags alone; a header field, banner or classification line does not."""
    hit = _first(lines, P.TAGS, search_end)
    if hit is None:
        return []
    i, m = hit
    tags, last = _clean_tags(m["rest"]), m["rest"]
    for line in lines[i + 1 : i + 4]:
        t = line.text.strip()
        if not t:
            continue
        words = _tag_words(t)
        if (_is_keyword(t) or P.LONE_WORDS.match(t) or not words
                or not all(re.fullmatch(r"[A-Z][A-Z0-9-]{1,11}", w) for w in words)
                or not (last.rstrip().endswith(",") or all(len(w) <= 6 for w in words))):
            break
        tags += words
        last = t
    return list(dict.fromkeys(tags))


def _first_mark(lines: list[Line], after: int) -> int:
    for i in range(after, len(lines)):
        if P.PARA_MARK.match(lines[i].text):
            return i
    return len(lines)


@dataclass
class _Window:
    """Where the header's fields are looked for: the lines, the ``key: value`` pairs and the
    Identifier/Created block of the release's metadata, the SUBJECT lines, the first paragraph mark, and
    ``end``, the line the routing fields are searched up to."""

    lines: list[Line]
    kv: dict[str, str]
    ident: dict[str, str]
    title: str | None  # the Identifier block's ``Cable title:``, which stands for the subject
    subject_hits: list[int]
    mark: int
    end: int

    @property
    def n(self) -> int:
        return len(self.lines)

    def given(self, *keys: str) -> str | None:
        """A field the metadata states: the Identifier block's name first, then the ``key:`` lines'."""
        return self.ident.get(keys[0]) or self.kv.get(keys[-1])


def _window(lines: list[Line]) -> _Window:
    kv: dict[str, str] = {}
    for line in lines[:60]:
        m = _KV.match(line.text)
        if m and m["key"] not in kv:
            kv[m["key"]] = m["value"].strip()
    ident: dict[str, str] = {}
    title = None
    texts = [line.text.strip() for line in lines[:40]]
    if "Identifier" in texts and "Created" in texts:
        i = texts.index("Identifier")
        keys = texts[i : i + 4]
        values = [t for t in texts[i + 4 :] if t][:4]
        ident = dict(zip((k.lower() for k in keys), values, strict=False))  # values may run short
        if "Cable title:" in texts:
            title = next((t for t in texts[texts.index("Cable title:") + 1 :] if t), None)
    subject_hits = [i for i, line in enumerate(lines[: min(len(lines), 400)]) if P.SUBJECT.match(line.text)]
    mark = _first_mark(lines, (subject_hits[0] if subject_hits else 0) + 1)
    end = mark if mark < len(lines) else min(len(lines), (subject_hits[-1] + 40) if subject_hits else 120)
    return _Window(lines, kv, ident, title, subject_hits, mark, end)


def _find_classification(w: _Window) -> tuple[str | None, re.Match | None]:
    """The classification, and the banner match that gives the cable's post and number (the classification
    line, else a classification written inside a line)."""
    hit = _first(w.lines, P.CLASS_LINE, w.end)
    if hit:
        return normalise_classification(hit[1]["cls"]), hit[1]
    inline = _first(w.lines, P.CLASS_INLINE, min(w.n, 40))
    banner = inline[1] if inline else None
    stated = w.given("classification")
    if stated:
        return normalise_classification(stated), banner
    return (normalise_classification(banner["cls"]) if banner else None), banner


def _find_origin(w: _Window) -> tuple[str | None, re.Match | None]:
    """The sending post: the FM line (also returned, for an id from the routing lines), else the metadata."""
    fm = _first(w.lines, P.FM_LINE, w.end)
    if fm:
        return fm[1]["origin"], fm[1]
    return w.given("origin"), None


def _find_date(w: _Window) -> datetime | None:
    """The date-time group, else the metadata's date, else a written date with its weekday, else a date
    in the release's metadata lines."""
    dtg = _first(w.lines, P.DTG, w.end) or _first(w.lines, P.DTG_INLINE, w.n)
    if dtg and (d := _dtg_date(dtg[1])):
        return d
    for value in (w.ident.get("created"), w.kv.get("date")):
        if value and (d := _parse_date_text(value)):
            return d
    hit = _first(w.lines, _WEEKDAY_DATE, w.end)
    if hit and (d := _parse_date_text(hit[1].group(0))):
        return d
    return _metadata_date(w.lines[: min(w.n, 40)])


def _find_id(w: _Window, year: int | None, banner: re.Match | None, fm: re.Match | None,
             name_year: int | None) -> tuple[str | None, list[str]]:
    """The cable id and how it was made when the text does not state it whole: the banner's post and
    number with the year (of the date, of a stated id, or of the file name), the release's identifier,
    or the DE and FM routing lines."""
    explicit = w.given("identifier", "refid")
    if not explicit:
        hit = _first(w.lines, P.BARE_ID, min(w.n, 40))
        explicit = hit[1]["id"] if hit and P.CABLE_ID.match(hit[1]["id"]) else None
    explicit_id = P.CABLE_ID.match(explicit) if explicit else None
    y = year or (int(explicit_id["yy"]) if explicit_id else name_year)
    if banner and y is not None:  # the banner gives post and number, but no year
        made = make_id(y, banner["post"], banner["num"])
        if explicit_id and explicit != made:
            return explicit, []  # the release's own identifier wins over a garbled banner
        if year is None and not explicit:
            return made, [f"no date in the text; year {2000 + y if y < 50 else 1900 + y} from the file name"]
        return made, []
    if explicit:
        return explicit, []
    if year and fm and (de := _first(w.lines, P.DE_LINE, w.end)):
        post = re.sub(r"^(?:AM|US)[A-Z]*\s+|\s+(?:PRIORITY|IMMEDIATE|ROUTINE)$", "", fm["origin"])
        return make_id(year, post, de[1]["num"]), ["no classification line; id from the routing lines (DE and FM)"]
    return None, []


def read_header(lines: list[Line], name_year: int | None = None) -> Header:
    """Find the header fields in ``lines`` and the index where the body begins."""
    w = _window(lines)
    h = Header()
    h.classification, banner = _find_classification(w)
    h.origin, fm = _find_origin(w)
    h.date = _find_date(w)
    h.date_precision = "minute" if h.date else None
    h.id, h.warnings = _find_id(w, h.date.year if h.date else None, banner, fm, name_year)
    if h.date is None and h.id and (m := P.CABLE_ID.match(h.id)):
        yy = int(m["yy"])
        h.date = datetime(2000 + yy if yy < 50 else 1900 + yy, 1, 1)
        h.date_precision = "year"
    id_post = m["post"] if h.id and (m := P.CABLE_ID.match(h.id)) else None
    subject = w.title if w.title is not None else _subject_text(lines, w.subject_hits)
    h.subject = _end_subject(subject, id_post)
    h.tags = _tags(lines, w.end)
    h.references, h.other_references = _references(lines, w.end, h.id, h.date.year % 100 if h.date else name_year)
    h.body_start = _body_start(lines, w.end, w.mark)
    h.body_col = _run_on_split(lines, h.body_start)
    if h.body_col:
        h.body_start -= 1
    return h


def _subject_text(lines: list[Line], subject_hits: list[int]) -> str | None:
    """The SUBJECT field: its line and the lines it wraps onto (up to a label alone, ``INDEX:``, or a row
    of the release's tab-separated metadata), or the rest of a run-on line that holds it."""
    if not subject_hits:
        hit = _first(lines, P.SUBJECT_INLINE, min(len(lines), 60))
        return hit[1]["rest"] if hit else None
    i = subject_hits[0]
    first = P.SUBJECT.match(lines[i].text)
    assert first is not None  # subject_hits are the lines SUBJECT matches
    parts = [first["rest"].strip()]
    _, end = _continuation(lines, i, parts[0])
    for line in lines[i + 1 : end]:
        t = line.text.strip()
        if P.LABEL_LINE.match(t) or re.search(r"\S\t+\S", line.text):
            break
        parts.append(t)
    return " ".join(p for p in parts if p)


def _end_subject(text: str | None, post: str | None) -> str | None:
    """The subject up to where it ends: before ``Ref(s):``, a banner, a classification line, a page
    break (``post`` is the cable's, which the break repeats), a handling note, or the body's first
    sentence run on after an upper-case subject."""
    if text is None:
        return None
    if m := P.PAGE_BREAK_INLINE.search(text):
        text = _without_post(text[: m.start()], post)
    text = re.sub(r"^(\([A-Z/]+\)\s*)?SUBJECT\s*:\s*", r"\1", text.strip())  # "SUBJECT: SUBJECT: ..."
    text = re.sub(r'\s*,,"+\s*', " ", text)  # CSV quoting of one release variant
    text = P.PAGE_HEADER.sub(" ", text)
    if m := P.SUBJECT_STOP.search(text):
        text = text[: m.start()]
    text = re.sub(r"\s+", " ", text).strip()
    return _before_sentence(text) or None


def _before_sentence(text: str) -> str:
    """An upper-case subject without the body's first sentence run on after it (``... CAUSING DRAG Is the
    net still open in Latin America?``): cut before three mixed-case words, one of them in lower case."""
    words = text.split(" ")
    lower = [w != w.upper() for w in words]
    for k in range(4, len(words) - 2):
        if (all(lower[k : k + 3]) and words[k][:1].isupper() and sum(lower[:k]) <= k // 4
                and any(w.islower() for w in words[k + 1 : k + 3])):
            return " ".join(words[:k])
    return text


def _without_post(text: str, post: str | None) -> str:
    """``text`` without the post name it ends with (``... VISIT TO TRIPOLI TRIPOLI`` -> ``... VISIT TO
    TRIPOLI``): the last words that spell ``post``, else the last word."""
    words = text.split()
    for k in (3, 2):
        if post and "".join(words[-k:]).upper() == post:
            return " ".join(words[:-k])
    return " ".join(words[:-1])


def _item_letters(text: str) -> tuple[str, ...]:
    """The item letters that may open the next line of a REF field: the last one of ``text`` (repeated
    by some cables) and the one after it; ``A`` when it has none."""
    letters = [(a or b).upper() for a, b in P.REF_LETTER.findall(text)]
    return (letters[-1], chr(ord(letters[-1]) + 1)) if letters else ("A",)


def _reference_lines(lines: list[Line], i: int, first: str) -> str:
    """The REF field's text: its first line and the lines that go on with it. A line that carries on
    the field's item letters goes on with it even past a blank line or looking like a portion mark
    (``(C) SAO PAULO 73``)."""
    parts, j = [first.strip()], i + 1
    while j < len(lines):
        k = j
        while k < len(lines) and lines[k].blank:
            k += 1
        if k == len(lines):
            break
        t = lines[k].text
        item = P.REF_ITEM_LINE.match(t)
        goes_on = item is not None and (item["b"] or item["p"] or item["d"]) in _item_letters(" ".join(parts))
        if not goes_on and (k > j or _is_keyword(t) or P.PARA_MARK.match(t) or P.PAGE_BREAK.match(t)
                            or P.PORTION.match(t)):
            break
        parts.append(t.strip())
        j = k + 1
    return " ".join(p for p in parts if p)


def _references(lines: list[Line], search_end: int, cable_id: str | None,
                year: int | None) -> tuple[list[str], list[str]]:
    """The REF field (its line and continuation, also inside a run-on subject line): cable ids, other items."""
    hit = next(((i, m) for i, line in enumerate(lines[:search_end])
                if (m := P.REF_FIELD.search(line.text) or P.REF_LINE.match(line.text))), None)
    if hit is None:
        return [], []
    i, m = hit
    text = _reference_lines(lines, i, lines[i].text[m.end() :])
    cables, others = parse_references(text, year)
    return [r for r in cables if r != cable_id], others


def _run_on_split(lines: list[Line], body_start: int) -> int:
    """Column where body text begins inside the last header line, for run-on headers; else 0."""
    if body_start == 0 or body_start > len(lines):
        return 0
    last = lines[body_start - 1].text
    if len(last) < 150:
        return 0
    m = P.BODY_OPENING.search(last, 20)
    if m:
        return m.start()
    if P.REF.match(last):
        items = list(P.REF_ITEM.finditer(last))
        if items and len(last) - items[-1].end() > 100:
            return items[-1].end() + 1
    return 0


def _body_start(lines: list[Line], search_end: int, mark: int) -> int:
    """The first line after the last header block (header fields may repeat after a section banner)."""
    last = -1
    for i in range(min(search_end, len(lines))):
        t = lines[i].text
        if _is_keyword(t) or t.strip().startswith("This record is a partial extract"):
            last = i
    if last < 0:
        return 0 if mark >= len(lines) else mark
    if P.SUBJECT.match(lines[last].text) or P.REF.match(lines[last].text) or P.CLASSIFIED_BY.match(lines[last].text):
        _, j = _continuation(lines, last, "")
        return j
    return last + 1

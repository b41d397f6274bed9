"""The REF field of a cable: ids of the cables it names, and its other items (emails, telcons...) as written."""

from __future__ import annotations

import re

from . import patterns as P

_MONTH = (r"JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?"
          r"|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?")
# words that are never part of a post's name: dates, and the words that name an item that is not a cable
_NOT_POST = (
    rf"{_MONTH}|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY"
    r"|E?-?MAILS?|TELE?CONS?|MEMCONS?|MEMOS?|MEMORANDUM|IIRS?|FAX(?:ES)?|LETTERS?|NOTES?|DIPNOTES?|PHONE"
    r"|CALLS?|CONVERSATIONS?|MEETINGS?|REPORTS?|PAPERS?|CABLES?|MESSAGES?|MSGS?|AIRGRAMS?|CIRCULARS?|DTG"
    r"|POINTS|FAM|FAH|UNSCR|RES|RESOLUTIONS?|INCSR|CFR|USC|ACT|LAWS?|ARTICLES?|DECREES?|LOR|LOA"
    r"|PARA(?:S|GRAPHS?)?|SECTIONS?|PAGES?|AND|OR|TO|FROM|FOR|WITH|ON|AT|BY|IN|PER|SEE|ALSO|NO|NR|NUMBER"
    r"|DATED|REF(?:S|TELS?)?|NOTAL|ALL|BOTH|PREVIOUS|UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|CLASSIFIED|SBU"
)
_WORD = rf"(?!(?i:{_NOT_POST})\b)[A-Za-z]{{2,}}"
# "03 BRASILIA 2544", "SAN JOSE 01106", "09RIYADH 1302", "07SANJOSE1173", "SECSTATE 06 163201", "DOHA 152 (08)",
# "PANAMA 00725/08"
_CABLE = re.compile(
    rf"(?:'?(?P<y1>(?:19|20)\d\d|\d\d)\s*)?(?P<post>(?i:RIO\s+DE\s+JAN)\b|{_WORD}(?:\s+{_WORD}){{0,3}})"
    r"(?(y1)\s*|(?:\s+|(?<=[A-Za-z]{4})))(?:(?P<y2>\d\d)\s+(?=\d{3}))?"
    r"(?P<num>0*\d{1,7})(?:(?<=\d{3})/(?P<y4>\d\d)(?![\d/]))?(?![\w/]|[.:-]\d|\.\.)"
    rf"(?!\s+(?i:{_MONTH})\b)(?:\s*\((?P<y3>(?:19|20)?\d\d)\))?")
# a number alone after a cable: the same post ("USUN NEW YORK 720 AND 721")
_BARE = re.compile(r"(?P<num>\d{2,7})(?=\s*(?:$|[;,(|]|(?i:and)\b))")
# what may follow a cable's number without starting another item
_QUALIFIER = re.compile(
    r"\s*(?:\((?:[^()]|\([^()]*\))*\)|(?:ALL\s+|BOTH\s+)?NOTAL\b"
    r"|AND\s+(?:PREVIOUS(?:LY)?|OTHERS|PRIOR|RELATED)\b(?:\s+(?:ONES|CABLES|REFTELS|MESSAGES)\b)?"
    r"|(?:EXDIS|NODIS|LIMDIS|STADIS|CIRCULAR)\b|ET\s+AL\b\.?|\.+(?=\s|$|[;,])"
    r"|(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|SBU)\b"
    r"|PARAS?\s+\d+[A-Z]?(?:\s*(?:,|-|AND|&)\s*\d+[A-Z]?)*)", re.I)
_SEPARATOR = re.compile(r"(?:\s|[,;:&|)]|\b(?i:and)\b)*")
_LISTING = re.compile(r"[,;&|]|(?i:and)")  # a separator that starts a new item (a colon may open a title)
_BOUNDARY = re.compile(r"[;,:&|]|\b(?i:and)\b|\s(?=(?:19|20)\d\d\s+[A-Za-z])")
# item letters: "A.", "A)", "(A)", "(C )", "telcon(B)", "a)", "A:", "021770B."; bare ones ("A 09 CAIRO 074 B 08 ROME 9")
_MARKER = re.compile(
    r"\(\s*(?P<p>[A-Za-z])\s*\)|(?:^|(?<=[\s;,(\d]))(?P<d>[A-Za-z])[.):](?=\s|[A-Za-z0-9(']|$)"
    r"|(?:^|(?<=\s))(?P<b>[A-Z])(?=\s+(?:'?\d|[A-Z]{2}))")
# page breaks run into the field ("LONDON 00002102  001.2 OF 002", "CONFIDENTIAL PAGE 02 ROME 01196 01 OF 02
# 082030Z"), link junk, escapes
_DROP = re.compile(
    rf"[A-Z][A-Z .'-]*\s+\d{{6,8}}\s+\d{{3}}(?:\.\d)?\s+OF\s+\d{{3}}|{P.MD_LINK_JUNK.pattern}|[¶\\]"
    rf"|{P.PAGE_HEADER.pattern}")
# the keyword repeated inside the field ("A. REF A STATE 118799", "REF: PARA 1 & 2 CLASS CHANGED REF: SECSTATE 96550")
_KEYWORD = re.compile(r"\bREF(?:S|TELS?)?\b:?|(?i:ref(?:s|\(s\)|tels?|erences?))\s*:")
# where the field ends in a run-on header: the classification authority, a banner, the body
_END = re.compile(
    r"(?i:classified\s+by|derived\s+from|\bsensitive\s+but\s+unclassified|\bthis\s+(?:is|cable|message|telegram)\b"
    r"|\baction\s+request\b|\bsummary\s*[:.-]|\bper\s+reftel|\bas\s+requested\b)"
    r"|\bPAGE\s+\d{2}\b|\b(?:SUBJECT|SUBJ|TAGS)\s*:|\bE\.\s?O\.\s|C O N F I D E N T I A L|S E C R E T"
    r"|(?<![(/\w])(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|SIPDIS)(?![\w/)])|\d{1,2}\.\s*\((?:U|C|S|SBU)\)"
    r"|\((?:U|SBU|S/NF|C/NF|LOU|U/FOUO)\)\s+(?=[A-Z][a-z])|(?<=\s)\d{1,2}\.\s+(?=[A-Z(])")
# body text: four lower-case words in a row (where the field is not all in lower case)
_SENTENCE = re.compile(r"\b[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b")

_POST_PREFIX = re.compile(r"^(?:AMEMBASSY|AMEMB|EMBASSY|AMCONSUL|CONSULATE|USMISSION|MISSION)(?=[A-Z]{3})")
# posts the release writes short or under another name, as their ids spell them
_POST_NAMES = {
    "SECSTATE": "STATE", "WASHDC": "STATE", "USUN": "USUNNEWYORK", "USUNNY": "USUNNEWYORK",
    "RIODEJAN": "RIODEJANEIRO", "RIO": "RIODEJANEIRO", "KUALALUMP": "KUALALUMPUR", "MEXICOCITY": "MEXICO",
    "UNVIE": "UNVIEVIENNA", "UNVIEVIEN": "UNVIEVIENNA", "IRPODUBAI": "IRANRPODUBAI", "DUBAIRPO": "RPODUBAI",
    "ADDIS": "ADDISABABA", "BSAS": "BUENOSAIRES", "BASRA": "BASRAH", "CASA": "CASABLANCA", "DELHI": "NEWDELHI",
    "KL": "KUALALUMPUR", "TGG": "TEGUCIGALPA", "VAT": "VATICAN",
}
_NOT_REFERENCES = {"NONE", "N/A", "NA"}


def canonical_post(post: str) -> str:
    """A post's name as cable ids write it: ``SAN JOSE`` -> ``SANJOSE``, ``SECSTATE`` -> ``STATE``."""
    post = _POST_PREFIX.sub("", re.sub(r"[^A-Z]", "", post.upper()))
    post = re.sub(r"(?<=[A-Z]{4})WASHDC$", "", post)  # "SECSTATE WASHDC", "SECDEF WASHDC"
    return _POST_NAMES.get(post, post)


def make_id(year: int | str, post: str, number: str) -> str:
    """Canonical cable id: two-digit year, post without spaces, number without leading zeros."""
    return f"{str(year)[-2:].zfill(2)}{canonical_post(post)}{int(number)}"


def _prepare(text: str) -> str:
    """The field's text up to where it ends, without page breaks, link junk and repeated keywords."""
    text = _DROP.sub(" ", text)
    if m := _END.search(text):
        text = text[: m.start()]
    if re.search(r"[A-Z]", text) and (m := _SENTENCE.search(text)):
        text = text[: m.start()]
    text = re.sub(r"\bO(?=\d\s)", "0", _KEYWORD.sub(" ; ", text))  # "O8 TRIPOLI 993"
    return re.sub(r"\s+", " ", text).strip()


def _separators(text: str, pos: int) -> re.Match[str]:
    """The separators at ``pos``, perhaps none (the pattern matches the empty string, so never fails)."""
    m = _SEPARATOR.match(text, pos)
    assert m is not None
    return m


def _segments(text: str) -> list[str]:
    """Split at the item letters, taken in sequence (``A``, ``B``...; a repeated letter is one item, a
    skipped one must open a cable)."""
    cuts, expected, last = [], "A", ""
    for m in _MARKER.finditer(text):
        letter = (m["p"] or m["d"] or m["b"]).upper()
        if letter in (expected, last) or (letter > expected and _CABLE.match(text, _separators(text, m.end()).end())):
            cuts.append((m.start(), m.end()))
            last, expected = letter, chr(ord(letter) + 1)
    out, pos = [], 0
    for start, end in cuts:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return [s.strip() for s in out if s.strip()]


def _cable_id(m: re.Match, year: int | None) -> str | None:
    """The id of a cable match, with the year it gives or ``year``; None without a year or for number 0."""
    y = m["y1"] or m["y2"] or m["y3"] or m["y4"] or (f"{year:02d}" if year is not None else None)
    return make_id(y, m["post"], m["num"]) if y and int(m["num"]) else None


def _starts_title(text: str, m: re.Match) -> bool:
    """A post of several words and a number run on into words: the title of an item that is not a cable
    ("UKRAINE SAYS 3 TRIED TO SELL BOMB MATERIAL")."""
    rest = text[m.end() :]
    return (" " in m["post"] and bool(re.match(r"\s+(?!(?i:and|or)\b)[A-Za-z]{2,}\s+[A-Za-z]{2,}", rest))
            and not _QUALIFIER.match(rest) and not _CABLE.match(rest.lstrip()))


def _next_item(text: str, pos: int, title: bool) -> int:
    """Where the item at ``pos`` ends: at a semicolon (not inside a cable's ``title``), at a separator
    that a cable follows, or before a cable with its year in full ("CAIRO IIR 6 899 0149 10 2009 CAIRO 2394")."""
    for m in _BOUNDARY.finditer(text, pos):
        if (m.group() == ";" and not title) or _CABLE.match(text, _separators(text, m.end()).end()):
            return m.start()
    return len(text)


def _qualified_end(text: str, pos: int) -> int:
    """Past the qualifiers that follow a cable at ``pos``: ``(NOTAL)``, ``AND PREVIOUS``, ``PARA 3``..."""
    while (q := _QUALIFIER.match(text, pos)) and q.end() > pos:
        pos = q.end()
    return pos


def _as_written(text: str) -> str | None:
    """An item that is not a cable, as written; None for no item, or a word the release cut off (``QUI...``)."""
    text = text.strip(" ,;:|")
    if not re.search(r"[A-Za-z]", text) or text.upper() in _NOT_REFERENCES or re.fullmatch(r"[A-Za-z ]+\.+", text):
        return None
    return text


def _read_segment(text: str, year: int | None, last: str | None,
                  cables: list[str], others: list[str]) -> str | None:
    """Read one lettered item (or the whole field) into ``cables`` and ``others``; returns the last cable."""
    pos, after_cable = 0, False
    while pos < len(text):
        sep = _separators(text, pos)
        separated = pos == 0 or bool(_LISTING.search(sep.group()))
        pos = sep.end()
        if pos >= len(text):
            break
        if (m := _CABLE.match(text, pos)) and (rid := _cable_id(m, year)) and not _starts_title(text, m):
            cables.append(rid)
            last, pos, after_cable = rid, _qualified_end(text, m.end()), True
        elif last and separated and (m := _BARE.match(text, pos)):
            cables.append(re.sub(r"\d+$", str(int(m["num"])), last))
            pos, after_cable = _qualified_end(text, m.end()), True
        elif after_cable and (m := _QUALIFIER.match(text, pos)) and m.end() > pos:
            pos = _qualified_end(text, m.end())
        else:
            title = after_cable and not separated  # text run on after a cable: its title, or the body
            end = _next_item(text, pos, title)
            if not title and (item := _as_written(text[pos:end])):
                others.append(item)
            pos, after_cable = end, False
    return last


def parse_references(text: str, year: int | None) -> tuple[list[str], list[str]]:
    """Ids of the cables a REF field names (without a year: ``year``) and its other items as written.

    ``A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044 and previous`` -> ``08RIODEJANEIRO138``,
    ``08RIODEJANEIRO44``; ``(A)STATE 175414 (NOTAL), (B) SAINZ E-MAIL`` -> ``01STATE175414`` and
    ``SAINZ E-MAIL``.
    """
    cables: list[str] = []
    others: list[str] = []
    last = None
    for segment in _segments(_prepare(text)):
        last = _read_segment(segment, year, last, cables, others)
    return list(dict.fromkeys(cables)), list(dict.fromkeys(others))

"""Builds the cleaned body of a cable from its lines, with paragraphs and the offset map."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as P
from .header import Line
from .model import OffsetMap, Paragraph

# characters removed from inside a line: markdown escapes' backslash, "[1](#)" link junk, stray pilcrows
_REMOVE = re.compile(r"\\(?=[$*_#\[\]()&%<>])|\[\d+\]\(#\)|¶")
_REDACTION = re.compile(r"[XХ]*Х[XХ]*")
_OLD_PAGE_PREFIX = re.compile(r"^\s*PAGE\s+\d{2}\s+[A-Z]+\s+\d+\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z\s*")
_END_PUNCT = tuple('.!?:;")\'')
_NOT_SIGNERS = {"END", "SUMMARY", "COMMENT", "NOTE", "TEXT", "SIPDIS", "UNCLASSIFIED", "CONFIDENTIAL",
                "SECRET", "NNNN", "SENSITIVE", "NOFORN", "BACKGROUND", "CONCLUSION"}


@dataclass
class _Piece:
    """A run of body text that is contiguous in the raw text (or a separator pointing at one raw char)."""

    text: str
    raw: int
    contiguous: bool = True


@dataclass
class _Para:
    number: str | None
    heading: bool = False
    inherits: bool = False  # continues the numbered paragraph before a heading
    pieces: list[_Piece] = field(default_factory=list)

    def last_char(self) -> str:
        for p in reversed(self.pieces):
            if p.text.strip():
                return p.text.rstrip()[-1]
        return ""


@dataclass
class Body:
    text: str
    paragraphs: list[Paragraph]
    offsets: OffsetMap
    signer: str | None
    warnings: list[str]


def _clean(text: str, raw: int) -> list[_Piece]:
    """Pieces of ``text`` (starting at raw offset ``raw``) with escapes and junk removed."""
    text = _REDACTION.sub(lambda m: "X" * len(m.group(0)), text)
    out, pos = [], 0
    for m in _REMOVE.finditer(text):
        if m.start() > pos:
            out.append(_Piece(text[pos : m.start()], raw + pos))
        pos = m.end()
    if pos < len(text):
        out.append(_Piece(text[pos:], raw + pos))
    return out


def _is_heading(lines: list[tuple[str, int]]) -> bool:
    text = " ".join(t for t, _ in lines).strip()
    return len(text) <= 80 and not text.endswith(".") and (text.isupper() or len(text.split()) <= 4)


def _signer(lines: list[Line]) -> tuple[str | None, int, int | None]:
    """Find the signer at the end: returns (name, index of the last body line + 1, cut column)."""
    j = len(lines)
    while j > 0 and lines[j - 1].blank:
        j -= 1
    if j == 0:
        return None, 0, None
    last = lines[j - 1].text
    m = P.SIGNER.match(last)
    if m and m["name"].split()[0] not in _NOT_SIGNERS and not P.CLASS_LINE.match(last):
        return m["name"], j - 1, None
    m = P.SIGNER_TAIL.search(last)
    if m and m["name"] not in _NOT_SIGNERS:
        return m["name"], j, m.start()
    return None, j, None


def _drop(text: str) -> bool:
    return bool(
        P.PAGE_BREAK.match(text) or P.LONE_WORDS.match(text) or P.DASHES.match(text)
        or P.CLASS_LINE.match(text) or (P.OLD_PAGE.match(text) and not _OLD_PAGE_PREFIX.match(text))
    )


def build_body(lines: list[Line]) -> Body:
    """Clean the body lines: drop banners and page breaks, join wrapped lines, find paragraphs."""
    warnings: list[str] = []
    signer, stop, cut = _signer(lines)
    paras: list[_Para] = []
    block: list[tuple[str, int]] = []  # (text, raw start) of the current block's lines

    def flush() -> None:
        if block:
            _add_block(paras, block)
            block.clear()

    for k, line in enumerate(lines[:stop]):
        text, raw = line.text, line.start
        if k == stop - 1 and cut is not None:
            text = text[:cut]
        if P.MISSING_SECTION.match(text):
            warnings.append(f"missing section: {text.strip()}")
            flush()
            continue
        if m := _OLD_PAGE_PREFIX.match(text):
            text, raw = text[m.end() :], raw + m.end()
            if not text.strip():
                continue
        if _drop(text):
            continue
        if not text.strip():
            flush()
            continue
        stripped = text.lstrip()
        raw += len(text) - len(stripped)
        text = stripped.rstrip()
        if block and P.PARA_MARK.match(text) and (
                block[-1][0].rstrip().endswith(_END_PUNCT) or len(block[-1][0]) < 50):
            flush()
        block.append((text, raw))
    flush()
    return _assemble(paras, signer, warnings)


def _add_block(paras: list[_Para], block: list[tuple[str, int]]) -> None:
    first, raw = block[0]
    m = P.PARA_MARK.match(first)
    last = paras[-1] if paras else None
    if m:
        para = _Para(m["num"])
        paras.append(para)
        block = [(first[m.end() :], raw + m.end())] + block[1:]
    elif last and not last.heading and (last.last_char().isalnum() or last.last_char() == ",") and (
            first[:1].islower() or not _is_heading(block)):
        para = last  # a sentence cut by a page break or a stray blank line
        para.pieces.append(_Piece(" ", para.pieces[-1].raw + len(para.pieces[-1].text), False))
    elif _is_heading(block):
        para = _Para(None, heading=True)
        paras.append(para)
    elif last and not last.heading and last.number is not None:
        para = last  # a further block of a numbered paragraph
        para.pieces.append(_Piece("\n\n", para.pieces[-1].raw + len(para.pieces[-1].text), False))
    else:
        # text after a heading belongs to the numbered paragraph it sits in
        para = _Para(None, inherits=True)
        paras.append(para)
    for i, (text, start) in enumerate(block):
        if i:
            prev = para.pieces[-1]
            para.pieces.append(_Piece(" ", prev.raw + len(prev.text), False))
        para.pieces.extend(_clean(text, start))


def _assemble(paras: list[_Para], signer: str | None, warnings: list[str]) -> Body:
    out: list[str] = []
    offsets = OffsetMap()
    paragraphs: list[Paragraph] = []
    pos = 0
    last_raw_end = 0
    numbers = _fix_numbers([p.number for p in paras], [p.inherits for p in paras])
    for para, number in zip(paras, numbers, strict=True):
        pieces = para.pieces
        while pieces and not pieces[0].text.strip():
            pieces = pieces[1:]
        while pieces and not pieces[-1].text.strip():
            pieces = pieces[:-1]
        if not pieces:
            continue
        if paragraphs:
            sep_raw = last_raw_end
            out.append("\n\n")
            offsets.add(pos, sep_raw, 1)
            offsets.add(pos + 1, sep_raw, 1)
            pos += 2
        start = pos
        for k, piece in enumerate(pieces):
            text = piece.text
            if k == 0:
                lead = len(text) - len(text.lstrip())
                text, raw = text[lead:], piece.raw + lead
            else:
                raw = piece.raw
            if k == len(pieces) - 1:
                text = text.rstrip()
            if not text:
                continue
            out.append(text)
            if piece.contiguous:
                offsets.add(pos, raw, len(text))
            else:
                for c in range(len(text)):
                    offsets.add(pos + c, raw, 1)
            pos += len(text)
            last_raw_end = raw + len(text)
        paragraphs.append(Paragraph(number, start, pos))
    return Body("".join(out), paragraphs, offsets, signer, warnings)


def _fix_numbers(numbers: list[str | None], inherits: list[bool]) -> list[str | None]:
    """Restore paragraph numbers mangled by a pilcrow read as ``1`` (``110.`` for 10, ``16.`` for 6);
    text after a heading takes the number of the paragraph it continues."""
    out: list[str | None] = []
    prev, last = 0, None
    for num, inherit in zip(numbers, inherits, strict=True):
        if num is None:
            out.append(last if inherit else None)
            continue
        if not num.isdigit():  # keyed paragraphs of TIP submissions: "18A", "21B"
            out.append(num)
            last = num
            continue
        n, expected = int(num), prev + 1
        if n != expected and num == "1" + str(expected):
            n = expected
        out.append(str(n))
        prev, last = n, str(n)
    return out

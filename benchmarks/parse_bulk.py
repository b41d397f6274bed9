"""Benchmark: parse every cable of the bulk archive with the reader, on one core; check its references.

    python benchmarks/parse_bulk.py [../shared/bulk/cables.tar.xz]

Reports wall time and cables per second for the reader, beside the time to merely decode the same
files (the floor), measured in the same run. Then, for each cable with a REF line, compares the cable
references the reader finds with a count made straight from the line (``POST NUMBER`` pairs, not
counting dates, paragraphs, pages, the numbers of emails, telcons, IIRs, reports or FAM sections, nor a
number the release cut off, ``ROME 0472...``), and checks that
every reference found names a post that exists (a post of the set's own ids or routing lines). It
prints the share of cables that pass and every exception (the count is rough: read the exceptions).
"""

import re
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from cablefacts.cable import Cable, read_each, read_text
from cablefacts.cable.references import canonical_post

REF_LINE = re.compile(r"REF(?:S|TELS?)?:|(?i:(?<![a-z])ref(?:s|\(s\)|tels?|erences?)?\s*:)|^\s*REFS?\s+(?=[A-Z(\d])")
FIRST_MARK = re.compile(r"^\s*(?:¶|\[\d+\]\(#\))?\s*1\s?\.\s")
BLOCK_END = re.compile(r"(?i)classified\s+by|\bsubject\s*:|\bpage\s+\d\d\b|sensitive\s+but|\s\d\.\s|\(SBU\)|\bunclas\b"
                       r"|c o n f|_{5}|\b[a-z]{2,} [a-z]{2,} [a-z]{2,} [a-z]{2,}\b")
PAGE_BREAK = re.compile(r"[A-Z]+ \d{6,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}")
PAIR = re.compile(r"([A-Za-z]{2,}(?:\s+[A-Za-z]{2,}){0,3})\s*(?:\d\d\s+)?0*(\d{1,7})(?![\w/:-]|\.\d|\.\.)"
                  r"(?!\s*(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))")
NOT_CABLE = re.compile(
    r"(?i)jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|[a-z]+day|paras?|paragraphs?|pages?|of|sections?|iirs?|tele?cons?|e?-?mails?"
    r"|memcons?|notes?|calls?|reports?|reasons?|ref|dtg|fam|unscr|incsr|no|nr|dated|and|to|on")
ROUTING = re.compile(r"(?m)^\s*(?:FM|TO|INFO)?\s*(?:[A-Z]{4,7}/|AMEMBASSY\s|AMCONSUL\s|USMISSION\s)([A-Z][A-Z .]*?)"
                     r"\s*(?:IMMEDIATE|PRIORITY|ROUTINE|NIACT|FLASH|\d|$)")


def ref_block(text: str) -> str | None:
    """The REF line of a cable's header and its continuation, cut where the header field ends."""
    lines = text.split("\n")[:150]
    for i, line in enumerate(lines):
        if FIRST_MARK.match(line):
            return None
        if m := REF_LINE.search(line):
            block = [line[m.end() :]]
            for nxt in lines[i + 1 : i + 12]:
                if not nxt.strip() or FIRST_MARK.match(nxt) or re.match(r"\s*[A-Za-z .]+:", nxt):
                    break
                block.append(nxt)
            joined = PAGE_BREAK.sub(" ", " ".join(block))
            return BLOCK_END.split(joined)[0]
    return None


def named_count(block: str) -> int:
    """Cable references the block names, by ``POST NUMBER`` pairs whose last word is no date or note."""
    pairs = set()
    for post, number in PAIR.findall(block):
        words = post.split()
        if NOT_CABLE.fullmatch(words[-1]) or any(NOT_CABLE.fullmatch(w) for w in words[-2:]):
            continue
        pairs.add(int(number))
    return len(pairs)


def known_posts(texts: list[str], ids: list[str]) -> set[str]:
    posts = {re.sub(r"^\d\d|\d+$", "", i) for i in ids if i}
    for text in texts:
        posts.update(canonical_post(p) for p in ROUTING.findall(text[:6000]) if p.strip())
    return posts | {"STATE"}


def check_references(texts: list[str], cables: list[Cable]) -> None:
    posts = known_posts(texts, [c.id for c in cables])
    with_ref = fewer = 0
    exceptions = []
    for text, cable in zip(texts, cables, strict=True):
        block = ref_block(text)
        if block is None:
            continue
        with_ref += 1
        named, found = named_count(block), len(cable.references)
        unknown = [r for r in cable.references if re.sub(r"^\d\d|\d+$", "", r) not in posts]
        fewer += found < named
        if found < named or unknown:
            note = f"{found} of {named} found" + (f"; unknown post: {', '.join(unknown)}" if unknown else "")
            exceptions.append(f"  {cable.id}: {note} | {' '.join(block.split())[:110]}")
    print(f"REF check: {with_ref} cables with a REF line; {with_ref - len(exceptions)} "
          f"({(with_ref - len(exceptions)) / with_ref:.1%}) get every cable reference the line names and no "
          f"unknown post; {fewer} get fewer than the line names. Exceptions:")
    print("\n".join(exceptions))


archive = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bulk/cables.tar.xz")
with tempfile.TemporaryDirectory() as tmp:
    with tarfile.open(archive) as tar:
        tar.extractall(tmp, filter="data")
    files = sorted((Path(tmp) / "cables").iterdir())
    t0 = time.perf_counter()
    texts = [read_text(f)[0] for f in files]
    decode = time.perf_counter() - t0
    t0 = time.perf_counter()
    reads = list(read_each(files))
    parse = time.perf_counter() - t0
    cables = [r.cable for r in reads if r.cable is not None]
    failed = len(reads) - len(cables)
print(f"{len(files)} cables: decode only {decode:.1f}s; decode + parse {parse:.1f}s "
      f"({len(files) / parse:.0f} cables/s, {parse / decode:.1f}x the decode floor); {failed} unreadable")
if not failed:
    check_references(texts, cables)

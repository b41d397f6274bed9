"""HTML pages: a cable with its entities, relations and facts; the dashboard of a store.

Everything that comes from a cable or a fact is escaped where it enters HTML (``html.escape``) and no
cable data enters a script, so a cable holding markup shows it as text and runs nothing; a
Content-Security-Policy forbids any outside resource. Pages use no external resource.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise

from ..cable import Cable
from ..schema import COLOURS
from .wording import short, summary

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em} table{border-collapse:collapse;width:100%;font-size:13px}
td,th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top} th{background:#f4f4f4}
.meta td:first-child{font-weight:bold;width:9em} .para{margin:.7em 0;white-space:pre-wrap}
.num{color:#888;font-size:12px;margin-right:.5em} mark.ent{padding:0 2px;border-radius:3px}
mark.ent::after{content:attr(data-label);font-size:9px;font-weight:bold;margin-left:3px;color:#333}
.sent{border-bottom:2px solid transparent} .sent:target{background:#fff3a0;border-bottom-color:#e0a800}
.rels{font-size:12px;color:#555;margin:0 0 .8em 2em} .charts{display:flex;flex-wrap:wrap;gap:1em}
.charts>div{flex:1 1 480px} .filters{position:sticky;top:0;background:#fff;padding:.5em 0;border-bottom:1px solid #ddd}
.hidden{display:none} a{color:#1a5fb4} .conflict{color:#b00;font-weight:bold;font-size:11px}
#route-map svg{max-width:100%;height:auto}
"""

def page(title: str, body: str, script: str = "") -> str:
    js = f"<script>{script}</script>" if script else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
            f"style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
            f"<style>{CSS}</style>{js}</head><body>{body}</body></html>")


def _segments(text: str, offset: int, ents: list[tuple[int, int, str]], anchors: list[tuple[int, int, str]]) -> str:
    """``text`` (starting at body ``offset``) with entity marks inside sentence anchors."""
    bounds = {0, len(text)}
    for s, e, _ in [*ents, *anchors]:
        bounds.update((max(0, s - offset), min(len(text), e - offset)))
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    out = []
    open_anchor = None
    for a, b in pairwise(cuts):
        anchor = next((x for x in anchors if x[0] - offset <= a and b <= x[1] - offset), None)
        if anchor is not open_anchor:
            if open_anchor is not None:
                out.append("</span>")
            if anchor is not None:
                out.append(f'<span class="sent" id="{escape(anchor[2])}">')
            open_anchor = anchor
        piece = escape(text[a:b])
        ent = next((x for x in ents if x[0] - offset <= a and b <= x[1] - offset), None)
        if ent is not None:
            label = ent[2]
            piece = (f'<mark class="ent" data-label="{escape(label)}" '
                     f'style="background:{COLOURS.get(label, "#ddd")}">{piece}</mark>')
        out.append(piece)
    if open_anchor is not None:
        out.append("</span>")
    return "".join(out)


def cable_page(cable: Cable, facts: list[dict], entities: dict[int, list] | None = None,
               relations: dict[int, list[str]] | None = None, back: str | None = None) -> tuple[str, dict[int, str]]:
    """A cable: metadata, paragraphs (entities highlighted, relations listed, fact sentences anchored),
    and its facts, each linking to its sentence. Returns the page and, per fact, its sentence's anchor."""
    entities, relations = entities or {}, relations or {}
    anchors_by_para: dict[int, list] = {}
    for n, f in enumerate(facts):
        s = cable.body.find(f["text"], max(0, f["start"] - len(f["text"]))) if f.get("text") else -1
        s, e = (s, s + len(f["text"])) if s >= 0 else (f["start"], f["end"])
        for k, p in enumerate(cable.paragraphs):
            if p.start <= f["start"] < p.end or (f["start"] == p.end and p.start < p.end):
                anchors_by_para.setdefault(k, []).append((max(s, p.start), min(e, p.end), f"fact-{n}"))
    meta_rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in (
        ("id", cable.id), ("date", cable.iso_date()), ("origin", cable.origin),
        ("classification", cable.classification), ("subject", cable.subject), ("tags", ", ".join(cable.tags)),
        ("references", ", ".join(cable.references)), ("signer", cable.signer)) if v)
    paras = []
    link_of: dict[int, str] = {}
    for k, p in enumerate(cable.paragraphs):
        anchors = _disjoint(anchors_by_para.get(k, []))
        for n, f in enumerate(facts):  # every fact links to the anchored sentence that holds its evidence
            if n not in link_of:
                hit = next((a for a in anchors if a[0] <= f["start"] < max(a[1], a[0] + 1)), None)
                if hit:
                    link_of[n] = hit[2]
        text = _segments(cable.paragraph_text(p), p.start, entities.get(k, []), anchors)
        rels = relations.get(k, [])
        rel_html = f'<div class="rels">{"<br>".join(escape(r) for r in rels)}</div>' if rels else ""
        number = escape("¶" + p.number if p.number else "")
        paras.append(f'<div class="para" id="p{k}"><span class="num">{number}</span>{text}</div>{rel_html}')
    fact_rows = "".join(
        f'<tr id="row-fact-{n}"><td>{escape(f["type"])}</td><td>{escape(summary(f))}</td>'
        f'<td>{escape("¶" + str(f["paragraph"]) if f.get("paragraph") else "")}</td>'
        f'<td><a href="#{escape(link_of.get(n, f"row-fact-{n}"))}">{escape(short(f["text"]))}</a></td></tr>'
        for n, f in enumerate(facts))
    nav = f'<p><a href="{escape(back)}">← dashboard</a></p>' if back else ""
    title = ": ".join(x for x in (cable.id or "cable", cable.subject) if x)
    body = (f"{nav}<h1>{escape(title)}</h1>"
            f'<table class="meta">{meta_rows}</table><h2>Text</h2>{"".join(paras)}'
            f"<h2>Facts ({len(facts)})</h2><table><tr><th>type</th><th>fields</th><th>¶</th><th>sentence</th></tr>"
            f"{fact_rows}</table>")
    return page(cable.id or "cable", body), link_of


def _disjoint(anchors: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Anchors that do not overlap (a sentence holding several facts is anchored once, and every fact
    of it links there)."""
    out: list[tuple[int, int, str]] = []
    for a in sorted(anchors):
        if out and a[0] < out[-1][1]:
            continue
        out.append(a)
    return out

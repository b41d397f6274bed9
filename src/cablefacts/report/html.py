"""HTML pages: a cable with its entities (marked with their labels), relations and facts; the dashboard
of a store.

Everything that comes from a cable or a fact is escaped where it enters HTML (``html.escape``) and no
cable data enters a script, so a cable holding markup shows it as text and runs nothing; a
Content-Security-Policy forbids any outside resource. Pages use no external resource.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import pairwise

from ..cable import Cable
from ..schema import COLOURS
from .wording import LABEL_NAMES, relation, short, summary

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
.legend{font-size:12px;color:#444} .legend .key{padding:0 4px;border-radius:3px;font-weight:bold;color:#333}
.legend .note{color:#777} .rels a{color:#555} .rel{white-space:nowrap}
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
            piece = (f'<mark class="ent" data-label="{escape(label)}" title="{escape(_label_title(label))}" '
                     f'style="background:{COLOURS.get(label, "#ddd")}">{piece}</mark>')
        out.append(piece)
    if open_anchor is not None:
        out.append("</span>")
    return "".join(out)


def _label_title(label: str) -> str:
    return f"{label}: {LABEL_NAMES[label]}" if label in LABEL_NAMES else label


def _paragraph_index(cable: Cable, i: int) -> int | None:
    """The index of the paragraph holding body offset ``i`` (the rule of ``Cable.paragraph_at``)."""
    return next((k for k, p in enumerate(cable.paragraphs)
                 if p.start <= i < p.end or (i == p.end and p.start < p.end)), None)


def _sentence(cable: Cable, item: dict) -> tuple[int, int]:
    """Where the sentence of a fact or relation is in the body: near its evidence, else its evidence."""
    s = cable.body.find(item["text"], max(0, item["start"] - len(item["text"]))) if item.get("text") else -1
    return (s, s + len(item["text"])) if s >= 0 else (item["start"], item["end"])


def _entity_span(cable: Cable, e: dict) -> tuple[int, int] | None:
    """Where an entity is in the body: at its offsets, else its text nearby (the file was cut or edited)."""
    if cable.body[e["start"] : e["end"]] == e["text"]:
        return e["start"], e["end"]
    s = cable.body.find(e["text"], max(0, e["start"] - 200), e["end"] + 200) if e["text"] else -1
    return (s, s + len(e["text"])) if s >= 0 else None


def _anchors(cable: Cable, items: list[dict], prefix: str, out: dict[int, list]) -> None:
    """Add to ``out`` (per paragraph) the sentence anchor of every fact or relation, ``<prefix>-<n>``."""
    for n, item in enumerate(items):
        s, e = _sentence(cable, item)
        k = _paragraph_index(cable, item["start"])
        if k is not None:
            p = cable.paragraphs[k]
            out.setdefault(k, []).append((max(s, p.start), min(e, p.end), f"{prefix}-{n}"))


def _legend(labels: Counter, recorded: bool, gated: bool) -> str:
    if not recorded:
        return ('<p class="legend" id="legend">Entities and relations were not recorded for this file (its store was'
                " written before they were kept): run <code>cablefacts extract</code> again to add them.</p>")
    if not labels:
        return '<p class="legend" id="legend">No entities in the paragraphs the models read.</p>'
    keys = "".join(f'<span class="key" data-label="{escape(label)}" style="background:{COLOURS.get(label, "#ddd")}">'
                   f"{escape(label)}</span> {escape(LABEL_NAMES.get(label, label))} ({n}) "
                   for label, n in sorted(labels.items()))
    read = "the paragraphs the models read (those about trafficking)" if gated else "every paragraph"
    return (f'<p class="legend" id="legend">Entities: {keys}<br><span class="note">Marked in {read}; their relations'
            " are listed under each paragraph, each linked to its sentence.</span></p>")


def cable_page(cable: Cable, facts: list[dict], entities: list[dict] | None = None,
               relations: list[dict] | None = None, back: str | None = None, gated: bool = True
               ) -> tuple[str, dict[int, str]]:
    """A cable: metadata, paragraphs (entities highlighted with their labels, relations listed, the
    sentences of facts and relations anchored), its relations and its facts, each linking to its sentence.
    ``entities`` and ``relations`` are as ``cablefacts.facts.annotations`` gives them (None: not
    recorded); ``gated``: they are those of the paragraphs that passed the relevance gate. Returns the page
    and, per fact, its sentence's anchor."""
    recorded = entities is not None
    entities, relations = entities or [], relations or []
    anchors_by_para: dict[int, list] = {}
    _anchors(cable, facts, "fact", anchors_by_para)
    _anchors(cable, relations, "rel", anchors_by_para)
    ents_by_para: dict[int, list[tuple[int, int, str]]] = {}
    labels: Counter = Counter()
    for e in entities:
        span = _entity_span(cable, e)
        k = _paragraph_index(cable, span[0]) if span else None
        if span and k is not None:
            ents_by_para.setdefault(k, []).append((*span, e["label"]))
            labels[e["label"]] += 1
    rels_by_para: dict[int, list[int]] = {}
    for n, r in enumerate(relations):
        k = _paragraph_index(cable, r["start"])
        rels_by_para.setdefault(-1 if k is None else k, []).append(n)
    meta_rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(str(v))}</td></tr>" for k, v in (
        ("id", cable.id), ("date", cable.iso_date()), ("origin", cable.origin),
        ("classification", cable.classification), ("subject", cable.subject), ("tags", ", ".join(cable.tags)),
        ("references", ", ".join(cable.references)), ("signer", cable.signer)) if v)
    paras = []
    link_of: dict[int, str] = {}
    rel_link: dict[int, str] = {}
    for k, p in enumerate(cable.paragraphs):
        ents = ents_by_para.get(k, [])
        anchors = _disjoint([_cover(a, ents) for a in anchors_by_para.get(k, [])])
        for items, links in ((facts, link_of), (relations, rel_link)):  # each links to the anchor holding it
            for n, item in enumerate(items):
                if n not in links:
                    hit = next((a for a in anchors if a[0] <= item["start"] < max(a[1], a[0] + 1)), None)
                    if hit:
                        links[n] = hit[2]
        text = _segments(cable.paragraph_text(p), p.start, ents, anchors)
        said = Counter((rel_link.get(n, f"row-rel-{n}"), _relation(relations[n], entities))
                       for n in rels_by_para.get(k, []))  # one line per relation a sentence states, however often
        lines = [f'<span class="rel"><a href="#{escape(href)}">{escape(line)}</a>{f" ×{times}" if times > 1 else ""}'
                 f"</span>" for (href, line), times in said.items()]
        rel_html = f'<div class="rels">{" · ".join(lines)}</div>' if lines else ""
        number = escape("¶" + p.number if p.number else "")
        paras.append(f'<div class="para" id="p{k}"><span class="num">{number}</span>{text}</div>{rel_html}')
    rel_rows = "".join(
        f'<tr id="row-rel-{n}"><td>{escape(r["type"])}</td><td>{escape(_end(entities, r["head"]))}</td>'
        f'<td>{escape(_end(entities, r["child"]))}</td><td>{r["score"]:.2f}</td>'
        f'<td>{escape("¶" + str(r["paragraph"]) if r.get("paragraph") else "")}</td>'
        f'<td><a href="#{escape(rel_link.get(n, f"row-rel-{n}"))}">{escape(short(r["text"]))}</a></td></tr>'
        for n, r in enumerate(relations))
    rel_table = (f'<h2>Relations ({len(relations)})</h2><details><summary>every relation, with its score</summary>'
                 f'<table id="relations"><tr><th>type</th><th>from</th><th>to</th><th>score</th><th>¶</th>'
                 f"<th>sentence</th></tr>{rel_rows}</table></details>" if recorded else "")
    fact_rows = "".join(
        f'<tr id="row-fact-{n}"><td>{escape(f["type"])}</td><td>{escape(summary(f))}</td>'
        f'<td>{escape("¶" + str(f["paragraph"]) if f.get("paragraph") else "")}</td>'
        f'<td><a href="#{escape(link_of.get(n, f"row-fact-{n}"))}">{escape(short(f["text"]))}</a></td></tr>'
        for n, f in enumerate(facts))
    nav = f'<p><a href="{escape(back)}">← dashboard</a></p>' if back else ""
    title = ": ".join(x for x in (cable.id or "cable", cable.subject) if x)
    body = (f"{nav}<h1>{escape(title)}</h1>"
            f'<table class="meta">{meta_rows}</table><h2>Text</h2>{_legend(labels, recorded, gated)}{"".join(paras)}'
            f"{rel_table}"
            f'<h2>Facts ({len(facts)})</h2><table id="facts"><tr><th>type</th><th>fields</th><th>¶</th>'
            f"<th>sentence</th></tr>{fact_rows}</table>")
    return page(cable.id or "cable", body), link_of


def _end(entities: list[dict], n: int) -> str:
    return " ".join(entities[n]["text"].split()) if 0 <= n < len(entities) else "?"


def _relation(r: dict, entities: list[dict]) -> str:
    return relation(r["type"], _end(entities, r["head"]), _end(entities, r["child"]))


def _cover(anchor: tuple[int, int, str], ents: list[tuple[int, int, str]]) -> tuple[int, int, str]:
    """An anchor widened to hold whole every entity it cuts, so that no mark is split."""
    s, e, name = anchor
    for a, b, _ in ents:
        if a < s < b:
            s = a
        if a < e < b:
            e = b
    return s, e, name


def _disjoint(anchors: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Anchors that do not overlap: a sentence holding several facts is anchored once, and every fact of
    it links there; anchors that overlap (a relation from one sentence to the next) become one, so that
    what links there finds all its evidence."""
    out: list[tuple[int, int, str]] = []
    for a in sorted(anchors):
        if out and a[0] < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], a[1]), out[-1][2])
            continue
        out.append(a)
    return out

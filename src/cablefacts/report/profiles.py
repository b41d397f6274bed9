"""Country profiles: one page per country with its tier by year, victims and cases by year and stage,
money, provisions, the routes from and to it and the conflicts, every figure linked to the sentences
that state it in the cable views."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from .consolidate import Consolidated
from .html import page
from .model import Report, figures, leg
from .places import label
from .wording import TIERS, article_order, country_name, number, provision, summary


def _sources(rep: Report, rec: Consolidated) -> str:
    """Links to every sentence stating ``rec``, one per cable."""
    seen: dict[str, str] = {}
    for m in rec.mentions:
        name = m.get("cable") or Path(m["path"]).stem
        seen.setdefault(name, rep.links[m["id"]])
    return ", ".join(f'<a href="../{escape(href)}">{escape(name)}</a>' for name, href in sorted(seen.items()))


def _table(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], table_id: str) -> str:
    if not rows:
        return "<p>Nothing stated.</p>"
    return (f'<table id="{table_id}"><tr>' + "".join(f"<th>{h}</th>" for h in head) + "</tr>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows) + "</table>")


def profile(rep: Report, code: str) -> str:
    """The profile page of one country."""
    recs = [r for r in rep.records if r.country == code]
    conflict = ' <span class="conflict">conflict</span>'
    tiers = [(escape(str(r.year or "")), escape(TIERS.get(str(r.fields.get("tier")), str(r.fields.get("tier"))))
              + (conflict if r.conflict else ""), _sources(rep, r))
             for r in sorted((r for r in recs if r.type == "tier"), key=lambda r: str(r.year))]
    counts = []
    for kind in ("victims", "cases"):
        values = figures(rep, kind, code)
        for (_, year, stage), (value, rec) in sorted(values.items(), key=lambda kv: (str(kv[0][1]), kv[0][2])):
            others = [r for r in recs if r.type == kind and r.year == year and (r.fields.get("stage") or kind) == stage
                      and r is not rec and r.category != "worldwide"]
            also = "; ".join(f"{escape(summary({'type': kind, **r.fields}))}: {_sources(rep, r)}" for r in others)
            counts.append((escape(str(year or "")), escape(stage), number(value) + (conflict if rec.conflict else ""),
                           _sources(rep, rec), also))
    money = [(escape(str(r.year or "")), escape(r.category or ""), escape(summary({"type": "money", **r.fields,
                                                                                   "year": None})), _sources(rep, r))
             for r in sorted((r for r in recs if r.type == "money"), key=lambda r: (r.category or "", str(r.year)))]
    provisions = [(escape(provision(r.fields)), _sources(rep, r))
                  for r in sorted((r for r in recs if r.type == "provision"), key=lambda r: article_order(r.fields))]
    sentences = [(escape(str(r.year or "")), escape(summary({"type": "sentence", **r.fields, "year": None})),
                  _sources(rep, r)) for r in recs if r.type == "sentence"]
    routes = []
    for r in rep.records:
        ab = leg(r.mentions[0]) if r.type == "route" else None
        if ab and code in ab:
            way = "inside" if ab[0] == ab[1] else "from" if ab[0] == code else "to"
            routes.append((way, escape(label(ab[0])), escape(label(ab[1])), escape(summary(r.mentions[0])),
                           _sources(rep, r)))
    routes.sort(key=lambda row: (row[0], row[1], row[2]))
    conflicts = [(escape(c.type), escape(str(c.year or "")), escape("; ".join(
        f"{v}: {', '.join(cables)}" for v, cables in c.values.items()))) for c in rep.conflicts if c.country == code]
    name = country_name(code)
    body = (f'<p><a href="../index.html">← dashboard</a> · <a href="../facts.html?country={escape(code)}">all facts '
            f"of {escape(name)}</a></p><h1>{escape(name)}</h1>"
            f'<h2>Tier by year</h2>{_table(("year", "tier", "stated in"), tiers, "tiers")}'
            f"<h2>Victims and cases by year and stage</h2><p>The figure is the largest count a cable states for the "
            f"year and stage; other counts stated for it are listed beside it.</p>"
            f'{_table(("year", "what", "figure", "stated in", "other counts stated"), counts, "counts")}'
            f'<h2>Money</h2>{_table(("year", "kind", "amount", "stated in"), money, "money")}'
            f'<h2>Provisions</h2>{_table(("provision", "stated in"), provisions, "provisions")}'
            f'<h2>Sentences handed down</h2>{_table(("year", "sentence", "stated in"), sentences, "sentences")}'
            f'<h2>Routes from and to {escape(name)}</h2>'
            f'{_table(("", "from", "to", "as stated", "stated in"), routes, "routes")}'
            f'<h2>Where cables disagree</h2>{_table(("type", "year", "values"), conflicts, "conflicts")}')
    return page(f"cablefacts: {name}", body)


def write_profiles(rep: Report, folder: Path) -> dict[str, str]:
    """A profile page for every country a consolidated fact is counted for; returns code -> name."""
    codes = {r.country for r in rep.records if r.country}
    codes |= {e for r in rep.records if r.type == "route" and (ab := leg(r.mentions[0])) for e in ab
              if len(e) == 3 and e.isupper()}
    for code in codes:
        (folder / f"{code}.html").write_text(profile(rep, code), encoding="utf-8")
    return {c: country_name(c) for c in codes}

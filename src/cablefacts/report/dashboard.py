"""The dashboard of an extraction store: a static folder that opens from disk with no server.

``index.html`` holds the filters (year, exploitation, type, country), the route map, victims and
cases (their charts drawn from the figures the filters leave), funding (fines, seizures and worldwide
figures apart), provisions, conflicts and the country profiles; ``facts.html`` lists every fact
(filterable, also through the URL: ``facts.html?type=victims&year=2008``, ``facts.html?leg=UZB>KAZ``);
``cables/<ID>.html`` shows every cable file (its entities, relations and facts' sentences, as the store
keeps them) or why it could not be read; ``countries/<ISO>.html`` is a country's profile. Totals count
consolidated facts once.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from ..cable import CableFileError, read_cable_file
from . import charts, profiles
from .html import cable_page, page
from .model import Report, build_model, cable_annotations, exploitation, figures, leg
from .places import label
from .routemap import Leg, route_map
from .wording import article_order, country_name, number, provision, short, summary

FILTER_KEYS = ("type", "country", "year", "exploitation", "leg")
FILTER_JS = """
function fval(k){var e=document.getElementById('f-'+k);return e?e.value:'';}
function keeps(el,f){
  var d=el.dataset;
  return (!f.type||d.type===undefined||d.type===f.type)&&
    (!f.country||d.country===undefined||(' '+d.country+' ').indexOf(' '+f.country+' ')>=0)&&
    (!f.year||d.year===undefined||d.year===f.year)&&
    (!f.exploitation||d.exploitation===undefined||d.exploitation===f.exploitation)&&
    (!f.leg||d.leg===undefined||d.leg===f.leg);
}
function applyFilters(){
  var f={},n=0,legs={},top=1;
  ['type','country','year','exploitation','leg'].forEach(function(k){f[k]=fval(k);});
  document.querySelectorAll('[data-filter]').forEach(function(el){
    var ok=keeps(el,f); el.classList.toggle('hidden',!ok); if(ok&&el.tagName==='TR'){n++;}
  });
  document.querySelectorAll('[data-section]').forEach(function(el){
    el.classList.toggle('hidden',!!f.type&&el.dataset.section.split(' ').indexOf(f.type)<0);
  });
  document.querySelectorAll('tr[data-leg]:not(.hidden)').forEach(function(r){
    legs[r.dataset.leg]=(legs[r.dataset.leg]||0)+Number(r.dataset.cables);
  });
  Object.keys(legs).forEach(function(k){top=Math.max(top,legs[k]);});
  document.querySelectorAll('#route-map a').forEach(function(a){
    var m=/[?&]leg=([^&#]*)/.exec(a.getAttribute('xlink:href')||a.getAttribute('href')||'');
    if(!m){return;}
    var k=legs[decodeURIComponent(m[1])]||0, line=a.querySelector('line');
    a.classList.toggle('hidden',!k);
    if(line&&k){line.setAttribute('stroke-width',(0.8+4.5*k/top).toFixed(2));}
  });
  var shown=document.getElementById('shown'); if(shown){shown.textContent=n;}
  if(typeof drawCharts==='function'){drawCharts(f);}
}
document.addEventListener('DOMContentLoaded',function(){
  var q=new URLSearchParams(window.location.search);
  ['type','country','year','exploitation','leg'].forEach(function(k){
    var el=document.getElementById('f-'+k); if(!el){return;}
    if(q.get(k)){el.value=q.get(k);} el.addEventListener('change',applyFilters);
  });
  applyFilters();
});
"""


def build(db: Path, out: Path, say: Callable[[str], None] = lambda step: None,
          progress: Callable[[int, int], None] | None = None) -> Path:
    """Consolidate ``db`` and write its dashboard into ``out``; returns the index page. ``say`` is told each
    step as it starts, ``progress(done, total)`` each cable page written."""
    say("consolidating the store's facts")
    rep = build_model(db)
    for sub in ("cables", "countries"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    say(f"writing {len(rep.cables)} cable pages")
    _write_cable_pages(rep, db, out, progress)
    say("writing the facts, country profiles and dashboard")
    (out / "facts.html").write_text(_facts_page(rep), encoding="utf-8")
    countries = profiles.write_profiles(rep, out / "countries")
    index = out / "index.html"
    index.write_text(_index_page(rep, countries), encoding="utf-8")
    return index


def _write_cable_pages(rep: Report, db: Path, out: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """One page per cable file, read (with its entities and relations) or failed; records each fact's link
    to its sentence."""
    by_path: dict[str, list[dict]] = defaultdict(list)
    for f in rep.facts:
        by_path[f["path"]].append(f)
    con = sqlite3.connect(db)
    try:
        for k, (path, row) in enumerate(rep.cables.items(), 1):
            _write_cable_page(rep, con, path, row, by_path.get(path, []), out)
            if progress:
                progress(k, len(rep.cables))
    finally:
        con.close()


def _write_cable_page(rep: Report, con: sqlite3.Connection, path: str, row: dict, fs: list[dict], out: Path) -> None:
    """The page of one file (its facts ``fs``); the file is read again, the entities come from the store."""
    name = rep.pages[path]
    target = out / "cables" / f"{name}.html"
    try:
        cable = None if row["status"] == "failed" else read_cable_file(path)
    except (CableFileError, OSError) as e:
        cable, row = None, {**row, "error": f"the file can no longer be read: {e}"}
    if cable is None:
        target.write_text(_unread_page(path, row, fs), encoding="utf-8")
        for n, f in enumerate(fs):
            rep.links[f["id"]] = f"cables/{name}.html#row-fact-{n}"
        return
    entities, relations = cable_annotations(con, path, row)
    html, anchors = cable_page(cable, fs, entities, relations, back="../index.html")
    target.write_text(html, encoding="utf-8")
    for n, f in enumerate(fs):
        rep.links[f["id"]] = f"cables/{name}.html#{anchors.get(n, f'row-fact-{n}')}"


def _unread_page(path: str, row: dict, facts: list[dict]) -> str:
    rows = "".join(f'<tr id="row-fact-{n}"><td>{escape(f["type"])}</td><td>{escape(summary(f))}</td>'
                   f"<td>{escape(short(f['text']))}</td></tr>" for n, f in enumerate(facts))
    table = f"<h2>Facts ({len(facts)})</h2><table>{rows}</table>" if facts else ""
    return page(f"{Path(path).name}: not read",
                f'<p><a href="../index.html">← dashboard</a></p><h1>{escape(Path(path).name)}: not read</h1>'
                f'<table class="meta"><tr><td>file</td><td>{escape(path)}</td></tr>'
                f'<tr><td>reason</td><td>{escape(row.get("error") or "unknown")}</td></tr></table>{table}')


def select(name: str, values: Iterable[object], labels: dict | None = None) -> str:
    """A filter drop-down whose options are exactly ``values``."""
    opts = "".join(f'<option value="{escape(str(v))}">{escape(str((labels or {}).get(v, v)))}</option>'
                   for v in values)
    return f'<label>{name} <select id="f-{name}"><option value="">all</option>{opts}</select></label> '


def _filters(rep: Report, keys: tuple[str, ...]) -> str:
    values = {
        "type": sorted({f["type"] for f in rep.facts}),
        "country": sorted({c for f in rep.facts for c in rep.countries(f)}),
        "year": sorted({y for f in rep.facts if (y := rep.year(f))}),
        "exploitation": ["sexual", "labor"],
        "leg": sorted({f"{a}>{b}" for f in rep.facts if f["type"] == "route" and (ab := leg(f)) for a, b in [ab]}),
    }
    labels = {c: label(c) for c in values["country"]}
    return '<div class="filters">' + "".join(select(k, values[k], labels if k == "country" else None)
                                             for k in keys) + "</div>"


def _attrs(rep: Report, f: dict) -> str:
    ab = leg(f) if f["type"] == "route" else None
    return (f'data-filter data-type="{escape(f["type"])}" data-country="{escape(" ".join(rep.countries(f)))}" '
            f'data-year="{escape(str(rep.year(f) or ""))}" data-exploitation="{escape(exploitation(f))}"'
            + (f' data-leg="{escape(ab[0] + ">" + ab[1])}"' if ab else ""))


def _facts_page(rep: Report) -> str:
    rows = "".join(
        f'<tr {_attrs(rep, f)}><td>{escape(f["type"])}</td><td>{escape(f.get("cable") or Path(f["path"]).stem)}</td>'
        f'<td>{escape(str(rep.year(f) or ""))}</td><td>{escape(", ".join(label(c) for c in rep.countries(f)))}</td>'
        f'<td>{escape(summary(f))}</td><td><a href="{escape(rep.links[f["id"]])}">{escape(short(f["text"]))}</a></td>'
        f"</tr>" for f in rep.facts)
    body = (f'<p><a href="index.html">← dashboard</a></p><h1>Facts</h1>{_filters(rep, FILTER_KEYS)}'
            f'<p><span id="shown">{len(rep.facts)}</span> facts shown</p><table id="facts"><tr><th>type</th>'
            f"<th>cable</th><th>year</th><th>countries</th><th>what it says</th><th>sentence</th></tr>{rows}</table>")
    return page("cablefacts: facts", body, FILTER_JS)


def link(**params: object) -> str:
    return "facts.html?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _route_section(rep: Report, countries: dict[str, str]) -> str:
    cables_of: dict[tuple, set] = defaultdict(set)
    for f in rep.facts:
        if f["type"] == "route" and (ab := leg(f)):
            cables_of[(ab, rep.year(f), exploitation(f))].add(rep.groups_of(f))
    per_leg: Counter = Counter()
    for (ab, _, _), groups in cables_of.items():
        per_leg[ab] += len(groups)
    legs = [Leg(a, b, n, link(type="route", leg=f"{a}>{b}")) for (a, b), n in per_leg.items() if a != b]
    internal = {a: (n, link(type="route", leg=f"{a}>{a}")) for (a, b), n in per_leg.items() if a == b}
    svg = route_map(legs, internal, {c: f"countries/{c}.html" for c in countries})
    rows = "".join(
        f'<tr data-filter data-type="route" data-country="{escape(a + " " + b)}" data-year="{escape(str(y or ""))}"'
        f' data-exploitation="{escape(e)}" data-leg="{escape(a + ">" + b)}" data-cables="{len(g)}">'
        f'<td>{escape(label(a))}</td><td>{escape(label(b))}</td><td>{escape(str(y or ""))}</td><td>{escape(e)}</td>'
        f'<td><a href="{escape(link(type="route", leg=f"{a}>{b}", year=y))}">{len(g)}</a></td></tr>'
        for ((a, b), y, e), g in sorted(cables_of.items(), key=lambda kv: (-len(kv[1]), kv[0][0], str(kv[0][1]))))
    return (f'<section data-section="route"><h2>Routes</h2><p>Arrows: legs between two places, width by the number '
            f"of independent cables (near-duplicates once); dots: routes inside a country; shaded countries have a "
            f'profile. Click an arrow for its facts.</p><div id="route-map">{svg}</div>'
            f'<details><summary>Legs by year ({len(cables_of)} rows)</summary><table id="routes"><tr><th>from</th>'
            f"<th>to</th><th>year</th><th>exploitation</th><th>cables</th></tr>{rows}</table></details></section>")


def _figure_section(rep: Report) -> str:
    charts_html, rows = [], []
    for kind, stage, title in (("victims", "victims", "victims"), ("cases", "conviction", "convictions")):
        charts_html += [charts.bar_chart(kind, stage, "year", f"{title} by year", "#figures"),
                        charts.bar_chart(kind, stage, "country", f"{title} by country", "#figures")]
    for kind in ("victims", "cases"):
        for (c, y, stage), (value, rec) in sorted(figures(rep, kind).items(), key=lambda kv: (kv[0][0], str(kv[0][1]),
                                                                                             kv[0][2])):
            flag = ' <span class="conflict">conflict</span>' if rec.conflict else ""
            rows.append(f'<tr data-filter data-type="{kind}" data-country="{escape(c)}" '
                        f'data-year="{escape(str(y or ""))}"'
                        f' data-exploitation="{escape(rec.fields.get("exploitation") or "")}"'
                        f' data-stage="{escape(stage)}" data-value="{value}" data-name="{escape(label(c))}">'
                        f'<td><a href="countries/{escape(c)}.html">{escape(country_name(c))}</a></td>'
                        f'<td>{escape(str(y or ""))}</td><td>{escape(stage)}</td>'
                        f'<td><a href="{escape(link(type=kind, country=c, year=y))}">{number(value)}</a>{flag}</td>'
                        f"<td>{len(rec.sources)}</td></tr>")
    return ('<section data-section="victims cases"><h2>Victims and cases</h2><p>One figure per country, year and '
            "stage: the largest count a cable states for it (restated or partial figures are not added); worldwide "
            "estimates are not counted for any country. The charts add up the figures the filters leave in the "
            'table below; a bar leads to its facts.</p><div class="charts" id="charts">'
            + "".join(charts_html) + "</div>"
            '<table id="figures"><tr><th>country</th><th>year</th><th>what</th><th>figure</th><th>sources</th></tr>'
            + "".join(rows) + "</table></section>")


def _money_section(rep: Report) -> str:
    out = []
    for category, title in (("funding", "Funding"), ("fine", "Fines"), ("seized", "Seized"),
                            ("worldwide", "Worldwide figures (not counted for any country)")):
        recs = sorted((r for r in rep.records if r.type == "money" and r.category == category),
                      key=lambda r: (r.country or "", str(r.year), r.fields.get("currency") or ""))
        rows = "".join(
            f'<tr data-filter data-type="money" data-country="{escape(r.country or "")}" '
            f'data-year="{escape(str(r.year or ""))}"><td>{escape(country_name(r.country))}</td>'
            f'<td>{escape(str(r.year or ""))}</td>'
            f'<td>{escape(summary({"type": "money", **r.fields, "year": None}))}</td>'
            f'<td><a href="{escape(rep.links[r.mentions[0]["id"]])}">{len(r.cables)} cable(s)</a></td></tr>'
            for r in recs)
        if rows:
            out.append(f'<h3>{title}</h3><table id="money-{category}"><tr><th>country</th><th>year</th><th>amount</th>'
                       f"<th>stated in</th></tr>{rows}</table>")
    return '<section data-section="money"><h2>Money</h2>' + "".join(out) + "</section>"


def _provision_section(rep: Report) -> str:
    recs = sorted((r for r in rep.records if r.type == "provision"),
                  key=lambda r: (r.country or "", article_order(r.fields)))
    rows = "".join(
        f'<tr data-filter data-type="provision" data-country="{escape(r.country or "")}">'
        f'<td>{escape(country_name(r.country))}</td><td>{escape(provision(r.fields))}</td>'
        f'<td><a href="{escape(rep.links[r.mentions[0]["id"]])}">{len(r.cables)} cable(s)</a></td></tr>' for r in recs)
    return (f'<section data-section="provision"><h2>Legal provisions</h2><table id="provisions"><tr><th>country</th>'
            f"<th>provision</th><th>stated in</th></tr>{rows}</table></section>")


def _conflict_section(rep: Report) -> str:
    rows = []
    for n, c in enumerate(rep.conflicts, 1):
        recs = [r for r in rep.records if r.conflict == n]
        said = "; ".join(f'<a href="{escape(rep.links[r.mentions[0]["id"]])}">'
                         f'{escape(summary({"type": r.type, **r.fields}))}'
                         f"</a> ({escape(', '.join(sorted(r.cables)))})" for r in recs)
        rows.append(f'<tr data-filter data-type="{escape(c.type)}" data-country="{escape(c.country or "")}" '
                    f'data-year="{escape(str(c.year or ""))}"><td>{escape(country_name(c.country))}</td>'
                    f'<td>{escape(str(c.year or ""))}</td><td>{escape(c.type)}</td><td>{said}</td></tr>')
    return ('<section><h2>Where cables disagree</h2><table id="conflicts"><tr><th>country</th><th>year</th>'
            '<th>type</th>'
            f"<th>what each says</th></tr>{''.join(rows)}</table></section>")


def _index_page(rep: Report, countries: dict[str, str]) -> str:
    done = sum(1 for c in rep.cables.values() if c["status"] == "done")
    failed = [(p, c) for p, c in sorted(rep.cables.items()) if c["status"] == "failed"]
    kinds = Counter(r.type for r in rep.records)
    counts = ", ".join(f'<a href="{escape(link(type=t))}">{n} {escape(t)}</a>' for t, n in sorted(kinds.items()))
    failed_html = ("<p>Files not read: " + ", ".join(
        f'<a href="cables/{escape(rep.pages[p])}.html">{escape(Path(p).name)}</a>' for p, _ in failed) + "</p>"
                   if failed else "")
    profiles_html = " · ".join(f'<a href="countries/{escape(c)}.html">{escape(name)}</a>'
                               for c, name in sorted(countries.items(), key=lambda kv: kv[1]))
    body = (f"<h1>Trafficking facts</h1><p>{done} cables read, {len(failed)} failed; {len(rep.facts)} facts, "
            f"{len(rep.records)} once merged across cables ({counts}); {len(rep.conflicts)} conflicts. "
            f'<a href="facts.html">All facts</a>.</p>{failed_html}'
            f"{_filters(rep, ('year', 'exploitation', 'type', 'country'))}"
            f"{_route_section(rep, countries)}{_figure_section(rep)}{_money_section(rep)}{_provision_section(rep)}"
            f"{_conflict_section(rep)}<h2>Country profiles</h2><p id=\"profiles\">{profiles_html}</p>")
    return page("cablefacts dashboard", body, charts.CHART_JS + FILTER_JS)

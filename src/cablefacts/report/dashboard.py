"""The dashboard of an extraction store: a static folder that opens from disk with no server.

``index.html`` holds the route network, victims and cases by year and country, funding by year and
currency, and the legal provisions per country; ``facts.html`` lists every fact (filterable by type,
country and year, also through the URL: ``facts.html?type=victims&year=2008``); ``cables/<ID>.html``
shows each cable with its facts' sentences highlighted. Every chart element links to its facts and
every fact to its sentence.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from ..cable import CableFileError, read_cable_file
from ..facts.normalise import first_country
from . import charts
from .html import FILTER_JS, cable_page, fact_summary, page

FACTS_JS = """
function applyFilters(){
  var t=document.getElementById('f-type').value, c=document.getElementById('f-country').value,
      y=document.getElementById('f-year').value, n=0;
  document.querySelectorAll('tr[data-type]').forEach(function(row){
    var ok=(!t||row.dataset.type===t)&&(!c||(' '+row.dataset.country+' ').indexOf(' '+c+' ')>=0)&&
           (!y||row.dataset.year===y);
    row.classList.toggle('hidden',!ok); if(ok){n++;}
  });
  document.getElementById('shown').textContent=n;
}
document.addEventListener('DOMContentLoaded',function(){
  var q=new URLSearchParams(window.location.search);
  ['type','country','year'].forEach(function(k){
    var el=document.getElementById('f-'+k); if(q.get(k)){el.value=q.get(k);} el.addEventListener('change',applyFilters);
  });
  applyFilters();
});
"""


def load(db: Path) -> tuple[list[dict], dict[str, dict]]:
    """Facts (with their file) and cables (path -> row) of a store."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    cables = {r["path"]: dict(r) for r in con.execute("SELECT * FROM cables")}
    facts = []
    for r in con.execute('SELECT path, type, cable, paragraph, start, "end", text, confidence, fields FROM facts '
                         'ORDER BY path, start, "end", id'):
        f = {"path": r["path"], "type": r["type"], "cable": r["cable"], "paragraph": r["paragraph"],
             "start": r["start"], "end": r["end"], "text": r["text"], "confidence": r["confidence"],
             **json.loads(r["fields"])}
        facts.append(f)
    con.close()
    return facts, cables


def _fact_countries(f: dict, cable_country: str | None) -> list[str]:
    codes = [f.get(k) for k in ("country", "origin", "destination")]
    return sorted({c for c in codes if c} or ({cable_country} if cable_country else set()))


def _year(f: dict, cable: dict) -> int | None:
    return f.get("year") or (int(cable["date"][:4]) if cable.get("date") else None)


def build(db: Path, out: Path) -> Path:
    """Write the dashboard of ``db`` into ``out``; returns the index page."""
    facts, cables = load(db)
    out.mkdir(parents=True, exist_ok=True)
    (out / "cables").mkdir(exist_ok=True)
    country_of = {p: first_country(c.get("subject") or "") or first_country(c.get("origin") or "")
                  for p, c in cables.items()}
    shared = {cid for cid, n in Counter(c["cable_id"] for c in cables.values()).items() if cid and n > 1}
    for f in facts:
        cab = cables.get(f["path"], {})
        f["_countries"] = _fact_countries(f, country_of.get(f["path"]))
        f["_year"] = _year(f, cab)
        f["_page"] = f"cables/{_page_name(f, cab, shared)}"
    anchors = _write_cable_pages(facts, out)
    for f in facts:  # a fact whose file is gone has no cable page: it links to the list of facts
        f["_link"] = f"{f['_page']}#{anchors[id(f)]}" if id(f) in anchors else "facts.html"
    (out / "facts.html").write_text(_facts_page(facts), encoding="utf-8")
    index = out / "index.html"
    index.write_text(_index_page(facts, cables), encoding="utf-8")
    return index


def _page_name(f: dict, cable: dict, shared: set[str]) -> str:
    """The cable's id (the file's name where it has none); two files with one id get a page each,
    told apart by their content's hash."""
    name = f.get("cable") or Path(f["path"]).stem
    if name in shared:
        name += f"-{cable.get('sha256', '')[:8]}"
    return "".join(ch if ch.isalnum() else "_" for ch in name) + ".html"


def _write_cable_pages(facts: list[dict], out: Path) -> dict[int, str]:
    """One page per cable file; returns fact -> the anchor of its sentence."""
    by_path: dict[str, list[dict]] = defaultdict(list)
    for f in facts:
        by_path[f["path"]].append(f)
    anchors: dict[int, str] = {}
    for path, fs in by_path.items():
        try:
            cable = read_cable_file(path)
        except (CableFileError, OSError):
            continue
        marks = defaultdict(list)
        for f in fs:
            for k, p in enumerate(cable.paragraphs):
                if p.start <= f["start"] < p.end:
                    marks[k].append((f["start"], f["end"], f["type"].upper()))
        html, links = cable_page(cable, fs, {k: _no_overlap(v) for k, v in marks.items()}, back="../index.html")
        (out / fs[0]["_page"]).write_text(html, encoding="utf-8")
        for n, f in enumerate(fs):
            anchors[id(f)] = links.get(n, f"row-fact-{n}")
    return anchors


def _no_overlap(marks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in sorted(marks):
        if not out or m[0] >= out[-1][1]:
            out.append(m)
    return out


def _filters(facts: list[dict], with_type: bool) -> str:
    countries = sorted({c for f in facts for c in f["_countries"]})
    years = sorted({f["_year"] for f in facts if f["_year"]})
    types = sorted({f["type"] for f in facts})

    def select(name: str, values) -> str:
        opts = "".join(f'<option value="{escape(str(v))}">{escape(str(v))}</option>' for v in values)
        return f'<label>{name} <select id="f-{name}"><option value="">all</option>{opts}</select></label> '

    return ('<div class="filters">' + (select("type", types) if with_type else "") + select("country", countries)
            + select("year", years) + "</div>")


def _facts_page(facts: list[dict]) -> str:
    rows = "".join(
        f'<tr data-type="{escape(f["type"])}" data-country="{escape(" ".join(f["_countries"]))}" '
        f'data-year="{escape(str(f["_year"] or ""))}"><td>{escape(f["type"])}</td>'
        f'<td>{escape(f.get("cable") or "")}</td><td>{escape(str(f["_year"] or ""))}</td>'
        f'<td>{escape(" ".join(f["_countries"]))}</td><td>{escape(fact_summary(f))}</td>'
        f'<td><a href="{escape(f["_link"])}">{escape(f["text"][:200])}</a></td></tr>'
        for f in facts)
    body = (f'<p><a href="index.html">← dashboard</a></p><h1>Facts</h1>{_filters(facts, True)}'
            f'<p><span id="shown">{len(facts)}</span> facts shown</p><table id="facts"><tr><th>type</th><th>cable</th>'
            f"<th>year</th><th>countries</th><th>fields</th><th>sentence</th></tr>{rows}</table>")
    return page("cablefacts: facts", body, FACTS_JS)


def _link(**params) -> str:
    return "facts.html?" + urlencode({k: v for k, v in params.items() if v is not None})


def _index_page(facts: list[dict], cables: dict[str, dict]) -> str:
    by_type = defaultdict(list)
    for f in facts:
        by_type[f["type"]].append(f)
    legs: Counter = Counter()
    leg_cables: dict[tuple, set] = defaultdict(set)
    for f in by_type["route"]:
        a = f.get("origin") or (f.get("origin_place") or "?")
        b = f.get("destination") or (f.get("destination_place") or "?")
        leg_cables[(a, b)].add(f["path"])
    for leg, paths in leg_cables.items():
        legs[leg] = len(paths)
    nodes = {n for leg in legs for n in leg}
    route_svg = charts.route_network(legs, {n: _link(type="route", country=n) for n in nodes})

    def sums(kind: str, key) -> dict:
        acc: dict = defaultdict(float)
        for f in by_type[kind]:
            k = key(f)
            if k is not None:
                acc[k] += f.get("count") or f.get("amount") or 0
        return dict(sorted(acc.items(), key=lambda kv: str(kv[0])))

    figures = []
    for kind in ("victims", "cases"):
        by_year = sums(kind, lambda f: f["_year"])
        by_country = sums(kind, lambda f: (f["_countries"] or [None])[0])
        figures.append(charts.bar_chart({str(k): v for k, v in by_year.items()}, f"{kind} by year",
                                        {str(k): _link(type=kind, year=k) for k in by_year}, "count"))
        figures.append(charts.bar_chart({str(k): v for k, v in by_country.items()}, f"{kind} by country",
                                        {str(k): _link(type=kind, country=k) for k in by_country}, "count"))
    money = defaultdict(float)
    for f in by_type["money"]:
        money[(f["_year"], f.get("currency"))] += f.get("amount") or 0
    money_rows = "".join(
        f'<tr data-country="" data-year="{escape(str(y or ""))}"><td>{escape(str(y or "-"))}</td>'
        f'<td>{escape(str(c))}</td><td><a href="{escape(_link(type="money", year=y))}">{a:,.0f}</a></td></tr>'
        for (y, c), a in sorted(money.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))))
    prov_rows = "".join(
        f'<tr data-country="{escape(" ".join(f["_countries"]))}" data-year="{escape(str(f["_year"] or ""))}">'
        f'<td>{escape(" ".join(f["_countries"]))}</td><td>{escape(str(f.get("law") or "-"))}</td>'
        f'<td>{escape(str(f.get("article")))}{escape("(" + f["part"] + ")" if f.get("part") else "")}'
        f'{escape("(" + f["clause"] + ")" if f.get("clause") else "")}</td>'
        f"<td>{escape(_penalty(f))}</td><td><a href=\"{escape(f['_link'])}\">{escape(f.get('cable') or '')}</a></td></tr>"
        for f in sorted(by_type["provision"], key=lambda f: (f["_countries"], str(f.get("law")), str(f.get("article")))))
    n_cables = sum(1 for c in cables.values() if c["status"] == "done")
    failed = sum(1 for c in cables.values() if c["status"] == "failed")
    counts = ", ".join(f'<a href="{escape(_link(type=t))}">{len(v)} {escape(t)}</a>' for t, v in sorted(by_type.items()))
    body = (f"<h1>Trafficking facts</h1><p>{n_cables} cables read, {failed} failed; {len(facts)} facts: {counts}. "
            f'<a href="facts.html">All facts</a>.</p>'
            f'<h2>Routes</h2><div id="route-map">{route_svg}</div>'
            f'<h2>Victims and cases</h2><div class="charts" id="charts">'
            + "".join(f"<div>{svg}</div>" for svg in figures) + "</div>"
            + f"{_filters(facts, False)}"
            f'<h2>Funding by year and currency</h2><table id="money"><tr><th>year</th><th>currency</th><th>amount</th>'
            f"</tr>{money_rows}</table>"
            f'<h2>Legal provisions</h2><table id="provisions"><tr><th>country</th><th>law</th><th>article</th>'
            f"<th>penalty</th><th>cable</th></tr>{prov_rows}</table>")
    return page("cablefacts dashboard", body, FILTER_JS)


def _penalty(f: dict) -> str:
    lo, hi = f.get("min_years"), f.get("max_years")
    parts = []
    if lo is not None or hi is not None:
        parts.append(f"{lo if lo is not None else '?'}-{hi if hi is not None else '?'} years")
    parts += [w for w in ("fine", "confiscation", "life") if f.get(w)]
    return ", ".join(parts) or "-"

"""The report in a real headless browser (Debian's Chromium driven by Playwright): it loads with no
console errors, the route map and charts are drawn, the filters change the map, the tables and the
charts, a fact leads to its highlighted sentence, a cable page marks its entities and lists its
relations as the store keeps them, and markup in a cable shows as text and runs nothing."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cablefacts.cable import read_cable_file
from cablefacts.corpus import cable_path
from cablefacts.report.model import build_model, figures, totals
from cablefacts.report.wording import relation
from tests.conftest import ROOT, SEED, require

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` leaves it out of the quick loop

CHROMIUM = Path(os.environ.get("CABLEFACTS_CHROMIUM", "/usr/bin/chromium"))  # where scripts/install-chromium puts it
PLAIN = "Transit includes from Uzbekistan by land to South Kazakhstan"
OTHER = ("07SANJOSE524", "08SANJOSE855")  # Costa Rica's victims and convictions, beside Kazakhstan's
EVIL = ('Transit <script>window.__pwned=1</script> "><img src=x onerror=window.__pwned=2> includes from Uzbekistan '
        "by land to South Kazakhstan")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    cables = tmp / "cables"
    cables.mkdir()
    for p in [*SEED.glob("*.txt"), *map(cable_path, OTHER)]:
        shutil.copy(p, cables / p.name)
    evil = (SEED / "07ASTANA614.txt").read_text(encoding="utf-8")  # the markup goes into a sentence with a route
    assert PLAIN in evil
    (cables / "07ASTANA614.txt").write_text(evil.replace(PLAIN, EVIL), encoding="utf-8")
    db = tmp / "facts.sqlite"
    for cmd in (["extract", str(cables), "--db", str(db)], ["report", "--db", str(db), "-o", str(tmp / "out")]):
        run = subprocess.run([sys.executable, "-m", "cablefacts", *cmd], capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
    return tmp / "out"


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.exists(), "Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def test_dashboard_draws_routes_and_charts(report, browser):
    page, errors = open_page(browser, (report / "index.html").as_uri())
    assert errors == []
    assert page.locator("#route-map svg path").count() > 100  # the basemap's country shapes
    assert page.locator("#route-map a line").count() > 3  # route arrows
    assert page.locator("#charts svg:visible").count() == 4
    assert page.locator("#charts svg a").count() > 0  # bars link to their facts
    assert page.locator("#provisions tr").count() > 5
    shot = report / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_clicking_a_fact_reaches_its_highlighted_sentence(report, browser):
    page, errors = open_page(browser, (report / "facts.html").as_uri() + "?type=tier")
    assert errors == []
    visible = page.locator("tr[data-type]:not(.hidden)")
    assert visible.count() >= 1 and all(t == "tier" for t in visible.evaluate_all("rs => rs.map(r => r.dataset.type)"))
    visible.first.locator("a").click()
    page.wait_for_load_state("load")
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    assert target
    el = page.locator(f"[id='{target}']")
    assert el.get_attribute("class") == "sent"
    assert "tier 2" in el.inner_text().lower()
    background = el.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # :target highlight
    page.screenshot(path=str(report / "cable-view.png"))


def test_markup_in_a_cable_is_shown_as_text_and_runs_nothing(report, browser):
    page, errors = open_page(browser, (report / "cables" / "07ASTANA614.html").as_uri())
    assert errors == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0
    text = page.locator("body").inner_text()
    assert "<script>window.__pwned=1</script>" in text and '"><img src=x onerror=window.__pwned=2>' in text
    facts, _ = open_page(browser, (report / "facts.html").as_uri())
    assert facts.evaluate("window.__pwned") is None and facts.locator("img").count() == 0


def test_a_filter_changes_the_map_and_tables_and_an_arrow_leads_to_its_sentence(report, browser):
    page, errors = open_page(browser, (report / "index.html").as_uri())
    arrows = page.locator("#route-map a:has(line):visible")
    rows = page.locator("#figures tr[data-filter]:visible")
    all_arrows, all_rows = arrows.count(), rows.count()
    years = page.locator("#f-year option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
    changed = False
    for year in years:
        page.select_option("#f-year", year)
        if 0 < arrows.count() < all_arrows and rows.count() < all_rows:
            changed = True
            break
    assert changed, "no year filters both the map's arrows and the figures"
    page.select_option("#f-type", "victims")
    assert arrows.count() == 0 and page.locator("#provisions:visible").count() == 0
    page.select_option("#f-type", "")
    page.select_option("#f-year", "")
    page.evaluate("document.querySelector('#route-map').scrollIntoView({block: 'center'})")
    heads = page.locator("#route-map a:has(path[aria-roledescription='point'])")
    heads.last.click()  # the arrowheads are drawn above the lines
    page.wait_for_load_state("load")
    assert "leg=" in page.url
    visible = page.locator("tr[data-type]:not(.hidden)")
    assert visible.count() >= 1 and set(visible.evaluate_all("rs => rs.map(r => r.dataset.type)")) == {"route"}
    visible.first.locator("a").click()
    page.wait_for_load_state("load")
    target = page.evaluate("decodeURIComponent(location.hash.slice(1))")
    el = page.locator(f"[id='{target}']")
    assert el.get_attribute("class") == "sent"
    assert el.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert errors == []


def test_a_country_profile(report, browser):
    page, errors = open_page(browser, (report / "countries" / "KAZ.html").as_uri())
    assert errors == []
    assert page.locator("h1").inner_text() == "Kazakhstan"
    assert "Criminal Code, Article 128" in page.locator("#provisions").inner_text()
    assert page.locator("#tiers tr").count() >= 2 and page.locator("#routes tr").count() > 3
    page.locator("#counts a").first.click()
    page.wait_for_load_state("load")
    assert page.locator(f"[id='{page.evaluate('location.hash.slice(1)')}']").get_attribute("class") == "sent"


def _store(report, path):
    """The entities and relations the store keeps for the cable file ``path``."""
    con = sqlite3.connect(report.parent / "facts.sqlite")
    try:
        entities = [dict(zip(("label", "start", "end", "text"), r, strict=True)) for r in con.execute(
            'SELECT label, start, "end", text FROM entities WHERE path = ? ORDER BY n', (str(path),))]
        relations = [dict(zip(("type", "head", "child"), r, strict=True)) for r in con.execute(
            "SELECT type, head, child FROM relations WHERE path = ? ORDER BY id", (str(path),))]
    finally:
        con.close()
    return entities, relations


def _words(text):
    return " ".join(text.split())


def test_a_cable_page_marks_its_entities_and_lists_its_relations(report, browser):
    pages_with_relations = 0
    for seed in sorted(SEED.glob("*.txt")):
        path = report.parent / "cables" / seed.name
        body = read_cable_file(path).body
        entities, relations = _store(report, path)
        assert entities, seed.name
        assert all(body[e["start"]:e["end"]] == e["text"] for e in entities)  # the store's offsets are the text's
        page, errors = open_page(browser, (report / "cables" / f"{seed.stem}.html").as_uri())
        marks = page.locator("mark.ent").evaluate_all("ms => ms.map(m => [m.dataset.label, m.textContent])")
        assert sorted(map(tuple, marks)) == sorted((e["label"], e["text"]) for e in entities)
        labels = page.locator("#legend .key").evaluate_all("ks => ks.map(k => k.dataset.label)")
        assert labels == sorted({e["label"] for e in entities})
        shown = page.locator("mark.ent").first.evaluate("m => getComputedStyle(m, '::after').content")
        assert shown.strip('"') == marks[0][0]  # the label is drawn beside the span
        lines = page.locator(".rels a").evaluate_all("as => as.map(a => [a.textContent, a.getAttribute('href')])")
        said = {relation(r["type"], entities[r["head"]]["text"], entities[r["child"]]["text"]) for r in relations}
        assert {text for text, _ in lines} == said
        for r in relations:  # every relation's line leads to a sentence of the cable holding both its entities
            line = relation(r["type"], entities[r["head"]]["text"], entities[r["child"]]["text"])
            targets = {href[1:] for text, href in lines if text == line}
            sentences = [_words(page.locator(f"[id='{t}']").text_content()) for t in targets]
            assert any(_words(entities[r["head"]]["text"]) in s and _words(entities[r["child"]]["text"]) in s
                       and s in _words(body) for s in sentences), (seed.name, line, sentences)
        assert page.locator("#relations tr[id]").count() == len(relations)
        if relations:
            pages_with_relations += 1
        assert errors == []
    assert pages_with_relations >= 3
    page, errors = open_page(browser, (report / "cables" / "07ASTANA614.html").as_uri())
    route = page.locator(".rels a", has_text=re.compile(r"^ROUTE: ")).first
    ends = route.inner_text().removeprefix("ROUTE: ").split(" → ")
    route.click()
    target = page.locator(f"[id='{page.evaluate('location.hash.slice(1)')}']")
    assert target.get_attribute("class") == "sent" and all(_words(end) in _words(target.inner_text()) for end in ends)
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert errors == []


def _bars(page, title):
    """Key -> value of the bars the chart titled ``title`` draws."""
    return page.locator(f"[data-chart][data-title='{title}'] rect.bar").evaluate_all(
        "rs => rs.map(r => [r.dataset.key, Number(r.dataset.value)])")


CHARTS = (("victims", "victims", "victims"), ("cases", "conviction", "convictions"))


def test_the_charts_follow_the_filters(report, browser):
    rep = build_model(report.parent / "facts.sqlite")

    def expected(kind, stage, by, country=None, year=None):
        values = {k: v for k, v in figures(rep, kind).items()
                  if k[2] == stage and country in (None, k[0]) and year in (None, k[1])}
        return [[str(k), pytest.approx(v)] for k, v in totals(values, 1 if by == "year" else 0).items()]

    def check(**filters):
        for kind, stage, title in CHARTS:
            for by in ("year", "country"):
                assert _bars(page, f"{title} by {by}") == expected(kind, stage, by, **filters), (title, by, filters)

    page, errors = open_page(browser, (report / "index.html").as_uri())
    check()
    full = _bars(page, "victims by year")
    options = page.locator("#f-country option").evaluate_all("os => os.map(o => o.value).filter(v => v)")
    country = next(c for c in options if expected("victims", "victims", "year", country=c) not in ([], full))
    page.select_option("#f-country", country)
    check(country=country)
    assert _bars(page, "victims by year") != full and len(_bars(page, "victims by country")) == 1
    name = page.locator("#f-country option:checked").inner_text()
    assert page.locator("[data-title='victims by year'] svg > text").first.text_content().endswith(name)
    hrefs = page.locator("[data-title='victims by year'] svg a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")
    assert hrefs and all(f"country={country}" in h and "type=victims" in h for h in hrefs)
    page.select_option("#f-country", "")
    years = page.locator("#f-year option").evaluate_all("os => os.map(o => Number(o.value)).filter(v => v)")
    year = next(y for y in years if expected("victims", "victims", "country", year=y)
                not in ([], expected("victims", "victims", "country")))
    page.select_option("#f-year", str(year))
    check(year=year)
    assert [k for k, _ in _bars(page, "victims by year")] == [str(year)]
    page.select_option("#f-year", "")
    page.select_option("#f-type", "cases")
    assert page.locator("[data-chart][data-kind='victims']:visible").count() == 0
    assert page.locator("[data-chart][data-kind='cases'] rect.bar:visible").count() > 0
    page.select_option("#f-type", "")
    check()
    page.goto((report / "facts.html").as_uri() + f"?type=victims&country={country}")  # where a bar leads
    assert page.locator("tr[data-type]:not(.hidden)").count() > 0
    assert errors == []


def test_every_page_is_clean_and_every_link_resolves(report):
    from html.parser import HTMLParser
    from urllib.parse import parse_qsl, unquote, urlsplit

    class Page(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.ids, self.options = [], set(), {}
            self._select = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if "id" in a:
                self.ids.add(a["id"])
            if tag == "select":
                self._select = a.get("id")
            if tag == "option" and self._select:
                self.options.setdefault(self._select, set()).add(a.get("value"))
            for k in ("href", "xlink:href"):
                if a.get(k):
                    self.links.append(a[k])

    pages = {p: Page() for p in report.rglob("*.html")}
    for p, parser in pages.items():
        text = p.read_text(encoding="utf-8")
        for bad in ("None", "_countries", "_year", "_page", "_link"):
            assert not re.search(rf"(?<![\w-]){bad}(?![\w-])", text), (p, bad)
        parser.feed(text)
    assert {p.stem for p in (report / "cables").iterdir()} >= {p.stem for p in SEED.glob("*.txt")}
    for p, parser in pages.items():
        for href in parser.links:
            url = urlsplit(href)
            assert not url.scheme and not url.netloc, (p, href)  # nothing leaves the report
            target = (p.parent / unquote(url.path)).resolve() if url.path else p
            assert target in pages, (p, href)
            if url.fragment:
                assert unquote(url.fragment) in pages[target].ids, (p, href)
            for key, value in parse_qsl(url.query):
                assert value in pages[target].options.get(f"f-{key}", set()), (p, href)

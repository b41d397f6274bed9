"""The route map: countries of the Natural Earth 1:110m basemap, route legs as arrows whose width says in
how many cables they appear, routes inside one country as a dot on it (never a ring), regions as
labelled points. Drawn by Altair and rendered to SVG offline by vl-convert; every arrow, dot and
country shape is a link (to the leg's facts, or to the country's profile)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import altair as alt
import pycountry
import vl_convert

from .places import basemap, label, positions

WIDTH, HEIGHT = 960, 400
LOADER_BASE = "https://vega.github.io/vega-datasets/"  # vl-convert's loader prefixes relative links with it
ARROW = "#c0392b"


@dataclass
class Leg:
    origin: str
    destination: str
    cables: int
    href: str


def _with_links(profiles: dict[str, str]) -> dict:
    """The basemap with each country's name and link (its profile, where it has one) as properties."""
    topo = basemap()
    geometries = []
    for g in topo["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=g["id"]) if g.get("id") else None
        code = country.alpha_3 if country else ""
        geometries.append({**g, "properties": {**g.get("properties", {}), "code": code,
                                               "href": profiles.get(code, ""), "linked": code in profiles}})
    return {**topo, "objects": {"countries": {**topo["objects"]["countries"], "geometries": geometries}}}


def _arrow_rows(legs: list[Leg]) -> list[dict]:
    pos = positions()
    top = max((leg.cables for leg in legs), default=1)
    rows = []
    for leg in legs:
        (x0, y0), (x1, y1) = pos[leg.origin], pos[leg.destination]
        # stop short of the destination so the head sits beside its dot; angle in screen terms
        # (equirectangular: x grows with longitude, y with falling latitude; Vega turns clockwise)
        hx, hy = x0 + 0.9 * (x1 - x0), y0 + 0.9 * (y1 - y0)
        rows.append({"lon": x0, "lat": y0, "lon2": hx, "lat2": hy, "href": leg.href, "cables": leg.cables,
                     "width": 0.8 + 4.5 * leg.cables / top,
                     "angle": math.degrees(math.atan2(-(y1 - y0), x1 - x0)),
                     "text": f"{label(leg.origin)} to {label(leg.destination)}: {leg.cables} cable(s)"})
    return rows


def route_map(legs: list[Leg], internal: dict[str, tuple[int, str]], profiles: dict[str, str]) -> str:
    """SVG of the map. ``legs`` between two nodes; ``internal``: node -> (cables, link) of routes inside
    it; ``profiles``: country code -> link of its profile page."""
    pos = positions()
    shapes = alt.Chart(alt.Data(values=_with_links(profiles), format=alt.DataFormat(type="topojson",
                                                                                   feature="countries"))).mark_geoshape(
        stroke="#9a9a9a", strokeWidth=0.5).encode(
        color=alt.condition("datum.properties.linked", alt.value("#d9e4ef"), alt.value("#f1f1ee")),
        href="properties.href:N", description="properties.name:N")
    arrows = _arrow_rows(legs)
    lines = alt.Chart(alt.Data(values=arrows)).mark_rule(color=ARROW, opacity=0.75).encode(
        longitude="lon:Q", latitude="lat:Q", longitude2="lon2:Q", latitude2="lat2:Q",
        strokeWidth=alt.StrokeWidth("width:Q", scale=None), href="href:N", description="text:N")
    heads = alt.Chart(alt.Data(values=arrows)).mark_point(shape="triangle-right", filled=True, color=ARROW,
                                                          opacity=0.9).encode(
        longitude="lon2:Q", latitude="lat2:Q", angle=alt.Angle("angle:Q", scale=None),
        size=alt.Size("width:Q", scale=alt.Scale(range=[30, 160]), legend=None), href="href:N",
        description="text:N")
    dots = alt.Chart(alt.Data(values=[
        {"lon": pos[n][0], "lat": pos[n][1], "href": href, "cables": k,
         "text": f"inside {label(n)}: {k} cable(s)"} for n, (k, href) in internal.items()])).mark_circle(
        color="#2e6da4", opacity=0.8).encode(
        longitude="lon:Q", latitude="lat:Q", size=alt.Size("cables:Q", scale=alt.Scale(range=[40, 400]), legend=None),
        href="href:N", description="text:N")
    regions = sorted({n for leg in legs for n in (leg.origin, leg.destination) if not _is_country(n)})
    names = alt.Chart(alt.Data(values=[{"lon": pos[n][0], "lat": pos[n][1], "name": n} for n in regions])).mark_text(
        fontSize=10, fontStyle="italic", dy=-9, color="#333").encode(longitude="lon:Q", latitude="lat:Q",
                                                                    text="name:N")
    chart = alt.layer(shapes, lines, heads, dots, names).properties(width=WIDTH, height=HEIGHT).project(
        "equirectangular", scale=WIDTH / (2 * math.pi), translate=[WIDTH / 2, 215])  # latitudes 80 to -69
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    return svg.replace(f'xlink:href="{LOADER_BASE}', 'xlink:href="')


def _is_country(node_id: str) -> bool:
    return len(node_id) == 3 and node_id.isupper()

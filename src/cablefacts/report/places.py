"""Where a route's ends go on the map: a country (ISO alpha-3), or a region or group of countries.

Countries are placed at the centre of their largest shape in the Natural Earth 1:110m basemap
(``data/map/countries-110m.json``); regions, groups and the small countries the basemap draws no shape
for are placed by the documented table ``data/map/places.tsv``. Nationalities (``Kenyan``, ``Uzbeks``)
are their country; ends that are no place on a map (``neighbouring countries``, a city no table
knows) are left off.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib.resources import files

import pycountry

from ..facts.normalise import place_code

MAP_DATA = files("cablefacts") / "data" / "map"


@lru_cache(maxsize=1)
def basemap() -> dict:
    """The Natural Earth 1:110m countries as TopoJSON."""
    return json.loads((MAP_DATA / "countries-110m.json").read_text(encoding="utf-8"))


def _rings(topo: dict, geometry: dict) -> list[list[tuple[float, float]]]:
    """The outer rings of a TopoJSON polygon or multipolygon, in degrees."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]

    def arc(i: int) -> list[tuple[float, float]]:
        x = y = 0
        points = []
        for dx, dy in topo["arcs"][i if i >= 0 else ~i]:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        return points if i >= 0 else points[::-1]

    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[p for i in polygon[0] for p in arc(i)] for polygon in polygons]


def _centre(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Area and centroid (shoelace formula) of a ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Positions of the table's places, and its aliases (lower-cased) -> name."""
    lines = [line for line in (MAP_DATA / "places.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    positions, aliases = {}, {}
    for row in csv.DictReader(lines, delimiter="\t"):
        name = row["aliases"] if row["aliases"].isupper() else row["name"]  # a country: keyed by its code
        positions[name] = (float(row["lon"]), float(row["lat"]))
        for alias in [row["name"], *row["aliases"].split("|")]:
            aliases[alias.lower()] = name
    return positions, aliases


@lru_cache(maxsize=1)
def positions() -> dict[str, tuple[float, float]]:
    """Map position (lon, lat) of every country of the basemap and every place of the table."""
    topo = basemap()
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=g.get("id", "")) if g.get("id") else None
        if country is None or not g.get("arcs"):
            continue
        _, lon, lat = max(_centre(ring) for ring in _rings(topo, g))
        out[country.alpha_3] = (lon, lat)
    return {**out, **_table()[0]}


def node(code: str | None, place: str | None) -> str | None:
    """The map node of a route's end: its country's code, a region's name, or None."""
    known = positions()
    if code and code in known:
        return code
    text = " ".join((place or "").lower().split())
    name = _table()[1].get(text) or _table()[1].get(text.removesuffix("s"))
    if name:
        return name
    found = place_code(place) if place else None
    return found if found in known else None


def label(node_id: str) -> str:
    """A node's name as a person reads it."""
    country = pycountry.countries.get(alpha_3=node_id) if len(node_id) == 3 and node_id.isupper() else None
    return getattr(country, "common_name", None) or getattr(country, "name", None) or node_id

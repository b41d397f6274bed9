"""Documents that are not cables: TIP narratives (the World Factbook's "Trafficking in persons" field).

A narrative is one record ``{"id", "edition", "country", "text"}`` of a JSON Lines file
(``corpus/factbook.jsonl`` ships the whole field, public domain). It becomes a ``Cable`` whose body
is the text itself (raw and body offsets are equal), dated to its edition, with one paragraph per
section (``current situation:``, ``tier rating:``) and the country in its subject, so the reader's
consumers (gold store, DocBin, facts) take it as they take a cable.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import pycountry

from .cable import Cable, Paragraph
from .cable.model import OffsetMap

# Factbook country names that pycountry does not resolve by name, or resolves to the wrong entry
FACTBOOK_NAMES = {
    "Bahamas, The": "BHS", "Burma": "MMR", "Burma (Myanmar)": "MMR", "Cabo Verde": "CPV",
    "Congo, Democratic Republic of the": "COD", "Congo, Republic of the": "COG", "Cote d'Ivoire": "CIV",
    "Curacao": "CUW", "Gambia, The": "GMB", "Iran": "IRN", "Korea, North": "PRK", "Korea, South": "KOR",
    "Laos": "LAO", "Macau": "MAC", "Micronesia, Federated States of": "FSM", "Moldova": "MDA",
    "Russia": "RUS", "Syria": "SYR", "Taiwan": "TWN", "Tanzania": "TZA", "Turkey": "TUR",
    "Venezuela": "VEN", "Vietnam": "VNM", "Bolivia": "BOL", "Brunei": "BRN", "Sint Maarten": "SXM",
    "Timor-Leste": "TLS", "Eswatini": "SWZ", "Hong Kong": "HKG",
}
SECTION = re.compile(r"(?:^|\s)(current situation|tier rating):", re.I)


class NarrativeError(Exception):
    """A narrative record that lacks a field or whose country cannot be named."""


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a Factbook country name (``Korea, North`` -> ``PRK``)."""
    if name in FACTBOOK_NAMES:
        return FACTBOOK_NAMES[name]
    country = pycountry.countries.get(name=name) or pycountry.countries.get(common_name=name)
    return country.alpha_3 if country else None


def _paragraphs(text: str) -> list[Paragraph]:
    starts = [m.start(1) for m in SECTION.finditer(text)] or [0]
    starts[0] = 0
    bounds = [*starts, len(text)]
    out = []
    for a, b in pairwise(bounds):
        chunk = text[a:b]
        end = a + len(chunk.rstrip())
        if end > a:
            out.append(Paragraph(None, a, end))
    return out


def narrative_cable(record: dict) -> Cable:
    """A ``Cable`` holding one narrative: body = text, one paragraph per section."""
    try:
        doc_id, edition, name, text = record["id"], int(record["edition"]), record["country"], record["text"]
    except (KeyError, TypeError, ValueError) as e:
        raise NarrativeError(f"narrative record lacks {e}") from None
    code = country_code(name)
    country = pycountry.countries.get(alpha_3=code) if code else None
    offsets = OffsetMap()
    offsets.add(0, 0, len(text))
    subject = f"{getattr(country, 'name', name)}: trafficking in persons (World Factbook {edition})"
    return Cable(id=doc_id, date=datetime(edition, 1, 1), date_precision="year", origin=None,
                 classification="UNCLASSIFIED", tags=["KTIP"], subject=subject, references=[], signer=None,
                 body=text, paragraphs=_paragraphs(text), offsets=offsets, raw=text,
                 warnings=[] if code else [f"{doc_id}: no ISO code for the country {name!r}"], country=code)


def read_narratives(path: Path) -> dict[str, dict]:
    """Records of a narratives JSON Lines file by id; a line that is not a record raises ``NarrativeError``."""
    out = {}
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            out[rec["id"]] = rec
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise NarrativeError(f"{path}:{k}: not a narrative record ({e})") from None
    return out

"""Consolidation over real near-duplicate cables: a fact stated by several copies is one record
counted once, and two cables giving different counts for one country and year are flagged."""

import json
import sqlite3
from collections import Counter

from cablefacts.report.consolidate import consolidate, load_store
from cablefacts.report.model import build_model, figures, totals

from .conftest import NEAR_DUPLICATES, OTHER


def test_each_consolidated_fact_is_counted_once(sanjose_store):
    facts, cables = load_store(sanjose_store)
    records, _ = consolidate(facts, cables)
    assert sum(len(r.mentions) for r in records) == len(facts)  # every fact is a mention of exactly one record
    keys = Counter((r.type, r.country, r.year, json.dumps(r.fields, sort_keys=True)) for r in records)
    assert max(keys.values()) == 1
    shared = [r for r in records if len(r.cables & set(NEAR_DUPLICATES)) >= 2]
    assert len(shared) >= 5 and {"victims", "cases", "provision", "money"} <= {r.type for r in shared}
    assert all(len(r.sources) == 1 for r in shared if r.cables <= set(NEAR_DUPLICATES))  # one group, one source
    con = sqlite3.connect(sanjose_store)
    stored = con.execute("SELECT COUNT(*), SUM(mentions) FROM consolidated").fetchone()
    assert stored == (len(records), len(facts))


def test_victims_total_is_a_stated_count_not_a_sum_of_copies(sanjose_store):
    rep = build_model(sanjose_store)
    values = figures(rep, "victims")
    stated = {f["count"] for f in rep.facts if f["type"] == "victims"}
    assert values and all(v in stated for v, _ in values.values())
    by_year = totals({k: v for k, v in values.items() if k[0] == "CRI"}, 1)
    stated_2008 = [f["count"] for f in rep.facts if f["type"] == "victims" and rep.year(f) == 2008]
    assert 347 in stated_2008
    assert by_year[2008] == max(stated_2008) < sum(stated_2008)  # the copies' counts are not added


def test_a_conflicting_pair_is_flagged(sanjose_store):
    con = sqlite3.connect(sanjose_store)
    rows = con.execute("SELECT type, country, year, \"values\" FROM conflicts").fetchall()
    flagged = [json.loads(v) for t, c, y, v in rows if (t, c, y) == ("victims", "CRI", 2008)]
    assert flagged, rows
    values = flagged[0]
    assert values["347"] == [OTHER] and "08SANJOSE911" in values["2"]
    linked = con.execute("SELECT COUNT(*) FROM consolidated WHERE conflict IS NOT NULL AND type = 'victims' "
                         "AND country = 'CRI' AND year = 2008").fetchone()[0]
    assert linked >= 2

"""``gate.measure``: paragraphs that pass the relevance gate, and the gold facts whose paragraph passes."""

from cablefacts.cable import read_cable_file
from cablefacts.pipeline.gate import is_relevant, measure
from tests.conftest import SEED


def test_measure_counts_paragraphs_and_the_facts_they_keep():
    cable = read_cable_file(SEED / "07ASTANA614.txt")
    passing = [p for p in cable.paragraphs if is_relevant(cable.paragraph_text(p))]
    failing = [p for p in cable.paragraphs if p not in passing]
    assert passing and failing
    before_body = cable.paragraphs[0].start - 1  # header text: a fact there is never read
    starts = [passing[0].start, passing[-1].end - 1, failing[0].start, before_body]
    m = measure([(cable, starts)])
    assert (m.paragraphs, m.passed) == (len(cable.paragraphs), len(passing))
    assert (m.facts, m.facts_kept) == (4, 2)


def test_an_archive_without_facts_gives_its_pass_rate():
    cables = [read_cable_file(p) for p in sorted(SEED.glob("*.txt"))]
    m = measure((c, ()) for c in cables)
    assert m.facts == 0 and 0 < m.passed < m.paragraphs == sum(len(c.paragraphs) for c in cables)

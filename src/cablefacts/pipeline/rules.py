"""``cablefacts_rules``: finds the schema's entities with patterns (the rules-only pipeline).

In: a paragraph ``Doc``. Out: ``doc.ents`` set to ARTICLE, LAW, PENALTY, VICTIM_COUNT, CASE_COUNT,
MONEY, GPE, NORP, DATE and TIER spans, never overlapping (longer spans win). With ``overwrite =
false`` it keeps the entities it finds (a statistical NER's) and only adds what they miss; ``labels``
restricts it to the labels where the patterns are exact.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..currencies import after_pattern, before_pattern
from ..places import DEMONYMS, GENERIC_PLACES, PLACES, place_code
from .general_spans import SPANS_KEY

NUM = (r"(?i:(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?[-\u2013]\s?\d[\d,]*)?"
       r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
       r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
       r"ninety|hundred)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine|hundred))*|both)")
APPROX = r"(?:(?:about|nearly|approximately|over|more than|at least|almost|some|roughly|up to|only)\s+)?"
VICTIM_HEADS = (r"(?:victims?|women|woman|girls?|men|man|boys?|children|child|minors?|people|persons|females?|"
                r"males?|individuals|workers|nationals|citizens)")
CASE_HEADS = (r"(?:investigations?|prosecutions?|cases?|convictions?|offenders?|traffickers?|arrests?|suspects?|"
              r"(?:co-)?defendants?|indictments?|criminal cases|(?<=trafficking\s)crimes|"
              r"(?<=trafficking-related\s)crimes)")
# alternative counts (``six or seven investigations``): one count, the first number written (GUIDELINES.md)
OR_NUM = rf"(?:\s+or\s+{NUM})?"
MODIFIERS = r"(?:(?!(?:for|of|in|to|and|from|by|per|with)\b)[A-Za-z-]+\s+){0,3}?"
# codes and symbols before an amount, names after it (``cablefacts.currencies``)
CURRENCY_BEFORE = before_pattern()
CURRENCY_AFTER = after_pattern()
SCALE = r"(?:\s*(?i:million|billion|trillion|thousand|lakhs?|crores?)|\s?(?:K|M|MM|mn|mln|bn|B)\b)?"
YEARS = r"(?:years?|months?|year's)"
RANGE_SEP = r"\s*[-\u2013]?\s*(?:to|and)?\s*[-\u2013]?\s*"  # ``5-10``, ``five to ten``, ``ten-to-fifteen``

PATTERNS: list[tuple[str, str]] = [
    # ``Tier II Special Watch List`` is 2WL (GUIDELINES.md); a terrorist or visa watchlist is no tier
    ("TIER", r"(?i:\bTier\s*(?:1|2|3|I{1,3}|One|Two|Three)"
             r"(?:(?:[\s-]+of\s+the)?(?:[\s-]+Special)?[\s-]+Watch[\s-]?list)?"
             r"|(?<!terrorist\s)(?<!terrorism\s)(?<!terror\s)(?<!visa\s)(?<!security\s)\bWatch[\s-]?list\b)"),
    ("ARTICLE", r"\b[Aa]rt(?:icles?|\.)\s+\d+(?:[-.]\d+)?(?:\s?(?:bis|ter|quater))?[a-z]?(?:\s?\(\w{1,3}\))*"),
    ("LAW", r"\b(?:(?:Criminal|Penal|Administrative|Labou?r)\s+Code|Code\s+of\s+Criminal\s+Procedure|"
            r"Criminal\s+Procedur(?:e|al)\s+Code|[Cc]riminal\s+[Cc]ode|[Pp]enal\s+[Cc]ode|[Aa]dministrative\s+[Cc]ode|"
            r"TVPA|TVPRA(?: of 2008)?|Trafficking Victims Protection (?:Reauthorization )?Act|Child Law|"
            r"Law\s+(?:No\.\s*)?\d+[\d.,/]*(?:\s+of\s+\d{4})?|Constitution\b|"
            # a named act: ``the Extradition Law``, ``Victim and Witness Protection Act``, ``Law for Combating
            # Prostitution``
            r"(?!(?:The|This|That|These|Its|Their|Such|New|Under|In|A|An)\s)(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)*\s+"
            r"(?:(?:and|on|of|for|against)\s+)?){1,5}(?:Law|Act|Decree)\b(?!\s+(?:No\.|\d))|"
            r"\bLaw\s+(?:on|for|against)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:(?:in|of|and|against)\s+)?[A-Z][a-z]+){0,5})"),
    ("PENALTY", rf"\b(?:(?:a\s+)?fine\s+and\s+)?(?:up to|from|between)?\s*{NUM}{RANGE_SEP}(?:{NUM}\s+)?"
                rf"{YEARS}(?:\s+(?:of|in)\s+(?:imprisonment|prison|jail)|'?\s*imprisonment|(?:\s+prison|\s+jail)?\s+"
                r"sentences?)"
                rf"|\b(?:imprisonment|prison|jail)\s+(?:terms?\s+)?(?:of|from|for)\s+(?:up to\s+|between\s+)?{NUM}"
                rf"{RANGE_SEP}(?:{NUM}\s+)?{YEARS}"
                r"|\blife imprisonment\b|\bsuspended sentences?\b|(?<=sentenced to )(?:prison|jail)\b"
                r"|\bprison sentences?\b|\bjail terms?\b"
                rf"|\b(?:a\s+)?(?:prison\s+|jail\s+)?(?:term|sentence)s?\s+of\s+(?:up to\s+|from\s+|between\s+)?{NUM}"
                rf"\s*(?:-|–|to|and)?\s*(?:{NUM}\s+)?{YEARS}"
                rf"|\b(?:an?\s+)?{NUM}\s*(?:-to-|-|–|to)\s*{NUM}(?:[\s-]+years?'?)?[\s-]+(?:prison\s+|jail\s+)?(?:term|sentence)s?\b"
                rf"|\b(?:range|ranging)\s+from\s+(?:between\s+)?{NUM}\s*(?:-|–|to|and)\s*{NUM}\s+{YEARS}"),
    ("MONEY", rf"{APPROX}{CURRENCY_BEFORE}\s?\d[\d,]*(?:\.\d+)?{SCALE}"
              rf"|{APPROX}\d[\d,]*(?:\.\d+)?{SCALE}\s+{CURRENCY_AFTER}"),
    # the head is the last of the head nouns in a row (``50 child victims``)
    ("VICTIM_COUNT", rf"(?<![$\d,.])\b{APPROX}{NUM}\s+{MODIFIERS}{VICTIM_HEADS}\b(?!\s+{VICTIM_HEADS}\b)"),
    ("CASE_COUNT", rf"(?<![$\d,.])\b{APPROX}{NUM}{OR_NUM}\s+{MODIFIERS}{CASE_HEADS}\b(?!\s+{CASE_HEADS}\b)"),
    ("DATE", r"\b(?:19[89]\d|20[01]\d)\b"),
]

# a term of years written bare (``the penalty is from two to four years``, ``Article 161 imposes a penalty of up to
# eight years``, ``or eighteen years maximum``) is a PENALTY where its clause speaks of punishment before it
BARE_TERM = re.compile(rf"(?<![\w-])(?:(?:up to|from|between)\s+|(?:from\s+)?fines?\s+to\s+)?{NUM}"
                       rf"(?:\s+years?(?:\s+and\s+a\s+day)?)?{RANGE_SEP}(?:{NUM}\s+)?{YEARS}(?:\s+maximum)?"
                       r"(?!\s+(?:old|of\s+age|ago|earlier|later|after|before|since|in\s+a\s+row)\b)", re.I)
_PENAL_BEFORE = re.compile(r"(?:penalt|punish|imprison|sentenc|prison|jail|sanction|\bfaces?\b|\bterms?\b|"
                           r"\bcarr(?:y|ies)\b|\bmaximum\b)(?:(?![.;]\s).)*$", re.I | re.S)
# an age, a span of time or an extra restriction is no term of imprisonment
_NOT_TERM_BEFORE = re.compile(r"\b(?:aged?|under|over|least|than|past|last|next|first|within|after|every|each|"
                              r"additional|age\s+of)\s+(?:the\s+age\s+of\s+)?$", re.I)
ARTICLE_NUMBER = r"\d+(?:[-.]\d+)?(?:\s?(?:bis|ter|quater))?[a-z]?(?:\s?\(\w{1,3}\))*"
# the further items of "Articles 128, 133, 125(3)(b), and 270" (and the end of "Articles 156 to 163"): each is an
# ARTICLE of its own (``y`` joins a list quoted in Spanish: ``Articles 172, 208, ... 325 y 387``)
ARTICLE_LIST = re.compile(rf"\b[Aa]rticles\s+{ARTICLE_NUMBER}"
                          rf"((?:\s*(?:,|and|or|y|,\s*and|\bto\b)\s*{ARTICLE_NUMBER})+)")
ARTICLE_ITEM = re.compile(ARTICLE_NUMBER)
_AGREEMENT_AFTER = re.compile(r"\s+(?:agreements?|waivers?)\b", re.I)
# places named by kind, the ends of internal routes and of vague ones (``from rural areas to urban centers``)
GENERIC_PLACE = re.compile(GENERIC_PLACES)
# a regional adjective before ``countries`` names a group of countries (``Central Asian and Eastern European
# countries``): a place, not a nationality
COUNTRIES_AFTER = re.compile(r"(?:\s+(?:and|or)\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)*\s+(?:countries|states|nations)\b")
# ``U.S. executive directors``, ``U.S. Embassy``: the country as an adjective, not a place
_US_ADJECTIVE = re.compile(r"U\.?S\.?\s+(?!(?:and|or|in|via|from|through|to|for|by|with|as|is|was|are|were)\b)"
                           r"(?:[a-z]|(?:Embassy|Government|Ambassador|Mission|Citizens?|Congress|Department|"
                           r"President|Consulate|Navy|Army|Military|Attorney)\b)")
_OFFENDERS_AFTER = re.compile(r"\s+(?:(?:were|was|have\s+been|had\s+been)\s+(?:each\s+|all\s+|later\s+)?"
                              r"(?:arrested|convicted|sentenced|prosecuted|indicted|charged|detained|apprehended|tried)\b"
                              r"|(?:each\s+)?(?:received|were\s+given)\s+(?:\S+\s+){0,3}(?:prison|jail)?\s*(?:sentences?|terms?)\b)",
                              re.I)
# a count whose head noun is left out, the clause having named it (``dropping from 50 investigations to 16``,
# ``from the initiation of 12 prosecutions in 2013 to 1 in 2014``, ``no convictions were made, down from one in
# 2013``), and a part of a group counted at a later stage (``four offenders ..., three of whom were convicted``)
_BARE_END = r"(?=\s*(?:[,;.)]|\s+in\s+(?:19|20)\d\d\b|$))"
ELIDED_COUNTS = [
    re.compile(rf"\bfrom\s+(?:the\s+\w+\s+of\s+)?{NUM}\s+{MODIFIERS}(?P<head>{CASE_HEADS}|victims)\b[^;.]{{0,30}}?"
               rf"\bto\s+(?:just\s+|only\s+)?(?P<n>{NUM}){_BARE_END}"),
    re.compile(rf"\b(?P<head>{CASE_HEADS}|victims)\b[^;.]{{0,40}}?\b(?:down|up)\s+from\s+(?P<n>{NUM}){_BARE_END}"),
    # both ends of a range of estimates (``NGOs estimate that between 150,000 and 300,000 children work in domestic
    # servitude``)
    re.compile(rf"\bbetween\s+(?P<n>{NUM})\s+and\s+{NUM}\s+{MODIFIERS}(?P<head>{VICTIM_HEADS}|{CASE_HEADS})\b"),
    re.compile(rf"\b(?P<head>{CASE_HEADS})\b[^;.]{{0,60}}?,\s+(?P<n>{NUM})\s+of\s+(?:whom|them)\s+(?:were|was|had\s+been|"
               r"have\s+been)\s+(?:later\s+)?(?:convicted|sentenced|prosecuted|indicted|charged|arrested)\b"),
]
# a line of a statistics table (``Number of crimes on which criminal cases were prosecuted: 13 (10)``, ``Number of
# people convicted to date: 5``): the figure, and the previous period's in brackets, are counts of the stage the
# label names
STAT_LINE = re.compile(rf"\bNumber\s+of\s+(?P<label>[^:;.]{{3,80}}?):\s*(?P<n>{NUM})(?:\s*\((?P<m>{NUM})\))?")
_STAT_COUNTED = re.compile(r"\b(?:cases|crimes|people|persons|offenders|suspects|traffickers)\b", re.I)
_STAT_STAGE = re.compile(r"prosecut|registered|investigat|convict|arrest|detain|opened|initiated|sentenc", re.I)
# people named by their nationality (``the forced labor of four Vietnamese``, ``the case of 11 Indonesians rescued from
# forced labor``, ``400-500 Dominicans were trafficked``): a count of people where the nationality ends the phrase
NATIONALS = re.compile(rf"(?<![$\d,.])\b{APPROX}{NUM}\s+(?:more\s+|other\s+)?(?P<d>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
                       r"(?!-|\s+[A-Z])")
# offenders sentenced, whatever their head noun: a number of them (``two auditors with the powerful Comptroller's
# Office were each sentenced to nine years``), or one named without a number (``A Korean boat captain was sentenced
# to six years``, ``The husband was sentenced to 12 months' and the wife to four months' imprisonment``)
_SENTENCED_AFTER = (r"\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+(?:each\s+|all\s+|later\s+|also\s+)?"
                    r"sentenced\b")
# a number of people charged, indicted, convicted or arrested, whatever their head noun (``Six active police officials
# were charged``): offenders
_CHARGED_AFTER = (r"\s+(?:were|have\s+been|had\s+been)\s+(?:each\s+|all\s+|later\s+|also\s+|formally\s+)?"
                  r"(?:charged|indicted|convicted|arrested)\b")
OFFENDERS = [
    re.compile(rf"(?<![$\d,.])\b(?P<n>{APPROX}{NUM}\s+{MODIFIERS}[a-z]+s)\b"
               rf"(?=(?:\s+(?:with|of|from|in|at)\s+[^,;.()]{{0,60}}?)?{_SENTENCED_AFTER})"),
    re.compile(rf"(?<![$\d,.])\b(?P<n>{APPROX}{NUM}\s+{MODIFIERS}[a-z]+s)\b(?={_CHARGED_AFTER})"),
    re.compile(r"\b(?P<n>(?:A|An|The)\s+(?:[\w'-]+\s+){0,3}?[a-z]+)(?=\s+(?:was|has\s+been|had\s+been)\s+"
               r"(?:later\s+|also\s+)?sentenced\s+to\b)"),
]
# the second of two offenders sharing the verb (``... and the wife to four months' imprisonment``)
SHARED_SENTENCE = re.compile(rf"\band\s+(?P<n>(?:the|a|an)\s+(?:[\w'-]+\s+){{0,2}}?[a-z]+)(?=\s+to\s+{NUM}\s+{YEARS})")
# a term in prison without its length (``sentencing four traffickers to prison``)
TO_PRISON = re.compile(r"\bsentenc\w*\s+(?:[^.;]{0,50}?\s)?to\s+(?P<n>prison|jail)\b")
_COUNT_CONTEXT = re.compile(r"(?i:traffick|victim|exploit|prostitut|forced)|\bTIP\b")
_CASE_WORDS = re.compile(r"(?i:traffick|convict|prosecut|investigat|arrest|sentenc)|\bTIP\b")


@lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern:
    """Country names (pycountry), the project's place table and demonyms, longest first."""
    import pycountry

    names = set(PLACES) | {c.name for c in pycountry.countries}
    names |= {getattr(c, "common_name", c.name) for c in pycountry.countries}
    names = {n for n in names if (len(n) > 3 or n.isupper()) and not n.startswith("the ")}
    names |= {n.upper() for n in PLACES if len(n) <= 3 and n != "car"}  # UK, US, UAE, EU, CIS, DRC
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    demonyms = sorted((re.escape(d) for d in DEMONYMS), key=len, reverse=True)
    return re.compile(r"\b(?P<gpe>" + "|".join(alts) + r")(?!\w)|\b(?P<norp>" + "|".join(demonyms) + r")s?\b", re.I)



# a short form defined after the place it stands for (``Central African Republic (CAR)``)
_ABBREVIATION = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]{1,4})\)")


def _defined_abbreviations(doc: Doc, spans: list[Span]) -> list[Span]:
    """Every use of a short form the paragraph defines after a place (``Central African Republic (CAR) ...
    between CAR and Cameroon``), where the place table reads it as that place: ``CAR`` is a country only
    where the text says so."""
    text, out = doc.text, []
    for s in spans:
        m = _ABBREVIATION.match(text, s.end_char) if s.label_ == "GPE" else None
        if m is None or (code := place_code(m.group("abbr"))) is None or code != place_code(s.text):
            continue
        for use in re.finditer(rf"\b{m.group('abbr')}\b", text):
            span = doc.char_span(use.start(), use.end(), label="GPE")
            if span is not None:
                out.append(span)
    return out


@Language.factory("cablefacts_rules", default_config={"overwrite": True, "labels": None, "prefer": []},
                  assigns=["doc.ents"])
def make_rules(nlp: Language, name: str, overwrite: bool, labels: list[str] | None, prefer: list[str]
               ) -> EntityRules:
    """``labels`` restricts the rules to some labels (those where they are exact), e.g. to feed the NER;
    without ``overwrite``, the spans of the labels in ``prefer`` still replace the entities they overlap."""
    return EntityRules(overwrite, labels, prefer)


class EntityRules:
    """Pattern matcher over the doc's text; keeps counts only where the paragraph is about trafficking."""

    def __init__(self, overwrite: bool = True, labels: list[str] | None = None, prefer: list[str] | None = None
                 ) -> None:
        self.overwrite = overwrite
        self.only = set(labels) if labels else None
        self.prefer = set(prefer or [])
        self.compiled = [(label, re.compile(p)) for label, p in PATTERNS]

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans: list[Span] = []
        relevant = bool(_COUNT_CONTEXT.search(text))
        for label, rx in self.compiled:
            for m in rx.finditer(text):
                if label in ("VICTIM_COUNT", "CASE_COUNT", "DATE", "PENALTY", "MONEY") and not relevant:
                    continue
                if label == "CASE_COUNT" and not _CASE_WORDS.search(text[max(0, m.start() - 80) : m.end() + 80]):
                    continue
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        if relevant:
            for rx in ELIDED_COUNTS:
                for m in rx.finditer(text):
                    label = "CASE_COUNT" if re.fullmatch(CASE_HEADS, m.group("head"), re.I) else "VICTIM_COUNT"
                    span = doc.char_span(m.start("n"), m.end("n"), label=label, alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(span)
            for m in STAT_LINE.finditer(text):
                if not (_STAT_COUNTED.search(m.group("label")) and _STAT_STAGE.search(m.group("label"))):
                    continue
                for g in ("n", "m"):
                    if m.group(g) and re.search(r"[1-9]", m.group(g)):
                        span = doc.char_span(m.start(g), m.end(g), label="CASE_COUNT", alignment_mode="contract")
                        if span is not None and len(span):
                            spans.append(span)
            for m in NATIONALS.finditer(text):
                if re.search(r"[(,]\s*$|\b\w+\s+[A-Z][a-z]+\s+and\s+$", text[: m.start()]) or \
                        re.match(r"\s+and\s+(?:an?|one|\d+|two|three)\s+[A-Z]", text[m.end() :]):
                    continue  # a breakdown of a group counted (``two women (one Chilean and one Peruvian)``)
                d = m.group("d").lower()
                plural = d.endswith("s") and (d[:-1] in DEMONYMS or d[:-2] + "an" in DEMONYMS)
                # an invariant one (``Vietnamese``) only where no noun follows it (``four Chinese companies``)
                if plural or (d in DEMONYMS and not re.match(r"\s+[a-z]+(?<!were)(?<!who)(?<!and)\b", text[m.end():])):
                    span = doc.char_span(m.start(), m.end(), label="VICTIM_COUNT", alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(span)
            offenders = [m for rx in OFFENDERS for m in rx.finditer(text)]
            offenders += [m for m in SHARED_SENTENCE.finditer(text)
                          if re.search(r"\bsentenced\s+to\b[^.;]*$", text[: m.start()])]
            for m in offenders:
                span = doc.char_span(m.start("n"), m.end("n"), label="CASE_COUNT", alignment_mode="contract")
                if span is not None and len(span):
                    spans = [s for s in spans if (s.start, s.end) != (span.start, span.end)] + [span]
            for m in TO_PRISON.finditer(text):
                span = doc.char_span(m.start("n"), m.end("n"), label="PENALTY", alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        if relevant:
            for m in BARE_TERM.finditer(text):
                before = text[max(0, m.start() - 120) : m.start()]
                if _PENAL_BEFORE.search(before) and not _NOT_TERM_BEFORE.search(before):
                    span = doc.char_span(m.start(), m.end(), label="PENALTY", alignment_mode="contract")
                    if span is not None and len(span):
                        spans.append(span)
        for m in ARTICLE_LIST.finditer(text):
            for item in ARTICLE_ITEM.finditer(text, m.start(1), m.end(1)):
                span = doc.char_span(item.start(), item.end(), label="ARTICLE", alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
        if relevant:
            for m in GENERIC_PLACE.finditer(text):
                span = doc.char_span(m.start(), m.end(), label="GPE", alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
            for m in _place_pattern().finditer(text):
                label = "GPE" if m.group("gpe") or COUNTRIES_AFTER.match(text, m.end()) else "NORP"
                lower = m.group(0)[0].islower() and not m.group(0).startswith("sub-")
                if lower or _US_ADJECTIVE.match(text, m.start()):
                    continue
                span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="contract")
                if span is not None and len(span):
                    spans.append(span)
            spans += _defined_abbreviations(doc, spans)
            # a pretrained NER's places (``cablefacts_general_spans``) where no pattern found one
            for g in doc.spans.get(SPANS_KEY, []):
                if not any(s.start < g.end and g.start < s.end for s in spans if s.label_ in ("GPE", "NORP")):
                    spans.append(Span(doc, g.start, g.end, label=g.label_))
        # ``an Article 98 agreement`` (not to surrender a country's citizens to the ICC) names a kind of treaty, no
        # article of a law
        spans = [s for s in spans if s.label_ != "ARTICLE" or not _AGREEMENT_AFTER.match(text, s.end_char)]
        # an amount, a term of years or an article is never a count (``a 5-10 prison term on individuals who ...``,
        # ``Article 120, a conviction for rape``)
        money = [s for s in spans if s.label_ in ("MONEY", "PENALTY", "ARTICLE")]
        spans = [s for s in spans if s.label_ not in ("VICTIM_COUNT", "CASE_COUNT")
                 or not any(m.start < s.end and s.start < m.end for m in money)]
        # people arrested, charged, convicted or sentenced are offenders (GUIDELINES.md: ``[four men] have been
        # arrested``): a CASE_COUNT
        spans = [Span(doc, s.start, s.end, label="CASE_COUNT") if s.label_ == "VICTIM_COUNT" and _OFFENDERS_AFTER.match(
            text, s.end_char) else s for s in spans]
        dates = [s for s in spans if s.label_ == "DATE"]
        figures = [s for s in spans if s.label_ in ("VICTIM_COUNT", "CASE_COUNT", "MONEY", "TIER")]
        keep_dates = [d for d in dates if any(abs(d.start - f.start) < 25 for f in figures)]
        spans = [s for s in spans if s.label_ != "DATE"] + keep_dates
        if self.only is not None:
            spans = [s for s in spans if s.label_ in self.only]
        if self.overwrite:
            ents = filter_spans(spans)
        else:  # keep the entities already there (the NER's) but where a preferred rule span overlaps them;
            # add the rule spans that overlap none of them
            preferred = filter_spans([s for s in spans if s.label_ in self.prefer])
            over = {i for s in preferred for i in range(s.start, s.end)}
            kept = [e for e in doc.ents if not over.intersection(range(e.start, e.end))]
            taken = {i for e in kept for i in range(e.start, e.end)} | over
            rest = [s for s in spans if s.label_ not in self.prefer and not taken.intersection(range(s.start, s.end))]
            ents = [*kept, *preferred, *filter_spans(rest)]
        doc.ents = sorted(ents, key=lambda s: s.start)
        return doc

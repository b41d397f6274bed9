"""Fact assembly: paragraph docs with entities and ``doc._.relations`` -> facts of FACTS.md (v1)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from spacy.tokens import Doc, Span

from ..cable import Cable
from ..pipeline.routes import PERSON, TO_THE_COUNTRY_KEY
from ..places import DEMONYMS, INTERNAL_PLACE
from . import confidence as C
from . import normalise as N
from .provenance import provenance

SCHEMA_VERSION = "1"


@dataclass
class Fact:
    """One fact: its type, its fields, and provenance into the cable's body."""

    type: str
    cable: str | None
    paragraph: str | None
    start: int
    end: int
    text: str
    confidence: float
    fields: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = asdict(self)
        return {**{k: d[k] for k in ("type", "cable", "paragraph", "start", "end", "text", "confidence")},
                **d["fields"]}


def _exploitation(text: str) -> str | None:
    t = text.lower()
    sexual = bool(re.search(r"sex|prostitut|brothel", t))
    labor = bool(re.search(r"labou?r|domestic servitude|work", t))
    return "sexual" if sexual and not labor else "labor" if labor and not sexual else None


_HEAD_STAGES = (("investigation", "investigation"), ("prosecution", "prosecution"), ("indictment", "prosecution"),
                 ("conviction", "conviction"), ("arrest", "arrest"), ("convicted", "conviction"),
                 ("prosecuted", "prosecution"), ("indicted", "prosecution"), ("detained", "arrest"))
_STAGE_CUES = re.compile(r"(?P<conviction>convict|sentenc|found\s+guilty|guilty\s+verdict)|"
                         r"(?P<prosecution>prosecut(?!or)|indict|trial|(?<!supreme\s)(?<!civil\s)court|charged|charges|acquit|"
                         r"tried\b)|"
                         r"(?P<investigation>investigat(?!or)|inquir|probe)|"
                         r"(?P<arrest>arrest|apprehend|detain|detention|caught)|"
                         r"(?P<case>\bopen(?:ed|s)?\b|\bregistered\b|\breceived\b(?!\s+(?:\S+\s+){0,3}(?:sentences?|terms?)\b)|"
                         r"\binitiated\b)", re.I)
# the verb of the count's own clause (``19 cases ... were investigated by``) names its stage before any cue nearby
_OWN_VERB = re.compile(r"^(?![^;.,]{0,50}?\b(?:who|whom|which|that)\b)[^;.,]{0,50}?"
                       r"\b(?:were|was|have\s+been|had\s+been|are|being|is)\s+(?:\w+\s+)?[\"']?"
                       r"(?=\w+ed\b)", re.I)


# the state of the count's own clause (``only one case of potential child labor trafficking was under investigation``)
_UNDER = re.compile(r"^(?![^;.,]{0,50}?\b(?:who|whom|which|that)\b)[^;.,]{0,60}?"
                    r"\b(?:were|was|are|is|remain(?:ed|s)?)\s+(?:still\s+)?"
                    r"(?:under|pending)\s+(investigation|prosecution|trial)\b", re.I)


def _stage(span: str, before: str, after: str) -> str:
    """The stage a count's own head noun names, else the verb of its own clause (``19 cases ... were
    investigated``, ``was under investigation``), else the cue word nearest to it in its clause (the verb before,
    ``prosecuted 30 cases``, or after, ``ten cases went to trial``), else ``prosecution`` for defendants and
    ``case`` for the rest."""
    head = span.lower()
    for word, stage in _HEAD_STAGES:
        if word in head:
            return stage
    before = re.split(r"[;.]\s", before)[-1][-60:]
    if re.search(r"\band\s*$", before):  # "fifteen went to court and 10 cases ended in convictions"
        before = ""
    after = re.split(r"[;.](?:\s|$)", after)[0][:80]
    own = _OWN_VERB.match(after)
    verb = _STAGE_CUES.match(after, own.end()) if own else None
    if verb:
        return next(k for k, v in verb.groupdict().items() if v)
    under = _UNDER.match(after)
    if under:
        return "investigation" if under.group(1).lower().startswith("investig") else "prosecution"
    cues = [(len(before) - m.end(), k) for m in _STAGE_CUES.finditer(before) for k, v in m.groupdict().items() if v]
    cues += [(m.start(), k) for m in _STAGE_CUES.finditer(after) for k, v in m.groupdict().items() if v]
    if cues:
        return min(cues)[1]
    return "prosecution" if re.search(r"defendants?\b", head) else "case"  # people on trial


# a number that names an article, a law or a share, not a count
_NOT_A_COUNT_BEFORE = re.compile(r"(?:\bArt(?:icles?|\.)|\bLaw|\bNo\.|\bDecree|\bResolution|\bparagraph|\bSection)\s*$",
                                 re.I)
_TIP_WORDS = re.compile(r"traffick|victim|exploit|rescu|forced|prostitut|brothel|\bsold\b|enslav|servitude|"
                        r"bonded|repatriat|identified|TIP\b", re.I)
# words that name trafficking (of people): a paragraph or subject about it
_TRAFFICKING = re.compile(r"(?<!drug\s)(?<!drugs\s)(?<!arms\s)(?<!narcotics\s)(?<!weapons\s)traffick"
                          r"(?!\w*\s+(?:of|in)\s+(?:illicit|illegal|drugs?|narcotics|arms|weapons|goods|contraband|cocaine))|\bTIP\b|forced\s+(?:labou?r|prostitution|begging|marriage)|"
                          r"sexual(?:ly)?\s+exploit|commercial\s+sex|servitude|slave|prostitut|bonded|brothel|"
                          r"debt\s+bondage", re.I)
# counts of people who are not trafficked: populations, officials and staff, trainees, migrants in general
_OTHER_PEOPLE = re.compile(r"\btrain|\bscreen(?:ed|ing)\b|seminar|workshop|officers?\b|officials|inspectors|judges|"
                           r"prosecutors|staff|deport|legal\s+residence|population|conference|symposium|participants|attend|"
                           r"administrative\s+violation|amnesty|returned\s+to\s+their\s+home|percent|%|"
                           r"employees|students|teachers|policemen|volunteers|journalists|beneficiar|capacity|"
                           r"space\s+for|maximum\s+of|\breached\b|outreach|provides\s+care|at\s+risk", re.I)
_CASE_VERB_BEFORE = re.compile(r"(?:arrest|convict|sentenc|prosecut|indict|charg|detain|apprehend)\w*"
                               r"(?:\s+(?:and|or)\s+\w+(?:\s+\w+){0,3})?\s+(?:of\s+|against\s+)?"
                               r"(?:an?\s+additional\s+|at\s+least\s+|a\s+total\s+of\s+)?$", re.I)
_CASE_VERB_AFTER = re.compile(r"^[^;.]{0,40}?\b(?:were|was|have\s+been|had\s+been|are|being)\s+(?:\w+\s+)?"
                              r"(?:arrested|convicted|sentenced|prosecuted|indicted|charged|detained|apprehended|tried)"
                              r"|^\s+(?:each\s+)?(?:received|were\s+given|got)\s+(?:\S+\s+){0,3}(?:prison|jail)?\s*"
                              r"(?:sentences?|terms?)",
                              re.I)


# worldwide boilerplate (ILO estimates of victims and profits) is about no country
WORLDWIDE = re.compile(r"\bworld-?wide\b|\bglobal(?:ly)?\b|around the world|\bILO\b[^.;]{0,40}\bestimat|"
                       r"\bacross the world\b", re.I)


_WAGE_AFTER = re.compile(r"^(?:\s?[-\u2013]\s?\d[\d,]*)?\s*(?:\([^)]*\)\s*)?"
                         r"(?:a|per|each|every)\s+(?:night|day|week|month|year|hour)|"
                         r"^\s*(?:\([^)]*\)\s*)?(?:weekly|monthly|daily|nightly)|^\s*(?:\([^)]*\)\s*)?(?:in\s+)?"
                         r"(?:bribes?|salary|wages?)", re.I)
_WAGE_BEFORE = re.compile(r"\b(?:earn|make|paid|pay|salary|wages?|costs?|promising|fees?\s+exceeding|"
                          r"charges?\s+\w+\s+(?:a\s+)?(?:monthly\s+)?fee\s+of)\b[^.;]{0,25}$", re.I)
# an amount asked for, on offer or refused is not spent (``Requested Funding Amount is USD 149,394``)
_UNSPENT_BEFORE = re.compile(r"\b(?:requested|request(?:ing|s)?|proposed|proposal|available|bribes?)\b[^.;]{0,30}$",
                             re.I)
_FINE_IN_LAW = re.compile(r"punish|penalt|faces?\b|liable|not\s+less\s+than|provides?\s+for|prescrib|"
                          r"ranges?\s+from|are\s+fined|convicted\s+(?:of|under)|\blaw\b", re.I)


def _not_spent(text: str, e: Span) -> bool:
    """An amount that is no money spent, granted, paid or seized: a wage or price quoted to describe the
    trade, or a fine written into law (that is the provision's ``fine``)."""
    before, after = text[: e.start_char], text[e.end_char :]
    if _WAGE_AFTER.match(after) or _WAGE_BEFORE.search(before[-60:]) or _UNSPENT_BEFORE.search(before[-60:]):
        return True
    clause_before, clause_after = _clause_around(text, e.start_char, e.end_char)
    fine = re.match(r"^\s*(?:\([^)]*\)\s*)?fines?\b", after, re.I) or re.search(r"\bfine[sd]?\b", clause_before, re.I)
    return bool(fine and _FINE_IN_LAW.search(clause_before + clause_after))


def _clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of a count's clause before and after it."""
    before = re.split(r"[;.]\s|:\s", text[:start])[-1]
    after = re.split(r"[;.](?:\s|$)", text[end:])[0]
    return before, after


_OTHER_CRIMES = re.compile(r"\b(?:drugs?|narcotics?|cartels?|cocaine|heroin|arms|weapons|firearms|armed\s+conflict|"
                           r"accidents?|bombings?|cease-?fire|"
                           r"justice\s+and\s+peace|military\s+courts?|terroris\w*)\b", re.I)
# a part of a group already counted (FACTS.md): a breakdown in brackets or after ``including``
_PART_OF_COUNTED = re.compile(r"\d[\d,]*\s[^();.]{0,100}\([^()]*$|\d[\d,]*\s[^();.]{0,60}\b(?:including|among\s+them|"
                              r"of\s+whom|of\s+them)\s+$|\bincluded\s+in\s+the\s+\d[\d,]*\s[^;.]{0,60}\bwere\s+$", re.I)
# room for people, not people (``a building with the capacity to house 60 victims``)
_NOT_HELD = re.compile(r"\b(?:capacity|space|room|beds?)\s+(?:to\s+(?:house|hold|accommodate|shelter)|for)\s+"
                       r"(?:up\s+to\s+)?$", re.I)
# a tier the country is not given: a previous one, one it was spared or one only proposed
# (``granted a waiver from an otherwise required downgrade to Tier 3``, ``Moving Bahrain to Tier 2 Watchlist
# could``, ``removal from Tier Three``); the ``tier rating:`` line of a narrative is always the country's
_NOT_THE_TIER_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$|\b(?:waiver|otherwise\s+required|downgrade\s+to|being\s+on|"
                                  r"propos\w*|should)\b[^;]*$|\b(?:slip|fall|drop)\w*\s+(?:back\s+)?to\s+$|\b(?:moving|placing|putting)\s+\S+(?:\s+\S+)?\s+"
                                  r"(?:on|to|in)\s+(?:the\s+)?$", re.I)
_NOT_THE_TIER_AFTER = re.compile(r"^\s*(?:placement|ranking|designation)\s+(?:could|would|might|should)\b", re.I)
# prostitution offences that are not trafficking (GUIDELINES.md): their case counts are no facts
_PROSTITUTION_OFFENCES = re.compile(r"\b(?:solicit\w*|pander\w*|pimp\w*|procur(?:ing|ement)|"
                                    r"prostitution\s+(?:of\s+minors|cases)|facilitating\s+prostitution)\b", re.I)
_TIP_NAMED = re.compile(r"\b(?:human(?!\s+rights)|in\s+persons|TIP|TIP-related|sex|sexual|prostitut\w*|forced|"
                        r"victims?\s+of\s+trafficking)\b", re.I)


# a population is no count of victims (``the estimated 18,000 women in the country's commercial sex trade``, ``the
# 2,700 female prostitutes who sought medical treatment``, ``300,000 migrant workers ... vulnerable to forced labor``)
# unless the text says these people are victims (``45 women in prostitution as victims of trafficking``)
_IN_PROSTITUTION = re.compile(r"^(?:\s+\w+)?\s+(?:prostitutes|sex\s+workers|in\s+(?:the\s+)?(?:\w+'s\s+)?"
                              r"(?:commercial\s+)?(?:sex\s+(?:trade|industry|work|sector)|prostitution))\b", re.I)
_WORKERS = re.compile(r"\b(?:migrants?|immigrants|residents|workers|nationals|citizens|population)\b", re.I)
_POPULATION_WORDS = re.compile(r"\b(?:vulnerable|at\s+risk|live|living|reside|resident|employed|estimated|population|"
                               r"work(?:ing)?\s+in)\b", re.I)
_SAID_VICTIMS = re.compile(r"^[^;.]{0,60}?\b(?:as\s+(?:\w+\s+)?victims|(?:were|was|are|been)\s+"
                           r"(?:(?!vulnerable|at\b|risk)\w+\s+){0,2}(?:victims|trafficked|forced|coerced|exploited|"
                           r"sold|subjected|rescued|identified))\b", re.I)


def _population(text: str, e: Span, before: str, after: str) -> bool:
    """Whether a VICTIM_COUNT counts a population (people in prostitution, workers or migrants) the text does not
    say are victims."""
    if re.search(r"victim|trafficked", e.text, re.I) or _SAID_VICTIMS.match(after):
        return False
    return bool(_IN_PROSTITUTION.match(text[e.end_char :]) or (
        _WORKERS.search(e.text) and _POPULATION_WORDS.search(before[-60:] + after)))


_SINGULAR_HEAD = re.compile(r"\b(?:victim|woman|girl|man|boy|child|minor|person|individual|case|"
                            r"investigation|prosecution|conviction|offender|trafficker|arrest|suspect|defendant|"
                            r"indictment)$", re.I)


def _count_kind(text: str, e: Span) -> str | None:
    """What a VICTIM_COUNT or CASE_COUNT span counts: ``victims``, ``cases`` (people arrested, charged or
    convicted are offenders), or None (a number of an article, or of people who are not trafficked)."""
    if _NOT_A_COUNT_BEFORE.search(text[: e.start_char]):
        return None
    before, after = _clause_around(text, e.start_char, e.end_char)
    if WORLDWIDE.search(before + e.text + after):
        return None
    if re.match(r"both\b", e.text, re.I) and re.match(r"^\s*(?:and|as\s+well\s+as)\b", after, re.I):
        return None  # ``both boys and girls are trafficked``: a pair of groups, not two people
    count = N.first_number(e.text)
    if count is not None and count > 1 and _SINGULAR_HEAD.search(e.text):
        return None  # ``two volunteer victim assistance specialists``: the head noun is another noun's modifier
    if re.search(r"\b(?:majority|many|some|most|part|portion|share|half)\s+of\s+(?:the|these|those)?\s*"
                 r"(?:estimated\s+|reported\s+)?$", before, re.I):
        return None  # ``a majority of the estimated 18,000 women ... were likely victims``: an unnumbered share
    if _OTHER_CRIMES.search(before + e.text + after) and not _TIP_NAMED.search(before + e.text + after):
        return None  # ``57,000 drug traffickers``, ``13,000 drug-related arrests``, victims of an armed conflict
    if e.label_ == "CASE_COUNT":
        item = re.split(r"[,;]\s|\s--?\s", before)[-1] + e.text + re.split(r"[,;]\s|\s--?\s", after)[0]  # its list item
        if _PROSTITUTION_OFFENCES.search(item) and not re.search(r"traffick", item.replace(e.text, ""), re.I):
            return None  # ``Sixteen cases dealt with soliciting sex with minors``: another offence
        if re.search(r"\bin\s+$", before, re.I) and re.fullmatch(r"(?:at\s+least\s+)?(?:one|both)\s+cases?", e.text,
                                                                   re.I):
            return None  # ``In both cases the URAVIT coordinated``, ``working around that obstacle in at least one
            # case``: the cases told of, not a count
        if re.match(r"^\s*(?:of|involving)\s+(?:illegal\s+immigration|(?:migrant\s+)?smuggling|drug|narcotic|fraud)",
                    after, re.I):
            return None
        return "cases"
    if _CASE_VERB_BEFORE.search(before) or _CASE_VERB_AFTER.match(after):
        return "cases"
    # an age or a term inside a law's wording (``10 years when the victim``), ``two or more victims``, ``no one``
    if re.search(r"\b(?:years?|months?)\b", e.text, re.I) or re.match(r"^\s*or\s+more\b", after) or \
            re.search(r"\bno\s*$", before, re.I) or re.search(r"\bor\s+more\b", e.text):
        return None
    if _population(text, e, before, after):
        return None
    if _PART_OF_COUNTED.search(before) or _NOT_HELD.search(before):
        return None  # ``104 people ... (75 female and 29 male)``, ``rescued 287 victims, including 90 minors``
    clause = before + e.text + after
    if not _TIP_WORDS.search(clause) or (_OTHER_PEOPLE.search(clause) and not re.search(
            r"victim|trafficked", e.text, re.I)):
        return None
    return "victims"


_INTERNAL = re.compile(r"\b(?:within|internal(?:ly)?|domestic(?:ally)?|inside|in-country|in\s+the\s+country|"
                       r"throughout)\b", re.I)


def _place(text: str, country: str | None) -> str | None:
    """The code of a route's end: its own, or the document's country for an internal place (``rural areas``);
    ``Congolese`` are of the Democratic Republic of the Congo but in the Republic of the Congo's own texts."""
    if country == "COG" and re.match(r"congolese$", text.strip(), re.I):
        return "COG"
    return N.place_code(text) or (country if INTERNAL_PLACE.match(text) else None)


def _year(ents: list[Span], rels: dict, i: int) -> int | None:
    """The year a figure is anchored to: the nearest of its IN_YEAR dates (``30 cases in 2008, up from 16 in
    2007``)."""
    ent = ents[i]
    for child in sorted(rels.get((i, "IN_YEAR"), []), key=lambda c: abs(ents[c].start - ent.end)):
        m = re.search(r"(19|20)\d\d", ents[child].text)
        if m:
            return int(m.group())
    return None


_AGGRAVATED = re.compile(r"\bif\b|\bwhen\b|\bwhere\b|aggravat|\bwith\b|\bin\s+cases?\b", re.I)
# the condition after the penalty (``up to eight years ..., or up to ten years when the victim is under age twelve``)
_AGGRAVATED_AFTER = re.compile(r"^\s*(?:if|when|where|in\s+cases?)\b", re.I)


def _aggravated_forms(p: _Paragraph, article: int, linked: list[int]) -> list[int]:
    """Penalties of the same clause after an article's penalty that state its aggravated forms (``two to eight
    years, with prison from four to 10 years if the victim is under the age of 13``)."""
    if not linked:
        return []
    doc, ents = p.doc, p.ents
    out, last = [], ents[linked[0]]
    for j in range(linked[0] + 1, len(ents)):
        gap = doc[last.end : ents[j].start].text
        if ents[j].label_ == "ARTICLE" or re.search(r"[;.]\s", gap):
            break
        if ents[j].label_ == "PENALTY" and (_AGGRAVATED.search(gap) or _AGGRAVATED_AFTER.match(
                p.text[ents[j].end_char :])):
            out.append(j)
            last = ents[j]
    return out


def _whole_range(pens: list[N.Penalty]) -> N.Penalty:
    """One penalty spanning a provision's stated forms: the lowest minimum and the highest maximum."""
    if not pens:
        return N.Penalty()
    mins = [p.min_years for p in pens if p.min_years is not None]
    maxes = [p.max_years for p in pens if p.max_years is not None]
    first = pens[0]
    return N.Penalty(min(mins) if mins else None, max(maxes) if maxes else None, any(p.fine for p in pens),
                     any(p.confiscation for p in pens), any(p.life for p in pens), first.suspended)


def _share_within_article_lists(doc: Doc, rels: dict[tuple[int, str], list[int]]) -> None:
    """Articles listed together (``Articles 128, 133 and 270 of the penal code, which prescribe ...``,
    ``Articles 156 to 163 of Title III``) share the law and the penalty any of them is linked to."""
    ents = list(doc.ents)
    groups: list[list[int]] = []
    for i, e in enumerate(ents):
        if e.label_ != "ARTICLE":
            continue
        prev = groups[-1][-1] if groups else None
        if prev is not None and re.fullmatch(r"[\s,]*(?:and|or|to)?[\s,]*", doc[ents[prev].end : e.start].text):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        for kind in ("IN_LAW", "PUNISHABLE_BY"):
            shared = sorted({c for i in group for c in rels.get((i, kind), [])})
            for i in group:
                if shared and not rels.get((i, kind)):
                    rels[(i, kind)] = shared


@dataclass
class _Paragraph:
    """What a fact builder reads of one paragraph doc: its entities, their links both ways, the cable it is
    in and where its text starts in the cable's body."""

    doc: Doc
    cable: Cable
    offset: int
    country: str | None
    ents: list[Span]
    rels: dict[tuple[int, str], list[int]]
    heads: dict[tuple[int, str], list[int]]
    text: str  # the doc's text, built once (``Doc.text`` joins every token again on each call)

    def sentence(self, e: Span) -> str:
        """The text of the sentence an entity is in (its provenance)."""
        return provenance(self.cable, self.offset + e.start_char, self.offset + e.end_char)["text"]

    def fact(self, kind: str, span: Span, fields: dict, confidence: float, end_span: Span | None = None) -> Fact:
        """A fact from ``span`` (to ``end_span``), with its provenance and its calibrated confidence."""
        start, end = self.offset + span.start_char, self.offset + (end_span or span).end_char
        if end <= start:
            start, end = self.offset + (end_span or span).start_char, self.offset + span.end_char
        prov = provenance(self.cable, start, end)
        calibrated = C.confidence({"type": kind, "cable": self.cable.id, **fields}, C.shipped_table(), confidence)
        return Fact(kind, prov["cable"], prov["paragraph"], start, end, prov["text"], calibrated, fields)


# an article of a treaty named before (``Chile has also signed the Organization of American States' San Jose Pact.
# Article 6 of this agreement prohibits slavery``): the treaty's name
_OF_THIS_TREATY = re.compile(r"^\s+of\s+(?:this|that|the\s+same)\s+(?:agreement|convention|protocol|pact|treaty)\b",
                             re.I)
_TREATY_NAME = re.compile(r"(?<![\w'])(?:[A-Z][a-z-]*\s+){1,5}(?:Pact|Convention|Protocol|Agreement|Treaty)\b")


def _treaty_before(p: _Paragraph, e: Span) -> list[str]:
    """The treaty an article of ``this agreement`` is of: the last one named before it."""
    if not _OF_THIS_TREATY.match(p.text[e.end_char :]):
        return []
    return [m.group() for m in _TREATY_NAME.finditer(p.text[: e.start_char])][-1:]


def _provision(p: _Paragraph, i: int, e: Span) -> list[Fact]:
    """An ARTICLE: the law it is in and the penalty stated for it, its aggravated forms included."""
    ref = N.parse_article(e.text)
    if ref is None:
        return []
    ents, sentence = p.ents, p.sentence(e)
    # its linked law, else the treaty of ``this agreement``, else a code the sentence names, else the last code
    # before it
    laws = [ents[c].text for c in p.rels.get((i, "IN_LAW"), [])] or _treaty_before(p, e) or [
        g.text for g in ents if g.label_ == "LAW" and g.text in sentence
        and N.normalise_law(g.text) in N.CODES] or [g.text for g in ents[:i] if g.label_ == "LAW"
                                                    and N.normalise_law(g.text) in N.CODES][-1:]
    if not laws and not re.search(r"\b(?:law|act|decree|convention|protocol|agreement|constitution)\b",
                                  sentence, re.I):
        laws = ["criminal code"]  # an article cited alone is one of the country's criminal code
    linked = p.rels.get((i, "PUNISHABLE_BY"), [])
    pens = [N.parse_penalty(ents[c].text) for c in linked]
    for c in _aggravated_forms(p, i, linked[:1]):
        pen = N.parse_penalty(ents[c].text)
        if pens and pens[0].min_years is None and pen.min_years == pen.max_years:
            pen.min_years = None  # ``up to eight years, or 10 years when the victim is under 13``: up to 10
        pens.append(pen)
    pen = _whole_range(pens)
    return [p.fact("provision", e, {"law": N.normalise_law(laws[0]) if laws else None, "article": article,
                                    "part": ref.part if article == ref.article else None,
                                    "clause": ref.clause if article == ref.article else None,
                                    "min_years": pen.min_years, "max_years": pen.max_years, "fine": pen.fine,
                                    "confiscation": pen.confiscation, "life": pen.life}, 0.8 if pens else 0.6)
            for article in _articles_of_range(p.text, e, ref.article)]


# a range of articles (``Articles 5-7``, ``Articles 156 to 163``): one provision per article in it (GUIDELINES.md)
_RANGE_WHOLE = re.compile(r"^Articles\s+(\d+)\s*[-\u2013]\s*(\d+)$", re.I)
_RANGE_TO = re.compile(r"\s*(?:to|through|[-\u2013])\s*(\d+)\b", re.I)
MAX_RANGE = 20


def _articles_of_range(text: str, e: Span, article: str) -> list[str]:
    """The articles an ARTICLE span stands for: itself, or every article of the range it writes whole; the first
    end of ``Articles 156 to 163`` also stands for those between its ends (the last end is a span of its own)."""
    if m := _RANGE_WHOLE.match(e.text):
        first, last = int(m.group(1)), int(m.group(2))
        return [str(n) for n in range(first, last + 1)] if 0 < last - first <= MAX_RANGE else [article]
    if re.match(r"articles\s", e.text, re.I) and article.isdigit() and (m := _RANGE_TO.match(text, e.end_char)):
        last = int(m.group(1))
        if 0 < last - int(article) <= MAX_RANGE:
            return [str(n) for n in range(int(article), last)]
    return [article]


def _sentence(p: _Paragraph, i: int, e: Span, count: int) -> list[Fact]:
    """A count of offenders SENTENCED_TO a penalty: who got what term."""
    penalties = p.rels.get((i, "SENTENCED_TO"), [])
    if not penalties:
        return []
    pen = N.parse_penalty(p.ents[penalties[0]].text)
    exploitation = _exploitation(e.text + " " + p.sentence(e))
    return [p.fact("sentence", e, {"offenders": count, "min_years": pen.min_years, "max_years": pen.max_years,
                                   "suspended": pen.suspended, "exploitation": exploitation,
                                   "year": _year(p.ents, p.rels, i)}, 0.7, p.ents[penalties[0]])]


def _part_of_earlier(p: _Paragraph, i: int, e: Span, count: int, stage: str, year: int | None) -> bool:
    """Whether a count is a part of a larger one at its stage and of its year that a sentence before it in the
    paragraph gave (``Twenty-four trafficking offenders were convicted ... . Twelve sex trafficking offenders were
    given sentences ...``): a part of a group already counted (FACTS.md)."""
    text = p.text
    for j, a in enumerate(p.ents[:i]):
        n = N.first_number(a.text) if a.label_ == "CASE_COUNT" else None
        if n is None or n <= count or _count_kind(text, a) != "cases" or \
                not re.search(r"[.;]\s", text[a.end_char : e.start_char]):
            continue
        if _stage(a.text, text[: a.start_char], text[a.end_char :]) == stage and \
                (year is None or _year(p.ents, p.rels, j) in (None, year)):
            return True
    return False


def _cases(p: _Paragraph, i: int, e: Span, count: int) -> list[Fact]:
    """A count of cases or of offenders, at the stage its words name, unless it is a part of one counted before."""
    stage = _stage(e.text, p.text[: e.start_char], p.text[e.end_char :])
    year = _year(p.ents, p.rels, i)
    if stage in _PARTS_OF_STAGES and _part_of_earlier(p, i, e, count, stage, year):
        return []
    return [p.fact("cases", e, {"count": count, "stage": stage,
                                "exploitation": _exploitation(e.text), "year": year}, 0.7)]


_PARTS_OF_STAGES = {"conviction"}  # counts of the other stages are more often of new events


def _victims(p: _Paragraph, i: int, e: Span, count: int) -> list[Fact]:
    """A count of victims: their gender, age, origin and destination."""
    t = e.text.lower()
    gender = "female" if re.search(r"women|woman|girls?|females?", t) else \
        "male" if re.search(r"\b(?:men|man|boys?|males?)\b", t) else None
    minors = True if re.search(r"girls?|boys?|child|minor", t) else None
    origin = [N.place_code(p.ents[c].text) for c in p.rels.get((i, "ORIGIN"), [])]
    norp = [N.place_code(m) for m in re.findall(r"[A-Z][a-z]+", e.text) if m.lower() in DEMONYMS]
    dest = [N.place_code(p.ents[c].text) for c in p.rels.get((i, "DESTINATION"), [])]
    return [p.fact("victims", e, {"count": count, "gender": gender, "minors": minors,
                                  "origin": (origin or norp or [None])[0], "destination": (dest or [None])[0],
                                  "exploitation": _exploitation(p.sentence(e)), "year": _year(p.ents, p.rels, i)}, 0.7)]


# what a count builds, by what it counts (``_count_kind``): offenders give a sentence fact and a cases fact
_BY_KIND = {"cases": (_sentence, _cases), "victims": (_victims,)}


def _about_trafficking(p: _Paragraph) -> bool:
    """Whether victims counted here are trafficking's: the paragraph names trafficking, or the whole document is
    about it (a narrative, or a cable tagged KTIP or whose subject names trafficking). Outside those, victims
    are victims of something else (Pan Am 103, a bombing, murders, road accidents in a security report)."""
    cable = p.cable
    return bool(_TRAFFICKING.search(p.text) or cable.country or "KTIP" in cable.tags
                or _TRAFFICKING.search(cable.subject or ""))


def _count(p: _Paragraph, i: int, e: Span) -> list[Fact]:
    """A CASE_COUNT or VICTIM_COUNT: the facts of what it counts."""
    kind = _count_kind(p.text, e)
    if kind is None or (kind == "victims" and (e.label_ != "VICTIM_COUNT" or not _about_trafficking(p))):
        return []
    count = N.first_number(e.text)
    if count is None:  # one offender named without a number (``A Korean boat captain was sentenced to``): a
        # sentence, but no count of cases (FACTS.md: people named without a number give no count)
        return _sentence(p, i, e, 1) if kind == "cases" and re.match(r"(?:an?|the)\s", e.text, re.I) else []
    return [f for build in _BY_KIND[kind] for f in build(p, i, e, count)]


def _money(p: _Paragraph, i: int, e: Span) -> list[Fact]:
    """A MONEY amount spent, granted, paid or seized, with its stated USD equivalent and its purpose."""
    if p.heads.get((i, "EQUALS")):
        return []  # the equivalent of an amount already emitted
    sentence = p.sentence(e)
    money = N.parse_money(e.text, p.country)
    if money is None or money.currency is None or not _about_trafficking(p) or WORLDWIDE.search(sentence) or \
            _not_spent(p.text, e) or \
            (_OTHER_CRIMES.search(sentence) and not _TIP_NAMED.search(sentence)):
        return []
    eq = [N.parse_money(p.ents[c].text) for c in p.rels.get((i, "EQUALS"), [])]
    usd = next((m.amount for m in eq if m and m.currency == "USD"), None)
    purpose = re.search(r"\bfor\s+((?:\w+\s){0,4}\w+)", sentence[sentence.find(e.text) + len(e.text):]) \
        if e.text in sentence else None
    return [p.fact("money", e, {"amount": money.amount, "currency": money.currency, "usd": usd,
                                "year": _year(p.ents, p.rels, i), "purpose": purpose.group(1) if purpose else None},
                   0.7)]


def _tier(p: _Paragraph, i: int, e: Span) -> list[Fact]:
    """A TIER the country it is RANKED for (or the document's country) is given, with the one it had."""
    sentence = p.sentence(e)
    tier = N.parse_tier(e.text)
    clause_before, clause_after = _clause_around(p.text, e.start_char, e.end_char)
    rating_line = re.search(r"\btier\s+rating:\s*$", p.text[: e.start_char], re.I)
    if tier is None or (not rating_line and (_NOT_THE_TIER_BEFORE.search(clause_before)
                                             or _NOT_THE_TIER_AFTER.match(clause_after))):
        return []
    countries = [N.place_code(p.ents[h].text) for h in p.heads.get((i, "RANKED"), [])]
    country = (p.country if rating_line else None) or next((c for c in countries if c), None) or (
        p.country if p.country and p.country in N.countries_named(sentence) else None)
    if country is None:
        return []
    prev = re.search(r"from\s+(Tier\s*\w+(?:\s+Watch\s*list)?|the\s+Watch\s*list)\s+to\s*$",
                     sentence[: sentence.find(e.text)] if e.text in sentence else "", re.I)
    year = re.search(r"\b(20[01]\d)\s+(?:TIP\s+)?Report\b", sentence)
    return [p.fact("tier", e, {"country": country, "tier": tier, "year": int(year.group(1)) if year else
                               (p.cable.date.year if p.cable.date else None),
                               "previous": N.parse_tier(prev.group(1)) if prev else None}, 0.7)]


# a leg whose sentence is about goods, drugs, arms or a bombing and names no trafficked people is no route
_NOT_PEOPLE = re.compile(r"\b(?:drugs?|narcotics?|cocaine|heroin|arms|weapons|goods|counterfeit|contraband|"
                         r"cigarettes|bomb\w*|terroris\w*|money\s+laundering)\b", re.I)
_PEOPLE_MOVED = re.compile(rf"(?<!drug\s)(?<!narcotics\s)traffick\w*\s+(?:in\s+)?(?:persons|people|humans|women|"
                           rf"children)|human\s+traffick|\b{PERSON}\b|victim|exploit|labou?r|prostitut", re.I)


def _route(p: _Paragraph, h: int, c: int, score: float) -> list[Fact]:
    """A ROUTE leg between two places, with the mode of travel its words name."""
    a, b = p.ents[h], p.ents[c]
    text = p.text[a.end_char : b.start_char].lower()
    mode = "land" if "land" in text else "air" if "air" in text else "sea" if "sea" in text else None
    if _NOT_PEOPLE.search(p.text) and _NOT_PEOPLE.search(sentence := p.sentence(a)) and \
            not _PEOPLE_MOVED.search(sentence):
        return []  # goods, drugs or a bombing's planners: no trafficked people move here
    start_code, end_code = _place(a.text, p.country), _place(b.text, p.country)
    if start_code and start_code == end_code and N.names_country(a.text) and N.names_country(b.text) and \
            not _INTERNAL.search(p.text):
        return []  # ``a Moldovan woman who came to Turkey and married a Turkish man``: no leg Turkey -> Turkey
    return [p.fact("route", a, {"origin": start_code, "destination": end_code,
                                "origin_place": a.text, "destination_place": b.text, "mode": mode},
                   0.6 * score + 0.1, b)]


def _routes_to_the_country(p: _Paragraph) -> list[Fact]:
    """Legs from the places whose people are brought to ``the country`` (``Chinese nationals are trafficked to the
    country``) to the document's country: a destination without a span, the origin's span the evidence
    (GUIDELINES.md)."""
    if p.country is None:
        return []
    out = []
    for e in p.doc.spans.get(TO_THE_COUNTRY_KEY, []):
        code = _place(e.text, p.country)
        if code and code != p.country:
            out.append(p.fact("route", e, {"origin": code, "destination": p.country, "origin_place": e.text,
                                           "destination_place": N.country_name(p.country), "mode": None}, 0.5))
    return out


# the builder of each entity label's facts; routes are built from the ROUTE links between places
BUILDERS = {"ARTICLE": _provision, "CASE_COUNT": _count, "VICTIM_COUNT": _count, "MONEY": _money, "TIER": _tier}


def facts_from_doc(doc: Doc, cable: Cable, offset: int, default_country: str | None = None) -> list[Fact]:
    """Facts of one paragraph doc whose text starts at ``offset`` in ``cable.body``: each entity's facts in
    their order (``BUILDERS``), then the route legs."""
    rels: dict[tuple[int, str], list[int]] = {}
    heads: dict[tuple[int, str], list[int]] = {}
    for r in doc._.relations:
        rels.setdefault((r.head, r.label), []).append(r.child)
        heads.setdefault((r.child, r.label), []).append(r.head)
    _share_within_article_lists(doc, rels)
    p = _Paragraph(doc, cable, offset, default_country, list(doc.ents), rels, heads, doc.text)
    out = [f for i, e in enumerate(p.ents) if e.label_ in BUILDERS for f in BUILDERS[e.label_](p, i, e)]
    out += [f for r in doc._.relations if r.label == "ROUTE" for f in _route(p, r.head, r.child, r.score)]
    return out + _routes_to_the_country(p)


def merge_provisions(facts: list[Fact]) -> list[Fact]:
    """One reading of each article across a cable: a mention with no law takes the law the cable names
    for that article elsewhere, and every mention of a (law, article, part, clause) carries the whole range
    the cable states for it (FACTS.md: the penalty stated for an article, its aggravated forms included)."""
    provisions = [f for f in facts if f.type == "provision"]
    laws: dict[str, list[str]] = {}
    for f in provisions:
        if f.fields["law"]:
            laws.setdefault(f.fields["article"], []).append(f.fields["law"])
    for f in provisions:
        named = laws.get(f.fields["article"])
        if not f.fields["law"] and named:
            f.fields["law"] = max(set(named), key=named.count)
    groups: dict[tuple, list[Fact]] = {}
    for f in provisions:
        groups.setdefault(tuple(f.fields[k] for k in ("law", "article", "part", "clause")), []).append(f)
    for group in groups.values():
        stated = [N.Penalty(f.fields["min_years"], f.fields["max_years"], f.fields["fine"], f.fields["confiscation"],
                            f.fields["life"]) for f in group]
        whole = _whole_range([p for p in stated if p.min_years is not None or p.max_years is not None or p.life])
        for f in group:
            if whole.min_years is None and whole.max_years is None and not whole.life:
                continue
            f.fields.update(min_years=whole.min_years, max_years=whole.max_years, life=whole.life,
                            fine=f.fields["fine"] or whole.fine,
                            confiscation=f.fields["confiscation"] or whole.confiscation)
            f.confidence = C.confidence({"type": "provision", "cable": f.cable, **f.fields}, C.shipped_table(),
                                        f.confidence)
    return facts


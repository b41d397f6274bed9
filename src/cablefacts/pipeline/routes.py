"""Route legs from the roles places play in a clause (the route heuristics of ``cablefacts_relation_rules``).

A clause (a sentence, or a part between semicolons) is read as lists of places (``Uzbekistan,
Kyrgyzstan, and Tajikistan``), each with the role its cue gives it: an origin (``from``, ``source
countries include``, a nationality before the people it describes), a destination (``to``, ``into``,
``in`` after a trafficking verb, ``destination countries``), a transit point (``via``, ``through``,
``transiting``), both ends (``back and forth between X and Y, Z``: legs from X to each and back) or
the clause's subject country (``X is a source, transit, and destination country``).
Legs run from every origin to every destination, through the transit points where there are any. A
clause that names destinations but no origin takes the paragraph's source country, as narratives do
(``Azerbaijan is a source country ...; men are trafficked to Russia``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

PERSON = (r"(?:women|men|girls|boys|children|child|minors|victims|persons|people|nationals|workers|laborers|"
          r"labourers|citizens|females|males|youths?|adults|migrants|individuals|teenagers|adolescents|"
          r"maids|servants|brides|fishermen)")
TRAFFICKING = re.compile(r"traffick|victim|exploit|subject|forc|sold|work|labou?r|prostitut|servitude|sex|brothel|"
                         r"recruit|lure|taken|sent|brought|moved|transport|end(?:ed)? up|found|employ|marri|"
                         r"smuggl|bonded|debt|domestic|begg|destin", re.I)
LIST_GAP = re.compile(r"^(?:[\s,()]|and|or|the|as well as|to a lesser extent|less frequently|possibly|"
                      r"other|also|including|especially|particularly|mainly|primarily|mostly|notably|such as|"
                      r"namely|in addition to|neighbou?ring|countries|in|elsewhere|"
                      # a place no table knows, between two commas of the list (``Iceland, Macau, Mexico``)
                      r"(?<=,)\s*(?-i:[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})\s*(?=,))*$", re.I)
# a group of countries followed by its members (``neighboring countries such as Argentina, Peru, and Bolivia``):
# the members are the route's ends, not the group
GROUP = re.compile(r"^(?:(?:other|neighbou?ring|nearby|surrounding)\s+)+(?:countries|states|nations)$", re.I)
COUNTRIES_WORD = re.compile(r"\s*(?:countries|states|nations)\b")
MEMBERS_GAP = re.compile(r"^\s*(?:,\s*)?(?:\(|such as|including|mainly|primarily|particularly|especially|notably|"
                         r"namely|mostly|in particular)", re.I)
ORIGIN_CUE = re.compile(r"(?:\bfrom(?:\s+(?:the|other|neighbou?ring|nearby))*|\boriginating\s+in|\brecruited\s+in"
                        r"|\bcountries\s+of\s+origin"
                        r"(?:\s+(?:include[ds]?|are|were|for\s+\w+(?:\s+\w+){0,3}))?"
                        r"|\bsource\s+(?:countr(?:y|ies)|regions?)"
                        r"(?:\s+(?:include[ds]?|are|were|continued\s+to\s+be|remain(?:ed)?))?|\bnationals\s+of"
                        r"|\bcitizens\s+of)(?:\s+the)?[\s:,]*$", re.I)
DEST_CUE = re.compile(r"(?:(?<!addition\s)\bto(?:\s+(?:the|other|neighbou?ring|nearby))*"
                      r"(?:\s+countries\s+(?:in|of))?|\binto(?:\s+the)?|\btowards"
                      r"|\bdestined\s+for|\bbound\s+for"
                      r"|\bdestination\s+countr(?:y|ies)(?:\s+(?:include[ds]?|are|were))?|\bdestinations"
                      r"(?:\s+(?:include[ds]?|are|were))?|\ben\s+route\s+to|\babroad\s+(?:to|in)|\benter(?:s|ed|ing)?"
                      r"|\barriv(?:e|es|ed|ing)\s+in|\b(?:on|along)\s+the\s+borders?\s+(?:of|with)"
                      r"|\breach(?:es|ed|ing)?)(?:\s+the)?[\s:,]*$", re.I)
# ``in other African countries``, ``across Europe``, ``throughout East Asia and parts of the Middle East``
IN_CUE = re.compile(r"\b(?:in|within|throughout|across)"
                    r"(?:\s+(?:the|other|neighbou?ring|nearby|(?:some\s+)?parts\s+of))*[\s,]*$", re.I)
TRANSIT_CUE = re.compile(r"(?:\bvia|\bthrough|\btransiting|(?<!a\s)\btransits?|\btransit(?:ing)?\s+(?:through|via)"
                         r"|\bby\s+way\s+of"
                         r"|\btransit\s+countr(?:y|ies)(?:\s+(?:include[ds]?|are|were))?)(?:\s+the)?[\s:,]*$", re.I)
# ``transported back and forth between the CAR and Cameroon, Chad``, ``trafficked between Gabon and Nigeria``: the
# first place and each of the others are both origin and destination
BETWEEN_CUE = re.compile(r"\b(?:back\s+and\s+forth|traffick\w*|transported|moved|taken|circulat\w*)\s+between"
                         r"(?:\s+the)?\s*$", re.I)
AFTER_SOURCE = re.compile(r"^[\s,]*(?:(?:were|are|was|is|remain(?:ed)?|continued\s+to\s+be)\s+)?(?:also\s+)?"
                          r"(?:the\s+)?(?:(?:main|primary|principal|major|other)\s+)?source\s+countr", re.I)
AFTER_DEST = re.compile(r"^[\s,]*(?:(?:were|are|was|is|remain(?:ed)?)\s+)?(?:also\s+)?(?:the\s+)?"
                        r"(?:(?:main|primary|principal|major|other)\s+)?(?:trafficking\s+)?destination", re.I)
# ``Turkey is the primary destination, followed by Russia, the UAE ...``: the next list plays the same role
FOLLOWED_BY = re.compile(r"\bfollowed\s+by[\s,]*$", re.I)
# the subject country and its roles (``X is a source, transit, and destination country``, ``Sudan is a destination
# for``, not ``a destination for sex tourists``: clients are no trafficked people)
SUBJECT = re.compile(r"^[\s,]*(?:is|was|remains|remained|serves\s+as|has\s+been|continues\s+to\s+be|became)\s+"
                     r"(?:(?:a|an|the|primarily|mainly|principally|largely|increasingly|also|both|still|"
                     r"significant|major|primary|growing|emerging|to\s+a\s+lesser\s+extent|lesser\s+extent|and|"
                     r"a\s+)[\s,]*)*(?P<roles>(?:(?:source|transit|destination|origin)[\s,]*(?:and|or)?[\s,]*)+)"
                     r"(?:country|countries|point|hub|location|nation|(?=for\b(?!\s+(?:\w+\s+){0,2}touris)))",
                     re.I)
FROM_ELSEWHERE = re.compile(r"source\s+(?:countr|region)|countries\s+of\s+origin|\b(?:into|to|in)\s+the\s+country|"
                            r"\bfrom\b|\bhere\b|\barriv", re.I)
CLAUSE_WORDS = {"while", "whereas", "although", "but", "however"}  # after a comma, a new clause begins
# hedged statements give no route (GUIDELINES.md): ``at risk of``, ``vulnerable to``, ``may be subjected to``
HEDGED = re.compile(r"\b(?:vulnerable\s+to|at\s+(?:high\s+|particular\s+)?risk|may\s+be|might\s+be|could\s+be|"
                    r"in\s+hopes?\s+of)\b", re.I)
FIRM = re.compile(r"(?<!be\s)\bsubjected\s+to\b|\b(?:are|were|is|was)\s+(?:\w+\s+)?(?:trafficked|exploited|forced)\b",
                  re.I)
INTERNAL = re.compile(r"\b(?:within\s+(?:the\s+country|its\s+borders)|internally|domestically)\b", re.I)


@dataclass
class PlaceList:
    items: list[int]  # indices into doc.ents
    role: str | None = None  # origin, destination, transit
    subject: set[str] = field(default_factory=set)  # the roles of a subject country
    moved_to: bool = False  # a destination named by a cue of movement (``to``, ``into``), not ``in``


def _clauses(doc: Doc, sent: list[int]) -> list[tuple[int, int]]:
    """Token ranges of the clauses: sentences, split again at semicolons and at ``, while``/``, but``."""
    out, start = [], 0
    for tok in doc:
        end_clause = tok.text == ";" or (tok.i + 1 < len(doc) and (
            sent[tok.i + 1] != sent[tok.i] or (tok.text == "," and doc[tok.i + 1].lower_ in CLAUSE_WORDS)))
        if end_clause:
            out.append((start, tok.i + 1))
            start = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def _lists(doc: Doc, ents: list[Span], members: list[int]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in members:
        gap = doc[ents[groups[-1][-1]].end : ents[i].start].text if groups else ""
        # ``exploit Venezuelans in Aruba``: a nationality and the places it is exploited in are two lists
        norp_in = bool(groups) and ents[groups[-1][-1]].label_ == "NORP" and re.search(r"\bin\b", gap) is not None
        if groups and LIST_GAP.match(gap) and not norp_in and \
                not re.search(r"\bfrom\b|(?<!addition )\bto\b(?!\s+a\s+lesser)|\bvia\b|\bthrough\b", gap):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _role(doc: Doc, ents: list[Span], group: list[int], clause_start: int) -> PlaceList:
    first, last = ents[group[0]], ents[group[-1]]
    # ``from South and Southeast Asia``: the cue stands before the first half of a shared region name
    before = re.sub(r"\b(?:north|south|east|west|central)(?:ern)?\s+(?:and|or)\s*$", "",
                    doc[max(clause_start, first.start - 12) : first.start].text, flags=re.I)
    after = doc[last.end : min(len(doc), last.end + 15)].text
    clause_before = doc[clause_start : first.start].text
    pl = PlaceList(group)
    if (m := SUBJECT.match(after)) and not re.search(r"\b(?:from|to|in|via)\s*$", before, re.I):
        roles = m.group("roles").lower()
        pl.subject = {r for r in ("source", "transit", "destination") if r in roles} | \
            ({"source"} if "origin" in roles else set())
        return pl
    if re.search(r"\bto\s+and\s+(?:through|from)(?:\s+(?:the|other|neighbou?ring|nearby))*\s*$", before, re.I):
        # ``trafficked to and through X``, ``trafficked to and from other West African countries``
        pl.role, pl.moved_to = "destination", True
    elif BETWEEN_CUE.search(before) and len(group) > 1:
        pl.role = "between"
    elif TRANSIT_CUE.search(before):
        pl.role = "transit"
    elif ORIGIN_CUE.search(before) or AFTER_SOURCE.match(after):
        pl.role = "origin"
    elif DEST_CUE.search(before) or AFTER_DEST.match(after):
        pl.role, pl.moved_to = "destination", True
    elif IN_CUE.search(before) and TRAFFICKING.search(clause_before):
        pl.role = "destination"
    elif all(ents[i].label_ == "NORP" for i in group):  # a nationality says where people come from
        pl.role = "origin"
    return pl


def _group_with_members(doc: Doc, group: Span, member: Span) -> bool:
    """``neighboring countries (Argentina, Peru, Bolivia)``, ``Asian countries such as China``."""
    gap = doc[group.end : member.start].text
    countries = COUNTRIES_WORD.match(gap)
    rest = gap[countries.end() :] if countries else gap
    return bool((GROUP.match(group.text) or countries) and MEMBERS_GAP.match(rest))


# the document's country named only as ``the country`` (``Chinese nationals are trafficked to the country``), or
# not at all where the clause lists its source countries (``main source countries include the Dominican Republic,
# Colombia``, ``Ethiopia, Eritrea, and Morocco were also source countries``)
TO_THE_COUNTRY = re.compile(r"\b(?:trafficked|brought|taken|sent|lured|recruited)\s+(?:\w+\s+){0,2}?(?:to|into)\s+"
                            r"the\s+country\b|\bsource\s+countries\s+(?:include[ds]?|are|were|continued\s+to\s+be)\b|"
                            r"\b(?:are|were)\s+(?:also\s+)?(?:the\s+)?(?:main\s+|primary\s+)?source\s+countries\b",
                            re.I)
# the span group of the places whose people are brought to the document's country, so named
TO_THE_COUNTRY_KEY = "to_the_country"


def route_links(doc: Doc, ents: list[Span], sent: list[int], to_the_country: list[int] | None = None
                ) -> Iterator[tuple[int, int]]:
    """(head, child) index pairs over ``ents`` for every route leg the paragraph states; the origins of a clause
    whose only destination is ``the country`` (the document's, which has no span) go to ``to_the_country``."""
    places = [i for i, e in enumerate(ents) if e.label_ in ("GPE", "NORP")]
    source_country: int | None = None  # the paragraph's subject as a source, for clauses naming no origin
    dest_country: int | None = None
    for start, end in _clauses(doc, sent):
        members = [i for i in places if start <= ents[i].start and ents[i].end <= end]
        if not members:
            continue
        lists = [_role(doc, ents, g, start) for g in _lists(doc, ents, members)]
        for prev, pl in zip(lists, lists[1:], strict=False):
            if pl.role is None and not pl.subject and prev.role and FOLLOWED_BY.search(
                    doc[ents[prev.items[-1]].end : ents[pl.items[0]].start].text):
                pl.role, pl.moved_to = prev.role, prev.moved_to
        for pl in lists:
            pl.items = [i for k, i in enumerate(pl.items) if not (k + 1 < len(pl.items) and _group_with_members(
                doc, ents[i], ents[pl.items[k + 1]]))]
        origins = [i for pl in lists if pl.role == "origin" for i in pl.items]
        dests = [i for pl in lists if pl.role == "destination" for i in pl.items]
        transits = [i for pl in lists if pl.role == "transit" for i in pl.items]
        for pl in lists:
            if not pl.subject:
                continue
            s = pl.items[0]
            if "source" in pl.subject:
                source_country = s
            if "destination" in pl.subject:
                dest_country = s
            if len(pl.subject) > 1 or pl.subject == {"transit"}:
                transits.append(s)
            elif pl.subject == {"source"}:
                origins.append(s)
            else:
                dests.append(s)
        clause_text = doc[start:end].text
        if HEDGED.search(clause_text) and not FIRM.search(clause_text):
            continue
        named = [i for pl in lists if pl.moved_to for i in pl.items if ents[i].label_ == "GPE"]
        if len(named) == 1 and not origins and dest_country is None:
            dest_country = named[0]  # ``trafficked to and through Costa Rica``: the later origins' destination
        if dests and not origins and source_country is not None and source_country not in dests:
            origins = [source_country]
        if origins and not dests and not transits and dest_country is not None and dest_country not in origins \
                and FROM_ELSEWHERE.search(clause_text):
            dests = [dest_country]
        if origins and not dests and not transits and INTERNAL.search(clause_text):
            dests = [i for i in origins if ents[i].label_ == "GPE"][:1]
        if origins and not dests and not transits and to_the_country is not None and TO_THE_COUNTRY.search(clause_text):
            to_the_country.extend(origins)
        legs: set[tuple[int, int]] = set()
        if transits:
            legs |= {(o, t) for o in origins for t in transits}
            legs |= {(t, d) for t in transits for d in dests}
        else:
            legs |= {(o, d) for o in origins for d in dests}
        for pl in lists:
            if pl.role == "between":
                first = pl.items[0]
                legs |= {leg for other in pl.items[1:] for leg in ((first, other), (other, first))}
        for h, c in sorted(legs):
            if h != c and ents[c].label_ == "GPE":
                yield h, c

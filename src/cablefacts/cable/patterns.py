"""Regular expressions for the lines of a telegram: header fields, banners, page breaks, marks."""

import re

CLASSIFICATIONS = (
    r"UNCLAS(?:SIFIED)?(?:\s+E\s*F\s*T\s*O)?(?:\s+FOR\s+OFFICIAL\s+USE\s+ONLY)?",
    r"C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L",
    r"S\s?E\s?C\s?R\s?E\s?T(?:\s*/\s*NOFORN)?",
    r"LIMITED\s+OFFICIAL\s+USE",
)
CLASSIFICATION = "(?:" + "|".join(CLASSIFICATIONS) + ")"

# "UNCLAS SECTION 01 OF 02 ASTANA 001061", "C O N F I D E N T I A L CAIRO 001222", "UNCLAS STATE 060633"
CLASS_LINE = re.compile(
    rf"^\s*(?P<cls>{CLASSIFICATION})\s+(?:S?ECTION\s+\d+\s+(?:[OG]F|of)\s+\d+\s+)?"
    r"(?P<post>[A-Z][A-Z .'-]*?[A-Z])\s+(?P<num>\d{2,7})\s*$"
)
# date-time group "P 190530Z APR 06", "O 071206Z MAR 07"
DTG = re.compile(
    r"^\s*[A-Z]{1,2}\s+(?P<day>\d{2})(?P<hh>\d{2})(?P<mm>\d{2})Z\s+(?P<mon>[A-Z]{3})\s+(?P<yy>\d{2})\b"
)
DTG_INLINE = re.compile(
    r"(?:\b[OPRZ]{1,2}\s+|^\s*)(?P<day>[0-3]\d)(?P<hh>[0-2]\d)(?P<mm>[0-5]\d)Z\s+(?P<mon>[A-Za-z]{3})\s+(?P<yy>\d{2})\b")
# dates the release's own metadata gives: "2007-04-25 10:24:00", "Cable dated:2002-11-15T12:40:00", "2/24/2005 16:09"
ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[ T](?P<H>[0-2]\d):(?P<M>[0-5]\d))?")
US_DATE = re.compile(r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\s+(?P<H>[0-2]?\d):(?P<M>[0-5]\d)")
# a bare cable id as the release writes it: a line of its own, or a field of a CSV/TSV row
BARE_ID = re.compile(r"(?:^|[\t,])\s*(?P<id>\d{2}[A-Z][A-Z-]*[A-Z]\d{1,7})\s*(?:$|[\t,])")
CLASS_INLINE = re.compile(
    rf"(?P<cls>{CLASSIFICATION})\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?(?P<post>[A-Z][A-Z ]*?[A-Z])\s+(?P<num>\d{{6}})")
FM_LINE = re.compile(r"^\s*FM\s+(?P<origin>\S.*?)\s*$")
SUBJECT = re.compile(r"^\s*(?:SUBJECT|SUBJ|Subject)\s*:\s*(?P<rest>.*)$")
SUBJECT_INLINE = re.compile(r"\b(?:SUBJECT|Subject|SUBJ)\s*:\s*(?P<rest>.*)$")
TAGS = re.compile(r"^\s*(?:TAGS|Tags|tags)\b\s*:?\s*(?P<rest>.*)$")
REF = re.compile(r"^\s*REFS?\s*:?\s+(?P<rest>.*)$|^\s*REF:\s*(?P<rest2>.*)$")
# the REF field's keyword, also run on after the subject: "REF:", "IRANREF:", "Ref(s):", "REFTELS:"; or a
# line that opens with it and no colon: "REF A. STATE 1234" (each alternative opens with R for a fast search)
REF_FIELD = re.compile(
    r"R(?:EF(?:S|TELS?)?|(?<![A-Za-z]R)(?:ef(?:s|\(s\)|tels?)?|EFERENCES?|eferences?))\s*:"
    r"|r(?<![A-Za-z]r)ef(?:tels?)?\s*:")
REF_LINE = re.compile(r"^\s*REF(?:S|TELS?)?\s+(?=[A-Z(\d])")
# a line that opens an item of the REF field ("¶B. ROME 721", "(C) SAO PAULO 73"), and the item letters of a text
REF_ITEM_LINE = re.compile(
    r"^\s*[¶\\]?\s*(?:REF\s+(?P<b>[A-Z])\s|(?:REF\s+)?(?:\(\s*(?P<p>[A-Z])\s*\)|(?P<d>[A-Z])[.):]))")
REF_LETTER = re.compile(r"(?:^|(?<=[\s;,(¶\d]))\(?\s*([A-Za-z])\s*[.):](?=\s|[A-Za-z0-9(']|$)|^([A-Z])\s")
EO = re.compile(r"^\s*E\.?\s?[O0]\.?\s*12958|^\s*EO\s+12958", re.I)
CLASSIFIED_BY = re.compile(r"^\s*CLASSIFIED\s+BY\b", re.I)
# where a subject ends: the REF field ("Ref(s):", "IRANREF:"), the classification authority, a banner, a
# repeated field, a classification line, an old page header, a handling note, the body's first sentence
SUBJECT_STOP = re.compile(
    r"REF(?:S|TELS?)?\s*:|\bRef(?:s|\(s\)|tels?)?\s*:|\bREFERENCES?\s*:"
    r"|(?:Classified\s+By|CLASSIFIED\s+BY)\b|(?<=\s)1\.\s*\((?:U|C|S|SBU)\)"
    r"|(?<=\s)(?:SUMMARY\s+|Summary\s+)?[-=_]{4,}|\bSUBJECT\s*:|(?<=\s)TAGS\s*:|(?<=\s)E\.\s?O\.\s+12958"
    r"|C O N F I D E N T I A L|S E C R E T|U N C L A S"
    r"|(?<=\s)(?:\d{1,2}:\d{2}\s+)?(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)\s+(?:SECTION\s+\d+\s+OF\s+\d+\s+)?"
    r"[A-Z][A-Z ]*?\s\d{6}\b"
    r"|(?<=\s)PAGE\s+\d{2}\b"
    r"|(?<=\s)(?i:(?:entire\s+text\s+)?sensitive\s+but\s+unclassified)"
    r"|(?<=\s)(?i:this\s+is\s+an?\s+action\s+request|this\s+(?:message|cable)\s+(?:has|is|contains|was)\b)"
    r"|(?<=\s)\((?:U|C|S|SBU|C/NF|S/NF)\)\s+(?=[A-Z][a-z])")
# the page header of an old telegram run into a header field: "CONFIDENTIAL PAGE 02 ROME 01196 01 OF 02 082030Z"
PAGE_HEADER = re.compile(
    r"(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\s+)?PAGE\s+\d{2}\s+[A-Z][A-Z ]*?\s+\d+\s+"
    r"(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z")
# the number and page of a page break run into a header field, after the post: "TRIPOLI 00000476 001.2 OF 002"
PAGE_BREAK_INLINE = re.compile(r"\s\d{6,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b")
# a line that is a label alone: "INDEX:"
LABEL_LINE = re.compile(r"^[A-Z][A-Za-z ]{0,20}:$")

# "ASTANA 00000614 002.2 OF 016", "PAGE 02 HARARE 05461 01 OF 02 271458Z"
PAGE_BREAK = re.compile(r"^\s*[A-Z][A-Z .'-]*\s+\d{6,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$")
OLD_PAGE = re.compile(r"^\s*PAGE\s+\d{2}\s+[A-Z]")
MISSING_SECTION = re.compile(r"^\s*\*\s*Missing Section\s+\d+\s*\*\s*$", re.I)
LONE_WORDS = re.compile(
    rf"^\s*(?:{CLASSIFICATION}(?:\s+PTQ\d+)?|SIPDIS|SENSITIVE|SNSITIVE.*|NNNN|NOFORN|SENSITIVE\s+SIPDIS"
    r"|END\s+TEXT|-+\s*header ends\s*-+|<<\s*END OF DOCUMENT\s*>>"
    r"|C\s*O\s*R\s*R\s*E\s*C\s*T\s*E\s*D\s+C\s*O\s*P\s*Y.*)\s*$",
    re.I,
)
DASHES = re.compile(r"^\s*[-=_*]{3,}[-=_* ]*$")

# paragraph marks: "¶1.", "1.", "[1](#)1.", "1.(C)", "¶10. (SBU)"
PARA_MARK = re.compile(r"^\s*(?P<junk>¶|\[\d+\]\(#\))?\s*(?P<num>\d{1,3}(?:[A-Z](?:-[A-Z])?)?)"
                       r"\s?\.(?=\s|\(|[A-Z\"'])\s*")
MD_ESCAPE = re.compile(r"\\([$*_#\[\]()&%<>])")
MD_LINK_JUNK = re.compile(r"\[(\d+)\]\(#\)")
INLINE_PILCROW = re.compile(r"¶(?=\d)")
SIGNER = re.compile(r"^\s*(?P<name>[A-Z][A-Z'-]{2,}(?:\s+[A-Z][A-Z'-]+)?)\s*$")
SIGNER_TAIL = re.compile(r"(?<=[.)\"'])\s+(?P<name>[A-Z][A-Z'-]{2,})\s*$")
REF_ITEM = re.compile(
    r"(?:(?<=\s)|^|(?<=[.;,]))(?:[A-Z]\.\s*)?(?:(?P<year>\d{4}|\d{2})\s+)?(?P<post>[A-Z][A-Z]+(?:\s[A-Z][A-Z]+)?)\s+(?P<num>\d{1,7})\b"
)
CABLE_ID = re.compile(r"^(?P<yy>\d{2})(?P<post>[A-Z][A-Z-]*?)(?P<num>\d+)$")

MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}

# a portion marking that opens body text: "(C) ", "(SBU) "; a numbered one: "1. (C)"
PORTION = re.compile(r"^\s*\((?:U|C|S|SBU|S/NF|C/NF|LOU|U/FOUO)\)\s")
BODY_OPENING = re.compile(r"(?:(?<=\s)|^)(?:\d{1,2}\.\s*)?\((?:U|C|S|SBU|S/NF|C/NF|LOU|U/FOUO)\)\s")
# routing line "DE RUEHMK #0492/01 2060620": the cable's number
DE_LINE = re.compile(r"^\s*DE\s+[A-Z]+\s+#(?P<num>\d{1,7})\b")

"""Table tests of the reader's metadata over real cables of ../shared (the bulk set, seed and extra cables).

One row per cable: its header, cut before the first numbered paragraph, goes through the reader and must
give the expected references and other references, subject, or tags. The rows name the cables; their
text is read from ../shared at test time, never committed.
"""

import re

import pytest

from cablefacts.cable import parse_cable
from cablefacts.cable.references import parse_references
from tests.conftest import EXTRA, SEED

FIRST_PARAGRAPH = re.compile(r"^\s*(?:¶|\[\d+\]\(#\))?\s*1\s?\.\s", re.MULTILINE)


def header(cable_id: str, bulk_dir) -> str:
    """The header of a cable of ../shared: its text up to the first numbered paragraph."""
    for folder in (SEED, EXTRA, bulk_dir):
        path = folder / f"{cable_id}.txt"
        if path.exists():
            text = path.read_text(encoding="utf-8")
            m = FIRST_PARAGRAPH.search(text)
            return text[: m.start()] if m else text
    pytest.fail(f"{cable_id}: not in ../shared")


def read(cable_id: str, bulk_dir):
    return parse_cable(header(cable_id, bulk_dir), name=f"{cable_id}.txt")


# lettered (A. / A) / (A) / (A)STATE / a) / A: / bare), unlettered, several on a line, split over lines, with
# or without a year, posts in full, short or with spaces, leading zeros, non-cable items, page breaks
REFERENCES = [
    ("07ASTANA614", ["06STATE202745"], []),
    ("09STATE60633", ["09STATE59732", "09STATE5577"], []),
    ("08ASTANA1111", ["08STATE58370"], []),
    ("09CAIRO1222", ["08CAIRO2525", "09CAIRO386", "09CAIRO721"], []),
    ("07REYKJAVIK90", ["06STATE202745", "07REYKJAVIK49"], ["FEvans-MHall emails"]),
    ("09SANJOSE389", ["09BEIJING1062"], ["WHA/CEN ASDAR OF APRIL 16"]),
    ("03ANKARA4231", ["03ANKARA4230"], []),
    ("02ANKARA8852", ["02ANKARA6856", "02ANKARA8252", "02ANKARA7683", "02ANKARA8448", "02ANKARA8382"], []),
    ("03BRASILIA1550", ["03BRASILIA1321"], []),
    ("01STATE176819", ["01STATE175414", "01ISLAMABAD5601"], []),
    ("00HARARE5461", ["00HARARE5346"], []),
    ("08RIODEJANEIRO165", ["08RIODEJANEIRO138", "08RIODEJANEIRO44"], []),
    ("66BUENOSAIRES2481", ["66STATE106206"], ["STATE CA-3400 NOV 2, 1966"]),
    ("04BRASILIA745", ["04BRASILIA685", "04BRASILIA607", "03BRASILIA2544"], ["03 BRASILIA IIR 6 809 0381 03"]),
    ("05BRASILIA715", ["05STATE43965", "05BRASILIA574", "05BRASILIA660"],
     ["DANILOVICH-NORIEGA TELCON 14 MARCH 05", "DEPARTMENT WHA/BSC -- EMBASSY E-MAILS 14 MARCH 05"]),
    ("04VATICAN3213", ["04STATE152009", "04VATICAN2518"], ["WILLSON - MARTIN EMAIL AUG 12"]),
    ("04MADRID3914", ["04MADRID3552", "04BRUSSELS4080"], ["SAINZ E-MAIL"]),
    ("72TEHRAN1164", ["72TEHRAN1091", "72TEHRAN263", "72MOSCOW1603"], []),
    ("90BAGHDAD4397", ["90STATE253201"], ["WILSON/MACK TELECON", "WILSON/CHARLES TELECON"]),
    ("96ANKARA12278", ["96ANKARA11676", "96ANKARA11279"], []),
    ("86MADRID5480", ["86MADRID5426", "86MADRID5425", "86MADRID5418"], []),
    ("97WELLINGTON1656", ["97WELLINGTON1498", "97WELLINGTON1492"], []),
    ("00THEHAGUE1695", ["00THEHAGUE588", "00THEHAGUE980"], []),
    ("05NEWDELHI8795", ["05USUNNEWYORK2635", "05NEWDELHI8682"], []),
    ("06USUNNEWYORK1254", ["05NEWDELHI8799", "05USUNNEWYORK2635"], []),
    ("08BEIJING3080", ["08USUNNEWYORK720", "08USUNNEWYORK721"], []),
    ("04BRASILIA2129", ["04BRASILIA1835", "04USUNNEWYORK1593", "04STATE152009"], []),
    ("07LONDON4311", ["06STATE163201"], []),
    ("09SANJOSE921", ["09STATE75599", "09SANJOSE811", "07SANJOSE1963"], []),
    ("10RIYADH184", ["09DHAHRAN201", "09RIYADH1302", "09RIYADH1397", "09RIYADH1492", "09RIYADH1557", "09RIYADH1642",
                     "10RIYADH103", "10STATE3080", "10STATE11182"],
     []),
    ("09SANJOSE985", ["07SANJOSE1173", "08SANJOSE133", "08SANJOSE969", "09SANJOSE389"], []),
    ("09DOHA214", ["09STATE15113", "08DOHA152", "08DOHA75", "07DOHA311"], []),
    ("06KUWAIT3201", ["06STATE121220"], []),
    ("05LONDON4981", ["05LONDON4212"], []),
    ("06VIENNA515", ["06VIENNA350", "06VIENNA309", "05VIENNA1760", "05STATE220738"], []),
    ("09RIODEJANEIRO440", ["09RIODEJANEIRO329", "09RIODEJANEIRO404", "09RIODEJANEIRO353", "09RIODEJANEIRO311"], []),
    ("10SANJOSE23", ["10SANJOSE110", "09SANJOSE815", "10SANJOSE19", "10SANJOSE3"], []),
    ("05SANJOSE1740", ["05SANJOSE1639", "05SANJOSE1455", "05SANJOSE1713", "05SANJOSE1720", "05SANJOSE1722"], []),
    ("09SANJOSE264", ["09STATE29385", "09SANJOSE186"], []),
    ("07SANJOSE1061", ["07STATE65523", "06SANJOSE2734"], []),
    ("09KUALALUMPUR752", ["09STATE90063", "09KUALALUMPUR739"], []),
    ("09LONDON2638", ["09STATE118799", "09LONDON2595"], []),
    ("08STATE99666", ["08STATE21770", "08STATE39585", "08STATE52030"], []),
    ("08TEGUCIGALPA86", ["07TEGUCIGALPA1798", "07TEGUCIGALPA1818", "08TEGUCIGALPA57", "08TEGUCIGALPA84"], []),
    ("05NEWDELHI9434", ["05KUALALUMPUR4317", "05NEWDELHI9080", "05NEWDELHI5397"], []),
    ("09MEXICO2701", ["09MEXICO2636", "09MEXICO2556", "09MEXICO2675"], []),
    ("09UNVIEVIENNA322", ["09UNVIEVIENNA148", "09UNVIEVIENNA102", "09UNVIEVIENNA89", "09UNVIEVIENNA76"], []),
    ("07BRASILIA2185", ["07UNVIEVIENNA641"], []),
    ("09BRASILIA599", ["09STATE18646", "09BRASILIA201", "09UNVIEVIENNA29", "08RIODEJANEIRO295", "08BRASILIA1529"], []),
    ("08CASABLANCA81", ["05CASABLANCA1220", "07CASABLANCA169"], []),
    ("09PANAMA523", ["08PANAMA725"], []),
    ("06SAOPAULO316", ["06SAOPAULO278", "06SAOPAULO206", "06SAOPAULO73"], []),
    ("06BERN1686", ["06BERN1593", "06BERN1553"], []),
    ("02ROME1196", ["02STATE40721", "02ROME1098", "02ROME894", "02ROME348"],
     ["MYRIAD POST-DEPARTMENT E-MAILS FROM 10/01-02/02"]),
    ("09TRIPOLI661", ["07TRIPOLI656", "07TRIPOLII695"], []),
    ("09LONDON2180", ["09STATE96550"], ["PARA 1 & 2 CLASS CHANGED"]),
    ("10CAIRO255", ["10SECDEF122723", "09CAIRO2394", "09CAIRO491"],
     ["CAIRO IIR 6 899 0148 10", "CAIRO IIR 6 899 0149 10"]),
    ("09STATE119085", ["08STATE61194", "09STATE30541", "04STATE61816", "08STATE110175", "09STATE110904"],
     ["7 FAM 180", "2 FAM 227", "9 FAM 42.1 N4, PN2-5, and PN7"]),
    ("07PARIS3956", ["07PARIS3668"], ["PARIS POINTS 20 SEPTEMBER 2007"]),
    ("09STATE39054", ["09STATE30541"],
     ["STATE SECURITY SERVICE OF UKRAINE PRESS RELEASE 4/14/09",
      "STATE NUCLEAR REGULATORY COMMITTEE OF UKRAINE PRESS RELEASE 4/15/09",
      "3 ARRESTED IN UKRAINE FOR TRYING TO SELL PLUTONIUM ASSOCIATED PRESS 3/14/09",
      "STATE SECURITY SERVICE OF UKRAINE (SBU) PRESS CONFERENCE/CHANNEL ONE TV RUSSIAN NEWSCAST 4/16/09",
      "UKRAINE SAYS 3 TRIED TO SELL BOMB MATERIAL NEW YORK TIMES"]),
    ("08LONDON2789", ["08TOKYO2954"], ["EMB LONDON 10/23 E-MAIL (GAYLE) TO NEA/IR"]),
    ("09TRIPOLI190", ["09CIAWASH542085", "08CIAWASH400246", "08TRIPOLI120", "09STATE13023", "08TRIPOLI660",
                      "07TRIPOLI883", "07TRIPOLI370", "07TRIPOLI330", "05TRIPOLI255"],
     []),
    ("10MANAGUA115", ["10MANAGUA182", "10MANAGUA49", "09MANAGUA1090", "09MANAGUA913", "09MANAGUA912", "09MANAGUA871",
                      "09MANAGUA599"],
     []),
    ("09STATE83014", ["09BOGOTA2409", "09STATE81957"], []),
    ("06BRASILIA631", ["06BRASILIA146"], []),
    ("08CAIRO2099", ["08STATE102414"], []),
    ("06BRASILIA2094", ["06STATE165115"], []),
    ("09CAIRO290", ["09CAIRO181", "09CAIRO257"], []),
    ("08LONDON1761", ["08STATE64404"], ["IIR 663 2405 08"]),
    ("09BUENOSAIRES686", ["09BUENOSAIRES445"], ["06/11/09 Gay-Gomez e-mail and telcon"]),
    ("09TRIPOLI590", ["08TRIPOLI960", "08TRIPOLI993"], []),
    ("09BUENOSAIRES66", ["08BUENOSAIRES1491", "08BUENOSAIRES1389", "08BUENOSAIRES1398"], []),
    ("08ROME681", [], ["ROME 0472..."]),
    ("05PARIS4749", ["05PARIS479"], []),
    ("06GENEVA2030", ["06GENEVA1954", "06STATE130904", "06STATE130145", "06GENEVA1675", "06GENEVA1673"], []),
    ("05DUSHANBE1870", ["05DUSHANBE1866", "05DUSHANBE1855", "05DUSHANBE1828"], []),
    ("06SANJOSE2060", ["06SANJOSE1840"], ["OSD-SAN JOSE EMAILS SEPT 1-5"]),
    ("08SANJOSE594", ["08STATE73173", "08STATE74375", "08SANJOSE458"],
     ["SAN JOSE/IO EMAIL (HENIFIN/MEYER)--07/09/08", "SAN JOSE/IO EMAIL (NEELY/GOLDENBERG)--07/09/08",
      "IO/SAN JOSE EMAIL (MEYER/NEELY)--07-09-08"]),
    ("09ABUDHABI754", ["09STATE76108"], ["SECRETARY'S LETTER TO MBZ ON PUMA HELICOPTERS"]),
    ("09CAIRO173", ["09CAIRO74", "08CAIRO784"], []),
    ("10HAVANA9", ["10HAVANA639", "10HAVANA772", "10HAVANA763", "10HAVANA739", "10HAVANA736", "10HAVANA755"], []),
    ("09SANJOSE602", ["09SANJOSE587", "09TEGUCIGALPA600", "09TEGUCIGALPA610"], []),
    ("09RIODEJANEIRO353", ["09RIODEJANEIRO346", "09RIODEJANEIRO329"], []),
    ("07SANJOSE1173", ["07SANJOSE1106", "07SANJOSE868"], []),
    ("08SANJOSE5", ["07SANJOSE2070"], ["SAN JOSE-WHA/CEN EMAIL OF 12/31/07"]),
]

SUBJECTS = [
    ("07ASTANA614", "KAZAKHSTAN SUBMISSIONS FOR 2007 TIP REPORT"),
    ("09STATE60633", "KAZAKHSTAN--2009 TIP REPORT: PRESS GUIDANCE AND DEMARCHE"),
    ("07ASTANA1061", "KAZAKHSTAN RESOLVES TO IMPROVE TIP RESPONSE"),
    ("09CAIRO1222", "EGYPTIAN MFA REACTIONS TO 2009 TIP REPORT"),
    ("05ISTANBUL329", "MUNICIPALITY TO FUND..."),
    ("66BUENOSAIRES2481", "EXTENDED NATIONAL JURISDICTIONS OVER HIGH SEAS"),
    ("72TEHRAN1164", "ACCELERATION OF F-4ES FOR IRAN"),
    ("01STATE176819", "AFGHANISTAN'S POLITICAL FUTURE (CORRECTED COPY)"),
    ("08RIODEJANEIRO165", "AMBASSADOR SOBEL MEETS WITH KEY ENERGY ENTITIES IN RIO"),
    ("09STOCKHOLM569", ("SWEDISH DEPUTY PM URGES SENIOR USG VISITS TO SWEDEN DURING EU "
                        "PRESIDENCY; WANTS TO LAUNCH U.S.-EU ALERNATIVE ENERGY PARTNERSHIP AT U.S.-EU SUMMIT")),
    ("08TBILISI1362", "GEORGIA: SITREP 8: RUSSIANS PULL BACK, BUT BOMBING CONTINUES UNTIL MEDV..."),
    ("00HARARE6677", "ASSISTANT SECRETARY MEETS WITH ZIMBABWE OPPOSITION LEADER"),
    ("03COLOMBO2183", "Minister Moragoda reviews upcoming visit to Washington in meeting with the Ambassador"),
    ("05DUSHANBE1870", "MODERATE TAJIK ISLAMIC LEADER KABIRI WAL..."),
    ("05MUMBAI1931", ("GUJARAT: PEACEFUL ON THE SURFACE, YET "
                      "STATE GOVERNMENT CONTINUES ITS POLICIES OF COMMUNALIZATION")),
    ("06BRASILIA1667", "CAN A ROAD SAVE THE AMAZON? THE BR-163 - Corrected Version"),
    ("06CAIRO941", "FBI DIRECTOR MUELLER’S VISIT TO EGYPT"),
    ("06MEXICO2220", "TEN ECONOMIC CHALLENGES FACING MEXICO'S NEXT PRESIDENT"),
    ("06NEWDELHI7273", "KASHMIR: PENDING EXECUTION CAUSING STRIFE FOR CONGRESS"),
    ("06SAOPAULO280", ("LABOR LEADERS DIFFER OVER LULA GOVERNMENT, BUT "
                       "MOST WORKERS WILL LIKELY SUPPORT HIS RE-ELECTION")),
    ("06TOKYO1363", "DAILY SUMMARY OF JAPANESE PRESS 03/15/06"),
    ("07CAIRO3126", "SCENESETTER FOR AMBASSADOR CROCKER’S VISIT TO CAIRO"),
    ("07MANAMA1089", "CENTRAL BANK GOVERNOR UNDERSCORES COMMITMENT TO DOLLAR REMAINS FIRM"),
    ("07MOSCOW1974", "RUSSIAN SCIENCE: PUTI..."),
    ("07PARAMARIBO510", ("(C) BRIEFING INFORMATION FOR OCTOBER 6 COURTESY CALL "
                         "BETWEEN DEFENSE SECRETARY GATES AND SURINAMESE PRESIDENT VENETIAAN")),
    ("08BUENOSAIRES858", "More than Malbec: Ambassador Donates Scholarships and Talks Development in Mendoza"),
    ("08CAIRO2221", "IS THE EGYPTIAN GOVERNMENT READY FOR A GLOBAL SLOWDOWN?"),
    ("08LONDON1991", "(C/NF) WHO WOULD REPLACE GORDON BROWN AS UK PRIME"),
    ("08MANAMA528", "BAHRAIN’S RELATIONS WITH IRAN"),
    ("08SANJOSE1000", "COSTA RICA: TITLE III SUSPENSION OF THE LIBERTAD ACT"),
    ("09CAIRO226", "EGYPT'S 55th BIRD FLU VICTIM, ANOTHER CHILD"),
    ("09EFTOTRIPOLI704", "LIBYAN PROTOCOL CHIEF CONFIRMS QADHAFI WILL NOT STAY IN ENGLEWOOD RESIDENCE"),
    ("09PANAMA893", "TOCUMEN INTERNATIONAL AIRPORT FLYING HIGH BUT CORRUPTION CAUSING DRAG"),
    ("09REYKJAVIK158", "ICELANDIC FOREIGN MINISTER'S MEETING WITH CHARGE FOCUSES ON UNGA, ICESAVE, NATO"),
    ("09STATE49854", "(S/NF) KUDOS TO EMBASSY BUENOS AIRES FOR BIOGRAPHIC REPORTING AND TDY SUPPORT"),
    ("09TELAVIV2188", "ISRAEL MEDIA REACTION"),
    ("09TRIPOLI476", "PRIME MINISTER'S VISIT TO TRIPOLI"),
    ("10LONDON65", "KENYA: KINNOCK'S JANUARY VISIT TO NAIROBI AND KIBAKI'S FEBRUARY VISIT TO THE UK"),
    ("09CAIRO1759", "EGIS CHIEF SOLIMAN AND U.S. AFRICA COMMAND DISCUSS SUDAN AND SOMALIA"),
    ("06TOKYO3567", "Japan Backs Anti-Counterfeiting Trade Agreement Proposal"),
    ("07SANTIAGO1244", ("AMBASSADOR'S FAREWELL CALLS: A POTPOURRI OF "
                        "ISSUES (CHAVEZ, CHILEAN LEADERSHIP, CHILEAN INTERNAL POLITICS)")),
    ("05LIMA4861", ("FUJIMORI UPDATE: CONSPIRACY CONCERNS A SWIPE AT JAPAN BUILDING AN EXTRADITION CASE "
                    "LABOR/HUMAN RIGHTS GROUPS SUPPORT EXTRADITION PRESIDENTIAL CANDIDATES LARGELY MUM "
                    "FUJIMORISTA PARTIES IN DISARRAY")),
    ("08BERLIN1068", ("(s) germany requests release of xxxxxxxxxxxx nonpaper "
                      "to the german criminal customs office (zka)")),
]

TAGS = [
    ("07ASTANA614", ["KCRM", "PHUM", "KWMN", "SMIG", "KFRD", "ASEC", "PREF", "ELAB", "PREL", "KZ"]),
    ("09CAIRO1222", ["PGOV", "PHUM", "PREF", "KCRM", "KWMN", "KJUS", "SOCI", "EG"]),
    ("66BUENOSAIRES2481", ["EFIS", "PBTS", "AR"]),
    ("72TEHRAN1164", ["MASS", "MARR", "IR"]),
    ("86MADRID5480", ["PTER", "PINR", "PREL", "SP", "LY"]),
    ("90BAGHDAD4397", ["PREL", "IZ", "KU", "AS"]),
    ("96ANKARA12278", ["PGOV", "KISL", "PTER", "PHUM", "PINR", "TU"]),
    ("00HARARE5461", ["PGOV", "PINS", "ZI", "MDC", "ZANU-PF"]),
    ("09STOCKHOLM569", ["ENRG", "EUN", "ECON", "EIND", "KGHG", "SENV", "SW"]),
    ("07DAMASCUS389", ["PREL", "PGOV", "SY"]),
    ("07STATE135366", ["PARM", "MTCRE", "PREL", "ETTC", "GM", "SY"]),
    ("08BERLIN1068", ["PARM", "PREL", "ETTC", "MTCRE", "KSCA", "IR", "AEC", "GM"]),
    ("09BEIJING2963", ["OVIP", "PREL", "PARM", "PGOV", "ECON", "ETRA", "MNUC", "MARR", "CH", "JP", "KN", "KS", "IR"]),
    ("09BEIJING2965", ["OVIP", "PREL", "PGOV", "PARM", "MNUC", "CH", "KN", "KS"]),
    ("09SINGAPORE529", ["OVIP", "PREL", "MNUC", "ECON", "SN", "CH", "KN"]),
    ("06MEXICO1311", ["PGOV", "PINR", "MX"]),
    ("05BRASILIA2231", ["PREL", "MARR", "BR", "UNSC", "US"]),
    ("06BRASILIA1963", ["PGOV", "PREL", "ECON", "BR"]),
    ("06SAOPAULO675", ["OVIP", "ETRD", "BEXP", "KIPR", "EINV", "PGOV", "EAGR", "ENRG", "BR"]),
    ("09CAIRO544", ["PGOV", "PHUM", "KDEM", "KIRF", "KWMN", "SOCI", "EG"]),
    ("08MOSCOW2671", ["EPET", "ENRG", "ECON", "PREL", "RS"]),
    ("01VATICAN3507", ["PREL", "PHUM", "IS", "EG", "CH", "ID", "VT", "VTPREL"]),
    ("01VATICAN5693", ["PREL", "AF", "PK", "IN", "VT", "VTPREL"]),
    ("05BOGOTA9257", ["PGOV", "PTER", "SOCI", "CO", "ELN", "FARC"]),
    ("09BAKU20", ["PGOV", "PRL", "PTER", "AJ", "IS", "IR"]),
    ("88BAGHDAD28", ["MTCRE", "PARM", "PREL", "ETTC", "MNUC", "TSPA", "IR", "GM", "CH"]),
    ("09STATE4134", ["MTCR", "PARM", "PREL", "ETTC", "MNUC", "TSPA", "SP", "SY"]),
    ("08STATE43817", ["KNNP", "DPRK", "SY", "IAEA", "PARM", "PREL"]),
    ("06NEWDELHI2587", ["PTER", "PGOV", "PINR", "PREL", "PINS", "MASS", "KJUS", "KTIA", "TBIO", "KCRM", "TINT", "EFIN",
                        "EAIR", "SNAR", "KISL", "IN", "PK", "BK", "NE"]),
    ("08LONDON2651", ["PGOV", "PREL", "PINR", "UK", "ECON", "KNNP", "MOPS", "PTER", "AF", "FR", "GG", "PK", "RS",
                      "UP"]),
    ("09STATE86845", ["ETTC", "KOMC", "MX"]),
    ("09MEXICO880", ["PREL", "PGOV", "PHUM", "SNAR", "KCRM", "MX"]),
]


@pytest.mark.parametrize(("cable_id", "references", "other_references"), REFERENCES)
def test_references(bulk_dir, cable_id, references, other_references):
    c = read(cable_id, bulk_dir)
    assert c.references == references
    assert c.other_references == other_references


@pytest.mark.parametrize(("cable_id", "subject"), SUBJECTS)
def test_subject(bulk_dir, cable_id, subject):
    assert read(cable_id, bulk_dir).subject == subject


@pytest.mark.parametrize(("cable_id", "tags"), TAGS)
def test_tags(bulk_dir, cable_id, tags):
    assert read(cable_id, bulk_dir).tags == tags


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("ANKARA 4230", 3, (["03ANKARA4230"], [])),
        ("(A)STATE 175414 (NOTAL), (B)ISLAMABAD 5601", 1, (["01STATE175414", "01ISLAMABAD5601"], [])),
        (
            "A) 08 RIO DE JAN 138; B) 08 RIO DE JAN 0044 and previous",
            8,
            (["08RIODEJANEIRO138", "08RIODEJANEIRO44"], []),
        ),
        (
            "A. SECSTATE 90063 B. USUN NEW YORK 720 AND 721",
            8,
            (["08STATE90063", "08USUNNEWYORK720", "08USUNNEWYORK721"], []),
        ),
        ("A. SAINZ E-MAIL B. MADRID 3552", 4, (["04MADRID3552"], ["SAINZ E-MAIL"])),
        ("PARIS 479", None, ([], ["PARIS 479"])),
    ],
)
def test_parse_references(text, year, expected):
    assert parse_references(text, year) == expected


def test_other_references_in_json(bulk_dir):
    d = read("04VATICAN3213", bulk_dir).to_dict()
    assert d["references"] == ["04STATE152009", "04VATICAN2518"]
    assert d["other_references"] == ["WILLSON - MARTIN EMAIL AUG 12"]


# One header field function per row, on the header of a real cable: each way the reader finds the field.
def _fields(cable_id: str, bulk_dir, name_year: int | None = None, year_known: bool = True) -> dict:
    from cablefacts.cable.header import _find_classification, _find_date, _find_id, _find_origin, _window, split_lines

    w = _window(split_lines(header(cable_id, bulk_dir)))
    cls, banner = _find_classification(w)
    origin, fm = _find_origin(w)
    date = _find_date(w)
    year = date.year if date and year_known else None
    return {"classification": cls, "origin": origin, "date": date and date.isoformat(),
            "id": _find_id(w, year, banner, fm, name_year)}


HEADER_FIELDS = [
    # classification: the banner line (spaced letters, SECTION .. OF/of ..), else the metadata, else inline
    ("05DUBLIN657", "classification", "CONFIDENTIAL"),
    ("10RIYADH182", "classification", "SECRET"),  # "SECRET SECTION 01 of 03 RIYADH 000182"
    ("04ANKARA7106", "classification", "SECRET"),  # the banner line wins over "classification: SECRET//NOFORN"
    ("06TELAVIV687", "classification", "SECRET"),  # "...S E C R E T TEL AVIV 000687SIPDIS..." run on
    # origin: the FM line, else the metadata's origin, else none
    ("07ASTANA614", "origin", "AMEMBASSY ASTANA"),
    ("05BOGOTA3863", "origin", "Embassy Bogota"),
    ("06TELAVIV687", "origin", None),
    # date: the date-time group, the metadata's date, a date with its weekday, a "Cable dated:" line
    ("06ASTANA32", "date", "2006-04-19T05:30:00"),
    ("05BOGOTA3863", "date", "2005-04-22T15:47:00"),
    ("05DUBLIN657", "date", "2005-06-01T08:39:00"),
    ("06TELAVIV687", "date", "2006-02-15T15:18:00"),
    # id: banner post and number with the date's year, the metadata's refid, the DE and FM routing lines
    ("07ASTANA614", "id", ("07ASTANA614", [])),
    ("05BOGOTA3863", "id", ("05BOGOTA3863", [])),
    ("09SANSALVADOR789", "id", ("09SANSALVADOR789", ["no classification line; id from the routing lines (DE and FM)"])),
]


@pytest.mark.parametrize("cable_id,field,expected", HEADER_FIELDS)
def test_header_field(cable_id, field, expected, bulk_dir):
    assert _fields(cable_id, bulk_dir)[field] == expected


def test_the_year_of_an_undated_banner_comes_from_the_file_name(bulk_dir):
    found = _fields("07ASTANA614", bulk_dir, name_year=7, year_known=False)["id"]
    assert found == ("07ASTANA614", ["no date in the text; year 2007 from the file name"])

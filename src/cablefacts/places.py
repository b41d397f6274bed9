"""Tables of places and nationalities that country names alone do not give: other names of countries,
cities and provinces with their country, regions and groups of countries (``None``: not one country),
places named by kind, and demonyms. Read by the entity patterns and by the normalisers."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# what pycountry lacks: other names of countries, and regions and groups of countries (None = not one country)
COUNTRY_NAMES: dict[str, str | None] = {
    "macau": "MAC", "sint maarten": "SXM",
    "uae": "ARE", "the uae": "ARE", "emirates": "ARE", "the emirates": "ARE", "united arab emirates": "ARE",
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "south korea": "KOR", "korea": "KOR", "north korea": "PRK",
    "the united states": "USA", "united states": "USA", "u.s.": "USA", "us": "USA", "usa": "USA", "america": "USA",
    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "bolivia": "BOL", "venezuela": "VEN", "moldova": "MDA",
    "vietnam": "VNM", "laos": "LAO", "tanzania": "TZA", "the netherlands": "NLD", "holland": "NLD",
    "dominican republic": "DOM", "the dominican republic": "DOM", "czech republic": "CZE", "taiwan": "TWN",
    "kyrgyzstan": "KGZ", "turkey": "TUR", "republic of korea": "KOR", "the republic of korea": "KOR",
    "ivory coast": "CIV", "burma": "MMR", "macedonia": "MKD",
    "curacao": "CUW", "trinidad": "TTO", "kosovo": None, "democratic republic of the congo": "COD",
    "democratic republic of congo": "COD", "drc": "COD", "republic of the congo": "COG", "republic of congo": "COG",
    "gulf states": None, "persian gulf states": None, "gulf countries": None,
    "car": "CAF", "prc": "CHN", "dprk": "PRK", "rok": "KOR", "ksa": "SAU", "fsm": "FSM", "rmi": "MHL", "bih": "BIH",
    "png": "PNG", "the gambia": "GMB",
    "gambia": "GMB", "the bahamas": "BHS", "bahamas": "BHS", "cote d'ivoire": "CIV", "cote d ivoire": "CIV", "eu": None,
    "european union": None, "sub-saharan africa": None, "north africa": None, "east africa": None,
    "southern africa": None, "central asia": None, "south america": None, "north america": None, "oceania": None,
    "the balkans": None, "balkans": None, "scandinavia": None, "the levant": None,
}
# cities and provinces with the country they are in, and more regions
PLACES: dict[str, str | None] = {**COUNTRY_NAMES,
    "south kazakhstan": "KAZ", "almaty": "KAZ", "astana": "KAZ", "aktau": "KAZ", "atyrau": "KAZ",
    "istanbul": "TUR", "antalya": "TUR", "cairo": "EGY", "alexandria": "EGY", "sinai": "EGY",
    "sinai peninsula": "EGY", "reykjavik": "ISL", "santiago": "CHL", "buenos aires": "ARG", "san jose": "CRI",
    "manama": "BHR", "paramaribo": "SUR", "nickerie": "SUR", "mexico city": "MEX", "yucatan": "MEX",
    "bakirkoy": "TUR", "calama": "CHL", "iquique": "CHL", "punta arenas": "CHL", "temuco": "CHL",
    "san felipe": "CHL", "limon": "CRI", "puntarenas": "CRI", "golfito": "CRI", "guanacaste": "CRI",
    "guanacaste province": "CRI",
    "middle east": None, "the middle east": None, "cis": None, "europe": None, "western europe": None,
    "eastern europe": None, "asia": None, "central america": None, "latin america": None, "the gulf": None,
    "gulf": None, "persian gulf": None, "south asia": None, "southeast asia": None, "east asia": None,
    "africa": None, "west africa": None, "the caribbean": None, "caribbean": None, "former soviet union": None,
    "horn of africa": None, "the horn of africa": None, "central africa": None, "northeast asia": None,
    "north asia": None, "eurasia": None,
    "the americas": None, "northern europe": None, "southern europe": None, "central europe": None,
    "continental europe": None, "southeast europe": None, "southeastern europe": None, "south east asia": None,
    "the mediterranean": None, "mediterranean": None, "the pacific": None, "south pacific": None,
    "pacific islands": None, "west asia": None, "western asia": None, "arab states": None,
    "former soviet republics": None, "former soviet states": None, "commonwealth of independent states": None,
}
# places named by kind: internal ones take the country of the document, "neighbouring countries" none
GENERIC_PLACES = (r"\b(?:(?:rural|urban|poorer|poor|border|coastal|tourist|remote|interior|provincial|mining|"
                  r"agricultural|northern|southern|eastern|western|central)\s+(?:areas?|regions?|provinces?|villages|"
                  r"communities|cent(?:er|re)s|cities|towns|zones|destinations)|(?:larger|major|big|large|other)\s+"
                  r"cities|neighbou?ring\s+countries)\b")
INTERNAL_PLACE = re.compile(r"^(?!neighbou?ring).*(?:areas?|regions?|provinces?|villages|communities|cent(?:er|re)s|"
                            r"cities|towns|zones|destinations)$", re.I)
# nationalities, and regional adjectives (None); the second table lists alternatives with "|"
DEMONYMS: dict[str, str | None] = {
    "uzbek": "UZB", "kazakh": "KAZ", "kazakhstani": "KAZ", "kyrgyz": "KGZ", "tajik": "TJK", "russian": "RUS",
    "ukrainian": "UKR", "moldovan": "MDA", "belarusian": "BLR", "romanian": "ROU", "georgian": "GEO",
    "azerbaijani": "AZE", "turkmen": "TKM", "chinese": "CHN", "filipino": "PHL", "filipina": "PHL",
    "indian": "IND", "bangladeshi": "BGD", "pakistani": "PAK", "nepalese": "NPL", "sri lankan": "LKA",
    "indonesian": "IDN", "thai": "THA", "vietnamese": "VNM", "korean": "KOR", "ethiopian": "ETH",
    "eritrean": "ERI", "sudanese": "SDN", "somali": "SOM", "nigerian": "NGA", "egyptian": "EGY",
    "iraqi": "IRQ", "iranian": "IRN", "syrian": "SYR", "jordanian": "JOR", "saudi": "SAU", "bahraini": "BHR",
    "emirati": "ARE", "turkish": "TUR", "polish": "POL", "lithuanian": "LTU", "latvian": "LVA",
    "estonian": "EST", "bulgarian": "BGR", "brazilian": "BRA", "colombian": "COL", "peruvian": "PER",
    "bolivian": "BOL", "paraguayan": "PRY", "dominican": "DOM", "nicaraguan": "NIC", "costa rican": "CRI",
    "panamanian": "PAN", "guatemalan": "GTM", "honduran": "HND", "salvadoran": "SLV", "mexican": "MEX",
    "cuban": "CUB", "haitian": "HTI", "guyanese": "GUY", "surinamese": "SUR", "chilean": "CHL",
    "argentine": "ARG", "argentinean": "ARG", "spanish": "ESP", "icelandic": "ISL", "equatorial guinean": "GNQ",
    "venezuelan": "VEN", "ecuadorian": "ECU", "uruguayan": "URY", "american": "USA", "israeli": "ISR",
    "asian": None, "latin american": None, "eastern european": None, "african": None, "european": None,
    "central asian": None, "south asian": None, "south american": None, "central american": None,
    "west african": None, "east african": None, "north african": None, "southern african": None,
    "southeast asian": None, "south east asian": None, "east asian": None, "western european": None,
    "sub-saharan": None, "middle eastern": None, "gulf": None, "caribbean": None, "balkan": None,
    "baltic": None, "arab": None, "central african": None, "eurasian": None, "northeast asian": None,
    "sub-saharan african": None, "kosovar": None, "scandinavian": None, "nordic": None, "pacific islander": None,
    **{d: c for c, names in {
        "AFG": "afghan", "ALB": "albanian", "DZA": "algerian", "AGO": "angolan", "ARM": "armenian",
        "AUS": "australian", "AUT": "austrian", "BHS": "bahamian", "BRB": "barbadian|bajan", "BEL": "belgian",
        "BLZ": "belizean", "BEN": "beninese", "BTN": "bhutanese", "BIH": "bosnian", "BWA": "batswana|motswana",
        "BRN": "bruneian", "BFA": "burkinabe", "MMR": "burmese", "BDI": "burundian", "KHM": "cambodian",
        "CMR": "cameroonian", "CAN": "canadian", "CPV": "cabo verdean",
        "TCD": "chadian", "COM": "comorian", "COD": "congolese", "HRV": "croatian", "CZE": "czech",
        "DNK": "danish", "DJI": "djiboutian", "NLD": "dutch", "GNQ": "equatoguinean", "FJI": "fijian",
        "FIN": "finnish", "FRA": "french", "GAB": "gabonese", "GMB": "gambian", "DEU": "german",
        "GHA": "ghanaian", "GRC": "greek", "GIN": "guinean", "GNB": "bissau-guinean", "HUN": "hungarian",
        "IRL": "irish", "ITA": "italian", "CIV": "ivoirian|ivorian", "JAM": "jamaican", "JPN": "japanese",
        "KEN": "kenyan", "KWT": "kuwaiti", "LAO": "lao|laotian", "LBN": "lebanese", "LSO": "basotho|mosotho",
        "LBR": "liberian", "LBY": "libyan", "MDG": "malagasy", "MWI": "malawian", "MYS": "malaysian",
        "MDV": "maldivian", "MLI": "malian", "MLT": "maltese", "MHL": "marshallese", "MRT": "mauritanian",
        "MUS": "mauritian", "FSM": "micronesian", "MNG": "mongolian", "MNE": "montenegrin", "MAR": "moroccan",
        "MOZ": "mozambican", "NAM": "namibian", "NPL": "nepali", "NER": "nigerien", "PRK": "north korean",
        "MKD": "macedonian", "NOR": "norwegian", "OMN": "omani", "PNG": "papua new guinean",
        "PHL": "philippine", "PRT": "portuguese", "QAT": "qatari", "RWA": "rwandan", "LCA": "saint lucian",
        "SEN": "senegalese", "SRB": "serbian", "SYC": "seychellois", "SLE": "sierra leonean",
        "SGP": "singaporean", "SVK": "slovak", "SVN": "slovenian", "SLB": "solomon islander",
        "ZAF": "south african", "KOR": "south korean", "SSD": "south sudanese", "SWE": "swedish",
        "CHE": "swiss", "TWN": "taiwanese", "TZA": "tanzanian", "TLS": "timorese", "TGO": "togolese",
        "TON": "tongan", "TTO": "trinidadian", "TUN": "tunisian", "UGA": "ugandan", "GBR": "british",
        "VUT": "ni-vanuatu", "YEM": "yemeni", "ZMB": "zambian", "ZWE": "zimbabwean", "ARE": "emirati",
        "SAU": "saudi", "SWZ": "swazi", "KGZ": "kyrgyzstani", "TJK": "tajikistani", "UZB": "uzbekistani",
        "TKM": "turkmenistani", "CUW": "curacaoan", "ABW": "aruban", "GUY": "guyanese",
        "HKG": "hong konger", "MAC": "macanese", "KIR": "i-kiribati", "SOM": "somalian", "NIC": "nicaraguan",
    }.items() for d in names.split("|")},
}


@lru_cache(maxsize=4096)
def place_code(text: str) -> str | None:
    """ISO 3166-1 alpha-3 of a place or nationality where it means one country, else None."""
    t = re.sub(r"\s+", " ", text.strip(" -\u2013\u2014\"'").lower().replace("\u2019", "'"))
    t = re.sub(r"^the ", "", t) if t not in PLACES else t
    for table in (PLACES, DEMONYMS):
        if t in table:
            return table[t]
        if "the " + t in table:
            return table["the " + t]
    if t.endswith("s") and t[:-1] in DEMONYMS:  # "Bolivians", "Uzbeks"
        return DEMONYMS[t[:-1]]
    return country_names().get(t)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """pycountry's country names (name, official and common names), lower-cased -> alpha-3."""
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_3
    return names


# the post of a cable id (``09QUITO160``: QUITO) and the country it is in: where a cable's subject names no
# country, it reports on its post's (missions to international bodies, Washington and Geneva name none)
POSTS: dict[str, str] = {
    "ABIDJAN": "CIV", "ABUDHABI": "ARE", "ABUJA": "NGA", "ACCRA": "GHA", "ADANA": "TUR", "ADDISABABA": "ETH",
    "AITTAIPEI": "TWN", "ALGIERS": "DZA", "ALMATY": "KAZ", "AMMAN": "JOR", "AMSTERDAM": "NLD", "ANKARA": "TUR",
    "ASHGABAT": "TKM", "ASMARA": "ERI", "ASTANA": "KAZ", "ASUNCION": "PRY", "ATHENS": "GRC", "BAGHDAD": "IRQ",
    "BAKU": "AZE", "BAMAKO": "MLI", "BANDARSERIBEGAWAN": "BRN", "BANGKOK": "THA", "BANJUL": "GMB",
    "BARCELONA": "ESP", "BASRAH": "IRQ", "BEIJING": "CHN", "BEIRUT": "LBN", "BELGRADE": "SRB", "BERLIN": "DEU",
    "BERN": "CHE", "BISHKEK": "KGZ", "BOGOTA": "COL", "BRASILIA": "BRA", "BRATISLAVA": "SVK",
    "BRIDGETOWN": "BRB", "BUCHAREST": "ROU", "BUDAPEST": "HUN", "BUENOSAIRES": "ARG", "BUJUMBURA": "BDI",
    "CAIRO": "EGY", "CALCUTTA": "IND", "CANBERRA": "AUS", "CAPETOWN": "ZAF", "CARACAS": "VEN",
    "CASABLANCA": "MAR", "CHENNAI": "IND", "CHISINAU": "MDA", "CIUDADJUAREZ": "MEX", "COLOMBO": "LKA",
    "CONAKRY": "GIN", "COPENHAGEN": "DNK", "CURACAO": "CUW", "DAKAR": "SEN", "DAMASCUS": "SYR",
    "DARESSALAAM": "TZA", "DHAKA": "BGD", "DJIBOUTI": "DJI", "DOHA": "QAT", "DUBAI": "ARE", "DUBLIN": "IRL",
    "DUSHANBE": "TJK", "EFTOTRIPOLI": "LBY", "FREETOWN": "SLE", "GABORONE": "BWA", "GUADALAJARA": "MEX",
    "GUATEMALA": "GTM", "HAMBURG": "DEU", "HANOI": "VNM", "HARARE": "ZWE", "HAVANA": "CUB", "HELSINKI": "FIN",
    "HERMOSILLO": "MEX", "HOCHIMINHCITY": "VNM", "IRANRPODUBAI": "IRN", "ISLAMABAD": "PAK", "ISTANBUL": "TUR",
    "JAKARTA": "IDN", "JEDDAH": "SAU", "JERUSALEM": "ISR", "KABUL": "AFG", "KAMPALA": "UGA", "KARACHI": "PAK",
    "KATHMANDU": "NPL", "KHARTOUM": "SDN", "KIEV": "UKR", "KIGALI": "RWA", "KINSHASA": "COD", "KOLKATA": "IND",
    "KUALALUMPUR": "MYS", "KUWAIT": "KWT", "KYIV": "UKR", "LAGOS": "NGA", "LAHORE": "PAK", "LAPAZ": "BOL",
    "LILONGWE": "MWI", "LIMA": "PER", "LISBON": "PRT", "LJUBLJANA": "SVN", "LONDON": "GBR", "LUANDA": "AGO",
    "LUXEMBOURG": "LUX", "MADRID": "ESP", "MALABO": "GNQ", "MANAGUA": "NIC", "MANAMA": "BHR", "MANILA": "PHL",
    "MAPUTO": "MOZ", "MBABANE": "SWZ", "MELBOURNE": "AUS", "MEXICO": "MEX", "MILAN": "ITA", "MINSK": "BLR",
    "MONROVIA": "LBR", "MONTERREY": "MEX", "MONTEVIDEO": "URY", "MONTREAL": "CAN", "MOSCOW": "RUS",
    "MUMBAI": "IND", "MUNICH": "DEU", "MUSCAT": "OMN", "NAIROBI": "KEN", "NAPLES": "ITA", "NASSAU": "BHS",
    "NEWDELHI": "IND", "OSLO": "NOR", "OTTAWA": "CAN", "OUAGADOUGOU": "BFA", "PANAMA": "PAN",
    "PARAMARIBO": "SUR", "PARIS": "FRA", "PESHAWAR": "PAK", "PHNOMPENH": "KHM", "PORTAUPRINCE": "HTI",
    "PORTLOUIS": "MUS", "PORTOFSPAIN": "TTO", "PRAGUE": "CZE", "PRETORIA": "ZAF",
    "QUITO": "ECU", "RABAT": "MAR", "RANGOON": "MMR", "RECIFE": "BRA", "REYKJAVIK": "ISL",
    "RIODEJANEIRO": "BRA", "RIGA": "LVA", "RIYADH": "SAU", "ROME": "ITA", "RPODUBAI": "IRN", "SANAA": "YEM",
    "SANJOSE": "CRI", "SANSALVADOR": "SLV", "SANTIAGO": "CHL", "SANTODOMINGO": "DOM", "SAOPAULO": "BRA",
    "SARAJEVO": "BIH", "SEOUL": "KOR", "SHANGHAI": "CHN", "SHENYANG": "CHN", "SINGAPORE": "SGP", "SKOPJE": "MKD",
    "SOFIA": "BGR", "STOCKHOLM": "SWE", "TALLINN": "EST", "TASHKENT": "UZB", "TBILISI": "GEO",
    "TEGUCIGALPA": "HND", "TEHRAN": "IRN", "TELAVIV": "ISR", "THEHAGUE": "NLD", "TIJUANA": "MEX", "TOKYO": "JPN",
    "TRIPOLI": "LBY", "TUNIS": "TUN", "ULAANBAATAR": "MNG", "VALLETTA": "MLT", "VATICAN": "VAT",
    "VIENNA": "AUT", "VILNIUS": "LTU", "VLADIVOSTOK": "RUS", "WARSAW": "POL", "WELLINGTON": "NZL",
    "WINDHOEK": "NAM", "YAOUNDE": "CMR", "YEREVAN": "ARM", "ZAGREB": "HRV",
}

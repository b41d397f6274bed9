"""Table tests of the fact layer on real TIP phrasing: the rules-only pipeline on one narrative-style
paragraph, each row the facts (type and FACTS.md keys) it must give, and those it must not."""

import pytest

from cablefacts.api import extract, rules_pipeline
from cablefacts.facts.evaluate import KEYS
from cablefacts.narratives import narrative_cable


@pytest.fixture(scope="module")
def nlp():
    return rules_pipeline()


def facts(nlp, text: str, country: str = "Kazakhstan") -> set[tuple]:
    cable = narrative_cable({"id": "factbook-2010-Test", "edition": 2010, "country": country, "text": text})
    out = set()
    for f in extract(cable, nlp, gate=False):
        d = f.to_dict()
        if d["type"] == "route":
            out.add(("route", d["origin"] or d["origin_place"].lower(),
                     d["destination"] or d["destination_place"].lower()))
        else:
            out.add((d["type"], *(d[k] for k in KEYS[d["type"]])))
    return out


AMOUNTS = [
    ("The government allocated $300K for victim assistance in 2008.", ("money", 300000, "USD")),
    ("USAID provided $1.5M to IOM for trafficking victims shelters.", ("money", 1500000, "USD")),
    ("The INL grant of $67 M funded the anti-trafficking unit.", ("money", 67000000, "USD")),
    ("The government spent USD 5.8 million on trafficking victim protection in 2009.", ("money", 5800000, "USD")),
    ("The government allocated 12,920,000 tenge (about $104,000) for a trafficking shelter.",
     ("money", 12920000, "KZT")),
    ("The state budget allocates IKR 30.9 million (US $461,000) to the shelter for trafficking victims.",
     ("money", 30900000, "ISK")),
    # an old code, a currency the corpus has no cable of, a name with its country's adjective
    ("Last fiscal year, the Congress appropriated MXP 70 million (approximately USD 7 million) to build shelters "
     "for trafficking victims.", ("money", 70000000, "MXN")),
    ("The Ministry allocated THB 12 million to shelters for trafficking victims in 2009.", ("money", 12000000, "THB")),
    ("The government spent 4.5 million Kenyan shillings on a shelter for trafficking victims.",
     ("money", 4500000, "KES")),
]


@pytest.mark.parametrize("text,expected", AMOUNTS)
def test_amounts_with_suffixes_words_and_equivalents(nlp, text, expected):
    got = facts(nlp, text)
    assert expected in got
    assert len([f for f in got if f[0] == "money"]) == 1  # the stated equivalent is no fact of its own


def test_equivalent_is_kept_as_usd(nlp):
    cable = narrative_cable({"id": "factbook-2010-Test", "edition": 2010, "country": "Iceland",
                             "text": "The state budget allocates IKR 30.9 million (US $461,000) to the shelter for "
                                     "trafficking victims."})
    money = [f.to_dict() for f in extract(cable, nlp, gate=False) if f.type == "money"]
    assert money[0]["usd"] == 461000


LISTS = [
    ("Azerbaijan serves as a transit country for victims from Uzbekistan, Kyrgyzstan, Kazakhstan, and Moldova "
     "trafficked to Turkey and the UAE for sexual exploitation.", "Azerbaijan",
     {("route", o, "AZE") for o in ("UZB", "KGZ", "KAZ", "MDA")} | {("route", "AZE", d) for d in ("TUR", "ARE")}),
    ("Albanian victims of sexual exploitation are trafficked in Greece, Italy, Macedonia, Kosovo, Belgium, "
     "the Netherlands, Germany, Switzerland, Ireland, and the UK.", "Albania",
     {("route", "ALB", d) for d in ("GRC", "ITA", "MKD", "kosovo", "BEL", "NLD", "DEU", "CHE", "IRL", "GBR")}),
    ("Women and girls from Nicaragua, Colombia, the Dominican Republic, Panama, and less frequently from Russia, the\n"
     "Philippines, Romania, and Bulgaria are trafficked to Costa Rica for sexual exploitation.", "Costa Rica",
     {("route", o, "CRI") for o in ("NIC", "COL", "DOM", "PAN", "RUS", "PHL", "ROU", "BGR")}),
]


ROUTE_SUBJECTS = [
    # ``is a destination for`` without ``country``
    ("Sudan is a destination for Ethiopian, Somali, and possibly Thai women subjected to forced prostitution.",
     "Sudan", {("route", o, "SDN") for o in ("ETH", "SOM", "THA")}),
    # but sex tourists are no trafficked people
    ("The Dominican Republic is a destination for sex tourists primarily from North America and Europe.",
     "Dominican Republic", set()),
    # ``Congolese`` are of the DRC, but in the Republic of the Congo's own texts
    ("Reports indicate that Namibian and possibly Congolese migrants are subjected to forced labor in Angola's "
     "construction industry.", "Angola", {("route", "NAM", "AGO"), ("route", "COD", "AGO")}),
    ("Congolese women are subjected to forced labor in Gabon.", "Republic of the Congo", {("route", "COG", "GAB")}),
    # ``in other ... countries``, ``across``; ``Cote d Ivoire`` without its apostrophe
    ("Tanzanian children and adults are subjected to domestic servitude, other forms of forced labor, and sex "
     "trafficking in other African countries, the Middle East, Europe, and the US.", "Tanzania",
     {("route", "TZA", d) for d in ("african", "middle east", "europe", "USA")}),
    ("Traffickers exploit Bulgarian men and boys in forced labor across Europe, predominantly in agriculture.",
     "Bulgaria", {("route", "BGR", "europe")}),
    ("Guinean women and girls are subjected to domestic servitude and sex trafficking in Nigeria, Cote d Ivoire, "
     "and Benin.", "Guinea", {("route", "GIN", d) for d in ("NGA", "CIV", "BEN")}),
    # ``to countries in``; ``transit`` as a verb makes a transit point (legs, not the whole journey)
    ("Congolese women and children migrate to countries in Africa, the Middle East, and Europe where some are "
     "subjected to forced prostitution.", "Congo, The Democratic Republic of the",
     {("route", "COD", d) for d in ("africa", "middle east", "europe")}),
    ("Nicaraguans transit Costa Rica to reach Panama, where some are subjected to forced labor or sex trafficking.",
     "Costa Rica", {("route", "NIC", "CRI"), ("route", "CRI", "PAN")}),
    ("Sudanese children transit Yemen en route to Saudi Arabia, where they are forced to beg.", "Sudan",
     {("route", "SDN", "YEM"), ("route", "YEM", "SAU")}),
    # the document's country named only as ``the country``: a destination without a span
    ("Women and children from Nicaragua, Colombia, and less frequently from Russia and Bulgaria are trafficked to "
     "the country for sexual exploitation. Chinese nationals are trafficked to the country for debt bondage.",
     "Costa Rica", {("route", o, "CRI") for o in ("NIC", "COL", "RUS", "BGR", "CHN")}),
    ("A significant number of Bolivians, Paraguayans, and Peruvians are trafficked into the country for forced "
     "labor in sweatshops and agriculture.", "Argentina", {("route", o, "ARG") for o in ("BOL", "PRY", "PER")}),
    # source countries listed: to the country named before, else to the document's country
    ("Persons continued to be trafficked to and through Costa Rica from all over the world during 2005. Police and "
     "NGOs reported that main source countries include the Dominican Republic, Colombia, and Nicaragua.",
     "Costa Rica", {("route", o, "CRI") for o in ("DOM", "COL", "NIC")}),
    ("Foreign workers are trafficked for forced labor. Primary source countries continued to be India, Pakistan, "
     "and Nepal.", "Bahrain", {("route", o, "BHR") for o in ("IND", "PAK", "NPL")}),
    # ``to and from`` names destinations
    ("Cote d'Ivoire is a source, transit, and destination country for women and children trafficked for forced "
     "labor; women and girls are trafficked to and from other Central African countries for domestic servitude.",
     "Cote d'Ivoire", {("route", "CIV", "central african")}),
    # ``on the borders of``
    ("Traffickers lure Vietnamese women and children with fraudulent job opportunities and send them to brothels on "
     "the borders of Cambodia, China, and Laos or elsewhere in Asia.", "Vietnam",
     {("route", "VNM", d) for d in ("KHM", "CHN", "LAO", "asia")}),
]


@pytest.mark.parametrize("text,country,expected", ROUTE_SUBJECTS)
def test_route_subjects_and_nationalities(nlp, text, country, expected):
    assert {f for f in facts(nlp, text, country) if f[0] == "route"} == expected


@pytest.mark.parametrize("text,country,expected", LISTS)
def test_every_listed_place_is_a_leg_and_no_leg_joins_two_items(nlp, text, country, expected):
    routes = {f for f in facts(nlp, text, country) if f[0] == "route"}
    assert routes == expected


REGIONS = [
    ("Kazakhstani women and girls are exploited in the Middle East, Europe, East Asia, and Central Asian and "
     "Eastern European countries.", "Kazakhstan",
     {("route", "KAZ", d) for d in ("middle east", "europe", "east asia", "central asian", "eastern european")}),
    ("Victims trafficked from other Latin American countries predominantly enter Chile by land.", "Chile",
     {("route", "latin american", "CHL")}),
    # a group followed by its members: the members are the ends, not the group
    ("From Chile, victims have been trafficked to neighboring countries (Argentina, Peru, Bolivia), the U.S., "
     "Europe, and Asia, according to law enforcement officials.", "Chile",
     {("route", "CHL", d) for d in ("ARG", "PER", "BOL", "USA", "europe", "asia")}),
    ("Chilean women and girls also are trafficked for involuntary prostitution to neighboring countries such as "
     "Argentina, Peru, and Bolivia, as well as Western Europe.", "Chile",
     {("route", "CHL", d) for d in ("ARG", "PER", "BOL", "western europe")}),
    ("Foreign women from Argentina, Bolivia, and Paraguay, in addition to Asian countries such as China, are lured "
     "to Chile with fraudulent job offers and coerced into prostitution.", "Chile",
     {("route", o, "CHL") for o in ("ARG", "BOL", "PRY", "CHN")}),
    # a nationality exploited in a list of countries, a place no table knows inside the list
    ("traffickers exploit Venezuelans in Aruba, The Bahamas, Bolivia, Iceland, Macau, Mexico, and Peru; "
     "Venezuelan women are at risk.", "Venezuela",
     {("route", "VEN", d) for d in ("ABW", "BHS", "BOL", "ISL", "MAC", "MEX", "PER")}),
    # victims in a country, from a list; ``elsewhere in`` continues the list of origins
    ("most victims in Malaysia are documented and undocumented migrant workers from Bangladesh, Burma, and Nepal; "
     "employers exploit some migrants.", "Malaysia", {("route", o, "MYS") for o in ("BGD", "MMR", "NPL")}),
    ("victims from Haiti and elsewhere in the Caribbean and Asia are trafficked in the Dominican Republic.",
     "Dominican Republic", {("route", o, "DOM") for o in ("HTI", "caribbean", "asia")}),
    # ``followed by`` and ``to a lesser extent`` carry the destination's role down the list
    ("Turkmenistan is a source country for men, women, and children subjected to forced labor; Turkey is the "
     "primary trafficking destination, followed by Russia, the United Arab Emirates, and, to a lesser extent, Iran "
     "and the UK.", "Turkmenistan", {("route", "TKM", d) for d in ("TUR", "RUS", "ARE", "IRN", "GBR")}),
    # hedged statements give no route (GUIDELINES.md), a firm one beside them does
    ("Malians and other Africans who travel through Mali to Mauritania, Algeria, or Libya in hopes of reaching "
     "Europe are particularly at risk of becoming victims of human trafficking.", "Mali", set()),
    ("Iranian women are vulnerable to sex trafficking in Turkey; Iranian men are subjected to forced labor in the "
     "United Arab Emirates.", "Iran", {("route", "IRN", "ARE")}),
    # a region keeps its leg beside the countries it names
    ("Victims were primarily trafficked from Africa (notably Cameroon and Nigeria) to France for prostitution.",
     "France", {("route", o, "FRA") for o in ("africa", "CMR", "NGA")}),
    ("Many victims are trafficked within the country, from rural areas to urban centers, for forced prostitution.",
     "Argentina", {("route", "ARG", "ARG")}),
    ("Azerbaijan is primarily a source country for men and women; men and boys are trafficked to Russia for "
     "forced labor.", "Azerbaijan", {("route", "AZE", "RUS")}),
    ("Cyprus is a source and destination country for men and women from Eastern Europe, India, Vietnam, and "
     "sub-Saharan Africa who are subjected to forced labor and sex trafficking.", "Cyprus",
     {("route", o, "CYP") for o in ("eastern europe", "IND", "VNM", "sub-saharan africa")}),
    ("Women and girls from South and Southeast Asia and East Africa are subjected to forced labor in Lebanon.",
     "Lebanon", {("route", "southeast asia", "LBN"), ("route", "east africa", "LBN")}),
    ("Gabon is a destination country for children from Central African countries subjected to forced labor.",
     "Gabon", {("route", "central african", "GAB")}),
    # movement both ways: the first place and each of the others are origin and destination
    ("most victims appear to be CAR citizens exploited within the country, and a smaller number are transported "
     "back and forth between the Central African Republic and Cameroon, Chad, and Nigeria; children are forced into "
     "domestic servitude.", "Central African Republic",
     {("route", a, b) for c in ("CMR", "TCD", "NGA") for a, b in (("CAF", c), (c, "CAF"))}),
    ("Nigerian women are trafficked between Gabon and Nigeria, and from Nigeria to Saudi Arabia.", "Nigeria",
     {("route", "GAB", "NGA"), ("route", "NGA", "GAB"), ("route", "NGA", "SAU")}),
]

# goods, drugs and bombings move between countries too: no route unless trafficked people are named
NOT_PEOPLE_ROUTES = [
    ("A wide variety of counterfeit goods, including cigarettes, CDs, DVDs, and computer software, are moved from "
     "Asia into Paraguay and transported primarily across the border into Brazil.", "Brazil", set()),
    ("The Ambassador applauded an inter-agency effort targeting drug trafficking from Buenos Aires' Ezeiza "
     "international airport to Spain.", "Argentina", set()),
    ("Traffickers who also smuggle drugs brought Dominican women from Panama into Costa Rica for prostitution.",
     "Costa Rica", {("route", "DOM", "CRI"), ("route", "PAN", "CRI")}),
]


@pytest.mark.parametrize("text,country,expected", NOT_PEOPLE_ROUTES)
def test_routes_of_goods_and_drugs_are_no_routes(nlp, text, country, expected):
    assert {f for f in facts(nlp, text, country) if f[0] == "route"} == expected


# a short form is a place where the text defines it after the place (``Central African Republic (CAR)``), and common
# ones (``PRC``, ``FSM``) are places wherever they stand
ABBREVIATIONS = [
    ("Central African Republic (CAR) is a source and destination country for children subjected to forced labor; "
     "a smaller number are transported back and forth between CAR and Chad.", "Central African Republic",
     {("route", "CAF", "TCD"), ("route", "TCD", "CAF")}),
    ("Women from the PRC and the FSM were trafficked to Guam for forced prostitution.", "United States",
     {("route", "CHN", "GUM"), ("route", "FSM", "GUM")}),
    # undefined, ``CAR`` is a word (cables write whole sentences in capitals)
    ("A CAR CARRYING TRAFFICKING VICTIMS FROM MOLDOVA WAS STOPPED AT THE BORDER WITH ROMANIA.", "Romania",
     set()),
]

# cables put two spaces after a full stop; the next sentence is a clause of its own, and a destination
# named alone (``trafficked to and through Costa Rica``) is the destination of the origins listed next
CABLE_ROUTES = [
    ("Persons are trafficked to and through Costa Rica from all over the world.  Police and NGOs reported "
     "that main source countries include Colombia, Nicaragua and Cuba.", "Costa Rica",
     {("route", o, "CRI") for o in ("COL", "NIC", "CUB")}),
    ("He gave an example of a Moldovan woman who came to Turkey years ago to recruit victims and married a "
     "Turkish man; trafficking victims were found.", "Turkey", {("route", "MDA", "TUR")}),
    ("From Chile, victims have been trafficked to Argentina and Peru.  Victims also come from Bolivia to Chile.",
     "Chile", {("route", "CHL", "ARG"), ("route", "CHL", "PER"), ("route", "BOL", "CHL")}),
]


@pytest.mark.parametrize("text,country,expected", CABLE_ROUTES)
def test_cable_sentences_and_carried_destinations(nlp, text, country, expected):
    assert {f for f in facts(nlp, text, country) if f[0] == "route"} == expected


@pytest.mark.parametrize("text,country,expected", REGIONS)
def test_regions_groups_and_internal_routes(nlp, text, country, expected):
    assert {f for f in facts(nlp, text, country) if f[0] == "route"} == expected


@pytest.mark.parametrize("text,country,expected", ABBREVIATIONS)
def test_short_forms_of_places(nlp, text, country, expected):
    assert {f for f in facts(nlp, text, country) if f[0] == "route"} == expected


NOT_COUNTS = [
    "At the end of 2006 there were 18,327 foreign citizens with legal residence in Iceland, or 6 percent of the "
    "population, and trafficking is suspected.",
    "The NGO conducted two seminars for 37 local social workers and teachers on trafficking.",
    "The government trained 300 police officers on trafficking victim identification.",
    "10,952 individuals were deported from the country.",
    "The ILO estimates that 12.3 million people are victims of forced labor worldwide, generating $31 billion in "
    "profits.",
    "An amendment to Article 394 excludes TIP victims from penalties for illegal immigrants.",
    "Between 2000 and 2005, authorities arrested more than 57,000 drug traffickers in their efforts against "
    "trafficking.",
    "A majority of the estimated 18,000 women in the country's commercial sex trade were likely victims of "
    "trafficking.",
    "Though fewer than in 2007, the nearly 13,000 drug-related arrests made in 2008 show the fight against "
    "trafficking continues.",
    # populations are no victims: people in prostitution, workers or migrants the text does not call victims
    "In August 2005, the coordinator for HIV programs at the Costa Rican Social Security Institute (CCSS) estimated "
    "the number of female prostitutes in Costa Rica at 8,750, based on surveys of the 2,700 female prostitutes who "
    "sought medical treatment at CCSS clinics; many are trafficking victims.",
    "The estimated 18,000 women in the country's commercial sex trade include trafficking victims.",
    "Some 300,000 migrant workers in the country are vulnerable to forced labor and trafficking.",
    # other offences, also beside human rights
    "An estimated 6,000 citizens were tried in military courts, and human rights groups charged that tens of "
    "thousands had been detained.",
    "The Prosecutor General has reported that there are 770 cases of cease-fire violations under investigation.",
    # prostitution offences that are not trafficking
    "Sixteen cases dealt with soliciting sex with minors, and 108 cases dealt with promoting or facilitating "
    "prostitution of minors, according to the TIP unit.",
    "Trafficking cases were prosecuted under laws on forced labor. Nonetheless, Public Prosecution received 122 "
    "prostitution cases.",
    # ``both X and Y`` is a pair of groups; a singular head noun is another noun's modifier; people screened
    "Girls are primarily trafficked for domestic servitude and sexual exploitation and both boys and girls are "
    "trafficked for forced labor in sweatshops.",
    "Traffickers operated principally in small criminal networks that included both citizens and foreigners.",
    "The government identified two volunteer victim assistance specialists for trafficking cases.",
    "Authorities screened more than 7,000 vulnerable individuals for trafficking.",
    # ``in both cases``, ``in at least one case``: the cases told of, not a count
    "IOM documented its experiences of assisting trafficking victims in Iquique and Punta Arenas. In both cases the "
    "URAVIT coordinated with the lead prosecutor.",
    "The trafficking unit is working around that obstacle in at least one case by including an agent from the Sex "
    "Crimes Unit in the investigation.",
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_counts_not_about_trafficked_people_give_no_fact(nlp, text):
    assert not {f for f in facts(nlp, text) if f[0] in ("victims", "cases", "money")}


STAGES = [
    ("Authorities prosecuted 30 trafficking cases in 2008.", ("cases", 30, "prosecution")),
    # people charged, indicted or arrested, whatever their head noun, are offenders at that stage
    ("Six active police officials were charged in July 2009 for facilitating underage prostitution and are awaiting "
     "trial.", ("cases", 6, "prosecution")),
    ("In the trafficking case, 12 suspected recruiters were arrested in Almaty.", ("cases", 12, "arrest")),
    ("In January 2007, authorities arrested eight people in connection with a trafficking ring.",
     ("cases", 8, "arrest")),
    ("Judicial authorities reported that ten trafficking cases went to trial in 2005.", ("cases", 10, "prosecution")),
    ("Of the trafficking cases, fifteen went to court and 10 cases ended in convictions.", ("cases", 10, "conviction")),
    ("Twenty-four trafficking offenders were convicted in 2008.", ("cases", 24, "conviction")),
    ("Police opened 19 trafficking investigations in 2009.", ("cases", 19, "investigation")),
    ("An Alexandria court convicted two Egyptian men of forcing street children into begging, a form of "
     "child trafficking.",
     ("cases", 2, "conviction")),
    # a case opened is a case, whoever opens it (a prosecutor's office is no prosecution)
    ("From January to December 2009, the government opened 146 TIP cases.", ("cases", 146, "case")),
    ("In April-December 2008, the Public Prosecutor's Office (Ministerio Publico -- MP) opened 104 TIP cases.",
     ("cases", 104, "case")),
    ("Post's information stated that 77 trafficking cases were \"opened,\" not prosecuted.", ("cases", 77, "case")),
    # the head's own participle, and a verb of another clause is not the count's
    ("Courts applied adequate prison terms under the 2005 anti-trafficking law to two convicted traffickers.",
     ("cases", 2, "conviction")),
    ("The one ongoing case led to the prosecution of four offenders for forced child labor, three of whom were "
     "convicted.", ("cases", 4, "prosecution")),
    ("The government reportedly sentenced three traffickers who had been detained since 2016.",
     ("cases", 3, "conviction")),
    # the count's own verb before an agency named nearby
    ("According to statistics published by the Supreme Court, 19 cases involving paid sex with minors were "
     "investigated by the OIJ trafficking unit during 2005.", ("cases", 19, "investigation")),
    # the state of the count's own clause; defendants are people on trial
    ("Existing laws were not used to prosecute any trafficking offenders in 2014, and only one case of potential "
     "child labor trafficking was under investigation.", ("cases", 1, "investigation")),
    ("A case with three defendants accused of trafficking a 16-year old Guyanese girl for sexual exploitation at a "
     "nightclub was before the courts in March 2009.", ("cases", 3, "prosecution")),
    ("Seven co-defendants were acquitted for lack of evidence in the trafficking case.", ("cases", 7, "prosecution")),
    # one offender, and a count after ``only``
    ("Authorities convicted only one offender under the procurement statute rather than the trafficking statute.",
     ("cases", 1, "conviction")),
    ("Authorities increased their number of trafficking investigations and prosecutions and convicted one offender, "
     "but the penalty was a fine in lieu of prison.", ("cases", 1, "conviction")),
    # alternative counts take the first number written
    ("Argentina's trafficking in persons law was only ten days old, but already six or seven important TIP "
     "investigations were underway.", ("cases", 6, "investigation")),
    # a count whose head the clause has named before it, and a part counted at a later stage
    ("Anti-trafficking law enforcement decreased in 2014, dropping from 50 investigations to 16, and the only "
     "defendant to face prosecution fled the country.", ("cases", 16, "investigation")),
    ("Anti-trafficking law enforcement efforts decreased from the initiation of 12 prosecutions in 2013 to 1 in "
     "2014.", ("cases", 1, "prosecution")),
    ("No new prosecutions were initiated for the second consecutive year, and no trafficking convictions were made, "
     "down from one in 2013.", ("cases", 1, "conviction")),
    ("The one ongoing case led to the prosecution of four offenders for forced child labor, three of whom were "
     "convicted.", ("cases", 3, "conviction")),
    # trafficking crimes are counted as cases; a civil court is no prosecution
    ("The Justice Minister noted that Bahrain had prosecuted 280 trafficking-related crimes over the past year.",
     ("cases", 280, "prosecution")),
    ("The only information available on TIP is hearsay, with the exception of one notorious case, documented in "
     "civil court records, from the Reykjavik suburb of Kopavogur.", ("cases", 1, "case")),
]


def test_lines_of_a_statistics_table_are_counts_of_their_stage(nlp):
    text = ("Registered crimes under Article 270 (Facilitation of prostitution or recruitment of an individual into "
            "prostitution): Number of crimes on which criminal cases were prosecuted: 13 (10) 30% increase; Number of "
            "crimes registered: 8 (8) no change from 2005; Number of criminal cases investigated: 10 (2) 400% "
            "increase; Number of cases discontinued and taken off the record: 0 (2); Number of people convicted to "
            "date: 5.")
    assert {f for f in facts(nlp, text) if f[0] == "cases"} == {
        ("cases", 13, "prosecution"), ("cases", 10, "prosecution"), ("cases", 8, "case"),
        ("cases", 10, "investigation"), ("cases", 2, "investigation"), ("cases", 5, "conviction")}


def test_a_date_is_no_count(nlp):
    text = "Prior to January 9, trafficking cases were prosecuted under laws pertaining to forced labor."
    assert not {f for f in facts(nlp, text) if f[0] == "cases"}


def test_alternative_counts_give_one_fact(nlp):
    text = ("Argentina's trafficking in persons law was only ten days old, but already six or seven important TIP "
            "investigations were underway.")
    assert {f for f in facts(nlp, text) if f[0] == "cases"} == {("cases", 6, "investigation")}


@pytest.mark.parametrize("text,expected", STAGES)
def test_case_stage_from_the_words_that_state_it(nlp, text, expected):
    assert expected in facts(nlp, text)


PARTS_OF_CONVICTIONS = [
    ("Twenty-four trafficking offenders were convicted in 2008. Only one trafficker received a suspended sentence "
     "and served no time in prison. Twelve sex trafficking offenders were given sentences ranging from between 1.5 "
     "to 6 years' imprisonment and six sex trafficking offenders were given sentences ranging from 7 to 11 years' "
     "imprisonment.", {("cases", 24, "conviction")}),
    ("Between April and December 2008, the government opened 104 trafficking-related investigations, and obtained "
     "10 convictions with sentences ranging from fines to 30 months' imprisonment. Two convictions involved the "
     "fraudulent recruitment of Chilean women into prostitution in Spain.",
     {("cases", 104, "investigation"), ("cases", 10, "conviction")}),
]


@pytest.mark.parametrize("text,expected", PARTS_OF_CONVICTIONS)
def test_parts_of_convictions_counted_before_are_no_new_cases(nlp, text, expected):
    got = facts(nlp, text)
    assert {f for f in got if f[0] == "cases"} == expected
    if "Twelve" in text:  # the sentences handed down to the parts are facts still
        assert ("sentence", 12, 1.5, 6) in got


def test_previous_years_figure_is_a_fact_of_its_own(nlp):
    cable = narrative_cable({"id": "factbook-2010-Test", "edition": 2010, "country": "Kazakhstan",
                             "text": "Authorities prosecuted 30 trafficking cases in 2008, up from 16 prosecutions "
                                     "in 2007."})
    got = {(f.fields["count"], f.fields["stage"], f.fields["year"]) for f in extract(cable, nlp, gate=False)
           if f.type == "cases"}
    assert got == {(30, "prosecution", 2008), (16, "prosecution", 2007)}


SENTENCES = [
    ("The court sentenced both traffickers to eight years in prison.", ("sentence", 2, 8, 8)),
    ("Three traffickers were sentenced to prison for trafficking.", ("sentence", 3, None, None)),
    ("Twelve sex trafficking offenders were given sentences ranging from 1.5 to 6 years' imprisonment.",
     ("sentence", 12, 1.5, 6)),
    # people sentenced are offenders, whatever their head noun; a term written ``two-year``
    ("All three men received two-year prison sentences for trafficking.", ("sentence", 3, 2, 2)),
    ("All three men received two-year prison sentences for trafficking.", ("cases", 3, "conviction")),
    # a range from fines to a term has only a maximum
    ("Between April and December 2008, the government opened 104 trafficking-related investigations, and obtained "
     "10 convictions with sentences ranging from fines to 30 months' imprisonment.", ("sentence", 10, None, 2.5)),
    # offenders of any head noun, and one offender named without a number
    ("On May 24, 2006, two auditors with the powerful Comptroller's Office were each sentenced to nine years in "
     "prison on charges that included paid sex with minors and trafficking.", ("sentence", 2, 9, 9)),
    ("On May 24, 2006, two auditors with the powerful Comptroller's Office were each sentenced to nine years in "
     "prison on charges that included paid sex with minors and trafficking.", ("cases", 2, "conviction")),
    ("Three offenders were convicted: A Korean boat captain was sentenced to six years, imprisonment for the forced "
     "labor of four Vietnamese.", ("sentence", 1, 6, 6)),
    ("Two nightclub owners were convicted of trafficking nine Brazilian women into prostitution. The husband was "
     "sentenced to 12 months' and the wife to four months' imprisonment.", ("sentence", 1, 1, 1)),
    ("Two nightclub owners were convicted of trafficking nine Brazilian women into prostitution. The husband was "
     "sentenced to 12 months' and the wife to four months' imprisonment.", ("sentence", 1, 0.3333, 0.3333)),
    # a term in prison whose length is not said
    ("These efforts included sentencing four traffickers to prison, following their conviction in the previous "
     "reporting period.", ("sentence", 4, None, None)),
]


def test_one_offender_named_without_a_number_gives_no_count(nlp):
    got = facts(nlp, "Three offenders were convicted: A Korean boat captain was sentenced to six years, imprisonment "
                     "for the forced labor of four Vietnamese.")
    assert {f for f in got if f[0] == "cases"} == {("cases", 3, "conviction")}
    assert not {f for f in facts(nlp, "The women were sentenced to jail time for prostitution and processed for "
                                      "deportation.") if f[0] in ("cases", "sentence")}


def test_the_penalty_after_a_colon_is_one_offenders(nlp):
    text = ("Three offenders were convicted: A Korean boat captain was sentenced to six years' imprisonment for the "
            "forced labor of four Vietnamese.")
    assert ("sentence", 3, 6, 6) not in facts(nlp, text)


@pytest.mark.parametrize("text,expected", SENTENCES)
def test_sentences_handed_down(nlp, text, expected):
    assert expected in facts(nlp, text)


PROVISIONS = [
    ("Article 172 of the Criminal Code deals with international trafficking in persons. It carries a prison "
     "sentence of 3 to 6 years.", ("provision", "criminal_code", "172", None, None, 3, 6)),
    ("Each instance of trafficking would face a seven to ten year sentence under Article 128.",
     ("provision", "criminal_code", "128", None, None, 7, 10)),
    ("Trafficking is punished under Articles 128 and 133 of the Criminal Code, which prescribe penalties of five "
     "to 15 years' imprisonment.",
     ("provision", "criminal_code", "133", None, None, 5, 15)),
    # the whole range of the article, its aggravated forms included
    ("In Article 171, pimping is punished with a penalty of imprisonment from two to eight years, with prison "
     "from four to 10 years if the victim is under the age of 13, as a form of trafficking.",
     ("provision", "criminal_code", "171", None, None, 2, 10)),
    ("Article 377 imposes a 5-10 prison term on individuals who facilitate the trafficking of children.",
     ("provision", "criminal_code", "377", None, None, 5, 10)),
    ("Article 374 states the penalty of imprisonment from ten-to-fifteen years for those who lead international "
     "organizations devoted to trafficking in women.", ("provision", "criminal_code", "374", None, None, 10, 15)),
    # a term written bare after words of punishment, its aggravated form after ``or ... when``
    ("D. Penalties for rape and sexual assault are higher than penalties for trafficking.  Article 161 imposes a "
     "penalty of up to eight years for the sexual abuse of minors or the legally incapacitated, or up to ten years "
     "when the victim is under age twelve, incapable of resisting, or the perpetrator is a relative or guardian.",
     ("provision", "criminal_code", "161", None, None, None, 10)),
    ("In addition and specific to labor, Article 237 of the criminal code imposes a penalty of up to four years for "
     "labor exploitation of minors or the legally incapacitated.",
     ("provision", "criminal_code", "237", None, None, None, 4)),
    ("Article 377 imposes a five-to-ten year prison term on individuals who promote or facilitate the trafficking of "
     "children for adoption with the purpose of selling the child's organs.",
     ("provision", "criminal_code", "377", None, None, 5, 10)),
    ("By comparison, the prison term for violations of Articles 270 and 271 (see above) regarding prostitution and "
     "brothels are three - seven years.", ("provision", "criminal_code", "271", None, None, 3, 7)),
    # an article cited in brackets after its penalty
    ("If the abuse is committed against an adult, the penalty is from two to four years, and from three to six years "
     "if the perpetrator takes advantage of the victim, is a relative, or abuses the trust of the victim "
     "(Article 162).", ("provision", "criminal_code", "162", None, None, 2, 6)),
    ("The maximum penalty for trafficking for the purpose of commercial sexual exploitation established in Article "
     "172 is imprisonment for up to ten years; the penalty for rape is imprisonment for up to sixteen years (Article "
     "156 of the criminal code), or eighteen years maximum for aggravated rape (Articles 157 and 158).",
     ("provision", "criminal_code", "156", None, None, None, 16)),
    ("The maximum penalty for trafficking for the purpose of commercial sexual exploitation established in Article "
     "172 is imprisonment for up to ten years; the penalty for rape is imprisonment for up to sixteen years (Article "
     "156 of the criminal code), or eighteen years maximum for aggravated rape (Articles 157 and 158).",
     ("provision", "criminal_code", "158", None, None, None, 18)),
    # a penalty stated before the article it is defined under
    ("The penalties for rape and forcible sexual assault, five years and a day to 20 years as defined under Penal "
     "Code Law 19.927, Article 361, are comparable to those for sex trafficking.",
     ("provision", "criminal_code", "361", None, None, 5, 20)),
    # an article number is no count (``Article 120, a conviction``)
    ("A rape conviction carries a sentence of three to 15 years in prison, depending on the age of the victim. Under "
     "Criminal Code Article 120, a conviction for rape is punishable by three - five years in prison.",
     ("provision", "criminal_code", "120", None, None, 3, 5)),
    # ages and extra restrictions are no terms of imprisonment
    ("If the prostitute is a minor, the client is in violation of Article 160 which states: whoever pays a minor for "
     "the performance of sexual acts shall be punished with a penalty of four-to-ten years imprisonment if the victim "
     "has not attained the age of twelve years, or with a penalty of two-to-six years imprisonment if the victim has "
     "attained the age of fifteen years, but has not attained the age of eighteen years.",
     ("provision", "criminal_code", "160", None, None, 2, 10)),
    ("- a) Article 113 (forced removal of human organs and tissues), punishable by five - ten years of imprisonment "
     "with possible employment/activity restrictions for up to an additional three years; trafficking is covered.",
     ("provision", "criminal_code", "113", None, None, 5, 10)),
]

LAWS = [
    # a named act keeps its formal name (FACTS.md), without the country's adjective
    ("The government willingly extradites persons accused of trafficking (as established in Article 6 of the "
     "Extradition Law).", ("provision", "Extradition Law", "6", None, None, None, None)),
    ("Furthermore, the Costa Rican Constitution prohibits forced labor (Articles 33 and 56 of the Constitution, "
     "implemented by Articles 8 and 14 of the Labor Code for forced labor).",
     ("provision", "Constitution", "56", None, None, None, None)),
    ("Furthermore, the Costa Rican Constitution prohibits forced labor (Articles 33 and 56 of the Constitution, "
     "implemented by Articles 8 and 14 of the Labor Code for forced labor).",
     ("provision", "labor_code", "14", None, None, None, None)),
    ("Article 2 of the Law for Combating Prostitution punishes trafficking with 3 to 7 years in prison.",
     ("provision", "Law for Combating Prostitution", "2", None, None, 3, 7)),
    ("Under Article 5 of the Anti-Trafficking Law, traffickers face up to 10 years in prison.",
     ("provision", "Anti-Trafficking Law", "5", None, None, None, 10)),
    # an article of ``this agreement`` is of the treaty named before it
    ("Chile has also signed the Organization of American States' San Jose Pact.  Article 6 of this agreement "
     "prohibits slavery and forced labor.", ("provision", "San Jose Pact", "6", None, None, None, None)),
    # the last end of a range of articles
    ("However, trafficking is proscribed in Title III of the Criminal Code.  Articles 156 to 163 of Title III were "
     "revised in August 1999 to include sexual crimes against minors.",
     ("provision", "criminal_code", "163", None, None, None, None)),
]

# which articles a sentence names: every one of a range, a list joined by Spanish ``y``, and no ``Article 98 agreement``
ARTICLES_NAMED = [
    ("However, trafficking is proscribed in Title III of the Criminal Code.  Articles 156 to 163 of Title III were "
     "revised in August 1999 to include sexual crimes against minors.", [str(n) for n in range(156, 164)]),
    ("TIP crimes have extraterritorial coverage (Articles 5-7 of the criminal code) if committed by members of the "
     "Costa Rican foreign service abroad.", ["5", "6", "7"]),
    ("Article 128-1 of the Criminal Code punishes the trafficking of minors.", ["128-1"]),
    ("Amendments to Articles 172, 208, 209, 225, 227, 228 y 387 of the Criminal Code, Law No. 4573, as amended, "
     "cover trafficking in persons.", ["172", "208", "209", "225", "227", "228", "387"]),
    ("Macedonia signed an Article 98 agreement with us in 2003; trafficking is a crime under Article 418a of the "
     "Criminal Code.", ["418a"]),
]


@pytest.mark.parametrize("text,expected", ARTICLES_NAMED)
def test_every_article_a_sentence_names_and_no_other(nlp, text, expected):
    assert sorted(f[2] for f in facts(nlp, text) if f[0] == "provision") == sorted(expected)


@pytest.mark.parametrize("text,expected", LAWS)
def test_provisions_name_their_law(nlp, text, expected):
    assert expected in facts(nlp, text)


@pytest.mark.parametrize("text,expected", PROVISIONS)
def test_provisions_take_their_stated_penalty(nlp, text, expected):
    assert expected in facts(nlp, text)


def test_the_answer_to_the_next_question_is_no_penalty_of_the_articles_before(nlp):
    text = ("Passed into law March 10, 2003, Article 227a of Iceland's General Penal Code outlaws trafficking in "
            "persons.  The government has not yet brought any prosecutions under it, choosing instead to use General "
            "Penal Code Articles 57 and 155, which outlaw alien smuggling and document forgery, respectively.\n\n"
            "-- B. What are the penalties for traffickers of people for sexual exploitation?  For traffickers of "
            "people for labor exploitation?\n\nTrafficking of persons for sexual exploitation, for forced labor, or "
            "for removal of organs is punishable by up to eight years in prison.")
    got = facts(nlp, text, "Iceland")
    assert {("provision", "criminal_code", a, None, None, None, None) for a in ("57", "155")} <= got
    assert not {f for f in got if f[0] == "provision" and f[2] in ("57", "155") and f[6] == 8}


def test_fines_and_wages_are_no_money(nlp):
    text = ("Trafficking is punishable by three to 20 years in prison and a USD 1,000 fine. A trafficking victim "
            "can make USD 100 a night in Istanbul, versus USD 30-50 a month in Moldova.")
    assert not {f for f in facts(nlp, text) if f[0] == "money"}
    assert ("money", 5000, "USD") in facts(nlp, "The court fined the trafficker USD 5,000 for trafficking.")


NOT_MONEY = [
    # a fine written into law, both ends of its range, with the stated equivalents between them
    "Under the law, any individual convicted of any form of trafficking faces a prison sentence of not less than "
    "three years and not more than 15 years, in addition to a fine of not less than BD 2,000 (approximately USD "
    "4,530) and not more than BD 10,000 (approximately USD 22,650).",
    # asked for, not spent
    "B. Requested Funding Amount is USD 149,394 for a two-year program against trafficking in persons.",
    # funding for another crime
    "The Ambassador mentioned $600,000 funding available to Bolivia and Peru for combating narcotics trafficking.",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_amounts_not_spent_on_trafficking_give_no_money(nlp, text):
    assert not {f for f in facts(nlp, text, "Bahrain") if f[0] == "money"}


def test_pesos_are_the_cables_countrys(nlp):
    text = ("The ministry gives the anti-TIP foundation 100,000 pesos (about US$27,000) every two months for its "
            "victim assistance programs.")
    assert ("money", 100000, "ARS") in facts(nlp, text, "Argentina")
    assert ("money", 100000, "MXN") in facts(nlp, text, "Mexico")


def test_the_us_as_an_adjective_is_no_place(nlp):
    text = ("In addition, the President could instruct the U.S. executive directors to international financial "
            "institutions to oppose loans to Tier 3 countries that do not combat trafficking.")
    assert not {f for f in facts(nlp, text, "Chile") if f[0] in ("tier", "route")}
    assert ("route", "CHL", "USA") in facts(nlp, "Chilean victims were trafficked through Peru to the U.S. for "
                                                  "forced labor.", "Chile") | facts(
        nlp, "Chilean victims were trafficked to the U.S. for forced labor.", "Chile")


def test_an_article_carries_the_whole_range_its_cable_states(nlp):
    text = ("B. As mentioned above, Article 172 is the primary law against trafficking of persons for sexual "
            "exploitation (three to six years imprisonment). The maximum penalty established in Article 172 of the "
            "criminal code is imprisonment for up to ten years.")
    got = {f for f in facts(nlp, text, "Costa Rica") if f[0] == "provision"}
    assert got == {("provision", "criminal_code", "172", None, None, 3, 10)}


TIERS = [
    # the Special Watch List is the Watch List; a terrorist watchlist is no tier
    ("India slipped to the Tier II Special Watch List in 2004 for failing to demonstrate increased efforts against "
     "trafficking.", "India", {("tier", "IND", "2WL")}),
    ("Post asked for talks on an agreement concerning terrorist watchlist data; trafficking victims were also "
     "discussed.", "India", set()),
    # the rating line of a narrative is its country's; a downgrade it was spared is no tier
    ("tier rating: Tier 2 Watch List - the government does not fully comply with the minimum standards; in 2014, "
     "the country was granted a waiver from an otherwise required downgrade to Tier 3.", "Tanzania",
     {("tier", "TZA", "2WL")}),
    ("tier rating: Tier 3 - Guinea-Bissau does not fully comply with the minimum standards for the elimination of "
     "trafficking.", "Guinea-Bissau", {("tier", "GNB", "3")}),
    # a tier proposed, or the one left behind
    ("Moving Bahrain to Tier 2 Watchlist could provide a boost to anti-trafficking elements in the government.",
     "Bahrain", set()),
    ("Bahrain was upgraded from Tier 3 to Tier 2 Watch List for its efforts against trafficking.", "Bahrain",
     {("tier", "BHR", "2WL")}),
]


@pytest.mark.parametrize("text,country,expected", TIERS)
def test_tier_the_country_is_given(nlp, text, country, expected):
    assert {f for f in facts(nlp, text, country) if f[0] == "tier"} == expected


def test_an_article_number_is_no_count(nlp):
    text = ("A rape conviction carries a sentence of three to 15 years in prison, depending on the age of the victim. "
            "Under Criminal Code Article 120, a conviction for rape is punishable by three - five years in prison.")
    assert not {f for f in facts(nlp, text) if f[0] in ("cases", "sentence")}


VICTIM_RANGES = [
    # both ends of a range of estimates
    ("Trafficking cases involve children in domestic service; NGOs estimate that between 150,000 and 300,000 "
     "children work in domestic servitude.", {("victims", 150000), ("victims", 300000)}),
    # a count whose head the clause named before it; the head is the last of the head nouns in a row
    ("Government efforts to identify and refer victims to protective services declined from 50 child victims in "
     "2013 to just 3 in 2014.", {("victims", 50), ("victims", 3)}),
    ("In 2006, 34 female and 26 male victims from Uzbekistan were trafficked to Kazakhstan.",
     {("victims", 34), ("victims", 26)}),
    # people named by their nationality
    ("Investigations continue in the case of 11 Indonesians rescued from forced labor at a motorbike assembly "
     "plant.", {("victims", 11)}),
    ("It has been reported widely in the media since April 2008 that 400-500 Dominicans were trafficked to Costa "
     "Rica during the last 4-5 years for purposes of sexual exploitation.", {("victims", 400)}),
    ("A Korean boat captain was sentenced to six years' imprisonment for the forced labor of four Vietnamese.",
     {("victims", 4)}),
    # but not a breakdown of a group counted, nor a nationality before a noun
    ("In July, two women, one Ukrainian and one Russian, approached the shelter seeking repatriation and relief "
     "from trafficking.", {("victims", 2)}),
    ("Four Chinese companies were fined for forced labor.", set()),
]


@pytest.mark.parametrize("text,expected", VICTIM_RANGES)
def test_victim_counts_of_ranges_and_elided_heads(nlp, text, expected):
    assert {f for f in facts(nlp, text) if f[0] == "victims"} == expected


def test_people_in_prostitution_said_to_be_victims_are_victims(nlp):
    assert ("victims", 45) in facts(nlp, "Police identified 45 women in prostitution as victims of trafficking.")


# victims of something else: in a cable that is not about trafficking (no KTIP tag, a subject that names none), a
# paragraph that names no trafficking counts no victims; the same words in a TIP cable do
OTHER_HARMS = [
    "Although the Scottish Crown informed the families of the Pan Am 103 victims in an email October 21 that the "
    "time frame for compassionate release is normally three months from time of death, Dixon stressed the point.",
    "More than 600 women have been brutally murdered there since 1993, targeted just for being women, without any "
    "governmental response.",
    "These organizations are involved in the trafficking of illicit goods. Over 8000 deaths occurred in 2007 due "
    "to traffic accidents, more than 500 more victims than in 2006.",
]
TELEGRAM = """UNCLAS SECTION 01 OF 02 LONDON 002673

SIPDIS

E.O. 12958: N/A
TAGS: {tags}
SUBJECT: {subject}

1. (SBU) {text}
"""


def _cable_facts(nlp, text: str, tags: str, subject: str, kind: str, key: str) -> set:
    from cablefacts.cable import parse_cable

    cable = parse_cable(TELEGRAM.format(tags=tags, subject=subject, text=text), name="08LONDON2673.txt")
    return {f.fields[key] for f in extract(cable, nlp, gate=False) if f.type == kind}


def _cable_victims(nlp, text: str, tags: str, subject: str) -> set:
    return _cable_facts(nlp, text, tags, subject, "victims", "count")


# money outside trafficking of people (FACTS.md: drug figures are no facts), and weights in pounds
OTHER_MONEY = [
    "The Ambassador mentioned $600,000 funding available to Bolivia, Peru, and Argentina for combating narcotics "
    "trafficking.",
    "JTF-B medevac'd 17 victims of the floods, and delivered over 294,000 pounds of supplies to communities on both "
    "sides of the border.",
]


@pytest.mark.parametrize("text", OTHER_MONEY)
def test_money_outside_trafficking_documents(nlp, text):
    assert _cable_facts(nlp, text, "SNAR PREL BL", "COUNTERNARCOTICS UPDATE", "money", "amount") == set()


def test_indian_units_and_a_trafficking_paragraph():
    text = "The Ministry released Rs 2.5 crore (about $500,000) for shelters for trafficking victims."
    assert _cable_facts(rules_pipeline(), text, "KTIP IN", "INDIA: TIP UPDATE", "money", "amount") == {25_000_000}


@pytest.mark.parametrize("text", OTHER_HARMS)
def test_victims_of_other_harms_outside_trafficking_documents(nlp, text):
    assert _cable_victims(nlp, text, "PREL UK LY", "SECURITY ENVIRONMENT PROFILE") == set()


def test_a_trafficking_document_counts_victims_its_paragraph_does_not_name():
    text = ("Government efforts to identify and refer victims to protective services declined from 50 child victims "
            "in 2013 to just 3 in 2014.")
    nlp = rules_pipeline()
    assert _cable_victims(nlp, text, "PREL UK LY", "SECURITY ENVIRONMENT PROFILE") == set()
    assert _cable_victims(nlp, text, "PHUM KTIP UK", "UK: ANNUAL REPORT") == {50, 3}
    assert _cable_victims(nlp, text, "PHUM UK", "TRAFFICKING IN PERSONS: UPDATE") == {50, 3}


# the country a cable reports on: its subject's first country (a possessive too), else its post's
CABLE_COUNTRIES = [
    ("COSTA RICA'S 2004 TRAFFICKING IN PERSONS REPORT", "SAN JOSE 000488", "05SANJOSE488.txt", "CRI"),
    ("ECUADOR\u2019S NEW VISION FOR RELATIONS", "QUITO 000160", "09QUITO160.txt", "ECU"),
    ("SCENESETTER FOR THE VISIT OF SECRETARY CHERTOFF", "BRASILIA 000823", "08BRASILIA823.txt", "BRA"),
    ("HUMAN RIGHTS DIALOGUE REBOUNDS", "TRIPOLI 000748", "09TRIPOLI748.txt", "LBY"),
    ("REPORTING AND COLLECTION NEEDS", "STATE 080163", "09STATE80163.txt", None),
]


@pytest.mark.parametrize("subject,post,name,country", CABLE_COUNTRIES)
def test_the_country_a_cable_reports_on(subject, post, name, country):
    from cablefacts.api import cable_country
    from cablefacts.cable import parse_cable

    text = TELEGRAM.replace("LONDON 002673", post).format(tags="KTIP PHUM", subject=subject, text="Victims were found.")
    assert cable_country(parse_cable(text, name=name)) == country


def test_a_cable_without_a_country_in_its_subject_sends_people_to_its_post():
    from cablefacts.cable import parse_cable

    text = TELEGRAM.replace("LONDON 002673", "QUITO 000160").format(
        tags="KTIP PHUM", subject="ANNUAL TRAFFICKING IN PERSONS REPORT",
        text="Chinese nationals are trafficked to the country for forced labor.")
    facts = extract(parse_cable(text, name="09QUITO160.txt"), rules_pipeline(), gate=False)
    assert {(f.fields["origin"], f.fields["destination"]) for f in facts if f.type == "route"} == {("CHN", "ECU")}

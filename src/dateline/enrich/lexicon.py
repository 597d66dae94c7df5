"""Word lists the rule-based extractors rely on, kept apart so they can be read and extended.

They are small on purpose: each list decides one thing (is this a title? does this
name an organization?), and a word belongs to a list only if it nearly always
means that in news copy.
"""

from __future__ import annotations

__all__ = [
    "AREA_HEADS",
    "CELESTIAL_BODIES",
    "COMMON_STARTERS",
    "COMPANY_WORDS",
    "COMPASS_WORDS",
    "CORPORATE_SUFFIXES",
    "DENOMINATIONS",
    "DOCUMENT_WORDS",
    "EVENT_WORDS",
    "GIVEN_NAME_WORDS",
    "GOVERNMENT_WORDS",
    "HOME_NATIONS",
    "KNOWN_ACRONYMS",
    "LOWER_TITLES",
    "METONYM_ORGS",
    "NAME_PARTICLES",
    "NOT_CITY_HEADS",
    "NOT_NAMES",
    "ORGAN_HEADS",
    "ORGAN_MEMBERS",
    "ORG_WORDS",
    "PARTY_NAMES",
    "PARTY_WORDS",
    "PERSON_TITLES",
    "PLACE_WORDS",
    "PLATFORMS",
    "PORTFOLIO_WORDS",
    "SINGLE_ORGS",
    "SPORTS_WORDS",
    "STOP_WORDS",
    "TITLE_MODIFIERS",
    "TITLE_WORDS",
]

#: Capitalised words that make a span a title (``Russian President Vladimir Putin``).
TITLE_WORDS = frozenset(
    """President President-elect Vice Prime Minister Chancellor Secretary Secretary-General
    General Speaker Chairman Chairwoman Chairperson Chair Governor Senator Sen Rep
    Representative Mayor King Queen Prince Princess Crown Emperor Pope Leader Ambassador Envoy
    Spokesman Spokeswoman Spokesperson Deputy Chief Commander Director Judge Justice Sheikh
    Emir Ayatollah Mr Mrs Ms Dr Foreign Defense Defence Finance Interior Economy Trade Energy
    Health Acting Former Coach Captain CEO Executive Officer Head Premier Sultan Colonel
    Lieutenant Major Admiral Marshal Cardinal Archbishop Bishop Mullah Imam Rabbi Sheikha Lord
    Lady Sir Dame Senior Adviser Advisor First Lady Gen Lt Col Capt Representative
    Commissioner Attorney Auditor Presidential Candidate Minister-President Vice-President
    Vice-Chancellor Treasurer Ombudsman Shadow Superintendent Inspector Detective Professor
    Prof Sergeant Sgt DL LB QB WR RB CB""".split()
)
#: Titles written only before a person's name: "President Trump" is a person even where the
#: model calls the bare "Trump" an organization (unlike "Health" or "Foreign" above, which
#: also begin "Health Canada" or "Foreign Office").
PERSON_TITLES = frozenset(
    """President Mr Mrs Ms Miss Dr Gov Governor Sen Senator Rep Representative Congressman
    Congresswoman Mayor Chancellor Minister Secretary Judge Justice King Queen Prince Princess
    Pope Sheikh Sheikha Emir Ayatollah General Gen Colonel Col Lieutenant Lt Captain Capt Sgt
    Sergeant Coach Lord Lady Sir Dame Ambassador Speaker Chairman Chairwoman Premier Sultan
    Cardinal Archbishop Bishop Rabbi Imam Mullah Admiral Marshal Commissioner Prof Professor
    Detective Officer Inspector Superintendent""".split()
)
#: Lowercase words that begin a role in an apposition (``Leonid Slutsky, Chairman of ...``).
LOWER_TITLES = frozenset(
    """president vice-president prime minister chancellor secretary secretary-general speaker
    chairman chairwoman chair governor senator mayor king queen prince leader ambassador envoy
    spokesman spokeswoman spokesperson deputy chief commander director head judge justice
    minister founder ceo coach captain adviser advisor commissioner candidate member""".split()
)
#: Lowercase words kept in front of a title (``former Dutch Prime Minister``).
TITLE_MODIFIERS = frozenset(
    {"former", "acting", "then", "then-", "interim", "outgoing", "incoming"}
)

#: Words that make a capitalised span an organization.
ORG_WORDS = frozenset(
    """Organization Organisation Union Committee Council Ministry Agency Bank Fund Party
    Parliament Duma Assembly Commission Court University Institute Association Federation
    Forum Group Company Corporation Corp Inc Ltd Alliance Nations Programme Program Office
    Department Service Senate Congress Cabinet Government Army Navy Police Front Movement
    League Coalition Secretariat Board Authority Bureau Foundation Society Club Times News
    Press Kremlin Pentagon Taliban Guard Guards Tribunal Representatives Reserve Exchange
    Airlines Airways Industries Holdings Refinery Directorate Mission Headquarters Embassy
    Consulate Chamber Conference-Board Administration Force""".split()
)
#: Holders of an office whose office is a body of its own, named with a possessive: the
#: "Travis County Sheriff's Office", "U.S. Attorney's Office", "Cook County Medical
#: Examiner's Office", "Westminster Magistrate's Court"
OFFICE_HOLDERS = frozenset(
    """Sheriff Attorney Examiner Magistrate Governor Mayor Prosecutor Coroner Marshal Clerk
    Auditor Comptroller Controller Treasurer Assessor Recorder Solicitor General Inspector
    Ombudsman Defender Commissioner""".split()
)
#: What such a holder's possessive names: the office, a court
OFFICE_BODIES = frozenset({"Office", "Court"})
#: Who sits on a body named by what it is (``Council of Heads of State``, ``Board of
#: Governors``): such a body "of the <organization>" is that organization's organ.
ORGAN_MEMBERS = frozenset(
    """Heads State States Government Governments Governors Directors Ministers Members
    Experts Trustees Delegates Representatives Parties""".split()
)
#: Last words of a unit inside a body (``House Armed Services Committee``, ``Senate
#: Democratic Caucus``): such a name said after the body's own is another entity, not its
#: full name.
ORGAN_HEADS = frozenset(
    """Committee Subcommittee Caucus Council Commission Board Panel Division Unit Office
    Bureau Department School Faculty Chapter Branch Wing Directorate Secretariat""".split()
)
#: Organization words that make it a government body.
GOVERNMENT_WORDS = frozenset(
    """Ministry Parliament Duma Senate Congress Cabinet Government Department Kremlin Pentagon
    Representatives Tribunal Court Directorate Embassy Consulate""".split()
)
#: Words that make a span a place the gazetteer may not list.
PLACE_WORDS = frozenset(
    """Corridor Sea Ocean River Gulf Strait Peninsula Mountains Island Islands Region Province
    Valley Desert Airport Villa Port Square Canal Bay Basin Lake Strip Bank Heights Coast East
    West Stadium Arena Palace Hall Centre Center Hotel Hospital Building Tower Bridge Park
    Street Avenue Road Plaza Mosque Church Cathedral Temple Auditorium Suites
    Theater Theatre Towers Station Mall Courthouse Boulevard Highway Freeway Pier Amphitheater
    Amphitheatre Coliseum Speedway Raceway Ballpark Room Statehouse Capitol""".split()
)
#: Lowercase particles inside personal names.
NAME_PARTICLES = frozenset(
    {
        "al",
        "bin",
        "ibn",
        "van",
        "von",
        "de",
        "da",
        "do",
        "dos",
        "del",
        "der",
        "den",
        "la",
        "le",
        "du",
    }
)
#: Capitalised words that never start a name when they open a sentence.
COMMON_STARTERS = frozenset(
    """A An The This That These Those He She It They We I You His Her Its Their Our My But And Or
    So Yet As At By For From In Into On Onto Of Off Over Under Up Down After Before During
    Since Until While When Where Whereas Why How What Which Who Whom Whose Although Though
    Because If Unless Also Both Each Every Either Neither Some Many Most Much More Less Few
    Several All Any No Not Nor Only Even Just Still Then Thus Hence Therefore However
    Meanwhile Moreover Besides Furthermore Indeed Instead Otherwise Later Earlier Last Next
    First Second Third Finally Today Yesterday Tomorrow Tonight Despite Among Amid Against
    Along Around Across Between Beyond Through Throughout Toward Towards Upon Within Without
    About Above Below Near Outside Inside Such Other Another There Here Now Once Twice Again
    Already Never Always Often Sometimes Speaking Highlighting According Asked Asked
    Addressing Responding Following Including Noting Given Having Being Talks Officials
    Analysts Critics Supporters Sources Police Troops""".split()
)
#: Capitalised words that are never names by themselves.
NOT_NAMES = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Mr Mrs Ms Dr Western Eastern Northern
    Southern Islamic Revolution Christian Muslim Jewish Catholic Protestant Sunni Shia Shiite
    God English Internet Covid COVID-19 Olympic Olympics Games Summit Cup Final World Diwali
    Christmas Easter Ramadan Eid Hanukkah Thanksgiving Halloween Passover Holi Navratri
    Dussehra Pongal Onam Vesak Kwanzaa Nowruz""".split()
)

#: Words of sport: a story saying two of them is about sport, where ``Essex beat Kent`` is
#: one club beating another (:mod:`dateline.enrich.teams`).
SPORTS_WORDS = frozenset(
    """match matches innings wicket wickets goals league championship tournament qualifier
    striker midfielder goalkeeper halftime half-time quarterback playoff playoffs semifinal
    semi-final fixture fixtures standings winger defenseman goalie touchdown kickoff inning
    NFL NBA NHL MLB FIFA UEFA""".split()
)

#: Nations that field their own sides but are no country of the gazetteer: as a team
#: they are written as the nation, as countries are (:mod:`dateline.enrich.teams`).
HOME_NATIONS = frozenset({"England", "Scotland", "Wales", "Northern Ireland"})
#: The worlds a story about space goes to: places, as a reader and annotators take them
#: ("landers bound for the Moon", "plumes on Enceladus"), not persons or bodies.
CELESTIAL_BODIES = frozenset(
    """Moon Earth Mars Venus Jupiter Saturn Uranus Neptune Pluto Europa Enceladus Titan
    Ganymede Callisto Io Ceres Phobos""".split()
)

#: Social platforms: "on Twitter", "turned to Instagram", "Twitter users" name a medium,
#: not the company (which "Twitter said" or "Twitter's chief executive" does).
PLATFORMS = frozenset(
    """Twitter Facebook Instagram YouTube TikTok Snapchat LinkedIn WhatsApp Reddit Pinterest
    Telegram WeChat Weibo Twitch Threads Bluesky Tumblr""".split()
)

#: Faiths a church is named by: ``Catholic Church`` is a body, not a building.
DENOMINATIONS = frozenset(
    """Catholic Orthodox Anglican Protestant Lutheran Methodist Baptist Presbyterian Episcopal
    Evangelical Coptic Mormon Pentecostal Reformed Unification Scientology""".split()
)

#: Given names that are also words of other lists (``Christian`` is in NOT_NAMES): first
#: in a name the model calls a person (``Christian Blanc``), it is the given name.
GIVEN_NAME_WORDS = frozenset({"Christian"})

#: Words that make a name an event's (``Google Science Fair``, ``Fan Expo Canada``), which
#: is neither an organization nor a place.
EVENT_WORDS = frozenset(
    """Fair Expo Festival Championship Championships Tournament Olympiad Marathon Carnival
    Parade Exhibition Biennale Awards Grand Prix Derby Regatta Show Finals Summit Induction
    Ceremony Gala Cup Award Prize Operation Olympics Vote Open Rally""".split()
)

#: A ministry's field said alone (``Undersecretary for Education``, ``Agriculture``):
#: a portfolio, not an organization, when the model labels the word by itself.
PORTFOLIO_WORDS = frozenset(
    """Education Agriculture Home Transport Transportation Culture Environment Tourism Housing
    Commerce Industry Energy Health Defence Defense Finance Interior Foreign Trade Economy
    Justice Labor Employment""".split()
)

#: Words that make a span a document or programme, which dateline does not model.
DOCUMENT_WORDS = frozenset(
    """Initiative Agreement Accord Treaty Protocol Declaration Plan Act Law Dialogue Charter
    Convention Resolution Deal Pact Memorandum Statement Communique Doctrine Strategy""".split()
)
#: One-word proper names of organizations newsrooms use without explanation.
SINGLE_ORGS = frozenset(
    """Kremlin Pentagon Taliban Bundestag Bundesrat Knesset Majlis Duma Congress Senate Hamas
    Hezbollah Houthis Interpol Europol OPEC Greenpeace Reuters Xinhua Facebook Twitter Google Apple
    Microsoft Amazon Meta Nvidia Gazprom Rosneft Aramco
    Bloomberg Netflix Hulu Spotify Uber Lyft Airbnb Tesla SpaceX Boeing Airbus Samsung Sony
    Nintendo Intel Qualcomm IBM Oracle Alibaba Tencent Huawei Baidu Walmart Disney Instagram
    WhatsApp TikTok YouTube LinkedIn Snapchat Reddit eBay PayPal Engadget ZDNet TechCrunch
    Gizmodo Axios Politico Mashable BuzzFeed Ruptly Getty iFixit
    Volkswagen Toyota Nissan Honda Hyundai BMW Ford Audi Porsche Ferrari""".split()
)
#: (the last lines: companies and news outlets so widely known that a story names them
#: bare, which the model does not always label; no word a sentence may open with)

#: Words a party member is called by: ``Ohio Republican`` is a person described, not a
#: name, and ``Florida`` in ``Florida Republican`` is not the place the story is about.
PARTY_WORDS = frozenset(
    """Republican Republicans Democrat Democrats Democratic GOP Conservative Conservatives
    Labour Liberal Liberals Socialist Socialists Communist Communists Tory Tories Libertarian
    Libertarians Peronist Peronists Nationalist Nationalists Populist Centrist Greens""".split()
)

#: Parties that go by one word of PARTY_WORDS as their name: ``Labour has a plan``.
PARTY_NAMES = frozenset({"Labour"})

#: Common English words that can never be a registry alias (they would match everywhere).
STOP_WORDS = frozenset(
    """a an the and or but of for to in on at by with from as is are was were be been it its
    he she they we you i his her their our this that these those there here not no yes
    mr mrs ms dr""".split()
)

#: Buildings and streets newsrooms use for the government that sits there: an
#: organization, never a city (``White House`` is not Casablanca, Dar el Beida).
METONYM_ORGS = frozenset(
    {
        "White House",
        "Kremlin",
        "Pentagon",
        "Downing Street",
        "Elysee Palace",
        "Élysée Palace",
        "Blue House",
        "Zhongnanhai",
        "Capitol Hill",
        "Quai d'Orsay",
        "Foggy Bottom",
    }
)

#: Last words that make a span a building, body or feature, so never a city even when a
#: gazetteer lists it as some city's translated name.
NOT_CITY_HEADS = ORG_WORDS | PLACE_WORDS | frozenset({"House", "Office", "Hill"})

#: Capitalised last words that make "<place> X" a region: ``Lagos State``, ``Kherson Oblast``.
AREA_HEADS = frozenset({"State", "Province", "Region", "Oblast", "Governorate", "County"})

#: First words of region names the model sometimes takes for people: ``Central Java``.
COMPASS_WORDS = frozenset(
    """North South East West Northern Southern Eastern Western Central Upper Lower Greater
    Northeast Northwest Southeast Southwest""".split()
)

#: Acronyms newsrooms use without spelling out, for bodies no one mistakes: the long
#: form is the entity's name, the acronym its alternateName.
KNOWN_ACRONYMS = {
    "EU": "European Union",
    "UN": "United Nations",
    "NATO": "North Atlantic Treaty Organization",
    "IMF": "International Monetary Fund",
    "WHO": "World Health Organization",
    "WTO": "World Trade Organization",
    "OPEC": "Organization of the Petroleum Exporting Countries",
    "ASEAN": "Association of Southeast Asian Nations",
    # short names newsrooms use bare for one body, though not its initials
    "ISIS": "Islamic State",
    "ISIL": "Islamic State",
    "VW": "Volkswagen",
}

#: Words in company names the model takes for people (``Air Berlin``, ``Virgin Atlantic``,
#: ``Douglas Aircraft``): a name with one is an organization.
COMPANY_WORDS = frozenset(
    """Air Aircraft Aerospace Aviation Atlantic Pacific Motors Petroleum Oil Gas Steel Energy
    Pharma Pharmaceuticals Capital Partners Securities Investments Technologies Systems
    Communications Media Telecom Airlines Airways Electric Chemical Chemicals Studios Studio
    Entertainment Pictures Records Labs Design Ventures Productions""".split()
)

#: Words after a company's name that do not make it another company: ``EADS N.V.`` is
#: ``EADS``, ``China Eastern Airlines`` is ``China Eastern``.
CORPORATE_SUFFIXES = frozenset(
    """Inc Inc. Corp Corp. Co Co. Ltd Ltd. PLC plc N.V. NV AG SA S.A. SE Group Holdings
    Company Corporation Limited LLC L.P. LP Airlines Airways""".split()
)


# Credit labels a scraped caption runs into ("... Ahmed Mohamed Image: Twitter"): never the
# last word of a name when a colon follows.
CAPTION_LABELS = frozenset(
    {"Image", "Images", "Photo", "Photos", "Photograph", "Picture", "Video", "Credit", "Source"}
)


#: Abbreviations of things, not of anyone: an "EV" or "USB" the model calls an
#: organization names no body (a newsroom's registry can still say otherwise).
GENERIC_ACRONYMS = frozenset(
    """EV EVs AWD RWD FWD 4WD USB GPS CEO CFO COO CTO GDP AI VR AR TV PC PCs LED LCD OLED
    SUV SUVs DNA RNA HIV IPO ETF VAT GMT UTC EST EDT PST PDT ATM ICU MVP PDF URL API SMS
    OS CPU GPU RAM SSD HD UHD MPH MPG RPM PIN PR HR IT QB RB WR NFT ESG FPS HDR HDMI DVI LAN
    WAN VOD LTE NFC AC DC TD TFL PBU ASAP WTF LOL OMG FAQ DIY RRP PET BPA ROI KPI EPS RTB""".split()
)


#: Companies named after people, which read as a person's name to the model and to the
#: given-name rule ("Morgan Stanley rose"): always the company.
COMPANIES_NAMED_AFTER_PEOPLE = frozenset(
    {
        "Morgan Stanley",
        "Lockheed Martin",
        "Goldman Sachs",
        "Wells Fargo",
        "Charles Schwab",
        "Merrill Lynch",
        "Lehman Brothers",
        "Smith Barney",
        "Dean Witter",
        "Dow Jones",
        "Edward Jones",
        "Raymond James",
        "Hewlett-Packard",
        "Rolls-Royce",
        "Harley-Davidson",
        "Northrop Grumman",
        "Pratt & Whitney",
        "Johnson & Johnson",
        "Marks & Spencer",
        "Procter & Gamble",
        "Ernst & Young",
        "Jones Day",
        "Baker McKenzie",
        "Arthur Andersen",
        "Thomson Reuters",
        "Eli Lilly",
        "Bristol-Myers Squibb",
        "Booz Allen Hamilton",
        "Kohlberg Kravis Roberts",
        "Sherwin-Williams",
        "Black & Decker",
        "Louis Vuitton",
        "Tommy Hilfiger",
        "Hugo Boss",
    }
)

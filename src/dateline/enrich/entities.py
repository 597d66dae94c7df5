"""People, organizations and places named in an article: statistical candidates, linked by rules.

Components over one shared parse, in order:

1. **candidates**: the language model's named entities (PERSON, ORG, GPE, LOC, FAC,
   and NORP for demonyms), the newsroom's registry (exact names and aliases, which
   always win), acronyms the text defines (``Shanghai Cooperation Organization
   (SCO)``) and the dateline's place;
2. **linker**: each candidate is checked against its context and resolved to one
   entity: countries and demonyms (``Russian`` → Russia), US states, cities from
   the gazetteer disambiguated by the story's countries, organizations typed by
   their words; a place inside another name (``White House``, ``Florida
   Republican``) is no place, and a person needs a person-like name;
3. **roles**: titles make jobTitles and affiliations (``Russian President
   Vladimir Putin``), appositions give roles (``Leonid Slutsky, Chairman of
   Russia's State Duma Committee ...``);
4. **coreference by name**: a surname is the person named in full (``Mokhber``,
   ``von der Leyen``), an acronym the organization it abbreviates.

Deterministic, offline and linear in the text; it prefers leaving something out to
guessing. The rule words live in :mod:`dateline.enrich.lexicon`; the model's spans are
mended in :mod:`.candidates`, word shapes read in :mod:`.name_shapes`, entities that are
one merged in :mod:`.merges`, and the result is an :mod:`.extraction`.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from dateline.enrich.candidates import (
    DOUBTED,
    DOUBTED_PLACE,
    DOUBTS,
    NER_LABELS,
    SAYS,
    US_COUNTY,
    US_STATE,
    before_caption_label,
    body_after_place,
    confirmed_organizations,
    county_lists,
    doubted_organizations,
    joined,
    known_companies,
    label_votes,
    list_mates,
    model_candidates,
    repeated_people,
    sourced,
    state_tags,
    team_spans,
    weak_organizations,
)
from dateline.enrich.coref import Candidate, find_descriptions, resolve
from dateline.enrich.dateline import Dateline, find_dateline
from dateline.enrich.extraction import Extraction, Found, Mention
from dateline.enrich.gazetteer import Gazetteer, GeoPlace, fold
from dateline.enrich.given_names import given_names
from dateline.enrich.lexicon import (
    AREA_HEADS,
    CELESTIAL_BODIES,
    COMMON_STARTERS,
    COMPANIES_NAMED_AFTER_PEOPLE,
    COMPANY_WORDS,
    COMPASS_WORDS,
    CORPORATE_SUFFIXES,
    DOCUMENT_WORDS,
    EVENT_WORDS,
    GENERIC_ACRONYMS,
    GOVERNMENT_WORDS,
    HOME_NATIONS,
    KNOWN_ACRONYMS,
    LOWER_TITLES,
    METONYM_ORGS,
    NAME_PARTICLES,
    NOT_CITY_HEADS,
    NOT_NAMES,
    OFFICE_BODIES,
    OFFICE_HOLDERS,
    ORG_WORDS,
    PARTY_NAMES,
    PARTY_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    PLATFORMS,
    PORTFOLIO_WORDS,
    SINGLE_ORGS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from dateline.enrich.merges import (
    absorb,
    known_name,
    likeliest_full_name,
    merge_given_name_variants,
    merge_reordered_bodies,
    merge_same_names,
    people_taken_for_bodies,
    repoint,
)
from dateline.enrich.name_shapes import (
    AFTER_PLACE,
    CONNECTED,
    CONNECTOR_WORDS,
    LOWER_WORD,
    MODEL_NUMBER,
    NAME_SUFFIXES,
    ORG_COMMA,
    ORG_CUE_AFTER,
    ORG_CUE_BEFORE,
    POSSESSIVE,
    POSSESSIVE_SPLIT,
    PRODUCT,
    PRODUCT_TAIL,
    ROLE_BEFORE,
    ROLE_NOUNS,
    SPAN,
    as_medium,
    before_headline_verb,
    church_body,
    clean_candidate,
    counted_names,
    event_name,
    family,
    furniture_line,
    given_name_first,
    is_corporate_form,
    is_given_name,
    is_name_continued,
    is_organ,
    is_short_for,
    is_shortened,
    long_form_of,
    looks_like_person,
    market_indexes,
    name_like,
    named_product,
    next_word,
    org_cue_before,
    org_names,
    organ_of,
    owned_product,
    person_like,
    previous_word,
    programme_names,
    shouted_line,
    shouted_word,
    strip_connectors,
    title_cased,
    two_names,
    undotted,
    written_name,
)
from dateline.enrich.nlp import NlpModel, ParsedArticle
from dateline.enrich.registry import Registry, RegistryEntry
from dateline.enrich.sentences import Sentence
from dateline.enrich.teams import player_names, team_names
from dateline.model.ids import key_for

__all__ = ["LINKER_RULES", "EntityExtractor", "Extraction", "Found", "Mention"]

#: The linker's rules, each with what it decides; tests/data/entities/rules.yaml has one
#: example row per rule, so switching a rule off fails its row.
LINKER_RULES: dict[str, str] = {
    "registry": "a name or alias in the newsroom's registry is that entity",
    "acronym": "an acronym the text defines is one organization with its long form",
    "demonym": "a nationality word names its country (Russian → Russia)",
    "titled_surname": "a lone name the article writes after a person's title (President "
    "Trump, Mr. Sunak) is a person everywhere in the article, whatever the model said",
    "country_not_organization": "a country the model calls an organization is the country",
    "us_state": "a US state wins over a foreign city of the same name in a US story",
    "seat_of_government": "White House, Kremlin … are organizations, never cities",
    "party_describes": "'<place> Republican' describes a person; it is no person's name",
    "place_before_party": "the place in '<place> Republican' is not a place mention",
    "region": "'<name> region/province/oblast' is an AdministrativeArea called <name> (the "
    "kind word kept where a city has the name: 'Kharkiv region')",
    "area_is_no_guess": "'Logar province' then 'Baraki, Logar': the area the text calls a "
    "province is what the other 'Logar' names too, whatever label the model gave it",
    "role_word_first": "'Prosecutor Eva Lind said ... the prosecutor': a word the article "
    "writes in lower case, then a given name, is a role before the person's name",
    "counted_name": "'a MacBook ... two MacBooks': a one-word name the article also writes as "
    "a plural is a product's, no organization's",
    "celestial_body": "'landers bound for the Moon', 'plumes on Enceladus': a world a sentence "
    "about space names is a Place, whatever the model said (not 'Titan' the company, nor a "
    "person the article names so)",
    "double_given_name": "'Eva-Marie Persson', 'Jean-Luc Picard': a hyphenated given name "
    "opens a person's name, whatever label the model gave it",
    "person_over_spelling": "'Liu He' the model calls a person stays one: a city's other "
    "spelling (Liuhe) does not overrule two words that read as a name",
    "ordinary_word_name": "'Best Buy', 'Gift Guides': a two-word 'person' with no given name "
    "first and a word the article writes in lower case (best, guides) is a thing's name",
    "stock_index": "'the benchmark Sensex', 'Hang Seng Index (HSI)', 'the Dow fell 102 points': "
    "a stock index is no organization, anywhere in the article",
    "county_list": "'Berrien, Calhoun, Cass and Kalamazoo counties', 'Orange and Riverside "
    "counties': each name a list gives before the plural is the county the gazetteer knows by "
    "it (Berrien County), whatever the recognizers made of it (a person, a city, nothing)",
    "numbered_street": "'by 8th Avenue between 31st and 33rd Street': a numbered street or "
    "road is a Place, as 'Main Street' is (not 'Terminal 3')",
    "reordered_body": "'the Department of Justice ... the Justice Department': a government "
    "department or ministry named both ways round is one organization",
    "office_possessive": "'the Travis County Sheriff's Office', 'the U.S. Attorney's Office', "
    "'Westminster Magistrate's Court': an office holder's office is one organization, not "
    "the holder's name cut at the possessive (nor a place or a person)",
    "ampersand_firm": "'Michael Best & Friedrich', 'Procter & Gamble': a 'person' whose name "
    "joins names with an ampersand is a firm",
    "holiday": "'the Labor Day holiday', 'Mother's Day': a holiday is no place nor organization, "
    "whatever the recognizer said",
    "storm_name": "'Hurricane Irma ... worse than Irma', 'hurricanes Harvey, Irma and Maria': a "
    "storm's bare name is the storm's in the whole article, no place nor organization",
    "surname_title": "'Martin Luther King Jr.', 'Martin Luther King III': a title word ending a "
    "name before a suffix is the surname; the person is the whole name (not 'III', nor "
    "'Martin Luther' an organization)",
    "headline_verb": "'Federal Reserve Is Changing What It Means', 'Andy Brown Will Be Democratic "
    "Nominee': in a title-case line a name ends before a capitalised verb",
    "leader_seat": "'the Trump White House', 'the Putin Kremlin': a leader's name before a seat "
    "of government names the seat's body (White House), not a person",
    "city_read_as_people": "'the northern city of Aleppo' the recognizers label a nationality "
    "(NORP): a city the gazetteer knows by that very name, no people's word, is the city",
    "state_code": "'Rep. Jane Roe (R-TX)', 'in Trenton, NJ', '(D-Minn.)': a state written as "
    "a postal or AP code is that state",
    "source_cue": "'according to The Ledger and Newsline', 'told Variety', 'Newsline reports "
    "that': a name after a source cue is an outlet or company, not a person or place",
    "area_before_noun": "'<demonym> state radio' is no AdministrativeArea",
    "full_name": "a person keeps the longest name the text gives",
    "surname": "a surname alone is the person named in full",
    "family_name_first": "a family name said first is the person named in full",
    "title": "a title before a name gives jobTitle and affiliation",
    "apposition": "'<name>, the <role>,' gives jobTitle",
    "party_prefix": "a party word before a name is not part of it",
    "compass_region": "'Central Java' is not a person",
    "role_not_organization": "a title is a role, not an organization",
    "dateline": "the dateline's place is a city or country",
    "story_country": "an ambiguous city resolves to the story's country",
    "person_name": "a model PERSON with a person-like name is a Person",
    "one_label_per_name": "a name keeps the label the model gave it most often",
    "known_acronym": "EU, UN, NATO … said bare are the bodies everyone means",
    "translated_acronym": "an acronym with as many letters as the name's words is its name",
    "country_with_possessive": "a country's name with a possessive stays whole",
    "particle_name": "'al-Nimr' is a name word",
    "company_words": "a name with Air, Atlantic, Aircraft … is an organization, not a person",
    "lone_word_needs_a_full_name": "one word is a Person only as the short form of a full name",
    "corporate_form": "'China Eastern' is 'China Eastern Airlines' (suffix or country apart)",
    "state_of_a_country": "'<place> State' the model calls an organization is a region",
    "written_name": "a place keeps the name the text wrote (U.S., Britain) as an alternateName",
    "organ_of_organization": "'Council of Heads of State of the SCO' publishes only the SCO",
    "org_short_form": "'Eurasian Union' is 'Eurasian Economic Union' said shorter",
    "org_name_continued": "'Rutgers' after 'Rutgers University', 'Yankees' after the 'New York "
    "Yankees': the body named in full, then shorter",
    "nationality_before_name": "'American Dennis Mitchell' is a person, American his country",
    "spaced_dash": "a spaced dash ends a name: 'Romania - Cosmin Contra' is two",
    "corporate_suffix": "'First Chicago NBD Corp.' is a company, not a title",
    "shouted_line": "an all-capitals line names only what the article also writes in case",
    "known_name": "a person's name said again without the model's label is still that person",
    "description": "'Iran's acting president' is the one person of the story it can be",
    "description_conflict": "a description no single person fits stays unresolved",
    "handle_or_domain": "'@POTUS' or 'gawker.com/video' is an account or a link, not an entity",
    "outlet_domain": "'told News.Az', 'reprinted on Wired.com': a website written as a name, "
    "capitalised, is the outlet: an organization",
    "country_acronym": "'the Democratic Republic of Congo (DRC)': an acronym the text defines "
    "for a country is the country, not an organization",
    "doubted_place": "'Wisconsin' the tuned recognizer called an organization and the model's "
    "own a place is the place the gazetteer knows by that name (not 'Marriott')",
    "caption_label": "'Image:', 'Photo:' after a caption is a credit label, no name's last word",
    "results_line": "scores after a name ('Todd Martin 6-4 6-2') are no part of it",
    "generic_acronym": "'EV', 'USB', 'CEO' abbreviate things, not bodies: no entity",
    "shouted_word": "'VOTE' in capitals, where the story also writes 'vote', is no name",
    "place_word_first": "'Park Geun-hye': a place word first in a person's name is a surname",
    "given_name_before": "'Council Enver Solomon': the model cut the given name off; rejoined",
    "company_named_after_people": "'Morgan Stanley', 'Lockheed Martin' are companies",
    "list_mates": "a name in a list of people ('Lukaku, Carrasco, and Dries Mertens') is one",
    "company_list": "'companies Astrobotic, Intuitive Machines and Orbit Beyond': in a list the "
    "text calls companies, an organization's neighbours do not make it a person",
    "same_name": "one name the model typed two ways in an article is one entity",
    "church_body": "'Catholic Church', 'Church of Scientology' are organizations, not places",
    "given_name_word": "'Billy Ashley', 'Christian Blanc', 'Leopold III' stay whole persons",
    "given_name_first": "an 'organization' that opens with a given name (Dean Kamen) is a person",
    "spelling_variant": "'U.S. Air Force' and 'US Air Force' are one organization",
    "initialism": "'the GAO' is the 'Government Accountability Office' the article names",
    "event_name": "'Google Science Fair', 'Lantern Festival' are events, not bodies or places",
    "single_org_first": "'Google', 'Twitter' are the companies whatever label the model gave",
    "portfolio": "'Education' alone is a minister's portfolio, not an organization",
    "party_name": "'Labour has a plan': a party by the one-word name it goes by",
    "party_name_any_label": "a party's one-word name the model took for a place or a person "
    "is the party",
    "country_not_person": "'an earthquake struck Morocco': a country's name the model took "
    "for a person is the country, unless it is also a given name (Jordan, Chad)",
    "centre_for": "'Australian Centre for Control of ...' is an organization, not a place",
    "platform_as_medium": "'on Twitter', 'turned to Instagram', 'Twitter users': a medium, "
    "not the company",
    "event_head": "'United Nations Climate Action Summit', 'Davis Cup Finals': a name ending "
    "in an event's word is an event, not a body or a place",
    "product_name": "'iMac', 'iPhones', 'MacBook Pro' are products, not organizations",
    "company_word": "'Marvel Studios', 'Balmond Studio' are companies, not persons",
    "demonym_not_a_name": "'Canadian scientist', 'British throne' link the country (an "
    "affiliation, a location) but do not name it: no mention of Canada",
    "participle_first": "'Hosting Cook, ...' opening a sentence: the participle is no given name",
    "player": "'Vasek Pospisil edged Reilly Opelka 7-6': a full name that beats or loses to "
    "another in a story about sport is a person, whatever label the model gave it",
    "title_after_body": "'House of Representatives Speaker' names the House, not a body called so",
    "clause_not_name": "'Garrett hit Rudolph' holds a verb: a clause the model read as a name",
    "dotted_initialism": "'U.N.' is 'UN': the United Nations, one entity with the article's "
    "'United Nations'; 'VW', 'ISIS' are the bodies newsrooms mean by them",
    "surname_of_the_subject": "a lone name several full names end is the one the article "
    "names most ('Mohamed' is Ahmed Mohamed, not his father Mohamed El-Hassan Mohamed)",
    "person_taken_for_body": "'Mason Rudolph' the model called an organization, where the "
    "article calls him 'Rudolph' the person, is that person",
    "given_name_variant": "'Josh Apte' and 'Joshua Apte', 'B. U. Nzeribe' and 'Benjamin "
    "Nzeribe' are one person",
    "body_head_name": "'Comic Corps' is the 'Comic Corps of Canada' the article names; "
    "'Supreme Court' the 'Italian Supreme Court of Cassation'",
    "generic_head_word": "'the Church', 'the Bay' alone name no place or body",
    "outlet_noun_after": "'Le Monde newspaper said': a name before 'newspaper', 'news agency' "
    "is an outlet, whatever label the model gave",
    "unconfirmed_kept": "an organization the recognizers disagree on is kept where the article "
    "names it as one elsewhere or it ends in a company's word ('Balmond Studio')",
    "chamber_alone": "'the Senate' alone names the legislature, as 'Congress' does: a body",
    "facility_place": "'Public Auditorium', 'Century City Towers', 'WoodSpring Suites': a "
    "building or venue is a place, not a body",
    "hall_of_fame": "'Rock and Roll Hall of Fame' is an institution, not a hall",
    "possessor_place": "'Cleveland's Public Auditorium': the place owning the venue is a place, "
    "whatever label the model gave the whole phrase",
    "event_word": "'Fan Vote', 'Operation Clambake', 'Nobel Prize', 'US Open': events and "
    "awards, not bodies",
    "inner_the": "'Rathbun the Scientology': 'the' inside a name only follows of/for/to/and",
    "person_for_body": "'Lydia Buchtmann for Food Standards Australia' is a person and a body",
    "owned_product": "'Webb's Ford sedan', 'a Samsung phone' name a thing someone owns, "
    "not the company",
    "two_names": "'Black Widow and Captain America' are two names, not one body",
    "place_police": "'Forest Hill police officers': the place whose police they are",
    "title_case_line": "a line in title case ('Stadia Is Essentially A Beta Version') names "
    "only what the article also writes in prose, as an all-capitals line",
    "possessive_in_name": "'People's Liberation Army', 'Martha's Vineyard': a possessive inside "
    "a name whose first word the article never uses alone stays one name",
    "maker_product": "'Apple CarPlay', 'Amazon Echo Buds': a big company's name before a "
    "product's names the product, not a body",
    "product_model_word": "'Chromecast Ultra', 'Premiere Edition', 'Note 10 Plus': a name "
    "ending in a model word is a product",
    "more_titles": "'Superintendent Jennifer McCormick', 'DL Myles Garrett': a title or a "
    "player's position before a name is no part of it",
    "college_team": "'Eastern Michigan rolled past Northern Illinois': a college side named by "
    "its region, and more result verbs (rolled past, topped, upset, fell to, game at ...)",
    "well_known_company": "'Netflix', 'Hulu', 'Engadget': companies and outlets a story names "
    "bare are organizations, even where the model misses or mislabels them",
    "lowercase_before_name": "'the state Department of Public Safety': a lowercase word the "
    "model took along is no part of the name",
    "role_before_person": "'economist Eswar Prasad', 'manager Scooter Braun': a role noun "
    "before a person-like name the model called an organization makes it a person",
    "org_comma": "'Bleacher Report, Uber Eats': a comma parts two bodies (not 'Acme, Inc.', "
    "nor 'Council on Energy, Environment and Water')",
    "doubted_cue": "an organization the recognizers disagree on is one where the text says "
    "what it is ('beauty company Glossier', 'a news station, WRAL', 'CEO of Zoom')",
    "doubted_proposed": "an organization the recognizers disagree on that nothing settles is "
    "proposed for review, not published ('our Employee Networks')",
    "programme_name": "'the Paycheck Protection Program (PPP)', 'the CLPS program', "
    "'Hurricane Florence': a programme, a mission's vehicle or a storm is no organization",
    "title_case_headline": "a headline in title case names only what the article also writes "
    "in prose, a country or a city, as a body line in title case",
    "named_product": "'the A12X Bionic chip', 'the A10 Fusion chipset', 'a CT scan': a name "
    "before a product's noun names the product (a one-word maker's name stays: 'a Qualcomm "
    "chipset')",
    "town_before_state": "the town a state's code follows ('Ruth Eckerd Hall – Clearwater, Fla.') "
    "is a place, where the model left it out",
    "placed_city": "a name no recognizer labelled, after 'in', 'at', 'near' or 'the town of', "
    "that the gazetteer knows by that name as a city or a US state is the place ('in nearby "
    "Windsor'; not 'a stake in Ithaca')",
    "office_place": "'Wilmington Mayor Bill Saffo', 'Westchester County Executive George "
    "Latimer': the place a local office serves, not an organization",
    "roundup_dateline": "a later paragraph's dateline ('NEW DELHI: Shares of ...', 'GLASGOW, "
    "Scotland - ...') names its place, a country or a city of 100,000 people",
    "dateline_region": "the region printed in a dateline ('GLASGOW, Scotland -') is a place the "
    "story names; a state's code ('LOUISVILLE, Ky. (AP) —') is the state",
    "party_state": "a state a party tag spells out ('Sen. John Cornyn, R-Texas') is the state",
    "org_cue_list": "names the text calls companies ('companies Astrobotic, Intuitive Machines "
    "and Orbit Beyond', 'carriers like Sprint and Verizon') are organizations, whatever the label",
    "furniture_line": "a menu or a list of links scraped with the story ('Education - Urdu "
    "News - Car Prices - ...'), or a bar of sharing buttons, names no entity",
    "platform_reaction": "'the Twitter reaction', 'top Twitter trends', 'a Tumblr post': the "
    "platform as where people said it, not the company",
    "sports_team": "'Leicestershire beat Somerset', 'Pohang 3 Ulsan 2': a club named after a "
    "place is an organization in that article (not after 'in'/'at'; countries stay countries)",
}

# "Rakhine state", "Kherson region"; not "Hungarian state radio" (a noun follows)
_AREA = re.compile(
    r"\s+(?P<kind>region|province|oblast|governorate|county|district|state(?![\w-]|\s+[a-z]))\b"
)
# "(ACR)" after a name; the name is read backwards from it, within a bounded window, so
# a long capitalised run before a parenthesis costs its length once, not its square.
_ACRONYM = re.compile(r"\s\((?P<acr>[A-Z][A-Za-z0-9&-]{1,9})\)")
_ACRONYM_WINDOW = 200
#: a holiday: "Labor Day", "Mother's Day", "New Year's Day" (a day, no place nor body)
_HOLIDAY = re.compile(r"(?:[Tt]he )?(?:[A-Z][a-z]+(?:['’]s?)? ){1,2}Day")
#: the office a holder's possessive names, right after the holder: "['s Office]"
_OFFICE_AFTER = re.compile(r"['’]s (?:Office|Court)\b")
#: a numbered street or road: "8th Avenue", "33rd Street", "East 15th Avenue", "Route 59"
_NUMBERED_STREET = re.compile(
    r"(?:(?:North|South|East|West) )?\d{1,3}(?:st|nd|rd|th) (?:Street|Avenue|Road|Boulevard|"
    r"Drive|Lane|Place|Terrace|Parkway)|(?:Route|Highway|Interstate|State Route) \d{1,3}"
)
#: words of a sentence about space, where "Moon" or "Titan" is the world, not a name
_SPACE_STORY = re.compile(
    r"\b(?:orbit\w*|surface|land\w*|lunar|planet\w*|moons?|spacecraft|mission|rover|"
    r"astronauts?|space|probe|telescope|NASA|ESA|solar system|crater|atmosphere)\b"
)
_DATELINE = "DATELINE"  # the dateline's place, as a candidate of its own
_ROUNDUP = "ROUNDUP_DATELINE"
#: words that put the name after them on a map: "in nearby Ranui", "the town of Manor"
#: (not "a stake in Ithaca", "shares in ...": what is held there is a company)
_IN_PLACE = re.compile(
    r"(?:(?<!stake )(?<!stakes )(?<!shares )(?<!invest )(?<!invested )\b(?:in|near|outside|at)"
    r"(?:\s+(?:nearby|neighbou?ring|downtown))?|\b(?:city|town|village|suburb)\s+of)\s+$"
)
#: titles of an office a place elects: "Wilmington Mayor Bill Saffo" names Wilmington
_LOCAL_OFFICES = frozenset(
    {"Mayor", "Governor", "Sheriff", "Premier"}
)  # the place of a later paragraph's dateline (a roundup)
#: "the Star Wars game", "its Echo Buds", "Amazon's Tony Moly": a thing's name follows
_THING_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|your|my|this|that|new)|['’]s)\s+$", re.IGNORECASE
)
#: given names that open the names of films, games and products more often than people's
#: ("Star Wars", "Echo Buds", "Sky News")
_TITLE_OPENERS = frozenset({"Star", "Echo", "Sky", "Grand", "Royal", "Liberty", "Major"})
#: "Australian Centre for Control of ...": a body named as a centre for something
_CENTRE_FOR = re.compile(r"\b(?:Centre|Center)\s+(?:for|of)\s")


class EntityExtractor:
    """Finds entities in an article; holds the gazetteer and registry for a build."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        registry: Registry | None = None,
        nlp: NlpModel | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.registry = registry or Registry()
        self._nlp = nlp
        #: Whether capitalised spans the model did not label may still become cities and
        #: persons by their shape alone (the rule-based extractor's guesses).
        self.weak_rules = False
        #: Whether a one-word PERSON that no full name in the article explains
        #: (``Dreamliner``) is still published as a Person.
        self.single_names = False

    # -- the whole article ---------------------------------------------------------

    def extract(
        self,
        headline: str,
        sentences: Sequence[Sentence],
        dateline: Dateline | None = None,
        parsed: ParsedArticle | None = None,
    ) -> Extraction:
        """Entities in the headline and sentences. ``parsed`` is the model's parse of the
        article (:meth:`FactsEnricher.parse`); without it the sentences are parsed here."""
        if parsed is None:
            parsed = self._parse(headline, sentences)
        # a menu or a list of links scraped with the story names no one it reports on
        sentences = [s for s in sentences if not furniture_line(s.text)]
        candidates = model_candidates(parsed, sentences)
        texts = {s.index: s.text for s in sentences}
        labelled = [
            (texts[i][a:b], label)
            for i, spans in candidates.items()
            for a, b, label in spans
            if label not in DOUBTS  # a doubt is no vote: the name's other labels decide
        ]
        titled = frozenset(
            texts[i][a:b]
            for i, spans in candidates.items()
            for a, b, _ in spans
            if " " not in texts[i][a:b] and previous_word(texts[i], a) in PERSON_TITLES
        )
        votes = label_votes(labelled, titled)
        candidates = {
            i: [(a, b, votes.get(texts[i][a:b], label)) for a, b, label in spans]
            for i, spans in candidates.items()
        }
        result = Extraction(
            context=self._context(headline, sentences, dateline),
            recurring_people=repeated_people(labelled, [headline, *texts.values()]) | titled,
            ordinary_words=frozenset(
                w for s in sentences for w in LOWER_WORD.findall(s.text) if len(w) > 2
            ),
            teams=team_names(
                [headline, *texts.values()],
                people=[name for name, label in labelled if label == "PERSON"],
                is_place=self._is_place,
            ),
            players=player_names([headline, *texts.values()], self._is_place),
            indexes=market_indexes([headline, *texts.values()]),
            alone=frozenset(
                POSSESSIVE.sub("", re.sub(r"^[Tt]he\s+", "", name)) for name, _ in labelled
            ),
            counted=counted_names([headline, *texts.values()]),
        )
        acronyms = self._find_acronyms(s.text for s in sentences)
        result.acronyms = acronyms
        result.programmes = programme_names([headline, *texts.values()], acronyms)
        # names written in ordinary case somewhere: what an all-capitals line may name
        cased = {
            fold(texts[i][a:b])
            for i, spans in candidates.items()
            if not shouted_line(texts[i]) and not title_cased(texts[i])
            for a, b, _ in spans
        }
        opening = {s.paragraph: s.index for s in reversed(sentences)}
        for sentence in sentences:
            text = sentence.text
            spans = candidates.get(sentence.index, [])
            here = (
                dateline
                if sentence.index == 0
                else self._roundup_dateline(text)
                if opening[sentence.paragraph] == sentence.index
                else None
            )
            if here is not None:
                if here.agency:
                    # "WASHINGTON (Reuters) -": the agency is a credit, not a mention
                    cut = text.find(here.agency)
                    if 0 <= cut < here.end:
                        text = text[:cut] + " " * len(here.agency) + text[cut + len(here.agency) :]
                if text.startswith(here.place):
                    # the region printed with the place ("GLASGOW, Scotland -") keeps the
                    # model's label, and a state's postal or AP code ("BUFFALO, N.Y.",
                    # "LOUISVILLE, Ky. (AP)") is the state (annotators of dev1-4 list it in
                    # every such dateline); the rest (date, agency) names nothing
                    region = (
                        text.find(here.region, len(here.place), here.end) if here.region else -1
                    )
                    coded = (
                        here.region is not None and region >= 0 and self._is_state_code(here.region)
                    )
                    spans = [(0, len(here.place), _DATELINE if here is dateline else _ROUNDUP)] + [
                        c
                        for c in spans
                        if c[0] >= here.end
                        or (
                            here.region
                            and region <= c[0]
                            and c[1] <= region + len(here.region)
                            and not coded
                        )
                    ]
                    if coded and here.region:
                        spans.insert(1, (region, region + len(here.region), US_STATE))
            skip = here.end if here is not None else 0
            spans = state_tags(text, spans, self._is_state_code, skip)
            spans = county_lists(text, spans, self.gazetteer.us_county)
            spans = office_possessives(text, spans)
            shouted = shouted_line(text)
            if shouted or title_cased(text):
                spans = self._corroborated(text, spans, cased, result.teams)
            self._unit(result, text, sentence.index, acronyms, spans, shouted)
        weak = weak_organizations(parsed.headline, confirmed_organizations(parsed))
        headline_spans = (
            sorted(
                [
                    *(
                        (e.start_char, e.end_char, e.label_)
                        for e in [*parsed.headline.ents, *weak]
                        if e.label_ in NER_LABELS
                    ),
                    *doubted_organizations(parsed.headline, weak),
                ]
            )
            if parsed.headline.text == headline
            else []
        )
        if shouted_line(headline) or title_cased(headline):
            # a headline in title case ("'Drunkorexia' On The Rise Among Female University
            # Students"): its capitals carry no signal, as a body line's in title case
            headline_spans = self._corroborated(headline, headline_spans, cased, result.teams)
        self._unit(result, headline, -1, acronyms, headline_spans, shouted_line(headline))
        self._merge_surnames(result)
        self._merge_short_organizations(result)
        merge_reordered_bodies(result)
        merge_same_names(result)
        self._add_containing_countries(result)
        self._resolve_descriptions(result, headline, sentences)
        self._unname_demonyms(result)
        published = {m.key for m in result.mentions}
        result.proposed = [e for e in result.proposed if e.key not in published]
        result.proposed_mentions = [m for m in result.proposed_mentions if m.key not in published]
        return result

    def _roundup_dateline(self, text: str) -> Dateline | None:
        """A dateline opening a later paragraph, as in a roundup of wire stories
        (``NEW DELHI: Shares of ...``, ``GLASGOW, Scotland - Thousands ...``): its place
        is where that part was filed, when the gazetteer knows it as a country or a city
        of 100,000 people (not ``READ MORE:``, ``FTC:``, ``Greg Palast —``)."""
        found = find_dateline(text)
        return found if found is not None and self._roundup_place(found) is not None else None

    def _roundup_place(self, found: Dateline) -> GeoPlace | None:
        """A roundup dateline's place: a country, or a city of 100,000 people in the
        region printed with it (``GLASGOW, Scotland``, not Glasgow, Montana)."""
        g = self.gazetteer
        country = g.country(found.place)
        if country is not None:
            return country
        region = found.region or ""
        home = g.country(region) or (
            g.country_by_code("US") if self._is_state_code(region) else None
        )
        city = g.city(found.place, [home.country] if home is not None and home.country else [])
        return city if city is not None and city.population >= 100_000 else None

    def _unname_demonyms(self, result: Extraction) -> None:
        """A country the article only describes with its adjective (``the British
        throne``, ``a Canadian scientist``) stays a node that roles and events can point
        to, but is not among the names the article mentions: readers, and annotators,
        do not call ``Canadian`` a mention of Canada."""
        written: dict[str, list[str]] = {}
        for mention in result.mentions:
            written.setdefault(mention.key, []).append(mention.text)
        for key, found in result.entities.items():
            if found.type != "Country" or found.registry is not None:
                continue
            texts = written.get(key, [])
            if texts and all(
                self.gazetteer.country(t) is None and self._demonym(t) is not None for t in texts
            ):
                found.named = False

    def _resolve_descriptions(
        self, result: Extraction, headline: str, sentences: Sequence[Sentence]
    ) -> None:
        """``Iran's acting president`` → the one person it can be (:mod:`.coref`)."""
        found = find_descriptions(headline, sentences, self.gazetteer)
        if not found:
            return
        where: dict[str, set[int]] = {}
        for mention in result.mentions:
            where.setdefault(mention.key, set()).add(mention.sentence)
        people = [
            Candidate(
                key=e.key,
                job_title=e.job_title,
                countries=frozenset(
                    k
                    for k in e.affiliation
                    if k in result.entities and result.entities[k].type == "Country"
                ),
                sentences=frozenset(where.get(e.key, ())),
            )
            for e in result.entities.values()
            if e.type == "Person" and e.named
        ]
        texts = {s.index: s.text for s in sentences}
        texts[-1] = headline
        for description in found:
            person = resolve(description, people)
            if person is None:
                continue
            result.descriptions.append(
                Mention(
                    person.key,
                    description.sentence,
                    description.start,
                    description.end,
                    description.text,
                )
            )
            target = result.entities[person.key]
            if target.job_title is None and target.registry is None:
                # the text says it of them: "Iran's acting president" is Mokhber's role
                target.job_title = " ".join(
                    w for w in (description.modifier, description.role) if w
                )
                if description.country is not None:
                    country = self._place(result, description.country, texts[description.sentence])
                    if country.key not in target.affiliation:
                        target.affiliation.append(country.key)
                people = [
                    Candidate(p.key, target.job_title, p.countries, p.sentences)
                    if p.key == person.key
                    else p
                    for p in people
                ]

    def _parse(self, headline: str, sentences: Sequence[Sentence]) -> ParsedArticle:
        """The model's parse when the caller has none: paragraphs rebuilt from sentences."""
        paragraphs: dict[int, list[str]] = {}
        for sentence in sentences:
            paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
        count = max(paragraphs, default=-1) + 1
        texts = [" ".join(paragraphs.get(i, [])) for i in range(count)]
        nlp = self._nlp if self._nlp is not None else NlpModel.shared()
        return nlp.parse_article(headline, texts)

    def _context(
        self, headline: str, sentences: Sequence[Sentence], dateline: Dateline | None
    ) -> list[str]:
        counts: Counter[str] = Counter()
        if dateline is not None:
            # where the story was filed says which country it is about: "Florida" in a
            # story from WASHINGTON is the state
            g = self.gazetteer
            place = (g.country(dateline.region) if dateline.region else None) or g.place(
                dateline.place
            )
            if place is not None and place.country:
                counts[place.country] += 3
        for text in [headline, *(s.text for s in sentences)]:
            for match in SPAN.finditer(text):
                word = POSSESSIVE.sub("", match.group(0))
                place = self.gazetteer.country(word) or self.gazetteer.demonym(word)
                if place is not None:
                    counts[place.country] += 1
        return [code for code, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def _corroborated(
        self,
        text: str,
        spans: Sequence[tuple[int, int, str]],
        cased: set[str],
        teams: frozenset[str] = frozenset(),
    ) -> list[tuple[int, int, str]]:
        """The model's candidates in an all-capitals line (``SOCCER - ENGLAND BEAT MOLDOVA``,
        a wire headline or dateline) that something else confirms: a name the article also
        writes in ordinary case, or a country or city. Capitals carry no signal there, and
        the model labels whole phrases of such lines as organizations."""
        g = self.gazetteer
        kept = []
        for start, end, label in spans:
            name = text[start:end]
            if (
                label in (US_STATE, US_COUNTY, _DATELINE, _ROUNDUP)  # read from their shape
                or fold(name) in cased
                or fold(name) in teams
                or g.country(name) is not None
                or g.city(name) is not None
            ):
                kept.append((start, end, label))
        return kept

    def _find_acronyms(self, texts: Iterable[str]) -> dict[str, str]:
        """Acronym → the long form it stands for, from ``Long Form (ACR)`` in the text."""
        found: dict[str, str] = {}
        for text in texts:
            for match in _ACRONYM.finditer(text):
                window = text[max(0, match.start() - _ACRONYM_WINDOW) : match.start()]
                last = None
                for span in SPAN.finditer(window):
                    last = span
                if last is None or last.end() != len(window):
                    continue
                long_form = long_form_of(last.group(0), match["acr"])
                if long_form:
                    found.setdefault(match["acr"], long_form)
        return found

    # -- one sentence ----------------------------------------------------------------

    def _unit(
        self,
        result: Extraction,
        text: str,
        index: int,
        acronyms: dict[str, str],
        spans: Sequence[tuple[int, int, str]] = (),
        shouted: bool = False,
    ) -> None:
        """One sentence: registry names first, then the model's candidates around them,
        then capitalised spans the model missed that a strong rule recognises."""
        masked = list(text)
        for match in self.registry.finditer(text):
            entry = match.entry
            found = self._from_registry(result, entry, text)
            self._mention(result, found, index, match.start, match.end, text)
            if entry.type == "Person" and not entry.job_title:
                self._title_before(result, found, text, match.start)
                self._apposition(result, found, text, index, match.end)
            masked[match.start : match.end] = "\0" * (match.end - match.start)
        for site in OUTLET_DOMAIN.finditer(text):
            if "\0" in masked[site.start() : site.end()]:
                continue
            # "told News.Az", "reprinted on Wired.com": a website written as a name is the
            # outlet (the annotators of real news list them as organizations), whatever
            # the recognizers made of its pieces
            outlet = self._found(result, key_for(site[0]), "Organization", site[0], text)
            self._mention(result, outlet, index, site.start(), site.end(), text)
            masked[site.start() : site.end()] = "\0" * (site.end() - site.start())
        visible = "".join(masked)
        long_forms = {v: k for k, v in acronyms.items()}
        covered = [False] * (len(text) + 1)
        spans = sourced(text, team_spans(text, spans, result.teams), self._is_place)
        spans = body_after_place(visible, spans)
        for start, end, label in joined(text, list_mates(text, known_companies(text, spans))):
            piece = visible[start:end]
            # a spaced dash never joins a name: "Romania - Cosmin Contra" is two
            if label == "ORG" and "&" not in piece and not CONNECTED.search(piece.split(",")[0]):
                # "Bleacher Report, Uber Eats": a comma parts two bodies (not "Acme, Inc.",
                # "Bodman, Longely & Dahling", "Council on Energy, Environment and Water")
                piece = ORG_COMMA.sub(lambda m: "\0" * len(m.group(0)), piece)
            for part in re.finditer(r"[^\0\s–—-](?:(?!\s[-–—]\s)[^\0])*", piece):
                begin = start + part.start()
                cleaned = clean_candidate(part.group(0))
                if cleaned is None:
                    continue
                offset, name = cleaned
                self._span(result, text, index, begin + offset, name, acronyms, long_forms, label)
            covered[start:end] = [True] * (end - start)
        # what the model left of a capitalised run before its name ("Refugee Council"
        # before "Enver Solomon") is still a run the strong rules may claim
        rest = "".join("\0" if covered[i] else c for i, c in enumerate(visible))
        for begin, stop in hall_runs(rest, [(m.start(), m.end()) for m in SPAN.finditer(rest)]):
            if rest[begin - 2 : begin] == "\0 " and not SAYS.match(rest, stop):
                # "BART Police Chief", "U.S. Attorney's Office": the model's name goes on
                # (but "the Refugee Council Enver Solomon told": a speaker after it)
                continue
            if (
                shouted
                and self.gazetteer.country(rest[begin:stop]) is None
                and fold(rest[begin:stop]) not in result.teams
            ):
                continue  # every word of an all-capitals line is capitalised
            # "student Ahmed Mohamed Image: Twitter": no credit label in the name; "Drunkorexia
            # Is Rising": no headline's verb either
            cut = before_caption_label(rest, begin, stop)
            cut = begin + len(before_headline_verb(rest[begin:cut]))
            self._span(
                result,
                text,
                index,
                begin,
                rest[begin:cut],
                acronyms,
                long_forms,
                None,
            )

    def _span(
        self,
        result: Extraction,
        text: str,
        index: int,
        start: int,
        span: str,
        acronyms: dict[str, str],
        long_forms: dict[str, str],
        label: str | None,
    ) -> None:
        # Possessives end a name: "Russia's State Duma Committee" is two spans. Split in one
        # pass (no recursion: 1,500 chained possessives are a list, not a call stack).
        if self.gazetteer.country(span) is not None:
            # "People's Republic of China" is one name, not "People" + Taiwan
            self._part(result, text, index, start, span, acronyms, long_forms, label)
            return
        at = 0
        pieces = POSSESSIVE_SPLIT.split(span)
        if len(pieces) == 2 and (
            self._owner_in_name(result, pieces[0], pieces[1]) or _office_of(pieces)
        ):
            # "People's Daily", "Martha's Vineyard"; "Travis County Sheriff's Office": one name
            pieces = [span]
        for number, piece in enumerate(pieces):
            at = span.index(piece, at)
            kind = label
            if number < len(pieces) - 1 and label == "ORG" and self._is_place(piece):
                # "Cleveland's Public Auditorium": the model's label is the whole phrase's;
                # the place owning it is a place
                kind = "GPE"
            self._part(result, text, index, start + at, piece, acronyms, long_forms, kind)
            at += len(piece)

    def _owner_in_name(self, result: Extraction, owner: str, owned: str) -> bool:
        """Whether the word before a possessive belongs to the name (``People's Liberation
        Army``, ``Dawson's Creek``) rather than owning it (``Russia's State Duma``,
        ``Google's Stadia``, ``Braun's Ithaca Holdings``, ``Punjab's Bhatinda``): one word
        in ordinary case that the article never names on its own (nor ends a name with), no
        place, no body newsrooms name bare, no person of the article; and what follows is
        no well-known place of its own."""
        owner = re.sub(r"^[Tt]he\s+", "", owner)  # "The People's Liberation Army"
        return (
            " " not in owner
            and not owner.isupper()
            and owner not in result.alone
            and not any(n.endswith(" " + owner) for n in result.alone)
            and not self._known_place(POSSESSIVE.sub("", owned))
            and owner not in SINGLE_ORGS
            and undotted(owner) not in KNOWN_ACRONYMS
            and not self._is_place(owner)
            and self._surname(result, owner) is None
        )

    def _named_place(self, name: str) -> bool:
        """A country, a US state or a city the gazetteer knows by exactly this name."""
        g = self.gazetteer
        city = g.city(name)
        return (
            g.country(name) is not None
            or g.us_state(name) is not None
            or (city is not None and fold(city.name) == fold(name))
        )

    def _known_place(self, name: str) -> bool:
        """A country, a US state or a city of 100,000 people or more (not ``Vineyard``,
        Utah, nor ``Creek``)."""
        g = self.gazetteer
        city = g.city(name)
        return (
            g.country(name) is not None
            or g.us_state(name) is not None
            or (city is not None and city.population >= 100_000)
        )

    def _part(
        self,
        result: Extraction,
        text: str,
        index: int,
        start: int,
        span: str,
        acronyms: dict[str, str],
        long_forms: dict[str, str],
        label: str | None,
    ) -> None:
        span = POSSESSIVE.sub("", span)
        words = span.split()
        # A capital at the start of a sentence is not a name's.
        while (
            words
            and (start == 0 or text[:start].rstrip().endswith(("“", '"')))
            and (
                words[0] in COMMON_STARTERS
                or (
                    words[0].endswith(("ing", "ly"))
                    and len(words) > 1
                    # "Hosting Cook" is no one's name; "Irving Berlin" is
                    and (label != "PERSON" or words[0].upper() not in given_names())
                )
            )
        ):
            start += len(words[0]) + 1
            words = words[1:]
            while words and words[0] in CONNECTOR_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
        while words and words[0] in ("The", "A", "An", "the"):
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            return
        if label in ("PERSON", "ORG", None) and len(words) >= 3:
            demonym = self._demonym(words[0])
            if (
                demonym is not None
                and self.gazetteer.country(words[0]) is None
                and not any(w in TITLE_WORDS or w in COMPANY_WORDS for w in words)
                and person_like(words[1:])
                and (label is not None or given_name_first(words[1:]))
            ):
                # "American Dennis Mitchell": a nationality, then a person's name
                place = self._place(result, demonym, text)
                self._mention(result, place, index, start, start + len(words[0]), text)
                start += len(words[0]) + 1
                words = words[1:]
                label = "PERSON"
        span = " ".join(words)
        end = start + len(span)
        parent = organ_of(text, end, long_forms) if label == "ORG" and is_organ(words) else None
        if parent is not None:
            # "Council of Heads of State of the SCO": an organ of the organization, which its
            # own words do not name; the span counts as a mention of the organization
            whole = self._organization_like(result, parent, text, acronym=long_forms.get(parent))
            self._mention(result, whole, index, start, end, text)
            return
        # A long span that ends with an acronym's long form: "Council of ... of the SCO"
        for long_form, acronym in long_forms.items():
            if span != long_form and span.endswith(" " + long_form):
                head = strip_connectors(span[: -len(long_form)])
                joint = span[len(head) : -len(long_form)].split()
                if head and is_organ(head.split()) and joint[:1] == ["of"]:
                    # "Council of Heads of State of the SCO": see organ_of
                    whole = self._organization_like(result, long_form, text, acronym=acronym)
                    self._mention(result, whole, index, start, start + len(head), text)
                    head = ""
                if head:
                    self._span(result, text, index, start, head, acronyms, long_forms, label)
                self._span(
                    result,
                    text,
                    index,
                    end - len(long_form),
                    long_form,
                    acronyms,
                    long_forms,
                    label,
                )
                return
        speaker, for_, tail = span.partition(" for ")
        if label == "ORG" and for_ and tail[:1].isupper() and given_name_first(speaker.split()):
            # "Lydia Buchtmann for Food Standards Australia": a person speaking for a body
            self._part(result, text, index, start, speaker, acronyms, long_forms, "PERSON")
            self._part(result, text, index, end - len(tail), tail, acronyms, long_forms, label)
            return
        found = self._classify(result, text, index, start, span, acronyms, long_forms, label)
        if found is not None:
            self._mention(result, found, index, start, end, text)

    def _classify(
        self,
        result: Extraction,
        text: str,
        index: int,
        start: int,
        span: str,
        acronyms: dict[str, str],
        long_forms: dict[str, str],
        label: str | None,
    ) -> Found | None:
        """The linker: what one candidate names, given the model's label and its context."""
        if label == US_STATE:
            state = self._state_of_code(span)
            return self._place(result, state, text, span) if state is not None else None
        if label == US_COUNTY:
            return self._county(result, span, text)
        seat = next((m for m in METONYM_ORGS if span.endswith(" " + m)), None)
        if seat is not None and len(span.split()) == len(seat.split()) + 1:
            # "the Trump White House", "the Putin Kremlin": a leader's name before the seat
            # of government says whose; the name is the seat's body, not a person's
            return self._found(result, key_for(seat), "GovernmentOrganization", seat, text)
        if label == DOUBTED_PLACE:
            # "Wisconsin" the tuned recognizer called an organization and the model's own
            # a place: the place, where the gazetteer knows one by exactly that name
            label = "GPE" if self._named_place(span) else DOUBTED
        doubted = label == DOUBTED
        if doubted:
            label = None  # read as a name no recognizer labelled, then a second look
        if (
            span in CELESTIAL_BODIES
            and _SPACE_STORY.search(text)
            and self._surname(result, span) is None
        ):
            # "landers bound for the Moon": a world, in a sentence about going there
            return self._found(result, key_for(span), "Place", span, text)
        if fold(span) in result.indexes or fold(acronyms.get(span, "")) in result.indexes:
            return None  # "the benchmark Sensex", "Hang Seng Index (HSI)": a stock index
        if label != "PERSON" and (
            fold(span) in result.programmes or fold(acronyms.get(span, "")) in result.programmes
        ):
            return None  # "the Paycheck Protection Program (PPP)", "Hurricane Florence"
        if span in acronyms or span in long_forms:
            long, short = (acronyms[span], span) if span in acronyms else (span, long_forms[span])
            country = self.gazetteer.country(long) or self.gazetteer.country(short)
            if country is not None:
                # "the Democratic Republic of Congo (DRC)": a country the text abbreviates
                return self._place(result, country, text, span)
            return self._organization_like(result, long, text, acronym=short)
        bare = undotted(span)
        if bare in KNOWN_ACRONYMS and label != "PERSON":
            # "EU" (or "U.N.") said bare: the body everyone means by it
            return self._organization_like(result, KNOWN_ACRONYMS[bare], text, acronym=span)
        if span in COMPANIES_NAMED_AFTER_PEOPLE:
            return self._found(result, key_for(span), "Organization", span, text)
        if span in GENERIC_ACRONYMS or shouted_word(span, result.ordinary_words):
            return None  # "EV", "USB"; "VOTE" on a poster, where the story says "vote"
        if PRODUCT.fullmatch(span) or PRODUCT_TAIL.search(span):
            # "iMac", "MacBook Pro", "Chromecast Ultra", "Note 10 Plus": a product
            return None
        if label != "PERSON" and owned_product(text, start, start + len(span)):
            return None  # "Webb's Ford sedan": the car, not the company
        if label in ("ORG", None) and named_product(text, start, span):
            return None  # "the A12X Bionic chip", "Swiss Army knives", "a CT scan"
        if span in PLATFORMS and as_medium(text, start, start + len(span)):
            return None  # "ridicule across Twitter": where it was said, not who said it
        if self._is_team(result, text, start, span, label):
            # a key of its own: "Pittsburgh" the club is not the city another story names
            return self._found(result, f"{key_for(span)}-team", "Organization", span, text)
        if label in ("ORG", None) and span in result.counted:
            return None  # "MacBooks" beside "MacBook": a thing people count, no body
        if label in ("ORG", "GPE", "LOC", None) and fold(span) in result.players:
            # "Vasek Pospisil edged Reilly Opelka 7-6": a player, whatever the model said
            words = span.split()
            if person_like(words):
                return self._person(result, span, text, index, start)
        words = span.split()
        end = start + len(span)
        if (
            label in ("PERSON", "GPE", "LOC", None)
            and OUTLET_AFTER.match(text, end)
            and not self._is_place(span)
        ):
            # "Le Monde newspaper said": a paper, a channel or an agency, named as such
            return self._organization_like(result, span, text)
        if (
            label in ("GPE", "LOC", "FAC", None)
            and org_cue_before(text, start)
            and (
                not self._is_place(span) or ORG_CUE_BEFORE.search(text[max(0, start - 80) : start])
            )
            and not given_name_first(words)
        ):
            # "companies Astrobotic, Intuitive Machines and Orbit Beyond", "carriers like
            # Sprint and Verizon": what the text calls companies are, whatever the label;
            # a place's name too when the word is right before it ("bicycle maker Raleigh")
            return self._org_candidate(result, text, start, span, words)
        if label != "NORP" and self._role_before(text, start, words):
            # "economist Eswar Prasad", "his father Leopold III": a person, whatever label
            return self._person(result, span, text, index, start)
        if (
            label in (None, "PERSON")
            and AFTER_PLACE.match(text, end)
            and name_like(words)
            and not span.isupper()
            and not any(w in ORG_WORDS for w in words)
        ):
            # "Forest Hill police officers", "Central Java governor Budi Santoso": the
            # place whose police or governor they are, whether the model saw a person or
            # nothing there
            return self._place_candidate(result, text, start, end, span, words, "GPE")
        if label is None:
            if doubted:
                return self._doubted(result, text, index, start, span)
            return self._classify_rule(result, text, index, start, span)
        person = self._surname(result, span) if label not in (_DATELINE, _ROUNDUP) else None
        if person is not None:
            return person  # "Scholz" after "Olaf Scholz", whatever the model's label
        if label == _DATELINE:
            place = self.gazetteer.country(span) or self.gazetteer.city(span, result.context)
            return self._place(result, place, text, span) if place is not None else None
        if label == _ROUNDUP:
            here = find_dateline(text)
            place = self._roundup_place(here) if here is not None else None
            return self._place(result, place, text, span) if place is not None else None
        area = _AREA.match(text, end)
        if area and label != "NORP" and self._demonym(span) is None and name_like(words):
            return self._area(result, span, area["kind"], text)  # "Kharkiv region"
        if label == "NORP":
            demonym = self._demonym(span)
            if demonym is not None:
                return self._place(result, demonym, text)
            # "the northern city of Aleppo" the recognizers read as a nationality: no
            # people's word, and the gazetteer's city of that very name
            city = self.gazetteer.city(span, result.context)
            if (
                city is not None
                and fold(city.name) == fold(span)
                and (
                    city.population >= 100_000
                    or _IN_PLACE.search(text[max(0, start - 30) : start]) is not None
                )
            ):
                return self._place(result, city, text, span)
            return None
        if span in SINGLE_ORGS and label != "NORP":
            # "Google" the model took for a place (GeoNames lists it as Topeka's
            # nickname) or "Twitter" for a person: the organization everyone means
            return self._single_org(result, span, text)
        if span in PARTY_NAMES and label in ("PERSON", "GPE", "LOC"):
            # "Labour has a plan" the model took for a place or a person: the party, as
            # the organization rule reads it (not "Labour MP ...")
            return self._org_candidate(result, text, start, span, words)
        if label == "PERSON" and len(words) == 1:
            country = self.gazetteer.country(span)
            if (
                country is not None
                and span.upper() not in given_names()
                and previous_word(text, start) not in TITLE_WORDS
            ):
                # "an earthquake struck Morocco" the model took for a person: a country's
                # name is no one's name unless it is also a given name (Jordan, Chad)
                return self._place(result, country, text, span)
        if label == "PERSON" or (
            previous_word(text, start) in TITLE_WORDS and looks_like_person(words)
        ):
            # "Chancellor Olaf Scholz" is a person whatever label the model gave the name
            return self._person_candidate(result, text, index, start, span, words)
        if label == "ORG":
            return self._org_candidate(result, text, start, span, words)
        return self._place_candidate(result, text, start, end, span, words, label)

    def _doubted(
        self, result: Extraction, text: str, index: int, start: int, span: str
    ) -> Found | None:
        """An organization the recognizers disagree on (:data:`DOUBTED`): what the strong
        rules make of any capitalised run (a country, a person named in full, a surname),
        or an organization where the text says what it is around it (``beauty company
        Glossier``); else proposed for review, not published (two in three such names
        are no organization: programmes, products, menus). A city's name is not taken
        for the city here: doubted ones are mostly its club or a company (``Barcelona``
        beat, a stake in ``Ithaca``)."""
        found = self._classify_rule(result, text, index, start, span)
        if found is not None:
            return found
        words = span.split()
        end = start + len(span)
        if ORG_CUE_BEFORE.search(text[max(0, start - 40) : start]) or ORG_CUE_AFTER.match(
            text, end
        ):
            return self._org_candidate(result, text, start, span, words)
        scratch = dataclasses.replace(
            result, entities={}, mentions=[], descriptions=[], proposed=[], proposed_mentions=[]
        )
        found = self._org_candidate(scratch, text, start, span, words)
        if found is not None and family(found.type) == "organization":
            if all(e.key != found.key for e in result.proposed):
                result.proposed.append(found)
            result.proposed_mentions.append(Mention(found.key, index, start, end, span))
        return None

    def _role_before(self, text: str, start: int, words: list[str]) -> bool:
        """``economist Eswar Prasad``, ``the Shiite cleric Nimr al-Nimr``: a lowercase noun
        for what a person is, right before two or three words that read as a name (no
        company word, no place), says the name is a person's, whatever the model said."""
        return (
            2 <= len(words) <= 3
            and ROLE_BEFORE.search(text[max(0, start - 30) : start]) is not None
            and person_like(words)
            and not any(w in COMPANY_WORDS or w in CORPORATE_SUFFIXES for w in words)
            and words[0] not in SINGLE_ORGS
            and self.gazetteer.place(" ".join(words)) is None
        )

    def _speaks_for(self, result: Extraction, text: str, index: int, start: int) -> bool:
        """Whether ``start`` follows ``<a person's name> for``, as in ``Lydia Buchtmann for
        Food Standards Australia``: what follows is the body the person speaks for."""
        if not text[:start].endswith(" for "):
            return False
        end = start - len(" for ")
        return any(
            m.sentence == index and m.end == end and result.entities[m.key].type == "Person"
            for m in result.mentions
            if m.key in result.entities
        )

    def _is_state_code(self, code: str) -> bool:
        return self._state_of_code(code) is not None

    def _state_of_code(self, code: str) -> GeoPlace | None:
        """``TX``, ``Calif.``, or a state's name in a party tag (``R-Texas``)."""
        return self.gazetteer.us_state_code(code) or self.gazetteer.us_state(code)

    def _is_home(self, name: str) -> bool:
        """A place or a nationality a body's name may start with (``Pittsburgh``,
        ``Afghan``), as the home of the body named after it."""
        return self._is_place(name) or (" " not in name and self._demonym(name) is not None)

    def _is_place(self, name: str) -> bool:
        return self.gazetteer.place(name) is not None or self.gazetteer.us_state(name) is not None

    def _is_team(
        self, result: Extraction, text: str, start: int, span: str, label: str | None
    ) -> bool:
        """``Essex`` where the article uses it as a club (:mod:`.teams`); not ``in
        Essex``, not a country (a national side is written as its country), not a
        person's name (``Nolan Henke 69 67 70``, ``Haase`` after ``Robin Haase``)."""
        return (
            fold(span) in result.teams
            and label not in ("NORP", _DATELINE)
            and self._surname(result, span) is None
            and previous_word(text, start).lower() not in _PLACE_PREPOSITIONS
            and self.gazetteer.country(span) is None
            and span.title() not in HOME_NATIONS
            and not given_name_first(span.split())
        )

    def _demonym(self, word: str) -> GeoPlace | None:
        """``Russian`` and ``Russians`` → Russia."""
        g = self.gazetteer
        found = g.demonym(word)
        if found is None and word.endswith("s"):
            found = g.demonym(word[:-1])
        return found

    def _person_candidate(
        self, result: Extraction, text: str, index: int, start: int, span: str, words: list[str]
    ) -> Found | None:
        person = self._titled_person(result, text, index, start, words)
        if person is not None:
            return person
        while len(words) > 1 and words[0] in PARTY_WORDS:
            start += len(words[0]) + 1  # "Libertarian Javier Milei"
            words = words[1:]
            span = " ".join(words)
        if words[0] in COMPASS_WORDS:
            # "Central Java" is a region, not a person
            return self._place_candidate(result, text, start, start + len(span), span, words, "LOC")
        city = self.gazetteer.city(span, result.context)
        if (
            city is not None
            and previous_word(text, start) not in TITLE_WORDS
            and (city.country in result.context[:3] or city.population >= 1_000_000)
            and (len(words) == 1 or fold(city.name) == fold(span))
        ):
            # "Rabat" in a story about Morocco; but "Liu He" is a person, though GeoNames
            # lists it as another spelling of the city of Liuhe
            return self._place(result, city, text, span)
        if len(words) > 1 and words[0] in SINGLE_ORGS:
            return None  # "Amazon Echo Dot", "Google Stadia": a big company's product
        if len(words) > 1 and any(w in ORG_WORDS or w in COMPANY_WORDS for w in words):
            # "Air Berlin", "Virgin Atlantic"
            return self._org_candidate(result, text, start, span, words)
        if len(words) > 2 and words[-2] == "&":
            # "Michael Best & Friedrich", "Procter & Gamble": partners' names joined by an
            # ampersand, the last one a single name, name their firm; no one person is called
            # so (but "Caylee Hammack & Elle King" are two)
            return self._org_candidate(result, text, start, span, words)
        if (
            not person_like(words)
            or self.gazetteer.country(span) is not None
            or self._demonym(words[0]) is not None
        ):
            return None  # "Ohio Republican", "Hungarian Fidesz": described, not named
        if (
            len(words) >= 3
            and not is_given_name(words[0])
            and is_given_name(words[1])
            and words[0].lower() in result.ordinary_words
        ):
            # "Prosecutor Eva Lind said": a role the article also writes in lower case,
            # capitalised at a sentence's start, then a given name: the person is Eva Lind
            start += len(words[0]) + 1
            words = words[1:]
            span = " ".join(words)
        if (
            len(words) > 1
            and not is_given_name(words[0])
            and any(w.lower() in result.ordinary_words for w in words if w not in NAME_PARTICLES)
        ):
            # "Best Buy", "Gift Guides", "Magic Keyboard": no given name first, and a word
            # the article itself writes in lower case: a thing's name, not a person's
            return None
        if len(words) == 1:
            short = self._surname(result, span)
            if short is None and not self.single_names and span not in result.recurring_people:
                # a lone word is someone only when a full name says who, or when the
                # model calls it a person again and again (a story naming its subject
                # by surname throughout, as wire copy after the first mention does)
                return None
            found = short or self._found(result, key_for(span), "Person", span, text)
        else:
            found = self._person(result, span, text, index, start)
        if found.job_title is None:
            self._title_before(result, found, text, start)
        return found

    def _org_candidate(
        self, result: Extraction, text: str, start: int, span: str, words: list[str]
    ) -> Found | None:
        g = self.gazetteer
        while (
            len(words) > 2
            and words[-1].rstrip(".") in TITLE_WORDS | {"Rt", "Hon"}
            and words[-2] not in CONNECTOR_WORDS | {"and", "&"}
        ):
            # "House of Representatives Speaker": the body, then a title of its own (not
            # "Board of Trade", "Department of Defense": there the word is the name's)
            words = words[:-1]
            span = " ".join(words)
        titled = [i for i, w in enumerate(words[:-1]) if w in TITLE_WORDS and words[i + 1] == "of"]
        if titled and not any(w in ORG_WORDS for w in words[: titled[-1]]):
            words = words[titled[-1] + 2 :]  # "Operating Officer of AirTran Airways"
            while words and words[0] in CONNECTOR_WORDS:
                words = words[1:]
            if not words:
                return None
            span = " ".join(words)
        if len(words) > 1 and MODEL_NUMBER.match(words[-1]):
            return None  # a product: "Airbus A380", "Delta IV" is not a company
        start = max(text.find(span, start), start)  # the words left after the cuts above
        end = start + len(span)
        if two_names(words) and not any(
            w in ORG_WORDS or w in COMPANY_WORDS or w in PLACE_WORDS or w in CORPORATE_SUFFIXES
            for w in words
        ):
            # "Black Widow and Captain America": two names, neither a body's (but one-word
            # pairs are one: "Globe and Mail", "Procter and Gamble")
            return None
        if (
            AFTER_PLACE.match(text, end)
            and not span.isupper()
            and not any(w in ORG_WORDS for w in words)
        ):
            # "Forest Hill police officers": the place whose police they are
            return self._place_candidate(result, text, start, end, span, words, "GPE")
        country = g.country(span)
        if country is not None:
            return self._place(result, country, text, span)  # "Iran and the EAEU signed"
        place = self._demonym(span) if len(words) == 1 else None
        if place is not None:
            return self._place(result, place, text)
        city = g.city(span, result.context) if words[-1] not in NOT_CITY_HEADS else None
        if city is not None and (city.population >= 500_000 or city.country in result.context[:3]):
            return self._place(result, city, text, span)  # "Copenhagen" for the talks held there
        if len(words) > 1 and words[-1] in AREA_HEADS and g.place(" ".join(words[:-1])):
            return self._found(result, key_for(span), "AdministrativeArea", span, text)
        if (words[0] in TITLE_WORDS or words[-1] in TITLE_WORDS) and not any(
            w.rstrip(".") in ORG_WORDS or w in CORPORATE_SUFFIXES for w in words
        ):
            return None  # a role, not a body: "National Security Advisor", "Defence"
        if len(words) == 1 and span in PORTFOLIO_WORDS:
            return None  # "Education" from "Undersecretary for Education": a portfolio
        if len(words) == 1 and span in AREA_HEADS:
            return None
        if span in METONYM_ORGS:
            return self._found(result, key_for(span), "GovernmentOrganization", span, text)
        if span in SINGLE_ORGS:
            return self._single_org(result, span, text)
        if (
            len(words) > 1
            and words[0] in SINGLE_ORGS
            and not any(
                w in ORG_WORDS or w in COMPANY_WORDS or w in CORPORATE_SUFFIXES for w in words
            )
        ):
            return None  # "Apple CarPlay", "Amazon Echo Buds": the maker's product
        if any(w in DOCUMENT_WORDS for w in words) or all(
            w in NOT_NAMES or w in CONNECTOR_WORDS for w in words
        ):
            return None
        if event_name(words) or _HOLIDAY.fullmatch(span):
            # "Google Science Fair", "Fan Expo Canada": an event, not a body; "Labor Day" a day
            return None
        if span in PARTY_NAMES and not next_word(text, text.find(span) + len(span))[:1].isupper():
            # "Labour has a plan": the party by the name it goes by (not "Labour MP ...")
            return self._found(result, key_for(span), "Organization", span, text)
        if len(words) == 1 and (
            span in ORG_WORDS or span in PARTY_WORDS or span in PLACE_WORDS or span.islower()
        ):
            return None  # "the Union", "The Church said": a generic head word
        if given_name_first(words) and g.place(span) is None and g.place(words[0]) is None:
            # "founded by Dean Kamen", "Scott Draper (Australia)": a person the model
            # took for an organization
            return self._found(result, key_for(span), "Person", span, text)
        return self._organization_like(result, span, text)

    def _place_candidate(
        self,
        result: Extraction,
        text: str,
        start: int,
        end: int,
        span: str,
        words: list[str],
        label: str,
    ) -> Found | None:
        g = self.gazetteer
        if next_word(text, end) in PARTY_WORDS:
            return None  # "Florida Republican": the place describes a person
        if span in METONYM_ORGS:
            return self._found(result, key_for(span), "GovernmentOrganization", span, text)
        country = g.country(span) or g.continent(span)
        if country is not None:
            return self._place(result, country, text, span)
        coded = g.us_state_code(span)
        if coded is not None:
            # "BUFFALO, N.Y." as a headline: the state its code names, as in the dateline
            return self._place(result, coded, text, span)
        if len(words) > 1 and words[-1] in AREA_HEADS and g.place(" ".join(words[:-1])):
            # "Kano State", whatever label the model gave it: the region, not the city
            return self._found(result, key_for(span), "AdministrativeArea", span, text)
        if label == "GPE" and len(words) == 1:
            demonym = self._demonym(span)
            if demonym is not None:
                return self._place(result, demonym, text)
        if any(w in DOCUMENT_WORDS for w in words):
            return None
        if len(words) == 1 and (span in PLACE_WORDS or span in ORG_WORDS):
            return None  # "the Church", "the Bay": a generic head word, no name of its own
        if label != "FAC" and words[-1] not in NOT_CITY_HEADS:
            state = g.us_state(span)
            city = g.city(span, result.context)
            if state is not None and (
                city is None
                or (city.country == "US" and city.population < 500_000)
                or (
                    city.country != "US"
                    and not (city.country in result.context and "US" not in result.context)
                )
            ):
                return self._place(result, state, text, span)  # Florida; not Washington
            if city is not None:
                return self._place(result, city, text, span)
            if state is not None:
                return self._place(result, state, text, span)
        if event_name(words) or _HOLIDAY.fullmatch(span):
            # "Taipei City Lantern Festival" is an event, "the Labor Day holiday" a day
            return None
        if any(w in ORG_WORDS for w in words) and not any(w in PLACE_WORDS for w in words):
            return self._organization_like(result, span, text)
        if _NUMBERED_STREET.fullmatch(span):
            # "by 8th Avenue between 31st and 33rd Street": a street is a place (as "Main
            # Street" is), though its name has a number
            return self._found(result, key_for(span), "Place", span, text)
        if not name_like(words) or any(c.isdigit() for c in span):
            return None  # "KC-30s", "Terminal 3"
        if len(words) == 1 and start == 0:
            return None  # an unknown word opening a sentence ("People ...") is no place
        return self._found(result, key_for(span), "Place", span, text)

    def _single_org(self, result: Extraction, span: str, text: str) -> Found:
        kind = (
            "GovernmentOrganization"
            if span
            in GOVERNMENT_WORDS
            | {"Bundestag", "Knesset", "Duma", "Congress", "Majlis", "Bundesrat"}
            else "Organization"
        )
        return self._found(result, key_for(span), kind, span, text)

    def _classify_rule(
        self, result: Extraction, text: str, index: int, start: int, span: str
    ) -> Found | None:
        """A capitalised span the model did not label: only strong rules may claim it
        (registry names were matched before; a country, a title before a name, a
        one-word organization newsrooms use bare, an organization word)."""
        g = self.gazetteer
        words = span.split()
        if span in SINGLE_ORGS:
            return self._single_org(result, span, text)
        if span in METONYM_ORGS:
            # "The White House said", whether or not the model saw a name there
            return self._found(result, key_for(span), "GovernmentOrganization", span, text)
        country = g.country(span)
        if country is not None:
            return self._place(result, country, text, span)
        continent = g.continent(span)
        if continent is not None:
            return self._place(result, continent, text, span)
        area = _AREA.match(text, start + len(span))
        if area and not any(w in ORG_WORDS for w in words) and g.demonym(span) is None:
            return self._area(result, span, area["kind"], text)
        if any(w in DOCUMENT_WORDS for w in words):
            return None
        if len(words) == 1:
            demonym = g.demonym(span)
            if demonym is not None:
                return self._place(result, demonym, text)
            if "-" in span and all(g.place(p, result.context) for p in span.split("-")):
                for part in span.split("-"):
                    offset = start + span.index(part)
                    place = g.place(part, result.context)
                    assert place is not None
                    self._mention(
                        result,
                        self._place(result, place, text, part),
                        index,
                        offset,
                        offset + len(part),
                        text,
                    )
                return None
        person = self._titled_person(result, text, index, start, words)
        if person is not None:
            return person
        if words[0] in TITLE_WORDS and not any(w in ORG_WORDS for w in words):
            return None  # a role without a name: "Leader of the Islamic Revolution"
        if span in NOT_NAMES or (len(words) == 1 and span in ORG_WORDS | PLACE_WORDS):
            return None  # "March", or a generic "Group" / "Union" on its own
        if len(words) > 1 and words[-1] in EVENT_WORDS:
            # "the United Nations Climate Action Summit": an event (not "Exhibition Centre")
            return None
        if church_body(words) or "Hall of Fame" in span or any(w in ORG_WORDS for w in words):
            # "the Church of Scientology": a body, not the building "Church" would make it
            return self._organization_like(result, span, text)
        if self._speaks_for(result, text, index, start) and g.place(span) is None:
            # "Lydia Buchtmann for Food Standards Australia": the body a person speaks for
            return self._organization_like(result, span, text)
        if _CENTRE_FOR.search(span):
            # "The Australian Centre for Control of ...": a body, not a building
            return self._organization_like(result, span, text)
        if any(w in PLACE_WORDS for w in words) and len(words) > 1:
            return self._found(result, key_for(span), "Place", span, text)
        while len(words) > 2 and words[0] in PARTY_WORDS:
            start += len(words[0]) + 1  # "Libertarian Javier Milei"
            words = words[1:]
            span = " ".join(words)
        if (
            2 <= len(words) <= 3
            and (given_name_first(words) or SAYS.match(text, start + len(span)))
            and person_like(words)
            and not any(w.isupper() or w.lower() in result.ordinary_words for w in words)
            and not _THING_BEFORE.search(text[max(0, start - 12) : start])
            and words[0] not in _TITLE_OPENERS
            and words[0] not in SINGLE_ORGS
            and not any(w in COMPANY_WORDS or w in CORPORATE_SUFFIXES for w in words)
            and not any(g.place(" ".join(words[:n])) for n in range(1, len(words) + 1))
        ):
            # "Libertarian Javier Milei won", "Enver Solomon told Sky News": a name that
            # opens with a common given name, or a name that speaks, is a person's
            return self._person(result, span, text, index, start)
        known = known_name(result, span)
        if known is not None:
            return known  # "Mokhber" in the headline, after the body named him
        if len(words) == 1 and span in result.recurring_people and g.place(span) is None:
            # "Mokhber stated ...", where the model tagged only a later "Mokhber"
            return self._surname(result, span) or self._found(
                result, key_for(span), "Person", span, text
            )
        placed = self._placed_city(result, text, start, span, words)
        if placed is not None:
            return placed
        if not self.weak_rules:
            return self._surname(result, span) if len(words) == 1 else None
        city = g.city(span, result.context)
        if city is not None and (
            (index == 0 and start == 0)  # the dateline: "GENEVA: ..."
            or self._plausible_city(city, span, text, start, result.context)
        ):
            return self._place(result, city, text)
        if looks_like_person(words) and not any(
            g.place(" ".join(words[:n]), result.context) for n in range(1, len(words))
        ):
            return self._person(result, span, text, index, start)
        if len(words) == 1 and span not in NOT_NAMES:
            return self._surname(result, span)
        return None

    # -- kinds -------------------------------------------------------------------------

    def _found(self, result: Extraction, key: str, kind: str, name: str, text: str) -> Found:
        found = result.entities.get(key)
        known = self.registry.by_id(key)
        if (found is not None and family(found.type) != family(kind)) or (
            found is None and known is not None and family(known.type) != family(kind)
        ):
            # "Jordan" the country and "Jordan" a person are two entities: the later one's
            # key says its kind ("jordan-person"), so no key ever names two kinds of thing;
            # a key the registry (or the site's publisher) holds is taken in every article,
            # named there or not, since consumers merge the site's documents by @id
            key = f"{key}-{family(kind)}"
            found = result.entities.get(key)
        if found is None:
            found = Found(key=key, type=kind, name=name, evidence=text)
            result.entities[key] = found
        found.named = True
        return found

    def _area(self, result: Extraction, span: str, kind: str, text: str) -> Found:
        """``Paktika province``: an AdministrativeArea named ``Paktika``; the lowercase word
        says what it is, not what it is called (the text's other "Paktika" is the same
        place, and annotators, CoNLL and GUM name it so), kept as an alternateName. Where a
        city has the bare name (``Kharkiv region``), the word tells the two apart."""
        written = f"{span} {kind}"
        if self.gazetteer.city(span) is not None:
            # "Kharkiv region" beside the city of Kharkiv: two places, the word tells apart
            return self._found(result, key_for(written), "AdministrativeArea", written, text)
        found = self._found(result, key_for(span), "AdministrativeArea", span, text)
        if found.type == "AdministrativeArea" and written not in found.alternate_name:
            found.alternate_name.append(written)
        return found

    def _county(self, result: Extraction, span: str, text: str) -> Found:
        """``Berrien`` of ``Berrien, Cass and Kalamazoo counties``: the county, named as a
        reader writes it alone (``Berrien County``), with the bare name the list gave kept
        as an alternateName (annotators list that)."""
        written = f"{span} County"
        found = self._found(result, key_for(written), "AdministrativeArea", written, text)
        if found.type == "AdministrativeArea" and span not in found.alternate_name:
            found.alternate_name.append(span)
        return found

    def _from_registry(self, result: Extraction, entry: RegistryEntry, text: str) -> Found:
        found = self._found(result, entry.id, entry.type, entry.name, text)
        found.registry = entry
        if entry.type in ("City", "Country", "AdministrativeArea") and found.place is None:
            place = self.gazetteer.place(entry.name, result.context)
            if place is not None and place.kind == entry.type:
                found.place = place
                if place.kind == "City" and entry.contained_in is None:
                    country = self.gazetteer.country_by_code(place.country)
                    found.contained_in = key_for(country.name) if country else None
        return found

    def _place(
        self, result: Extraction, place: GeoPlace, text: str, surface: str | None = None
    ) -> Found:
        """The gazetteer's place; ``surface`` is the name as the text wrote it, kept as an
        alternateName when it is another name of the place (``U.S.``, ``Britain``, ``NEW
        YORK``): a reader matching the article's words finds the node by them."""
        key = key_for(place.name)
        found = self._found(result, key, place.kind, place.name, text)
        found.place = place
        written = written_name(surface) if surface else None
        if (
            written
            and fold(written) != fold(place.name)
            and not any(fold(written) == fold(n) for n in found.alternate_name)
        ):
            found.alternate_name.append(written)
        if place.kind == "City":
            country = self.gazetteer.country_by_code(place.country)
            found.contained_in = key_for(country.name) if country else None
        return found

    def _organization_like(
        self, result: Extraction, name: str, text: str, acronym: str | None = None
    ) -> Found:
        words = name.split()
        if church_body(words) or _CENTRE_FOR.search(name) or "Hall of Fame" in name:
            # "the Catholic Church", "Australian Centre for Control of ...": bodies, not
            # the buildings they meet in
            kind = "Organization"
        elif any(w in PLACE_WORDS for w in words) and not any(w in ORG_WORDS for w in words):
            kind = "Place"
        elif any(w in GOVERNMENT_WORDS for w in words):
            kind = "GovernmentOrganization"
        else:
            kind = "Organization"
        found = self._found(result, key_for(name), kind, name, text)
        if acronym and acronym not in found.alternate_name:
            found.alternate_name.append(acronym)
        parent = re.match(
            r"^(?P<p>.+?)\s+(?:Committee|Commission|Subcommittee)\s+(?:on|for|of)\s", name
        )
        if parent and kind != "Place":
            parent_name = parent["p"]
            if any(w in ORG_WORDS for w in parent_name.split()):
                parent_found = self._organization_like(result, parent_name, text)
                found.parent = parent_found.key
        return found

    def _person(self, result: Extraction, name: str, text: str, index: int, start: int) -> Found:
        found = self._found(result, key_for(name), "Person", name, text)
        self._apposition(result, found, text, index, start + len(name))
        return found

    def _surname(self, result: Extraction, word: str) -> Found | None:
        people = [
            e for e in result.entities.values() if e.type == "Person" and is_short_for(word, e.name)
        ]
        return people[0] if len(people) == 1 else None

    def _titled_person(
        self, result: Extraction, text: str, index: int, start: int, words: list[str]
    ) -> Found | None:
        """``[Qualifier] Title [Title...] Name`` → a Person with a jobTitle."""
        first_title = next((i for i, w in enumerate(words) if w in TITLE_WORDS), None)
        if first_title is None:
            return None
        last_title = first_title
        while last_title + 1 < len(words) and (
            words[last_title + 1] in TITLE_WORDS
            or (words[last_title + 1] == "of" and words[last_title] == "Secretary")
            or (words[last_title + 1] == "State" and words[last_title] == "of")
        ):
            last_title += 1
        name_words = words[last_title + 1 :]
        if not name_words or any(w in CONNECTOR_WORDS - NAME_PARTICLES for w in name_words):
            return None
        if all(w.rstrip(",") in NAME_SUFFIXES for w in name_words):
            # "Martin Luther King Jr.", "Stephen King III": the "title" is a surname, and
            # the person is the whole name, not one called "Jr."
            return None
        if len(name_words) == 1:
            word = name_words[0]
            if (
                word in ORG_WORDS | PLACE_WORDS | NOT_NAMES | TITLE_WORDS
                or word.lower() in ROLE_NOUNS
                or not word[0].isupper()
            ):
                # "Interior Ministry" is not a person called Ministry, nor "General
                # Manager" one called Manager
                return None
        elif not looks_like_person(name_words):
            return None
        name = " ".join(name_words)
        title = " ".join(words[first_title : last_title + 1])
        before = text[:start].rstrip().split()
        if before and before[-1].lower() in TITLE_MODIFIERS:
            title = f"{before[-1].lower()} {title}"
        qualifier = " ".join(words[:first_title])
        qualifier = result.acronyms.get(qualifier, qualifier)
        if len(name_words) == 1:
            person = self._surname(result, name) or self._found(
                result, key_for(name), "Person", name, text
            )
        else:
            name_start = start + len(" ".join(words[: last_title + 1])) + 1
            person = self._person(result, name, text, index, name_start)
        if person.job_title is None:
            person.job_title = title
        if qualifier:
            place = self.gazetteer.country(qualifier) or self.gazetteer.demonym(qualifier)
            office = (
                self._office_place(result, text, qualifier, words[first_title])
                if place is None
                else None
            )
            if place is not None:
                key = self._place(result, place, text).key
            elif office is not None:
                # "Wilmington Mayor Bill Saffo": the place whose mayor he is, named there
                key = office.key
                self._mention(result, office, index, start, start + len(qualifier), text)
            else:
                key = self._organization_like(result, qualifier, text).key
            if key not in person.affiliation:
                person.affiliation.append(key)
        return person

    def _placed_city(
        self, result: Extraction, text: str, start: int, span: str, words: list[str]
    ) -> Found | None:
        """A name no recognizer labelled that the text puts someone in (``in nearby
        Ranui``, ``at Coolum``, ``the town of Stony Point``) and the gazetteer knows by
        that very name as a US state or a city: the place (not ``a stake in Ithaca``, nor
        a name with a body's word)."""
        if _IN_PLACE.search(text[max(0, start - 30) : start]) is None or any(
            w in ORG_WORDS or w in COMPANY_WORDS or w in PLACE_WORDS for w in words
        ):
            return None
        if not name_like(words) or next_word(text, start + len(span)) in PARTY_WORDS:
            return None
        return self._state_or_city(result, text, span)

    def _state_or_city(self, result: Extraction, text: str, name: str) -> Found | None:
        """``name`` as the US state or the city (of exactly that name, in the story's
        context) the gazetteer knows, or None."""
        state = self.gazetteer.us_state(name)
        if state is not None:
            return self._place(result, state, text, name)
        city = self.gazetteer.city(name, result.context)
        if city is not None and fold(city.name) == fold(name):
            return self._place(result, city, text, name)
        return None

    def _office_place(
        self, result: Extraction, text: str, qualifier: str, title: str
    ) -> Found | None:
        """The place a local office's holder serves, written before the title: a county or
        a state (``Westchester County Executive``, ``Kano State Governor``), or for a
        mayor, a governor, a sheriff or a premier any name (``Manor Mayor``), the
        gazetteer's state or city where it knows one. Else None: the organization a title
        belongs to (``Acme CEO``) is read as before."""
        words = qualifier.split()
        if any(
            w in ORG_WORDS or w in COMPANY_WORDS or w in PARTY_WORDS or w in TITLE_WORDS
            for w in words
        ) or self._demonym(words[0]):
            return None
        if len(words) > 1 and words[-1] in AREA_HEADS and name_like(words[:-1]):
            return self._found(result, key_for(qualifier), "AdministrativeArea", qualifier, text)
        if title not in _LOCAL_OFFICES or not name_like(words):
            return None
        known = self._state_or_city(result, text, qualifier)
        if known is not None:
            return known
        return self._found(result, key_for(qualifier), "Place", qualifier, text)

    def _title_before(self, result: Extraction, person: Found, text: str, start: int) -> None:
        """``Russian President [Vladimir Putin]`` for a name the registry matched."""
        before = text[:start].split()[-6:]
        title: list[str] = []
        while before and before[-1] in TITLE_WORDS:
            title.insert(0, before.pop())
        if not title:
            return
        if person.job_title is None:
            modifier = (
                before[-1].lower() if before and before[-1].lower() in TITLE_MODIFIERS else ""
            )
            person.job_title = f"{modifier} {' '.join(title)}".strip()
        if before:
            qualifier = POSSESSIVE.sub("", before[-1])
            place = self.gazetteer.country(qualifier) or self.gazetteer.demonym(qualifier)
            if place is not None:
                key = self._place(result, place, text).key
                if key not in person.affiliation:
                    person.affiliation.append(key)

    def _apposition(
        self, result: Extraction, person: Found, text: str, index: int, end: int
    ) -> None:
        """``Name, Chairman of X,`` → jobTitle; organizations and countries in it → links."""
        match = re.match(
            r",\s+(?:the\s+|a\s+|an\s+)?(?P<role>(?:[^,;.()]|\.(?!\s*$))+)", text[end:]
        )
        if not match:
            return
        role = match["role"].strip()
        first = role.split()[0]
        if first.lower() not in LOWER_TITLES and first not in TITLE_WORDS:
            return
        if person.job_title is None:
            person.job_title = role
        for match in re.finditer(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?:['’]s\b)?", role):
            place = self.gazetteer.country(match[1]) or self.gazetteer.demonym(match[1])
            if place is not None:
                key = self._place(result, place, text).key
                if key not in person.affiliation:
                    person.affiliation.append(key)
        # organizations named inside the role are classified when the span pass reaches them;
        # link them now by name so the order of discovery does not matter
        for name in org_names(role):
            key = self._organization_like(result, name, text).key
            if key not in person.member_of:
                person.member_of.append(key)

    def _plausible_city(
        self, city: GeoPlace, span: str, text: str, start: int, context: list[str]
    ) -> bool:
        """Single words like ``Mobile`` or ``Union`` are cities only where the text says so."""
        if len(span.split()) > 1 or city.population >= 1_000_000 or city.country in context[:3]:
            return True
        before = text[:start].rstrip().split()
        return bool(before) and before[-1].lower() in {"in", "at", "from", "to", "near", "outside"}

    def _mention(
        self, result: Extraction, found: Found, index: int, start: int, end: int, text: str
    ) -> None:
        result.mentions.append(Mention(found.key, index, start, end, text[start:end]))

    # -- after all sentences ----------------------------------------------------------

    def _merge_surnames(self, result: Extraction) -> None:
        """``Putin`` found before ``Vladimir Putin`` is still Vladimir Putin."""
        people_taken_for_bodies(result)
        counts = Counter(m.key for m in result.mentions)
        merge_given_name_variants(result, counts)
        by_word: dict[str, list[Found]] = {}
        for e in result.entities.values():
            if e.type == "Person":
                by_word.setdefault(e.name.split()[-1], []).append(e)
                by_word.setdefault(e.name.split()[0], []).append(e)
        # a short name the model mislabelled ("Scholz" as a place) before the full one
        shorts = [
            e
            for e in result.entities.values()
            if e.registry is None and e.place is None and not e.alternate_name
        ]
        for short in shorts:
            if short.key not in result.entities:
                continue
            full = [
                p
                for p in {
                    e.key: e
                    for e in by_word.get(short.name.split()[-1], [])
                    + by_word.get(short.name.split()[0], [])
                }.values()
                if p is not short and p.key in result.entities and is_short_for(short.name, p.name)
            ]
            if len(full) > 1:
                full = likeliest_full_name(short.name, full, counts)
            if len(full) != 1:
                continue
            target = full[0]
            target.job_title = target.job_title or short.job_title
            target.affiliation.extend(k for k in short.affiliation if k not in target.affiliation)
            repoint(result, short, target)

    def _merge_spellings(self, result: Extraction) -> None:
        """``U.S. Air Force`` and ``US Air Force``: one organization spelt two ways (dots,
        case) is one entity, named as the text first wrote it."""
        first: dict[str, Found] = {}
        for org in list(result.entities.values()):
            if family(org.type) != "organization" or org.registry is not None:
                continue
            spelling = fold(org.name.replace(".", ""))
            kept = first.setdefault(spelling, org)
            if kept is not org:
                absorb(result, org, kept)

    def _merge_initialisms(self, result: Extraction) -> None:
        """``the GAO`` after ``the Government Accountability Office``: capitals that are
        the initials of exactly one organization the article names are that organization,
        kept as its alternateName (as if the text had written ``(GAO)``)."""
        orgs = [
            e
            for e in result.entities.values()
            if family(e.type) == "organization" and e.registry is None
        ]
        by_initials: dict[str, list[Found]] = {}
        for org in orgs:
            words = [w for w in org.name.split() if w not in CONNECTOR_WORDS and w != "and"]
            if len(words) >= 2 and all(w[0].isupper() for w in words):
                by_initials.setdefault("".join(w[0] for w in words), []).append(org)
        for org in orgs:
            name = undotted(org.name)
            if not (2 <= len(name) <= 6 and name.isalpha() and name.isupper()):
                continue
            targets = [t for t in by_initials.get(name, []) if t.key in result.entities]
            if len(targets) == 1 and org.key in result.entities:
                absorb(result, org, targets[0])

    def _merge_short_organizations(self, result: Extraction) -> None:
        """``China Eastern`` and ``EADS N.V.`` are ``China Eastern Airlines`` and ``EADS``:
        two names of one organization that differ only by a corporate suffix (or a country
        in front: ``U.S. Air Force``, or words left out inside: ``Eurasian Union``) are one
        entity, named by the longer, the other kept as an alternateName."""
        self._merge_spellings(result)
        self._merge_initialisms(result)
        orgs = [
            e
            for e in result.entities.values()
            if family(e.type) == "organization" and e.registry is None
        ]
        # indexed by first and last word, so the work stays linear in the organizations
        by_first: dict[str, list[Found]] = {}
        by_last: dict[str, list[Found]] = {}
        by_head: dict[str, list[Found]] = {}
        for org in orgs:
            by_first.setdefault(org.name.split()[0], []).append(org)
            by_last.setdefault(org.name.split()[-1], []).append(org)
            head = self._head_name(org.name)
            if head != org.name:
                by_head.setdefault(head, []).append(org)
        # where each is first named (the headline first): a body is named in full before
        # it is shortened ("Acme" then "Acme Europe" are two)
        first: dict[str, tuple[int, int]] = {}
        for m in result.mentions:
            first[m.key] = min(first.get(m.key, _LAST), (m.sentence, m.start))
        for short in sorted(orgs, key=lambda e: len(e.name)):
            if short.key not in result.entities:
                continue
            words = short.name.split()
            longer = (
                [o for o in by_head.get(short.name, []) if len(words) >= 2 and o is not short]
                or [
                    o
                    for o in by_first.get(words[0], []) + by_last.get(words[-1], [])
                    if o is not short
                    and o.key in result.entities
                    and (
                        is_corporate_form(words, o.name.split(), self.gazetteer)
                        or is_shortened(words, o.name.split())
                    )
                ]
                or [
                    o
                    for o in by_first.get(words[0], []) + by_last.get(words[-1], [])
                    if o is not short
                    and o.key in result.entities
                    and not self._is_place(short.name)
                    and (
                        first.get(o.key, _LAST) < first.get(short.key, _LAST)
                        or not o.name.startswith(short.name)  # a home place before it
                    )
                    and is_name_continued(words, o.name.split(), self._is_home)
                ]
            )
            unique = {o.key: o for o in longer}
            if len(unique) != 1:
                continue
            (target,) = unique.values()
            for name in [short.name, *short.alternate_name]:
                if name != target.name and name not in target.alternate_name:
                    target.alternate_name.append(name)
            repoint(result, short, target)

    def _head_name(self, name: str) -> str:
        """``Comic Corps of Canada`` → ``Comic Corps``, ``Italian Supreme Court of
        Cassation`` → ``Supreme Court``: a body's name without the country or nationality
        in front and the ``of ...`` after it, as the article may say it again."""
        words = name.split()
        if len(words) > 2 and (
            self.gazetteer.country(words[0]) is not None or self._demonym(words[0]) is not None
        ):
            words = words[1:]
        if "of" in words[2:]:
            words = words[: words.index("of", 2)]
        return " ".join(words)

    def _add_containing_countries(self, result: Extraction) -> None:
        for found in list(result.entities.values()):
            if found.place is not None and found.place.kind == "City":
                country = self.gazetteer.country_by_code(found.place.country)
                if country is not None:
                    key = key_for(country.name)
                    if key not in result.entities:
                        result.entities[key] = Found(
                            key=key,
                            type="Country",
                            name=country.name,
                            evidence=found.evidence,
                            place=country,
                            named=False,
                        )


#: A website written as a name, capitalised as one (``Wired.com``, ``KUT.org``,
#: ``PanARMENIAN.Net``, ``News.Az``): not part of a link (``www.``, ``/``, ``@``) nor a
#: path, and not written in lower case (``pic.twitter.com``), which names a link.
OUTLET_DOMAIN = re.compile(
    r"(?<![\w@/.:-])[A-Z][\w-]*(?:\.[A-Za-z][\w-]*)*"
    r"\.(?i:com|org|net|info|news|gov|edu|io|tv|fm|biz|(?:co\.|com\.)?(?!js\b)[a-z]{2})"
    r"(?![\w/@-]|\.\w)"
)

#: What an outlet's name is followed by: "Le Monde newspaper", "Tasnim news agency".
OUTLET_AFTER = re.compile(
    r"\s+(?:(?:daily|weekly)\s+)?(?:newspaper|tabloid|magazine|broadcaster|news\s+agency|"
    r"news\s+website)s?\b"
)


def _office_of(pieces: Sequence[str]) -> bool:
    """Whether a name cut at its possessive is an office holder's office (``Travis County
    Sheriff`` + ``Office``, ``U.S. Attorney`` + ``Office``, ``Westminster Magistrate`` +
    ``Court``): a body of its own, named whole (annotators list it so)."""
    return pieces[-1] in OFFICE_BODIES and pieces[0].split()[-1] in OFFICE_HOLDERS


def office_possessives(
    text: str, spans: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The candidates with an office holder's office made whole: the recognizers cut
    ``Los Angeles County District Attorney['s Office]`` and ``Cook County Medical
    Examiner['s Office]`` at the possessive (and call the rest a place or a person);
    the name goes on to ``Office`` or ``Court`` and is an organization."""
    out = []
    for start, end, label in spans:
        more = _OFFICE_AFTER.match(text, end)
        if more is not None and text[start:end].rsplit(maxsplit=1)[-1] in OFFICE_HOLDERS:
            out.append((start, more.end(), "ORG"))
        else:
            out.append((start, end, label))
    return out


def hall_runs(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Capitalised runs, with a one-word run joined by "and" to a hall of fame's name
    after it made one: ``Rock`` + ``and`` + ``Roll Hall of Fame``, as the name is written
    (the recognizers cut it there)."""
    out: list[tuple[int, int]] = []
    for begin, stop in runs:
        if (
            out
            and text[out[-1][1] : begin] == " and "
            and " " not in text[out[-1][0] : out[-1][1]]
            and "Hall of Fame" in text[begin:stop]
        ):
            out[-1] = (out[-1][0], stop)
        else:
            out.append((begin, stop))
    return out


#: after every position in an article: where an entity without mentions is first named
_LAST = (1 << 30, 0)

_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "from"})

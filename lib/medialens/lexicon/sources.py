"""Source lexicon: the words that tell what kind of source a speaker is.

Newswire names sources four ways: by name (`Yusef Hamoud`), as an unnamed individual
(`a Turkish security official`, `a senior diplomat who asked not to be named`), as a body
speaking as itself (`the ministry said in a statement`) or as an unnamed collective
(`activists`, `residents`). The head noun of the speaker's phrase decides between the last
three; these sets are that decision, kept in one reviewable place.
"""
from __future__ import annotations

from .people import GENDERED_TITLES, OFFICE_TITLES, RANKS

# What a source is, in the `speaker_type` column: a named person, an unnamed individual, a body
# speaking as itself, an unnamed collective, or not found.
SOURCE_TYPES = ("person", "anonymous", "organisation", "group", "unknown")

# Head nouns of unnamed individuals. Plurals of these (`officials said`, `sources said`) stay
# anonymous: newsroom sourcing audits count them with unnamed sources, not with groups.
ANONYMOUS_NOUNS = frozenset(
    """
    official source diplomat aide adviser advisor spokesman spokeswoman spokesperson
    representative insider person individual staffer officer employee executive worker member
    commander lawmaker legislator senator congressman congresswoman politician minister
    envoy ambassador negotiator investigator prosecutor lawyer attorney judge doctor nurse
    expert analyst economist scientist researcher strategist operative consultant
    pollster donor campaigner organizer organiser activist resident witness
    man woman someone somebody who one observer general colonel captain soldier
    mother father wife husband son daughter sister brother parent grandmother grandfather
    friend neighbour neighbor teacher student professor scholar historian journalist reporter
    editor writer author columnist commentator blogger businessman businesswoman owner founder
    manager director chairman chairwoman president chief head leader governor mayor secretary
    veteran voter supporter critic opponent protester demonstrator survivor victim refugee
    migrant farmer driver pilot player coach fan mp lawmaker delegate candidate nominee
    speechwriter staffer partner associate colleague ally confidant insider whistleblower
    officer agent detective sheriff trooper firefighter medic surgeon physician psychologist
    engineer developer banker trader investor landlord tenant student pupil child boy girl
    teenager youth adult citizen american official chairperson councillor councilor
    councilman councilwoman assemblyman assemblywoman alderman congressperson
    niece nephew cousin aunt uncle grandson granddaughter ex spouse fiancé fiancee
    announcer narrator questioner moderator host anchor user mogul billionaire millionaire
    regulator inspector contractor administrator governor negotiator prosecutor
    coordinator co-ordinator co-founder co-host co-chair deputy
    coroner magistrate solicitor barrister paramedic clerk chaplain vicar priest
    fellow dean publisher counsel graduate grad hopeful boss treasurer customer correspondent
    """.split()
)

# Endings of person nouns missing above: `economist`, `physician`, `nominee`, `consultant`.
PERSON_SUFFIXES = ("ist", "ian", "man", "woman", "person", "ee", "ant", "eer")

# Head nouns of collectives: more than one unnamed person, speaking together.
GROUP_NOUNS = frozenset(
    """
    activists residents witnesses protesters protestors demonstrators rebels fighters voters
    critics supporters opponents experts analysts economists scientists researchers doctors
    villagers locals citizens people parents students teachers workers farmers families
    relatives neighbours neighbors survivors victims refugees migrants members leaders
    lawmakers legislators democrats republicans conservatives liberals progressives
    advocates campaigners observers monitors medics rescuers investigators prosecutors
    militants insurgents troops soldiers onlookers participants attendees
    crowd crowds fans delegates employees staff
    """.split()
)

# Plural heads that remain individual unnamed sources rather than a collective.
ANONYMOUS_PLURALS = frozenset(
    "officials sources diplomats aides advisers advisors insiders spokesmen spokespeople".split()
)

# Head nouns of organisations speaking as themselves.
ORGANISATION_NOUNS = frozenset(
    """
    ministry government administration department agency office committee council
    commission court police army military navy force forces company firm corporation bank
    campaign party union league association federation organization organisation group
    authority authorities regime embassy cabinet parliament congress senate house
    presidency kremlin pentagon newspaper paper network channel broadcaster magazine
    hospital university school board bureau service fund foundation institute centre
    center team secretariat coalition alliance movement groups industry website site outlet
    station studio publisher charity ngo tribunal legislature assembly caucus chamber palace street
    """.split()
)

# Documents that speak for the body behind them (`a 2014 study found`, `the report said`,
# `a poll shows`): counted with organisations, the institutional voice of the text.
DOCUMENT_NOUNS = frozenset(
    """
    report study poll survey statement analysis review audit letter memo memorandum filing
    lawsuit complaint document documents release ruling decision indictment affidavit data
    figures estimate estimates research paper polls surveys studies reports records tally
    census assessment investigation inquiry probe book article editorial post tweet video
    advertisement ad slide presentation database website journal show transcript clip
    program programme speech letter brief message email
    """.split()
)

# Quantity heads whose `of` phrase is the real speaker: `a majority of voters`, `most of them`.
QUANTITY_NOUNS = frozenset("majority minority number most many some all each half third quarter percent share plenty few chorus handful dozens hundreds thousands".split())

# Nouns that name an office held by one person: `Turkey's president`, `the foreign minister`.
# A definite description headed by one of these refers to the named holder in the article.
OFFICE_NOUNS = frozenset(
    """
    president minister premier chancellor king queen prince emir sultan governor mayor
    secretary spokesman spokeswoman spokesperson chairman chairwoman chair director chief
    head leader commander ambassador envoy senator representative judge ceo founder
    candidate nominee speaker official manager adviser advisor aide attorney lawyer
    mp mep msp councillor peer commissioner constable superintendent inspector
    taoiseach tánaiste tanaiste pope ayatollah coroner magistrate whip
    """.split()
)

# Honorifics before a name, lower case without the full stop: the courtesy titles, which also
# say the person's gender, and the titles of degree, office and rank, which do not.
HONORIFICS = frozenset(GENDERED_TITLES) | {"dr", "prof"} | frozenset(OFFICE_TITLES)

# Phrases marking a source as deliberately unnamed.
ANONYMITY_MARKERS = (
    "asked not to be named", "declined to be named", "requested anonymity", "on condition of anonymity",
    "speaking on condition", "not authorized to speak", "not authorised to speak", "who did not want to be named",
    "familiar with", "close to", "briefed on", "asked not to be identified", "declined to be identified",
    "spoke on condition", "insisted on anonymity", "granted anonymity",
)

# Determiners that introduce a new, different source of the same description:
# `a source said ... another source said` are two people.
NEW_SOURCE_DETERMINERS = ("another", "a second", "a third", "a different", "one more")

# Adjectives that name an affiliation rather than a country: party labels in political news.
# Words that also name an outlook (`a conservative economist`, `green energy`) are left out.
AFFILIATION_ADJECTIVES = {
    "democratic": "Democratic Party", "democrat": "Democratic Party", "republican": "Republican Party",
    "gop": "Republican Party", "tory": "Conservative Party", "libertarian": "Libertarian Party",
}

# Nationality adjectives whose country name does not share their first letters, and common
# ones spelled out so an article need not name the country for the affiliation to be found.
DEMONYMS = {
    "american": "United States", "u.s.": "United States", "us": "United States", "british": "United Kingdom",
    "uk": "United Kingdom", "english": "England", "scottish": "Scotland", "welsh": "Wales", "irish": "Ireland",
    "french": "France", "german": "Germany", "dutch": "Netherlands", "swiss": "Switzerland",
    "spanish": "Spain", "portuguese": "Portugal", "italian": "Italy", "greek": "Greece", "turkish": "Turkey",
    "russian": "Russia", "ukrainian": "Ukraine", "polish": "Poland", "swedish": "Sweden", "danish": "Denmark",
    "norwegian": "Norway", "finnish": "Finland", "chinese": "China", "japanese": "Japan", "korean": "Korea",
    "indian": "India", "pakistani": "Pakistan", "afghan": "Afghanistan", "iranian": "Iran", "iraqi": "Iraq",
    "syrian": "Syria", "lebanese": "Lebanon", "israeli": "Israel", "palestinian": "Palestine",
    "egyptian": "Egypt", "saudi": "Saudi Arabia", "emirati": "United Arab Emirates", "qatari": "Qatar",
    "yemeni": "Yemen", "jordanian": "Jordan", "libyan": "Libya", "tunisian": "Tunisia",
    "moroccan": "Morocco", "algerian": "Algeria", "nigerian": "Nigeria", "kenyan": "Kenya",
    "ethiopian": "Ethiopia", "south african": "South Africa", "mexican": "Mexico", "canadian": "Canada",
    "brazilian": "Brazil", "argentine": "Argentina", "argentinian": "Argentina", "chilean": "Chile",
    "colombian": "Colombia", "venezuelan": "Venezuela", "cuban": "Cuba", "australian": "Australia",
    "filipino": "Philippines", "philippine": "Philippines", "vietnamese": "Vietnam", "thai": "Thailand",
    "indonesian": "Indonesia", "malaysian": "Malaysia", "burmese": "Myanmar", "kurdish": "Kurdistan",
    "belgian": "Belgium", "austrian": "Austria", "hungarian": "Hungary", "czech": "Czech Republic",
    "romanian": "Romania", "bulgarian": "Bulgaria", "serbian": "Serbia", "croatian": "Croatia",
    "azerbaijani": "Azerbaijan", "armenian": "Armenia", "georgian": "Georgia", "kazakh": "Kazakhstan",
    "sudanese": "Sudan", "somali": "Somalia", "european": "European Union",
}


def names_a_person(word: str) -> bool:
    """A word for a person, their office or rank included (`spokesman`, `mp`, `justice`)."""
    return word.lower() in OFFICE_NOUNS or word.lower() in RANKS or is_person_noun(word)


def is_person_noun(lemma: str) -> bool:
    """A noun for a person (`official`, `economist`, `nominee`) rather than a thing or a body:
    the one test the quote and source rules share."""
    lemma = lemma.lower()
    if lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS:
        return False
    return lemma in ANONYMOUS_NOUNS or (len(lemma) > 5 and lemma.endswith(PERSON_SUFFIXES))

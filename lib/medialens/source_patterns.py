"""Source lexicon: the words that tell what kind of source a speaker is.

Newswire names sources four ways: by name (`Yusef Hamoud`), as an unnamed individual
(`a Turkish security official`, `a senior diplomat who asked not to be named`), as a body
speaking as itself (`the ministry said in a statement`) or as an unnamed collective
(`activists`, `residents`). The head noun of the speaker's phrase decides between the last
three; these sets are that decision, kept in one reviewable place.
"""
from __future__ import annotations

# Head nouns of unnamed individuals. Plurals of these (`officials said`, `sources said`) stay
# anonymous: newsroom sourcing audits count them with unnamed sources, not with groups.
ANONYMOUS_NOUNS = frozenset(
    """
    official source diplomat aide adviser advisor spokesman spokeswoman spokesperson
    representative insider person individual staffer officer employee executive worker member
    commander lawmaker legislator senator congressman congresswoman politician minister
    envoy ambassador negotiator investigator prosecutor lawyer attorney judge doctor nurse
    expert analyst economist scientist researcher strategist operative consultant
    pollster donor strategist campaigner organizer organiser activist resident witness
    man woman someone who one observer general colonel captain commander soldier officer
    """.split()
)

# Head nouns of collectives: more than one unnamed person, speaking together.
GROUP_NOUNS = frozenset(
    """
    activists residents witnesses protesters protestors demonstrators rebels fighters voters
    critics supporters opponents experts analysts economists scientists researchers doctors
    villagers locals citizens people parents students teachers workers farmers families
    relatives neighbours neighbors survivors victims refugees migrants members leaders
    lawmakers legislators democrats republicans conservatives liberals progressives
    advocates campaigners observers monitors medics rescuers investigators prosecutors
    militants insurgents troops soldiers residents onlookers participants attendees
    group groups coalition crowd
    """.split()
)

# Plural heads that remain individual unnamed sources rather than a collective.
ANONYMOUS_PLURALS = frozenset(
    "officials sources diplomats aides advisers advisors insiders people spokesmen".split()
)

# Head nouns of organisations speaking as themselves.
ORGANISATION_NOUNS = frozenset(
    """
    ministry government administration department agency office committee council
    commission court police army military navy force forces company firm corporation bank
    campaign party union league association federation organization organisation group
    authority authorities regime embassy cabinet parliament congress senate house
    presidency kremlin pentagon newspaper paper network channel agency broadcaster
    hospital university school board bureau service fund foundation institute centre
    center spokesman's team secretariat coalition alliance movement
    """.split()
)

# Nouns that name an office held by one person: `Turkey's president`, `the foreign minister`.
# A definite description headed by one of these refers to the named holder in the article.
OFFICE_NOUNS = frozenset(
    """
    president minister premier chancellor king queen prince emir sultan governor mayor
    secretary spokesman spokeswoman spokesperson chairman chairwoman chair director chief
    head leader commander ambassador envoy senator representative judge ceo founder
    candidate nominee speaker
    """.split()
)

# Honorifics before a surname; they also say something about gender (see `gender.py`).
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "rev", "sir", "dame", "lord", "lady"})

# Phrases marking a source as deliberately unnamed.
ANONYMITY_MARKERS = (
    "asked not to be named", "declined to be named", "requested anonymity", "on condition of anonymity",
    "speaking on condition", "not authorized to speak", "not authorised to speak", "who did not want to be named",
    "familiar with", "close to", "briefed on",
)

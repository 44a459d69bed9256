"""Words that say who a speaker mention points at: pronouns, titles of office, party letters,
relative pronouns, determiners, and the bodies a person can head; the genders a source is given."""
from __future__ import annotations

# The genders of the `gender` columns, as newsroom audits report them.
GENDERS = ("female", "male", "unknown")
# Courtesy titles that say how a person is addressed, and so the person's gender; `Dr.`, `Sen.`
# and the other honorifics (`lexicon.sources.HONORIFICS`) say nothing of it.
GENDERED_TITLES = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male",
                   "dame": "female", "lord": "male", "lady": "female", "baroness": "female",
                   "madam": "female", "madame": "female"}

PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
THING_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
# Abbreviated titles that name an office, spelled out when they are all the role there is.
OFFICE_TITLES = {"sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General",
                 "col": "Colonel", "lt": "Lieutenant", "sgt": "Sergeant", "rev": "Reverend",
                 # British local government and police: `Cllr Peter Brown`, `Det Supt Mark Evans`
                 "cllr": "Councillor", "supt": "Superintendent", "insp": "Inspector", "det": "Detective",
                 "capt": "Captain", "ch": "Chief", "pc": "Police Constable", "dci": "Detective Chief Inspector"}
# Ranks and offices written before a name that the tagger often takes into the name
# (`Chief Constable Sarah Crew`, `Superintendent Mark Evans`, `Archbishop Justin Welby`): they
# are the person's role, not part of the name. Royal titles are left out, as `Prince Harry` is
# how that person is named.
RANKS = frozenset(
    """
    constable superintendent inspector sergeant detective commissioner councillor cllr officer
    chief deputy assistant captain major colonel general admiral commander lieutenant corporal
    brigadier marshal archbishop bishop cardinal reverend rabbi imam pastor judge justice
    president senator governor mayor minister secretary chancellor ambassador professor
    """.split()
)
# Letters British and Commonwealth copy writes after a name (`Paul Watson KC`, `Dame Sarah Storey
# DBE`): an honour or a professional rank, not part of the name.
POST_NOMINALS = frozenset("KC QC SC OBE CBE MBE KBE DBE GBE BEM FRS PhD".split())
# `Rep. Joseph Crowley (D-N.Y.)`: the party letter US political news writes after a name.
PARTY_LETTERS = {"D": "Democratic Party", "R": "Republican Party"}
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# First words that make a phrase a definite description: `the spokesman`, `this official`.
DEFINITE = ("the", "this", "that", "these", "those")
# Determiners and quantities taken off a mention to give its canonical name, in match order.
LEADING_DETERMINERS = ("the", "a", "an", "some", "several", "two", "three", "four", "many", "other", "another", "this",
                       "that", "these", "those", "one", "a second", "a third", "a different", "one more")
# Organisation-like nouns a person can head-own: `the Trump campaign`, `Clinton's team`.
PERSON_BODIES = ("campaign", "administration", "team", "foundation", "family", "lawyers", "transition team")

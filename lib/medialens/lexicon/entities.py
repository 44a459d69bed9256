"""Word lists of the entity rules: the labels counted, place nouns, credit names and words skipped
in initials (the titles before a name are in `people` and `sources`)."""
from __future__ import annotations

# Labels counted by default. Numbers, dates, times, money, quantities and ordinals are
# facts about the story, not who or what it is about.
DEFAULT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
ALL_LABELS = DEFAULT_LABELS + ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE")

# `the town of Saraqeb`, `Idlib province`: nouns that make a name a place.
PLACE_NOUNS = frozenset(
    "town city village province region district capital country state county area territory "
    "neighbourhood neighborhood suburb island port municipality governorate border outskirts".split()
)
# Lower-case words that may stand inside a name's initials: `Committee of the Red Cross`.
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "&"})

# Wire services and picture agencies: in a credit (`Photo: AFP`, `(Reuters)`, `Getty Images`)
# they say who supplied the text or picture, not what the story is about.
CREDIT_NAMES = frozenset(
    "ap afp reuters getty images getty epa dpa upi xinhua anadolu shutterstock alamy pa "
    "ansa efe kyodo yonhap tass ria novosti sputnik bloomberg instagram twitter facebook "
    "associated press agence france-presse getty/instagram".split()
    + ["associated press", "agence france-presse", "getty images", "press association"]
)


# Labels the tagger gives a surname alone that may still be the person named in full nearby:
# its usual slips for a bare surname (`Rubio` as a place, a building, an organisation).
SHORT_FORM_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

# Words a name never ends with: a tagger that runs a name into the next words stops on them
# (`Office of the Secretary of`, `Christie at`, `Article 33 of the`).
TRAILING_FUNCTION_WORDS = frozenset(
    "of the a an and or for at in on to by with from as into about than before after".split()
)

"""Quoting lexicon: the characters and words that tell a quote from a name, a title or a
sentence's end.

The mark characters the scan for quotes looks for; the titles and initials after which a `.`
ends no sentence; the label words and title nouns that make a quoted phrase a name (`the
so-called "deal"`, `the film "Sicario"`); and the small closed word sets the quote rules test.
"""
from __future__ import annotations

# The kinds of quote, in the `kind` column: the words in marks, marks around part of them, or
# none at all (reported speech).
KINDS = ("direct", "mixed", "indirect")

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u2039"  # ‘ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"

# A sentence ends at . ? ! before white space, except after a title or an initial: `Mr. Obama
# said`, `Sen. Ted Cruz`, `Laurence H. Tribe`, `U.S. officials`. Regular expressions, each
# matched as a whole word before the mark.
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Rep", "Sen", "Gov", "Gen", "Lt", "Col", "Sgt", "Rev",
                 "Prof", "No", "Vs", "vs", r"[A-Z]", r"[A-Z]\.[A-Z]")

# Words before a quoted phrase that make it a name or a label, not somebody's words:
# `the so-called "deal"`, `a film titled "Sicario"`.
LABEL_WORDS = frozenset({"so-called", "dubbed", "titled", "entitled", "nicknamed", "named", "called", "termed", "branded",
                         "labelled", "labeled", "known", "word", "words", "phrase", "term", "slogan", "hashtag"})
TITLE_NOUNS = frozenset({"film", "movie", "book", "novel", "song", "album", "show", "series", "play", "documentary",
                         "episode", "column", "article", "report", "programme", "program", "podcast", "poem", "painting",
                         "exhibition", "memoir", "autobiography", "biography", "biopic", "drama", "thriller", "comedy",
                         "sitcom", "musical", "opera", "magazine", "newspaper", "blog", "website", "headline", "essay",
                         "pseudonym", "alias", "nickname", "motto", "catchphrase"})

RELATIVE_WORDS = frozenset({"who", "whom", "which", "that"})

# an adverbial clause opened by one of these, hung on the cue after its content, gives the
# speaker's reason and goes on with what was said (`said the claim was false, because ...`)
REPORTED_REASON_MARKS = frozenset({"because", "since"})

# Verbs of putting a question to someone that, as a bare participle (`Pressed on the point,
# Clinton said ...`), leave whoever asked unnamed: with the audience verbs of `lexicon/cues.py`.
QUESTIONING_VERBS = frozenset({"question", "press"})
# Verbs of asking: the quote after `X asked Y whether ...` is Y's answer, not X's words.
ASKING_VERBS = QUESTIONING_VERBS | {"ask"}

# Titles that are no role when they stand before a name (`Mr. Smith` has no role, `Senator
# Smith` has): lower case, without the full stop.
BARE_TITLES = ("mr", "mrs", "ms", "dr")

# News agencies whose name in brackets credits a story in its dateline: `WASHINGTON (AP) —`,
# `LONDON, May 3 (Reuters) -`. The credit says who filed the story, never who is speaking.
WIRE_SERVICES = ("AP", "AFP", "Reuters", "UPI", "dpa", "DPA", "PA", "ANSA", "EFE", "Xinhua", "Bloomberg", "CNN", "IANS", "PTI",
                 "TASS", "Yonhap", "Kyodo", "Anadolu", "APA", "Sputnik", "RIA", "Interfax")

# Words that make a role another office than the one its noun names: `the chancellor` is not the
# `shadow chancellor`, `the prime minister` not a `former prime minister`, `the president` not
# the `vice president`. A description without the word never points to a holder with it.
ROLE_QUALIFIERS = frozenset({"shadow", "deputy", "former", "ex", "vice", "assistant", "acting", "interim", "junior",
                             "outgoing", "would-be", "late"})

"""Cue lexicon: the words that introduce reported speech in news writing.

A cue is the verb or phrase that ties content to a source: `said`, `told reporters`,
`according to`, `wrote in a statement`. Verbs are matched on their lemma, so `says`, `said`,
`saying` and `has said` all count. Keep the lists here, and only here, so that what medialens
treats as speech stays one reviewable place.
"""
from __future__ import annotations

from importlib.resources import files

# Verbs of saying proper: they introduce direct quotes and reported speech alike.
SPEECH_VERBS = frozenset(
    """
    say tell add announce argue assert claim comment confirm contend declare deny describe
    explain insist maintain note observe point predict promise remark reply report respond
    remind retort reveal state stress suggest testify tweet post write warn urge acknowledge admit
    affirm allege answer boast complain concede caution charge cite conclude counter echo
    emphasize emphasise estimate joke lament mention muse opine pledge proclaim recall recount
    reiterate repeat quip signal speculate vow whisper shout yell scream exclaim ask question
    wonder recommend propose demand accuse blame criticize criticise praise call brief inform
    disclose indicate agree disagree object protest threaten guarantee assure reassure
    predict forecast testify posit theorize theorise chide scoff snap decry
    """.split()
)

# Verbs that report speech only with a clausal complement (`X believes that ...`): news
# writing uses them for attributed positions, but with a plain object they are not speech
# (`he found the keys`), so they count only when a complement clause follows. `mean` is left
# out: its subject is nearly always a fact (`The losses mean Trump may have paid no tax`),
# which news attribution annotation does not count as a source.
CLAUSE_ONLY_VERBS = frozenset(
    """
    believe think feel find know learn expect hope fear worry suspect show demonstrate prove
    imply acknowledge recognize recognise understand decide conclude hold
    """.split()
)

# Verbs that introduce words in quote marks but do not report speech without them:
# `"...," he continued`, `the sign read: "..."`, but `he continued to campaign`.
QUOTE_ONLY_VERBS = frozenset({"continue", "begin", "chant", "read", "sing", "plead", "beg", "laugh", "sigh", "interject", "interrupt"})

# Verbs whose object is the audience, not the content: `told reporters`, `urged parties`.
AUDIENCE_VERBS = frozenset({"tell", "inform", "brief", "assure", "reassure", "remind", "warn", "urge", "ask"})

# Audience verbs whose next noun is always who was spoken to, never an inverted subject:
# `told AFP`, `told reporters`, `briefed the committee` (but `warned Jenkins`, `asked Ingraham`
# can invert the speaker after the verb).
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "assure", "reassure", "remind"})

# Multi-word cues where the source follows a preposition: `according to X`.
ACCORDING_TO = ("according", "to")

# Findings placed `in` one of these are its findings: `Clinton held a 24-point lead in a CNN
# poll`, `In a national survey, voters ...`; the poll is the source and `in` the cue.
POLL_NOUNS = frozenset({"poll", "survey"})

# Nouns that carry speech in `in a statement`, `in an interview`: the verb with them (`said in
# a statement`) is the cue; `the statement said` makes the document the speaker's channel.
SPEECH_NOUNS = frozenset(
    """
    statement interview tweet post letter email e-mail memo release briefing speech remarks
    testimony op-ed column conference address message report filing
    """.split()
)

# Nouns of saying and believing whose `that` clause is attributed content: `Trump's claim that
# there have been thousands of shootings`, `the senator's warning that the deal will fail`.
CLAUSE_NOUNS = frozenset(
    """
    claim assertion statement suggestion argument warning promise pledge charge allegation
    insistence belief view remark comment accusation acknowledgment acknowledgement admission
    emphasis announcement contention prediction assurance complaint concern fear hope insinuation
    message notion observation position proposal recommendation report speculation testimony
    theory threat vow word criticism conclusion finding explanation reminder denial
    """.split()
)

# Nouns of saying whose prepositional object is what was said, when the noun names its source
# (`Clinton's allegations of voter suppression`, `the union's calls for a strike`, `a warning
# from the ministry about rising prices`): noun lemma -> the prepositions.
CONTENT_NOUNS = {
    "allegation": {"of", "about"}, "accusation": {"of", "about"}, "call": {"for"}, "demand": {"for"},
    "claim": {"of", "about"}, "criticism": {"of"}, "warning": {"of", "about", "against"}, "promise": {"of"},
    "pledge": {"of"}, "denial": {"of"}, "charge": {"of"}, "praise": {"for"}, "condemnation": {"of"},
    "support": {"for"}, "opposition": {"to"}, "endorsement": {"of"}, "plea": {"for"}, "appeal": {"for"},
    "request": {"for"}, "threat": {"of"}, "prediction": {"of"}, "complaint": {"about", "of"},
}

# Objects that make the verb before a colon introduce the quote after it: `Sanders made the
# following comment: "..."`, `issued a statement:`, `is taking a blunt message to voters:`.
INTRODUCING_NOUNS = SPEECH_NOUNS | CLAUSE_NOUNS | frozenset({"question", "response", "answer", "words"})

# Passive reporting frames: `X was quoted as saying`, `X is reported to have said`.
PASSIVE_FRAMES = frozenset({"quote", "report", "cite"})
# What `quoted X as ...` frames: a verb of saying (`as saying`, `as telling reporters`); `cited
# the memo as pointing to China` names evidence, not a speaker.
QUOTED_AS_VERBS = frozenset({"say", "tell", "write", "add", "warn", "claim", "state", "predict", "insist", "urge"})

# Frames that report the writer's judgment of their subject, not something the subject said:
# `Melania seems to have vanished from the campaign trail`, `he appeared to capitulate`. The
# content is attributed, but to nobody named.
IMPERSONAL_FRAMES = frozenset({"seem", "appear"})


# Reporting frames beyond `say that ...`: verbs whose object, infinitive or prepositional object
# is what a source said, wanted, judged or stood for (`called for a ban`, `plans to run`,
# `criticized the deal`, `described him as reckless`). One line per verb lemma: the relations
# (spaCy dependency labels; `prep:X` is the object of preposition X) through which its content
# attaches. The table holds the frames that a news attribution annotation (PolNeAR train, 840
# articles) marks as an attribution in at least 55% of their occurrences, seen at least five
# times, minus those already covered by SPEECH_VERBS/CLAUSE_ONLY_VERBS with a clause, and minus
# `reject: dobj`, which medialens's own annotation counts as an act (`Lavrov rejected calls for
# a halt`), not as speech, and minus `include` and `require`, whose subjects are mostly rules and
# lists (`federal law requires candidates to ...`), and minus the verbs with no sense of speech,
# writing, belief or stance (`take`, `beat`, `join`, `force`, `back`, `provide`, `lead`, ...):
# PolNeAR's scheme also marks what a source did, which a reader cites as nothing said.
# `python benchmarks/accuracy.py --frames
# TRAIN_GOLD_DIR` prints these counts for an annotated corpus, to review or redraw the table.
# The table is `frames.tsv` beside this module: a header line, then `lemma<TAB>relation relation ...`.


def _frames(table: str) -> dict[str, frozenset[str]]:
    """`lemma<TAB>relation relation ...` lines after a header line to a lemma -> relations mapping."""
    frames: dict[str, frozenset[str]] = {}
    for line in table.strip().splitlines()[1:]:
        lemma, _, relations = line.partition("\t")
        frames[lemma.strip()] = frozenset(relations.split())
    return frames


CONTENT_FRAMES: dict[str, frozenset[str]] = _frames(files(__package__).joinpath("frames.tsv").read_text(encoding="utf-8"))


def content_relations(lemma: str) -> frozenset[str]:
    """The relations through which a verb's content attaches (empty for non-frame verbs)."""
    return CONTENT_FRAMES.get(lemma.lower(), frozenset())


def is_cue_lemma(lemma: str, has_clause: bool = False) -> bool:
    """True when a verb lemma introduces speech (clause-only verbs need `has_clause`)."""
    lemma = lemma.lower()
    return lemma in SPEECH_VERBS or (has_clause and lemma in CLAUSE_ONLY_VERBS)

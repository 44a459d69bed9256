"""Cue lexicon: the words that introduce reported speech in news writing.

A cue is the verb or phrase that ties content to a source: `said`, `told reporters`,
`according to`, `wrote in a statement`. Verbs are matched on their lemma, so `says`, `said`,
`saying` and `has said` all count. Keep the lists here, and only here, so that what medialens
treats as speech stays one reviewable place.
"""
from __future__ import annotations

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
# (`he found the keys`), so they count only when a complement clause follows.
CLAUSE_ONLY_VERBS = frozenset(
    """
    believe think feel find know learn expect hope fear worry suspect show demonstrate prove
    mean imply acknowledge recognize recognise understand decide conclude hold
    """.split()
)

# Verbs whose object is the audience, not the content: `told reporters`, `urged parties`.
AUDIENCE_VERBS = frozenset({"tell", "inform", "brief", "assure", "reassure", "remind", "warn", "urge", "ask"})

# Multi-word cues where the source follows a preposition: `according to X`.
ACCORDING_TO = ("according", "to")

# Nouns that carry speech in `in a statement`, `in an interview`: the verb with them (`said in
# a statement`) is the cue; `the statement said` makes the document the speaker's channel.
SPEECH_NOUNS = frozenset(
    """
    statement interview tweet post letter email e-mail memo release briefing speech remarks
    testimony op-ed column conference address message report filing
    """.split()
)

# Passive reporting frames: `X was quoted as saying`, `X is reported to have said`.
PASSIVE_FRAMES = frozenset({"quote", "report", "cite"})


def is_cue_lemma(lemma: str, has_clause: bool = False) -> bool:
    """True when a verb lemma introduces speech (clause-only verbs need `has_clause`)."""
    lemma = lemma.lower()
    return lemma in SPEECH_VERBS or (has_clause and lemma in CLAUSE_ONLY_VERBS)

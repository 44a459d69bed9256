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

# Objects that make the verb before a colon introduce the quote after it: `Sanders made the
# following comment: "..."`, `issued a statement:`, `is taking a blunt message to voters:`.
INTRODUCING_NOUNS = SPEECH_NOUNS | CLAUSE_NOUNS | frozenset({"question", "response", "answer", "words"})

# Passive reporting frames: `X was quoted as saying`, `X is reported to have said`.
PASSIVE_FRAMES = frozenset({"quote", "report", "cite"})

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
# lists (`federal law requires candidates to ...`). `python benchmarks/accuracy.py --frames
# TRAIN_GOLD_DIR` prints these counts for an annotated corpus, to review or redraw the table.
_FRAME_TABLE = """
accept: dobj prep:from
accumulate: dobj
accuse: dobj prep:of
achieve: dobj
acknowledge: dobj
address: dobj
admire: dobj
admit: dobj
adopt: dobj
advise: prep:on
advocate: prep:for
affect: dobj
agree: prep:on prep:with
aim: xcomp
allow: ccomp dobj
amplify: dobj
announce: dobj
answer: dobj
apologize: prep:for
appear: xcomp
applaud: dobj
appoint: dobj prep:to
appreciate: dobj
articulate: dobj
ask: prep:about prep:for
assemble: dobj
assume: ccomp
attack: dobj prep:as prep:for
attribute: prep:to
back: dobj
balk: prep:at
ban: prep:from
bear: dobj
beat: ccomp
become: xcomp
begin: prep:by prep:with
believe: prep:in
blame: dobj prep:for
blast: dobj prep:for
block: dobj prep:from
boast: prep:of
boycott: dobj
brace: prep:for
broadcast: dobj
brush: dobj
call: dobj prep:at prep:for prep:on prep:to
campaign: prep:against prep:for
cast: prep:as prep:for
challenge: dobj xcomp
champion: dobj
chant: dobj xcomp
characterize: prep:as
charge: prep:with
cheer: dobj
choose: ccomp xcomp
cite: dobj prep:as prep:in
claim: dobj
coin: dobj
comment: prep:on
compare: dobj prep:to
compel: xcomp
complain: prep:about
condemn: dobj
confirm: dobj
congratulate: dobj prep:for
consider: ccomp dobj xcomp
contain: dobj
continue: ccomp
contradict: dobj
contrast: dobj
convert: dobj
convince: ccomp
coordinate: dobj
count: dobj prep:on
counter: dobj
cover: prep:for
crack: dobj
credit: dobj
criticize: dobj prep:for
curb: dobj
deal: dobj
debate: dobj prep:on
declare: dobj
decline: dobj xcomp
decry: dobj
deem: dobj
default: prep:on
defend: dobj
deliver: prep:to
demand: dobj
denounce: dobj
dent: dobj
deny: dobj
deprive: dobj
describe: dobj prep:as
deserve: prep:for
detail: dobj
determine: ccomp
devote: prep:to
diminish: dobj
disagree: prep:with
disavow: dobj
disclose: dobj
discuss: ccomp dobj
dislike: dobj
dismiss: dobj prep:as
distance: prep:from
distract: prep:from
do: xcomp
double: prep:on
doubt: ccomp
downplay: dobj
draft: dobj
ease: dobj
echo: dobj
email: dobj
emphasize: dobj
enact: dobj
encourage: xcomp
endorse: dobj
energize: dobj
ensure: ccomp
expand: prep:on
explain: dobj
exploit: dobj
expose: dobj
express: dobj
favor: dobj
fear: dobj
feel: dobj prep:about
fight: dobj prep:in
file: dobj
find: prep:with
focus: prep:on
follow: prep:by
force: xcomp
frame: prep:as
grapple: prep:with
guess: ccomp
hail: dobj
halt: dobj
hear: ccomp dobj
hide: dobj
highlight: ccomp dobj
hint: prep:at
hit: prep:for
honor: dobj
hop: ccomp prep:for xcomp
identify: dobj prep:as prep:with
ignore: dobj
illustrate: dobj
imagine: ccomp
implement: dobj
inject: prep:into
instruct: xcomp
intend: xcomp
introduce: dobj
invoke: dobj
issue: dobj
join: prep:in
lament: dobj
lay: dobj prep:in
lead: xcomp
learn: dobj
leave: ccomp
level: dobj
like: xcomp
liken: prep:to
list: dobj prep:as
look: prep:for prep:into prep:to xcomp
love: dobj xcomp
lower: dobj
mention: dobj prep:as
mirror: dobj
mock: dobj
name: dobj
need: ccomp
negotiate: dobj
nominate: dobj
note: dobj
notice: ccomp
offer: dobj prep:to xcomp
open: prep:about
oppose: dobj xcomp
opt: xcomp
order: ccomp dobj xcomp
outline: dobj
outweigh: dobj
overturn: dobj
paint: prep:as
pass: prep:with
pay: prep:to
persuade: dobj xcomp
plan: xcomp
pledge: dobj
point: prep:as prep:to
portray: dobj prep:as
pose: dobj
post: dobj
postpone: dobj
praise: dobj prep:for
predict: dobj
prefer: dobj xcomp
present: prep:as
press: prep:for xcomp
pressure: xcomp
project: dobj
promise: dobj
promote: dobj
propose: dobj
provide: prep:with
push: prep:for prep:on xcomp
question: dobj
quit: dobj
quote: prep:as
rail: prep:against
range: prep:from
read: ccomp
realize: ccomp
rebut: dobj
recall: dobj
recite: dobj
recognize: dobj
recommend: dobj
recount: dobj
refer: prep:as prep:to
reference: dobj
refrain: prep:from
refuse: xcomp
reiterate: dobj
release: dobj prep:in
remember: ccomp dobj
remind: dobj prep:of
renew: dobj
repeat: dobj
report: dobj
repudiate: dobj
request: dobj
reserve: dobj
resist: dobj
respond: prep:by prep:to
retweete: dobj
reveal: dobj
review: dobj
revisit: dobj
rule: ccomp dobj
say: dobj prep:for
see: ccomp dobj prep:as
seek: dobj prep:from xcomp
seem: ccomp prep:like xcomp
shape: dobj
share: ccomp dobj
shoot: ccomp
show: dobj prep:with
sign: dobj
signal: dobj
sit: dobj
slam: dobj prep:for
speak: prep:about prep:against prep:of
stand: prep:by
state: dobj
steer: dobj
stoke: dobj
stress: dobj
submit: dobj
suggest: dobj
support: dobj xcomp
tackle: dobj
take: prep:during prep:for prep:with
talk: ccomp dobj prep:about
thank: dobj prep:for
think: dobj prep:about
threaten: dobj
throw: prep:behind
tie: prep:to
touch: prep:on
tout: dobj
tweet: dobj
underestimate: dobj
undermine: dobj
understand: dobj
unveil: dobj
use: ccomp prep:during
vet: dobj
view: dobj prep:as
violate: dobj
voice: dobj
vote: prep:for prep:on xcomp
want: ccomp dobj xcomp
warn: prep:against prep:of
welcome: dobj
wish: ccomp
withdraw: dobj
withhold: dobj
worry: prep:about
write: prep:about
zero: prep:on
"""


def _frames(table: str) -> dict[str, frozenset[str]]:
    """`lemma: relation relation ...` lines to a lemma -> relations mapping."""
    frames: dict[str, frozenset[str]] = {}
    for line in table.strip().splitlines():
        lemma, _, relations = line.partition(":")
        frames[lemma.strip()] = frozenset(relations.split())
    return frames


CONTENT_FRAMES: dict[str, frozenset[str]] = _frames(_FRAME_TABLE)


def content_relations(lemma: str) -> frozenset[str]:
    """The relations through which a verb's content attaches (empty for non-frame verbs)."""
    return CONTENT_FRAMES.get(lemma.lower(), frozenset())


def is_cue_lemma(lemma: str, has_clause: bool = False) -> bool:
    """True when a verb lemma introduces speech (clause-only verbs need `has_clause`)."""
    lemma = lemma.lower()
    return lemma in SPEECH_VERBS or (has_clause and lemma in CLAUSE_ONLY_VERBS)

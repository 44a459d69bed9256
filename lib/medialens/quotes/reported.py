"""Reported speech: quotes without quote marks (`Erdogan said no consensus was reached`,
`according to the ministry, ...`, `Trump's claim that ...`).

Every token that can open reported speech is a candidate; a verb's candidate becomes a quote
unless one of `REJECTORS`, tried in order, turns it down. Also the frames one reported clause
sits in (`..., a source said`), which credit the outer source instead of the inner verb.
"""
from __future__ import annotations

from functools import cached_property
from typing import Callable, Iterator

import numpy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from ..index import ArticleIndex
from ..article import block_of
from ..lexicon.cues import ACCORDING_TO, CLAUSE_NOUNS, CONTENT_NOUNS, content_relations, is_cue_lemma
from ..marks import MarkedSpan, labelled, title_cased
from ..lexicon.sources import DOCUMENT_NOUNS, GROUP_NOUNS, ORGANISATION_NOUNS, is_person_noun
from .content import _content_span, _trim, said_of
from .cues import _is_according_to, _is_cue_verb, _poll_object
from .quote import Quote
from .speakers import _attach_cue, _attach_speaker, _is_passive, _speaks_for_nobody, coordinated_frame, is_connective, is_passive_reporting_frame, speaker_in_content, speaker_token


# How far up the parse a quoted fragment may sit below the speech verb whose clause holds it:
# `Murphy said she must focus on how best to connect to an electorate that is in what he
# called a "revolutionary mood"` climbs eight heads from `called` to `said`.
MAX_FRAME_DEPTH = 10


def _cue_candidates(doc: Doc) -> Iterator[Token]:
    """The tokens that can open reported speech: verbs whose lemma reports in some frame, clause
    nouns (`claim that`), `according` (to) and `in` (a poll). They are picked from the doc's
    arrays, each distinct lemma looked up once, so the other tokens are never built."""
    strings = doc.vocab.strings
    words = (strings[ACCORDING_TO[0]], strings["in"])
    pos, lemma, lower = doc.to_array([POS, LEMMA, LOWER]).T
    picked = numpy.flatnonzero(numpy.isin(pos, (VERB, AUX, NOUN)) | numpy.isin(lower, numpy.array(words, dtype=lower.dtype)))
    kinds: dict[int, tuple[bool, bool]] = {}  # lemma -> (reporting verb, clause noun)
    for i, p, lem, low in zip(picked.tolist(), pos[picked].tolist(), lemma[picked].tolist(), lower[picked].tolist()):
        if low in words:
            yield doc[i]
            continue
        kind = kinds.get(lem)
        if kind is None:
            word = strings[lem].lower()
            kind = kinds[lem] = (is_cue_lemma(word, has_clause=True) or bool(content_relations(word)), word in CLAUSE_NOUNS or word in CONTENT_NOUNS)
        if kind[1] if p == NOUN else kind[0]:
            yield doc[i]


class _Scene:
    """What the reported-speech pass knows of one article: its text and paragraphs, the quote
    marks, the quotes found before it and the stretches already taken by a quote."""

    def __init__(self, ix: ArticleIndex, found: list[Quote]):
        self.ix, self.found = ix, found
        self.taken = [(q.start, q.end) for q in found]
        # marks that made no quote of their own (`the Ohio native nicknamed "King James"`) leave
        # the clause around them to be reported speech
        self.quoted = [s for s in ix.marked if any(q.start <= s.end and s.start <= q.end for q in found)]

    def is_taken(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)


class _Candidate:
    """A verb, `according` or poll `in` that may report speech, with what the rejectors ask of
    it worked out once, when first asked."""

    def __init__(self, token: Token, scene: _Scene):
        self.token, self.scene = token, scene
        self.is_according = _is_according_to(token) or _poll_object(token) is not None

    @cached_property
    def content(self) -> Span | None:
        return _content_span(self.scene.ix, self.token)

    @cached_property
    def holds(self) -> list[MarkedSpan]:
        """The quote marks inside (or touching) the content."""
        start, end = self.content.start_char, self.content.end_char
        return [s for s in self.scene.ix.marked if s.start - 1 < end and start < s.end + 1]

    @cached_property
    def subject(self) -> Token | None:
        return speaker_token(self.scene.ix, self.token)


def _not_a_reporting_verb(c: _Candidate) -> bool:
    t = c.token
    return not c.is_according and not (t.pos_ in ("VERB", "AUX") and (_is_cue_verb(t) or content_relations(t.lemma_)))


def _connective(c: _Candidate) -> bool:
    return is_connective(c.token)


def _cue_of_a_found_quote(c: _Candidate) -> bool:
    """`"Enough is enough," protesters chanted outside parliament`: the verb after a quote
    framed it, and the quote is what it reports. A frame before a quote may report something
    of its own as well (`Cruz called them on it: "..."`), and so may a verb after a title in
    marks taken for a quote (`"Latin History for Dummies," the actor discussed ...`)."""
    return any(q.cue_start == c.token.idx and q.end <= c.token.idx and not title_cased(q.text) for q in c.scene.found)


def _adjunct_of_a_found_cue(c: _Candidate) -> bool:
    return not c.is_according and not is_cue_lemma(c.token.lemma_, has_clause=True) and _adjunct_of_cue(c.token, c.scene.found)


def _passive_reporting_frame(c: _Candidate) -> bool:
    return is_passive_reporting_frame(c.token)


def _inside_an_outer_frame(c: _Candidate) -> bool:
    """The outer frame reports this clause whole, with its own source."""
    return not c.is_according and _reported_by_outer_frame(c.scene.ix, c.token)


def _no_content(c: _Candidate) -> bool:
    return c.content is None or len(c.content) < 3 and not _named_stance(c.content)


def _content_is_a_speaker(c: _Candidate) -> bool:
    """`"...," tweeted a German user from Hanover`, `"...," said Robin Maynard, half joking`: the
    noun phrase after a verb that follows a quote's closing mark is who spoke that quote, not
    what was said, also when the parser read it as the start of a clause."""
    return speaker_in_content(c.token, c.content)


# The verbs a source states the terms of its anonymity with (`asked not to be named`).
ANONYMITY_WISHES = frozenset({"want", "wish", "ask", "decline", "refuse", "prefer", "request"})


def _condition_of_anonymity(c: _Candidate) -> bool:
    """`a woman, who did not want to be named, said`, `asked not to be identified`: the terms
    on which a source spoke, not something said."""
    words = [t.lemma_.lower() for t in c.content if not t.is_punct]
    return (c.token.lemma_.lower() in ANONYMITY_WISHES and len(words) <= 4 and words[-1:] in (["name"], ["identify"], ["quote"])
            and "be" in words)



def _content_taken(c: _Candidate) -> bool:
    return c.scene.is_taken(c.content.start_char, c.content.end_char)


def _holds_an_attributed_quote(c: _Candidate) -> bool:
    """Holds quote marks: the quote itself was attributed above."""
    return any(s in c.scene.quoted for s in c.holds)


def _labelled_object(c: _Candidate) -> bool:
    """`attacked the so-called "deal"`: an object named by a label is no report."""
    start, end = c.content.start_char, c.content.end_char
    return (any(labelled(c.scene.ix.text, s) for s in c.holds)
            and not any(d.dep_ in ("ccomp", "xcomp", "parataxis") and start <= d.idx < end for d in c.token.children))


def _no_speaker(c: _Candidate) -> bool:
    """No speaker; but a passive may leave its source unnamed (`Smith was accused of ...`)."""
    return c.subject is None and not _is_passive(c.token) and not _speaks_for_nobody(c.token)


def _clause_describing_a_thing(c: _Candidate) -> bool:
    """`rules that promise to transform the economy`, `a feature, which allows users to ...`: a
    clause describing a thing reports nobody."""
    t = c.token
    return c.subject is not None and c.subject.lower_ in ("that", "which") and t.dep_ == "relcl" and not is_cue_lemma(t.lemma_) and _thing(t.head)


def _content_in_another_paragraph(c: _Candidate) -> bool:
    """Reported content stays in its cue's paragraph: a parse that ran on across a paragraph
    break (a pipeline without medialens's paragraph breaks) reports nothing beyond it."""
    spans = c.scene.ix.paragraphs
    cue = block_of(spans, c.token.idx)
    return not c.is_according and (block_of(spans, c.content.start_char) != cue or block_of(spans, c.content.end_char - 1) != cue)


# The reasons a candidate verb makes no reported quote, tried in this order; the first that
# holds turns it down. Later ones may assume the earlier ones passed (the content exists).
REJECTORS: tuple[Callable[[_Candidate], bool], ...] = (
    _not_a_reporting_verb,
    _connective,
    _adjunct_of_a_found_cue,
    _passive_reporting_frame,
    _inside_an_outer_frame,
    _no_content,
    _content_is_a_speaker,
    _condition_of_anonymity,
    _content_taken,
    _holds_an_attributed_quote,
    _labelled_object,
    _cue_of_a_found_quote,
    _no_speaker,
    _clause_describing_a_thing,
    _content_in_another_paragraph,
)


def _rejector(c: _Candidate) -> str | None:
    """The name of the first of `REJECTORS` that turns `c` down, or None when it is a quote."""
    return next((reject.__name__ for reject in REJECTORS if reject(c)), None)


def rejected_by(ix: ArticleIndex, token: Token, found: list[Quote] = ()) -> str | None:
    """Why the verb (or `according`, or a poll's `in`) `token` makes no reported quote: the name
    of the rejector that turns it down, or None when no rejector does. `found` are the quotes
    already found in the article (the direct and mixed ones); a candidate no rejector turns down
    can still make no quote when a reported quote found before it holds its content."""
    return _rejector(_Candidate(token, _Scene(ix, list(found))))


def _indirect_quotes(ix: ArticleIndex, found: list[Quote]) -> list[Quote]:
    """Reported speech: a cue with a speaker and a complement clause, outside quote marks."""
    scene = _Scene(ix, found)
    spans = ix.paragraphs
    out: list[Quote] = []
    for t in _cue_candidates(ix.doc):
        if t.i in ix.in_marks:
            continue
        if t.pos_ == "NOUN" and (t.lemma_.lower() in CLAUSE_NOUNS or t.lemma_.lower() in CONTENT_NOUNS):
            q = _noun_quote(ix, t)
            if q is not None and not scene.is_taken(q.start, q.end) and not any(s.start - 1 < q.end and q.start < s.end + 1 for s in scene.quoted):
                scene.taken.append((q.start, q.end))
                out.append(q)
            continue
        candidate = _Candidate(t, scene)
        if _rejector(candidate) is not None:
            continue
        start, text = _reported_text(ix, candidate.content, t)
        end = candidate.content.end_char
        q = Quote("indirect", text, start, end, block_of(spans, start))
        _attach_cue(ix, q, t)
        scene.taken.append((start, end))
        out.append(q)
    return out


def _reported_text(ix: ArticleIndex, content: Span, cue: Token) -> tuple[int, str]:
    """Where the quote reporting `content` starts, and its text: the content without a frame
    set inside it, opened by the subject it is said of when that stands outside it (`Trump is
    expected to win` reports `Trump to win`; the offsets run from `Trump`)."""
    text = _without_frame(ix, content, cue)
    found = said_of(cue, content)
    if found is None:
        return content.start_char, text
    subject, first = found
    if first.i < content.start:
        text = ix.text[first.idx : content.start_char] + text
    if subject.end == first.i:
        return subject.start_char, ix.text[subject.start_char : first.idx] + text
    return subject.start_char, f"{subject.text} {text}"


def _without_frame(ix: ArticleIndex, content: Span, cue: Token) -> str:
    """The text of `content` without the attribution set inside it: `The museum, Mr. Bush said,
    celebrated his heroes` reports `The museum celebrated his heroes`. Only a frame set off by
    commas on both sides is cut out; the quote's offsets still run over the whole content."""
    text = ix.text[content.start_char : content.end_char]
    if not content.start <= cue.i < content.end:
        return text
    frame = [t for t in cue.subtree if content.start <= t.i < content.end and not t.is_punct]
    first, last = min(t.i for t in frame), max(t.i for t in frame)
    doc = cue.doc
    if first <= content.start or last + 1 >= content.end or doc[first - 1].text != "," or doc[last + 1].text != ",":
        return text
    before = ix.text[content.start_char : doc[first - 1].idx].rstrip()
    after = ix.text[doc[last + 1].idx + 1 : content.end_char].lstrip()
    return f"{before} {after}"


def _named_stance(content: Span) -> bool:
    """A two-word object is content when it names what the stance is on (`criticized the deal`,
    `endorsed Hillary Clinton`), not when it is a number, a date or an infinitive."""
    root = content.root
    return (len(content) == 2 and root.pos_ in ("NOUN", "PROPN") and not any(t.like_num for t in content)
            and root.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"))


def _thing(noun: Token) -> bool:
    """A common noun naming neither a person, a body nor a document (`rules`, `views`, a
    `loophole`): what it `promises` or `allows` is no one's word."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or noun.ent_type_ or lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS or noun.lower_ in DOCUMENT_NOUNS:
        return False
    return not (is_person_noun(lemma) or noun.lower_ in GROUP_NOUNS)


def _reported_by_outer_frame(ix: ArticleIndex, verb: Token) -> bool:
    """`A campaign operative decided to change course, a source said`; `The top 1 percent
    would see their incomes rise, according to the Tax Foundation`: a clause that is itself
    the content of a speech frame is what that frame's source said, so the frame (not the
    verb inside it) makes the quote and names the speaker."""
    if any(_is_according_to(c) for c in verb.children if c.dep_ == "prep"):
        # `Police have said they have no plans ..., according to attorneys for the family`:
        # the outer source is who the paper has it from, a speech verb's own source included
        return True
    return _outer_frame(ix, verb) is not None or _trailing_frame(ix, verb)


def _trailing_frame(ix: ArticleIndex, verb: Token) -> bool:
    """`Clinton had told police she did not want the escort, but the NYPD overruled that
    request, the source added.`: a bare `, X said.` closing the sentence reports everything
    before it, whatever clause the parser hung it on."""
    doc = verb.doc
    last = ix.sentence_end(verb) - 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    cue = doc[last]
    if cue.i <= verb.i or cue.pos_ != "VERB" or not is_cue_lemma(cue.lemma_) or ix.inside_marks(cue):
        return False
    subjects = [g for g in cue.children if g.dep_ == "nsubj" and g.i < cue.i]
    if not subjects or subjects[0].left_edge.i <= verb.i or doc[subjects[0].left_edge.i - 1].text != ",":
        return False
    return speaker_token(ix, cue) is not None


def _outer_frame(ix: ArticleIndex, verb: Token) -> Token | None:
    """The speech verb, outside quote marks and with a speaker, whose reported clause holds
    `verb` (`Ditto said she expects the campaign "to continue ..."` gives `said`)."""
    if coordinated_frame(verb) is not None:
        return None  # `said A and added B`: a frame of its own
    t = verb
    reported = False  # only a clausal complement is reported speech: `X said A and argued B` is two frames
    for _ in range(MAX_FRAME_DEPTH):
        if t.head.i == t.i:
            return None
        reported = reported or t.dep_ in ("ccomp", "parataxis")
        outer = t.head
        if (reported and outer.pos_ in ("VERB", "AUX") and is_cue_lemma(outer.lemma_, has_clause=True) and not ix.inside_marks(outer)
                and speaker_token(ix, outer) is not None):
            return outer
        t = outer
    return None


def _noun_quote(ix: ArticleIndex, noun: Token) -> Quote | None:
    """`Trump's claim that ...`: the noun's `that` clause, said by its possessor if it has one;
    `Clinton's allegations of voter suppression`: the object of the noun's preposition, when
    the noun names who said it."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not clauses:
        return _noun_object_quote(ix, noun)
    c = clauses[0]
    content = _trim(noun.doc[c.left_edge.i : c.right_edge.i + 1])
    if content is None or len(content) < 3:
        return None
    return _noun_row(ix, noun, content, _claim_owners(noun, c))


def _noun_object_quote(ix: ArticleIndex, noun: Token) -> Quote | None:
    preps = CONTENT_NOUNS.get(noun.lemma_.lower(), ())
    objects = [g for p in noun.children if p.dep_ == "prep" and p.lower_ in preps and p.i > noun.i
               for g in p.children if g.dep_ in ("pobj", "pcomp")]
    if not objects:
        return None
    owners = _claim_owners(noun, objects[0])
    if not owners:
        return None  # `calls for a ban`: whose calls the sentence does not say
    content = _trim(noun.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1])
    if content is None or len(content) < 2:
        return None
    return _noun_row(ix, noun, content, owners)


def _noun_row(ix: ArticleIndex, noun: Token, content: Span, owners: list[Token]) -> Quote:
    """The reported quote of `content` with the noun as cue, said by the first of `owners`."""
    q = Quote("indirect", ix.text[content.start_char : content.end_char], content.start_char, content.end_char,
              ix.paragraph_of(content.start_char), cue=noun.text, cue_start=noun.idx)
    if owners:
        _attach_speaker(ix, q, owners[0])
    return q


def _claim_owners(noun: Token, clause: Token) -> list[Token]:
    """Who makes the claim `noun` names: its possessor (`Trump's claim`), a name tagged as its
    compound, or the object of `from` or `by` before the clause, in that order."""
    owners = [o for o in noun.children if o.dep_ == "poss"]
    # `Trump claims that ...`: a name the tagger took for a compound of the verb it governs
    owners += [o for o in noun.children if o.dep_ == "compound" and o.pos_ == "PROPN" and o.i == noun.i - 1 and noun.tag_ == "NNS"]
    # `warnings from his attorney that ...`, `a claim by the campaign that ...`
    owners += [g for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "by") and p.i < clause.i
               for g in p.children if g.dep_ == "pobj"]
    return owners


def _adjunct_of_cue(verb: Token, found: list[Quote]) -> bool:
    """`"...," he said, referring to the situation in Idlib`: a participle hung on the cue of
    a quote already found says what the quote is about, not something else that was said."""
    cues = {q.cue_start for q in found if q.cue_start is not None}
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.idx in cues

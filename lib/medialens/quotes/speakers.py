"""Speakers: who a cue's words are attributed to, as the parse shows it.

`speaker_token` finds the head token of the speaker of a cue, following the grammar of
reporting frames; `mentions.py` reads the mention it heads; `_attach_cue` writes both on a
quote.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..index import ArticleIndex

from ..lexicon.cues import ADDRESSEE_VERBS, AUDIENCE_VERBS, IMPERSONAL_FRAMES, PASSIVE_FRAMES, QUOTED_AS_VERBS, is_cue_lemma
from ..lexicon.quoting import QUESTIONING_VERBS, RELATIVE_WORDS
from ..lexicon.sources import DOCUMENT_NOUNS, is_person_noun
from ..marks import MarkedSpan
from .datelines import in_dateline
from .cues import _is_according_to, _poll_object, _speech_noun, cue_text, find_cue
from .mentions import speaker_mention, speaker_phrase
from .quote import Quote
from .words import word_head

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")

def speaker_token(ix: ArticleIndex, cue: Token) -> Token | None:
    """The head token of the speaker of `cue`, following the grammar of reporting frames.

    `X said` (subject), `said X` (inverted subject), `according to X` (object of `to`),
    `X was quoted as saying` (subject of the passive frame), `X said ... and added` (subject
    shared with the first verb of a coordination). Found once per cue and kept in `ix`.
    """
    key = ("speaker", cue.i)
    if key not in ix.memo:
        head = _speaker_token(ix, cue)
        ix.memo[key] = word_head(head) if head is not None else None
    return ix.memo[key]


def _past_dateline(ix: ArticleIndex, subject: Token) -> Token | None:
    """`subject`, or when it lies in the paragraph's dateline, the apposition after the
    dateline the parser hung on it (`New York (AFP) – Vice President Joe Biden`), or None."""
    if not in_dateline(ix, subject):
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and not in_dateline(ix, c)), None)


def _speaker_token(ix: ArticleIndex, cue: Token) -> Token | None:
    if _is_according_to(cue):
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    if _poll_object(cue) is not None:
        return _poll_object(cue)
    if cue.dep_ == "compound" and cue.head.i > cue.i and cue.head.pos_ == "PROPN" and cue.i == ix.sentence_start(cue):
        return cue.head  # `Said Ellis: "..."`, which the parser reads as a name `Said Ellis`
    if _speaks_for_nobody(cue) or is_connective(cue):
        return None
    quoted = quoted_as(cue)
    if quoted is not None:
        return quoted
    before = _frame_before_participle(ix, cue) or _participle_after_quote(ix, cue)
    if before is not None:
        return before
    subject = _subject_of_frame(ix, cue)
    return subject if subject is not None else _participle_subject(ix, cue)


def quoted_as(cue: Token) -> Token | None:
    """`Anadolu quoted Erdogan as saying ...`, `Reuters cited an official as saying ...`: the
    wire convention names as object whom the outlet quotes, and that person speaks; the outlet
    (the subject) only passes the words on. For the participle `saying` of such a frame, the
    frame verb's object; else None."""
    if cue.tag_ != "VBG" or cue.lemma_ not in QUOTED_AS_VERBS:
        return None
    frame = cue.head.head if cue.dep_ in ("pcomp", "pobj") and cue.head.lower_ == "as" and cue.head.dep_ == "prep" else None
    if frame is None or frame.lemma_ not in PASSIVE_FRAMES or _is_passive(frame):
        return None
    return next((c for c in frame.children if c.dep_ == "dobj"), None)


def is_passive_reporting_frame(verb: Token) -> bool:
    """`was quoted as saying ...`, `quoted Erdogan as saying ...`: the frame passes on what the
    inner verb says, which carries the quote; the frame reports nothing of its own."""
    return verb.lemma_ in PASSIVE_FRAMES and (_is_passive(verb) or any(
        quoted_as(g) is not None for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for g in p.children))


def _subject_of_frame(ix: ArticleIndex, cue: Token) -> Token | None:
    """The agent or subject of `cue`, or of the verb whose subject it shares, climbing at most
    three verbs; failing that a name written right before the cue, or after it when it follows
    a closing mark (`_inverted_object`, `_name_after`)."""
    verb = cue
    for _ in range(3):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        # `Peskov was quoted by Interfax as saying`: the outlet passes the words on, and whom
        # it quotes (the passive's subject) speaks
        if agents and not (verb is not cue and verb.lemma_ in PASSIVE_FRAMES and cue.lemma_ in QUOTED_AS_VERBS):
            return agents[0]
        # the subject of a passive is who was spoken of or to (`Smith was accused of ...`,
        # `she was asked whether ...`), except in the frames that report speech (`was quoted`);
        # but a speech verb as participle or coordinated verb shares the subject of the clause
        # it hangs on, passive or not (`After saying her foot was swollen, she was whisked off`)
        shares = verb is not cue and is_cue_lemma(cue.lemma_, has_clause=True)
        deps = SUBJECT_DEPS if verb.lemma_ in PASSIVE_FRAMES or shares else ("nsubj", "csubj")
        # `WASHINGTON (AP) — Ryan pledged`: a dateline the parser takes for a subject is none,
        # but a name it hangs on the dateline (`New York (AFP) – Joe Biden`) is
        subjects = [s for s in (_past_dateline(ix, c) for c in verb.children if c.dep_ in deps) if s is not None]
        if subjects:
            # of two subjects the parser gave one verb (`In a post on X, formerly Twitter, the
            # president wrote`), the one written next to it is the verb's
            before = [s for s in subjects if s.i < verb.i and not ix.inside_marks(s)]
            return before[-1] if before else subjects[0]
        if _is_passive(verb):
            return None
        verb = _subject_sharing_verb(verb)
        if verb is None:
            break
    return _name_before(ix, cue) or _inverted_object(cue) or _name_after(cue)


def coordinated_frame(verb: Token) -> Token | None:
    """`The minister said the bridge would reopen and added that tolls would fall`: the parser
    hangs `added` on `reopen`, inside what was said, but a speech verb with a clause of its own
    and no subject, coordinated with the content of an earlier speech verb, is a second frame
    of that verb's speaker. Returns the earlier speech verb, or None."""
    if verb.dep_ != "conj" or not is_cue_lemma(verb.lemma_, has_clause=True):
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None
    content = verb.head
    outer = content.head
    if content.dep_ != "ccomp" or outer.i > content.i or outer.pos_ not in ("VERB", "AUX") or not is_cue_lemma(outer.lemma_, has_clause=True):
        return None
    return outer


def _subject_sharing_verb(verb: Token) -> Token | None:
    """The verb whose subject `verb` shares, if the frame goes on up the parse."""
    frame = coordinated_frame(verb)
    if frame is not None:
        return frame
    # `Roberts said she thinks it should be released but said "the question is the
    # timing"`: a verb after `and`/`but` with no subject shares the first verb's, however
    # the parser attached it
    coordinated = verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("and", "but") and verb.dep_ in ("ccomp", "parataxis")
    if verb.dep_ in ("conj", "xcomp", "pcomp", "advcl") or coordinated or verb.head.lemma_ in PASSIVE_FRAMES:
        if verb.head.i == verb.i:
            return None
        return verb.head if verb.dep_ != "pcomp" else verb.head.head
    if verb.dep_ == "acl" and _speech_noun(verb.head) and verb.head.dep_ in ("dobj", "pobj") and verb.head.head.pos_ == "VERB":
        # `the council issued a statement calling the test "a clear violation"`: the
        # document speaks for whoever issued it
        return verb.head.head
    return None


def _name_before(ix: ArticleIndex, cue: Token) -> Token | None:
    """`..., former president Bill Clinton said his wife ...`: a person's name written right
    before a finite speech verb is its subject when the parse hung the name elsewhere (here in
    apposition to an earlier name); a party tag in brackets may stand between (`Ryan (R-Wis.) said`),
    and so may the comma closing a name in apposition to the speaker's role (`In a statement to
    the Observer, her senior policy adviser, Jake Sullivan, said`, the role read as apposition
    to `the Observer`)."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == 0:
        return None
    doc = cue.doc
    i, first = cue.i - 1, ix.sentence_start(cue)
    if doc[i].text == ")":
        while i > first and doc[i].text != "(":
            i -= 1
        i -= 1
    comma = i >= first and doc[i].text == ","
    if comma:
        i -= 1
    if i < first:
        return None
    before = doc[i]
    named = before.pos_ == "PROPN" and before.ent_type_ == "PERSON"
    return before if named and (not comma or before.dep_ == "appos") else None


def _inverted_object(cue: Token) -> Token | None:
    """`"...," added another New Hampshire Democrat.`, `"...?" asked the boy`: after a closing
    quote mark newswire inverts the frame, and the parser often takes the speaker for the
    verb's object. A finite speech verb right after the mark (a comma may stand between), with
    no clause after it and no subject outside the quote, whose noun phrase follows at once and
    names someone who can speak, has that noun phrase as its speaker. Not when the verb goes on
    a sentence that began before the quote (`The company called the allegations "baseless,"
    denied any wrongdoing`: its subject is the company's), nor a participle (`", calling the
    plan a disaster`), which says what the earlier speaker did."""
    doc = cue.doc
    if not _finite_after_quote(cue) or any(c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children):
        return None
    before = _closing_mark_before(cue)
    if before is None:
        return None
    opening = next((doc[i] for i in range(before.i - 1, -1, -1) if doc[i].is_quote), None)
    if opening is not None and any(c.i < cue.i and c.dep_ in ("ccomp", "parataxis", "advcl", "conj") and c.left_edge.i < opening.i
                                   for c in cue.children):
        return None
    # a subject before the marks (`Washington, star of "Scandal," thanked Obama`) is the
    # speaker, and the mark closes a title; one inside them is the quote misread as subject
    if any(s.dep_ in SUBJECT_DEPS and s.i < before.i and any(t.is_quote for t in doc[s.i + 1 : before.i]) for s in cue.children):
        return None
    # the parser may split a hyphenated title into several objects (`co - host Stu Burguiere`):
    # the phrase runs on through objects that follow one another, and its last is the head
    noun, end = None, cue.i + 1
    for c in cue.children:
        if c.i > cue.i and c.dep_ in ("dobj", "attr", "npadvmod", "dative") and c.left_edge.i == end:
            noun, end = c, c.right_edge.i + 1
    # who can speak, or a text that does (`"...," read a scripted message that precedes rallies`)
    speaks = noun is not None and (_can_speak(noun) or noun.lemma_.lower() in DOCUMENT_NOUNS)
    return noun if speaks and noun.pos_ in ("NOUN", "PROPN") else None


def _name_after(cue: Token) -> Token | None:
    """`'...,' said Mr Johnson, before adding: '...'`: a name right after a finite speech verb
    that follows a closing mark is the inverted subject, also when the parser hung it on a verb
    further on (here as subject of the next quote's first verb). Not the addressee of `told`."""
    doc = cue.doc
    if (not _finite_after_quote(cue) or cue.lemma_.lower() in ADDRESSEE_VERBS or cue.i + 1 >= len(doc)
            or _closing_mark_before(cue) is None or any(c.dep_ in SUBJECT_DEPS for c in cue.children)):
        return None
    t = doc[cue.i + 1]
    while t.dep_ in ("compound", "flat") and t.head.i > t.i:
        t = t.head
    names = doc[cue.i + 1 : t.i + 1]
    # `said Biden's spokesman Andrew Bates`: a possessive name is not who spoke
    possessive = t.dep_ == "poss" or t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("'s", "\u2019s")
    return t if all(w.pos_ == "PROPN" for w in names) and t.ent_type_ == "PERSON" and not possessive else None


def speaker_in_content(cue: Token, content) -> bool:
    """Whether the inverted speaker of `cue` (`_inverted_object`, `_name_after`) lies inside the
    span `content` the parser gave it: then that content is who spoke, not what was said."""
    speaker = _inverted_object(cue) or _name_after(cue)
    return speaker is not None and content.start_char <= speaker.idx < content.end_char


def _finite_after_quote(cue: Token) -> bool:
    """A finite verb, or the bare form the tagger gives a plural present after a quote
    (`"We love cats!" reply Burton and Nick`: `reply` as VB with no auxiliary)."""
    if cue.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    mark = _closing_mark_before(cue)
    # after a quote closed by a full stop a bare verb opens the next sentence (`"We won." Ask any fan.`)
    return (cue.tag_ == "VB" and cue.dep_ == "ROOT" and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in cue.children)
            and mark is not None and mark.i > 0 and cue.doc[mark.i - 1].text != ".")


def _closing_mark_before(cue: Token) -> Token | None:
    """The quote mark right before `cue` (a comma may stand between: `"...," added`), or None."""
    doc = cue.doc
    i = cue.i - 2 if cue.i >= 2 and doc[cue.i - 1].text == "," else cue.i - 1
    return doc[i] if i >= 0 and doc[i].is_quote else None


def _participle_after_quote(ix: ArticleIndex, cue: Token) -> Token | None:
    """`Trump said Romney "had a crazy policy," adding, "He lost ..."`: a participle right after
    a quote's closing mark, which the parser hangs on a verb inside the quote, goes on with the
    speaker of the frame that reports the quote, not with a subject inside it."""
    if cue.tag_ != "VBG" or cue.head.i not in ix.in_marks or _closing_mark_before(cue) is None:
        return None
    t = cue.head
    while t.head.i != t.i:
        t = t.head
        if t.i not in ix.in_marks and t.pos_ == "VERB" and is_cue_lemma(t.lemma_, has_clause=True):
            return speaker_token(ix, t)
    return None


def _frame_before_participle(ix: ArticleIndex, cue: Token) -> Token | None:
    """`"...," Sanders said, suggesting ...`, `Sanders said, going on to say that ...`: a
    participle set off by a comma right after a speech frame continues that frame's speaker,
    wherever the parser attached it."""
    while cue.dep_ == "xcomp" and cue.head.tag_ == "VBG" and cue.head.i < cue.i:
        cue = cue.head
    if cue.tag_ != "VBG" or cue.i < 2 or cue.doc[cue.i - 1].text != "," or any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None
    doc = cue.doc
    for i in range(cue.i - 2, max(cue.i - 5, ix.sentence_start(cue) - 1), -1):
        t = doc[i]
        if t.pos_ == "VERB" and is_cue_lemma(t.lemma_):
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            return subjects[0] if subjects else None
        if t.is_punct:
            return None
    return None


def _set_off_by_comma(cue: Token) -> bool:
    """A comma right before `cue`, or before a short phrase that hangs on it or that it hangs
    on (`, at one point calling`)."""
    doc = cue.doc
    for j in range(cue.i - 1, max(cue.i - 5, -1), -1):
        if doc[j].text == ",":
            between = doc[j + 1 : cue.i]
            return all(cue in t.ancestors for t in between) or (cue.head in between and not any(t.pos_ in ("VERB", "AUX") for t in between))
        if doc[j].is_punct:
            return False
    return False


def _participle_subject(ix: ArticleIndex, cue: Token) -> Token | None:
    """`Reid rejected the notion that it was a one-off, saying that ...`, `Okafor has battled
    with the council, at one point calling the treasurer a "liar"`: a participle set off by a
    comma shares the subject of the clause it follows, however the parser hung it (here on
    the object). The nearest verb above it with a subject before it gives that subject."""
    if (cue.tag_ != "VBG" or not is_cue_lemma(cue.lemma_) or any(c.dep_ in SUBJECT_DEPS for c in cue.children)
            or not _set_off_by_comma(cue)):
        return None
    for up in list(cue.ancestors)[:4]:
        if up.pos_ in ("VERB", "AUX"):
            subjects = [c for c in up.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i and not in_dateline(ix, c)]
            if subjects:
                return subjects[0] if _can_speak(subjects[0]) and not ix.inside_marks(subjects[0]) else None
    return None


def _can_speak(t: Token) -> bool:
    """A subject that can say something: a name, a personal pronoun, a person noun or a
    named body; `The measures` or `One message` cannot."""
    if t.pos_ == "PRON":
        return t.lower_ not in RELATIVE_WORDS and t.lower_ not in ("this", "these", "those")
    return t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") or is_person_noun(t.lemma_.lower())


def _speaks_for_nobody(cue: Token) -> bool:
    """`Melania seems to have vanished`: the writer's judgment of the subject. `Asked about the
    bomb, Clinton said ...`: whoever asked goes unnamed, and the subject is who was asked."""
    if cue.lemma_.lower() in IMPERSONAL_FRAMES:
        # but `he appeared to suggest that ...` reports what he suggested
        inner = [c for c in cue.children if c.dep_ in ("xcomp", "ccomp")]
        return bool(inner) and not any(is_cue_lemma(c.lemma_, has_clause=True) for c in inner)
    # the tagger may take the participle for a past tense (`Asked whether he would resign, ...`
    # after a headline): with no subject of its own, the relation says which it is
    return (cue.tag_ in ("VBN", "VBD") and cue.dep_ in ("advcl", "acl") and cue.lemma_.lower() in AUDIENCE_VERBS | QUESTIONING_VERBS
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "agent") for c in cue.children))


def is_connective(cue: Token) -> bool:
    """`That said, Millennials believe ...`, `That being said, ...`: a connective opening a
    sentence, which reports nobody."""
    doc = cue.doc
    if cue.lemma_ != "say" or cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ",":
        return False
    i = cue.i - 1
    if i >= 0 and doc[i].lower_ == "being":
        i -= 1
    if i < 0 or doc[i].lower_ != "that":
        return False
    # not after a closing mark: `a memo titled "Next Steps" that said, in part, ...`
    return i == 0 or doc[i - 1].is_space or doc[i - 1].text in (".", "!", "?", ";", "(", "\u2014", "\u2013")


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _attach_cue(ix: ArticleIndex, quote: Quote, cue: Token | None, marks: MarkedSpan | None = None) -> None:
    if cue is not None and marks is not None and _introduces_next(ix, cue, marks):
        # `"..." Mr Brown added: "..."`: a frame ending in a colon introduces the quote after
        # it, so this one is attributed before it (`Ms Hewitt said: "..."`) or not at all
        since = max([ix.paragraphs[marks.paragraph][0]] + [m.end for m in ix.marked if m.end <= marks.start])
        cue = find_cue(ix.tokens_between(since, marks.start)[::-1], ix.marked)
    if cue is None:
        return
    quote.cue = cue_text(cue)
    quote.cue_start = cue.idx
    head = speaker_token(ix, cue)
    if head is not None and marks is not None and (marks.start <= head.idx < marks.end or _in_quote_just_before(ix, head, cue)):
        # whoever speaks stands outside the marks: a subject found inside them comes from a
        # parse that ran the quote and its frame into one clause (`"We will ...," Chief
        # Chuck Jordan said` read as `We will ... and said`); one inside an earlier quote's
        # marks, from a parse that ran both quotes into one (`"...," adding, "..."`)
        head = _noun_beside(cue, marks)
    elif head is not None and marks is not None and head.i > cue.i and head.left_edge.i > 0 and head.doc[head.left_edge.i - 1].text in ("“", '"'):
        # `"...," Flynn said Thursday on Fox News's "Fox and Friends."`: a title in marks after
        # the cue is where it was said, which the parser can take for an inverted subject
        head = _noun_beside(cue, marks)
    if head is None:
        return
    _attach_speaker(ix, quote, head, cue)


def _attach_speaker(ix: ArticleIndex, quote: Quote, head: Token, cue: Token | None = None) -> None:
    """Write on `quote` the speaker headed by `head`: the mention as written, its core and role."""
    start, end, role = speaker_phrase(ix, head)
    m_start, m_end = speaker_mention(ix, head, start, end, cue)
    quote.speaker, quote.mention_start, quote.mention_end = ix.text[m_start:m_end], m_start, m_end
    quote.speaker_start, quote.speaker_end, quote.speaker_role = start, end, role


_INTRODUCES = re.compile(r"[^\"\u201c\u201d\n:.]*:[ \t]*(?:[\"\u201c\u2018]|\n|$)")


def _introduces_next(ix: ArticleIndex, cue: Token, marks: MarkedSpan) -> bool:
    """`cue` stands after the quote in `marks` and its frame ends in a colon before another
    quote or the paragraph's end (`"..." Mr Brown added: "..."`)."""
    if cue.idx < marks.end:
        return False
    _, b_end = ix.paragraphs[ix.paragraph_of(cue.idx)]
    m = _INTRODUCES.match(ix.text, cue.idx, b_end)
    # `"...," Lewandowski said, adding: "..."`, `Cruz said as the heckler yelled:`: another
    # verb before the colon introduces the next quote, and this one is the cue's
    return m is not None and not any(t.pos_ in ("VERB", "AUX") for t in ix.tokens_between(cue.idx + len(cue), m.end()))


def _in_quote_just_before(ix: ArticleIndex, head: Token, cue: Token) -> bool:
    """`head` lies in a quote that closes right before `cue`, only punctuation between
    (`“..., the whole district would have gone under,” adding, “...”`)."""
    return any(m.start <= head.idx < m.end <= cue.idx and not ix.text[m.end : cue.idx].strip(" \t,\u201d\"\u2019'")
               for m in ix.marked)


def _noun_beside(cue: Token, marks: MarkedSpan) -> Token | None:
    """The noun written next to `cue` outside `marks`: before it (`..." Chief Chuck Jordan
    said`) or after it (`said Chuck Jordan`), climbing compounds to the head noun."""
    doc = cue.doc
    before = [doc[i] for i in range(cue.i - 1, max(cue.i - 3, -1), -1) if not doc[i].is_punct and not marks.start <= doc[i].idx < marks.end]
    after = [doc[i] for i in range(cue.i + 1, min(cue.i + 3, len(doc))) if not doc[i].is_punct and not marks.start <= doc[i].idx < marks.end]
    if before and before[0].dep_ == "appos" and before[0].head.i < before[0].i and not marks.start <= before[0].head.idx < marks.end:
        before[0] = before[0].head  # `Ramos, 58, told`: the age stands in apposition to the speaker
    if cue.lemma_.lower() in ADDRESSEE_VERBS:
        after = []  # `told AFP`: the noun after is who was spoken to
    elif (speaker := _inverted_object(cue)) is not None:
        after = [speaker]  # `tweeted a German user from Hanover`
    for near in (before[:1], after[:1]):
        if near and near[0].pos_ in ("PROPN", "NOUN", "PRON") and near[0].lower_ not in RELATIVE_WORDS:
            t = near[0]
            while t.dep_ in ("compound", "flat") and t.head.i != t.i and not marks.start <= t.head.idx < marks.end:
                t = t.head
            return t
    return None

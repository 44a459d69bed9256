"""Content: what a cue reports, as a span of the parse.

A speech verb's clausal complement, the clause a parenthetical `X said` interrupts or follows,
the object of a reporting frame (`called for a ban`), the finding of a poll, the clause beside
`according to X`; for a mixed quote, the content around its quoted fragment.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..index import ArticleIndex
from ..lexicon.cues import ADDRESSEE_VERBS, AUDIENCE_VERBS, content_relations, is_cue_lemma
from ..lexicon.quoting import ALL_MARKS, REPORTED_REASON_MARKS
from ..lexicon.sources import GROUP_NOUNS, names_a_person
from ..marks import MarkedSpan
from .cues import _is_according_to, _poll_object
from .speakers import _can_speak, _speaks_for_nobody, coordinated_frame

def _content_span(ix: ArticleIndex, cue: Token) -> Span | None:
    """What the cue reports: its clausal complement, or the clause it interrupts. Found once
    per cue and kept in `ix`."""
    key = ("content", cue.i)
    if key not in ix.memo:
        ix.memo[key] = _find_content(ix, cue)
    return ix.memo[key]


def _find_content(ix: ArticleIndex, cue: Token) -> Span | None:
    doc = cue.doc
    if _poll_object(cue) is not None:
        return _poll_finding(cue)
    if _is_according_to(cue):
        sent = ix.sentence(cue)
        phrase = list(cue.subtree)
        left = doc[sent.start : phrase[0].i]
        right = doc[phrase[-1].i + 1 : sent.end]
        return _trim(right if len(right) >= len(left) else left)
    comps = _complements(cue)
    if comps and is_cue_lemma(cue.lemma_, has_clause=True):
        return _complement_content(cue, comps)
    framed = _framed_content(cue)
    if framed is not None:
        return framed
    # `An airstrike struck a school, activists said, as ...`: the cue is a parenthetical
    # (parataxis) attached to the clause it reports on
    if cue.dep_ == "parataxis" and is_cue_lemma(cue.lemma_):
        head = cue.head
        own = {t.i for t in cue.subtree}
        if head.i < cue.i:
            tokens = [t for t in head.subtree if t.i not in own and t.i < min(own)]
        else:
            # `The museum, Mr. Bush said, celebrated several of his heroes`: a frame set in
            # the middle of the clause it reports; the content runs on both sides of it
            tokens = [t for t in head.subtree if t.i not in own]
        if tokens:
            return _trim(doc[tokens[0].i : tokens[-1].i + 1])
    return _interrupting_frame_content(cue)


def _poll_finding(cue: Token) -> Span | None:
    """The finding of `in a CNN poll`: the clause the phrase hangs on, not the whole sentence
    around it, on the longer side of the phrase."""
    verb = cue.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    phrase = list(cue.subtree)
    clause = list(verb.subtree)
    left = [t for t in clause if t.i < phrase[0].i]
    right = [t for t in clause if t.i > phrase[-1].i]
    side = right if len(right) > len(left) else left
    return _trim(cue.doc[side[0].i : side[-1].i + 1]) if side else None


def _complements(cue: Token) -> list[Token]:
    """The clauses that may be what the cue reports: `ccomp`, else an `xcomp` after it (not
    for audience verbs), else a subordinator-less clause with its own subject after a speech verb."""
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    if not comps and cue.lemma_ not in AUDIENCE_VERBS:
        comps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if not comps and is_cue_lemma(cue.lemma_):
        # `Trump said after the convention he would not accept ...`: a clause with a subject of
        # its own and no subordinator after a speech verb is what was said, though a leading
        # time phrase makes the parser hang it on the verb as an adverbial
        comps = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and c.pos_ in ("VERB", "AUX")
                 and any(g.dep_ == "nsubj" for g in c.children)
                 and not any(g.dep_ == "mark" or g.dep_ == "advmod" and g.i < c.i and g.tag_ in ("WRB", "WDT") for g in c.children)]
    return comps


def _complement_content(cue: Token, comps: list[Token]) -> Span | None:
    """The complement clause the cue reports, cut before a second attribution and run on to
    a reason the speaker gives."""
    doc = cue.doc
    # `fireworks went off: Republicans said they're convinced ...`: a clause the parser
    # also hung on the cue from before a colon is not what the cue reports
    c = next((c for c in comps if c.i > cue.i), comps[0])
    end = _end_before_new_attribution(c)
    if c.i > cue.i:
        # `said that claim smacked of hypocrisy, because Democrats ...`: the reason given
        # is part of what was said, wherever the parser attached it
        reasons = [a for a in cue.children if a.dep_ == "advcl" and a.i > c.right_edge.i
                   and any(m.dep_ == "mark" and m.lower_ in REPORTED_REASON_MARKS for m in a.children)]
        if reasons:
            end = reasons[0].right_edge.i
    return _trim(doc[c.left_edge.i : end + 1])


def _end_before_new_attribution(c: Token) -> int:
    """The last token of clause `c`, or the one before a coordinated speech verb with its own
    subject in it."""
    doc = c.doc
    end = c.right_edge.i
    # `She said fathers would not be eligible, and when pressed, the mother of three
    # replied, "..."`: a second speech verb with its own subject starts a new attribution
    others = [g for g in c.children if g.dep_ == "conj" and is_cue_lemma(g.lemma_) and not any(m.dep_ == "mark" for m in g.children)
              and any(s.dep_ in ("nsubj", "nsubjpass") for s in g.children)]
    # `said the bridge would reopen and added that ...`: a second frame of the same speaker
    others += [g for g in c.children if coordinated_frame(g) is not None]
    if others:
        end = min(g.left_edge.i for g in others) - 1
        while end > c.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
            end -= 1
    return end


def _interrupting_frame_content(cue: Token) -> Span | None:
    """`Though that transition was seamless, he said, replacing Clinton would be harder`;
    `People like Scott, he said.`: a bare `X said` set off by a comma after (or inside) what it
    reports, which the parser hangs on the cue as loose clauses instead of a complement."""
    doc = cue.doc
    if cue.dep_ != "ROOT" or not is_cue_lemma(cue.lemma_):
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in cue.children):
        return None
    frame_start = subjects[0].left_edge.i
    if frame_start == 0 or doc[frame_start - 1].text != ",":
        return None
    parts = [c for c in cue.children if c.dep_ in ("advcl", "dep", "parataxis", "nsubj", "npadvmod") and c.i != subjects[0].i
             and (c.right_edge.i < frame_start or c.left_edge.i > cue.i) and c.pos_ in ("VERB", "AUX", "NOUN", "PROPN")]
    if not parts or not any(c.i < frame_start for c in parts):
        return None
    first = min(c.left_edge.i for c in parts)
    last = max(c.right_edge.i for c in parts)
    return _trim(doc[first : last + 1])


def _framed_content(verb: Token) -> Span | None:
    """Content reached through the verb's frames in `CONTENT_FRAMES`, in text order.

    `called for a ban on assault weapons` (prep:for), `criticized the deal` (dobj), `plans to
    run again` (xcomp): the content is the object's whole phrase, without the preposition.
    """
    relations = content_relations(verb.lemma_)
    if not relations:
        return None
    doc = verb.doc
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "prep":
            if f"prep:{c.lower_}" not in relations:
                continue
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return _trim(doc[objs[0].left_edge.i : objs[0].right_edge.i + 1])
        elif c.dep_ in relations:
            end = c.right_edge.i
            if c.dep_ == "dobj":
                # `called Clinton a "champion"`, `described him as reckless`, `blamed the
                # shootings on bias`: what is said of the object follows it
                said_of = [d for d in verb.children if d.i > c.i and (d.dep_ in ("oprd", "ccomp", "xcomp") or d.dep_ == "prep" and d.lower_ in ("as", "for", "of", "on"))]
                end = max([end] + [d.right_edge.i for d in said_of])
            return _trim(doc[c.left_edge.i : end + 1])
    if "dobj" in relations:
        # `The plan was criticized by the union`: a passive's subject is the object it reports on
        # though not a person with nobody to say it (`Starmer was challenged on the figures`,
        # `The president was challenged`)
        agent = any(c.dep_ == "agent" for c in verb.children)
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")
                    and (agent or not (c.ent_type_ == "PERSON" or names_a_person(c.lemma_)))]
        if subjects:
            return _trim(doc[subjects[0].left_edge.i : subjects[0].right_edge.i + 1])
    return None


def said_of(cue: Token, content: Span) -> tuple[Span, Token] | None:
    """`(phrase, first)` when `content` is a predicate whose subject the parse leaves outside it:
    `phrase` is that subject, `first` the first word of what is said of it (the infinitive's
    `to`, or the `as` before the content). `Trump is expected to win`, `The donors appear to have ties to ...`, `urged
    Trump to drop out`, `called on her to resign`, `saw the plan as a threat`: what is reported
    is `Trump to win`, `her to resign`, `the plan as a threat`; the bare predicate says nothing
    of whom. None when the content has its own subject or the subject is the speaker
    (`Clinton plans to run`)."""
    root = content.root
    link = root if root.head.i == cue.i else root.head
    if link.head.i != cue.i or link.i < cue.i or not (link.dep_ == "xcomp" or link.dep_ == "prep" and link.lower_ == "as"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in root.children):
        return None
    doc = cue.doc
    before = [c for c in cue.children if cue.i < c.i < link.i]
    subject = next((c for c in before if c.dep_ == "dobj"), None)
    if subject is None:
        # `called on her to resign`: the preposition's object, right before the infinitive
        subject = next((o for c in before if c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") and c.right_edge.i + 1 == link.left_edge.i
                        for o in c.children if o.dep_ == "pobj" and _can_speak(o)), None)
    if subject is None:
        # `Trump is expected to win`, `Trump appears to win`: the raised subject is not who
        # says it, so it belongs to what is reported
        subject = next((c for c in cue.children if c.i < cue.i and (c.dep_ == "nsubjpass" or c.dep_ == "nsubj" and _speaks_for_nobody(cue))), None)
    # a relative pronoun (`who is expected to ...`) stands for a phrase outside the clause, a
    # date parsed as an object (`promised Monday to ...`) is when; a subject running past the
    # content is a parse gone astray
    if (subject is None or subject.tag_ in ("WDT", "WP", "WP$") or subject.ent_type_ in ("DATE", "TIME")
            or subject.right_edge.i >= link.left_edge.i):
        return None
    first = link.left_edge if link.dep_ == "xcomp" else link
    return doc[subject.left_edge.i : subject.right_edge.i + 1], first


def _mixed_content(ix: ArticleIndex, cue: Token, span: MarkedSpan) -> tuple[int, int]:
    """Offsets of what a mixed quote reports: the cue's content around the quoted fragment.

    `Lavrov accused some governments of "a desire to ..."`: the fragment is the content. When
    the cue's content holds the fragment (`said the plan was "dead on arrival"`) the quote is
    that content; failing that (`what he called a "brazen breach" of U.N. resolutions`), the
    sentence around the fragment, since a bare fragment would lose what it says of whom.
    """
    doc = ix.doc
    content = _content_span(ix, cue)
    if content is not None and content.start_char <= span.start - 1 and span.start < content.end_char:
        return _with_closing_marks(ix, content.start_char, max(content.end_char, span.end))
    tokens = ix.tokens_between(span.start - 1, span.end + 1)
    if not tokens:
        return span.start, span.end
    sent = ix.sentence(tokens[0])
    # leave the attribution out: when it follows (`... a "grave threat," officials said.`) the
    # content ends at the fragment, when it comes first it begins after the cue
    in_sentence = sent.start <= cue.i < sent.end
    end = tokens[-1].i if in_sentence and cue.i > tokens[-1].i else sent.end - 1
    start = _after_frame(cue, tokens[0].i) if in_sentence and cue.i < tokens[0].i else sent.start
    content = _trim(doc[start : end + 1])
    if content is None:
        return span.start, span.end
    start, end = min(content.start_char, span.start), max(content.end_char, span.end)
    if start == span.start:
        # a content that opens with the fragment keeps its marks, so that its text shows that
        # only the fragment is quoted
        return span.start - 1, max(end, span.end if span.open_end else span.end + 1)
    return _with_closing_marks(ix, start, end)


def _with_closing_marks(ix: ArticleIndex, start: int, end: int) -> tuple[int, int]:
    """`start`, `end` taken on past the closing mark of a fragment whose words end the content
    (`the plan would "get Britain moving"`): the parse hangs the mark on the sentence, not on
    the clause, and a text showing an opening mark without its closing one reads as a typo."""
    for m in ix.marked:
        if start < m.start and m.end == end and not m.open_end:
            closing = ix.text[m.end : m.end + 2]
            return start, end + len(closing) - len(closing.lstrip(ALL_MARKS))
    return start, end


def _addressee(noun: Token) -> bool:
    """Whether the object of `told` is whom it was told to (`told reporters`, `told the crowd`),
    not what was told (`told lies that "..."`)."""
    return _can_speak(noun) or noun.lower_ in GROUP_NOUNS or noun.lemma_.lower() in ("crowd", "audience", "team", "customer")


def _after_frame(cue: Token, limit: int) -> int:
    """The first token after the cue's frame, before token `limit`: `told her supporters that
    "we're in this together"`, `said in a statement that Trump's "rhetoric ..."`: whom the cue
    addresses and how or where it was said are the frame, not what was said."""
    doc = cue.doc
    start, relations = cue.i + 1, content_relations(cue.lemma_)
    # `urged his supporters to "go vote"`: what an infinitive says is said of the noun before it
    # (which the parser may hang on the cue as an adverbial clause)
    infinitive = any(c.i > cue.i and (c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                     for c in cue.children)
    for c in cue.children:
        if c.i <= cue.i or c.dep_ == "punct":
            continue
        if c.left_edge.i != start or c.right_edge.i >= limit:
            break
        # a preposition the cue reports through (`called on X "to ..."`, `pointed to the case
        # as ...`) is content
        framing = (c.dep_ == "prep" and f"prep:{c.lower_}" not in relations
                   or c.dep_ in ("advmod", "npadvmod")
                   or c.dep_ in ("dative", "dobj") and cue.lemma_.lower() in ADDRESSEE_VERBS and _addressee(c))
        if not framing or infinitive and c.pos_ in ("NOUN", "PROPN", "PRON"):
            break
        after = c.right_edge.i + 1
        while after < limit and doc[after].is_punct:
            after += 1
        # a phrase the parse leaves unfinished (`on Fox News’s “Fox and Friends”`, where `’s`
        # is left out of the phrase, or a word split in two) does not end the frame
        if c.left_edge.i <= doc[after].head.i <= c.right_edge.i or not doc[after - 1].whitespace_ and not doc[after].is_punct:
            break
        start = after
    return start


def _trim(span: Span) -> Span | None:
    while len(span) and (span[0].is_punct or span[0].dep_ == "mark" and span[0].lower_ == "that" or span[0].is_space):
        span = span[1:]
    # `rise by 11%`: spaCy calls a per cent sign punctuation, but it is part of the figure
    while len(span) and (span[-1].is_punct and span[-1].text not in ALL_MARKS and span[-1].text != "%" or span[-1].is_space):
        span = span[:-1]
    return span if len(span) >= 2 else None

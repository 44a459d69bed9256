"""Speakers the page layout gives: a dash signing a quote (`" ..." ― Esther Tapia`), a
paragraph ending in `said:` introducing the next, a speaker label opening a paragraph or a
headline (`Sanders: ...`, transcripts' `PENCE: ...`), and a cue-less quote carrying on the
previous quote's speaker."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..index import ArticleIndex
from ..lexicon.cues import INTRODUCING_NOUNS, is_cue_lemma
from ..lexicon.quoting import ASKING_VERBS
from ..marks import _rstrip
from .cues import find_cue
from .quote import Quote
from .speakers import _attach_cue, speaker_token

# `“We need law and order.” ― Esther Tapia, 48, of Phoenix`: a dash after the closing mark
# signs the quote, as captions and reader-voice pieces do.
# A hyphen signs it too (`" -Commissioner Geoffrey Starks`), and so does a line of its own
# holding only the dash and the name, with at most a description after a comma.
_SIGNATURE = re.compile(r"[\u201d\"\u2019']?[ \t]*[\u2015\u2014\u2013-][ \t]*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})")
_SIGNATURE_LINE = re.compile(r"[ \t]*[\u2015\u2014\u2013-][ \t]*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})(?:,[^:\"\u201c\u201d\n]{0,60})?[ \t]*")

# `- Brentford boss Martin Allen: "..."`, `Tom Reid, The Guardian: "..."`, `And from the mayor,
# Ann Okafor:`: a short label and a colon before a quote (or closing the paragraph before it),
# maybe after a list bullet, names its speaker.
_QUOTE_LABEL = re.compile(r"[ \t]*(?:[-\u2013\u2014\u2022*][ \t]*)?(?:(?:and[ \t]+)?from[ \t]+)?([^:\n]{2,80}?)[ \t]*:[ \t]*$", re.I)
MAX_QUOTE_LABEL_WORDS = 8

# `Sanders: Endorsements prove Clinton ...` (headlines), `PENCE: Well, look, ...`
# (transcripts): a name and a colon opening a paragraph label who says the rest.
# a transcript quoted at length opens each turn with a quote mark: `"WALLACE: But, Governor...`
_LABEL = re.compile(r"[ \t]*[\"\u201c]?([A-Z][^:\n]{0,50}?):[ \t]+(?=\S)")
MAX_LABEL_WORDS = 5


def _attach_signature(ix: ArticleIndex, quote: Quote) -> None:
    """Give a cue-less quote the name signed after it with a dash."""
    text, spans = ix.text, ix.paragraphs
    m = _SIGNATURE.match(text, quote.end)
    if m is None or "\n" in m.group(0):
        m = None
        _, b_end = spans[quote.paragraph]
        if quote.paragraph + 1 < len(spans) and not text[quote.end : b_end].strip(" \t\u201d\"\u2019'.,"):
            n_start, n_end = spans[quote.paragraph + 1]
            m = _SIGNATURE_LINE.fullmatch(text, n_start, n_end)
    if m is None:
        return
    quote.cue = text[m.start(0) : m.start(1)].strip(" \t\u201d\"\u2019'")
    quote.cue_start = m.start(1) - 1
    name = m.group(1)
    if name.endswith(".") and len(name.split()[-1]) > 3:
        name = name[:-1]  # `- Bernie Sanders.`: the sentence's full stop, not an initial's
    quote.speaker, quote.speaker_start, quote.speaker_end = name, m.start(1), m.start(1) + len(name)


def _attach_introduction(ix: ArticleIndex, quote: Quote) -> None:
    """`Caddell continued:` closing a paragraph introduces the quote that opens the next;
    `Sanders made the following comment:` and `Obama is rolling out a new message: "..."`
    introduce it too, through the speech noun their verb takes as object. Failing a cue, a
    label before the quote may name the speaker (`_attach_label`)."""
    _attach_spoken_introduction(ix, quote)
    if quote.cue is None:
        _attach_label(ix, quote)


def _attach_spoken_introduction(ix: ArticleIndex, quote: Quote) -> None:
    text, spans, marked = ix.text, ix.paragraphs, ix.marked
    b_start, _ = spans[quote.paragraph]
    before = text[b_start : quote.start].rstrip(" \t\"\u201c\u2018'")
    if before:
        if before.endswith("."):
            _attach_bare_frame(ix, quote, ix.tokens_between(b_start, b_start + len(before)))
            return
        if not before.endswith(":"):
            return
        p_start, p_end = b_start, b_start + len(before)
    else:
        p_start, p_end = spans[quote.paragraph - 1]
        if not text[p_start:p_end].rstrip().endswith(":"):
            return
    last_sentence = _last_sentence(ix, ix.tokens_between(p_start, p_end))
    cue = find_cue(last_sentence[::-1], marked) if not before else None
    if cue is None:
        cue = next((t for t in last_sentence[::-1] if t.pos_ == "VERB" and not ix.inside_marks(t)
                    and any(c.dep_ == "dobj" and c.lemma_.lower() in INTRODUCING_NOUNS for c in t.children)), None)
    if cue is not None:
        _attach_cue(ix, quote, cue)


def _attach_bare_frame(ix: ArticleIndex, quote: Quote, tokens: list[Token]) -> None:
    """`Sam Lau, the party's spokesman, said in a statement. "There are no ballots to
    recount."`: a sentence whose main verb is a speech verb with a subject, right before the
    quote in its paragraph, introduces it as a colon would. One holding quote marks frames the
    quote in them (whose speaker a quote after it may carry on), so it introduces nothing; nor
    does a question (`Reporters asked Smith whether he would resign. "Absolutely not."`), whose
    answer is someone else's."""
    sentence = _last_sentence(ix, tokens)
    verb = next((t for t in sentence if t.dep_ == "ROOT"), None)
    if (verb is None or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBZ", "VBP") or not is_cue_lemma(verb.lemma_)
            or verb.lemma_ in ASKING_VERBS or not any(c.dep_ == "nsubj" for c in verb.children) or any(t.is_quote for t in sentence)):
        return
    _attach_cue(ix, quote, verb)


def _last_sentence(ix: ArticleIndex, tokens: list[Token]) -> list[Token]:
    """The tokens of `tokens` in the sentence of its last one."""
    first = ix.sentence_start(tokens[-1]) if tokens else 0
    return [t for t in tokens if t.i >= first]


def _attach_label(ix: ArticleIndex, quote: Quote) -> None:
    """Give a cue-less quote the speaker a label before it names: `- Brentford boss Martin
    Allen: "..."` (a list line), `Tom Reid, The Guardian: "..."` (a roundup: the name, not the
    outlet), or a paragraph `And from the mayor, Ann Okafor:` before the quote's."""
    text, spans = ix.text, ix.paragraphs
    b_start, _ = spans[quote.paragraph]
    start, end = b_start, quote.start
    if not text[b_start : quote.start].strip(" \t\"\u201c\u2018'") and quote.paragraph > (1 if ix.headline else 0):
        start, end = spans[quote.paragraph - 1]
    else:
        end = b_start + len(text[b_start : quote.start].rstrip(" \t\"\u201c\u2018'"))
    m = _QUOTE_LABEL.match(text, start, end)
    if m is None:
        return
    words = [t for t in ix.tokens_between(m.start(1), m.end(1)) if not t.is_punct]
    if not words or len(words) > MAX_QUOTE_LABEL_WORDS or any(t.pos_ in ("VERB", "AUX") or ix.inside_marks(t) for t in words):
        return
    if not any(t.ent_type_ == "PERSON" for t in words):
        return
    s_start, s_end = m.start(1), m.end(1)
    head, _, tail = text[s_start:s_end].partition(",")
    tail_words = [t for t in ix.tokens_between(s_start + len(head) + 1, s_end) if not t.is_punct]
    if tail and any(t.ent_type_ == "PERSON" for t in ix.tokens_between(s_start, s_start + len(head))) and not any(t.ent_type_ == "PERSON" for t in tail_words):
        s_end = s_start + len(head.rstrip())  # `Tom Reid, The Guardian`: the outlet is where it appeared
    quote.cue, quote.cue_start = ":", m.end(1)
    quote.speaker, quote.speaker_start, quote.speaker_end = text[s_start:s_end], s_start, s_end


def _label_quotes(ix: ArticleIndex, found: list[Quote]) -> list[Quote]:
    """Paragraphs (and headlines) opened by a speaker label: `NAME: what they say`."""
    out: list[Quote] = []
    text, spans, headline = ix.text, ix.paragraphs, ix.headline
    labels = [_LABEL.match(text, b_start, b_end) for b_start, b_end in spans]
    # an upper-case label is a speaker in a transcript, where it comes back turn after turn;
    # once, opening the story, it is a dateline (`GENEVA: ...`), even before the turns begin
    opening = 1 if headline else 0
    if opening < len(labels) and is_dateline_label(labels, opening):
        labels[opening] = None
    turns = sum(1 for m in labels if m is not None and m.group(1).isupper())
    for n, (b_start, b_end) in enumerate(spans):
        m = labels[n]
        if m is None:
            continue
        label = ix.tokens_between(m.start(1), m.end(1))
        words = [t for t in label if not t.is_punct]
        if headline and n == 0 and _headline_speaker(ix, label, found, m.end(0), b_end):
            continue
        shouted = bool(words) and all(t.text.isupper() for t in words if t.is_alpha) and turns > 1
        if not _names_a_speaker(words, headline and n == 0, shouted):
            continue
        start, end = m.end(0), _rstrip(text, m.end(0), b_end)
        opened = [q for q in found if q.start <= m.start(1) < q.end and not (q.cue_start is not None and b_start <= q.cue_start < b_end)]
        if shouted and opened:
            # the turn was read as a quote carried on from an earlier speaker: its label says who
            q = opened[0]
            q.start, q.text, q.cue, q.cue_start, q.carried = start, text[start : q.end], ":", m.end(1), False
            q.speaker, q.speaker_start, q.speaker_end, q.speaker_role = m.group(1), m.start(1), m.end(1), None
            q.mention_start = q.mention_end = None
            continue
        if any(q.start < end and start < q.end for q in found):
            continue  # the paragraph's quotes are attributed already
        q = Quote("indirect", text[start:end], start, end, n, cue=":", cue_start=m.end(1))
        q.speaker, q.speaker_start, q.speaker_end = m.group(1), m.start(1), m.end(1)
        out.append(q)
    return out


def is_dateline_label(labels: list, n: int) -> bool:
    """True when the upper-case label opening paragraph `n` (the story's first) is a dateline:
    a label no other paragraph opens with (`GENEVA:` before `LAVROV: ...`)."""
    m = labels[n]
    if m is None or not m.group(1).isupper():
        return False
    return not any(o is not None and o.group(1) == m.group(1) for k, o in enumerate(labels) if k != n)


def _names_a_speaker(words: list[Token], first_line: bool, shouted: bool) -> bool:
    """The words of a label before a colon are a speaker: a short name (an entity, a headline's
    label, or a transcript's upper-case turn), all proper nouns or capitals."""
    if not words or len(words) > MAX_LABEL_WORDS or len(words[0].text) < 2:
        return False
    named = any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words) or first_line
    # a headline's tagger often takes a name before a colon for a common noun
    capitalised = first_line and all(t.pos_ in ("NOUN", "PROPN") and t.text[:1].isupper() for t in words)
    return (named or shouted) and (capitalised or all(t.pos_ == "PROPN" or t.text.isupper() for t in words))


def _headline_speaker(ix: ArticleIndex, label: list[Token], found: list[Quote], start: int, end: int) -> bool:
    """`Pat Caddell: Democrat Voters Worried ...; It's 'in Their Heads'`, `A lesson from
    Loretta Lynch: 'Be the voice ...'`: a headline's label names who says what follows it, so
    the quotes after the colon are the named person's (or organisation's), whatever the words
    inside them seem to say. True when the label named someone for a quote found there."""
    quotes = [q for q in found if start <= q.start < end]
    named = [t for t in label if t.ent_type_ == "PERSON"] or [t for t in label if t.ent_type_ in ("ORG", "NORP")]
    if not quotes or not (named or _named_in_story(ix, label)):
        return False
    if named:
        first = last = named[0]
        while last.i + 1 < len(first.doc) and first.doc[last.i + 1].ent_type_ == first.ent_type_ and first.doc[last.i + 1].ent_iob_ == "I":
            last = first.doc[last.i + 1]
    else:
        words = [t for t in label if not t.is_punct]
        first, last = words[0], words[-1]
    for q in quotes:
        if q.speaker_start is None or q.speaker_start >= start:
            q.speaker, q.speaker_start, q.speaker_end = ix.text[first.idx : last.idx + len(last)], first.idx, last.idx + len(last)
            q.mention_start = q.mention_end = None
            q.speaker_role, q.cue, q.cue_start, q.carried = None, q.cue or ":", q.cue_start if q.cue else start - 2, False
    return True


def _named_in_story(ix: ArticleIndex, label: list[Token]) -> bool:
    """`Trump: 'I'm the Worst Thing ...'`, `Reid: 'Never ... underestimate Trump.'`: out of
    context the recogniser seldom takes a headline's lone name for an entity, and the tagger
    reads it as a common noun. A short label of capitalised nouns is a name when the story
    below names a person, organisation or group ending in the same word."""
    words = [t for t in label if not t.is_punct]
    if not words or len(words) > MAX_LABEL_WORDS or not all(t.pos_ in ("NOUN", "PROPN") and t.text[:1].isupper() for t in words):
        return False
    body = ix.paragraphs[1][0] if len(ix.paragraphs) > 1 else len(ix.text)
    last = words[-1].text
    return any(e.label_ in ("PERSON", "ORG", "NORP") and e.start_char >= body and e[-1].text == last for e in ix.doc.ents)


def _carry_speakers(ix: ArticleIndex, quotes: list[Quote]) -> None:
    """A quote with no cue, or only a bare participle (`adding, "..."`), continues the previous
    speaker within the same or next paragraph.

    Newswire runs a speaker's quotes on without repeating `he said`; it always names a new
    speaker, so the most recent quote's speaker is the right one while nobody else has spoken:
    a speech verb with another subject in between (`Jones disagreed.`) stops the carry. A quote
    in between that names nobody (`"...," he told Reuters when asked if he had met Trump.
    "..."`: what he was asked) names no new speaker either, so the carry reaches past it.
    """
    for i, q in enumerate(quotes):
        if q.speaker is not None or i == 0 or q.cue is not None and not _bare_participle(ix, q):
            continue
        prev = next((p for p in quotes[i - 1 :: -1] if p.speaker is not None), None)
        if prev is None or q.paragraph - prev.paragraph > 1:
            continue
        if _someone_else_spoke(ix, prev, q):
            continue
        q.speaker, q.speaker_start, q.speaker_end = prev.speaker, prev.speaker_start, prev.speaker_end
        q.mention_start, q.mention_end = prev.mention_start, prev.mention_end
        q.carried = True


def _bare_participle(ix: ArticleIndex, quote: Quote) -> bool:
    """`"...," adding, "..."`: a participle cue set off by a comma, with no subject of its own,
    goes on with the speaker before it, as a quote with no cue does (`signs saying "..."` does not)."""
    if not quote.cue or quote.speaker is not None or quote.cue_start is None or not quote.cue.split()[0].lower().endswith("ing"):
        return False
    return ix.text[max(0, quote.cue_start - 4) : quote.cue_start].rstrip(" \u201d\"'\u2019").endswith(",")


def _someone_else_spoke(ix: ArticleIndex, prev: Quote, quote: Quote) -> bool:
    for t in ix.tokens_between(prev.end, quote.start):
        if t.idx == prev.cue_start or t.pos_ != "VERB" or not is_cue_lemma(t.lemma_):
            continue
        head = speaker_token(ix, t)
        if head is not None and not (prev.speaker_start is not None and prev.speaker_start <= head.idx < (prev.speaker_end or 0)):
            return True
    return False

"""Direct and mixed quotes: the words between quote marks, with the cue and speaker found in
the attribution zones either side, and passages interrupted by a bare attribution
(`"...," he said, "..."`) joined into one quote. Quoted names and titles are not quotes."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..index import ArticleIndex
from ..lexicon.cues import is_cue_lemma
from ..lexicon.quoting import ALL_MARKS, RELATIVE_WORDS, TITLE_NOUNS
from ..marks import MarkedSpan, _context, labelled, title_cased
from .content import _content_span, _mixed_content
from .cues import _is_according_to, find_cue
from .quote import Quote
from .reported import _outer_frame
from .speakers import SUBJECT_DEPS, _attach_cue, _closing_mark_before, speaker_in_content

# A title noun in apposition right after a quoted name: `"Chi-Raq," a movie by Spike Lee`.
_TITLE_AFTER = re.compile(r"[\s,\u201d\"']*(?:a|an|the|his|her|their)\s+(?:[\w'-]+\s+){0,3}?(?:%s)\b" % "|".join(sorted(TITLE_NOUNS)), re.I)
# An attribution longer than this between two quoted passages is a sentence of its own.
MAX_FRAME_WORDS = 30


def _quote_from_marks(ix: ArticleIndex, span: MarkedSpan) -> Quote | None:
    """The direct or mixed quote between the marks of `span`, or None for a label or a
    fragment nobody is said to have said."""
    text, marked = ix.text, ix.marked
    ls, le, rs, re_ = _context(text, span, marked, ix.paragraphs[span.paragraph])
    left = ix.tokens_between(ls, le)
    right = ix.tokens_between(rs, re_)
    in_headline = ix.headline and span.paragraph == 0
    left_text, right_text = text[ls:le], text[rs:re_]
    quoted = text[span.start : span.end]
    if _is_label(ix, span, left, right_text):
        return None
    cue = _cue_of_marks(ix, span, left, right, quoted, in_headline)
    kind = "direct" if in_headline else _mark_kind(left_text, right_text, quoted, cue, span)
    if kind == "mixed" and cue is not None and not _is_according_to(cue):
        # a fragment quoted inside what someone said is theirs: `Clinton says it means Trump
        # "may not have paid a dime"` quotes Clinton, not `it`
        cue = _outer_frame(ix, cue) or cue
    if kind == "mixed" and cue is None:
        return None  # a quoted phrase nobody is said to have said: a scare quote or a title
    quote = Quote(kind, quoted, span.start, span.end, span.paragraph)
    if kind == "mixed":
        quote.start, quote.end = _mixed_content(ix, cue, span)
        quote.text = text[quote.start : quote.end]
    _attach_cue(ix, quote, cue, span)
    return quote


def _cue_of_marks(ix: ArticleIndex, span: MarkedSpan, left: list[Token], right: list[Token], quoted: str,
                  in_headline: bool) -> Token | None:
    """The cue of the quote in `span`, from the tokens of its attribution zones."""
    marked = ix.marked
    # nearest first: the right side reads outwards from the closing mark, the left inwards
    cue = find_cue(right + left[::-1], marked, headline=in_headline)
    if cue is None and not in_headline:
        cue = _frame_verb(right, quoted)
    if cue is not None and cue.idx > span.end and _in_a_later_sentence(ix, cue, span):
        # `Htay Oo told Reuters simply, "We lost." T-shirts appeared that said ...`: a frame
        # before the quote in its sentence is nearer than a cue in the next sentence
        cue = find_cue(left[::-1], marked, headline=in_headline) or cue
    if cue is not None and cue.idx > span.end and _has_own_content(ix, cue, span) and not _continues_in_quote(ix, cue, span):
        # `"...". Smith said the plan failed`: that cue has content of its own, so the
        # attribution, if any, is before the quote
        cue = find_cue(left[::-1], marked, headline=in_headline)
    elif cue is not None and cue.idx > span.end:
        # `Kerry said the United States would take "robust steps" in response, and he urged
        # ...`: a fragment inside the clause a speech verb before it reports is that verb's,
        # whatever cue comes after
        before = find_cue(left[::-1], marked, headline=in_headline)
        content = _content_span(ix, before) if before is not None and not _is_according_to(before) and is_cue_lemma(before.lemma_, has_clause=True) else None
        if content is not None and content.start_char < span.start and span.end <= content.end_char + 1:
            cue = before
    return cue


def _frame_verb(right: list[Token], quoted: str) -> Token | None:
    """`"France will always be France," an angry Hollande retaliated`; `"Let me talk," Trump
    shot back`: a quote closed by a comma, question or exclamation mark and followed at once by
    a subject and its verb is framed by that verb, whatever the verb."""
    if not re.search(r"[,?!\u2014]\W*$", quoted) or len(quoted.split()) < 3 or not quoted[:1].isupper():
        return None
    words = [t for t in right if not (t.is_punct or t.is_space)][:6]
    verb = next((t for t in words if t.pos_ == "VERB"), None)
    if verb is None or verb.dep_ not in ("ROOT", "parataxis", "conj", "ccomp"):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN", "PRON") and c.lower_ not in RELATIVE_WORDS]
    if not subjects or not words or subjects[0].left_edge.i != words[0].i and words[0].i != verb.i:
        return None
    return verb


def _join_interrupted(ix: ArticleIndex, quotes: list[Quote]) -> list[Quote]:
    """Join two quoted passages around a bare attribution into one quote.

    `"We will win," Smith said. "They know it."` and `"We will win," he said, "and soon."`
    are one utterance interrupted by its attribution: the cue between them is the first
    passage's, and the second has none of its own. The quote's text is the quoted words of
    both passages joined by a space, without the attribution; its offsets run from the first
    passage to the last. An attribution that says more than who
    spoke and to whom (`Erdogan told reporters before departing for Azerbaijan.`) has a verb
    of its own and ends the first quote.
    """
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start):
        prev = out[-1] if out else None
        if prev is not None and prev.kind == q.kind == "mixed" and q.start < prev.end:
            # `accused the campaign of being "duped" by "a con"`: fragments of one content
            prev.end = max(prev.end, q.end)
            prev.text = ix.text[prev.start : prev.end]
            continue
        if (
            prev is not None and prev.kind == "direct" and q.kind == "direct" and prev.paragraph == q.paragraph
            and prev.cue_start is not None and q.cue_start in (None, prev.cue_start) and prev.end <= prev.cue_start < q.start
            and _bare_frame(ix, prev.end, q.start, prev.cue_start)
        ):
            prev.end, prev.text = q.end, f"{prev.text} {q.text}"
            continue
        out.append(q)
    return out


def _end_before_direct(ix: ArticleIndex, quotes: list[Quote]) -> list[Quote]:
    """Where a mixed quote's content runs into a direct quote, one passage stands in two rows.
    A direct quote whose marks open after a comma or colon, or that goes on past the mixed
    quote, is a quote of its own (`Trump said Romney "had a crazy policy," adding, "He lost
    all of the Latino vote."`): the mixed quote ends with its last fragment before it, `"had a
    crazy policy,"`, without the next one's frame. Any other is a fragment the sentence closes
    (`Americans are "right to be angry," but hungry for what she calls "real solutions."`),
    so the mixed quote keeps it and the direct row goes. Returns the quotes kept, in order."""
    mixed = [q for q in quotes if q.kind == "mixed"]
    runs_into = {}  # id of a direct quote -> (the mixed quote it overlaps, its mark, whether it is its own)
    for d in (d for d in quotes if d.kind == "direct"):
        mark = len(ix.text[: d.start].rstrip(ALL_MARKS))  # where its opening mark (`"`, `''`) begins
        q = next((q for q in mixed if q.start < mark < q.end), None)
        if q is not None:
            own = ix.text[:mark].rstrip()[-1:] in ",:" or d.end > q.end + 1
            runs_into[id(d)] = (q, mark, own)
    for q, mark, own in sorted(runs_into.values(), key=lambda v: -v[1]):
        fragments = [m for m in ix.marked if q.start <= m.start - 1 and m.end < mark]
        if own and fragments:
            closing = ix.tokens_between(fragments[-1].end, mark)
            q.end = closing[0].idx + len(closing[0]) if closing and closing[0].is_quote else fragments[-1].end
            q.text = ix.text[q.start : q.end]
    return [d for d in quotes if id(d) not in runs_into or runs_into[id(d)][2]]


def _bare_frame(ix: ArticleIndex, start: int, end: int, cue_start: int) -> bool:
    """The text between two quotes holds only an attribution.

    Who spoke may be described at length (`said Robert McAtee, one of several coal industry
    veterans who have come to work with Mr. Clarke`), and where and when (`at the dinner in
    Washington, where Mrs. Clinton also spoke`), but a verb of the frame's own (`told
    reporters before departing for Azerbaijan`) makes it a sentence that ends the quote.
    """
    tokens = [t for t in ix.tokens_between(start, end) if not (t.is_punct or t.is_space)]
    if not tokens or len(tokens) > MAX_FRAME_WORDS:
        return False
    for t in tokens:
        if t.pos_ != "VERB" or t.idx == cue_start:
            continue
        node = t
        while node.head.i != node.i and node.idx != cue_start and node.dep_ not in ("relcl", "acl", "appos"):
            node = node.head
        if node.dep_ not in ("relcl", "acl", "appos"):
            return False
    return True


def _is_label(ix: ArticleIndex, span: MarkedSpan, left: list[Token], right_text: str) -> bool:
    """`the so-called "deal"`, `the film "Gone With the Wind"`: names and labels, not speech."""
    quoted = ix.text[span.start : span.end]
    words = quoted.split()
    if not left or len(words) > 8:
        return False
    if labelled(ix.text, span):
        return True
    # `the HBO series Westworld "The Bicameral Mind"`: a title noun, a name, then the title
    if left[-1].pos_ == "PROPN" and len(left) > 1 and left[-2].lower_ in TITLE_NOUNS:
        return True
    # `"Chi-Raq," a movie about Chicago violence`: the phrase after the marks says what it names
    if _TITLE_AFTER.match(right_text):
        return True
    capitalised = [w for w in words if w[:1].isalpha() and len(w) > 3]
    return bool(capitalised) and all(w[0].isupper() for w in capitalised) and not re.search(r"[,.?!]\W*$", quoted) and right_text[:1] not in ",."


def _mark_kind(left_text: str, right_text: str, quoted: str, cue: Token | None, span: MarkedSpan) -> str:
    """`direct` when the marks hold a whole utterance, `mixed` when they hold a fragment."""
    left = left_text.strip()
    starts_clean = (
        not left
        or left.endswith((":", ",", "\u2014", "-"))
        or (cue is not None and cue.idx < span.start and left.endswith(cue.text))
    )
    if span.open_end:
        ends_clean = True
    else:
        right = right_text.lstrip()
        ends_clean = bool(re.search(r"[,.?!\u2026\u2014-]\W*$", quoted)) or not right or right[0] in ",.;:?!\u2014-"
    if starts_clean and ends_clean:
        return "direct"
    if starts_clean and not left and quoted[:1].isupper() and len(quoted.split()) > 5:
        return "direct"
    return "mixed"


def _in_a_later_sentence(ix: ArticleIndex, cue: Token, span: MarkedSpan) -> bool:
    """Whether `cue`, after the quote in `span`, stands in a sentence starting after the quote's
    last word, while the quote opens inside a sentence begun before it: on the same line as
    the words before it, after a verb of that sentence (`Htay Oo told the agency simply,
    "We lost."`)."""
    words = [t for t in ix.tokens_between(span.start, span.end) if not t.is_punct]
    if not words:
        return False
    first = ix.sentence_start(words[0])
    return ix.sentence_start(cue) > words[-1].i and first < words[0].i and not ix.doc[words[0].i - 1].is_space and any(
        t.pos_ in ("VERB", "AUX") for t in ix.doc[first : words[0].i])


def _continues_in_quote(ix: ArticleIndex, cue: Token, span: MarkedSpan) -> bool:
    """`"Now that I'm out," he told the host, "it was demoralizing."`: the content the cue
    reports is the quote resumed after it, so the frame belongs to both passages."""
    content = _content_span(ix, cue)
    if content is None:
        return False
    # the parser may also run the speaker into the resumed quote's clause (`'...,' said Mr
    # Johnson, before adding: 'This is ...'` read with `Johnson` the subject of `is`): its
    # verb still lies in the later marks
    inverted = _closing_mark_before(cue) is not None
    return any(m.paragraph == span.paragraph and m.start > span.end
               and (m.start - 2 <= content.start_char < m.end or inverted and m.start <= content.root.idx < m.end) for m in ix.marked)


def _subject_beside(ix: ArticleIndex, cue: Token, span: MarkedSpan) -> bool:
    """The frame right after the quote's closing mark: nothing but the verb's subject (or
    nothing) between them (`," protesters chanted`, `," chanted the crowd`)."""
    subject = {w.i for s in cue.children if s.dep_ in SUBJECT_DEPS for w in s.subtree}
    return all(t.i in subject or t.is_punct or t.is_space for t in ix.tokens_between(span.end, cue.idx))


def _has_own_content(ix: ArticleIndex, cue: Token, span: MarkedSpan) -> bool:
    """Whether `cue`, after the quote in `span`, reports a content of its own that begins after
    the quote (`"...". Smith said the plan failed`), so that it is not the quote's frame."""
    content = _content_span(ix, cue)
    if content is None:
        return False
    # `"...," tweeted a German user`, `"...," said Robin Maynard, half joking`: the parser
    # took who spoke for the object or the clause of an inverted frame
    if speaker_in_content(cue, content):
        return False
    quoted = ix.text[span.start : span.end]
    if (content.root.pos_ in ("NOUN", "PROPN") and re.search(r",\W*$", quoted) and not title_cased(quoted)
            and _subject_beside(ix, cue, span)):
        # `"Enough is enough," protesters chanted outside parliament`: a quote closed by a
        # comma and its frame right after it is what the frame reports; a noun after the verb
        # says where or to whom, or is the parser's misreading
        return False
    return content.start_char > span.end

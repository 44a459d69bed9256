"""Quotes: direct, mixed and reported speech, each with its cue and speaker mention.

Three kinds, as media researchers count them:

- `direct`: the words inside quote marks are the whole of what is attributed
  (`"This will happen soon," the official said.`);
- `mixed`: a quoted fragment inside reported speech
  (`Lavrov accused some governments of "a desire to justify ..."`);
- `indirect`: reported speech with no quote marks (`Erdogan said no consensus was reached`,
  `according to the ministry, ...`).

Quote marks are found by scanning each paragraph; cues and speakers come from spaCy's
dependency parse. The speaker here is the mention as written (`he`, `the Turkish official`);
`sources.py` resolves it to a canonical source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .articles import block_of, block_spans
from .cues import ACCORDING_TO, AUDIENCE_VERBS, PASSIVE_FRAMES, is_cue_lemma

KINDS = ("direct", "mixed", "indirect")

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u2039"  # ‘ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
_TERMINATOR = re.compile(r"[.?!](?=\s|$)")

# Words before a quoted phrase that make it a name or a label, not somebody's words:
# `the so-called "deal"`, `a film titled "Sicario"`.
LABEL_WORDS = frozenset({"so-called", "dubbed", "titled", "entitled", "nicknamed", "named", "called", "termed", "branded", "labelled", "labeled", "known", "word", "words", "phrase", "term", "slogan", "hashtag"})
TITLE_NOUNS = frozenset({"film", "movie", "book", "novel", "song", "album", "show", "series", "play", "documentary", "episode", "column", "article", "report", "programme", "program", "podcast", "poem", "painting", "exhibition"})

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


@dataclass
class Quote:
    """One attributed quote. Offsets are into the Doc's text (an Article's `text`)."""

    kind: str
    text: str
    start: int
    end: int
    paragraph: int
    cue: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_canonical: str = "unknown"
    speaker_type: str = "unknown"
    carried: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def in_headline(self) -> bool:
        return self.paragraph == 0

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+(?:['\u2019]\w+)?", self.text))


@dataclass
class MarkedSpan:
    """Text between quote marks in one paragraph; `open_end` when no closing mark was found."""

    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    paragraph: int
    open_end: bool = False


# ---------------------------------------------------------------------------- quote marks


def _opens(text: str, i: int) -> bool:
    """A straight or ambiguous mark opens a quote when nothing word-like stands before it."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014\u2013-/\u201c\u2018:"


def _is_apostrophe(text: str, i: int) -> bool:
    """`Syria’s`, `don’t`, `’90s`: a single mark inside or before a word is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() and after.isalnum()) or (after.isdigit() and not before.isalnum())


def find_marked_spans(text: str, start: int, end: int, paragraph: int, single: bool) -> list[MarkedSpan]:
    """Find quoted stretches in `text[start:end]`.

    Double marks (curly or straight) always count; single marks count when `single` is true
    (headlines, and articles that use single marks throughout). Single marks inside a double
    quote are a nested quote and stay part of it. A quote left open at the end of the
    paragraph is returned with `open_end=True`: newswire leaves the closing mark off when the
    quote goes on in the next paragraph.
    """
    spans: list[MarkedSpan] = []
    open_at: int | None = None
    open_kind = ""
    for i in range(start, end):
        c = text[i]
        is_double = c in DOUBLE_OPEN or c in DOUBLE_CLOSE or c == '"'
        is_single = single and (c in SINGLE_OPEN or c in SINGLE_CLOSE or c == "'")
        if not (is_double or is_single):
            continue
        kind = "d" if is_double else "s"
        if is_single and open_kind == "d":
            continue  # nested quote, part of the outer one
        if open_at is None:
            if kind == "s" and (c in SINGLE_CLOSE or _is_apostrophe(text, i)) and not (c == "'" and _opens(text, i)):
                continue
            if c in DOUBLE_OPEN or c in SINGLE_OPEN or _opens(text, i):
                open_at, open_kind = i, kind
            continue
        if kind != open_kind:
            continue
        if kind == "s" and _is_apostrophe(text, i):
            continue
        closes = c in DOUBLE_CLOSE or c in SINGLE_CLOSE or not _opens(text, i)
        if closes:
            spans.append(MarkedSpan(open_at + 1, i, paragraph))
            open_at = None
        else:  # a second opening mark: the first quote was never closed
            spans.append(MarkedSpan(open_at + 1, _rstrip(text, open_at + 1, i), paragraph, open_end=True))
            open_at = i
    if open_at is not None:
        spans.append(MarkedSpan(open_at + 1, _rstrip(text, open_at + 1, end), paragraph, open_end=True))
    return [s for s in spans if re.search(r"\w", text[s.start : s.end])]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def uses_single_marks(text: str) -> bool:
    """True for texts quoted with single marks throughout (no double marks at all)."""
    return not re.search(r"[\"\u201c\u201d\u201e\u00ab\u00bb]", text)


# ---------------------------------------------------------------------------- cues and speakers


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    return [t for t in doc if start <= t.idx and t.idx + len(t) <= end]


def _inside(i: int, spans: list[MarkedSpan]) -> bool:
    return any(s.start - 1 <= i <= s.end for s in spans)


def find_cue(tokens: list[Token], quoted: list[MarkedSpan], headline: bool = False) -> Token | None:
    """The cue among `tokens`: a speech verb outside quote marks, or `according` of `according to`.

    Tokens are given nearest-first. In a headline, whose verb is often not a speech verb
    (`Lavrov rejects ... as 'capitulating ...'`), the main verb serves as cue.
    """
    for t in tokens:
        if _inside(t.idx, quoted):
            continue
        if _is_according_to(t):
            return t
        if t.pos_ in ("VERB", "AUX") and is_cue_lemma(t.lemma_, has_clause=_has_clause(t)):
            return t
    if headline:
        for t in tokens:
            if t.dep_ == "ROOT" and t.pos_ == "VERB" and not _inside(t.idx, quoted):
                return t
    return None


def _is_according_to(t: Token) -> bool:
    nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
    return t.lower_ == ACCORDING_TO[0] and nxt is not None and nxt.lower_ == ACCORDING_TO[1]


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def cue_text(cue: Token) -> str:
    """The cue as a phrase: `said`, `told`, `according to`, `was quoted as saying`."""
    if _is_according_to(cue):
        return "according to"
    return cue.text


def speaker_token(cue: Token) -> Token | None:
    """The head token of the speaker of `cue`, following the grammar of reporting frames.

    `X said` (subject), `said X` (inverted subject), `according to X` (object of `to`),
    `X was quoted as saying` (subject of the passive frame), `X said ... and added` (subject
    shared with the first verb of a coordination).
    """
    if _is_according_to(cue):
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    verb = cue
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return subjects[0]
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents[0]
        if verb.dep_ in ("conj", "xcomp", "pcomp", "advcl") or verb.head.lemma_ in PASSIVE_FRAMES:
            if verb.head is verb:
                break
            verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
            continue
        break
    return None


def speaker_phrase(head: Token) -> tuple[int, int, str | None]:
    """`(start, end, role)` of the speaker mention headed by `head`.

    A name inside the phrase is the mention (`ICRC spokeswoman Ruth Hetherington` gives `Ruth
    Hetherington`, role `ICRC spokeswoman`); otherwise the noun phrase without relative
    clauses and appositions (`A Turkish security official`). An apposition (`Yusef Hamoud,
    spokesman for the National Army`) is the role.
    """
    doc = head.doc
    role_parts: list[str] = []
    appos = [c for c in head.children if c.dep_ == "appos"]
    if appos:
        a = appos[0]
        tokens = [t for t in a.subtree if t.dep_ not in ("relcl",)]
        role_parts.append(doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,"))
    ent = next((e for e in doc.ents if e.start <= head.i < e.end and e.label_ in ("PERSON", "ORG", "NORP", "GPE")), None)
    if ent is not None and ent.label_ == "PERSON":
        pre = [t for t in head.lefts if t.i < ent.start and t.dep_ in ("compound", "amod", "nmod", "poss", "det")]
        if pre:
            start_tok = min(t.left_edge.i for t in pre)
            pre_text = doc[start_tok : ent.start].text.strip(" ,")
            pre_text = re.sub(r"^(the|a|an)\s+", "", pre_text, flags=re.I)
            if pre_text and not pre_text.lower().rstrip(".") in ("mr", "mrs", "ms", "dr"):
                role_parts.insert(0, pre_text)
        return ent.start_char, ent.end_char, "; ".join(role_parts) or None
    skip = {t.i for c in head.children if c.dep_ in ("appos", "relcl", "acl", "punct") and c.i > head.i for t in c.subtree}
    keep = [t for t in head.subtree if t.i not in skip]
    # stop at the first gap: a trailing clause separated by commas is not part of the name
    first, last = keep[0].i, head.i
    for t in keep:
        if t.i > head.i and t.i == last + 1:
            last = t.i
    span = doc[first : last + 1]
    while len(span) > 1 and span[-1].is_punct:
        span = span[:-1]
    return span.start_char, span.end_char, "; ".join(role_parts) or None


# ---------------------------------------------------------------------------- extraction


def extract_quotes(doc: Doc, headline: bool = True) -> list[Quote]:
    """All quotes of a parsed text, in text order.

    The first line of the text is treated as its headline when `headline` is true. Quotes
    come with kind, text, offsets, paragraph (0 = headline), cue and speaker mention; the
    canonical speaker is left `unknown` for `sources.resolve_speakers` to fill.
    """
    text = doc.text
    single_everywhere = uses_single_marks(text)
    spans = block_spans(text)
    marked: list[MarkedSpan] = []
    for n, (b_start, b_end) in enumerate(spans):
        in_headline = headline and n == 0
        marked += find_marked_spans(text, b_start, b_end, n, single=in_headline or single_everywhere)
    quotes = [q for q in (_quote_from_marks(doc, s, marked, headline) for s in marked) if q]
    quotes += _indirect_quotes(doc, marked, quotes, spans)
    quotes.sort(key=lambda q: q.start)
    _carry_speakers(quotes, text)
    return quotes


def _context(text: str, span: MarkedSpan, marked: list[MarkedSpan], block: tuple[int, int]) -> tuple[int, int, int, int]:
    """Attribution zones around a quote: `(left_start, left_end, right_start, right_end)`.

    Left: back to the previous quote or the last sentence end outside quotes. Right: on to
    the next quote or the next sentence end.
    """
    b_start, b_end = block
    prev_end = max([s.end + 1 for s in marked if s.paragraph == span.paragraph and s.end < span.start] + [b_start])
    next_start = min([s.start - 1 for s in marked if s.paragraph == span.paragraph and s.start > span.end] + [b_end])
    left_end = span.start - 1
    left_start = prev_end
    for m in _TERMINATOR.finditer(text, prev_end, left_end):
        left_start = m.end()
    right_start = min(span.end + 1, b_end)
    m = _TERMINATOR.search(text, right_start, next_start)
    right_end = m.end() if m else next_start
    return left_start, left_end, right_start, right_end


def _quote_from_marks(doc: Doc, span: MarkedSpan, marked: list[MarkedSpan], headline: bool) -> Quote | None:
    text = doc.text
    block = block_spans(text)[span.paragraph]
    ls, le, rs, re_ = _context(text, span, marked, block)
    left = _tokens_between(doc, ls, le)
    right = _tokens_between(doc, rs, re_)
    in_headline = headline and span.paragraph == 0
    left_text, right_text = text[ls:le], text[rs:re_]
    quoted = text[span.start : span.end]
    if _is_label(left, quoted, right_text):
        return None
    # nearest first: the right side reads outwards from the closing mark, the left inwards
    cue = find_cue(right + left[::-1], marked, headline=in_headline)
    if cue is not None and cue.idx > span.end and _has_own_content(cue, span):
        cue = None  # `"...". Smith said the plan failed`: that cue has content of its own
    kind = "direct" if in_headline else _mark_kind(left_text, right_text, quoted, cue, span)
    if kind == "mixed" and cue is None:
        return None  # a quoted phrase nobody is said to have said: a scare quote or a title
    quote = Quote(kind, quoted, span.start, span.end, span.paragraph)
    if kind == "mixed" and cue is not None:
        content = _content_span(cue)
        if content is not None and content.start_char <= span.start - 1 and span.end <= content.end_char:
            quote.start, quote.end = content.start_char, content.end_char
            quote.text = text[quote.start : quote.end]
    _attach_cue(quote, cue)
    return quote


def _is_label(left: list[Token], quoted: str, right_text: str) -> bool:
    """`the so-called "deal"`, `the film "Gone With the Wind"`: names and labels, not speech."""
    words = quoted.split()
    if not left or len(words) > 8:
        return False
    before = left[-1].lower_
    if before in LABEL_WORDS or (len(left) > 1 and left[-2].lower_ in ("so", "so-called")):
        return True
    if before in TITLE_NOUNS or (left[-1].pos_ == "PROPN" and len(left) > 1 and left[-2].lower_ in TITLE_NOUNS):
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


def _has_own_content(cue: Token, span: MarkedSpan) -> bool:
    content = _content_span(cue)
    return content is not None and content.start_char > span.end


def _content_span(cue: Token) -> Span | None:
    """What the cue reports: its clausal complement, or the clause it interrupts."""
    doc = cue.doc
    if _is_according_to(cue):
        sent = cue.sent
        phrase = list(cue.subtree)
        left = doc[sent.start : phrase[0].i]
        right = doc[phrase[-1].i + 1 : sent.end]
        return _trim(right if len(right) >= len(left) else left)
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    if not comps and cue.lemma_ not in AUDIENCE_VERBS:
        comps = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if comps:
        c = comps[0]
        return _trim(doc[c.left_edge.i : c.right_edge.i + 1])
    # `An airstrike struck a school, activists said, as ...`: the cue is a parenthetical
    # (parataxis) attached to the clause it reports on
    if cue.dep_ in ("parataxis",) and cue.head.i < cue.i:
        head = cue.head
        own = {t.i for t in cue.subtree}
        tokens = [t for t in head.subtree if t.i not in own and t.i < min(own)]
        if tokens:
            return _trim(doc[tokens[0].i : tokens[-1].i + 1])
    return None


def _trim(span: Span) -> Span | None:
    while len(span) and (span[0].is_punct or span[0].dep_ == "mark" and span[0].lower_ == "that" or span[0].is_space):
        span = span[1:]
    while len(span) and (span[-1].is_punct and span[-1].text not in ALL_MARKS or span[-1].is_space):
        span = span[:-1]
    return span if len(span) >= 2 else None


def _attach_cue(quote: Quote, cue: Token | None) -> None:
    if cue is None:
        return
    quote.cue = cue_text(cue)
    head = speaker_token(cue)
    if head is None:
        return
    start, end, role = speaker_phrase(head)
    quote.speaker = cue.doc.text[start:end]
    quote.speaker_start, quote.speaker_end, quote.speaker_role = start, end, role


def _indirect_quotes(doc: Doc, marked: list[MarkedSpan], found: list[Quote], spans: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: a cue with a speaker and a complement clause, outside quote marks."""
    taken = [(q.start, q.end) for q in found]
    out: list[Quote] = []
    for t in doc:
        if _inside(t.idx, marked):
            continue
        is_according = _is_according_to(t)
        if not is_according and not (t.pos_ in ("VERB", "AUX") and is_cue_lemma(t.lemma_, has_clause=_has_clause(t))):
            continue
        content = _content_span(t)
        if content is None or len(content) < 3:
            continue
        start, end = content.start_char, content.end_char
        if any(s < end and start < e for s, e in taken):
            continue
        if any(s.start - 1 < end and start < s.end + 1 for s in marked):
            continue  # holds quote marks: the quote itself was attributed above
        if speaker_token(t) is None:
            continue
        if block_of(spans, start) != block_of(spans, t.idx) and not is_according:
            continue
        q = Quote("indirect", doc.text[start:end], start, end, block_of(spans, start))
        _attach_cue(q, t)
        taken.append((start, end))
        out.append(q)
    return out


def _carry_speakers(quotes: list[Quote], text: str) -> None:
    """A quote with no cue continues the previous speaker within the same or next paragraph.

    Newswire runs a speaker's quotes on without repeating `he said`; it always names a new
    speaker, so the most recent quote's speaker is the right one while nobody else has spoken.
    """
    for i, q in enumerate(quotes):
        if q.cue is not None or q.speaker is not None or i == 0:
            continue
        prev = quotes[i - 1]
        if prev.speaker is None or q.paragraph - prev.paragraph > 1:
            continue
        q.speaker, q.speaker_start, q.speaker_end = prev.speaker, prev.speaker_start, prev.speaker_end
        q.carried = True


# ---------------------------------------------------------------------------- spaCy component


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


@Language.factory("medialens_quotes", default_config={"headline": True})
def make_quote_component(nlp: Language, name: str, headline: bool) -> "QuoteComponent":
    """Factory for `nlp.add_pipe("medialens_quotes")`: sets `doc._.quotes`."""
    return QuoteComponent(headline)


class QuoteComponent:
    """Pipeline component storing `extract_quotes(doc)` on `doc._.quotes`."""

    def __init__(self, headline: bool = True):
        self.headline = headline

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, headline=self.headline)
        return doc

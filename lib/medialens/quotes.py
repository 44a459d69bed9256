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

Newswire conventions followed, each pinned by a test in tests/test_quotes.py:

- the attribution before, after or inside the quote; a quote interrupted by a bare
  attribution (`"...," he said, "..."`) is one quote;
- cues are the verbs and phrases of `cues.py`, with `according to X`, passive frames
  (`X was quoted as saying`), inverted subjects (`said Mr. Smith`), a dash signing a quote
  (`" ..." ― Esther Tapia`), a speaker label (`Sanders: ...`, transcripts' `PENCE: ...`) and a
  paragraph ending in `said:` introducing the next;
- a quote left open at a paragraph's end goes on in the next; single marks count in headlines;
  apostrophes are not closing marks; single marks inside double ones are a nested quote;
- quoted names and labels (`the so-called "deal"`, a book's title) are not quotes;
- a quote with no cue continues the previous quote's speaker, within the same or the next
  paragraph only; otherwise its speaker stays unknown, and the quote is kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import numpy
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, POS
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .articles import block_of, block_spans
from .lexicon.cues import ACCORDING_TO, AUDIENCE_VERBS, CLAUSE_NOUNS, IMPERSONAL_FRAMES, INTRODUCING_NOUNS, PASSIVE_FRAMES, POLL_NOUNS, QUOTE_ONLY_VERBS, SPEECH_NOUNS, content_relations, is_cue_lemma
from .pipeline import doc_text, text_slice
from .source_patterns import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, GROUP_NOUNS, ORGANISATION_NOUNS, PERSON_SUFFIXES

KINDS = ("direct", "mixed", "indirect")
RELATIVE_WORDS = frozenset({"who", "whom", "which", "that"})
# an adverbial clause opened by one of these, hung on the cue after its content, gives the
# speaker's reason and goes on with what was said (`said the claim was false, because ...`)
REPORTED_REASON_MARKS = frozenset({"because", "since"})

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u2039"  # ‘ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
# every character that can be a quote mark: the scan for quotes visits only these
_MARK_CHARS = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'") + "]")
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
# A sentence ends at . ? ! before white space, except after a title or an initial: `Mr. Obama
# said`, `Sen. Ted Cruz`, `Laurence H. Tribe`, `U.S. officials`.
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Rep", "Sen", "Gov", "Gen", "Lt", "Col", "Sgt", "Rev",
                  "Prof", "No", "Vs", "vs", r"[A-Z]", r"[A-Z]\.[A-Z]")
# the mark comes first so that the regex engine looks behind only at a `.`, `?` or `!`
_TERMINATOR = re.compile(r"[.?!]" + "".join(rf"(?<!\b{a}[.?!])" for a in _ABBREVIATIONS) + r"(?=\s|$)")

# Words before a quoted phrase that make it a name or a label, not somebody's words:
# `the so-called "deal"`, `a film titled "Sicario"`.
LABEL_WORDS = frozenset({"so-called", "dubbed", "titled", "entitled", "nicknamed", "named", "called", "termed", "branded", "labelled", "labeled", "known", "word", "words", "phrase", "term", "slogan", "hashtag"})
TITLE_NOUNS = frozenset({"film", "movie", "book", "novel", "song", "album", "show", "series", "play", "documentary", "episode", "column", "article", "report", "programme", "program", "podcast", "poem", "painting", "exhibition"})

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")

# A speaker phrase longer than this is cut to its name (a parse gone astray, not a mention).
MAX_MENTION_WORDS = 25

# An attribution longer than this between two quoted passages is a sentence of its own.
MAX_FRAME_WORDS = 30


@dataclass
class Quote:
    """One attributed quote. Offsets are into the Doc's text (an Article's `text`).

    `speaker` is the mention as written, with titles and appositions (`Dean, a medical
    doctor,`); `speaker_start`/`speaker_end` locate its core, the name or head phrase that
    speaker resolution starts from; `cue_start` is the offset of the cue word.
    """

    kind: str
    text: str
    start: int
    end: int
    paragraph: int
    cue: str | None = None
    cue_start: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_canonical: str = "unknown"
    speaker_type: str = "unknown"
    carried: bool = False
    speaker_affiliation: str | None = None
    speaker_gender: str | None = None
    raw_role: str | None = None  # the role as found at the mention, before sources.py tidies it
    speaker_rule: str | None = None  # the step of speaker resolution that decided the speaker

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
    skip = -1
    for mark in _MARK_CHARS.finditer(text, start, end):
        i = mark.start()
        if i == skip:
            continue
        c = text[i]
        if c == "'" and i + 1 < end and text[i + 1] == "'":
            # archive and wire copy typed without double marks writes ''quote'': a pair of
            # apostrophes is one straight double mark (its second half opens the content)
            c, skip = '"', i + 1
            if open_at is None and _opens(text, i):
                open_at, open_kind = i + 1, "d"
                continue
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
            open_at = skip if skip == i + 1 else i
    if open_at is not None:
        spans.append(MarkedSpan(open_at + 1, _rstrip(text, open_at + 1, end), paragraph, open_end=True))
    return [s for s in spans if re.search(r"\w", text[s.start : s.end])]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def uses_single_marks(text: str) -> bool:
    """True for texts quoted with single marks throughout (no double marks at all)."""
    return not re.search(r"[\"\u201c\u201d\u201e\u00ab\u00bb]|''", text)


# ---------------------------------------------------------------------------- cues and speakers


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens lying wholly inside `start:end`, in order."""
    # Token starts and ends both increase through the doc, so the wanted tokens are one run
    # found by bisection; a scan of the whole doc per quote made long articles quadratic.
    if not len(doc):
        return []
    starts, ends = _token_bounds(doc)
    first = int(numpy.searchsorted(starts, start, side="left"))
    last = int(numpy.searchsorted(ends, end, side="right"))
    return [doc[i] for i in range(first, last)]


def _token_bounds(doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Start and end offsets of every token, computed once per Doc and kept in `doc.user_data`
    (`Doc.to_array` copies the whole doc, and a long article asks for them per quote)."""
    bounds = doc.user_data.get("medialens_token_bounds")
    if bounds is None or len(bounds[0]) != len(doc):
        array = doc.to_array([IDX, LENGTH]).astype("int64")
        bounds = doc.user_data["medialens_token_bounds"] = (array[:, 0], array[:, 0] + array[:, 1])
    return bounds


def _sentence_end(token: Token) -> int:
    """`token.sent.end`, from sentence ends found once per Doc (`Token.sent` scans the doc for
    the sentence's bounds on every access)."""
    doc = token.doc
    ends = doc.user_data.get("medialens_sentence_ends")
    if ends is None or len(ends) != len(doc):
        ends = numpy.empty(len(doc), dtype="int64")
        for sent in doc.sents:
            ends[sent.start : sent.end] = sent.end
        doc.user_data["medialens_sentence_ends"] = ends
    return int(ends[token.i])


def _tokens_in_marks(doc: Doc, spans: list[MarkedSpan]) -> set[int]:
    """Indices of the tokens that `_inside` holds inside `spans`, for a test per token."""
    starts, _ = _token_bounds(doc)
    inside: set[int] = set()
    for s in spans:
        inside.update(range(int(numpy.searchsorted(starts, s.start - 1, side="left")),
                            int(numpy.searchsorted(starts, s.end, side="right"))))
    return inside


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
        if t.pos_ in ("VERB", "AUX") and (_is_cue_verb(t) or t.lemma_.lower() in QUOTE_ONLY_VERBS):
            return t
        if t.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children):
            return t  # `as The New Yorker put it, "the operator"`
    if headline:
        for t in tokens:
            if t.dep_ == "ROOT" and t.pos_ == "VERB" and not _inside(t.idx, quoted):
                return t
    return None


def _is_according_to(t: Token) -> bool:
    return t.lower_ == ACCORDING_TO[0] and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == ACCORDING_TO[1]


def _is_cue_verb(verb: Token) -> bool:
    """`is_cue_lemma` of the verb, looking at its children only for clause-only verbs."""
    return is_cue_lemma(verb.lemma_) or (is_cue_lemma(verb.lemma_, has_clause=True) and _has_clause(verb))


def _poll_object(t: Token) -> Token | None:
    """The poll of `in a CNN poll`, when `t` is that `in`."""
    if t.lower_ != "in" or t.dep_ != "prep":
        return None
    return next((c for c in t.children if c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS), None)


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def cue_text(cue: Token) -> str:
    """The cue as a phrase: `said`, `told`, `according to`, `was quoted as saying`."""
    if _is_according_to(cue):
        return "according to"
    # `said in a statement`, `wrote in an op-ed`: the channel is part of the cue
    for prep in cue.rights:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            objs = [o for o in prep.children if o.dep_ == "pobj" and _speech_noun(o)]
            if objs and objs[0].i - prep.i <= 4:
                return f"{cue.text} {cue.doc[prep.i : objs[0].i + 1].text}"
    return cue.text


def _speech_noun(noun: Token) -> bool:
    """`statement`, `interview`, `op-ed` (which the tokenizer splits): a channel of speech."""
    words = [t for t in noun.lefts if t.dep_ != "det"]
    compound = noun.doc[words[0].i : noun.i + 1].text.lower() if words else ""
    return noun.lemma_.lower() in SPEECH_NOUNS or compound in SPEECH_NOUNS


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
    if _poll_object(cue) is not None:
        return _poll_object(cue)
    if cue.dep_ == "compound" and cue.head.i > cue.i and cue.head.pos_ == "PROPN" and cue.i == cue.sent.start:
        return cue.head  # `Said Ellis: "..."`, which the parser reads as a name `Said Ellis`
    if _speaks_for_nobody(cue):
        return None
    before = _frame_before_participle(cue)
    if before is not None:
        return before
    verb = cue
    for _ in range(3):
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return agents[0]
        # the subject of a passive is who was spoken of or to (`Smith was accused of ...`,
        # `she was asked whether ...`), except in the frames that report speech (`was quoted`);
        # but a speech verb as participle or coordinated verb shares the subject of the clause
        # it hangs on, passive or not (`After saying her foot was swollen, she was whisked off`)
        shares = verb is not cue and is_cue_lemma(cue.lemma_, has_clause=True)
        deps = SUBJECT_DEPS if verb.lemma_ in PASSIVE_FRAMES or shares else ("nsubj", "csubj")
        subjects = [c for c in verb.children if c.dep_ in deps]
        if subjects:
            return subjects[0]
        if _is_passive(verb):
            return None
        # `Roberts said she thinks it should be released but said "the question is the
        # timing"`: a verb after `and`/`but` with no subject shares the first verb's, however
        # the parser attached it
        coordinated = verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("and", "but") and verb.dep_ in ("ccomp", "parataxis")
        if verb.dep_ in ("conj", "xcomp", "pcomp", "advcl") or coordinated or verb.head.lemma_ in PASSIVE_FRAMES:
            if verb.head.i == verb.i:
                break
            verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
            continue
        if verb.dep_ == "acl" and _speech_noun(verb.head) and verb.head.dep_ in ("dobj", "pobj") and verb.head.head.pos_ == "VERB":
            # `the council issued a statement calling the test "a clear violation"`: the
            # document speaks for whoever issued it
            verb = verb.head.head
            continue
        break
    return _name_before(cue)


def _name_before(cue: Token) -> Token | None:
    """`..., former president Bill Clinton said his wife ...`: a person's name written right
    before a finite speech verb is its subject when the parse hung the name elsewhere (here in
    apposition to an earlier name); a party tag in brackets may stand between (`Ryan (R-Wis.) said`)."""
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.i == 0:
        return None
    doc = cue.doc
    i = cue.i - 1
    if doc[i].text == ")":
        while i > cue.sent.start and doc[i].text != "(":
            i -= 1
        i -= 1
    if i < cue.sent.start:
        return None
    before = doc[i]
    return before if before.pos_ == "PROPN" and before.ent_type_ == "PERSON" else None


def _frame_before_participle(cue: Token) -> Token | None:
    """`"...," Sanders said, suggesting ...`, `Sanders said, going on to say that ...`: a
    participle set off by a comma right after a speech frame continues that frame's speaker,
    wherever the parser attached it."""
    while cue.dep_ == "xcomp" and cue.head.tag_ == "VBG" and cue.head.i < cue.i:
        cue = cue.head
    if cue.tag_ != "VBG" or cue.i < 2 or cue.doc[cue.i - 1].text != "," or any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None
    doc = cue.doc
    for i in range(cue.i - 2, max(cue.i - 5, cue.sent.start - 1), -1):
        t = doc[i]
        if t.pos_ == "VERB" and is_cue_lemma(t.lemma_):
            subjects = [c for c in t.children if c.dep_ == "nsubj"]
            return subjects[0] if subjects else None
        if t.is_punct:
            return None
    return None


def _speaks_for_nobody(cue: Token) -> bool:
    """`Melania seems to have vanished`: the writer's judgment of the subject. `Asked about the
    bomb, Clinton said ...`: whoever asked goes unnamed, and the subject is who was asked."""
    if cue.lemma_.lower() in IMPERSONAL_FRAMES:
        # but `he appeared to suggest that ...` reports what he suggested
        inner = [c for c in cue.children if c.dep_ in ("xcomp", "ccomp")]
        return bool(inner) and not any(is_cue_lemma(c.lemma_, has_clause=True) for c in inner)
    return (cue.tag_ == "VBN" and cue.dep_ in ("advcl", "acl") and cue.lemma_.lower() in AUDIENCE_VERBS | {"question", "press"}
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass", "agent") for c in cue.children))


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


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
    ent = _entity_of(head)
    if ent is not None and ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
        ent = None
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


def speaker_mention(head: Token, start: int, end: int, cue: Token | None = None) -> tuple[int, int]:
    """`(start, end)` of the speaker as written: the noun phrase headed by `head` with its
    titles and appositions (`Dean, a former party chairman,`; `Rep. Gwen Moore (D-Wis.)`) and
    a relative clause set off by a comma (`Mr. Schmidt, who bought the property in 2006,`),
    which newswire uses to say who the speaker is; a restrictive clause (`voters who said`)
    or one holding `cue` is left out. `start:end`, the name or head phrase, is kept when the
    whole phrase is longer than `MAX_MENTION_WORDS` or lies in another paragraph.
    """
    doc = head.doc
    def describes(c: Token) -> bool:
        inside = {t.i for t in c.subtree}
        return (c.dep_ == "relcl" and c.head.i == head.i and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","
                and (cue is None or cue.i not in inside))
    drop = {t.i for c in head.subtree if c.dep_ in ("relcl", "acl") and c.i > head.i and not describes(c) for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in drop]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens = tokens[1:]
    m_start, m_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if len(tokens) > MAX_MENTION_WORDS or "\n" in text_slice(doc, m_start, m_end):
        return start, end
    return min(m_start, start), max(m_end, end)


def _entity_of(token: Token) -> Span | None:
    """The entity of `doc.ents` that holds `token`, found from the token's IOB tags.

    `doc.ents` rebuilds every entity span of the doc on each access; walking the tags from the
    token keeps speaker lookup independent of the article's length.
    """
    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


# ---------------------------------------------------------------------------- extraction


def extract_quotes(doc: Doc, headline: bool = True) -> list[Quote]:
    """All quotes of a parsed text, in text order.

    The first line of the text is treated as its headline when `headline` is true. Quotes
    come with kind, text, offsets, paragraph (0 = headline), cue and speaker mention; the
    canonical speaker is left `unknown` for `sources.resolve_speakers` to fill.
    """
    text = doc_text(doc)
    single_everywhere = uses_single_marks(text)
    spans = block_spans(text)
    marked: list[MarkedSpan] = []
    for n, (b_start, b_end) in enumerate(spans):
        in_headline = headline and n == 0
        marked += find_marked_spans(text, b_start, b_end, n, single=in_headline or single_everywhere)
    quotes = [q for q in (_quote_from_marks(doc, s, marked, headline, text, spans[s.paragraph]) for s in marked) if q]
    quotes = _join_interrupted(doc, quotes)
    for q in quotes:
        if q.cue is None:
            _attach_signature(doc, q, text)
        if q.cue is None and q.paragraph > 0:
            _attach_introduction(doc, q, spans, marked)
    quotes += _label_quotes(doc, quotes, spans, headline)
    quotes += _indirect_quotes(doc, marked, quotes, spans)
    quotes.sort(key=lambda q: q.start)
    _carry_speakers(doc, quotes)
    return quotes


# `“We need law and order.” ― Esther Tapia, 48, of Phoenix`: a dash after the closing mark
# signs the quote, as captions and reader-voice pieces do.
_SIGNATURE = re.compile(r"[\u201d\"\u2019']?[ \t]*[\u2015\u2014\u2013][ \t]*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})")

# `Sanders: Endorsements prove Clinton ...` (headlines), `PENCE: Well, look, ...`
# (transcripts): a name and a colon opening a paragraph label who says the rest.
# a transcript quoted at length opens each turn with a quote mark: `"WALLACE: But, Governor...`
_LABEL = re.compile(r"[ \t]*[\"\u201c]?([A-Z][^:\n]{0,50}?):[ \t]+(?=\S)")
MAX_LABEL_WORDS = 5


def _attach_signature(doc: Doc, quote: Quote, text: str) -> None:
    """Give a cue-less quote the name signed after it with a dash."""
    m = _SIGNATURE.match(text, quote.end)
    if m is None or "\n" in m.group(0):
        return
    quote.cue = text[m.start(0) : m.start(1)].strip(" \t\u201d\"\u2019'")
    quote.cue_start = m.start(1) - 1
    quote.speaker, quote.speaker_start, quote.speaker_end = m.group(1), m.start(1), m.end(1)


def _attach_introduction(doc: Doc, quote: Quote, spans: list[tuple[int, int]], marked: list[MarkedSpan]) -> None:
    """`Caddell continued:` closing a paragraph introduces the quote that opens the next;
    `Sanders made the following comment:` and `Obama is rolling out a new message: "..."`
    introduce it too, through the speech noun their verb takes as object."""
    b_start, _ = spans[quote.paragraph]
    text = doc_text(doc)
    before = text[b_start : quote.start].rstrip(" \t\"\u201c\u2018'")
    if before:
        if not before.endswith(":"):
            return
        p_start, p_end = b_start, b_start + len(before)
    else:
        p_start, p_end = spans[quote.paragraph - 1]
        if not text[p_start:p_end].rstrip().endswith(":"):
            return
    tokens = _tokens_between(doc, p_start, p_end)
    # `Token.sent` scans for the sentence's bounds on every access: find the last one once
    last_sentence = [t for t in tokens if t.i >= tokens[-1].sent.start] if tokens else []
    cue = find_cue(last_sentence[::-1], marked) if not before else None
    if cue is None:
        cue = next((t for t in last_sentence[::-1] if t.pos_ == "VERB" and not _inside(t.idx, marked)
                    and any(c.dep_ == "dobj" and c.lemma_.lower() in INTRODUCING_NOUNS for c in t.children)), None)
    if cue is not None:
        _attach_cue(quote, cue, text)


def _label_quotes(doc: Doc, found: list[Quote], spans: list[tuple[int, int]], headline: bool) -> list[Quote]:
    """Paragraphs (and headlines) opened by a speaker label: `NAME: what they say`."""
    out: list[Quote] = []
    text = doc_text(doc)
    labels = [_LABEL.match(text, b_start, b_end) for b_start, b_end in spans]
    # an upper-case label is a speaker in a transcript, where it comes back turn after turn;
    # once, opening the story, it is a dateline (`GENEVA: ...`)
    turns = sum(1 for m in labels if m is not None and m.group(1).isupper())
    for n, (b_start, b_end) in enumerate(spans):
        m = labels[n]
        if m is None:
            continue
        label = _tokens_between(doc, m.start(1), m.end(1))
        words = [t for t in label if not t.is_punct]
        if headline and n == 0 and _headline_speaker(label, found, m.end(0), b_end):
            continue
        if not words or len(words) > MAX_LABEL_WORDS or len(words[0].text) < 2:
            continue
        named = any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words) or (headline and n == 0)
        shouted = all(t.text.isupper() for t in words if t.is_alpha) and turns > 1
        # a headline's tagger often takes a name before a colon for a common noun
        capitalised = headline and n == 0 and all(t.pos_ in ("NOUN", "PROPN") and t.text[:1].isupper() for t in words)
        if not (named or shouted) or not (capitalised or all(t.pos_ == "PROPN" or t.text.isupper() for t in words)):
            continue
        start, end = m.end(0), _rstrip(text, m.end(0), b_end)
        opened = [q for q in found if q.start <= m.start(1) < q.end and not (q.cue_start is not None and b_start <= q.cue_start < b_end)]
        if shouted and opened:
            # the turn was read as a quote carried on from an earlier speaker: its label says who
            q = opened[0]
            q.start, q.text, q.cue, q.cue_start, q.carried = start, text[start : q.end], ":", m.end(1), False
            q.speaker, q.speaker_start, q.speaker_end, q.speaker_role = m.group(1), m.start(1), m.end(1), None
            continue
        if any(q.start < end and start < q.end for q in found):
            continue  # the paragraph's quotes are attributed already
        q = Quote("indirect", text[start:end], start, end, n, cue=":", cue_start=m.end(1))
        q.speaker, q.speaker_start, q.speaker_end = m.group(1), m.start(1), m.end(1)
        out.append(q)
    return out


def _headline_speaker(label: list[Token], found: list[Quote], start: int, end: int) -> bool:
    """`Pat Caddell: Democrat Voters Worried ...; It's 'in Their Heads'`, `A lesson from
    Loretta Lynch: 'Be the voice ...'`: a headline's label names who says what follows it, so
    the quotes after the colon are the named person's (or organisation's), whatever the words
    inside them seem to say. True when the label named someone for a quote found there."""
    quotes = [q for q in found if start <= q.start < end]
    named = [t for t in label if t.ent_type_ == "PERSON"] or [t for t in label if t.ent_type_ in ("ORG", "NORP")]
    if not quotes or not named:
        return False
    first = named[0]
    last = first
    while last.i + 1 < len(first.doc) and first.doc[last.i + 1].ent_type_ == first.ent_type_ and first.doc[last.i + 1].ent_iob_ == "I":
        last = first.doc[last.i + 1]
    for q in quotes:
        if q.speaker_start is None or q.speaker_start >= start:
            q.speaker, q.speaker_start, q.speaker_end = text_slice(first.doc, first.idx, last.idx + len(last)), first.idx, last.idx + len(last)
            q.speaker_role, q.cue, q.cue_start, q.carried = None, q.cue or ":", q.cue_start if q.cue else start - 2, False
    return True


def _context(text: str, span: MarkedSpan, marked: list[MarkedSpan], block: tuple[int, int]) -> tuple[int, int, int, int]:
    """Attribution zones around a quote: `(left_start, left_end, right_start, right_end)`.

    Left: back to the previous quote or the last sentence end outside quotes. Right: on to
    the next quote or the next sentence end.
    """
    b_start, b_end = block
    prev_end = max([s.end + 1 for s in marked if s.paragraph == span.paragraph and s.end < span.start] + [b_start])
    next_start = min([s.start - 1 for s in marked if s.paragraph == span.paragraph and s.start > span.end] + [b_end])
    # a doubled apostrophe is one mark two characters wide
    left_end = span.start - (2 if text[max(span.start - 2, 0) : span.start] == "''" else 1)
    left_start = prev_end
    for m in _TERMINATOR.finditer(text, prev_end, left_end):
        left_start = m.end()
    right_start = min(span.end + (2 if text[span.end : span.end + 2] == "''" else 1), b_end)
    m = _TERMINATOR.search(text, right_start, next_start)
    right_end = m.end() if m else next_start
    return left_start, left_end, right_start, right_end


def _quote_from_marks(doc: Doc, span: MarkedSpan, marked: list[MarkedSpan], headline: bool, text: str,
                      block: tuple[int, int]) -> Quote | None:
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
    if cue is None and not in_headline:
        cue = _frame_verb(right, quoted)
    if cue is not None and cue.idx > span.end and _has_own_content(cue, span) and not _continues_in_quote(cue, span, marked):
        # `"...". Smith said the plan failed`: that cue has content of its own, so the
        # attribution, if any, is before the quote
        cue = find_cue(left[::-1], marked, headline=in_headline)
    elif cue is not None and cue.idx > span.end:
        # `Kerry said the United States would take "robust steps" in response, and he urged
        # ...`: a fragment inside the clause a speech verb before it reports is that verb's,
        # whatever cue comes after
        before = find_cue(left[::-1], marked, headline=in_headline)
        content = _content_span(before) if before is not None and not _is_according_to(before) and is_cue_lemma(before.lemma_, has_clause=True) else None
        if content is not None and content.start_char < span.start and span.end <= content.end_char + 1:
            cue = before
    if cue is not None and not _is_according_to(cue):
        # `"We're winning," Pence said, according to audio obtained by the Times`: as with
        # reported speech, the source the paper has the words from is credited
        cue = next((c for c in cue.children if c.dep_ == "prep" and _is_according_to(c) and speaker_token(c) is not None), cue)
    kind = "direct" if in_headline else _mark_kind(left_text, right_text, quoted, cue, span)
    if kind == "mixed" and cue is not None and not _is_according_to(cue):
        # a fragment quoted inside what someone said is theirs: `Clinton says it means Trump
        # "may not have paid a dime"` quotes Clinton, not `it`
        cue = _outer_frame(cue, marked) or cue
    if kind == "mixed" and cue is None:
        return None  # a quoted phrase nobody is said to have said: a scare quote or a title
    quote = Quote(kind, quoted, span.start, span.end, span.paragraph)
    if kind == "mixed":
        quote.start, quote.end = _mixed_content(doc, cue, span)
        quote.text = text[quote.start : quote.end]
    _attach_cue(quote, cue, text, span)
    return quote


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


def _mixed_content(doc: Doc, cue: Token, span: MarkedSpan) -> tuple[int, int]:
    """Offsets of what a mixed quote reports: the cue's content around the quoted fragment.

    `Lavrov accused some governments of "a desire to ..."`: the fragment is the content. When
    the cue's content holds the fragment (`said the plan was "dead on arrival"`) the quote is
    that content; failing that (`what he called a "brazen breach" of U.N. resolutions`), the
    sentence around the fragment, since a bare fragment would lose what it says of whom.
    """
    content = _content_span(cue)
    if content is not None and content.start_char <= span.start - 1 and span.start < content.end_char:
        return content.start_char, max(content.end_char, span.end)
    tokens = _tokens_between(doc, span.start - 1, span.end + 1)
    if not tokens:
        return span.start, span.end
    sent = tokens[0].sent
    # leave the attribution out when it follows (`... a "grave threat," officials said.`)
    end = tokens[-1].i if sent.start <= cue.i < sent.end and cue.i > tokens[-1].i else sent.end - 1
    content = _trim(doc[sent.start : end + 1])
    if content is None:
        return span.start, span.end
    return min(content.start_char, span.start), max(content.end_char, span.end)


def _join_interrupted(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Join two quoted passages around a bare attribution into one quote.

    `"We will win," Smith said. "They know it."` and `"We will win," he said, "and soon."`
    are one utterance interrupted by its attribution: the cue between them is the first
    passage's, and the second has none of its own. An attribution that says more than who
    spoke and to whom (`Erdogan told reporters before departing for Azerbaijan.`) has a verb
    of its own and ends the first quote.
    """
    out: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start):
        prev = out[-1] if out else None
        if prev is not None and prev.kind == q.kind == "mixed" and q.start < prev.end:
            # `accused the campaign of being "duped" by "a con"`: fragments of one content
            prev.end = max(prev.end, q.end)
            prev.text = text_slice(doc, prev.start, prev.end)
            continue
        if (
            prev is not None and prev.kind == "direct" and q.kind == "direct" and prev.paragraph == q.paragraph
            and prev.cue_start is not None and q.cue_start in (None, prev.cue_start) and prev.end <= prev.cue_start < q.start
            and _bare_frame(doc, prev.end, q.start, prev.cue_start)
        ):
            prev.end, prev.text = q.end, text_slice(doc, prev.start, q.end)
            continue
        out.append(q)
    return out


def _bare_frame(doc: Doc, start: int, end: int, cue_start: int) -> bool:
    """The text between two quotes holds only an attribution.

    Who spoke may be described at length (`said Robert McAtee, one of several coal industry
    veterans who have come to work with Mr. Clarke`), and where and when (`at the dinner in
    Washington, where Mrs. Clinton also spoke`), but a verb of the frame's own (`told
    reporters before departing for Azerbaijan`) makes it a sentence that ends the quote.
    """
    tokens = [t for t in _tokens_between(doc, start, end) if not (t.is_punct or t.is_space)]
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
    # `her new book, "A Fighting Chance," went on sale`: a title set off by commas
    if len(left) > 1 and left[-1].text == "," and left[-2].lower_ in TITLE_NOUNS:
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


def _continues_in_quote(cue: Token, span: MarkedSpan, marked: list[MarkedSpan]) -> bool:
    """`"Now that I'm out," he told the host, "it was demoralizing."`: the content the cue
    reports is the quote resumed after it, so the frame belongs to both passages."""
    content = _content_span(cue)
    if content is None:
        return False
    return any(m.paragraph == span.paragraph and m.start > span.end and m.start - 2 <= content.start_char < m.end for m in marked)


def _has_own_content(cue: Token, span: MarkedSpan) -> bool:
    content = _content_span(cue)
    return content is not None and content.start_char > span.end


def _content_span(cue: Token) -> Span | None:
    """What the cue reports: its clausal complement, or the clause it interrupts."""
    doc = cue.doc
    if _poll_object(cue) is not None:
        # the finding is the clause the phrase hangs on, not the whole sentence around it
        verb = cue.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        phrase = list(cue.subtree)
        clause = list(verb.subtree)
        left = [t for t in clause if t.i < phrase[0].i]
        right = [t for t in clause if t.i > phrase[-1].i]
        side = right if len(right) > len(left) else left
        return _trim(doc[side[0].i : side[-1].i + 1]) if side else None
    if _is_according_to(cue):
        sent = cue.sent
        phrase = list(cue.subtree)
        left = doc[sent.start : phrase[0].i]
        right = doc[phrase[-1].i + 1 : sent.end]
        return _trim(right if len(right) >= len(left) else left)
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
    if comps and is_cue_lemma(cue.lemma_, has_clause=True):
        # `fireworks went off: Republicans said they're convinced ...`: a clause the parser
        # also hung on the cue from before a colon is not what the cue reports
        c = next((c for c in comps if c.i > cue.i), comps[0])
        end = c.right_edge.i
        # `She said fathers would not be eligible, and when pressed, the mother of three
        # replied, "..."`: a second speech verb with its own subject starts a new attribution
        others = [g for g in c.children if g.dep_ == "conj" and is_cue_lemma(g.lemma_) and not any(m.dep_ == "mark" for m in g.children)
                  and any(s.dep_ in ("nsubj", "nsubjpass") for s in g.children)]
        if others:
            end = min(g.left_edge.i for g in others) - 1
            while end > c.i and (doc[end].is_punct or doc[end].dep_ == "cc"):
                end -= 1
        if c.i > cue.i:
            # `said that claim smacked of hypocrisy, because Democrats ...`: the reason given
            # is part of what was said, wherever the parser attached it
            reasons = [a for a in cue.children if a.dep_ == "advcl" and a.i > c.right_edge.i
                       and any(m.dep_ == "mark" and m.lower_ in REPORTED_REASON_MARKS for m in a.children)]
            if reasons:
                end = reasons[0].right_edge.i
        return _trim(doc[c.left_edge.i : end + 1])
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
    return None


def _trim(span: Span) -> Span | None:
    while len(span) and (span[0].is_punct or span[0].dep_ == "mark" and span[0].lower_ == "that" or span[0].is_space):
        span = span[1:]
    while len(span) and (span[-1].is_punct and span[-1].text not in ALL_MARKS or span[-1].is_space):
        span = span[:-1]
    return span if len(span) >= 2 else None


def _attach_cue(quote: Quote, cue: Token | None, text: str | None = None, marks: MarkedSpan | None = None) -> None:
    if cue is None:
        return
    quote.cue = cue_text(cue)
    quote.cue_start = cue.idx
    head = speaker_token(cue)
    if head is not None and marks is not None and marks.start <= head.idx < marks.end:
        # whoever speaks stands outside the marks: a subject found inside them comes from a
        # parse that ran the quote and its frame into one clause (`"We will ...," Chief
        # Chuck Jordan said` read as `We will ... and said`)
        head = _noun_beside(cue, marks)
    elif head is not None and marks is not None and head.i > cue.i and head.left_edge.i > 0 and head.doc[head.left_edge.i - 1].text in ("“", '"'):
        # `"...," Flynn said Thursday on Fox News's "Fox and Friends."`: a title in marks after
        # the cue is where it was said, which the parser can take for an inverted subject
        head = _noun_beside(cue, marks)
    if head is None:
        return
    start, end, role = speaker_phrase(head)
    m_start, m_end = speaker_mention(head, start, end, cue)
    quote.speaker = (doc_text(cue.doc) if text is None else text)[m_start:m_end]
    quote.speaker_start, quote.speaker_end, quote.speaker_role = start, end, role


def _noun_beside(cue: Token, marks: MarkedSpan) -> Token | None:
    """The noun written next to `cue` outside `marks`: before it (`..." Chief Chuck Jordan
    said`) or after it (`said Chuck Jordan`), climbing compounds to the head noun."""
    doc = cue.doc
    before = [doc[i] for i in range(cue.i - 1, max(cue.i - 3, -1), -1) if not doc[i].is_punct and not marks.start <= doc[i].idx < marks.end]
    after = [doc[i] for i in range(cue.i + 1, min(cue.i + 3, len(doc))) if not doc[i].is_punct and not marks.start <= doc[i].idx < marks.end]
    for near in (before[:1], after[:1]):
        if near and near[0].pos_ in ("PROPN", "NOUN", "PRON") and near[0].lower_ not in RELATIVE_WORDS:
            t = near[0]
            while t.dep_ in ("compound", "flat") and t.head.i != t.i and not marks.start <= t.head.idx < marks.end:
                t = t.head
            return t
    return None


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
            kind = kinds[lem] = (is_cue_lemma(word, has_clause=True) or bool(content_relations(word)), word in CLAUSE_NOUNS)
        if kind[1] if p == NOUN else kind[0]:
            yield doc[i]


def _indirect_quotes(doc: Doc, marked: list[MarkedSpan], found: list[Quote], spans: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech: a cue with a speaker and a complement clause, outside quote marks."""
    text = doc_text(doc)
    taken = [(q.start, q.end) for q in found]
    # marks that made no quote of their own (`the Ohio native nicknamed "King James"`) leave
    # the clause around them to be reported speech
    quoted = [s for s in marked if any(q.start <= s.end and s.start <= q.end for q in found)]
    out: list[Quote] = []
    in_marks = _tokens_in_marks(doc, marked)
    for t in _cue_candidates(doc):
        if t.i in in_marks:
            continue
        if t.pos_ == "NOUN" and t.lemma_.lower() in CLAUSE_NOUNS:
            q = _noun_quote(t, spans)
            if q is not None and not any(s < q.end and q.start < e for s, e in taken) and not any(s.start - 1 < q.end and q.start < s.end + 1 for s in quoted):
                taken.append((q.start, q.end))
                out.append(q)
            continue
        is_according = _is_according_to(t) or _poll_object(t) is not None
        if not is_according and not (t.pos_ in ("VERB", "AUX") and (_is_cue_verb(t) or content_relations(t.lemma_))):
            continue
        if not is_according and not is_cue_lemma(t.lemma_, has_clause=True) and _adjunct_of_cue(t, found):
            continue
        if t.lemma_ in PASSIVE_FRAMES and _is_passive(t):
            continue  # `was quoted as saying ...`: the inner verb carries the quote
        if not is_according and _reported_by_outer_frame(t, marked):
            continue  # the outer frame reports this clause whole, with its own source
        content = _content_span(t)
        if content is None or len(content) < 3 and not _named_stance(content):
            continue
        start, end = content.start_char, content.end_char
        if any(s < end and start < e for s, e in taken):
            continue
        holds = [s for s in marked if s.start - 1 < end and start < s.end + 1]
        if any(s in quoted for s in holds):
            continue  # holds quote marks: the quote itself was attributed above
        if any(_labelled(text, s) for s in holds) and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") and start <= c.idx < end for c in t.children):
            continue  # `attacked the so-called "deal"`: an object named by a label is no report
        subject = speaker_token(t)
        if subject is None and not _is_passive(t) and not _speaks_for_nobody(t):
            continue  # a passive may leave its source unnamed (`Smith was accused of ...`)
        if subject is not None and subject.lower_ == "that" and t.dep_ == "relcl" and not is_cue_lemma(t.lemma_) and _thing(t.head):
            continue  # `rules that promise to transform the economy`: a clause describing a thing reports nobody
        if block_of(spans, start) != block_of(spans, t.idx) and not is_according:
            continue
        q = Quote("indirect", text[start:end], start, end, block_of(spans, start))
        _attach_cue(q, t, text)
        taken.append((start, end))
        out.append(q)
    return out


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
    return not (lemma in ANONYMOUS_NOUNS or noun.lower_ in GROUP_NOUNS or (len(lemma) > 5 and lemma.endswith(PERSON_SUFFIXES)))


def _reported_by_outer_frame(verb: Token, marked: list[MarkedSpan]) -> bool:
    """`A campaign operative decided to change course, a source said`; `The top 1 percent
    would see their incomes rise, according to the Tax Foundation`: a clause that is itself
    the content of a speech frame is what that frame's source said, so the frame (not the
    verb inside it) makes the quote and names the speaker."""
    if any(_is_according_to(c) for c in verb.children if c.dep_ == "prep"):
        # `Police have said they have no plans ..., according to attorneys for the family`:
        # the outer source is who the paper has it from, a speech verb's own source included
        return True
    return _outer_frame(verb, marked) is not None or _trailing_frame(verb, marked)


def _trailing_frame(verb: Token, marked: list[MarkedSpan]) -> bool:
    """`Clinton had told police she did not want the escort, but the NYPD overruled that
    request, the source added.`: a bare `, X said.` closing the sentence reports everything
    before it, whatever clause the parser hung it on."""
    doc = verb.doc
    last = _sentence_end(verb) - 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    cue = doc[last]
    if cue.i <= verb.i or cue.pos_ != "VERB" or not is_cue_lemma(cue.lemma_) or _inside(cue.idx, marked):
        return False
    subjects = [g for g in cue.children if g.dep_ == "nsubj" and g.i < cue.i]
    if not subjects or subjects[0].left_edge.i <= verb.i or doc[subjects[0].left_edge.i - 1].text != ",":
        return False
    return speaker_token(cue) is not None


def _outer_frame(verb: Token, marked: list[MarkedSpan]) -> Token | None:
    """The speech verb, outside quote marks and with a speaker, whose reported clause holds
    `verb` (`Ditto said she expects the campaign "to continue ..."` gives `said`)."""
    t = verb
    reported = False  # only a clausal complement is reported speech: `X said A and argued B` is two frames
    for _ in range(6):
        if t.head.i == t.i:
            return None
        reported = reported or t.dep_ in ("ccomp", "parataxis")
        outer = t.head
        if (reported and outer.pos_ in ("VERB", "AUX") and is_cue_lemma(outer.lemma_, has_clause=True) and not _inside(outer.idx, marked)
                and speaker_token(outer) is not None):
            return outer
        t = outer
    return None


def _labelled(text: str, span: MarkedSpan) -> bool:
    """`the so-called "deal"`, `the film "13th"`: marks that a label word or title noun opens."""
    before = re.findall(r"[\w-]+", text[max(0, span.start - 40) : span.start])
    return bool(before) and (before[-1].lower() in LABEL_WORDS or before[-1].lower() in TITLE_NOUNS)


def _noun_quote(noun: Token, spans: list[tuple[int, int]]) -> Quote | None:
    """`Trump's claim that ...`: the noun's `that` clause, said by its possessor if it has one."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not clauses:
        return None
    c = clauses[0]
    content = _trim(noun.doc[c.left_edge.i : c.right_edge.i + 1])
    if content is None or len(content) < 3:
        return None
    text = doc_text(noun.doc)
    q = Quote("indirect", text[content.start_char : content.end_char], content.start_char, content.end_char,
              block_of(spans, content.start_char), cue=noun.text, cue_start=noun.idx)
    owners = [o for o in noun.children if o.dep_ == "poss"]
    # `Trump claims that ...`: a name the tagger took for a compound of the verb it governs
    owners += [o for o in noun.children if o.dep_ == "compound" and o.pos_ == "PROPN" and o.i == noun.i - 1 and noun.tag_ == "NNS"]
    # `warnings from his attorney that ...`, `a claim by the campaign that ...`
    owners += [g for p in noun.children if p.dep_ == "prep" and p.lower_ in ("from", "by") and p.i < c.i
               for g in p.children if g.dep_ == "pobj"]
    if owners:
        start, end, role = speaker_phrase(owners[0])
        m_start, m_end = speaker_mention(owners[0], start, end)
        q.speaker, q.speaker_start, q.speaker_end, q.speaker_role = text[m_start:m_end], start, end, role
    return q


def _adjunct_of_cue(verb: Token, found: list[Quote]) -> bool:
    """`"...," he said, referring to the situation in Idlib`: a participle hung on the cue of
    a quote already found says what the quote is about, not something else that was said."""
    cues = {q.cue_start for q in found if q.cue_start is not None}
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.idx in cues


def _carry_speakers(doc: Doc, quotes: list[Quote]) -> None:
    """A quote with no cue continues the previous speaker within the same or next paragraph.

    Newswire runs a speaker's quotes on without repeating `he said`; it always names a new
    speaker, so the most recent quote's speaker is the right one while nobody else has spoken:
    a speech verb with another subject in between (`Jones disagreed.`) stops the carry.
    """
    for i, q in enumerate(quotes):
        if q.cue is not None or q.speaker is not None or i == 0:
            continue
        prev = quotes[i - 1]
        if prev.speaker is None or q.paragraph - prev.paragraph > 1:
            continue
        if _someone_else_spoke(doc, prev, q):
            continue
        q.speaker, q.speaker_start, q.speaker_end = prev.speaker, prev.speaker_start, prev.speaker_end
        q.carried = True


def _someone_else_spoke(doc: Doc, prev: Quote, quote: Quote) -> bool:
    for t in _tokens_between(doc, prev.end, quote.start):
        if t.idx == prev.cue_start or t.pos_ != "VERB" or not is_cue_lemma(t.lemma_):
            continue
        head = speaker_token(t)
        if head is not None and not (prev.speaker_start is not None and prev.speaker_start <= head.idx < (prev.speaker_end or 0)):
            return True
    return False


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

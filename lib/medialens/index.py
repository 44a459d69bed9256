"""One article's parse, indexed once: what the quote and source rules look up many times.

`ArticleIndex.build(doc)` reads the Doc once into plain arrays — the text and its paragraphs,
token offsets, sentence bounds, the quote marks and the tokens inside them, each token's entity —
so that no rule scans the Doc again: spaCy rebuilds `Doc.text` by joining every token, `Token.sent`
searches for the sentence bounds and `Doc.ents` rebuilds every entity span on each access, which
made long articles quadratic. The index is passed explicitly to the rules, never stored on the Doc,
and does not change once built; it also remembers the speaker and content the rules find for a
cue, both pure functions of the parse that several rules ask for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, IDX, LENGTH, SENT_START
from spacy.tokens import Doc, Span, Token

from .article import block_of, block_spans
from .marks import MarkedSpan, find_marked_spans, uses_single_marks
from .pipeline import doc_text

# spaCy's ENT_IOB codes: 1 inside, 3 beginning
_IOB_INSIDE, _IOB_BEGIN = 1, 3


@dataclass(frozen=True, eq=False)
class ArticleIndex:
    """A parsed article read once.

    `text` is the Doc's text and `paragraphs` its `(start, end)` blocks (0 the headline when the
    text has one); `marked` every stretch between quote marks, paragraph by paragraph, and
    `in_marks` the tokens inside them. Token, sentence and entity bounds are arrays by token.
    """

    doc: Doc
    text: str
    headline: bool
    paragraphs: list[tuple[int, int]]
    marked: list[MarkedSpan]
    in_marks: frozenset[int]
    token_starts: numpy.ndarray
    token_ends: numpy.ndarray
    sentence_starts: numpy.ndarray  # by token: the first token of its sentence
    sentence_ends: numpy.ndarray  # by token: one past the last token of its sentence
    entity_starts: numpy.ndarray  # by token: the first token of its entity, -1 outside entities
    entity_ends: numpy.ndarray
    memo: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, doc: Doc, headline: bool = True) -> "ArticleIndex":
        """Index `doc`; its first line is a headline when `headline` is true (single quote
        marks count there, as headlines use them for double)."""
        text = doc_text(doc)
        paragraphs = block_spans(text)
        single_everywhere = uses_single_marks(text)
        marked: list[MarkedSpan] = []
        for n, (b_start, b_end) in enumerate(paragraphs):
            spans = find_marked_spans(text, b_start, b_end, n, single=(headline and n == 0) or single_everywhere)
            if not spans and not single_everywhere and uses_single_marks(text[b_start:b_end]):
                # a story mixing wire copy in double marks with its own quotes in single ones
                # (`Dutton told Sky News: 'This is ...'`); a paragraph wholly in single marks
                # there is a subhead, as American papers set them
                singles = find_marked_spans(text, b_start, b_end, n, single=True)
                if not any(_whole(text, b_start, b_end, m) for m in singles):
                    spans = singles
            marked += spans
        array = doc.to_array([IDX, LENGTH, SENT_START, ENT_IOB]).astype("int64") if len(doc) else numpy.zeros((0, 4), "int64")
        starts, ends = array[:, 0], array[:, 0] + array[:, 1]
        sentence_starts, sentence_ends = _runs(array[:, 2] == 1, len(doc))
        entity_starts, entity_ends = _entity_runs(array[:, 3])
        return cls(doc, text, headline, paragraphs, marked, frozenset(_tokens_in(starts, marked)), starts, ends,
                   sentence_starts, sentence_ends, entity_starts, entity_ends)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside the characters `start:end`, in order."""
        # token starts and ends both increase through the doc: the tokens are one run
        first = int(numpy.searchsorted(self.token_starts, start, side="left"))
        last = int(numpy.searchsorted(self.token_ends, end, side="right"))
        return [self.doc[i] for i in range(first, last)]

    def sentence_start(self, token: Token) -> int:
        """`token.sent.start`."""
        return int(self.sentence_starts[token.i])

    def sentence_end(self, token: Token) -> int:
        """`token.sent.end`."""
        return int(self.sentence_ends[token.i])

    def sentence(self, token: Token) -> Span:
        """`token.sent`."""
        return self.doc[self.sentence_start(token) : self.sentence_end(token)]

    def entity_of(self, token: Token) -> Span | None:
        """The entity of `doc.ents` that holds `token`, or None."""
        start = int(self.entity_starts[token.i])
        if start < 0:
            return None
        return Span(self.doc, start, int(self.entity_ends[token.i]), label=self.doc[start].ent_type_)

    def paragraph_of(self, offset: int) -> int:
        """The paragraph that holds (or last began before) the character `offset`."""
        return block_of(self.paragraphs, offset)

    def inside_marks(self, token: Token) -> bool:
        """Whether `token` stands inside quote marks (or on one)."""
        return token.i in self.in_marks


def _runs(starts_here: numpy.ndarray, n: int) -> tuple[numpy.ndarray, numpy.ndarray]:
    """By token, the start and end of the run it belongs to, runs opening where `starts_here`."""
    if not n:
        return numpy.zeros(0, "int64"), numpy.zeros(0, "int64")
    opens = numpy.flatnonzero(starts_here)
    if not len(opens) or opens[0] != 0:
        opens = numpy.concatenate([[0], opens])
    bounds = numpy.append(opens, n)
    lengths = numpy.diff(bounds)
    return numpy.repeat(bounds[:-1], lengths), numpy.repeat(bounds[1:], lengths)


def _entity_runs(iob: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """By token, the start and end of its entity from the IOB codes; -1 outside entities."""
    inside = (iob == _IOB_BEGIN) | (iob == _IOB_INSIDE)
    # an entity is a `B` and the `I`s after it: any other tag ends it
    starts, ends = _runs(iob != _IOB_INSIDE, len(iob))
    return numpy.where(inside, starts, -1), numpy.where(inside, ends, -1)


def _tokens_in(starts: numpy.ndarray, marked: list[MarkedSpan]) -> set[int]:
    """Indices of the tokens starting inside a marked span or on one of its marks."""
    inside: set[int] = set()
    for s in marked:
        inside.update(range(int(numpy.searchsorted(starts, s.start - 1, side="left")),
                            int(numpy.searchsorted(starts, s.end, side="right"))))
    return inside


def _whole(text: str, start: int, end: int, span: MarkedSpan) -> bool:
    """The marked span is all the paragraph `text[start:end]` holds but its marks."""
    return not text[start : span.start - 1].strip() and not text[span.end + 1 : end].strip(" \t.,")

"""Token lookups the quote rules make many times per Doc: the tokens between two offsets, a
token's sentence end, the tokens inside quote marks, a token's entity. Offsets and sentence
ends are computed once per Doc and kept in `doc.user_data`."""
from __future__ import annotations

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from ..marks import MarkedSpan


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

"""Hyphenated words, which the tokenizer splits at their hyphens (`co-ordinator`,
`vice-president`, `nominee-in-waiting`): the whole word of a piece, its head piece, and the
subtree of a head with its other pieces."""
from __future__ import annotations

from spacy.tokens import Span, Token


def whole_word(token: Token) -> Span:
    """The hyphenated word `token` is a piece of (`co-ordinator`, `vice-president`,
    `ex-minister`), which the tokenizer splits at its hyphens; `token` alone otherwise.
    The last piece is the word's head: `the flood co-ordinator` is a co-ordinator."""
    doc = token.doc
    first = last = token.i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ and not doc[first - 2].whitespace_ and doc[first - 2].is_alpha:
        first -= 2
    while last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_ and not doc[last + 1].whitespace_ and doc[last + 2].is_alpha:
        last += 2
    return doc[first : last + 1]


def word_head(token: Token) -> Token:
    """The head piece of the hyphenated word of `token`: the last (`co-ordinator`), or the one
    before a preposition inside it (`nominee-in-waiting`, `commander-in-chief`)."""
    pieces = [t for t in whole_word(token) if t.text != "-"]
    if not pieces:
        return token  # a lone dash the parser made a subject: no word to take the head of
    inner = next((i for i, t in enumerate(pieces) if i > 0 and t.lower_ in ("in", "of", "at", "to", "on", "for")), None)
    return pieces[inner - 1] if inner is not None else pieces[-1]


def subtree_of_word(head: Token) -> list[Token]:
    """The subtree of `head` with those of the other pieces of its hyphenated word, which
    the parser can leave as siblings (`the flood co - ordinator` as three subjects)."""
    return sorted({t for piece in whole_word(head) for t in piece.subtree}, key=lambda t: t.i)

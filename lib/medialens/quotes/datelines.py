"""Datelines: the place, date and wire credit opening a paragraph (`WASHINGTON (AP) —`,
`LONDON, May 3 (Reuters) -`, `BRUSSELS —`), which say where and by whom a story was filed,
never who is speaking."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..article import dateline_length
from ..index import ArticleIndex
from ..lexicon.quoting import WIRE_SERVICES

# A dateline opening a paragraph: a place, maybe a date, and a wire credit in brackets before a
# dash (`WASHINGTON (AP) —`, `LONDON, May 3 (Reuters) -`, `Dec 29 (Reuters) -`), or an
# upper-case place before a dash (`BRUSSELS —`). Whatever it holds is not the speaker.
_DATELINE = re.compile(
    r"[ \t]*(?:(?:[A-Z][\w.'\-]*(?:,?[ \t]+[A-Z0-9][\w.'\-]*){0,5}[ \t]*)?\((?:" + "|".join(WIRE_SERVICES) + r")\)"
    r"[ \t]*[-\u2013\u2014]{1,2}"
    r"|[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3}(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t]+[A-Z][A-Za-z.]+)?)?"
    r"(?:[ \t]+[-\u2013\u2014]{1,2}|[ \t]*[\u2013\u2014]{1,2}))[ \t]+")


def dateline_end(ix: ArticleIndex, offset: int) -> int:
    """The offset where the dateline opening the paragraph of `offset` ends (`WASHINGTON (AP) —
    `), or the paragraph's start when it opens with none."""
    key = ("dateline", ix.paragraph_of(offset))
    if key not in ix.memo:
        start, end = ix.paragraphs[key[1]]
        m = _DATELINE.match(ix.text, start, end)
        if m is not None:
            ix.memo[key] = m.end()
        elif key[1] == (1 if ix.headline else 0):
            # the story's own dateline, as the article was read (`GENEVA: `, `PARIS, France: `):
            # a place and a colon open only the first paragraph, elsewhere an upper-case word
            # and a colon is a transcript's speaker label
            ix.memo[key] = start + dateline_length(ix.text[start:end])
        else:
            ix.memo[key] = start
    return ix.memo[key]


def after_dateline(text: str) -> str:
    """`text` without the dateline it opens with: `Dec 29 (Reuters) - U.S. candidate` gives
    `U.S. candidate`."""
    m = _DATELINE.match(text)
    return text[m.end() :] if m is not None else text


def in_dateline(ix: ArticleIndex, token: Token) -> bool:
    """Whether `token` lies in the dateline opening its paragraph."""
    return token.idx < dateline_end(ix, token.idx)

"""Body paragraphs as a reader wants them: spaces folded, page furniture and repeated pull-quote
boxes removed.

In: the lines of an article body, one paragraph each. Out: the paragraphs kept, in order,
each trimmed and with runs of spaces, tabs and no-break spaces folded to one space. Only
whole paragraphs are dropped and none is rewritten otherwise, so `medialens.article` builds
its offsets on what is returned.
"""
from __future__ import annotations

import re
from typing import Iterable

# Page furniture that export tools leave in the text: box labels, comment links, sharing
# widgets. Matched against a whole paragraph, case-insensitively, after trimming punctuation.
BOILERPLATE = frozenset(
    {
        "fastfact", "fast fact", "fast facts", "factbox", "comments", "comment", "advertisement",
        "advert", "related", "related articles", "related stories", "read more", "more",
        "share", "share this", "share this article", "tweet", "email", "print", "subscribe",
        "sign up", "click here", "full text", "abstract", "video", "photo", "gallery",
        "recommended", "trending", "top stories", "most read", "skip to content",
    }
)

_SPACES = re.compile(r"[ \t\u00a0]+")

# Paragraphs shorter than this ("Thank you.") legitimately recur and are never dropped.
MIN_REPEAT_CHARS = 40
# A pull quote is looked for only among the paragraphs sharing its rarest pair of words; a pair
# shared by more paragraphs than this is a refrain of the text, not the trace of one box.
_MAX_REPEAT_CANDIDATES = 64


def fold_spaces(text: str) -> str:
    """`text` with each run of spaces, tabs and no-break spaces made one space (newlines kept)."""
    return _SPACES.sub(" ", text)


def is_boilerplate(paragraph: str) -> bool:
    """True for page furniture: `Comments`, `FASTFACT`, `Share this article`."""
    key = re.sub(r"[^\w ]+", "", paragraph).strip().lower()
    return key in BOILERPLATE or not key


def clean_paragraphs(lines: Iterable[str]) -> list[str]:
    """Whitespace-trimmed body paragraphs without furniture or repeated pull-quote boxes.

    A pull-quote or fact box repeats a sentence of the body (newspapers print it large beside
    the story); a paragraph whose text already stands in another paragraph is dropped so it is
    never counted twice.
    """
    return drop_repeats(without_furniture(lines))


def without_furniture(lines: Iterable[str]) -> list[str]:
    """The lines with spaces folded and trimmed, without empty ones and page furniture."""
    paragraphs = [fold_spaces(p).strip() for p in lines]
    return [p for p in paragraphs if p and not is_boilerplate(p)]


def drop_repeats(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without those (of MIN_REPEAT_CHARS or more) that equal an earlier paragraph
    or stand inside a longer one.

    Near-linear: equal paragraphs are found by hashing, and a paragraph `p` is only compared
    with the paragraphs holding the rarest pair of its inner words. Every word of `p` but the
    first and the last is a whole word wherever `p` stands, so a paragraph holding `p` holds
    that pair of words side by side.
    """
    long = [i for i, p in enumerate(paragraphs) if len(p) >= MIN_REPEAT_CHARS]
    words = {i: paragraphs[i].split() for i in long}
    index: dict[tuple[str, ...], list[int]] = {}
    for i in long:
        w = words[i]
        for key in {*zip(w, w[1:]), *((x,) for x in w)}:
            index.setdefault(key, []).append(i)
    seen: set[str] = set()
    dropped: set[int] = set()
    for i in long:
        p = paragraphs[i]
        if p in seen:
            dropped.add(i)
            continue
        seen.add(p)
        if _inside_longer(p, words[i][1:-1], index, paragraphs):
            dropped.add(i)
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _inside_longer(p: str, inner: list[str], index: dict, paragraphs: list[str]) -> bool:
    """True when `p` stands inside a longer paragraph among those sharing its rarest inner word
    pair (or its one inner word); a paragraph of one or two words is not looked for."""
    keys = list(zip(inner, inner[1:])) or [(x,) for x in inner]
    if not keys:
        return False
    candidates = min((index.get(k, ()) for k in keys), key=len)
    if len(candidates) > _MAX_REPEAT_CANDIDATES:
        return False
    return any(len(paragraphs[j]) > len(p) and p in paragraphs[j] for j in candidates)

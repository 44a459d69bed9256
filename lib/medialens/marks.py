"""Quote marks: the stretches of a paragraph that stand between quote marks.

Plain string scanning, without spaCy: double marks (curly or straight) always count, single
marks in headlines and in texts quoted with single marks throughout; apostrophes are not
closing marks; single marks inside a double quote are a nested quote; a quote left open at a
paragraph's end goes on in the next. Also the attribution zones either side of a quote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon.quoting import ABBREVIATIONS, ALL_MARKS, DOUBLE_CLOSE, DOUBLE_OPEN, LABEL_WORDS, SINGLE_CLOSE, SINGLE_OPEN, TITLE_NOUNS

# every character that can be a quote mark: the scan for quotes visits only these
_MARK_CHARS = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'") + "]")
# the mark comes first so that the regex engine looks behind only at a `.`, `?` or `!`
_TERMINATOR = re.compile(r"[.?!]" + "".join(rf"(?<!\b{a}[.?!])" for a in ABBREVIATIONS) + r"(?=\s|$)")


@dataclass
class MarkedSpan:
    """Text between quote marks in one paragraph; `open_end` when no closing mark was found."""

    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    paragraph: int
    open_end: bool = False


def _opens(text: str, i: int) -> bool:
    """A straight or ambiguous mark opens a quote when nothing word-like stands before it."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014\u2013-/\u201c\u2018:"


def _is_apostrophe(text: str, i: int) -> bool:
    """`Syria’s`, `don’t`, `’90s`: a single mark inside or before a word is an apostrophe."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() and after.isalnum()) or (after.isdigit() and not before.isalnum())


# words written with their first letters left out: `'Tis the season`, `rock 'n' roll`
_ELISION = re.compile(r"(?i:tis|twas|n|em|cause|til)(?![\w])")


def _closes_spaced(text: str, i: int, skip: int, end: int) -> bool:
    """`what does that mean? " Clinton asked`, `'Manhattan poor,' '' she said`: a straight mark
    typed with a space either side closes the open quote when closing punctuation stands before
    it, or a full stop with the attribution going on in lower case after it; before a new
    sentence (`... he said. " And we will ...`) it opens the next quote."""
    after = skip + 1 if skip == i + 1 else i + 1
    if text[i] not in "\"'" or after < end and not text[after].isspace():
        return False
    before = text[:i].rstrip()[-1:]
    following = text[after:end].lstrip()[:1]
    return before in ",?!'\u2019" or before == "." and following.islower()


class _Scan:
    """The state of `find_marked_spans` through one paragraph: where the open quote began, of
    which kind (`d` double, `s` single), and a mark to skip (the second half of `''`)."""

    def __init__(self, text: str, end: int, paragraph: int, single: bool):
        self.text, self.end, self.paragraph, self.single = text, end, paragraph, single
        self.spans: list[MarkedSpan] = []
        self.open_at: int | None = None
        self.open_kind = ""
        self.skip = -1

    def visit(self, i: int) -> None:
        """Read the mark at `i`: open, close, or pass over it."""
        if i == self.skip:
            return
        text, c = self.text, self.text[i]
        if c == "'" and i + 1 < self.end and text[i + 1] == "'":
            # archive and wire copy typed without double marks writes ''quote'': a pair of
            # apostrophes is one straight double mark (its second half opens the content)
            c, self.skip = '"', i + 1
            if self.open_at is None and _opens(text, i):
                self.open_at, self.open_kind = i + 1, "d"
                return
        is_double = c in DOUBLE_OPEN or c in DOUBLE_CLOSE or c == '"'
        is_single = self.single and (c in SINGLE_OPEN or c in SINGLE_CLOSE or c == "'")
        if not (is_double or is_single):
            return
        kind = "d" if is_double else "s"
        if is_single and self.open_kind == "d":
            return  # nested quote, part of the outer one
        if self.open_at is None:
            self._maybe_open(i, c, kind)
        else:
            self._maybe_close(i, c, kind)

    def _maybe_open(self, i: int, c: str, kind: str) -> None:
        text = self.text
        if kind == "s" and _ELISION.match(text, i + 1):
            return  # `'Tis the season`, `rock 'n' roll`: the mark stands for left-out letters
        if kind == "s" and (c in SINGLE_CLOSE or _is_apostrophe(text, i)) and not (c == "'" and _opens(text, i)):
            return
        if c in DOUBLE_OPEN or c in SINGLE_OPEN or _opens(text, i):
            self.open_at, self.open_kind = i, kind

    def _maybe_close(self, i: int, c: str, kind: str) -> None:
        text, open_at = self.text, self.open_at
        if kind != self.open_kind:
            return
        if kind == "s" and _is_apostrophe(text, i):
            return
        closes = c in DOUBLE_CLOSE or c in SINGLE_CLOSE or not _opens(text, i) or _closes_spaced(text, i, self.skip, self.end)
        if closes:
            self.spans.append(MarkedSpan(open_at + 1, i, self.paragraph))
            self.open_at = None
        else:  # a second opening mark: the first quote was never closed
            self.spans.append(MarkedSpan(open_at + 1, _rstrip(text, open_at + 1, i), self.paragraph, open_end=True))
            self.open_at = self.skip if self.skip == i + 1 else i

    def finish(self) -> list[MarkedSpan]:
        """The spans found, a quote still open running to the paragraph's end; empty ones dropped."""
        text = self.text
        if self.open_at is not None:
            self.spans.append(MarkedSpan(self.open_at + 1, _rstrip(text, self.open_at + 1, self.end), self.paragraph, open_end=True))
        return [s for s in self.spans if re.search(r"\w", text[s.start : s.end])]


def find_marked_spans(text: str, start: int, end: int, paragraph: int, single: bool) -> list[MarkedSpan]:
    """Find quoted stretches in `text[start:end]`.

    Double marks (curly or straight) always count; single marks count when `single` is true
    (headlines, and articles that use single marks throughout). Single marks inside a double
    quote are a nested quote and stay part of it. A quote left open at the end of the
    paragraph is returned with `open_end=True`: newswire leaves the closing mark off when the
    quote goes on in the next paragraph.
    """
    scan = _Scan(text, end, paragraph, single)
    for mark in _MARK_CHARS.finditer(text, start, end):
        scan.visit(mark.start())
    return scan.finish()


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def uses_single_marks(text: str) -> bool:
    """True for texts quoted with single marks throughout (no double marks at all)."""
    return not re.search(r"[\"\u201c\u201d\u201e\u00ab\u00bb]|''", text)


# the word right before an opening mark, a comma allowed between (`her book, "A Fighting Chance"`)
_WORD_BEFORE_MARK = re.compile(r"([\w-]+)[ \t]*,?[ \t]*$")


def labelled(text: str, span: MarkedSpan) -> bool:
    """`the so-called "deal"`, `the film "13th"`, `her new book, "A Fighting Chance"`: marks
    opened right after a label word or a title noun hold a name, not somebody's words."""
    # the opening mark may be two characters (wire copy's `''`)
    before = text[max(0, span.start - 42) : span.start].rstrip(ALL_MARKS)
    m = _WORD_BEFORE_MARK.search(before)
    return m is not None and (m.group(1).lower() in LABEL_WORDS or m.group(1).lower() in TITLE_NOUNS)


def _inside(i: int, spans: list[MarkedSpan]) -> bool:
    return any(s.start - 1 <= i <= s.end for s in spans)


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


def title_cased(text: str) -> bool:
    """Every word of four letters or more after the first capitalised, as titles are written
    (`Latin History for Dummies`, `This Week`), which a quoted sentence is not; a quote's first
    word is capitalised anyway (`Stop the war`)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text)[1:] if len(w) >= 4]
    return bool(words) and all(w[0].isupper() for w in words)

"""The speaker mention the sieves read, prepared from a quote's speaker offsets.

The mention as written is cut at its last line break: the parser can run an unpunctuated
headline into the first sentence, and a speaker phrase never crosses a paragraph break. Its parse
is read only when a sieve first asks for it, as the sieves before it (pronouns, first person,
datelines) need the words alone: `X, who said ...` is read as X's phrase, and a name ending a
titled phrase (`Turkish President Recep Tayyip Erdogan`) is its head whatever a parse confused by
a run-on headline says.
"""
from __future__ import annotations

from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Span, Token

from ..entities import Entity, entity_at
from ..gender import GENDERED_TITLES
from ..lexicon.people import RELATIVE_PRONOUNS
from ..lexicon.sources import NEW_SOURCE_DETERMINERS
from ..quotes import Quote, speaker_phrase
from ..quotes.words import whole_word, word_head
from .nouns import _titles_before, clean_mention, looks_like_person
from .state import ArticleState


class Phrase(NamedTuple):
    """The speaker phrase as parsed: its head, its tokens, where it stands and its text."""

    head: Token
    span: Span
    start: int
    end: int
    text: str


class Mention:
    """One speaker mention: the words as written, and their parse when a sieve asks for it.

    `start`, `end`, `text` and `lower` are the mention as written after the line-break cut;
    `position` and `paragraph` say where it stands. `tokens` are its tokens (None when the
    offsets cover none); `phrase` is the phrase the later sieves read; `entity` the entity at the
    phrase's head; `title` a form of address before it (`Mr`, `Ms`) and `title_gender` what that
    says; `determiner` a determiner that introduces a new source (`another official`).
    """

    def __init__(self, state: ArticleState, start: int, end: int) -> None:
        self._state = state
        self.start, self.end = start, end
        self.text = clean_mention(state.text[start:end] if end > start else "")
        self.lower = self.text.lower()
        self.position = start
        self.paragraph = state.paragraph(start)

    @cached_property
    def tokens(self) -> Span | None:
        span = self._state.doc.char_span(self.start, self.end, alignment_mode="expand")
        return span if span is not None and len(span) else None

    @cached_property
    def phrase(self) -> Phrase:
        doc, span = self._state.doc, self.tokens
        start, end, text = self.start, self.end, self.text
        # `the flood co-ordinator`: a hyphenated word is headed by its last piece
        head = word_head(span.root) if whole_word(span.root).end <= span.end else span.root
        if head.lower_ in GENDERED_TITLES and head.i + 1 < span.end:
            # `Mrs May`, the title parsed as a sentence of its own: the name is the head
            head = span[-1]
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            # `..., said Norman Ham, who ...` is handled by the quotes package; here `X, who said ...`
            head = head.head.head
            start, end, _ = speaker_phrase(self._state.index, head)
            text = clean_mention(self._state.text[start:end] if end > start else "")
            span = doc.char_span(start, end, alignment_mode="expand")
        last = span[-1]
        titled = all(t.pos_ in ("PROPN", "NOUN", "ADJ", "PART", "DET") or t.is_punct and t.text in ".-" for t in span)
        if head is not last and last.pos_ == "PROPN" and titled:
            # `Turkish President Recep Tayyip Erdogan`: a name ending the phrase is its head,
            # whatever a parse confused by a run-on headline says
            named = entity_at(self._state.entities, last.idx, last.idx + len(last))
            if named is not None and looks_like_person(named):
                head = last
        return Phrase(head, span, start, end, text)

    @cached_property
    def entity(self) -> Entity | None:
        # the name must be the phrase's head: in `Turkey's president` Turkey is not the speaker
        head = self.phrase.head
        return entity_at(self._state.entities, head.idx, head.idx + len(head))

    @cached_property
    def title(self) -> str | None:
        doc, phrase = self._state.doc, self.phrase
        return next((t for t in _titles_before(doc, phrase.head.idx) + _titles_before(doc, phrase.span.start_char)), None)

    @cached_property
    def title_gender(self) -> str:
        return GENDERED_TITLES.get(self.title.lower(), "unknown") if self.title else "unknown"

    @cached_property
    def determiner(self) -> str | None:
        return next((d for d in NEW_SOURCE_DETERMINERS if self.lower.startswith(d + " ")), None)


def prepare_mention(quote: Quote, state: ArticleState) -> Mention:
    """The mention at `quote.speaker_start:speaker_end`, cut at its last line break."""
    start, end = quote.speaker_start, quote.speaker_end
    # the parser can run an unpunctuated headline into the first sentence: a speaker
    # phrase never crosses a paragraph break, so keep the part nearest the cue
    cut = (state.text[start:end] if end > start else "").rfind("\n")
    if cut >= 0:
        start += cut + 1
    return Mention(state, start, end)

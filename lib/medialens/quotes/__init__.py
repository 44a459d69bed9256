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
the `sources` package resolves it to a canonical source.

Newswire conventions followed, each pinned by a test in tests/test_quotes.py:

- the attribution before, after or inside the quote; a quote interrupted by a bare
  attribution (`"...," he said, "..."`) is one quote;
- cues are the verbs and phrases of `lexicon/cues.py`, with `according to X`, passive frames
  (`X was quoted as saying`), inverted subjects (`said Mr. Smith`), a dash signing a quote
  (`" ..." ― Esther Tapia`), a speaker label (`Sanders: ...`, transcripts' `PENCE: ...`) and a
  paragraph ending in `said:` introducing the next;
- a quote left open at a paragraph's end goes on in the next; single marks count in headlines;
  apostrophes are not closing marks; single marks inside double ones are a nested quote;
- quoted names and labels (`the so-called "deal"`, a book's title) are not quotes;
- a quote with no cue continues the previous quote's speaker, within the same or the next
  paragraph only; otherwise its speaker stays unknown, and the quote is kept.

Last, a learned model proposes reported speech among the verbs the rules leave
(`proposed.py`): those quotes are `decided_by` the model, every other quote by a rule.
"""
from __future__ import annotations

from ..confidence import QuoteModel
from ..index import ArticleIndex
from ..marks import MarkedSpan, find_marked_spans, uses_single_marks
from .cues import cue_text, find_cue
from .direct import _end_before_direct, _join_interrupted, _quote_from_marks
from .layout import _attach_introduction, _attach_signature, _carry_speakers, _label_quotes
from .proposed import proposed_quotes
from .quote import KINDS, Quote
from .reported import _indirect_quotes
from .mentions import speaker_mention, speaker_phrase
from .speakers import speaker_token

__all__ = [
    "KINDS", "MarkedSpan", "Quote", "cue_text", "extract_quotes", "find_cue", "find_marked_spans", "one_per_span", "rule_quotes",
    "speaker_mention", "speaker_phrase", "speaker_token", "uses_single_marks",
]


def extract_quotes(ix: ArticleIndex, proposer: QuoteModel | None = None) -> list[Quote]:
    """All quotes of an indexed article (`ArticleIndex.build(doc)`), in text order: those of
    `rule_quotes`, then the reported speech `proposer` (default: the shipped model of
    `proposed.py`) proposes among the verbs they leave.

    Quotes come with kind, text, offsets, paragraph (0 = the headline when the index has one),
    cue and speaker mention; the canonical speaker is left `unknown` for
    `sources.resolve_speakers` to fill.
    """
    quotes = rule_quotes(ix)
    # after the rules have carried speakers, so a proposed quote never changes whose words a
    # rule quote continues
    quotes += proposed_quotes(ix, quotes, proposer)
    quotes.sort(key=lambda q: q.start)
    return one_per_span(quotes)


def one_per_span(quotes: list[Quote]) -> list[Quote]:
    """`quotes` without any whose offsets an earlier one has: one passage is one row, and a
    row's id is made of its offsets (`tables.quote_id`), so two would share an id."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for q in quotes:
        if (q.start, q.end) not in seen:
            seen.add((q.start, q.end))
            kept.append(q)
    return kept


def rule_quotes(ix: ArticleIndex) -> list[Quote]:
    """The quotes the rules find in an indexed article, in text order (see `extract_quotes`)."""
    quotes = [q for q in (_quote_from_marks(ix, s) for s in ix.marked) if q]
    quotes = _join_interrupted(ix, quotes)
    quotes = _end_before_direct(ix, quotes)
    for q in quotes:
        if q.cue is None:
            _attach_signature(ix, q)
        if q.cue is None and q.paragraph > 0:
            _attach_introduction(ix, q)
    quotes += _label_quotes(ix, quotes)
    quotes += _indirect_quotes(ix, quotes)
    quotes.sort(key=lambda q: q.start)
    _carry_speakers(ix, quotes)
    return quotes

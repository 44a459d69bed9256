"""Every spaCy factory and Doc extension of medialens, in one place.

- `medialens_paragraph_breaks`: a sentence starts after every line break (added by
  `pipeline.new_pipeline` before the parser);
- `medialens_quotes`: the quotes of an article, as `doc._.quotes` and as span groups;
- `medialens_sources`: their speakers resolved, and `doc._.sources`.

They are registered when this module is imported, which `pipeline.new_pipeline` does and spaCy
does itself through the `spacy_factories` entry points, so `nlp.add_pipe("medialens_quotes")`
works in any pipeline; no other module registers anything on import.

The components call exactly what the batch extraction calls (`article_quotes`), with the same
inputs (the dateline of the first paragraph included), so for the text of an article read by
medialens (`Article.text`) they give the rows of the quotes table.

Results live where spaCy users look for them, in forms a `DocBin(store_user_data=True)` keeps:
`doc.spans["quotes"]` (label: the kind), `doc.spans["quote_speakers"]` (label: the source a
speaker resolves to) and `doc.spans["quote_cues"]` (label `CUE`), each span's `id_` the quote's
number in the article, so `displacy.render(doc, style="span", options={"spans_key": "quotes"})`
shows them; and `doc._.quotes`, the `Quote` records, kept as plain dicts in `doc.user_data`.
"""
from __future__ import annotations

import dataclasses

from spacy.language import Language
from spacy.tokens import Doc, Span

from .article import block_spans, split_dateline
from .confidence import QuoteModel
from .entities import Entity, group_entities
from .pipeline import doc_text
from .quotes import Quote, extract_quotes
from .index import ArticleIndex
from .sources import SIEVES, resolve_speakers, sieves_named

# Where the quotes are kept in `doc.user_data`: plain values, which DocBin can serialise.
QUOTES_KEY = "medialens_quotes"
SPAN_KEYS = {"quotes": "quotes", "speakers": "quote_speakers", "cues": "quote_cues"}


def article_quotes(doc: Doc, dateline: str | None, headline: bool = True,
                   proposer: QuoteModel | None = None) -> tuple[list[Entity], list[Quote]]:
    """The entities (all labels) and the resolved quotes of one parsed article: the one path
    from a Doc to quotes, shared by the batch extraction and the components. `proposer` is
    the model proposing reported speech (default: the shipped one; see `quotes/proposed.py`)."""
    ix = ArticleIndex.build(doc, headline)
    entities = group_entities(doc, dateline, labels=None)
    return entities, resolve_speakers(ix, extract_quotes(ix, proposer), entities)


def doc_dateline(doc: Doc) -> str | None:
    """The wire dateline (`GENEVA`) of the article's first paragraph, as the reader finds it."""
    blocks = block_spans(doc_text(doc))
    if len(blocks) < 2:
        return None
    start, end = blocks[1]
    return split_dateline(doc_text(doc)[start:end])[0]


def _get_quotes(doc: Doc) -> list[Quote] | None:
    stored = doc.user_data.get(QUOTES_KEY)
    return None if stored is None else [Quote(**q) for q in stored]


def _set_quotes(doc: Doc, quotes: list[Quote] | None) -> None:
    """Keep `quotes` as plain dicts and as span groups."""
    if quotes is None:
        doc.user_data.pop(QUOTES_KEY, None)
        return
    doc.user_data[QUOTES_KEY] = [dataclasses.asdict(q) for q in quotes]
    groups: dict[str, list[Span]] = {key: [] for key in SPAN_KEYS.values()}
    for n, q in enumerate(quotes, 1):
        parts = [(SPAN_KEYS["quotes"], q.start, q.end, q.kind)]
        if q.speaker_start is not None and q.speaker_end is not None:
            parts.append((SPAN_KEYS["speakers"], q.speaker_start, q.speaker_end, q.speaker_canonical))
        if q.cue_start is not None and q.cue:
            parts.append((SPAN_KEYS["cues"], q.cue_start, q.cue_start + len(q.cue.split()[0]), "CUE"))
        for key, start, end, label in parts:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                span.id_ = str(n)
                groups[key].append(span)
    for key, spans in groups.items():
        doc.spans[key] = spans


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=_get_quotes, setter=_set_quotes)
if not Doc.has_extension("sources"):
    Doc.set_extension("sources", default=None)


@Language.component("medialens_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs (it keeps preset starts).

    A headline has no full stop and a paragraph may end without one; left alone, the parser
    runs them into the next paragraph's first sentence and takes the headline's words as its
    subject (`Mayor pledges ... Smith said` gives the speaker `Mayor pledges`).
    """
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.whitespace_ or (before.is_space and "\n" in before.text):
            token.is_sent_start = True
    return doc


@Language.factory("medialens_quotes", default_config={"headline": True},
                  assigns=["doc._.quotes", "doc.spans"], requires=["token.dep", "token.lemma", "token.pos"])
def make_quote_component(nlp: Language, name: str, headline: bool) -> "QuoteComponent":
    """Factory for `nlp.add_pipe("medialens_quotes")`: sets `doc._.quotes` and the span groups."""
    return QuoteComponent(headline)


class QuoteComponent:
    """Finds the quotes of a Doc (the first line is taken as its headline when `headline`)."""

    def __init__(self, headline: bool = True):
        self.headline = headline

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(ArticleIndex.build(doc, self.headline))
        return doc


@Language.factory("medialens_sources", default_config={"sieves": [s.__name__ for s in SIEVES]},
                  requires=["doc._.quotes"], assigns=["doc._.quotes", "doc._.sources"])
def make_source_component(nlp: Language, name: str, sieves: list[str]) -> "SourceComponent":
    """Factory for `nlp.add_pipe("medialens_sources")` (after `medialens_quotes`); `sieves` are
    the speaker sieves tried, in order (see `sources/sieves.py`)."""
    return SourceComponent(sieves_named(sieves))


class SourceComponent:
    """Resolves the speakers of `doc._.quotes` as the batch extraction does (with the article's
    entities and dateline) and lists the sources on `doc._.sources`."""

    def __init__(self, sieves: tuple = SIEVES):
        self.sieves = sieves

    def __call__(self, doc: Doc) -> Doc:
        entities = group_entities(doc, doc_dateline(doc), labels=None)
        quotes = resolve_speakers(ArticleIndex.build(doc), doc._.quotes or [], entities, self.sieves)
        doc._.quotes = quotes
        doc._.sources = sorted({q.speaker_canonical for q in quotes if q.speaker_type != "unknown"})
        return doc

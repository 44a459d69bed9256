"""The spaCy side of the quotes: the `doc._.quotes` extension and the `medialens_quotes`
pipeline component, registered when the package is imported."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extract_quotes

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

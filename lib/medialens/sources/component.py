"""The spaCy component that resolves the speakers of `doc._.quotes` and lists `doc._.sources`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


if not Doc.has_extension("sources"):
    Doc.set_extension("sources", default=None)


@Language.factory("medialens_sources", requires=["doc._.quotes"], assigns=["doc._.sources"])
def make_source_component(nlp: Language, name: str) -> "SourceComponent":
    """Factory for `nlp.add_pipe("medialens_sources")` (after `medialens_quotes`)."""
    return SourceComponent()


class SourceComponent:
    """Resolves the speakers of `doc._.quotes` in place and lists the sources on `doc._.sources`."""

    def __call__(self, doc: Doc) -> Doc:
        from . import resolve_speakers  # the package imports this module after defining it

        quotes = resolve_speakers(doc, doc._.quotes or [])
        doc._.sources = sorted({q.speaker_canonical for q in quotes if q.speaker_type != "unknown"})
        return doc

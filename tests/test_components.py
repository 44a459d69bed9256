"""The quote and source extractors as spaCy pipeline components."""
from __future__ import annotations

import medialens.quotes  # noqa: F401  (registers the factories)
import medialens.sources  # noqa: F401
from medialens.pipeline import new_pipeline


def test_components_put_resolved_quotes_and_sources_on_the_doc():
    nlp = new_pipeline()
    nlp.add_pipe("medialens_quotes")
    nlp.add_pipe("medialens_sources")
    doc = nlp(
        "Minister warns of shortages\n\n"
        "Health Minister Ana Silva said hospitals were running out of oxygen.\n\n"
        "\u201cWe need help now,\u201d she told reporters in Lisbon."
    )
    by_kind = {q.kind: q for q in doc._.quotes}
    assert by_kind["direct"].text.startswith("We need help now")
    assert by_kind["direct"].speaker_canonical == "Ana Silva"
    assert by_kind["indirect"].speaker_canonical == "Ana Silva"
    assert doc._.sources == ["Ana Silva"]


def test_components_on_an_article_read_by_medialens_give_the_quotes_of_the_tables(seed_tables):
    from locations import SEEDS
    from medialens.article import Article
    from medialens.io.corpus import read_corpus

    nlp = new_pipeline()
    nlp.add_pipe("medialens_quotes")
    nlp.add_pipe("medialens_sources")
    article = next(a for a in read_corpus(SEEDS) if isinstance(a, Article))
    doc = nlp(article.text)  # the reader drops furniture and repeated boxes, as extraction does
    found = [(q.kind, q.text, q.start, q.end, q.speaker_canonical, q.speaker_type) for q in doc._.quotes]
    table = seed_tables.quotes
    expected = list(zip(table["kind"], table["text"], table["start"], table["end"], table["speaker_canonical"], table["speaker_type"]))
    assert found == expected and len(found) > 10

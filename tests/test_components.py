"""The quote and source extractors as spaCy pipeline components."""
from __future__ import annotations

import pytest

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


def _article_doc(nlp):
    from locations import SEEDS
    from medialens.article import Article
    from medialens.io.corpus import read_corpus

    article = next(a for a in read_corpus(SEEDS) if isinstance(a, Article))
    return nlp(article.text)


def test_quotes_are_span_groups_that_displacy_shows_and_a_docbin_keeps():
    from spacy import displacy
    from spacy.tokens import DocBin

    nlp = new_pipeline()  # the factories come from the package's entry points: nothing imported
    nlp.add_pipe("medialens_quotes")
    nlp.add_pipe("medialens_sources")
    doc = _article_doc(nlp)
    quotes = doc._.quotes
    spans = doc.spans["quotes"]
    assert [s.label_ for s in spans] == [q.kind for q in quotes]
    assert [(s.start_char, s.end_char) for s in spans] == [(q.start, q.end) for q in quotes]
    speakers = {s.id_: s.label_ for s in doc.spans["quote_speakers"]}
    assert speakers == {str(n): q.speaker_canonical for n, q in enumerate(quotes, 1) if q.speaker_start is not None}
    assert all(doc.text[s.start_char:s.end_char].split()[0] == q.cue.split()[0]
               for s in doc.spans["quote_cues"] for q in [quotes[int(s.id_) - 1]])
    html = displacy.render(doc, style="span", options={"spans_key": "quotes"}, jupyter=False)
    assert "direct" in html and "indirect" in html

    stored = DocBin(store_user_data=True)
    stored.add(doc)
    (back,) = DocBin(store_user_data=True).from_bytes(stored.to_bytes()).get_docs(nlp.vocab)
    assert back._.quotes == quotes
    assert [(s.label_, s.start, s.end) for s in back.spans["quotes"]] == [(s.label_, s.start, s.end) for s in spans]
    assert list(back._.sources) == doc._.sources


def test_the_source_component_reads_the_dateline_as_the_extraction_does(tmp_path):
    from medialens.components import doc_dateline
    from medialens.extract import extract

    text = "Ceasefire talks resume\n\nGENEVA: Talks resumed on Monday.\n\nGeneva said the talks would go on."
    nlp = new_pipeline()
    nlp.add_pipe("medialens_quotes")
    nlp.add_pipe("medialens_sources")
    doc = nlp(text)
    assert doc_dateline(doc) == "GENEVA"
    (tmp_path / "talks.txt").write_text(text, encoding="utf-8")
    table = extract(tmp_path, cache=False, workers=1, progress=False).quotes
    assert [(q.text, q.speaker_canonical, q.speaker_type) for q in doc._.quotes] == list(
        zip(table["text"], table["speaker_canonical"], table["speaker_type"]))


def test_source_component_tries_only_the_sieves_in_its_config():
    text = "Taxes to rise\n\nPeter Jones said taxes would rise. He said prices would fall too."
    full = new_pipeline()
    full.add_pipe("medialens_quotes")
    full.add_pipe("medialens_sources")
    no_pronouns = new_pipeline()
    no_pronouns.add_pipe("medialens_quotes")
    no_pronouns.add_pipe("medialens_sources", config={"sieves": ["person_entity", "head_noun"]})
    by_rule = {q.speaker: (q.speaker_canonical, q.speaker_rule) for q in full(text)._.quotes}
    assert by_rule["He"] == ("Peter Jones", "pronoun")
    restricted = {q.speaker: (q.speaker_canonical, q.speaker_rule) for q in no_pronouns(text)._.quotes}
    assert restricted["Peter Jones"] == ("Peter Jones", "person_entity")
    # without the pronoun sieve no sieve decides `He`: unknown, and no rule recorded
    assert restricted["He"] == ("unknown", None)


def test_an_unknown_sieve_in_the_config_is_refused():
    nlp = new_pipeline()
    with pytest.raises(ValueError, match="unknown sieve 'pronouns'"):
        nlp.add_pipe("medialens_sources", config={"sieves": ["pronouns"]})

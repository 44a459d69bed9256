"""Property tests: whatever text comes in, the rows that come out are well formed.

Arbitrary Unicode, unbalanced and nested quote marks, sentences hundreds of words long and
text with no punctuation at all go through `article_from_text` and the whole per-article
pipeline; every quote must slice `Article.text` at its offsets and carry a known kind and
speaker type. The readers get arbitrary bytes and must answer with Articles or Rejects only.
"""
from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialens.article import Article, ReadError, Reject, article_from_text
from medialens.io.corpus import read_corpus
from medialens.io.decode import decode
from medialens.extract import extract_article
from medialens.quotes import KINDS
from medialens.sources import SOURCE_TYPES
from test_codebook import assert_offsets_locate_the_row

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‹", "›"]
WORDS = [
    "the", "minister", "said", "told", "reporters", "added", "according", "to", "officials", "he", "she",
    "they", "Red", "Cross", "Geneva", "Erdogan", "we", "will", "not", "leave", "a", "spokesman", "police",
    "Turkey’s", "rebels", "on", "Tuesday", "that", "ceasefire", "was", "over", "Lavrov", "accused",
]
PUNCT = [".", ",", ";", ":", "?", "!", "—", "-", "(", ")", "\n", "\n\n"]

# Any printable or spacing Unicode, combining marks and right-to-left text included; no lone
# surrogates, which cannot be encoded and which no file can hold.
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
newsy_tokens = st.lists(st.sampled_from(WORDS + MARKS + PUNCT), max_size=120)
quote_soup = st.lists(st.sampled_from(MARKS + WORDS[:8] + [" ", "\n"]), max_size=80).map("".join)
long_sentence = st.lists(st.sampled_from(WORDS), min_size=200, max_size=600).map(" ".join)
no_punctuation = st.lists(st.sampled_from(WORDS + ["\n"]), max_size=200).map(" ".join)


@st.composite
def nested_quotes(draw) -> str:
    """Quotes inside quotes, some left open: `“He said ‘we “will” leave’ on Tuesday`."""
    depth = draw(st.integers(1, 4))
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
    for _ in range(depth):
        opening, closing = draw(st.sampled_from([("“", "”"), ("‘", "’"), ('"', '"'), ("«", "»"), ("'", "'")]))
        text = f"{opening}{text}{closing if draw(st.booleans()) else ''}"
        text = f"{' '.join(draw(st.lists(st.sampled_from(WORDS), max_size=5)))} {text}, {draw(st.sampled_from(WORDS))} said."
    return "Headline about talks\n\n" + text


def _tokens_to_text(tokens: list[str]) -> str:
    return " ".join(tokens)


def _article(text: str) -> Article | None:
    try:
        return article_from_text(text, "prop")
    except ReadError:
        return None  # no text at all: a Reject in a corpus, not an article


def _assert_well_formed(article: Article, rows: dict[str, list[dict]]) -> None:
    text = article.text
    n_blocks = len(article.blocks)
    for q in rows["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text), q
        assert_offsets_locate_the_row(text, q)
        assert q["kind"] in KINDS
        assert q["speaker_type"] in SOURCE_TYPES
        assert 0 <= q["paragraph"] < n_blocks
        assert q["in_headline"] == (q["paragraph"] == 0)
        assert q["quote_id"].startswith(article.id)
    for e in rows["entities"]:
        assert e["entity"] and e["mentions"] >= 1 and 0 <= e["first_paragraph"] < n_blocks
    for s in rows["sources"]:
        assert s["speaker_type"] in SOURCE_TYPES and s["speaker_type"] != "unknown"
        assert s["quotes"] == s["direct"] + s["indirect"] + s["mixed"] >= 1
    assert rows["articles"][0]["article_id"] == article.id


def _check(nlp, text: str) -> None:
    article = _article(text)
    if article is not None:
        _assert_well_formed(article, extract_article(article, nlp(article.text)))


@SETTINGS
@given(text=any_text)
def test_arbitrary_unicode_gives_well_formed_rows(nlp, text):
    _check(nlp, text)


@SETTINGS
@given(tokens=newsy_tokens)
def test_newsy_words_with_stray_marks_and_punctuation_give_well_formed_rows(nlp, tokens):
    _check(nlp, "Officials say talks will go on\n\n" + _tokens_to_text(tokens))


@SETTINGS
@given(text=quote_soup)
def test_unbalanced_quote_marks_give_well_formed_rows(nlp, text):
    _check(nlp, "“Unbalanced” headline\n\n" + text)


@SETTINGS
@given(text=nested_quotes())
def test_nested_and_unclosed_quotes_give_well_formed_rows(nlp, text):
    _check(nlp, text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentence=long_sentence, quoted=st.booleans())
def test_very_long_sentences_give_well_formed_rows(nlp, sentence, quoted):
    body = f"“{sentence}”, the minister said." if quoted else f"The minister said {sentence}"
    _check(nlp, "Long sentence\n\n" + body)


@SETTINGS
@given(text=no_punctuation)
def test_text_without_any_punctuation_gives_well_formed_rows(nlp, text):
    _check(nlp, text)


# --- Readers never crash ------------------------------------------------------------------------

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv"]


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=600))
def test_decode_returns_composed_text_or_a_read_error(data):
    try:
        text = decode(data, "input.txt")
    except ReadError as e:
        assert "input.txt" in str(e)
    else:
        assert "\r" not in text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(
    st.binary(max_size=600),
    any_text.map(lambda t: t.encode("utf-8")),
    st.lists(st.one_of(any_text, st.dictionaries(st.sampled_from(["id", "text", "title", "date", "x"]),
                                                    st.one_of(any_text, st.integers(), st.none()), max_size=5).map(json.dumps)),
             max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8")),
    st.text(string.printable, max_size=300).map(lambda t: ("id,title,text\n" + t).encode("utf-8")),
    st.text(string.printable, max_size=300).map(lambda t: ("<!DOCTYPE html><html><body><p>" + t).encode("utf-8")),
), suffix=st.sampled_from(SUFFIXES))
def test_readers_answer_any_bytes_with_articles_or_rejects_only(tmp_path, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    ids = []
    for item in read_corpus(path):
        assert isinstance(item, (Article, Reject))
        if isinstance(item, Reject):
            assert str(path) in item.reason and "\n" not in item.reason and item.source_path.startswith(str(path))
        else:
            assert item.headline.strip() and item.text.startswith(item.headline)
            ids.append(item.id)
    assert len(ids) == len(set(ids))

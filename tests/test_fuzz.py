"""Property tests: whatever bytes, records, rows or markup come in, the readers answer with
Articles, Rejects and Skips only, every string valid UTF-8, every record accounted for; the quote
extractor's offsets always point into the text. Examples are derandomised, so a run is
repeatable and CI time is bounded."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medialens.article import Article, Reject, Skip, article_from_text, markup_to_text
from medialens.io.corpus import read_corpus
from medialens.io.printable import display_path
from strings import strings_in

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".html", ".jsonl", ".csv", ".tsv", ".json"]

# Text as feeds carry it: letters, digits, punctuation, spaces, line breaks, and lone surrogates
# (half an emoji, as JavaScript writes it).
any_text = st.text(st.characters(categories=["L", "N", "P", "Zs", "Zl", "Zp", "Cs", "So"], include_characters="\n\t\"'"),
                   max_size=80)
cell_text = st.text(st.characters(categories=["L", "N", "P", "Zs"], include_characters="\n\",;"), max_size=60)


def _read(path: Path) -> list:
    """Everything read from `path`, checked for the properties every reader keeps."""
    items = list(read_corpus(path))
    name = display_path(path)
    for item in items:
        assert isinstance(item, (Article, Reject, Skip))
        for s in strings_in(item):
            s.encode("utf-8")  # strict
        if isinstance(item, Reject):
            assert "\n" not in item.reason and item.source_path.startswith(name)
        if isinstance(item, Article):
            assert item.text.startswith(item.headline)
            for start, block in zip(item.block_starts, item.blocks):
                assert item.text[start : start + len(block)] == block
    return items


def _accounted(items: list, name: str) -> set[str]:
    return {i.source_path for i in items if isinstance(i, (Article, Reject))} - {name}


@FUZZ
@given(data=st.one_of(
    st.binary(max_size=400),
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    any_text.map(lambda t: t.encode("utf-8", "surrogatepass") + b" \xe9 \x93x\x94 \xa3"),
    st.lists(any_text, max_size=5).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
), suffix=st.sampled_from(SUFFIXES))
def test_readers_answer_any_bytes_with_articles_rejects_or_skips(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"input{suffix}"
    path.write_bytes(data)
    _read(path)


record = st.fixed_dictionaries(
    {"text": any_text}, optional={"title": any_text, "id": st.one_of(any_text, st.integers()), "x\ud800": any_text})


@FUZZ
@given(records=st.lists(record, min_size=1, max_size=6), as_list=st.booleans())
def test_every_record_becomes_an_article_or_a_reject(tmp_path_factory, records, as_list):
    folder = tmp_path_factory.mktemp("records")
    if as_list:
        path = folder / "feed.json"
        path.write_text(json.dumps(records), encoding="utf-8")
    else:
        path = folder / "feed.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = _read(path)
    name = display_path(path)
    if as_list and len(records) == 1:
        return  # one record in a list is still `feed.json:1`, but a file-level reject may stand for it
    assert _accounted(items, name) == {f"{name}:{n}" for n in range(1, len(records) + 1)}


@FUZZ
@given(rows=st.lists(st.tuples(cell_text, cell_text), min_size=1, max_size=6), delimiter=st.sampled_from([",", "\t", ";"]))
def test_every_csv_row_becomes_an_article_or_a_reject(tmp_path_factory, rows, delimiter):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["id", "text"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("rows") / ("export.tsv" if delimiter == "\t" else "export.csv")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    items = _read(path)
    name = display_path(path)
    kept = [r for r in rows if any(c.strip() for c in r)]
    if not kept:
        assert all(isinstance(i, Reject) for i in items)
        return
    assert _accounted(items, name) == {f"{name}:{n}" for n in range(1, len(kept) + 1)}


markup = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<br", "<br>", "<script>", "</script>", "<style", "<div class='a'>", "</div>",
                     "</body>", "</html>", "<!--", "-->", "&amp;", "&#8220;", "<", ">", "\n"]),
    st.text(st.characters(categories=["L", "Zs", "P"]), max_size=30),
), max_size=40).map("".join)


@FUZZ
@given(body=markup, doctype=st.booleans())
def test_any_markup_is_read_or_rejected_as_a_page_and_as_feed_text(tmp_path_factory, body, doctype):
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(("<!DOCTYPE html><html><body>" if doctype else "") + body, encoding="utf-8")
    _read(path)
    text = markup_to_text(body)
    assert isinstance(text, str)
    if text.strip():
        article = article_from_text(text, "x")
        assert article.text.startswith(article.headline)


speech = st.lists(st.one_of(
    st.sampled_from(["“", "”", '"', "‘", "’", "'", "«", "»", ", ", ". ", "\n\n"]),
    st.sampled_from(["said", "told reporters", "added", "warned", "according to", "insisted that", "said on Monday"]),
    st.sampled_from(["Ann Lee", "Mayor Bob Ray", "the minister", "she", "he", "a spokesman for the council"]),
    st.sampled_from(["we will rebuild the bridge", "the budget is fine", "nobody knew", "it is over", "never again"]),
), min_size=1, max_size=30).map("".join)


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(body=speech)
def test_quote_offsets_always_point_into_the_text(nlp, body):
    from medialens.index import ArticleIndex
    from medialens.quotes import extract_quotes

    article = article_from_text("Council says bridge will reopen\n\n" + body, "x")
    doc = nlp(article.text)
    for q in extract_quotes(ArticleIndex.build(doc)):
        assert 0 <= q.start <= q.end <= len(article.text)
        if q.kind == "direct":
            assert q.text in article.text

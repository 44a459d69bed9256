"""Bad input loses nothing: each unreadable file or record is a Reject saying why, the rest is read."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from medialens.article import MAX_ARTICLE_BYTES, MAX_ARTICLE_CHARS, Article, Reject
from medialens.io import readers
from medialens.io.corpus import read_corpus
from medialens.cli import main

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa" + bytes(range(256)) * 4
STORY = "Harbour fees to rise in April\n\nThe port authority said on Monday that fees would rise by 4 percent.\n"


def _split(items) -> tuple[list[Article], list[Reject]]:
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def _assert_readable(reject: Reject, file: Path) -> None:
    """A reason is one line, names the file, and reads as a sentence."""
    assert "\n" not in reject.reason
    assert str(file) in reject.reason
    assert reject.reason.endswith(".")


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.csv", "empty.json"])
@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t "])
def test_empty_file_is_rejected_as_empty(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    articles_, rejects = _split(read_corpus(tmp_path / name))
    assert not articles_
    assert [r.source_path for r in rejects] == [str(tmp_path / name)]
    assert "is empty" in rejects[0].reason
    _assert_readable(rejects[0], tmp_path / name)


@pytest.mark.parametrize("name", ["photo.txt", "photo.html", "photo.jsonl", "photo.csv", "photo.json"])
def test_binary_file_with_a_text_suffix_is_rejected_as_binary(tmp_path, name):
    (tmp_path / name).write_bytes(PNG)
    _, rejects = _split(read_corpus(tmp_path / name))
    assert len(rejects) == 1 and "binary file" in rejects[0].reason
    _assert_readable(rejects[0], tmp_path / name)


def test_truncated_web_page_is_rejected_not_read_half():
    page = INPUTS / "truncated_page.html"
    articles_, rejects = _split(read_corpus(page))
    assert not articles_
    assert "cut off" in rejects[0].reason
    _assert_readable(rejects[0], page)


def test_page_with_no_article_text_is_rejected(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<!DOCTYPE html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
                    "<a href='/world'>World</a></nav></body></html>", encoding="utf-8")
    _, rejects = _split(read_corpus(page))
    assert len(rejects) == 1 and "no article text" in rejects[0].reason
    _assert_readable(rejects[0], page)


def test_malformed_json_file_is_rejected_whole_with_where_it_breaks(tmp_path):
    path = tmp_path / "story.json"
    path.write_text('{"title": "Storm", "text": "Gales expected",\n "date": }', encoding="utf-8")
    _, rejects = _split(read_corpus(path))
    assert "not valid JSON" in rejects[0].reason and "line 2" in rejects[0].reason
    _assert_readable(rejects[0], path)


def test_csv_without_a_text_column_names_the_columns_it_has():
    path = INPUTS / "no_text_column.csv"
    _, rejects = _split(read_corpus(path))
    assert rejects == [Reject(str(path), f"{path} has no 'text' column (columns found: 'id', 'title', 'body', 'date').")]


def test_csv_with_a_header_and_no_rows_is_rejected(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("id,title,text\n", encoding="utf-8")
    _, rejects = _split(read_corpus(path))
    assert "no records" in rejects[0].reason


def test_record_with_empty_or_non_string_text_is_rejected_and_the_rest_load(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [{"id": "a", "text": ""}, {"id": "b", "text": None}, {"id": "c", "text": ["not", "a", "string"]},
             {"id": "d", "text": "Ferries resume\nServices restarted on Monday."}, [1, 2, 3]]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    articles_, rejects = _split(read_corpus(path))
    assert [a.id for a in articles_] == ["d"]
    assert [r.source_path for r in rejects] == [f"{path}:1", f"{path}:2", f"{path}:3", f"{path}:5"]
    assert "has no text" in rejects[0].reason and "has no text" in rejects[1].reason
    assert "not a string" in rejects[2].reason and "not a record" in rejects[3].reason
    for r in rejects:
        _assert_readable(r, path)


def test_file_over_the_size_limit_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Headline\n" + b"word " * (MAX_ARTICLE_BYTES // 5 + 10))
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    articles_, rejects = _split(read_corpus(tmp_path))
    assert [a.id for a in articles_] == ["story"]
    assert rejects[0].source_path == str(path) and "10 MB limit" in rejects[0].reason
    _assert_readable(rejects[0], path)


def test_feed_line_over_the_size_limit_is_rejected_and_the_next_line_loads(tmp_path):
    path = tmp_path / "feed.jsonl"
    huge = json.dumps({"id": "huge", "text": "x" * (MAX_ARTICLE_BYTES + 10)})
    path.write_text(huge + "\n" + json.dumps({"id": "ok", "text": "Ferries resume\nOn Monday."}) + "\n", encoding="utf-8")
    articles_, rejects = _split(read_corpus(path))
    assert [a.id for a in articles_] == ["ok"]
    assert rejects[0].source_path == f"{path}:1" and "10 MB limit" in rejects[0].reason


def test_text_too_long_for_the_parser_is_rejected(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Headline\n" + "word " * (MAX_ARTICLE_CHARS // 5 + 10), encoding="utf-8")
    _, rejects = _split(read_corpus(path))
    assert "too long" in rejects[0].reason and "1,000,000" in rejects[0].reason


def test_corpus_is_read_lazily_so_a_file_deleted_mid_run_is_a_reject(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    items = read_corpus(tmp_path)
    first = next(items)
    (tmp_path / "b.txt").unlink()
    rest = list(items)
    assert first.id == "a"
    assert isinstance(rest[0], Reject) and rest[0].source_path == str(tmp_path / "b.txt")
    assert "could not be read: no such file or directory" in rest[0].reason
    assert [i.id for i in rest[1:]] == ["c"]


def test_file_replaced_by_a_folder_mid_run_is_a_reject(tmp_path):
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(json.dumps({"text": "Ferries resume\nOn Monday."}) + "\n", encoding="utf-8")
    items = read_corpus(tmp_path)
    next(items)
    (tmp_path / "b.jsonl").unlink()
    (tmp_path / "b.jsonl").mkdir()
    rest = list(items)
    assert len(rest) == 1 and "could not be read: is a directory" in rest[0].reason


def test_file_without_read_permission_is_a_reject(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(STORY, encoding="utf-8")
    real = os.open

    def refusing_open(path, flags, *args, **kwargs):  # chmod cannot lock out root, who may run the tests
        if os.fspath(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    articles_, rejects = _split(read_corpus(tmp_path))
    assert [a.id for a in articles_] == ["a"]
    assert rejects[0].reason == f"{tmp_path / 'secret.txt'} could not be read: permission denied."


def test_a_reader_failing_unexpectedly_costs_only_its_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")

    def broken(path):
        raise RuntimeError("lxml choked\non this")

    monkeypatch.setitem(readers.READERS, ".html", broken)
    articles_, rejects = _split(read_corpus(tmp_path))
    assert [a.id for a in articles_] == ["a"]
    assert rejects[0].reason == f"{tmp_path / 'b.html'} could not be read (RuntimeError: lxml choked)."


# --- The whole path: `medialens extract` over a mixed corpus -----------------------------------

GOOD = {"aid_convoy.html", "council_vote.txt", "formula_headline.txt", "harbour_feed.jsonl", "wire_export.csv",
        "single_story.json", "story_list.json"}
BAD = {"truncated_page.html", "no_text_column.csv"}


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """`medialens extract` over every fixture plus generated empty, binary and cp1252 files."""
    corpus = tmp_path_factory.mktemp("mixed")
    for name in GOOD | BAD:
        shutil.copy(INPUTS / name, corpus / name)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "empty.txt").write_bytes(b"")
    (corpus / "sub" / "scan.txt").write_bytes(PNG)
    (corpus / "sub" / "windows.txt").write_bytes(
        b"Minister\x92s office says talks \x93will go on\x94\n\nThe minister\x92s spokesman said on Monday.")
    out = tmp_path_factory.mktemp("out")
    return corpus, out


def test_extract_over_a_mixed_corpus_reads_every_good_article(mixed_run, capsys):
    corpus, out = mixed_run
    code = main(["extract", str(corpus), "--out", str(out), "--workers", "1", "--no-cache", "-q"])
    printed = capsys.readouterr()
    assert code == 0
    tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in ("articles", "quotes", "rejects")}
    ids = set(tables["articles"]["article_id"])
    assert ids == {
        "aid_convoy", "council_vote", "formula_headline", "hh_2024_03_ferry-strike", "harbour_feed-2",
        "hh_2024_03_school-roof", "W-1001", "W-1002", "cw-7781", "cw-7790", "story_list-2", "windows",
    }
    assert set(tables["quotes"]["article_id"]) <= ids
    headlines = dict(zip(tables["articles"]["article_id"], tables["articles"]["headline"]))
    assert headlines["windows"] == "Minister’s office says talks “will go on”"

    rejects = tables["rejects"]
    expected = {
        str(corpus / "truncated_page.html"), str(corpus / "no_text_column.csv"), str(corpus / "sub" / "empty.txt"),
        str(corpus / "sub" / "scan.txt"), f"{corpus / 'harbour_feed.jsonl'}:3", f"{corpus / 'harbour_feed.jsonl'}:4",
        f"{corpus / 'wire_export.csv'}:3", f"{corpus / 'story_list.json'}:3",
    }
    assert set(rejects["source_path"]) == expected
    assert all("\n" not in r and str(corpus) in r for r in rejects["reason"])
    assert f"{len(expected)} rejected" in printed.out


def test_extract_writes_csv_cells_that_cannot_run_as_formulas(mixed_run):
    corpus, out = mixed_run
    if not (out / "articles.csv").exists():
        main(["extract", str(corpus), "--out", str(out), "--workers", "1", "--no-cache", "-q"])
    csv_rows = pd.read_csv(out / "articles.csv", dtype=str).set_index("article_id")
    parquet_rows = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert csv_rows.loc["formula_headline", "headline"] == "'" + parquet_rows.loc["formula_headline", "headline"]
    assert parquet_rows.loc["formula_headline", "headline"].startswith("=HYPERLINK(")
    for name in ("articles", "entities", "quotes", "sources", "rejects"):
        table = pd.read_csv(out / f"{name}.csv", dtype=str)
        for column in table.columns:
            assert not table[column].dropna().str.match(r"[=+\-@]").any(), (name, column)


def test_extract_over_only_bad_files_says_so_and_fails(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(INPUTS / "no_text_column.csv", tmp_path / "list.csv")
    code = main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--workers", "1", "--no-cache", "-q"])
    printed = capsys.readouterr()
    assert code == 1
    assert "0 articles" in printed.out and "2 rejected" in printed.out
    rejects = pd.read_csv(tmp_path / "out" / "rejects.csv")
    assert sorted(rejects["source_path"]) == [str(tmp_path / "empty.txt"), str(tmp_path / "list.csv")]


def test_quote_text_shown_as_html_is_escaped():
    from medialens.notebook import show

    quotes = pd.DataFrame({"text": ['<script>alert("x")</script> we will <b>not</b> leave'], "speaker": ["A & B"]})
    page = show(quotes, "quotes").to_html()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>not</b>" not in page and "A &amp; B" in page


def test_feed_line_nested_absurdly_deep_is_rejected_alone(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("[" * 200_000 + "\n" + json.dumps({"id": "ok", "text": "Ferries resume\nOn Monday."}) + "\n", encoding="utf-8")
    articles_, rejects = _split(read_corpus(path))
    assert [a.id for a in articles_] == ["ok"]
    assert rejects[0].source_path == f"{path}:1"


@pytest.mark.parametrize("newline_inside", [False, True])
def test_csv_record_over_the_size_limit_is_rejected_and_the_next_record_loads(tmp_path, newline_inside):
    path = tmp_path / "export.csv"
    huge = ("Headline\n" if newline_inside else "") + "word " * (MAX_ARTICLE_BYTES // 5 + 100)
    path.write_text(f'id,text\nbig,"{huge}"\nok,"Ferries resume\nOn Monday."\n', encoding="utf-8")
    articles_, rejects = _split(read_corpus(path))
    assert [a.id for a in articles_] == ["ok"]
    assert [r.source_path for r in rejects] == [f"{path}:1"]
    assert rejects[0].reason == f"{path} record 1 is larger than the 10 MB limit for one article."


def test_json_wrapper_object_without_text_names_the_fields_it_has(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"articles": [{"text": "Ferries resume\nOn Monday."}], "count": 1}), encoding="utf-8")
    _, rejects = _split(read_corpus(path))
    assert rejects == [Reject(str(path), f"{path} has no 'text' field (fields found: 'articles', 'count').")]

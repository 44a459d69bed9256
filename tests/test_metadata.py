"""Outlet, date, URL and byline of articles whose input leaves them out: from a metadata.csv in
the corpus folder, then from file names such as `nyt_2016-10-02_slug.txt`."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from medialens.article import Article, Reject
from medialens.extract import extract
from medialens.io.corpus import list_corpus, read_corpus
from medialens.io.metadata import from_file_name
from medialens.manifest import current_tables

STORY = 'Mayor vows to rebuild the harbour\n\n"We will rebuild," the mayor said.\n\nThe council meets on Friday.\n'


def _corpus(folder: Path, names: list[str], metadata: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(STORY, encoding="utf-8")
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


def _read(folder: Path) -> tuple[dict[str, Article], list[Reject]]:
    items = list(read_corpus(folder))
    return {a.id: a for a in items if isinstance(a, Article)}, [r for r in items if isinstance(r, Reject)]


def test_outlet_and_date_come_from_the_file_name(tmp_path):
    articles, _ = _read(_corpus(tmp_path / "c", ["breitbart_2016-09-12_some-slug.txt", "wash-post_2016-10-02_x.txt"]))
    assert (articles["breitbart_2016-09-12_some-slug"].outlet, articles["breitbart_2016-09-12_some-slug"].date) == (
        "breitbart", "2016-09-12")
    assert (articles["wash-post_2016-10-02_x"].outlet, articles["wash-post_2016-10-02_x"].date) == ("wash-post", "2016-10-02")


@pytest.mark.parametrize("name", ["notes_on_things.txt", "nyt_2016-02-30_slug.txt", "nyt_20161002_slug.txt",
                                  "000_7c365add9fe75bb6.txt", "nyt_2016-10-02_slug.jsonl"])
def test_a_file_name_without_a_real_iso_date_gives_nothing(name):
    assert from_file_name(Path(name)) == {}


def test_metadata_csv_fills_in_what_the_file_name_does_not_and_wins_over_it(tmp_path):
    folder = _corpus(tmp_path / "c", ["nyt_2016-10-02_slug.txt", "notes_on_things.txt"],
                     "file,outlet,date,url,byline\n"
                     "nyt_2016-10-02_slug,The New York Times,,https://nyt.example/a,Jo Smith\n"
                     "notes_on_things.txt,The Guardian,2016-11-05,,\n")
    articles, rejects = _read(folder)
    nyt, notes = articles["nyt_2016-10-02_slug"], articles["notes_on_things"]
    assert (nyt.outlet, nyt.date, nyt.url, nyt.byline) == ("The New York Times", "2016-10-02", "https://nyt.example/a", "Jo Smith")
    assert (notes.outlet, notes.date) == ("The Guardian", "2016-11-05")
    assert not rejects and set(articles) == {"nyt_2016-10-02_slug", "notes_on_things"}  # metadata.csv is no article


def test_the_input_s_own_fields_win_over_metadata_csv(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "feed.jsonl").write_text('{"id": "r1", "text": "Headline\\n\\nBody.", "outlet": "Reuters"}\n'
                                       '{"id": "r2", "text": "Headline two\\n\\nBody two."}\n', encoding="utf-8")
    (folder / "metadata.csv").write_text("file,outlet,date\nr1,Wrong outlet,2016-01-01\nr2,AP,2016-01-02\n", encoding="utf-8")
    articles, _ = _read(folder)
    assert (articles["r1"].outlet, articles["r1"].date) == ("Reuters", "2016-01-01")
    assert articles["r2"].outlet == "AP"


def test_metadata_csv_applies_to_subfolders_by_relative_path(tmp_path):
    folder = _corpus(tmp_path / "c", [], "file;outlet\nbbc/a.txt;BBC\n")
    _corpus(folder / "bbc", ["a.txt"])
    articles, _ = _read(folder)
    assert articles["a"].outlet == "BBC"


@pytest.mark.parametrize(("content", "line", "says"), [
    ("name,outlet\na.txt,x\n", 1, "no 'file' column"),
    ("file,outlet\na.txt,x\nb.txt,y,extra\n", 3, "3 cells but the header names 2"),
    ("file,outlet\na.txt,x\na.txt,y\n", 3, "named again"),
    ("file,colour\na.txt,red\n", 1, "none of the columns"),
])
def test_a_malformed_metadata_csv_is_one_reject_naming_file_and_line_and_the_corpus_goes_on(tmp_path, content, line, says):
    folder = _corpus(tmp_path / "c", ["nyt_2016-10-02_slug.txt", "a.txt"], content)
    articles, rejects = _read(folder)
    assert len(rejects) == 1
    reject = rejects[0]
    assert reject.source_path.endswith("metadata.csv")
    assert f"metadata.csv:{line}:" in reject.reason and says in reject.reason and "\n" not in reject.reason
    assert set(articles) == {"nyt_2016-10-02_slug", "a"}
    assert articles["nyt_2016-10-02_slug"].outlet == "nyt"  # the file name still counts
    assert articles["a"].outlet is None


def test_a_metadata_csv_with_a_text_column_is_read_as_articles(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "metadata.csv").write_text("id,text,outlet\nx1,Headline\n", encoding="utf-8")
    articles, rejects = _read(folder)
    assert list(articles) == ["x1"] and not rejects


def test_a_metadata_row_naming_no_article_is_reported(tmp_path, caplog):
    folder = _corpus(tmp_path / "c", ["a.txt"], "file,outlet\na.txt,X\nmisspelt.txt,Y\n")
    _read(folder)
    assert "misspelt.txt" in caplog.text and "line 3" in caplog.text


def _age(folder: Path, seconds: int = 60) -> None:
    """Set every file's modification time in the past, so the manifest records a digest."""
    past = os.stat(folder).st_mtime - seconds
    for path in folder.rglob("*"):
        os.utime(path, (past, past))


def test_an_edited_metadata_csv_changes_the_tables_on_a_re_run(tmp_path):
    folder = _corpus(tmp_path / "c", ["nyt_2016-10-02_slug.txt"], "file,outlet\nnyt_2016-10-02_slug.txt,NYT\n")
    _age(folder)
    out = tmp_path / "out"
    first = extract(folder, out=out, progress=False, workers=1)
    assert list(first.articles["outlet"]) == ["NYT"]
    assert current_tables(folder, out) is not None
    (folder / "metadata.csv").write_text("file,outlet\nnyt_2016-10-02_slug.txt,The New York Times\n", encoding="utf-8")
    _age(folder, 30)
    assert current_tables(folder, out) is None  # the metadata file is an input of the tables
    second = extract(folder, out=out, progress=False, workers=1)
    assert list(second.articles["outlet"]) == ["The New York Times"]
    assert list(pd.read_csv(out / "articles.csv")["outlet"]) == ["The New York Times"]


def test_the_metadata_file_counts_in_the_listing_and_its_bytes_in_the_progress(tmp_path):
    folder = _corpus(tmp_path / "c", ["a.txt"], "file,outlet\na.txt,X\n")
    listing = list_corpus(folder)
    seen: list[int] = []
    list(read_corpus(listing, on_read=seen.append))
    assert sum(seen) == listing.total_bytes() == sum(p.stat().st_size for p in folder.iterdir())

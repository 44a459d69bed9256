"""How notebooks display tables: escaped, cut to a readable length, the whole table one click away."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from medialens.notebook import SHOWN_ROWS, show


def _table(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"speaker": [f"Speaker {i}" for i in range(rows)], "quotes": range(rows, 0, -1)})


def test_a_long_table_shows_its_first_rows_and_links_the_whole_csv(tmp_path: Path, monkeypatch):
    out, here = tmp_path / "out", tmp_path / "out" / "notebooks"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)  # where a report's kernel runs
    page = show(_table(SHOWN_ROWS + 40), "source_shares", out).to_html()
    assert page.count("<tr>") - 1 == SHOWN_ROWS  # the header row, then the rows shown
    assert f"Speaker {SHOWN_ROWS - 1}<" in page and f"Speaker {SHOWN_ROWS}<" not in page
    assert f"The first {SHOWN_ROWS} of {SHOWN_ROWS + 40} rows" in page
    assert 'href="../source_shares.csv"' in page
    assert len(pd.read_csv(out / "source_shares.csv")) == SHOWN_ROWS + 40  # the file is whole


def test_a_short_table_is_shown_whole_without_a_note(tmp_path: Path):
    page = show(_table(3), "types", tmp_path).to_html()
    assert page.count("<tr>") - 1 == 3 and "The first" not in page and "<caption" not in page


def test_a_cut_table_with_no_file_says_how_much_is_shown():
    page = show(_table(100), "articles_view", rows=5).to_html()
    assert "The first 5 of 100 rows." in page and "href" not in page


def test_a_caption_is_escaped_and_kept_beside_the_note(tmp_path: Path):
    page = show(_table(30), "t", tmp_path, caption="Sources <by> quotes", rows=10).to_html()
    assert "Sources &lt;by&gt; quotes The first 10 of 30 rows" in page
    assert os.path.relpath(tmp_path / "t.csv") in page


def test_the_article_text_is_left_out_of_a_displayed_table():
    articles = pd.DataFrame({"article_id": ["a"], "headline": ["Ferries resume"], "article_text": ["Ferries resume\n\nLONG BODY"]})
    page = show(articles, "articles_view").to_html()
    assert "Ferries resume<" in page and "LONG BODY" not in page and "article_text" not in page

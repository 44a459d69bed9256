"""The report of a generated 100-article corpus in a real browser, offline: the interactive
quote table searches and filters as its rows say, the page stays small, and a headline opens
the article's page with the quote highlighted."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from medialens.quotetable import interactive_quotes
from medialens.report import run_report
from medialens.view import page_name, quote_anchor
from newsroom import write_corpus

MAX_BYTES = 3 * 1024 * 1024
MAX_HEIGHT = 40_000
SPEAKER = "Kowalski"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The output folder of one report run over 100 generated articles, with a private cache."""
    corpus = write_corpus(tmp_path_factory.mktemp("newsroom") / "corpus", 100)
    out = tmp_path_factory.mktemp("newsroom_report")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDIALENS_CACHE", str(tmp_path_factory.mktemp("newsroom_cache")))
        run_report(corpus, out, progress=False)
    return out


@pytest.fixture
def offline(browser):
    """A browser context at 1280 px that lets only file:, data: and blob: requests through;
    yields it and the list of the requests it stopped."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "blob:"))
                  else (outside.append(route.request.url), route.abort()))
    try:
        yield context, outside
    finally:
        context.close()


def open_table(context, path: Path):
    page = context.new_page()
    page.goto(path.as_uri(), wait_until="load")
    page.locator(".ml-quotes[data-ready]").first.wait_for(timeout=30_000)
    page.select_option(".ml-quotes .dt-length select", "-1")  # all rows on one page
    return page


def visible_rows(page) -> list[tuple[str, str, str, str]]:
    """(quote, speaker, type, kind) of each row the table shows."""
    return [tuple(r) for r in page.eval_on_selector_all(
        ".ml-quotes-table tbody tr",
        "rows => rows.filter(r => r.cells.length > 1).map(r => [0, 1, 2, 3].map(i => r.cells[i].innerText.split('\\n')[0].trim()))")]


def test_typing_a_speakers_name_shows_that_speakers_quotes_only(report: Path, offline, screenshots: Path):
    context, outside = offline
    quotes = pd.read_csv(report / "quotes_selected.csv")
    page = open_table(context, report / "report.html")
    assert len(visible_rows(page)) == len(quotes)
    page.locator(".ml-quotes .dt-search input").fill(SPEAKER)
    shown = visible_rows(page)
    page.locator(".ml-quotes").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "quote_table_search.png"))
    expected = quotes[quotes["speaker_canonical"].str.contains(SPEAKER, case=False)]
    assert len(expected) >= 10
    assert sorted(text for text, *_ in shown) == sorted(t.strip() for t in expected["text"])
    assert {speaker for _, speaker, *_ in shown} == set(expected["speaker_canonical"])
    assert outside == []


def test_type_and_kind_filters_keep_the_rows_of_that_type_and_kind(report: Path, offline):
    context, outside = offline
    quotes = pd.read_csv(report / "quotes_selected.csv")
    page = open_table(context, report / "report.html")
    page.select_option(".ml-quotes-filters select >> nth=0", "person")
    page.select_option(".ml-quotes-filters select >> nth=1", "indirect")
    shown = visible_rows(page)
    expected = quotes[(quotes["speaker_type"] == "person") & (quotes["kind"] == "indirect")]
    assert 0 < len(expected) < len(quotes)
    assert sorted(text for text, *_ in shown) == sorted(t.strip() for t in expected["text"])
    assert {(t, k) for *_, t, k in shown} == {("person", "indirect")}
    assert outside == []


def test_report_page_is_small_and_short(report: Path, offline):
    context, outside = offline
    page = open_table(context, report / "report.html")
    page.select_option(".ml-quotes .dt-length select", "10")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert (report / "report.html").stat().st_size < MAX_BYTES
    assert height < MAX_HEIGHT
    assert outside == []


def test_a_headline_opens_the_article_page_with_the_quote_highlighted(report: Path, offline, screenshots: Path):
    context, outside = offline
    quotes = pd.read_csv(report / "quotes_selected.csv")
    page = open_table(context, report / "report.html")
    page.locator(".ml-quotes .dt-search input").fill(SPEAKER)
    first = page.locator(".ml-quotes-table tbody tr").first
    quote_text = first.locator("td").first.inner_text().strip()
    first.locator("a").click()
    page.wait_for_load_state("load")
    row = quotes[quotes["text"].str.strip() == quote_text].iloc[0]
    assert page.url.endswith(f"articles/{page_name(row['article_id'])}#{quote_anchor(row['quote_id'], row['article_id'])}")
    target = page.evaluate("(() => { const t = document.querySelector(':target'); return t && [t.className, t.innerText]; })()")
    assert target is not None and target[0] == "ml-quote" and target[1].strip() == quote_text
    outline = page.evaluate("getComputedStyle(document.querySelector(':target')).outlineStyle")
    assert outline == "solid"
    page.screenshot(path=str(screenshots / "article_page_quote.png"))
    assert outside == []


def test_two_tables_on_one_page_load_the_datatables_bundle_once(tmp_path: Path, offline):
    context, outside = offline
    quotes = pd.DataFrame({"article_id": ["a", "a"], "quote_id": ["a-q001", "a-q002"], "kind": ["direct", "indirect"],
                           "text": ["one", "two"], "speaker": ["Anna", None], "speaker_canonical": ["Anna", "unknown"],
                           "speaker_type": ["person", "unknown"], "confidence": [0.9, 0.4]})
    articles = pd.DataFrame({"article_id": ["a"], "headline": ["A"], "outlet": ["x"], "date": ["2016-09-01"]})
    snippet = interactive_quotes(quotes, articles)
    path = tmp_path / "two.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{snippet}{snippet}</body></html>", encoding="utf-8")
    page = context.new_page()
    page.goto(path.as_uri())
    page.locator(".ml-quotes[data-ready]").nth(1).wait_for(timeout=30_000)
    assert page.evaluate("window.medialensBundleLoads") == 1
    assert page.locator("style[data-medialens]").count() == 1
    assert page.locator(".ml-quotes-table tbody tr").count() == 4
    assert outside == []

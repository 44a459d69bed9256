"""`medialens report` on the seed corpus, and its report.html opened in a real browser, offline."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from medialens.report import notebooks, run_report


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The output folder of one report run over the seeds, with a private cache."""
    out = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDIALENS_CACHE", str(tmp_path_factory.mktemp("report_cache")))
        run_report("seeds", out, progress=False)
    return out


def test_report_writes_executed_notebooks_tables_charts_and_one_page(report: Path):
    executed = sorted(p.name for p in (report / "notebooks").glob("*.ipynb"))
    assert executed == [nb.name for nb in notebooks()] and "00_overview.ipynb" in executed
    overview = pd.read_csv(report / "corpus_overview.csv")
    quotes = pd.read_csv(report / "quotes.csv")
    assert overview.loc[0, "quotes"] == len(quotes) > 0
    assert (report / "charts" / "article_quotes.png").stat().st_size > 0
    assert (report / "report.html").stat().st_size > 0


def test_overview_links_reach_the_other_notebooks_outputs(report: Path):
    page = (report / "report.html").read_text(encoding="utf-8")
    for href in ("notebooks/02_quotes.ipynb", "quotes_selected.csv", "charts/quote_kinds.png"):
        assert f'href="{href}"' in page
        assert (report / href).exists()


def test_report_page_draws_every_chart_and_fills_every_table_offline(report: Path, browser, screenshots: Path):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    try:
        page.goto((report / "report.html").as_uri(), wait_until="load")
        images = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth, e.naturalHeight])")
        tables = page.eval_on_selector_all("table", "els => els.map(t => [...t.querySelectorAll('tbody tr')].length)")
        # a quote's first span has its id; a quote may span more than one (around another's details)
        quotes_in_view = page.locator(".ml-article .ml-quote[id]").count()
        page.screenshot(path=str(screenshots / "report.png"), full_page=True)
    finally:
        context.close()
    charts = list((report / "charts").glob("*.png"))
    assert len(images) >= len(charts) >= 7
    assert all(complete and width > 0 and height > 0 for complete, width, height in images)
    assert len(tables) >= 8 and all(rows > 0 for rows in tables[:3])
    assert sum(rows > 0 for rows in tables) >= len(tables) - 1  # only the rejects table may be empty
    assert quotes_in_view == len(pd.read_csv(report / "quotes.csv"))
    assert outside == []

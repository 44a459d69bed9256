"""Charts anyone can read: colour-blind-safe colours, values written on the bars, names never cut,
and a description of each chart as its alt text in the notebooks."""
from __future__ import annotations

import base64
import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.colors import to_hex

from medialens import charts, comparisons
from medialens.tables import frame

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ALLOWED = set(charts.OKABE_ITO.values()) | {charts.GREY}


def _texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_every_palette_colour_is_okabe_ito_or_its_grey():
    for palette in (charts.TYPE_COLOURS, charts.LABEL_COLOURS, charts.KIND_COLOURS, charts.GENDER_COLOURS):
        assert set(palette.values()) <= ALLOWED
    assert len(set(charts.TYPE_COLOURS.values())) == len(charts.TYPE_COLOURS)  # one colour per type


def test_anonymous_is_never_stacked_beside_a_colour_it_could_be_taken_for():
    order = list(charts.TYPE_COLOURS)
    i = order.index("anonymous")
    neighbours = {charts.TYPE_COLOURS[t] for t in order[max(i - 1, 0):i + 2] if t != "anonymous"}
    confusable = {charts.OKABE_ITO["orange"], charts.OKABE_ITO["yellow"], charts.OKABE_ITO["reddish purple"]}
    assert not neighbours & confusable


def by_outlet() -> pd.DataFrame:
    articles = frame("articles", [{"article_id": "a", "outlet": "nyt"}, {"article_id": "b", "outlet": "wash-post"}])
    quotes = frame("quotes", [{"article_id": a, "quote_id": f"{a}{i}", "speaker_type": t}
                              for i, (a, t) in enumerate([("a", "person"), ("a", "person"), ("a", "anonymous"), ("b", "group")])])
    return comparisons.source_types_by_outlet(articles, quotes)


def test_outlet_chart_stacks_source_types_to_100_percent_in_the_shared_colours():
    fig = charts.outlet_types_chart(by_outlet(), "wire")
    ax = fig.axes[0]
    widths: dict[float, float] = {}
    for bar in ax.patches:
        widths[bar.get_y()] = widths.get(bar.get_y(), 0) + bar.get_width()
        assert to_hex(bar.get_facecolor()) in charts.TYPE_COLOURS.values()
    assert all(w == pytest.approx(1.0) for w in widths.values())
    legend = {t.get_text(): to_hex(h.get_facecolor()) for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)}
    assert legend == {t: charts.TYPE_COLOURS[t] for t in ("person", "anonymous", "group")}
    assert {"67%", "33%", "100%"} <= set(_texts(fig))
    assert [t.get_text() for t in ax.get_yticklabels()] == ["nyt (n=3)", "wash-post (n=1)"]


def test_bars_carry_their_values():
    fig = charts.quote_kind_chart(pd.DataFrame({"kind": ["direct", "mixed", "indirect"], "quotes": [1200, 30, 0]}))
    assert [t.strip() for t in _texts(fig)] == ["1,200", "30", "0"]
    shares = pd.DataFrame({"outlet": ["nyt", "ap"], "anonymous_share": [0.25, 0.5]})
    assert [t.strip() for t in _texts(charts.anonymous_share_chart(shares))] == ["50%", "25%"]


def test_article_charts_name_articles_by_keys_and_keep_the_full_headline_in_their_key_table():
    headline = "A very long headline about the harbour council and the rebuilding of the old docks after the storm"
    per = pd.DataFrame({"article_id": ["a1", "a2"], "headline": [headline, "Short"], "direct": [2, 1], "mixed": [0, 0], "indirect": [1, 0]})
    fig = charts.article_quotes_chart(per)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["A1", "A2"] and not any("…" in t or "..." in t for t in labels)
    assert fig.key.to_dict("records") == [{"key": "A1", "article_id": "a1", "headline": headline},
                                          {"key": "A2", "article_id": "a2", "headline": "Short"}]
    shown = charts.figure(fig)._repr_html_()
    assert html.escape(headline) in shown and "<table" in shown


def test_a_chart_shown_in_a_notebook_carries_its_description_as_alt_text():
    types = pd.DataFrame({"speaker_type": ["person", "anonymous", "organisation"], "quotes": [1200, 600, 200]})
    shown = charts.figure(charts.source_type_chart(types, "quotes", "wire"))
    page = shown._repr_html_()
    alt = html.unescape(re.search(r'<img alt="([^"]*)" src="data:image/png;base64,([^"]+)"', page).group(1))
    assert alt.startswith("Bar chart: Quotes by source type — wire")
    assert "person 1,200 (60%)" in alt and "anonymous 600 (30%)" in alt
    png = base64.b64decode(re.search(r'base64,([^"]+)"', page).group(1))
    assert png.startswith(b"\x89PNG") and shown._repr_png_() == png
    assert repr(shown) == alt


def test_alt_text_is_escaped_and_can_be_given():
    fig = charts.source_chart(pd.DataFrame({"speaker_canonical": ['<b>"Ann"</b>'], "speaker_type": ["person"],
                                            "quotes": [2], "words": [9]}))
    page = charts.figure(fig)._repr_html_()
    assert "<b>" not in page and "&lt;b&gt;&quot;Ann&quot;" in page
    assert 'alt="my own words"' in charts.figure(fig, "my own words")._repr_html_()


def test_time_chart_says_how_many_articles_are_undated():
    over_time = pd.DataFrame({"period": ["2016-09-12", "2016-09-19", "undated"], "articles": [3, 0, 2], "quotes": [7, 0, 1]})
    fig = charts.time_chart(over_time, "wire")
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == ["2016-09-12", "2016-09-19"]
    assert "2016-09-12: 3 articles, 7 quotes" in fig.alt and "2 undated articles not shown" in fig.alt
    assert {"3", "7"} <= set(_texts(fig))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_chart_a_notebook_shows_goes_through_charts_figure(path):
    cells = [''.join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    for source in cells:
        if "charts.save(" in source:
            assert "charts.figure(fig)" in source.strip().splitlines()[-1]
        assert not re.search(r"^fig$", source, re.M)

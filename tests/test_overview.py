"""The corpus overview: what the corpus covers and how each article quotes, as tables and charts."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from medialens import charts, summaries
from medialens.tables import frame


def articles_table() -> pd.DataFrame:
    return frame("articles", [
        {"article_id": "reuters-1", "headline": "Turkey says rebels retake Nairab", "date": "2020-02-27", "outlet": "Reuters", "words": 400},
        {"article_id": "ap-1", "headline": "Red Cross urges safe passage", "date": "2020-02-25T08:00:00Z", "outlet": "AP", "words": 300},
        {"article_id": "ap-2", "headline": "Erdogan: no four-way summit", "date": "not a date", "outlet": "AP", "words": 250},
        {"article_id": "blog-1", "headline": "Notes from Geneva", "date": None, "outlet": None, "words": 50},
    ])


def quotes_table() -> pd.DataFrame:
    rows = []
    for article_id, kinds in {"reuters-1": ["direct", "direct", "indirect"], "ap-1": ["mixed"], "ap-2": ["indirect", "direct"]}.items():
        for n, kind in enumerate(kinds, 1):
            rows.append({"article_id": article_id, "quote_id": f"{article_id}-q{n:03d}", "kind": kind, "text": "x",
                         "start": 0, "end": 1, "paragraph": 1, "speaker_type": "person"})
    return frame("quotes", rows)


def sources_table() -> pd.DataFrame:
    return frame("sources", [
        {"article_id": "reuters-1", "speaker_canonical": "Yusef Hamoud", "speaker_type": "person", "quotes": 1, "words": 20},
        {"article_id": "reuters-1", "speaker_canonical": "A Turkish security official", "speaker_type": "anonymous", "quotes": 2, "words": 40},
        {"article_id": "ap-1", "speaker_canonical": "ICRC", "speaker_type": "organisation", "quotes": 1, "words": 10},
        {"article_id": "ap-2", "speaker_canonical": "Recep Tayyip Erdogan", "speaker_type": "person", "quotes": 2, "words": 30},
        {"article_id": "ap-2", "speaker_canonical": "a diplomat", "speaker_type": "anonymous", "quotes": 1, "words": 5},
        {"article_id": "ap-2", "speaker_canonical": "activists", "speaker_type": "group", "quotes": 1, "words": 5},
    ])


def test_corpus_overview_counts_articles_words_dates_outlets_and_shares():
    row = summaries.corpus_overview(articles_table(), quotes_table(), sources_table()).iloc[0]
    assert (row["articles"], row["words"], row["outlets"], row["quotes"], row["sources"]) == (4, 1000, 2, 6, 6)
    assert (row["first_date"], row["last_date"]) == ("2020-02-25", "2020-02-27")
    assert row["quotes_per_article"] == pytest.approx(1.5)
    assert row["sources_per_article"] == pytest.approx(1.5)
    assert row["anonymous_share"] == pytest.approx(2 / 6)


def test_corpus_overview_of_an_empty_corpus_is_zeros_without_dates():
    row = summaries.corpus_overview(frame("articles", []), frame("quotes", []), frame("sources", [])).iloc[0]
    assert (row["articles"], row["quotes_per_article"], row["anonymous_share"]) == (0, 0.0, 0.0)
    assert pd.isna(row["first_date"]) and pd.isna(row["last_date"])


def test_article_overview_counts_quotes_by_kind_and_sources_most_quoted_first():
    per = summaries.article_overview(articles_table(), quotes_table(), sources_table())
    assert list(per["article_id"]) == ["reuters-1", "ap-2", "ap-1", "blog-1"]
    reuters = per.iloc[0]
    assert (reuters["quotes"], reuters["direct"], reuters["mixed"], reuters["indirect"]) == (3, 2, 0, 1)
    assert (reuters["sources"], reuters["anonymous"], reuters["anonymous_share"]) == (2, 1, 0.5)
    blog = per.iloc[-1]
    assert (blog["quotes"], blog["sources"], blog["anonymous_share"]) == (0, 0, 0.0)


def test_outlets_lists_dates_covered_and_unknown_outlet():
    out = summaries.outlets(articles_table())
    assert list(out["outlet"]) == ["AP", "Reuters", "unknown outlet"]
    ap = out.iloc[0]
    assert (ap["articles"], ap["words"], ap["first_date"], ap["last_date"]) == (2, 550, "2020-02-25", "2020-02-25")
    assert pd.isna(out.iloc[2]["first_date"])


def test_article_source_types_has_every_type_column_and_keeps_the_top_articles():
    by_type = summaries.article_source_types(articles_table(), sources_table(), top_n=2)
    assert list(by_type["article_id"]) == ["ap-2", "reuters-1"]
    assert list(by_type.columns) == ["article_id", "headline", "person", "anonymous", "organisation", "group", "unknown", "sources"]
    assert by_type.iloc[0][["person", "anonymous", "group", "unknown", "sources"]].tolist() == [1, 1, 1, 0, 3]


def test_output_index_links_executed_notebooks_else_templates_then_tables_and_charts(tmp_path: Path):
    out, templates = tmp_path / "out", tmp_path / "notebooks"
    (out / "notebooks").mkdir(parents=True)
    (out / "charts").mkdir()
    templates.mkdir()
    for name in ("01_entities.ipynb", "02_quotes.ipynb"):
        (templates / name).write_text("{}")
    (out / "notebooks" / "02_quotes.ipynb").write_text("{}")
    (out / "quotes.csv").write_text("a\n")
    (out / "quotes.parquet").write_text("")
    (out / "charts" / "quote_kinds.png").write_bytes(b"")
    index = summaries.output_index(out, out / "notebooks", sorted(templates.glob("*.ipynb")))
    assert index.values.tolist() == [
        ["notebooks", "01_entities", "../../notebooks/01_entities.ipynb"],
        ["notebooks", "02_quotes", "02_quotes.ipynb"],
        ["tables (CSV)", "quotes", "../quotes.csv"],
        ["charts (PNG)", "quote_kinds", "../charts/quote_kinds.png"],
    ]


def test_article_quotes_chart_stacks_kinds_for_the_most_quoted_articles():
    per = summaries.article_overview(articles_table(), quotes_table(), sources_table())
    fig = charts.article_quotes_chart(per, "wire", top_n=2)
    ax = fig.axes[0]
    assert ax.get_title() == "Quotes by kind in top 2 of 4 articles — wire"
    assert ax.get_xlabel() == "quotes"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A1", "A2"]
    assert list(fig.key["headline"]) == ["Turkey says rebels retake Nairab", "Erdogan: no four-way summit"]
    # no mixed quotes in these two articles: no mixed bars and no legend entry for them
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["direct", "indirect"]
    assert [(p.get_x(), p.get_width()) for p in ax.patches] == [(0, 2), (0, 1), (2, 1), (1, 1)]


def test_article_sources_chart_uses_the_source_type_colours():
    by_type = summaries.article_source_types(articles_table(), sources_table())
    fig = charts.article_sources_chart(by_type, "wire", articles=4)
    ax = fig.axes[0]
    assert ax.get_title() == "Sources by type in each article — wire"
    legend = {t.get_text(): h.get_facecolor() for t, h in zip(ax.get_legend().get_texts(), ax.get_legend().legend_handles)}
    assert list(legend) == ["person", "anonymous", "organisation", "group"]  # no unknown sources here
    from matplotlib.colors import to_rgba

    assert all(colour == to_rgba(charts.TYPE_COLOURS[t]) for t, colour in legend.items())


def test_article_chart_names_an_article_without_headline_by_its_id():
    per = pd.DataFrame({"article_id": ["a-1"], "headline": [pd.NA], "direct": [1], "mixed": [0], "indirect": [0]})
    fig = charts.article_quotes_chart(per)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["A1"]
    assert "A1 is a-1" in fig.alt


def entities_table() -> pd.DataFrame:
    return frame("entities", [
        {"article_id": "reuters-1", "entity": "Recep Tayyip Erdogan", "label": "PERSON", "mentions": 3, "in_headline": False},
        {"article_id": "reuters-1", "entity": "International Committee of the Red Cross in Geneva", "label": "ORG", "mentions": 5, "in_headline": False},
        {"article_id": "ap-1", "entity": "Idlib", "label": "GPE", "mentions": 2, "in_headline": True},
        {"article_id": "ap-2", "entity": "Recep Tayyip Erdogan", "label": "PERSON", "mentions": 1, "in_headline": True},
    ])


def every_chart(corpus_name: str) -> dict:
    entities, sources = entities_table(), sources_table()
    return {
        "entity_chart": charts.entity_chart(summaries.top_entities(entities), corpus_name),
        "label_chart": charts.label_chart(summaries.mentions_by_label(entities), corpus_name),
        "source_chart": charts.source_chart(summaries.source_shares(sources), "quotes", corpus_name),
        "source_type_chart": charts.source_type_chart(summaries.source_types(sources), "quotes", corpus_name),
        "quote_kind_chart": charts.quote_kind_chart(summaries.quote_kinds(quotes_table()), corpus_name),
        "article_quotes_chart": charts.article_quotes_chart(
            summaries.article_overview(articles_table(), quotes_table(), sources), corpus_name),
        "article_sources_chart": charts.article_sources_chart(
            summaries.article_source_types(articles_table(), sources), corpus_name, 4),
    }


@pytest.mark.parametrize("name", list(every_chart("x")))
def test_every_chart_names_its_corpus_labels_its_axis_and_wraps_long_names(name: str):
    ax = every_chart("syria-wire")[name].axes[0]
    assert ax.get_title().endswith("— syria-wire") and len(ax.get_title()) > len("— syria-wire") + 5
    assert ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels and all(len(line) <= 30 for label in labels for line in label.split("\n"))


@pytest.mark.parametrize("name", ["entity_chart", "label_chart", "source_chart", "source_type_chart",
                                  "article_quotes_chart", "article_sources_chart"])
def test_ranking_charts_put_the_largest_bar_on_top(name: str):
    ax = every_chart("x")[name].axes[0]
    totals: dict[float, float] = {}
    for bar in ax.patches:  # stacked charts: add up the segments of each row
        totals[bar.get_y()] = totals.get(bar.get_y(), 0) + bar.get_width()
    by_row = [totals[y] for y in sorted(totals)]  # y grows downwards: the axis is inverted
    assert ax.yaxis_inverted() and by_row == sorted(by_row, reverse=True)


@pytest.mark.parametrize("name", ["source_chart", "source_type_chart", "article_sources_chart"])
def test_source_type_charts_colour_bars_with_the_shared_type_colours(name: str):
    from matplotlib.colors import to_hex

    colours = {to_hex(bar.get_facecolor()) for bar in every_chart("x")[name].axes[0].patches}
    assert colours and colours <= set(charts.TYPE_COLOURS.values())

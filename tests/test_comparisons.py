"""Outlets side by side and the coverage over time, over small hand-built tables."""
from __future__ import annotations

import pandas as pd
import pytest

from medialens import comparisons
from medialens.tables import frame


def articles_table() -> pd.DataFrame:
    return frame("articles", [
        {"article_id": "n1", "headline": "h", "date": "2016-09-12", "outlet": "nyt"},
        {"article_id": "n2", "headline": "h", "date": "2016-10-02", "outlet": "nyt"},
        {"article_id": "w1", "headline": "h", "date": None, "outlet": "wash-post"},
        {"article_id": "x1", "headline": "h", "date": "2016-09-14T23:00:00Z", "outlet": None},
    ])


def quotes_table() -> pd.DataFrame:
    rows = [("n1", "person", "Ann Lee"), ("n1", "person", "Ann Lee"), ("n1", "anonymous", "an official"),
            ("n2", "organisation", "the ministry"), ("w1", "unknown", None), ("w1", "person", "Bo Chan")]
    return frame("quotes", [{"article_id": a, "quote_id": f"{a}-q{i}", "kind": "direct", "speaker_type": t,
                             "speaker_canonical": s} for i, (a, t, s) in enumerate(rows)])


def sources_table() -> pd.DataFrame:
    return frame("sources", [
        {"article_id": "n1", "speaker_canonical": "Ann Lee", "speaker_type": "person", "quotes": 2, "words": 8, "gender": "female"},
        {"article_id": "n1", "speaker_canonical": "an official", "speaker_type": "anonymous", "quotes": 1, "words": 4, "gender": "unknown"},
        {"article_id": "n2", "speaker_canonical": "the ministry", "speaker_type": "organisation", "quotes": 1, "words": 3},
        {"article_id": "w1", "speaker_canonical": "Bo Chan", "speaker_type": "person", "quotes": 1, "words": 5, "gender": "male"},
    ])


def test_each_outlet_has_its_articles_quotes_and_anonymous_share_and_no_outlet_is_unknown_outlet():
    out = comparisons.outlet_comparison(articles_table(), quotes_table(), sources_table()).set_index("outlet")
    assert list(out.index) == ["nyt", "wash-post", "unknown outlet"]  # most articles first, unknown last
    assert out.loc["nyt", ["articles", "quotes", "sources", "anonymous"]].tolist() == [2, 4, 3, 1]
    assert out.loc["nyt", "quotes_per_article"] == 2.0
    assert out.loc["nyt", "anonymous_share"] == pytest.approx(1 / 3)
    assert out.loc["unknown outlet", ["articles", "quotes", "sources"]].tolist() == [1, 0, 0]
    assert out.loc["unknown outlet", "anonymous_share"] == 0.0


def test_gender_shares_are_of_named_sources_and_can_be_left_out():
    out = comparisons.outlet_comparison(articles_table(), quotes_table(), sources_table()).set_index("outlet")
    assert out.loc["nyt", "people"] == 1 and out.loc["nyt", "female_share"] == 1.0  # the anonymous one is no person
    assert out.loc["wash-post", "male_share"] == 1.0
    without = comparisons.outlet_comparison(articles_table(), quotes_table(), sources_table(), gender=False)
    assert not [c for c in without.columns if "gender" in c or c in ("people", "female_share", "male_share")]


def test_source_type_shares_per_outlet_add_up_to_one_of_the_outlet_s_quotes():
    out = comparisons.source_types_by_outlet(articles_table(), quotes_table()).set_index("outlet")
    shares = [f"{t}_share" for t in ("person", "anonymous", "organisation", "group", "unknown")]
    assert out.loc["nyt", "quotes"] == 4
    assert out.loc["nyt", shares].tolist() == [0.5, 0.25, 0.25, 0.0, 0.0]
    assert out.loc["wash-post", "unknown_share"] == 0.5
    assert out.loc["unknown outlet", shares].sum() == 0.0  # no quotes: no shares, not a division by zero


def test_top_sources_are_ranked_within_each_outlet_with_the_outlet_s_total():
    out = comparisons.top_sources_by_outlet(articles_table(), sources_table(), top_n=1)
    assert out[["outlet", "rank", "speaker_canonical", "quotes", "outlet_quotes"]].values.tolist() == [
        ["nyt", 1, "Ann Lee", 2, 4], ["wash-post", 1, "Bo Chan", 1, 1]]
    assert out["share"].tolist() == [0.5, 1.0]


def test_counts_per_week_list_empty_weeks_and_count_undated_articles_apart():
    out = comparisons.counts_over_time(articles_table(), quotes_table(), sources_table(), "week")
    assert out["period"].tolist() == ["2016-09-12", "2016-09-19", "2016-09-26", "undated"]
    assert out["articles"].tolist() == [2, 0, 1, 1]  # 2016-10-02 is a Sunday: the week of 26 September
    assert out["quotes"].tolist() == [3, 0, 1, 2]
    assert out["person"].tolist() == [1, 0, 0, 1] and out["organisation"].tolist() == [0, 0, 1, 0]
    assert out["articles"].sum() == len(articles_table())  # nothing dropped


def test_counts_per_outlet_and_week_list_every_outlet_in_every_week():
    out = comparisons.outlet_counts_over_time(articles_table(), quotes_table(), "week")
    assert out.columns.tolist() == ["period", "outlet", "articles", "quotes"]
    assert out["period"].unique().tolist() == ["2016-09-12", "2016-09-19", "2016-09-26", "undated"]
    assert out["outlet"].unique().tolist() == ["nyt", "wash-post", "unknown outlet"]
    rows = out.set_index(["period", "outlet"])
    assert rows.loc[("2016-09-12", "nyt")].tolist() == [1, 3] and rows.loc[("2016-09-12", "unknown outlet")].tolist() == [1, 0]
    assert rows.loc[("2016-09-26", "nyt")].tolist() == [1, 1] and rows.loc[("2016-09-19", "nyt")].tolist() == [0, 0]
    assert rows.loc[("undated", "wash-post")].tolist() == [1, 2]
    assert out["articles"].sum() == len(articles_table()) and out["quotes"].sum() == len(quotes_table())


def test_counts_per_month_label_months():
    out = comparisons.counts_over_time(articles_table(), quotes_table(), sources_table(), "month")
    assert out["period"].tolist() == ["2016-09", "2016-10", "undated"]
    assert out["articles"].tolist() == [2, 1, 1]


def test_auto_frequency_is_months_beyond_about_six_months_else_weeks():
    short = articles_table()
    long = frame("articles", [{"article_id": "a", "date": "2016-01-01"}, {"article_id": "b", "date": "2016-12-01"}])
    assert comparisons.choose_frequency(short) == "week"
    assert comparisons.choose_frequency(long) == "month"
    with pytest.raises(ValueError, match="freq must be one of"):
        comparisons.choose_frequency(short, "daily")


def test_a_corpus_without_dates_is_one_undated_row():
    articles = frame("articles", [{"article_id": "a", "outlet": "nyt"}])
    out = comparisons.counts_over_time(articles, frame("quotes", []), frame("sources", []))
    assert out[["period", "articles", "quotes"]].values.tolist() == [["undated", 1, 0]]


@pytest.mark.parametrize(("outlets", "says"), [
    ([None], "No article names its outlet"),
    (["nyt", "nyt"], "One outlet (nyt): comparisons need two or more."),
    (["nyt", "ap", None], "2 outlets. 1 of 3 articles name no outlet"),
])
def test_the_outlet_note_says_what_comparing_can_show(outlets, says):
    articles = frame("articles", [{"article_id": f"a{i}", "outlet": o} for i, o in enumerate(outlets)])
    assert says in comparisons.outlet_note(articles)


def test_an_article_is_dated_on_the_day_written_in_its_own_time_zone():
    from medialens.summaries import publication_days

    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"],
                             "date": ["2016-10-31T22:00:00-04:00", "2016-10-02T23:30-05:00", "Mon, 03 Oct 2016 23:10:00 +0200", "soon"]})
    days = publication_days(articles)
    assert [d.date().isoformat() if not pd.isna(d) else None for d in days] == ["2016-10-31", "2016-10-02", "2016-10-03", None]


def test_a_blank_outlet_counts_as_no_outlet_in_every_table():
    from medialens.summaries import anonymous_share_by_outlet, corpus_overview, outlets

    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["nyt", " "], "date": [None, None], "words": [10, 20]})
    sources = pd.DataFrame({"article_id": ["a", "b"], "speaker_canonical": ["X", "Y"], "speaker_type": ["person", "anonymous"], "quotes": [1, 2]})
    quotes = pd.DataFrame({"article_id": ["a"], "quote_id": [0]})
    assert corpus_overview(articles, quotes, sources).loc[0, "outlets"] == 1
    assert set(outlets(articles)["outlet"]) == {"nyt", "unknown outlet"}
    assert set(anonymous_share_by_outlet(sources, articles)["outlet"]) == {"nyt", "unknown outlet"}

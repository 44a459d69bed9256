"""The counts and shares the notebooks show."""
from __future__ import annotations

import pandas as pd
import pytest

from medialens import summaries


@pytest.fixture
def sources():
    return pd.DataFrame({
        "article_id": ["a", "a", "b", "b"],
        "speaker_canonical": ["Ann Lee", "officials", "Ann Lee", "Red Cross"],
        "speaker_type": ["person", "anonymous", "person", "organisation"],
        "quotes": [3, 1, 2, 4], "words": [30, 50, 10, 40],
    })


def test_source_shares_add_up_across_articles_and_rank_by_metric(sources):
    by_quotes = summaries.source_shares(sources, "quotes")
    assert list(by_quotes["speaker_canonical"]) == ["Ann Lee", "Red Cross", "officials"]
    assert by_quotes.loc[0, "quotes"] == 5 and by_quotes.loc[0, "articles"] == 2
    assert by_quotes["share"].sum() == pytest.approx(1.0)
    assert summaries.source_shares(sources, "words").loc[0, "speaker_canonical"] == "officials"


def test_source_shares_rejects_an_unknown_metric(sources):
    with pytest.raises(ValueError, match="metric"):
        summaries.source_shares(sources, "letters")


def test_anonymous_share_is_counted_per_article(sources):
    share = summaries.anonymous_share(sources).set_index("article_id")
    assert share.loc["a", "anonymous_share"] == 0.5
    assert share.loc["b", "anonymous_share"] == 0.0


def test_top_entities_sum_mentions_across_articles_and_filter_labels():
    entities = pd.DataFrame({
        "article_id": ["a", "b", "b"], "entity": ["Geneva", "Geneva", "ICRC"],
        "label": ["GPE", "GPE", "ORG"], "mentions": [2, 3, 1], "in_headline": [True, False, False],
    })
    top = summaries.top_entities(entities, ["GPE"], top_n=5)
    assert top.to_dict("records") == [{"entity": "Geneva", "label": "GPE", "articles": 2, "mentions": 5, "in_headline": 1}]
    assert list(summaries.top_entities(entities, None, min_articles=2)["entity"]) == ["Geneva"]


def test_filter_quotes_by_kind_type_and_speaker_substring():
    quotes = pd.DataFrame({
        "article_id": ["a", "a", "b"], "kind": ["direct", "indirect", "direct"],
        "speaker_canonical": ["Sergei Lavrov", "Sergei Lavrov", "unknown"],
        "speaker_type": ["person", "person", "unknown"],
    })
    assert len(summaries.filter_quotes(quotes, kinds=["direct"])) == 2
    assert len(summaries.filter_quotes(quotes, kinds=["direct"], speaker="lavrov")) == 1
    assert len(summaries.filter_quotes(quotes, speaker_types=["unknown"])) == 1
    assert list(summaries.quote_kinds(quotes)["quotes"]) == [2, 0, 1]


def test_one_articles_rows_or_all_when_no_article_is_named():
    from medialens.summaries import of_article

    table = pd.DataFrame({"article_id": ["a", "b", "a"], "x": [1, 2, 3]})
    assert list(of_article(table, "a")["x"]) == [1, 3]
    assert of_article(table, "") is table and of_article(table, None) is table

"""Summaries the notebooks show: counts, shares and filters over the output tables.

Each takes tables as DataFrames and returns a DataFrame, so the notebooks stay a sequence of
calls and every number they show is tested here.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd


def top_entities(entities: pd.DataFrame, labels: Iterable[str] | None = None, top_n: int = 20, min_articles: int = 1) -> pd.DataFrame:
    """Entities across the corpus, most mentioned first: `entity, label, articles, mentions`."""
    df = entities if labels is None else entities[entities["label"].isin(list(labels))]
    out = (
        df.groupby(["entity", "label"], as_index=False)
        .agg(articles=("article_id", "nunique"), mentions=("mentions", "sum"), in_headline=("in_headline", "sum"))
    )
    out = out[out["articles"] >= min_articles]
    return out.sort_values(["mentions", "articles", "entity"], ascending=[False, False, True]).head(top_n).reset_index(drop=True)


def mentions_by_label(entities: pd.DataFrame) -> pd.DataFrame:
    """Entities and mentions per label, most mentioned label first."""
    out = entities.groupby("label", as_index=False).agg(entities=("entity", "nunique"), mentions=("mentions", "sum"))
    return out.sort_values(["mentions", "label"], ascending=[False, True]).reset_index(drop=True)


def filter_quotes(
    quotes: pd.DataFrame,
    kinds: Iterable[str] | None = None,
    speaker_types: Iterable[str] | None = None,
    speaker: str | None = None,
    article_id: str | None = None,
) -> pd.DataFrame:
    """Quotes restricted to some kinds, speaker types, one speaker (substring, any case) or one article."""
    mask = pd.Series(True, index=quotes.index)
    if kinds:
        mask &= quotes["kind"].isin(list(kinds))
    if speaker_types:
        mask &= quotes["speaker_type"].isin(list(speaker_types))
    if speaker:
        mask &= quotes["speaker_canonical"].str.contains(speaker, case=False, regex=False).fillna(False)
    if article_id:
        mask &= quotes["article_id"] == article_id
    return quotes[mask].reset_index(drop=True)


def quote_kinds(quotes: pd.DataFrame) -> pd.DataFrame:
    """Number of quotes of each kind (direct, mixed, indirect), all three listed."""
    counts = quotes["kind"].value_counts().reindex(["direct", "mixed", "indirect"], fill_value=0)
    return counts.rename_axis("kind").reset_index(name="quotes")


def source_shares(sources: pd.DataFrame, metric: str = "quotes", top_n: int = 20, article_id: str | None = None) -> pd.DataFrame:
    """Each source's quotes or quoted words (`metric`) and its share of the total, largest first."""
    if metric not in ("quotes", "words"):
        raise ValueError(f"metric must be 'quotes' or 'words', not {metric!r}")
    df = sources if article_id is None else sources[sources["article_id"] == article_id]
    out = df.groupby(["speaker_canonical", "speaker_type"], as_index=False).agg(
        quotes=("quotes", "sum"), words=("words", "sum"), articles=("article_id", "nunique")
    )
    total = out[metric].sum()
    out["share"] = out[metric] / total if total else 0.0
    return out.sort_values([metric, "speaker_canonical"], ascending=[False, True]).head(top_n).reset_index(drop=True)


def source_types(sources: pd.DataFrame, by_article: bool = False) -> pd.DataFrame:
    """Sources, quotes and words per source type (optionally per article)."""
    keys = ["article_id", "speaker_type"] if by_article else ["speaker_type"]
    out = sources.groupby(keys, as_index=False).agg(sources=("speaker_canonical", "count"), quotes=("quotes", "sum"), words=("words", "sum"))
    return out.sort_values(keys[:-1] + ["quotes"], ascending=[True] * (len(keys) - 1) + [False]).reset_index(drop=True)


def anonymous_share(sources: pd.DataFrame) -> pd.DataFrame:
    """Per article: sources, anonymous sources and their share."""
    g = sources.assign(anonymous=sources["speaker_type"] == "anonymous").groupby("article_id")
    out = g.agg(sources=("speaker_canonical", "count"), anonymous=("anonymous", "sum")).reset_index()
    out["anonymous_share"] = out["anonymous"] / out["sources"]
    return out

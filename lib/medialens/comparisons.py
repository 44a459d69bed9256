"""Comparisons researchers ask for first: outlets side by side, and the coverage over time.

Each function takes the output tables as DataFrames and returns a DataFrame that carries its
own counts (`articles`, `quotes`, `sources`, `people`), so every share can be read against the
number it is a share of. An article whose input names no outlet is counted under
`unknown outlet`; an article without a readable date is counted in an `undated` row of the
time table, never dropped.
"""
from __future__ import annotations

import pandas as pd

from .lexicon.people import GENDERS
from .lexicon.sources import SOURCE_TYPES
from .summaries import UNKNOWN_OUTLET, corpus_source_names, outlet_of, publication_days

UNDATED = "undated"
FREQUENCIES = ("auto", "week", "month")
# A corpus spanning more days than this is counted per month, a shorter one per week: about
# six months of weeks is as many bars as a small chart can show.
WEEKS_UP_TO_DAYS = 183


def _ordered(out: pd.DataFrame) -> pd.DataFrame:
    """Most articles first, ties by name, `unknown outlet` last whatever its count."""
    unknown = out["outlet"] == UNKNOWN_OUTLET
    out = out.assign(_unknown=unknown).sort_values(["_unknown", "articles", "outlet"], ascending=[True, False, True])
    return out.drop(columns="_unknown").reset_index(drop=True)


def _outlet_order(outlets: pd.Series) -> list[str]:
    """The distinct outlets of `outlets` (one per article) in the order of `_ordered`."""
    counts = outlets.value_counts()
    return _ordered(pd.DataFrame({"outlet": counts.index, "articles": counts.to_numpy()}))["outlet"].tolist()


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole.where(whole > 0)).fillna(0.0).astype("float64")


def outlet_note(articles: pd.DataFrame) -> str:
    """One sentence on what the outlet comparisons can say: how many outlets the corpus names,
    that comparing needs two or more, and how many articles name none."""
    outlets = outlet_of(articles)
    named = sorted(set(outlets) - {UNKNOWN_OUTLET})
    unnamed = int((outlets == UNKNOWN_OUTLET).sum())
    missing = (f" {unnamed:,} of {len(outlets):,} articles name no outlet and are counted under {UNKNOWN_OUTLET!r}."
               if unnamed else "")
    if not named:
        return (f"No article names its outlet: all are counted under {UNKNOWN_OUTLET!r}, and comparisons need two or "
                "more outlets (give them in the input, in a metadata.csv, or in file names such as "
                "nyt_2016-10-02_slug.txt).")
    if len(named) == 1:
        return f"One outlet ({named[0]}): comparisons need two or more.{missing}"
    return f"{len(named)} outlets.{missing}"


def outlet_comparison(articles: pd.DataFrame, quotes: pd.DataFrame, sources: pd.DataFrame, gender: bool = True) -> pd.DataFrame:
    """One row per outlet, most articles first (`unknown outlet` last): `outlet, articles,
    quotes, quotes_per_article, sources, anonymous, anonymous_share` (anonymous sources over
    all sources, each counted once per article) and, with `gender`, `people` (named sources)
    with `female_share, male_share, unknown_gender_share` of them; without, no gender column."""
    outlets = outlet_of(articles)
    out = outlets.value_counts().rename_axis("outlet").reset_index(name="articles")
    q = quotes["article_id"].map(outlets).value_counts()
    s = sources.assign(outlet=sources["article_id"].map(outlets),
                       anonymous=sources["speaker_type"] == "anonymous")
    by_outlet = s.groupby("outlet").agg(sources=("speaker_canonical", "count"), anonymous=("anonymous", "sum"))
    out["quotes"] = out["outlet"].map(q).fillna(0).astype("int64")
    out["quotes_per_article"] = _share(out["quotes"], out["articles"])
    for c in ("sources", "anonymous"):
        out[c] = out["outlet"].map(by_outlet[c]).fillna(0).astype("int64")
    out["anonymous_share"] = _share(out["anonymous"], out["sources"])
    if gender:
        people = s[s["speaker_type"] == "person"]
        genders = people.assign(gender=people["gender"].astype("string").fillna("unknown"))
        counts = pd.crosstab(genders["outlet"], genders["gender"]).reindex(columns=list(GENDERS), fill_value=0)
        out["people"] = out["outlet"].map(counts.sum(axis=1)).fillna(0).astype("int64")
        for g in GENDERS:
            name = "unknown_gender_share" if g == "unknown" else f"{g}_share"
            out[name] = _share(out["outlet"].map(counts[g]).fillna(0), out["people"])
    out["outlet"] = out["outlet"].astype("string")
    return _ordered(out)


def source_types_by_outlet(articles: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Who each outlet quotes: `outlet, articles, quotes`, then `person_share, anonymous_share,
    organisation_share, group_share, unknown_share`, the share of the outlet's quotes whose
    speaker is of each type (they add up to 1; all 0 for an outlet without quotes)."""
    outlets = outlet_of(articles)
    out = outlets.value_counts().rename_axis("outlet").reset_index(name="articles")
    q = quotes.assign(outlet=quotes["article_id"].map(outlets))
    counts = pd.crosstab(q["outlet"], q["speaker_type"]).reindex(columns=list(SOURCE_TYPES), fill_value=0)
    out["quotes"] = out["outlet"].map(counts.sum(axis=1)).fillna(0).astype("int64")
    for t in SOURCE_TYPES:
        out[f"{t}_share"] = _share(out["outlet"].map(counts[t]).fillna(0), out["quotes"])
    out["outlet"] = out["outlet"].astype("string")
    return _ordered(out)


def top_sources_by_outlet(articles: pd.DataFrame, sources: pd.DataFrame, top_n: int = 10) -> pd.DataFrame:
    """The `top_n` most quoted sources of each outlet: `outlet, rank, speaker_canonical,
    speaker_type, quotes, articles` (the outlet's articles quoting them), `share` (of the
    outlet's attributed quotes) and `outlet_quotes`, that total. Names are made consistent
    across articles first (`summaries.corpus_source_names`). Outlets in the order of
    `outlet_comparison`."""
    columns = ["outlet", "rank", "speaker_canonical", "speaker_type", "quotes", "articles", "share", "outlet_quotes"]
    if sources.empty:
        return pd.DataFrame({c: [] for c in columns})
    outlets = outlet_of(articles)
    df = sources.assign(outlet=sources["article_id"].map(outlets).fillna(UNKNOWN_OUTLET),
                        speaker_canonical=corpus_source_names(sources))
    out = df.groupby(["outlet", "speaker_canonical", "speaker_type"], as_index=False).agg(
        quotes=("quotes", "sum"), articles=("article_id", "nunique"))
    totals = out.groupby("outlet")["quotes"].sum()
    out["outlet_quotes"] = out["outlet"].map(totals).astype("int64")
    out["share"] = _share(out["quotes"], out["outlet_quotes"])
    order = {name: i for i, name in enumerate(_outlet_order(outlets))}
    out = out.assign(_order=out["outlet"].map(order)).sort_values(
        ["_order", "quotes", "articles", "speaker_canonical"], ascending=[True, False, False, True])
    out = out.groupby("outlet", sort=False).head(top_n)
    out.insert(1, "rank", out.groupby("outlet", sort=False).cumcount() + 1)
    out = out.astype({"quotes": "int64", "articles": "int64", "outlet": "string"})
    return out[columns].reset_index(drop=True)


def article_dates(articles: pd.DataFrame) -> pd.Series:
    """Each article's publication day by `article_id` (see `summaries.publication_days`)."""
    return pd.Series(publication_days(articles).to_numpy(), index=articles["article_id"])


def choose_frequency(articles: pd.DataFrame, freq: str = "auto") -> str:
    """`week` or `month`: `freq` itself when it is one of them; for `auto`, months when the
    dated articles span more than `WEEKS_UP_TO_DAYS` days, else weeks. Raises ValueError for
    any other `freq`."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, not {freq!r}")
    if freq != "auto":
        return freq
    dates = article_dates(articles).dropna()
    span = (dates.max() - dates.min()).days if len(dates) else 0
    return "month" if span > WEEKS_UP_TO_DAYS else "week"


def _period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The first day of each date's week (Monday) or month."""
    if freq == "week":
        return dates - pd.to_timedelta(dates.dt.dayofweek, unit="D")
    return dates.dt.to_period("M").dt.to_timestamp()


def article_periods(articles: pd.DataFrame, freq: str = "auto") -> tuple[pd.Series, list[str]]:
    """Each article's period by `article_id` (the week's Monday as `2016-09-12`, or the month as
    `2016-09`; `undated` without a readable date), and every period from the first dated
    article to the last, `undated` last when any article is (see `choose_frequency` for `freq`)."""
    freq = choose_frequency(articles, freq)
    dates = article_dates(articles)
    starts = _period_start(pd.Series(dates.to_numpy(), index=dates.index), freq)
    label = (lambda d: d.strftime("%Y-%m-%d")) if freq == "week" else (lambda d: d.strftime("%Y-%m"))
    period = pd.Series([UNDATED if pd.isna(d) else label(d) for d in starts], index=starts.index, dtype="string")
    dated = starts.dropna()
    step = pd.offsets.Week(1) if freq == "week" else pd.offsets.MonthBegin(1)
    periods = [label(d) for d in pd.date_range(dated.min(), dated.max(), freq=step)] if len(dated) else []
    if (period == UNDATED).any():
        periods.append(UNDATED)
    return period, periods


def outlet_counts_over_time(articles: pd.DataFrame, quotes: pd.DataFrame, freq: str = "auto") -> pd.DataFrame:
    """Articles and quotes of each outlet per week or month: `period, outlet, articles, quotes`,
    every period of `counts_over_time` for every outlet (0 where it published nothing), the
    outlets of a period in the order of `outlet_comparison` (most articles first, `unknown
    outlet` last), `undated` last."""
    period, periods = article_periods(articles, freq)
    outlet = outlet_of(articles)
    outlets = _outlet_order(outlet)
    grid = pd.MultiIndex.from_product([periods, outlets], names=["period", "outlet"])
    per_article = pd.DataFrame({"period": period, "outlet": outlet})
    quoted = per_article.reindex(quotes["article_id"])
    out = pd.DataFrame({
        "articles": per_article.groupby(["period", "outlet"]).size().reindex(grid, fill_value=0),
        "quotes": quoted.groupby(["period", "outlet"]).size().reindex(grid, fill_value=0),
    }).reset_index()
    return out.astype({"period": "string", "outlet": "string", "articles": "int64", "quotes": "int64"})


def counts_over_time(articles: pd.DataFrame, quotes: pd.DataFrame, sources: pd.DataFrame, freq: str = "auto") -> pd.DataFrame:
    """Articles, quotes and sources by type per week or month (`freq`, see `choose_frequency`):
    `period` (the week's Monday as `2016-09-12`, or the month as `2016-09`), `articles,
    quotes, person, anonymous, organisation, group` (sources, once per article). Every period
    from the first dated article to the last is listed, empty ones with 0; the articles without
    a readable date, with their quotes and sources, are the last row, `undated`, when there
    are any."""
    period, periods = article_periods(articles, freq)
    types = [t for t in SOURCE_TYPES if t != "unknown"]  # the sources table has no unknown speakers
    columns = ["period", "articles", "quotes", *types]
    out = pd.DataFrame({"period": periods})
    out["articles"] = out["period"].map(period.value_counts()).fillna(0).astype("int64")
    out["quotes"] = out["period"].map(quotes["article_id"].map(period).value_counts()).fillna(0).astype("int64")
    by_type = pd.crosstab(sources["article_id"].map(period), sources["speaker_type"]).reindex(columns=types, fill_value=0)
    for t in types:
        out[t] = out["period"].map(by_type[t]).fillna(0).astype("int64")
    out["period"] = out["period"].astype("string")
    return out[columns]

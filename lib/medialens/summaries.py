"""Summaries the notebooks show: counts, shares and filters over the output tables.

Each takes tables as DataFrames and returns a DataFrame, so the notebooks stay a sequence of
calls and every number they show is tested here.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

import pandas as pd

from .lexicon.people import GENDERS
from .lexicon.sources import SOURCE_TYPES
from .names import join_spellings


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


UNKNOWN_OUTLET = "unknown outlet"


def outlet_of(articles: pd.DataFrame) -> pd.Series:
    """Each article's outlet by `article_id`; `unknown outlet` when the input names none (or a
    blank one), so every table counts the unnamed under one name."""
    outlet = articles["outlet"].astype("string").str.strip()
    return pd.Series(outlet.where(outlet.fillna("") != "", UNKNOWN_OUTLET).to_numpy(), index=articles["article_id"], dtype="string")


def publication_days(articles: pd.DataFrame) -> pd.Series:
    """Each article's publication day (midnight, no time zone), in the articles' order; NaT
    when the article states no date or one pandas cannot read.

    The day is the one the date is written in, in its own time zone: `2016-10-31T22:00-04:00`
    is 31 October, as its readers saw it, not 1 November as in UTC."""
    return pd.Series([_day(v) for v in articles["date"].astype("string")], index=articles.index, dtype="datetime64[ns]")


def _day(value) -> pd.Timestamp:
    if pd.isna(value) or not str(value).strip():
        return pd.NaT
    try:
        stamp = pd.Timestamp(str(value).strip())
    except (ValueError, OverflowError):
        return pd.NaT
    if pd.isna(stamp):
        return pd.NaT
    return (stamp.tz_localize(None) if stamp.tzinfo is not None else stamp).normalize()


def of_article(table: pd.DataFrame, article_id: str | None) -> pd.DataFrame:
    """The rows of `table` (any table with `article_id`) of one article, or all with no id."""
    return table[table["article_id"] == article_id] if article_id else table


def corpus_overview(articles: pd.DataFrame, quotes: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The corpus in one row: `articles, words, first_date, last_date, outlets, quotes,
    quotes_per_article, sources, sources_per_article, anonymous_share`.

    Dates are ISO days (empty when no article states a readable date); `sources` counts each
    source once per article; `anonymous_share` is anonymous sources over all sources.
    """
    n = len(articles)
    dates = publication_days(articles).dropna()
    anonymous = int((sources["speaker_type"] == "anonymous").sum())
    return pd.DataFrame([{
        "articles": n,
        "words": int(articles["words"].fillna(0).sum()),
        "first_date": dates.min().date().isoformat() if len(dates) else None,
        "last_date": dates.max().date().isoformat() if len(dates) else None,
        "outlets": int(outlet_of(articles).pipe(lambda o: o[o != UNKNOWN_OUTLET]).nunique()),
        "quotes": len(quotes),
        "quotes_per_article": len(quotes) / n if n else 0.0,
        "sources": len(sources),
        "sources_per_article": len(sources) / n if n else 0.0,
        "anonymous_share": anonymous / len(sources) if len(sources) else 0.0,
    }]).astype({"first_date": "string", "last_date": "string"})


def article_overview(articles: pd.DataFrame, quotes: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """One row per article, most quoted first: `article_id, headline, date, outlet, words,
    quotes, direct, mixed, indirect, sources, anonymous, anonymous_share` (0 when no sources)."""
    kinds = quotes.pivot_table(index="article_id", columns="kind", values="quote_id", aggfunc="count", fill_value=0)
    kinds = kinds.reindex(columns=["direct", "mixed", "indirect"], fill_value=0)
    anon = sources.assign(anonymous=sources["speaker_type"] == "anonymous").groupby("article_id").agg(
        sources=("speaker_canonical", "count"), anonymous=("anonymous", "sum"))
    out = articles[["article_id", "headline", "date", "outlet", "words"]].set_index("article_id")
    out = out.join(kinds).join(anon)
    counts = ["direct", "mixed", "indirect", "sources", "anonymous"]
    out[counts] = out[counts].fillna(0).astype("int64")
    out.insert(out.columns.get_loc("direct"), "quotes", out[["direct", "mixed", "indirect"]].sum(axis=1))
    out["anonymous_share"] = (out["anonymous"] / out["sources"].where(out["sources"] > 0)).fillna(0.0)
    out = out.reset_index()
    return out.sort_values(["quotes", "article_id"], ascending=[False, True]).reset_index(drop=True)


def outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles, words and the dates covered per outlet (`unknown outlet` when the input names
    none), most articles first: `outlet, articles, words, first_date, last_date`."""
    df = articles.assign(outlet=outlet_of(articles).to_numpy(), _date=publication_days(articles))
    out = df.groupby("outlet", as_index=False).agg(articles=("article_id", "count"), words=("words", "sum"),
                                                   first_date=("_date", "min"), last_date=("_date", "max"))
    for c in ("first_date", "last_date"):
        out[c] = out[c].map(lambda d: None if pd.isna(d) else d.date().isoformat()).astype("string")
    out["words"] = out["words"].fillna(0).astype("int64")
    return out.sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(drop=True)


def article_source_types(articles: pd.DataFrame, sources: pd.DataFrame, top_n: int = 20) -> pd.DataFrame:
    """Sources of each type per article, for the `top_n` articles with most sources:
    `article_id, headline, person, anonymous, organisation, group, unknown, sources`."""
    counts = sources.pivot_table(index="article_id", columns="speaker_type", values="speaker_canonical",
                                 aggfunc="count", fill_value=0).reindex(columns=list(SOURCE_TYPES), fill_value=0)
    out = articles[["article_id", "headline"]].set_index("article_id").join(counts)
    types = list(SOURCE_TYPES)
    out[types] = out[types].fillna(0).astype("int64")
    out["sources"] = out[types].sum(axis=1)
    out = out.reset_index().sort_values(["sources", "article_id"], ascending=[False, True])
    return out.head(top_n).reset_index(drop=True)


def output_index(out: str | Path, base: str | Path, notebooks: Iterable[str | Path] = ()) -> pd.DataFrame:
    """Links to what a run wrote into `out`, relative to the folder `base` they are shown from:
    `section, name, href` for each of `notebooks` (its executed copy in `out/notebooks/` when a
    batch run made one, else the notebook itself), then the CSV tables and PNG charts in `out`,
    each sorted by name."""
    out, base = Path(out).resolve(), Path(base).resolve()
    rows = []
    for nb in sorted(map(Path, notebooks), key=lambda p: p.name):
        executed = out / "notebooks" / nb.name
        rows.append(("notebooks", nb.stem, executed if executed.exists() else nb.resolve()))
    rows += [("tables (CSV)", p.stem, p) for p in sorted(out.glob("*.csv"))]
    rows += [("charts (PNG)", p.stem, p) for p in sorted((out / "charts").glob("*.png"))]
    return pd.DataFrame(
        [(s, n, Path(os.path.relpath(p, base)).as_posix()) for s, n, p in rows], columns=["section", "name", "href"]
    ).astype("string")


# --- Entities across the corpus ------------------------------------------------------------


def _select(entities: pd.DataFrame, labels: Iterable[str] | None) -> pd.DataFrame:
    return entities if labels is None else entities[entities["label"].isin(list(labels))]


def corpus_entities(entities: pd.DataFrame, articles: pd.DataFrame, labels: Iterable[str] | None = None, min_articles: int = 1) -> pd.DataFrame:
    """One row per entity of the corpus, most mentioned first.

    Takes the entities table as `extract` writes it (names already consistent across
    articles, see `entities.canonicalize_corpus`) and the articles table. Columns: `entity, label, articles` (articles that mention it),
    `mentions` (in all of them), `headlines` (articles whose headline names it),
    `first_article, first_date` (its first appearance: the earliest dated article, else the
    first in corpus order; `first_date` is an ISO day, empty when unknown) and `aliases`.
    """
    from .tables import ALIAS_SEPARATOR

    df = _select(entities, labels)
    columns = ["entity", "label", "articles", "mentions", "headlines", "first_article", "first_date", "aliases"]
    if df.empty:
        return pd.DataFrame({c: [] for c in columns})
    dates = pd.Series(publication_days(articles).to_numpy(), index=articles["article_id"])
    order = pd.Series(range(len(articles)), index=articles["article_id"])
    df = df.assign(_date=df["article_id"].map(dates), _order=df["article_id"].map(order).fillna(len(order)))
    df = df.sort_values(["_date", "_order"], na_position="last", kind="stable")
    df["_headline"] = df["in_headline"].fillna(False).astype(bool)
    out = df.groupby(["entity", "label"], as_index=False, sort=False).agg(
        articles=("article_id", "nunique"), mentions=("mentions", "sum"), headlines=("_headline", "sum"),
        first_article=("article_id", "first"), _date=("_date", "first"),
        aliases=("aliases", lambda v: ALIAS_SEPARATOR.join(dict.fromkeys(a for x in v.dropna() for a in str(x).split(ALIAS_SEPARATOR) if a))),
    )
    out["first_date"] = out["_date"].map(lambda d: None if pd.isna(d) else d.date().isoformat())
    out = out[columns]
    out = out[out["articles"] >= min_articles]
    out = out.astype({"articles": "int64", "mentions": "int64", "headlines": "int64", "first_date": "string"})
    return out.sort_values(["mentions", "articles", "entity"], ascending=[False, False, True]).reset_index(drop=True)


def top_entities_by_label(entities: pd.DataFrame, labels: Iterable[str] | None = None, top_n: int = 5, min_articles: int = 1) -> pd.DataFrame:
    """The `top_n` most mentioned entities of each label: `label, rank, entity, articles,
    mentions`, labels in order of their total mentions."""
    df = _select(entities, labels)
    out = df.groupby(["label", "entity"], as_index=False).agg(articles=("article_id", "nunique"), mentions=("mentions", "sum"))
    out = out[out["articles"] >= min_articles]
    totals = out.groupby("label")["mentions"].sum()
    out = out.assign(_total=out["label"].map(totals)).sort_values(
        ["_total", "label", "mentions", "articles", "entity"], ascending=[False, True, False, False, True])
    out = out.groupby("label", sort=False).head(top_n)
    out.insert(1, "rank", out.groupby("label", sort=False).cumcount() + 1)
    return out.drop(columns="_total").reset_index(drop=True)


def entities_by_article(entities: pd.DataFrame, articles: pd.DataFrame, labels: Iterable[str] | None = None, top_n: int = 5) -> pd.DataFrame:
    """Per article, in corpus order: `article_id, headline, entities, mentions, top_entities`
    (its `top_n` most mentioned entities as `name (mentions)`, separated by `; `)."""
    df = _select(entities, labels).sort_values(["article_id", "mentions", "first_paragraph", "entity"], ascending=[True, False, True, True])
    top = df.groupby("article_id").apply(
        lambda g: "; ".join(f"{n} ({int(m)})" for n, m in zip(g["entity"].head(top_n), g["mentions"].head(top_n))),
        include_groups=False)
    counts = df.groupby("article_id").agg(entities=("entity", "count"), mentions=("mentions", "sum"))
    out = articles[["article_id", "headline"]].set_index("article_id").join(counts)
    out["entities"] = out["entities"].fillna(0).astype("int64")
    out["mentions"] = out["mentions"].fillna(0).astype("int64")
    out["top_entities"] = top.reindex(out.index).fillna("").astype("string")
    return out.reset_index()


def entity_cooccurrence(entities: pd.DataFrame, labels: Iterable[str] | None = None, top_n: int = 15, min_articles: int = 1) -> pd.DataFrame:
    """Which of the top entities appear in the same articles.

    The `top_n` entities named in most articles (at least `min_articles`; ties by mentions),
    as a square table: column `entity`, then one column per entity; each cell is the number
    of articles naming both, the diagonal the number naming the entity at all.
    """
    df = _select(entities, labels)
    counts = df.groupby("entity").agg(articles=("article_id", "nunique"), mentions=("mentions", "sum"))
    counts = counts[counts["articles"] >= min_articles]
    top = counts.sort_values(["articles", "mentions"], ascending=False, kind="stable").head(top_n).index.tolist()
    present = pd.crosstab(df["article_id"], df["entity"]).reindex(columns=top, fill_value=0).clip(upper=1)
    matrix = (present.T @ present).reindex(index=top, columns=top, fill_value=0).astype("int64")
    matrix.columns.name = None
    return matrix.rename_axis("entity").reset_index()


# --- Sources across the corpus -------------------------------------------------------------

def corpus_source_names(sources: pd.DataFrame) -> pd.Series:
    """One name per person across the corpus, aligned with `sources`.

    Within an article, sources are already one row per person; across articles the same
    person may be `Donald J. Trump` in one and `Donald Trump` in another, or only `Trump` in
    an article that never gives the full name. Names with the same first and last word join
    the most quoted spelling; a surname alone joins the one full name ending with it (and
    stays as it is when several do), as `names.join_spellings` does. Other source types keep
    their name.
    """
    names = sources["speaker_canonical"].astype("string")
    people = sources[sources["speaker_type"] == "person"]
    target = join_spellings(people.groupby("speaker_canonical")["quotes"].sum().to_dict())
    is_person = sources["speaker_type"] == "person"
    return names.where(~is_person, names.map(lambda n: target.get(n, n)).astype("string"))


def sources_across_articles(sources: pd.DataFrame, min_articles: int = 1, top_n: int = 20) -> pd.DataFrame:
    """Sources of the whole corpus, the one quoted in most articles first.

    Names are made consistent across articles (`corpus_source_names`). Columns:
    `speaker_canonical, speaker_type, articles, quotes, words, speaker_role` (the role most
    often given), `affiliation` (likewise) and `gender` (individuals only), for sources
    quoted in at least `min_articles` articles.
    """
    columns = ["speaker_canonical", "speaker_type", "articles", "quotes", "words", "speaker_role", "affiliation", "gender"]
    if "gender" not in sources:  # tables written with gender left out
        columns.remove("gender")
    if sources.empty:
        return pd.DataFrame({c: [] for c in columns})
    df = sources.assign(speaker_canonical=corpus_source_names(sources))

    def most_common(values: pd.Series):
        values = values.dropna()
        return values.mode().iloc[0] if len(values) else None

    def gender(values: pd.Series):
        known = set(values.dropna()) - {"unknown"}
        if not values.notna().any():
            return None
        return known.pop() if len(known) == 1 else "unknown"

    out = df.groupby(["speaker_canonical", "speaker_type"], as_index=False).agg(
        articles=("article_id", "nunique"), quotes=("quotes", "sum"), words=("words", "sum"),
        speaker_role=("speaker_role", most_common), affiliation=("affiliation", most_common),
        **({"gender": ("gender", gender)} if "gender" in columns else {}))
    out = out[out["articles"] >= min_articles]
    out = out.astype({"articles": "int64", "quotes": "int64", "words": "int64"})
    for c in {"speaker_role", "affiliation", "gender"} & set(columns):
        out[c] = out[c].astype("string")
    out = out.sort_values(["articles", "quotes", "speaker_canonical"], ascending=[False, False, True])
    return out[columns].head(top_n).reset_index(drop=True)


def anonymous_share_by_outlet(sources: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet (`unknown outlet` when the input names none): `outlet, articles, sources,
    anonymous, anonymous_share, anonymous_quotes, quote_share` (anonymous quotes over all
    attributed quotes), highest anonymous share first."""
    outlet = outlet_of(articles).rename("outlet")
    df = sources.assign(outlet=sources["article_id"].map(outlet).fillna(UNKNOWN_OUTLET),
                        anonymous=sources["speaker_type"] == "anonymous")
    df = df.assign(anonymous_quotes=df["quotes"].where(df["anonymous"], 0))
    out = df.groupby("outlet", as_index=False).agg(
        sources=("speaker_canonical", "count"), anonymous=("anonymous", "sum"),
        quotes=("quotes", "sum"), anonymous_quotes=("anonymous_quotes", "sum"))
    per_outlet = outlet.reset_index().groupby("outlet")["article_id"].nunique()
    out.insert(1, "articles", out["outlet"].map(per_outlet).fillna(0).astype("int64"))
    out["anonymous_share"] = (out["anonymous"] / out["sources"].where(out["sources"] > 0)).fillna(0.0)
    out["quote_share"] = (out["anonymous_quotes"] / out["quotes"].where(out["quotes"] > 0)).fillna(0.0)
    out = out.astype({"sources": "int64", "anonymous": "int64", "anonymous_quotes": "int64"})
    out = out[["outlet", "articles", "sources", "anonymous", "anonymous_share", "anonymous_quotes", "quote_share"]]
    return out.sort_values(["anonymous_share", "outlet"], ascending=[False, True]).reset_index(drop=True)


def quotes_by_gender(sources: pd.DataFrame, article_id: str | None = None) -> pd.DataFrame:
    """Individual sources (named and anonymous) by gender: `gender, sources, quotes, words,
    share_of_quotes, share_of_words`, the three genders always listed (female, male, unknown).
    Organisations and groups have no gender and are left out."""
    df = sources if article_id is None else sources[sources["article_id"] == article_id]
    df = df[df["speaker_type"].isin(["person", "anonymous"])]
    df = df.assign(gender=df["gender"].astype("string").fillna("unknown") if "gender" in df else "unknown")
    out = df.groupby("gender").agg(sources=("speaker_canonical", "count"), quotes=("quotes", "sum"), words=("words", "sum"))
    out = out.reindex(list(GENDERS), fill_value=0).fillna(0).astype("int64")
    for metric in ("quotes", "words"):
        total = out[metric].sum()
        out[f"share_of_{metric}"] = out[metric] / total if total else 0.0
    return out.rename_axis("gender").reset_index()


def source_roles(sources: pd.DataFrame, article_id: str | None = None, gender: bool = True) -> pd.DataFrame:
    """Sources with their role, affiliation and (with `gender`) gender, most quoted first:
    `article_id, speaker_canonical, speaker_type, speaker_role, affiliation, [gender,] quotes, words`."""
    df = sources if article_id is None else sources[sources["article_id"] == article_id]
    columns = ["article_id", "speaker_canonical", "speaker_type", "speaker_role", "affiliation"]
    columns += (["gender"] if gender else []) + ["quotes", "words"]
    df = df.reindex(columns=columns)
    return df.sort_values(["quotes", "words", "speaker_canonical"], ascending=[False, False, True]).reset_index(drop=True)

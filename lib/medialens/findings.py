"""A corpus's headline figures in words, for the top of the report: what most readers take away
from the first screen, each sentence with the counts it rests on."""
from __future__ import annotations

import pandas as pd

from .tables import Tables


def findings(tables: Tables, gender: bool = True) -> list[str]:
    """Sentences on a corpus's quotes and sources: how much was quoted and how, how many sources
    are anonymous, who is quoted most, how many quotes have no speaker found, (with `gender`)
    the share of women among the people quoted whose gender is known, and how sure the quote
    rows are (their `confidence`, when the table has it).

    Shares of sources count each source once per article, as the sources table does; shares of
    quotes count rows of the quotes table. Returns [] for a corpus with no quote."""
    quotes, sources = tables.quotes, tables.sources
    if not len(quotes):
        return []
    said = [_quote_sentence(tables.articles, quotes, sources), _anonymous_sentence(sources), _top_source_sentence(quotes)]
    said.append(_unknown_sentence(quotes))
    if gender and "gender" in sources:
        said.append(_gender_sentence(sources))
    if "confidence" in quotes:
        said.append(_confidence_sentence(quotes))
    return [sentence for sentence in said if sentence]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "0%"


def _quote_sentence(articles: pd.DataFrame, quotes: pd.DataFrame, sources: pd.DataFrame) -> str:
    kinds = quotes["kind"].value_counts()
    n = len(quotes)
    parts = ", ".join(f"{_share(int(kinds.get(kind, 0)), n)} {label}" for kind, label in
                      (("direct", "direct"), ("mixed", "mixed"), ("indirect", "reported speech")))
    plural = "article holds" if len(articles) == 1 else "articles hold"
    return (f"{len(articles):,} {plural} {n:,} quote{'s' if n != 1 else ''} ({parts}) from {len(sources):,} sources (each counted once "
            f"per article), {n / len(articles):.1f} quotes per article.")


def _anonymous_sentence(sources: pd.DataFrame) -> str:
    if not len(sources):
        return ""
    anonymous = int((sources["speaker_type"] == "anonymous").sum())
    return (f"{_share(anonymous, len(sources))} of sources are anonymous (unnamed individuals such as "
            f"\"a senior official\"): {anonymous:,} of {len(sources):,}, each source counted once per article.")


def _top_source_sentence(quotes: pd.DataFrame) -> str:
    # a share of the quotes whose speaker was found, as the sources tables count it
    known = quotes[quotes["speaker_type"] != "unknown"]
    if not len(known):
        return ""
    counts = known.groupby("speaker_canonical").agg(quotes=("quote_id", "size"), articles=("article_id", "nunique"))
    counts = counts.sort_values("quotes", ascending=False, kind="stable")
    name, top = counts.index[0], counts.iloc[0]
    return (f"The most quoted source is {name}, with {_share(int(top['quotes']), len(known))} of the quotes whose "
            f"speaker was found ({int(top['quotes']):,} in {int(top['articles']):,} "
            f"article{'s' if top['articles'] != 1 else ''}).")


def _unknown_sentence(quotes: pd.DataFrame) -> str:
    unknown = int((quotes["speaker_type"] == "unknown").sum())
    return f"{_share(unknown, len(quotes))} of quotes have no speaker found ({unknown:,})." if unknown else "Every quote has a speaker."


def _gender_sentence(sources: pd.DataFrame) -> str:
    # shares of all named people, as the outlet comparison gives them
    people = sources[sources["speaker_type"] == "person"]
    if not len(people):
        return ""
    gender = people["gender"].astype("string")
    women, men = int((gender == "female").sum()), int((gender == "male").sum())
    return (f"Of the {len(people):,} named people quoted (each once per article), the text presents "
            f"{_share(women, len(people))} as women and {_share(men, len(people))} as men; for the other "
            f"{len(people) - women - men:,} it does not tell.")


# Confidence at or above SURE is a row to take as it is; under DOUBTFUL, one to check first.
SURE, DOUBTFUL = 0.8, 0.5


def _confidence_sentence(quotes: pd.DataFrame) -> str:
    confidence = pd.to_numeric(quotes["confidence"], errors="coerce")
    sure, doubtful = int((confidence >= SURE).sum()), int((confidence < DOUBTFUL).sum())
    check = (f"{_share(doubtful, len(quotes))} under {DOUBTFUL} ({doubtful:,}): sort the quote table by confidence to "
             f"check those first." if doubtful else f"none under {DOUBTFUL}.")
    return (f"{_share(sure, len(quotes))} of quotes have a confidence of {SURE} or more ({sure:,}; the learned "
            f"estimate that text and speaker are right) and {check}")

"""Tables: the five DataFrames of the output contract, and writing them safely.

| table    | one row per                   |
|----------|-------------------------------|
| articles | article                       |
| entities | canonical entity per article  |
| quotes   | quote                         |
| sources  | source per article            |
| rejects  | input that could not be read  |

Each is written as `NAME.csv` and `NAME.parquet`, atomically (temporary file, then rename), so
an interrupted run never leaves half a table behind.

The articles table's Parquet file also holds each article's `article_text`, into which every
offset of the quotes table points (`article_text[start:end]`, `[speaker_start:speaker_end]`,
`[cue_start:]`).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pandas as pd

from .article import Article, Reject
from .confidence import quote_confidence

if TYPE_CHECKING:  # the notebooks read tables without the spaCy the rule modules import
    from .entities import Entity
    from .quotes import Quote

ALIAS_SEPARATOR = "; "  # between the written forms of the entities table's `aliases`
# The columns that hold the gender a text presents for a source: a run asked to leave gender out
# writes its tables without them.
GENDER_COLUMNS = {"quotes": ["speaker_gender"], "sources": ["gender"]}
COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "headline", "dateline", "date", "outlet", "paragraphs", "words", "source_path", "byline", "url", "article_text"],
    "entities": ["article_id", "entity", "label", "mentions", "first_paragraph", "in_headline", "aliases"],
    "quotes": [
        "article_id", "quote_id", "kind", "text", "start", "end", "paragraph", "in_headline", "cue",
        "speaker", "speaker_canonical", "speaker_type", "speaker_role", "speaker_start", "speaker_end", "cue_start",
        "confidence", "speaker_rule", "decided_by", "words", "speaker_affiliation", "speaker_gender",
    ],
    "sources": [
        "article_id", "speaker_canonical", "speaker_type", "speaker_role", "quotes", "direct", "indirect", "mixed", "words",
        "affiliation", "gender",
    ],
    "rejects": ["source_path", "reason"],
}
# Columns written to Parquet only: an article's whole text, which every offset of the quotes
# table indexes, is too long for a spreadsheet cell (Excel holds 32,767 characters).
PARQUET_ONLY = {"article_text"}
INT_COLUMNS = {
    "paragraphs", "words", "mentions", "first_paragraph", "start", "end", "paragraph", "quotes", "direct", "indirect", "mixed",
    "speaker_start", "speaker_end", "cue_start",
}
BOOL_COLUMNS = {"in_headline"}
FLOAT_COLUMNS = {"confidence"}

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Tables:
    """The five output tables of a corpus."""

    articles: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    sources: pd.DataFrame
    rejects: pd.DataFrame

    def items(self):
        return [(f.name, getattr(self, f.name)) for f in fields(self)]


def article_row(article: Article) -> dict:
    return {
        "article_id": article.id, "headline": article.headline, "dateline": article.dateline,
        "date": article.date, "outlet": article.outlet, "paragraphs": len(article.paragraphs),
        "words": article.words, "source_path": article.source_path, "byline": article.byline, "url": article.url,
        "article_text": article.text,
    }


def entity_rows(article_id: str, entities: list[Entity]) -> list[dict]:
    return [
        {
            "article_id": article_id, "entity": e.name, "label": e.label, "mentions": len(e.mentions),
            "first_paragraph": e.first_paragraph, "in_headline": e.in_headline,
            "aliases": ALIAS_SEPARATOR.join(e.aliases),
        }
        for e in entities
    ]


def quote_id(article_id: str, start: int, end: int) -> str:
    """A quote's id: its article's id and the quote's character offsets there (`0012-q1534-1602`).
    Made from where the quote stands, not from its number in the article, so that a quote found
    before it (by a new rule, or a retrained model) does not hand it another quote's id, which a
    `not_quote` correction would then drop in its place."""
    return f"{article_id}-q{start}-{end}"


def quote_rows(article_id: str, quotes: list[Quote]) -> list[dict]:
    """The quotes table's rows for one article's quotes, each with its confidence: the quote
    model's (see `confidence.py`) for a quote a rule decided, the proposing model's for one the
    model proposed (`quotes/proposed.py`)."""
    rows = [
        {
            "article_id": article_id, "quote_id": quote_id(article_id, q.start, q.end), "kind": q.kind, "text": q.text,
            "start": q.start, "end": q.end, "paragraph": q.paragraph, "in_headline": q.in_headline,
            "cue": q.cue, "speaker": q.speaker, "speaker_canonical": q.speaker_canonical,
            "speaker_type": q.speaker_type, "speaker_role": q.speaker_role,
            "speaker_start": q.speaker_span[0], "speaker_end": q.speaker_span[1], "cue_start": q.cue_start,
            "confidence": q.confidence, "speaker_rule": q.speaker_rule, "decided_by": q.decided_by, "words": q.words,
            "speaker_affiliation": q.speaker_affiliation, "speaker_gender": q.speaker_gender,
        }
        for q in quotes
    ]
    for row in rows:
        if row["confidence"] is None:
            row["confidence"] = quote_confidence(row)
    return rows


def source_rows(article_id: str, quotes: list[Quote]) -> list[dict]:
    """One row per resolved source of an article (quotes with an unknown speaker are left out).

    `affiliation` is the organisation, party or country the source speaks for, when stated;
    `gender` (female, male, unknown) is given for individuals and left empty for bodies.
    """
    rows: dict[str, dict] = {}
    for q in quotes:
        if q.speaker_type == "unknown":
            continue
        row = rows.setdefault(q.speaker_canonical, {
            "article_id": article_id, "speaker_canonical": q.speaker_canonical, "speaker_type": q.speaker_type,
            "speaker_role": None, "quotes": 0, "direct": 0, "indirect": 0, "mixed": 0, "words": 0,
            "affiliation": None, "gender": None,
        })
        row["speaker_role"] = row["speaker_role"] or q.speaker_role
        row["affiliation"] = row["affiliation"] or q.speaker_affiliation
        row["gender"] = row["gender"] or q.speaker_gender
        row["quotes"] += 1
        row[q.kind] += 1
        row["words"] += q.words
    return list(rows.values())


_SOURCE_COUNTS = ["quotes", "direct", "indirect", "mixed", "words"]


def rename_people(table: pd.DataFrame, name_of: Callable[[str, str], str]) -> pd.DataFrame:
    """The quotes or sources table with each person's `speaker_canonical` replaced by
    `name_of(article_id, speaker_canonical)`; other speakers keep theirs."""
    people = table["speaker_type"] == "person"
    if not people.any():
        return table
    renamed = [name_of(a, n) for a, n in zip(table.loc[people, "article_id"], table.loc[people, "speaker_canonical"])]
    out = table.copy()
    out.loc[people, "speaker_canonical"] = pd.array(renamed, dtype=table["speaker_canonical"].dtype)
    return out


def merge_sources(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources table with one row per source and article again after names changed: rows of
    one article with the same `speaker_canonical` add up their counts and keep the first row's
    type and the first role, affiliation and gender given (as `source_rows` does), in the
    order of their first row."""
    key = ["article_id", "speaker_canonical"]
    if not sources.duplicated(key).any():
        return sources
    first = {c: "first" for c in sources.columns if c not in key and c not in _SOURCE_COUNTS}
    out = sources.groupby(key, sort=False, as_index=False, dropna=False).agg({**first, **{c: "sum" for c in _SOURCE_COUNTS}})
    return out[list(sources.columns)].astype({c: sources[c].dtype for c in sources.columns}).reset_index(drop=True)


def reject_row(reject: Reject) -> dict:
    return {"source_path": reject.source_path, "reason": reject.reason}


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A table from rows, with the contract's columns in order and stable dtypes."""
    columns = COLUMNS[name]
    df = pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame({c: [] for c in columns})
    for c in columns:
        if c in INT_COLUMNS:
            df[c] = pd.to_numeric(df[c]).astype("Int64")
        elif c in BOOL_COLUMNS:
            df[c] = df[c].astype("boolean")
        elif c in FLOAT_COLUMNS:
            df[c] = pd.to_numeric(df[c]).astype("Float64")
        else:
            df[c] = df[c].astype("string")
    return df


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()


def temp_file(path: Path) -> Path:
    """A new empty file beside `path`, with the permissions an ordinary new file would get
    (`mkstemp` makes owner-only files; tables and reports are for sharing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)
    return Path(tmp)


def atomic_write(path: Path, write) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it into place."""
    tmp = temp_file(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """`df` as written to CSV: without the Parquet-only columns, and with text cells that a
    spreadsheet would run as a formula prefixed with `'`."""
    out = df.drop(columns=[c for c in df.columns if c in PARQUET_ONLY])
    for c in out.columns:
        if out[c].dtype == "string":
            mask = out[c].str.startswith(_FORMULA_START).fillna(False)
            out.loc[mask, c] = "'" + out.loc[mask, c]
    return out


def write_table(df: pd.DataFrame, name: str, out: str | Path) -> None:
    """Write one table as `out/NAME.csv` and `out/NAME.parquet`, each atomically."""
    out = Path(out)
    atomic_write(out / f"{name}.parquet", lambda p: df.to_parquet(p, index=False))
    atomic_write(out / f"{name}.csv", lambda p: csv_safe(df).to_csv(p, index=False))


def write_tables(tables: Tables, out: str | Path) -> Path:
    """Write all five tables into `out` (created if needed); returns `out`."""
    for name, df in tables.items():
        write_table(df, name, out)
    return Path(out)


def read_tables(folder: str | Path) -> Tables:
    """Read the five tables back from a folder written by `write_tables` (Parquet)."""
    folder = Path(folder)
    return Tables(**{name: pd.read_parquet(folder / f"{name}.parquet") for name in COLUMNS})


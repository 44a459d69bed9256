"""Writing a run's tables: chunk by chunk into temporary files (Parquet row groups, CSV appends),
renamed into place when complete, then the entity pass that makes names consistent across the
corpus, for the entities and for the persons of the quotes and sources tables. Memory stays flat
whatever the corpus: rows are buffered WRITE_EVERY items at a time and the tables are read back
ENTITY_BATCH_ROWS rows at a time.
"""
from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .corrections import (
    Corrections, correct_quotes, correct_sources, held_apart, mark_apart_seen, merge_entities, target_labels,
)
from .entities import ALIAS_SEPARATOR, CorpusNames, apply_corpus_names, corpus_names, corpus_person_name, person_renames
from .names import name_key
from .tables import COLUMNS, Tables, csv_safe, frame, merge_sources, rename_people, temp_file

# Every table a run writes: the five of the contract.
TABLES = tuple(COLUMNS)
# Rows are written once this many articles have been collected: Parquet row groups of a few
# thousand rows read fast, and buffering more would only hold memory.
WRITE_EVERY = 512
# Rows of the entities table held at once while its names are made consistent across the corpus.
ENTITY_BATCH_ROWS = 10_000

Rows = dict[str, list[dict]]


class TableWriter:
    """Writes the five tables chunk by chunk to `out/NAME.parquet` and `out/NAME.csv`.

    Rows go to temporary files beside the final ones; `close()` renames all of them into
    place, `abort()` deletes them, so an interrupted run leaves the previous tables untouched.
    """

    def __init__(self, out: str | Path, tables: Iterable[str] = TABLES, leave_out: dict[str, list[str]] | None = None):
        self.out = Path(out)
        # each table's columns: the contract's, less those `leave_out` names for it
        self.columns = {name: [c for c in COLUMNS[name] if c not in (leave_out or {}).get(name, [])] for name in tables}
        self.out.mkdir(parents=True, exist_ok=True)
        self.counts = {name: 0 for name in tables}
        self.rejects: list[str] = []
        self._buffer: Rows = {name: [] for name in tables}
        self._buffered = 0
        self._temps: dict[Path, Path] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, object] = {}
        for name in tables:
            empty = frame(name, [])[self.columns[name]]
            schema = pa.Table.from_pandas(empty, preserve_index=False).schema
            self._parquet[name] = pq.ParquetWriter(self._temp(f"{name}.parquet"), schema)
            self._csv[name] = open(self._temp(f"{name}.csv"), "w", encoding="utf-8", newline="")
            csv_safe(empty).to_csv(self._csv[name], index=False)

    def _temp(self, name: str) -> Path:
        tmp = temp_file(self.out / name)
        self._temps[tmp] = self.out / name
        return tmp

    def add(self, rows: Rows) -> None:
        """Buffer one item's rows; written out every WRITE_EVERY items."""
        for name, table_rows in rows.items():
            self._buffer[name].extend(table_rows)
        self.rejects += [r["reason"] for r in rows.get("rejects", [])]
        self._buffered += 1
        if self._buffered >= WRITE_EVERY:
            self.flush()

    def flush(self) -> None:
        for name, rows in self._buffer.items():
            if rows:
                self.write(name, frame(name, rows))
                rows.clear()
        self._buffered = 0

    def write(self, name: str, df: pd.DataFrame) -> None:
        """Append the rows of `df` (with the columns of table `name`) to that table; columns the
        writer leaves out are dropped."""
        df = df[self.columns[name]]
        self._parquet[name].write_table(pa.Table.from_pandas(df, schema=self._parquet[name].schema, preserve_index=False))
        csv_safe(df).to_csv(self._csv[name], index=False, header=False)
        self.counts[name] += len(df)

    def _close_files(self) -> None:
        for writer in self._parquet.values():
            writer.close()
        for handle in self._csv.values():
            handle.close()

    def close(self) -> None:
        """Write what is buffered and move every table into place."""
        self.flush()
        self._close_files()
        for tmp, final in self._temps.items():
            os.replace(tmp, final)

    def abort(self) -> None:
        """Delete the temporary files; the folder keeps whatever tables it had."""
        try:
            self._close_files()
        finally:
            for tmp in self._temps:
                tmp.unlink(missing_ok=True)


def canonicalize_written(out: Path, counts: dict[str, int] | None = None, corrections: Corrections | None = None) -> int:
    """Rewrite `out/entities.*` with one name and label per entity across the corpus (see
    `entities.canonicalize_corpus`), and the quotes and sources tables with the same name for
    each person (`entities.corpus_person_name`; rows of one article's sources that became one
    name are added up), whole articles at a time so that memory does not grow with the corpus.
    `corrections`, when given, are applied after the names (see `corrections.py`): merges in
    all three tables, names kept apart left as written, `not_quote` rows left out of the quotes
    table and their counts taken off the sources.
    Returns the entities table's rows; `counts`, when given, gets every rewritten table's rows."""
    path = out / "entities.parquet"
    names = corpus_names(lambda: _article_batches(path, ENTITY_BATCH_ROWS))
    renames: dict[tuple[str, str], str] = {}
    entities = partial(_name_entities, names=names, renames=renames, corrections=corrections)
    written = {"entities": _rewrite(out, "entities", entities, _article_batches(path, ENTITY_BATCH_ROWS))}
    quotes, sources = _people_changes(names, renames, corrections)
    for table, change in (("quotes", quotes), ("sources", sources)):
        if (out / f"{table}.parquet").exists():
            # row group by row group: each holds whole articles, and the table keeps its chunks
            written[table] = _rewrite(out, table, change, _row_groups(out / f"{table}.parquet"))
    if corrections is not None:
        corrections.warn_unused()
    if counts is not None:
        counts.update(written)
    return written["entities"]


def canonicalize_tables(tables: Tables, corrections: Corrections | None = None) -> Tables:
    """The tables of a corpus held in memory, with the names (and `corrections`)
    `canonicalize_written` gives the written ones: entities one name and label across the
    corpus, persons the same name in the quotes and sources tables."""
    names = corpus_names(lambda: [tables.entities])
    renames: dict[tuple[str, str], str] = {}
    entities = _name_entities(tables.entities, names, renames, corrections)
    quotes, sources = _people_changes(names, renames, corrections)
    out = Tables(articles=tables.articles, entities=entities, quotes=quotes(tables.quotes),
                 sources=sources(tables.sources), rejects=tables.rejects)
    if corrections is not None:
        corrections.warn_unused()
    return out


def _name_entities(batch: pd.DataFrame, names: CorpusNames, renames: dict[tuple[str, str], str],
                   corrections: Corrections | None) -> pd.DataFrame:
    """An entities batch (whole articles) with the corpus-wide names, and the corrections;
    `renames` gets what the names did to its persons (`entities.person_renames`)."""
    renames.update(person_renames(batch, names))
    if corrections is None:
        return apply_corpus_names(batch, names)
    mark_apart_seen(corrections, [*batch["entity"], *(a for v in batch["aliases"].dropna() for a in v.split(ALIAS_SEPARATOR))])
    apart = _held_apart(batch, names, renames, corrections)
    if apart.any():
        named = _in_article_order(pd.concat([apply_corpus_names(batch[~apart], names), batch[apart]], ignore_index=True), batch)
    else:
        named = apply_corpus_names(batch, names)
    return merge_entities(named, corrections, target_labels(names, corrections))


def _held_apart(batch: pd.DataFrame, names: CorpusNames, renames: dict[tuple[str, str], str],
                corrections: Corrections) -> pd.Series:
    """Rows of an entities batch that the corpus-wide names would join to a name the
    corrections keep them apart from: these keep their name as the article wrote it."""
    keys = batch["entity"].map(name_key)
    held = pd.Series(False, index=batch.index)
    for i in batch.index[keys.isin(list(corrections.apart_keys))]:
        entity = batch.at[i, "entity"]
        joined = renames.get((batch.at[i, "article_id"], name_key(entity, "PERSON")))
        if joined is None:
            joined = apply_corpus_names(batch.loc[[i]], names)["entity"].iloc[0]
        held[i] = held_apart(corrections, entity, joined)
    return held


def _in_article_order(df: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    """Rows of `df` grouped by article in the order the articles have in `like`."""
    order = {a: n for n, a in enumerate(pd.unique(like["article_id"]))}
    return df.iloc[df["article_id"].map(order).argsort(kind="stable")].reset_index(drop=True)


def _people_changes(names: CorpusNames, renames: dict[tuple[str, str], str], corrections: Corrections | None
                    ) -> tuple[Callable[[pd.DataFrame], pd.DataFrame], Callable[[pd.DataFrame], pd.DataFrame]]:
    """What the entity pass does to a batch of the quotes table and to one of the sources
    table: persons named as in the entities table, then the corrections."""
    name_of = partial(corpus_person_name, renames=renames, names=names)
    if corrections is None:
        return (lambda b: rename_people(b, name_of)), (lambda b: merge_sources(rename_people(b, name_of)))

    def kept_apart(article_id: str, name: str) -> str:
        joined = name_of(article_id, name)
        return name if joined != name and held_apart(corrections, name, joined) else joined

    dropped: list[dict] = []

    def quotes(batch: pd.DataFrame) -> pd.DataFrame:
        mark_apart_seen(corrections, batch["speaker_canonical"])
        return correct_quotes(rename_people(batch, kept_apart), corrections, dropped)

    def sources(batch: pd.DataFrame) -> pd.DataFrame:
        return correct_sources(merge_sources(rename_people(batch, kept_apart)), corrections, dropped)

    return quotes, sources


def leave_out_columns(out: Path, columns: dict[str, list[str]]) -> None:
    """Rewrite the tables of `out` that `columns` names without those columns (as
    `GENDER_COLUMNS`), row group by row group, so memory does not grow with the corpus."""
    for table, dropped in columns.items():
        if (out / f"{table}.parquet").exists():
            _rewrite(out, table, lambda batch: batch, _row_groups(out / f"{table}.parquet"), {table: dropped})


def _rewrite(out: Path, table: str, change: Callable[[pd.DataFrame], pd.DataFrame], batches: Iterable[pd.DataFrame],
             leave_out: dict[str, list[str]] | None = None) -> int:
    """Rewrite `out/TABLE.*` through `change`, batch by batch of whole articles (`batches`,
    read from the table itself), without the columns `leave_out` names; returns the table's rows."""
    writer = TableWriter(out, tables=(table,), leave_out=leave_out)
    try:
        for batch in batches:
            writer.write(table, change(batch))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return writer.counts[table]


def _row_groups(path: Path) -> Iterator[pd.DataFrame]:
    """A table written by `TableWriter` in its row groups, each the rows of whole articles."""
    parquet = pq.ParquetFile(path)
    for i in range(parquet.num_row_groups):
        yield parquet.read_row_group(i).to_pandas()


def _article_batches(path: Path, size: int) -> Iterator[pd.DataFrame]:
    """A written table in DataFrames of about `size` rows, never splitting an article's rows
    (which are consecutive) over two of them."""
    df: pd.DataFrame | None = None
    for batch in pq.ParquetFile(path).iter_batches(batch_size=size):
        if df is None:
            df = batch.to_pandas()
            continue
        # the last article of `df` may go on in the next batch: hold it back
        ids = df["article_id"].to_numpy()
        cut = len(ids) - 1
        while cut > 0 and ids[cut - 1] == ids[-1]:
            cut -= 1
        if cut:
            yield df.iloc[:cut].reset_index(drop=True)
        df = pd.concat([df.iloc[cut:], batch.to_pandas()], ignore_index=True)
    if df is not None and len(df):
        yield df

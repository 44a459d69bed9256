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

from .entities import apply_corpus_names, corpus_names, corpus_person_name, person_renames
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

    def __init__(self, out: str | Path, tables: Iterable[str] = TABLES):
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.counts = {name: 0 for name in tables}
        self.rejects: list[str] = []
        self._buffer: Rows = {name: [] for name in tables}
        self._buffered = 0
        self._temps: dict[Path, Path] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, object] = {}
        for name in tables:
            schema = pa.Table.from_pandas(frame(name, []), preserve_index=False).schema
            self._parquet[name] = pq.ParquetWriter(self._temp(f"{name}.parquet"), schema)
            self._csv[name] = open(self._temp(f"{name}.csv"), "w", encoding="utf-8", newline="")
            csv_safe(frame(name, [])).to_csv(self._csv[name], index=False)

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
        """Append the rows of `df` (with the columns of table `name`) to that table."""
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


def canonicalize_written(out: Path, counts: dict[str, int] | None = None) -> int:
    """Rewrite `out/entities.*` with one name and label per entity across the corpus (see
    `entities.canonicalize_corpus`), and the quotes and sources tables with the same name for
    each person (`entities.corpus_person_name`; rows of one article's sources that became one
    name are added up), whole articles at a time so that memory does not grow with the corpus.
    Returns the entities table's rows; `counts`, when given, gets every rewritten table's rows."""
    path = out / "entities.parquet"
    names = corpus_names(lambda: _article_batches(path, ENTITY_BATCH_ROWS))
    renames: dict[tuple[str, str], str] = {}

    def entities(batch: pd.DataFrame) -> pd.DataFrame:
        renames.update(person_renames(batch, names))
        return apply_corpus_names(batch, names)

    written = {"entities": _rewrite(out, "entities", entities, _article_batches(path, ENTITY_BATCH_ROWS))}
    name_of = partial(corpus_person_name, renames=renames, names=names)
    for table, change in (("quotes", lambda b: rename_people(b, name_of)),
                          ("sources", lambda b: merge_sources(rename_people(b, name_of)))):
        if (out / f"{table}.parquet").exists():
            # row group by row group: each holds whole articles, and the table keeps its chunks
            written[table] = _rewrite(out, table, change, _row_groups(out / f"{table}.parquet"))
    if counts is not None:
        counts.update(written)
    return written["entities"]


def canonicalize_tables(tables: Tables) -> Tables:
    """The tables of a corpus held in memory, with the names `canonicalize_written` gives the
    written ones: entities one name and label across the corpus, persons the same name in the
    quotes and sources tables."""
    names = corpus_names(lambda: [tables.entities])
    renames = person_renames(tables.entities, names)
    name_of = partial(corpus_person_name, renames=renames, names=names)
    return Tables(articles=tables.articles, entities=apply_corpus_names(tables.entities, names),
                  quotes=rename_people(tables.quotes, name_of), sources=merge_sources(rename_people(tables.sources, name_of)),
                  rejects=tables.rejects)


def _rewrite(out: Path, table: str, change: Callable[[pd.DataFrame], pd.DataFrame], batches: Iterable[pd.DataFrame]) -> int:
    """Rewrite `out/TABLE.*` through `change`, batch by batch of whole articles (`batches`,
    read from the table itself); returns the table's rows."""
    writer = TableWriter(out, tables=(table,))
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

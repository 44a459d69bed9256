"""Writing a run's tables: chunk by chunk into temporary files (Parquet row groups, CSV appends),
renamed into place when complete, then the entity pass that makes names consistent across the
corpus. Memory stays flat whatever the corpus: rows are buffered WRITE_EVERY items at a time and
the entities table is read back ENTITY_BATCH_ROWS rows at a time.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .entities import apply_corpus_names, corpus_names
from .tables import ALL_COLUMNS, csv_safe, frame, temp_file

# Every table a run writes: the five of the contract and the side table beside them.
TABLES = tuple(ALL_COLUMNS)
# Rows are written once this many articles have been collected: Parquet row groups of a few
# thousand rows read fast, and buffering more would only hold memory.
WRITE_EVERY = 512
# Rows of the entities table held at once while its names are made consistent across the corpus.
ENTITY_BATCH_ROWS = 10_000

Rows = dict[str, list[dict]]


class TableWriter:
    """Writes the tables (the five and the side table) chunk by chunk to `out/NAME.parquet` and `out/NAME.csv`.

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


def canonicalize_written(out: Path) -> int:
    """Rewrite `out/entities.*` with one name and label per entity across the corpus (see
    `entities.canonicalize_corpus`), whole articles at a time so that memory does not grow
    with the corpus; returns the table's rows."""
    path = out / "entities.parquet"
    names = corpus_names(lambda: _article_batches(path, ENTITY_BATCH_ROWS))
    writer = TableWriter(out, tables=("entities",))
    try:
        for batch in _article_batches(path, ENTITY_BATCH_ROWS):
            writer.write("entities", apply_corpus_names(batch, names))
        writer.close()
    except BaseException:
        writer.abort()
        raise
    return writer.counts["entities"]


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

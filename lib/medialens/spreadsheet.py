"""The tables of an output folder as one spreadsheet, `medialens.xlsx`: a sheet per contract table
and a codebook sheet saying what each column means.

Written with xlsxwriter, row by row in its constant-memory mode: a 42,000-quote table takes a few
seconds this way, against several times that through pandas' `to_excel` (with openpyxl or
xlsxwriter alike), which formats every cell on its own. Text is always written as text, never as
a formula or a link, so a quote that begins with `=` reads as it was said.

The workbook carries a digest of the tables it was written from and the time it was written (a
custom document property; the file's modification time is set to that time), so a report over
tables that did not change keeps the spreadsheet instead of writing it again, and a workbook
saved since (by Excel or LibreOffice, which keep custom properties) is written again.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import xlsxwriter

from .cache import code_version
from .codebook import codebook_rows
from .tables import COLUMNS, PARQUET_ONLY, atomic_write

log = logging.getLogger("medialens")

SPREADSHEET = "medialens.xlsx"
# Rows a sheet holds below its header row; a larger table makes no spreadsheet at all, rather
# than one that silently ends where Excel does.
ROW_LIMIT = 1_048_575
# Excel holds at most this many characters in a cell; longer text is cut, and says so.
CELL_LIMIT = 32_767
# Columns of running text, wrapped in a wide column; the others get a width fit to their header.
WRAPPED = {"text": 80, "headline": 50, "reason": 80, "meaning": 90}
NARROW, WIDEST = 10, 40
# The custom document property holding the digest of the tables a workbook was written from.
STAMP = "medialens tables"


def write_spreadsheet(out: str | Path, tables: dict[str, pd.DataFrame] | None = None) -> Path | None:
    """Write `out/medialens.xlsx` (atomically) from the contract tables of `out` (read from
    their Parquet files unless `tables` gives them, name -> DataFrame): one sheet per table, in
    the contract's order, without the Parquet-only columns (`article_text`), then a `codebook`
    sheet (`table, column, meaning`) for the columns written. Each sheet has a bold, frozen
    header row; text longer than a cell holds is cut with a note naming the Parquet file that
    has it whole. A table longer than a sheet holds (ROW_LIMIT rows) makes no spreadsheet: a
    warning says so, and None is returned. Read from the folder, a spreadsheet already written
    from the same Parquet files by the same medialens is kept as it is (see `spreadsheet_current`).
    Returns the spreadsheet's path."""
    out = Path(out)
    digest = tables_digest(out) if tables is None else None
    if digest is not None and _current(out / SPREADSHEET, digest):
        return out / SPREADSHEET
    # whole seconds, which every file system keeps as a modification time
    written = time.time_ns() // 1_000_000_000 * 1_000_000_000
    rows = ({name: len(df) for name, df in tables.items()} if tables is not None else
            {name: pq.ParquetFile(out / f"{name}.parquet").metadata.num_rows for name in COLUMNS if (out / f"{name}.parquet").exists()})
    too_long = {name: n for name, n in rows.items() if n > ROW_LIMIT}
    if too_long:
        name, n = next(iter(too_long.items()))
        log.warning(f"{SPREADSHEET} not written: the {name} table has {n:,} rows, more than a spreadsheet sheet holds "
                    f"({ROW_LIMIT:,}); the CSV and Parquet files hold every row")
        (out / SPREADSHEET).unlink(missing_ok=True)
        return None
    if tables is None:
        tables = {name: pd.read_parquet(out / f"{name}.parquet") for name in COLUMNS if (out / f"{name}.parquet").exists()}
    sheets = {name: df.drop(columns=[c for c in df.columns if c in PARQUET_ONLY]) for name, df in tables.items()}
    codebook = pd.DataFrame(codebook_rows({name: list(df.columns) for name, df in sheets.items()}),
                            columns=["table", "column", "meaning"]).astype("string")
    path = out / SPREADSHEET

    def write(tmp: Path) -> None:
        workbook = xlsxwriter.Workbook(str(tmp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        if digest is not None:
            workbook.set_custom_property(STAMP, f"{digest} {written}")
        try:
            for name, df in {**sheets, "codebook": codebook}.items():
                _write_sheet(workbook, name, df)
        finally:
            workbook.close()

    atomic_write(path, write)
    if digest is not None:
        os.utime(path, ns=(written, written))
    return path


def tables_digest(out: str | Path) -> str:
    """A digest of the contract tables' Parquet files in `out` (their names and bytes) and of the
    medialens code that turns them into a spreadsheet."""
    h = hashlib.sha256(code_version().encode())
    for name in COLUMNS:
        path = Path(out) / f"{name}.parquet"
        if path.exists():
            h.update(name.encode())
            with open(path, "rb") as handle:
                h.update(hashlib.file_digest(handle, "sha256").digest())
    return h.hexdigest()


def spreadsheet_current(out: str | Path) -> bool:
    """True when `out/medialens.xlsx` was written from the contract tables `out` now holds and
    not saved since."""
    return _current(Path(out) / SPREADSHEET, tables_digest(out))


def _current(path: Path, digest: str) -> bool:
    """Whether the workbook at `path` carries `digest` and still has the modification time it
    was given when written."""
    try:
        with zipfile.ZipFile(path) as book:
            custom = book.read("docProps/custom.xml").decode("utf-8")
        found = re.search(rf'name="{re.escape(STAMP)}"><vt:lpwstr>([0-9a-f]+) (\d+)</vt:lpwstr>', custom)
        return found is not None and found.group(1) == digest and int(found.group(2)) == path.stat().st_mtime_ns
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return False


def _write_sheet(workbook: xlsxwriter.Workbook, name: str, df: pd.DataFrame) -> None:
    """One sheet: the header row bold and frozen, running text wrapped, then the rows in order
    (constant-memory mode writes each row once, so formats are set before the first)."""
    sheet = workbook.add_worksheet(name)
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    top = workbook.add_format({"valign": "top"})
    for i, column in enumerate(df.columns):
        if column in WRAPPED:
            sheet.set_column(i, i, WRAPPED[column], wrapped)
        else:
            sheet.set_column(i, i, min(max(NARROW, len(column) + 2), WIDEST), top)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, list(df.columns), header)
    if len(df.columns) and len(df):
        sheet.autofilter(0, 0, len(df), len(df.columns) - 1)
    for r, row in enumerate(zip(*(_cells(df[c], name) for c in df.columns)), 1):
        sheet.write_row(r, 0, row)


def _cells(column: pd.Series, table: str) -> list:
    """A column's values as a spreadsheet takes them: missing values empty, numbers as Python
    numbers, text cut to CELL_LIMIT characters with a note."""
    values = column.astype(object).where(column.notna(), None).tolist()
    if column.dtype == "string" or column.dtype == object:
        return [cut(v, table) if isinstance(v, str) else v for v in values]
    return [v.item() if hasattr(v, "item") else v for v in values]


def cut(text: str, table: str) -> str:
    """`text` as one spreadsheet cell: whole when it fits CELL_LIMIT, else cut with a note
    saying so and naming `table`'s Parquet file, which holds it whole."""
    if len(text) <= CELL_LIMIT:
        return text
    note = f" [… cut: {len(text):,} characters in all; the whole text is in {table}.parquet]"
    return text[: CELL_LIMIT - len(note)] + note

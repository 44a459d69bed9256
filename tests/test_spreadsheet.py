"""The spreadsheet of an output folder: a sheet per contract table, a codebook sheet of every column
written, readable headers, and text as it was said."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from medialens import codebook
from medialens.spreadsheet import CELL_LIMIT, cut, spreadsheet_current, write_spreadsheet
from medialens.tables import COLUMNS, frame


def test_every_column_of_every_contract_table_has_a_codebook_entry():
    assert {t: list(cs) for t, cs in codebook.COLUMNS.items()} == COLUMNS
    assert set(codebook.TABLES) == set(COLUMNS)
    assert all(meaning.strip() for cs in codebook.COLUMNS.values() for meaning in cs.values())


@pytest.fixture(scope="module")
def workbook(seed_tables, tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx")
    path = write_spreadsheet(out, dict(seed_tables.items()))
    return openpyxl.load_workbook(path), seed_tables


def _header(sheet) -> list[str]:
    return [c.value for c in next(sheet.iter_rows(max_row=1))]


def test_there_is_a_sheet_per_contract_table_then_the_codebook(workbook):
    book, _ = workbook
    assert book.sheetnames == ["articles", "entities", "quotes", "sources", "rejects", "codebook"]


def test_each_sheet_has_its_tables_rows_and_columns_but_not_the_article_text(workbook):
    book, tables = workbook
    for name, df in tables.items():
        sheet = book[name]
        assert _header(sheet) == [c for c in df.columns if c != "article_text"]
        assert sheet.max_row == len(df) + 1
    quotes = book["quotes"]
    first = dict(zip(_header(quotes), [c.value for c in next(quotes.iter_rows(min_row=2, max_row=2))]))
    assert first["text"] == tables.quotes["text"].iloc[0] and first["start"] == tables.quotes["start"].iloc[0]


def test_the_header_row_is_bold_and_frozen_and_quote_text_wraps(workbook):
    book, _ = workbook
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert all(c.font.bold for c in next(sheet.iter_rows(max_row=1)))
    quotes = book["quotes"]
    column = _header(quotes).index("text") + 1
    assert quotes.cell(row=2, column=column).alignment.wrap_text


def test_the_codebook_sheet_gives_the_meaning_of_every_column_written(workbook):
    book, tables = workbook
    rows = list(book["codebook"].iter_rows(values_only=True))
    assert rows[0] == ("table", "column", "meaning")
    written = [(t, c) for t, df in tables.items() for c in df.columns if c != "article_text"]
    assert [(t, c) for t, c, _ in rows[1:]] == written
    assert ("quotes", "kind", codebook.COLUMNS["quotes"]["kind"]) in rows


def test_a_table_written_without_gender_has_no_gender_in_its_sheet_or_the_codebook(seed_tables, tmp_path):
    tables = dict(seed_tables.items())
    tables["sources"] = tables["sources"].drop(columns=["gender"])
    tables["quotes"] = tables["quotes"].drop(columns=["speaker_gender"])
    book = openpyxl.load_workbook(write_spreadsheet(tmp_path, tables))
    cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(max_row=1 if sheet.title != "codebook" else None,
                                                                            values_only=True) for v in row]
    assert not [v for v in cells if "gender" in v]


def test_text_longer_than_a_cell_holds_is_cut_with_a_note_naming_the_parquet_file():
    text = "word " * 10_000
    kept = cut(text, "quotes")
    assert len(kept) == CELL_LIMIT
    assert kept.startswith("word word") and kept.endswith("[… cut: 50,000 characters in all; the whole text is in quotes.parquet]")
    assert cut("short", "quotes") == "short"


def test_a_quote_that_looks_like_a_formula_or_a_link_is_written_as_text(tmp_path):
    quotes = frame("quotes", [{"article_id": "a", "quote_id": "a-q001", "kind": "direct", "text": "=1+1",
                               "speaker": "https://example.org", "start": 0, "end": 4, "confidence": 0.5,
                               "in_headline": False}])
    book = openpyxl.load_workbook(write_spreadsheet(tmp_path, {"quotes": quotes}))
    row = dict(zip(_header(book["quotes"]), next(book["quotes"].iter_rows(min_row=2, values_only=True))))
    assert row["text"] == "=1+1" and book["quotes"]["D2"].data_type == "s"
    assert row["speaker"] == "https://example.org" and book["quotes"]["J2"].hyperlink is None
    assert row["in_headline"] is False and row["confidence"] == 0.5 and row["cue"] is None


def test_the_spreadsheet_replaces_the_previous_one_whole(seed_tables, tmp_path):
    (tmp_path / "medialens.xlsx").write_text("an old spreadsheet")
    write_spreadsheet(tmp_path, {"rejects": pd.DataFrame({"source_path": ["x.bin"], "reason": ["binary"]})})
    assert openpyxl.load_workbook(tmp_path / "medialens.xlsx").sheetnames == ["rejects", "codebook"]


def test_a_table_longer_than_a_sheet_makes_no_spreadsheet_and_says_so(seed_tables, tmp_path, monkeypatch, caplog):
    from medialens import spreadsheet
    from medialens.tables import write_tables

    write_tables(seed_tables, tmp_path)
    (tmp_path / "medialens.xlsx").write_bytes(b"an earlier run's")
    longest = max(COLUMNS, key=lambda name: len(getattr(seed_tables, name)))
    rows = len(getattr(seed_tables, longest))
    monkeypatch.setattr(spreadsheet, "ROW_LIMIT", rows - 1)
    with caplog.at_level("WARNING", logger="medialens"):
        assert write_spreadsheet(tmp_path) is None
    assert not (tmp_path / "medialens.xlsx").exists()
    assert f"the {longest} table has {rows:,} rows" in caplog.text
    monkeypatch.setattr(spreadsheet, "ROW_LIMIT", rows)
    assert write_spreadsheet(tmp_path) == tmp_path / "medialens.xlsx"


def test_a_spreadsheet_of_unchanged_tables_is_kept_and_of_changed_tables_written_again(seed_tables, tmp_path):
    from medialens.tables import write_tables

    write_tables(seed_tables, tmp_path)
    path = write_spreadsheet(tmp_path)
    assert spreadsheet_current(tmp_path)
    written = path.stat().st_mtime_ns, path.stat().st_ino
    assert write_spreadsheet(tmp_path) == path
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == written
    fewer = seed_tables.quotes.iloc[:1]
    fewer.to_parquet(tmp_path / "quotes.parquet", index=False)
    assert not spreadsheet_current(tmp_path)
    write_spreadsheet(tmp_path)
    assert openpyxl.load_workbook(path)["quotes"].max_row == 2 and spreadsheet_current(tmp_path)


def test_a_spreadsheet_saved_since_it_was_written_is_written_again(seed_tables, tmp_path):
    import os

    from medialens.tables import write_tables

    write_tables(seed_tables, tmp_path)
    path = write_spreadsheet(tmp_path)
    assert spreadsheet_current(tmp_path)
    later = path.stat().st_mtime_ns + 5_000_000_000
    os.utime(path, ns=(later, later))  # as a save from Excel leaves it: same properties, a new time
    assert not spreadsheet_current(tmp_path)
    write_spreadsheet(tmp_path)
    assert spreadsheet_current(tmp_path) and path.stat().st_mtime_ns != later


def test_a_spreadsheet_without_a_stamp_is_not_taken_as_current(seed_tables, tmp_path):
    from medialens.tables import write_tables

    write_tables(seed_tables, tmp_path)
    write_spreadsheet(tmp_path, dict(seed_tables.items()))  # tables given: no digest of files to stamp
    assert not spreadsheet_current(tmp_path)
    (tmp_path / "medialens.xlsx").write_bytes(b"not a workbook")
    assert not spreadsheet_current(tmp_path)

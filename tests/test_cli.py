"""The `medialens` command as a user runs it: extract's tables, report's failures."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from locations import SEEDS
from medialens import cli, report
from medialens.tables import COLUMNS

CONTRACT = {
    "articles": ["article_id", "headline", "dateline", "date", "outlet", "paragraphs", "words", "source_path"],
    "entities": ["article_id", "entity", "label", "mentions", "first_paragraph", "in_headline", "aliases"],
    "quotes": ["article_id", "quote_id", "kind", "text", "start", "end", "paragraph", "in_headline", "cue",
               "speaker", "speaker_canonical", "speaker_type", "speaker_role"],
    "sources": ["article_id", "speaker_canonical", "speaker_type", "speaker_role", "quotes", "direct", "indirect", "mixed", "words"],
    "rejects": ["source_path", "reason"],
}


def test_extract_writes_the_five_tables_as_csv_and_parquet_with_contract_columns(tmp_path, capsys):
    assert cli.main(["extract", str(SEEDS), "--out", str(tmp_path), "--workers", "1", "-q"]) == 0
    for name, columns in CONTRACT.items():
        csv = pd.read_csv(tmp_path / f"{name}.csv")
        parquet = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert list(csv.columns[: len(columns)]) == columns
        assert list(parquet.columns) == list(csv.columns) == COLUMNS[name]
        assert len(csv) == len(parquet)
    assert "1 articles" in capsys.readouterr().out


def test_extract_reports_a_missing_corpus_in_one_line(tmp_path, capsys):
    assert cli.main(["extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert "nowhere" in err and "\n" not in err


def _failing_notebook(folder):
    nb = {
        "cells": [
            {"cell_type": "code", "metadata": {"tags": ["parameters"]}, "source": 'corpus = "seeds"\nout = "x"',
             "outputs": [], "execution_count": None},
            {"cell_type": "code", "metadata": {}, "source": "raise RuntimeError('boom')", "outputs": [], "execution_count": None},
        ],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 4,
    }
    path = folder / "99_broken.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_report_exits_nonzero_naming_the_failing_notebook(tmp_path, monkeypatch, capsys):
    broken = _failing_notebook(tmp_path)
    monkeypatch.setattr(report, "notebooks", lambda: [broken])
    code = cli.main(["report", str(SEEDS), "--out", str(tmp_path / "out"), "-q"])
    assert code != 0
    assert "99_broken.ipynb" in capsys.readouterr().err


def test_report_refuses_a_parameter_no_notebook_declares(tmp_path, capsys):
    code = cli.main(["report", str(SEEDS), "--out", str(tmp_path), "-p", "top_nn", "5", "-q"])
    assert code != 0
    assert "top_nn" in capsys.readouterr().err


@pytest.mark.parametrize("value, expected", [("5", 5), ("0.5", 0.5), ("True", True), ("None", None), ("words", "words")])
def test_report_parameters_are_typed_as_papermill_types_them(value, expected):
    assert report.coerce(value) == expected

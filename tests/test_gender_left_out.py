"""`gender` False: tables written without the gender columns, and read by the notebooks as they are."""
from __future__ import annotations

import pyarrow.parquet as pq

from locations import SEEDS
from medialens.extract import extract
from medialens.notebook import open_corpus
from medialens.summaries import sources_across_articles
from medialens.tables import GENDER_COLUMNS


def test_tables_extracted_without_gender_have_no_gender_column_in_csv_parquet_or_memory(tmp_path, seed_tables):
    tables = extract(SEEDS, out=tmp_path, progress=False, workers=1, gender=False)
    for name, dropped in GENDER_COLUMNS.items():
        header = (tmp_path / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        expected = [c for c in getattr(seed_tables, name).columns if c not in dropped]
        assert header == expected and pq.read_schema(tmp_path / f"{name}.parquet").names == expected
        assert list(getattr(tables, name).columns) == expected
        assert len(getattr(tables, name)) == len(getattr(seed_tables, name))
    in_memory = extract(SEEDS, progress=False, workers=1, gender=False)
    assert "gender" not in in_memory.sources and "speaker_gender" not in in_memory.quotes


def test_a_notebook_reads_tables_without_gender_as_they_are_unless_it_shows_gender(tmp_path):
    extract(SEEDS, out=tmp_path, progress=False, workers=1, gender=False)
    tables, _, _ = open_corpus(str(SEEDS), str(tmp_path), progress=False)
    assert "gender" not in tables.sources
    tables, _, _ = open_corpus(str(SEEDS), str(tmp_path), progress=False, gender=True)
    assert "gender" in tables.sources and "gender" in pq.read_schema(tmp_path / "sources.parquet").names


def test_sources_across_articles_leaves_gender_out_when_the_sources_table_has_none(seed_tables):
    with_gender = sources_across_articles(seed_tables.sources)
    without = sources_across_articles(seed_tables.sources.drop(columns=["gender"]))
    assert list(without.columns) == [c for c in with_gender.columns if c != "gender"]
    assert without.equals(with_gender.drop(columns=["gender"]))

"""Extraction at scale: worker processes, chunked writing, streaming, interruptions."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from medialens import engines, writer
from medialens import extract as ex
from medialens.tables import csv_safe, read_tables

# Short wire stories in the seed's format: headline, dateline paragraph, quotes of several kinds.
WIRE = {
    "01_port_strike": """Dockworkers walk out at Rotterdam port over pay
ROTTERDAM: Thousands of dockworkers walked off the job on Monday, halting container traffic at Europe's busiest port.
"We have waited two years for an offer that matches the cost of living," union leader Niek Stam told reporters outside the main terminal.
The port authority said the stoppage would cost operators millions of euros a day.
Stam said the strike would continue until employers returned to the table.""",
    "02_drought": """Kenya declares drought a national disaster
NAIROBI: Kenya's president on Tuesday declared the drought in the north a national disaster.
"Our people and their livestock are dying," President William Ruto said in a televised address. "We cannot wait for the rains."
According to the Red Cross, more than two million people need food aid.
A government official who asked not to be named said aid convoys had been delayed by fuel shortages.""",
    "03_election": """Polls close in tight Portuguese election
LISBON: Polls closed on Sunday in an election that surveys showed was too close to call.
Prime Minister Luis Montenegro told supporters he was confident of a majority. "The country wants stability," he said.
Opposition leader Pedro Nuno Santos accused the government of "a decade of broken promises" in his final rally.
Analysts said turnout appeared higher than in the last vote.""",
    "04_vaccine": """Regulator approves new malaria vaccine
GENEVA: The World Health Organization approved a second malaria vaccine on Monday.
"This is a dream come true," WHO Director-General Tedros Adhanom Ghebreyesus told a news conference.
He said the vaccine could be rolled out in African countries next year.
Health workers said supply, not science, was now the main obstacle.""",
    "05_floods": """Floods force thousands from homes in Bavaria
MUNICH: Thousands of people left their homes in southern Germany as rivers burst their banks.
"The water came up faster than anyone expected," said Maria Huber, a baker in the town of Reichertshofen.
The state interior ministry said two people had died.
Residents said they had received little warning.""",
}


def write_corpus(folder, names=None):
    """Write the wire stories (or the named ones) as `.txt` files; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or WIRE:
        (folder / f"{name}.txt").write_text(WIRE[name], encoding="utf-8")
    return folder


def count_parses(monkeypatch) -> list[str]:
    """Record the id of every article parsed in this process."""
    parsed: list[str] = []
    real = ex.parse_articles

    def counting(articles, *args, **kwargs):
        parsed.extend(a.id for a in articles)
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(ex, "parse_articles", counting)
    return parsed


def assert_same_tables(a, b):
    for (name, left), (_, right) in zip(a.items(), b.items()):
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), obj=name)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("wire"))
    (folder / "03b_scan.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)  # a reject between articles
    return folder


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    """The corpus extracted in this process, without cache."""
    return ex.extract(corpus, out=tmp_path_factory.mktemp("single"), cache=False, workers=1, progress=False)


def test_two_worker_processes_give_the_same_tables_in_the_same_order(corpus, single, tmp_path, monkeypatch):
    import concurrent.futures

    pools = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(engines, "WORKER_CHUNKS", 1)  # replace the workers after each chunk each
    pooled = ex.extract(corpus, out=tmp_path, cache=False, workers=2, progress=False, chunk_size=2)
    assert_same_tables(single, pooled)
    assert len(pools) == 2  # three chunks: two on the first pair of workers, one on the next
    assert list(pooled.articles["article_id"]) == ["01_port_strike", "02_drought", "03_election", "04_vaccine", "05_floods"]
    assert len(pooled.rejects) == 1 and "03b_scan" in pooled.rejects["reason"][0]
    assert len(pooled.quotes) >= 8


def test_tables_written_in_chunks_equal_the_tables_collected_in_memory(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "WRITE_EVERY", 2)
    summary = ex.extract_to(corpus, tmp_path, cache=False, workers=1, progress=False)
    in_memory = ex.extract(corpus, cache=False, workers=1, progress=False)
    assert pq.ParquetFile(tmp_path / "quotes.parquet").num_row_groups > 1
    assert_same_tables(read_tables(tmp_path), in_memory)
    for name, df in in_memory.items():
        assert (tmp_path / f"{name}.csv").read_text(encoding="utf-8") == csv_safe(df).to_csv(index=False)
        assert summary.counts[name] == len(df)


def test_articles_are_pulled_from_the_reader_only_as_chunks_are_needed(corpus):
    pulled = []

    def reader():
        for item in ex.read_corpus(corpus):
            pulled.append(item)
            yield item

    rows = ex.extract_rows(reader(), cache=None, workers=1, progress=False, chunk_size=2)
    first = next(rows)
    assert first["articles"][0]["article_id"] == "01_port_strike"
    assert len(pulled) <= 3  # one chunk of two articles, and the item that closed it
    rows.close()


def test_interrupted_run_keeps_the_previous_tables_and_leaves_no_temporary_files(corpus, single, tmp_path, monkeypatch):
    ex.extract_to(corpus, tmp_path, cache=False, workers=1, progress=False)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real, calls = ex.extract_article, []

    def crash_on_third(article, doc):
        calls.append(article.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(article, doc)

    monkeypatch.setattr(ex, "extract_article", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        ex.extract_to(corpus, tmp_path, cache=False, workers=1, progress=False, chunk_size=2)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_rerun_after_interruption_parses_only_the_unfinished_articles(corpus, single, tmp_path, monkeypatch):
    real = ex.extract_article

    def crash_on_election(article, doc):
        if article.id == "03_election":
            raise KeyboardInterrupt
        return real(article, doc)

    monkeypatch.setattr(ex, "extract_article", crash_on_election)
    with pytest.raises(KeyboardInterrupt):
        ex.extract(corpus, out=tmp_path, workers=1, progress=False, chunk_size=2)
    monkeypatch.setattr(ex, "extract_article", real)
    parsed = count_parses(monkeypatch)
    resumed = ex.extract(corpus, out=tmp_path, workers=1, progress=False, chunk_size=2)
    assert parsed == ["03_election", "04_vaccine", "05_floods"]
    assert_same_tables(single, resumed)


def test_a_corpus_that_names_nothing_fails_before_the_output_folder_is_made(tmp_path):
    with pytest.raises(FileNotFoundError):
        ex.extract_to(tmp_path / "nowhere", tmp_path / "out", cache=False, workers=1, progress=False)
    assert not (tmp_path / "out").exists()


def test_progress_bar_has_the_corpus_size_as_total_an_eta_and_the_articles_done(corpus, monkeypatch):
    shown = []
    real = ex.tqdm

    def on_a_terminal(*args, **kwargs):
        # tqdm hides itself when stderr is not a terminal (as under pytest): draw into a buffer
        buffer = io.StringIO()
        shown.append((kwargs, buffer))
        return real(*args, **{**kwargs, "disable": bool(kwargs["disable"]), "file": buffer})

    monkeypatch.setattr(ex, "tqdm", on_a_terminal)
    ex.extract(corpus, cache=True, workers=1, progress=True)
    ex.extract(corpus, cache=True, workers=1, progress=False)
    (bar, drawn), (quiet, silent) = shown
    assert bar["disable"] is None  # shown on terminals and in notebooks, not in logs
    assert bar["total"] == sum(f.stat().st_size for f in corpus.iterdir())
    last = drawn.getvalue().split("\r")[-1]
    assert "100%" in last and "<00:00" in last  # the whole corpus read, with the time left
    assert "5 articles" in last  # five articles; the reject is not one
    assert quiet["disable"] is True and silent.getvalue() == ""


@pytest.mark.parametrize("progress", [False, True])
def test_a_run_lists_each_folder_of_the_corpus_once(tmp_path, monkeypatch, progress):
    corpus = write_corpus(tmp_path / "corpus", ["01_port_strike"])
    write_corpus(corpus / "more", ["02_drought"])
    listed = []
    real = os.scandir

    def scandir(path="."):
        if isinstance(path, (str, os.PathLike)):  # shutil also lists folders by descriptor
            listed.append(Path(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = ex.extract_to(corpus, tmp_path / "out", cache=False, workers=1, progress=progress)
    assert summary.counts["articles"] == 2
    assert sorted(p for p in listed if p.is_relative_to(corpus)) == [corpus, corpus / "more"]
    listed.clear()
    assert len(ex.extract(corpus, cache=False, workers=1, progress=progress).articles) == 2
    assert sorted(p for p in listed if p.is_relative_to(corpus)) == [corpus, corpus / "more"]


def test_unknown_engine_is_refused_with_the_choices(corpus, tmp_path):
    with pytest.raises(ValueError, match="local, dask"):
        ex.extract(corpus, out=tmp_path, engine="spark", progress=False)


def test_an_article_whose_analysis_fails_is_rejected_and_the_rest_go_on(tmp_path, monkeypatch):
    from medialens import extract as extract_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Mayor resigns\n\nThe mayor said she would resign on Friday.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("Council meets\n\nThe council said it would meet again.\n", encoding="utf-8")
    real = extract_module.extract_article

    def fragile(article, doc):
        if article.id == "a":
            raise RuntimeError("parser confused")
        return real(article, doc)

    monkeypatch.setattr(extract_module, "extract_article", fragile)
    tables = extract_module.extract(corpus, out=tmp_path / "out", cache=False, workers=1, progress=False)
    assert list(tables.articles["article_id"]) == ["b"]
    assert len(tables.rejects) == 1
    assert "a.txt" in tables.rejects.loc[0, "reason"] and "parser confused" in tables.rejects.loc[0, "reason"]


def test_entity_names_made_consistent_a_few_rows_at_a_time_equal_the_whole_table(corpus, tmp_path, monkeypatch):
    # batches of two rows: every article's entities span several batches of the written file
    monkeypatch.setattr(writer, "WRITE_EVERY", 2)
    monkeypatch.setattr(writer, "ENTITY_BATCH_ROWS", 2)
    ex.extract_to(corpus, tmp_path, cache=False, workers=1, progress=False)
    in_memory = ex.extract(corpus, cache=False, workers=1, progress=False)
    written = pd.read_parquet(tmp_path / "entities.parquet")
    pd.testing.assert_frame_equal(written, in_memory.entities)
    assert (tmp_path / "entities.csv").read_text(encoding="utf-8") == csv_safe(in_memory.entities).to_csv(index=False)


def test_entity_names_are_made_consistent_across_the_corpus(tmp_path):
    from medialens.extract import extract

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        "Vote delayed\n\nSenator Elizabeth Warren said the vote would be delayed.\n", encoding="utf-8")
    (corpus / "two.txt").write_text(
        "Warren speaks\n\nWarren told reporters in Boston that the bill was flawed.\n", encoding="utf-8")
    tables = extract(corpus, out=tmp_path / "out", cache=False, workers=1, progress=False)
    people = tables.entities[tables.entities["label"] == "PERSON"]
    assert set(people["entity"]) == {"Elizabeth Warren"}
    assert set(people["article_id"]) == {"one", "two"}

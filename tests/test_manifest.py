"""The manifest beside the tables: a notebook reads the tables a run wrote while they are current
for its corpus, code and model, and extracts again only when they are not."""
from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from locations import SEEDS
from medialens import extract as extraction  # what a notebook calls when it must extract
from medialens import manifest, notebook
from medialens.article import Skip
from medialens.cache import code_version
from medialens.extract import extract_to
from medialens.io.corpus import iter_files
from medialens.manifest import MANIFEST, corpus_digest, current_tables, read_manifest
from medialens.output import STAGING_PREFIX
from medialens.pipeline import model_id
from medialens.tables import COLUMNS

HOUR_NS = 3600 * 10**9


def settled(path):
    """Date every file under `path` an hour back, as a corpus that is not being written is."""
    past = time.time_ns() - HOUR_NS
    for f in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(f, ns=(past, past))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "001.txt")
    settled(folder)
    return folder


def extracted(corpus, out):
    return extract_to(corpus, out, cache=False, workers=1, progress=False)


@pytest.fixture
def no_extraction(monkeypatch):
    """Fail the test if a notebook extracts."""
    def refuse(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr(extraction, "extract", refuse)


def test_a_run_writes_its_manifest_with_the_tables(corpus, tmp_path):
    out = tmp_path / "out"
    summary = extracted(corpus, out)
    written = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert written == {
        "format": manifest.FORMAT,
        "corpus": [str(corpus)],
        "digest": corpus_digest(corpus, out),
        "code_version": code_version(),
        "model": model_id(),
        "counts": summary.counts,
        "skipped": {},
    }
    assert written["digest"] is not None
    assert set(written["counts"]) == set(COLUMNS)
    assert written["counts"]["articles"] == 1 and written["counts"]["quotes"] > 10
    assert not list(out.glob(f"{STAGING_PREFIX}*"))


def test_a_notebook_reads_current_tables_without_extracting(corpus, tmp_path, no_extraction):
    out = tmp_path / "out"
    extracted(corpus, out)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    tables, out_dir, name = notebook.open_corpus(str(corpus), str(out))
    assert (out_dir, name) == (out, "corpus")
    assert len(tables.articles) == 1 and len(tables.quotes) > 10
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name in before} == before


@pytest.mark.parametrize("change", ["edited", "added", "removed"])
def test_a_changed_corpus_is_extracted_again(corpus, tmp_path, change):
    out = tmp_path / "out"
    extracted(corpus, out)
    if change == "edited":
        with open(corpus / "001.txt", "a", encoding="utf-8") as f:
            f.write("\n\n“We will be back,” the minister said.\n")
    elif change == "added":
        shutil.copy(corpus / "001.txt", corpus / "002.txt")
    else:
        shutil.copy(corpus / "001.txt", corpus / "002.txt")
        settled(corpus)
        extracted(corpus, out)
        (corpus / "002.txt").unlink()
    settled(corpus)
    assert current_tables(corpus, out) is None
    tables, _, _ = notebook.open_corpus(str(corpus), str(out))
    assert list(tables.articles["article_id"]) == (["001", "002"] if change == "added" else ["001"])
    assert current_tables(corpus, out) is not None  # the run wrote a manifest for the corpus as it is now


def test_tables_of_another_corpus_code_or_model_are_not_current(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    extracted(corpus, out)
    assert current_tables(corpus, out) is not None
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    settled(other)
    assert current_tables(other, out) is None
    monkeypatch.setattr(manifest, "code_version", lambda: "0.0.0+edited")
    assert current_tables(corpus, out) is None
    monkeypatch.undo()
    monkeypatch.setattr(manifest, "model_id", lambda: "en_other-1.0")
    assert current_tables(corpus, out) is None


def test_a_file_modified_just_before_the_run_leaves_the_tables_not_current(corpus, tmp_path):
    out = tmp_path / "out"
    os.utime(corpus / "001.txt")  # now: a change within the clock's tick would go unseen
    extracted(corpus, out)
    assert read_manifest(out)["digest"] is None
    assert current_tables(corpus, out) is None


@pytest.mark.parametrize("damage", ["deleted", "replaced", "no manifest", "unreadable manifest"])
def test_damaged_or_missing_tables_are_extracted_again(corpus, tmp_path, damage):
    out = tmp_path / "out"
    extracted(corpus, out)
    if damage == "deleted":
        (out / "quotes.parquet").unlink()
    elif damage == "replaced":
        other = tmp_path / "other"
        shutil.copytree(corpus, other)
        shutil.copy(other / "001.txt", other / "002.txt")
        extracted(other, tmp_path / "out2")
        shutil.copy(tmp_path / "out2" / "articles.parquet", out / "articles.parquet")
    elif damage == "no manifest":
        (out / MANIFEST).unlink()
    else:
        (out / MANIFEST).write_text("{not json", encoding="utf-8")
    assert current_tables(corpus, out) is None
    tables, _, _ = notebook.open_corpus(str(corpus), str(out))
    assert len(tables.articles) == 1
    assert current_tables(corpus, out) is not None


def test_the_manifest_is_never_read_as_an_article(corpus, tmp_path):
    out = corpus / "out"
    for _ in range(2):
        summary = extracted(corpus, out)
    assert summary.counts["articles"] == 1 and summary.counts["rejects"] == 0
    assert (out / MANIFEST).is_file()
    # nor from a copy of the folder that is a corpus of its own: hidden files are never listed
    copy = tmp_path / "copied"
    shutil.copytree(out, copy)
    listed = [p for p in iter_files(copy) if not isinstance(p, Skip)]
    assert (copy / "quotes.csv") in listed and (copy / MANIFEST) not in listed


def test_a_report_extracts_once(corpus, tmp_path, monkeypatch):
    """The notebooks of a batch report read the tables the report wrote."""
    from medialens import report

    calls = []
    real = report.extract

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "extract", counted)

    def run_notebooks(corpus, out, *rest):
        notebook.open_corpus(str(corpus), str(out))
        return []

    monkeypatch.setattr(report, "_run_notebooks", run_notebooks)
    monkeypatch.setattr(report, "write_report_html", lambda *a, **k: None)
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: pytest.fail("a notebook extracted again"))
    report.run_report(corpus, tmp_path / "out", progress=False, parse_workers=1)
    assert len(calls) == 1

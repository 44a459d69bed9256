"""The extraction cache: parse once, re-parse only what changed, never trust a damaged entry."""
from __future__ import annotations

import sqlite3
from pathlib import Path
import zlib

import pytest
from test_extract import WIRE, assert_same_tables, count_parses, write_corpus

from medialens import extract as ex
from medialens.cache import CACHE_FILE, Cache, cache_dir, entry_key


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "wire", ["01_port_strike", "02_drought", "03_election"])


def test_second_run_on_an_unchanged_corpus_parses_nothing(corpus, tmp_path, monkeypatch):
    parsed = count_parses(monkeypatch)
    first = ex.extract(corpus, out=tmp_path / "a", workers=1, progress=False)
    assert sorted(parsed) == ["01_port_strike", "02_drought", "03_election"]
    parsed.clear()
    second = ex.extract(corpus, out=tmp_path / "b", workers=1, progress=False)
    assert parsed == []
    assert_same_tables(first, second)


def test_editing_one_article_reparses_that_article_alone(corpus, tmp_path, monkeypatch):
    ex.extract(corpus, workers=1, progress=False)
    story = corpus / "02_drought.txt"
    story.write_text(story.read_text(encoding="utf-8").replace("two million", "three million"), encoding="utf-8")
    parsed = count_parses(monkeypatch)
    tables = ex.extract(corpus, workers=1, progress=False)
    assert parsed == ["02_drought"]
    assert tables.quotes["text"].str.contains("three million").any()


def test_moved_corpus_is_served_from_the_cache_with_its_new_paths(corpus, tmp_path, monkeypatch):
    ex.extract(corpus, workers=1, progress=False)
    moved = corpus.rename(tmp_path / "moved")
    parsed = count_parses(monkeypatch)
    tables = ex.extract(moved, workers=1, progress=False)
    assert parsed == []
    assert all(path.startswith(str(moved)) for path in tables.articles["source_path"])


def _entries(folder=None) -> sqlite3.Connection:
    return sqlite3.connect(cache_dir(folder) / CACHE_FILE)


@pytest.mark.parametrize("damage", ["altered rows", "garbled bytes", "wrong shape"])
def test_a_damaged_cache_entry_is_rebuilt_not_trusted(corpus, tmp_path, monkeypatch, damage):
    clean = ex.extract(corpus, workers=1, progress=False)
    db = _entries()
    keys = [k for (k,) in db.execute("SELECT key FROM results")]
    victim = keys[0]
    if damage == "altered rows":  # a well-formed entry whose rows no longer match its digest
        payload = zlib.decompress(db.execute("SELECT value FROM results WHERE key = ?", (victim,)).fetchone()[0])
        forged = payload.replace(b'"kind":"direct"', b'"kind":"indirect"').replace(b'"label":"PERSON"', b'"label":"ORG"')
        assert forged != payload
        db.execute("UPDATE results SET value = ? WHERE key = ?", (zlib.compress(forged), victim))
    elif damage == "garbled bytes":
        db.execute("UPDATE results SET value = ? WHERE key = ?", (b"\x00not zlib at all", victim))
    else:  # valid JSON with its own digest, but not extraction rows
        cache = Cache()
        cache.put(victim, {"articles": "oops"})
        cache.close()
    db.commit()
    db.close()
    parsed = count_parses(monkeypatch)
    rebuilt = ex.extract(corpus, workers=1, progress=False)
    assert len(parsed) == 1
    assert_same_tables(clean, rebuilt)
    parsed.clear()
    ex.extract(corpus, workers=1, progress=False)
    assert parsed == []  # the rebuilt entry is trusted again


def test_a_cache_file_that_is_not_a_database_is_set_aside_and_started_anew(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / CACHE_FILE).write_bytes(b"this is not sqlite" * 100)
    parsed = count_parses(monkeypatch)
    ex.extract(corpus, cache=folder, workers=1, progress=False)
    assert len(parsed) == 3
    assert any(p.name.startswith(f"{CACHE_FILE}.corrupt-") for p in folder.iterdir())
    parsed.clear()
    ex.extract(corpus, cache=folder, workers=1, progress=False)
    assert parsed == []


def test_no_cache_parses_every_time_and_writes_no_cache(corpus, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MEDIALENS_CACHE", str(folder))
    parsed = count_parses(monkeypatch)
    ex.extract(corpus, cache=False, workers=1, progress=False)
    ex.extract(corpus, cache=False, workers=1, progress=False)
    assert len(parsed) == 6
    assert not folder.exists()


def test_cache_folder_comes_from_the_argument_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path / "env"))
    assert cache_dir() == tmp_path / "env"
    assert cache_dir(tmp_path / "arg") == tmp_path / "arg"
    ex.extract(write_corpus(tmp_path / "wire", ["04_vaccine"]), cache=tmp_path / "arg", workers=1, progress=False)
    assert len(Cache(tmp_path / "arg")) == 1 and len(Cache(tmp_path / "env")) == 0


def test_cache_key_changes_with_the_model_and_the_content():
    assert entry_key("abc", "en_core_web_sm-3.8.0") != entry_key("abc", "en_core_web_sm-3.7.1")
    assert entry_key("abc", "en_core_web_sm-3.8.0") != entry_key("abd", "en_core_web_sm-3.8.0")
    assert entry_key("abc", "en_core_web_sm-3.8.0") == entry_key("abc", "en_core_web_sm-3.8.0")


def test_cli_cache_options_move_or_bypass_the_cache(tmp_path):
    from medialens import cli

    corpus = write_corpus(tmp_path / "wire", ["05_floods"])
    assert cli.main(["extract", str(corpus), "--out", str(tmp_path / "o1"), "--workers", "1", "-q",
                     "--cache", str(tmp_path / "c")]) == 0
    assert len(Cache(tmp_path / "c")) == 1
    assert cli.main(["extract", str(corpus), "--out", str(tmp_path / "o2"), "--workers", "1", "-q",
                     "--no-cache", "--cache", str(tmp_path / "d")]) == 0
    assert not (tmp_path / "d").exists()
    assert WIRE["05_floods"].splitlines()[0] in (tmp_path / "o2" / "articles.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("edited", ["quotes/rules.py", "lexicon/frames.tsv", "medialens_top.py"])
def test_cache_key_changes_when_any_rule_file_or_word_list_changes(tmp_path, monkeypatch, edited):
    """Rules in subpackages and word lists kept as data files are part of the key, so editing
    one never serves rows extracted by the old rules."""
    import shutil

    from medialens import cache

    package = tmp_path / "medialens"
    shutil.copytree(Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / edited).parent.mkdir(parents=True, exist_ok=True)
    (package / edited).write_text("first version\n", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(package / "cache.py"))
    cache.code_version.cache_clear()
    try:
        before = cache.code_version()
        (package / edited).write_text("second version\n", encoding="utf-8")
        cache.code_version.cache_clear()
        after = cache.code_version()
        (package / "notebooks").mkdir(exist_ok=True)
        (package / "notebooks" / "00_overview.ipynb").write_text("{}", encoding="utf-8")  # not a rule
        cache.code_version.cache_clear()
        assert cache.code_version() == after
    finally:
        cache.code_version.cache_clear()
    assert before != after

"""A run that fails, is killed or meets a bad output folder or cache never loses the previous
tables, never mixes two runs, and says what happened in one line."""
from __future__ import annotations

import errno
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from medialens import extract as ex
from medialens import writer
from medialens.cache import CACHE_FILE, Cache
from medialens.cli import main
from medialens.manifest import MANIFEST
from medialens.output import LOCK_FILE, STAGING_PREFIX
from processes import alive
from test_extract import WIRE, write_corpus

TABLE_FILES = sorted(f"{name}.{suffix}" for name in ex.TABLES for suffix in ("csv", "parquet"))


def snapshot(out: Path) -> dict[str, bytes]:
    """Every table file of an output folder, by name."""
    return {name: (out / name).read_bytes() for name in TABLE_FILES if (out / name).exists()}


def leftovers(out: Path) -> list[str]:
    """Temporary files and staging folders a run left behind."""
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in (LOCK_FILE, MANIFEST))


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Two corpora: `old` makes the previous tables, `new` is the run that goes wrong."""
    root = tmp_path_factory.mktemp("corpora")
    return write_corpus(root / "old", ["01_port_strike"]), write_corpus(root / "new", list(WIRE)[1:])


@pytest.fixture(scope="module")
def reference(corpora, tmp_path_factory):
    """The tables of an uninterrupted run over the new corpus."""
    out = tmp_path_factory.mktemp("reference")
    ex.extract_to(corpora[1], out, cache=False, workers=1, progress=False)
    return snapshot(out)


@pytest.fixture
def previous(corpora, tmp_path):
    """An output folder holding the old corpus's tables; returns (folder, their bytes)."""
    out = tmp_path / "out"
    ex.extract_to(corpora[0], out, cache=False, workers=1, progress=False)
    return out, snapshot(out)


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _break_reading(monkeypatch):
    real = ex.read_corpus

    def reader(*args, **kwargs):
        for n, item in enumerate(real(*args, **kwargs)):
            if n == 2:
                raise RuntimeError("the share went away")
            yield item

    monkeypatch.setattr(ex, "read_corpus", reader)


def _break_extraction(monkeypatch):
    real, calls = ex.extract_article, []

    def extract_article(article, doc):
        calls.append(article.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(article, doc)

    monkeypatch.setattr(ex, "extract_article", extract_article)


def _break_writing(monkeypatch):
    real, calls = ex.TableWriter.write, []

    def write(self, name, df):
        calls.append(name)
        if len(calls) == 3:
            _full_disk()
        return real(self, name, df)

    monkeypatch.setattr(ex.TableWriter, "write", write)


def _break_entity_pass(monkeypatch):
    monkeypatch.setattr(writer, "apply_corpus_names", _full_disk)


def _break_cache_commit(monkeypatch):
    monkeypatch.setattr(ex.Cache, "commit", lambda self: (_ for _ in ()).throw(KeyboardInterrupt()))


STAGES = {
    "reading": _break_reading,
    "extraction": _break_extraction,
    "writing on a full disk": _break_writing,
    "entity pass on a full disk": _break_entity_pass,
    "cache commit": _break_cache_commit,
}


@pytest.mark.parametrize("stage", STAGES)
def test_a_run_that_fails_in_any_stage_keeps_the_previous_tables_and_a_rerun_completes(
    stage, corpora, reference, previous, tmp_path, monkeypatch
):
    out, before = previous
    with monkeypatch.context() as patched:
        STAGES[stage](patched)
        with pytest.raises((OSError, RuntimeError, KeyboardInterrupt)):
            ex.extract_to(corpora[1], out, cache=tmp_path / "cache", workers=1, progress=False, chunk_size=2)
    assert snapshot(out) == before
    assert leftovers(out) == []
    ex.extract_to(corpora[1], out, cache=tmp_path / "cache", workers=1, progress=False, chunk_size=2)
    assert snapshot(out) == reference


def test_a_full_disk_during_the_run_is_one_line_and_exit_1(corpora, previous, monkeypatch, capsys):
    out, before = previous
    _break_entity_pass(monkeypatch)
    assert main(["extract", str(corpora[1]), "--out", str(out), "--no-cache", "-q", "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "no space left on device" in err and "previous tables are unchanged" in err
    assert snapshot(out) == before


def test_an_empty_corpus_folder_exits_2_and_keeps_the_previous_tables(previous, tmp_path, capsys):
    out, before = previous
    (tmp_path / "empty").mkdir()
    assert main(["extract", str(tmp_path / "empty"), "--out", str(out), "-q"]) == 2
    assert "no article file" in capsys.readouterr().err
    assert snapshot(out) == before


def test_a_folder_of_other_documents_exits_2_naming_what_was_skipped(previous, tmp_path, capsys):
    out, before = previous
    notes = tmp_path / "notes"
    notes.mkdir()
    for name in ("a.md", "b.md"):
        (notes / name).write_text("Minutes\n\nThe meeting said nothing.\n", encoding="utf-8")
    assert main(["extract", str(notes), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "2 skipped: .md" in err
    assert snapshot(out) == before


def test_skipped_files_are_counted_per_reason_in_the_summary(corpora, tmp_path, capsys):
    folder = write_corpus(tmp_path / "mixed", ["01_port_strike"])
    (folder / "readme.md").write_text("Notes\n\nNothing here.\n", encoding="utf-8")
    assert main(["extract", str(folder), "--out", str(tmp_path / "out"), "--no-cache", "-q", "--workers", "1"]) == 0
    assert "1 skipped: .md" in capsys.readouterr().out


def test_an_output_folder_inside_the_corpus_is_never_read_back(tmp_path):
    corpus = write_corpus(tmp_path / "data", ["01_port_strike", "02_drought"])
    for _ in range(2):
        summary = ex.extract_to(corpus, corpus / "out", cache=False, workers=1, progress=False)
    assert summary.counts["articles"] == 2 and summary.counts["rejects"] == 0
    assert summary.skipped == {"inside the output folder": len(TABLE_FILES)}


def test_a_second_run_on_a_locked_output_folder_waits_for_the_first_naming_the_lock(corpora, reference, previous, capsys):
    fcntl = pytest.importorskip("fcntl")
    out, before = previous
    held = open(out / LOCK_FILE, "a+b")  # as the run writing the folder holds it
    fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    seen_while_held = []

    def finish_first_run():
        seen_while_held.append(snapshot(out))
        held.close()

    timer = threading.Timer(3, finish_first_run)
    timer.start()
    started = time.monotonic()
    assert main(["extract", str(corpora[1]), "--out", str(out), "--no-cache", "-q", "--workers", "1"]) == 0
    timer.join()
    assert time.monotonic() - started >= 3
    assert seen_while_held == [before]  # nothing was written while the other run held the folder
    err = capsys.readouterr().err
    assert str(out / LOCK_FILE) in err and "waiting" in err
    assert snapshot(out) == reference


@pytest.mark.parametrize("make_bad", ["file", "parent is a file"])
def test_an_output_path_that_cannot_be_a_folder_is_one_line_and_exit_1(corpora, tmp_path, capsys, make_bad):
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "taken" if make_bad == "file" else tmp_path / "taken" / "out"
    assert main(["extract", str(corpora[0]), "--out", str(out), "--no-cache", "-q"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(out) in err and "Traceback" not in err


def test_a_read_only_output_folder_is_one_line_and_exit_1(corpora, previous, monkeypatch, capsys):
    out, before = previous

    def read_only(*args, **kwargs):  # as on a read-only mount, where even root cannot write
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("medialens.output.tempfile.mkdtemp", read_only)
    assert main(["extract", str(corpora[1]), "--out", str(out), "--no-cache", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the tables to {out}: read-only file system" in err
    assert snapshot(out) == before


def test_a_cache_with_damaged_pages_is_set_aside_and_the_run_goes_on(corpora, reference, tmp_path, caplog):
    cache = tmp_path / "cache"
    ex.extract_to(corpora[1], tmp_path / "first", cache=cache, workers=1, progress=False)
    with open(cache / CACHE_FILE, "r+b") as f:  # a torn write: the header survives, pages do not
        f.seek(4096)
        f.write(b"\xff" * 8192)
    for run in ("second", "third"):
        ex.extract_to(corpora[1], tmp_path / run, cache=cache, workers=1, progress=False)
        assert snapshot(tmp_path / run) == reference
    assert any(p.name.startswith(f"{CACHE_FILE}.corrupt-") for p in cache.iterdir())
    assert "damaged" in caplog.text


def test_a_forged_cache_entry_with_the_wrong_types_is_reparsed(corpora, reference, tmp_path):
    cache = tmp_path / "cache"
    ex.extract_to(corpora[1], tmp_path / "first", cache=cache, workers=1, progress=False)
    store = Cache(cache)
    keys = [k for (k,) in store._db.execute("SELECT key FROM results")]
    entry = store.get(keys[0])
    entry["entities"] = [{**row, "mentions": "x"} for row in entry["entities"]] or [{"mentions": "x"}]
    store.put(keys[0], entry)
    store.close()
    ex.extract_to(corpora[1], tmp_path / "second", cache=cache, workers=1, progress=False)
    assert snapshot(tmp_path / "second") == reference


class _FullDisk:
    """A connection to a cache on a full disk: reads work, every write fails as SQLite does."""

    def __init__(self, db):
        self._db = db

    def execute(self, sql, *args):
        if sql.startswith("INSERT"):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # SQLITE_FULL
            raise error
        return self._db.execute(sql, *args)

    def commit(self):
        self._db.commit()

    def close(self):
        self._db.close()


def test_a_full_disk_for_the_cache_warns_once_and_the_run_goes_on(corpora, reference, tmp_path, monkeypatch, caplog):
    real = Cache._open
    monkeypatch.setattr(Cache, "_open", lambda self: _FullDisk(real(self)))
    ex.extract_to(corpora[1], tmp_path / "out", cache=tmp_path / "cache", workers=1, progress=False, chunk_size=1)
    assert snapshot(tmp_path / "out") == reference
    warnings = [r for r in caplog.records if "cannot be written" in r.getMessage()]
    assert len(warnings) == 1


def test_a_cache_path_that_is_a_file_warns_and_the_run_goes_on(corpora, reference, tmp_path, caplog):
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    ex.extract_to(corpora[1], tmp_path / "out", cache=tmp_path / "cache", workers=1, progress=False)
    assert snapshot(tmp_path / "out") == reference
    assert "going on without" in caplog.text


# ---------------------------------------------------------------- killed runs

# Runs the command line, killing its own process with SIGNAL at the COUNT-th call of STAGE.
KILLER = textwrap.dedent("""
    import os, signal, sys
    import medialens.extract as ex, medialens.output as output, medialens.writer as writer
    stage, count, sig = sys.argv[1], int(sys.argv[2]), getattr(signal, sys.argv[3])
    module, name = {"extraction": (ex, "extract_article"), "entity pass": (writer, "apply_corpus_names"),
                    "moving the tables": (os, "replace")}[stage]
    real, calls, publishing = getattr(module, name), [], []
    def hooked(*args, **kwargs):
        if stage != "moving the tables" or publishing:
            calls.append(1)
            if len(calls) == count:
                os.kill(os.getpid(), sig)
        return real(*args, **kwargs)
    setattr(module, name, hooked)
    real_publish = output.publish
    def publish(*args):
        publishing.append(1)
        return real_publish(*args)
    ex.publish = publish
    from medialens.cli import main
    if __name__ == "__main__":  # worker processes import this module again
        sys.exit(main(sys.argv[4:]))
""")


def _killed_run(stage: str, count: int, sig: str, corpus: Path, out: Path, cache: Path, workers: int = 1) -> int:
    script = out.parent / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    args = ["extract", str(corpus), "--out", str(out), "--cache", str(cache), "-q", "--workers", str(workers)]
    return subprocess.run([sys.executable, str(script), stage, str(count), sig, *args], capture_output=True, timeout=300).returncode


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("stage, count", [("extraction", 2), ("entity pass", 1)])
def test_a_killed_run_keeps_the_previous_tables_and_a_rerun_gives_the_same_tables(
    stage, count, sig, corpora, reference, previous, tmp_path
):
    out, before = previous
    code = _killed_run(stage, count, sig, corpora[1], out, tmp_path / "cache")
    assert code == (-9 if sig == "SIGKILL" else 128 + signal.SIGTERM)
    assert snapshot(out) == before
    if sig == "SIGTERM":
        assert leftovers(out) == []  # cleaned up as Ctrl-C cleans up
    assert main(["extract", str(corpora[1]), "--out", str(out), "--cache", str(tmp_path / "cache"), "-q", "--workers", "1"]) == 0
    assert snapshot(out) == reference
    assert leftovers(out) == []


def test_a_run_killed_while_moving_its_tables_into_place_is_finished_by_the_next_run(corpora, reference, previous, tmp_path):
    out, _ = previous
    assert _killed_run("moving the tables", 4, "SIGKILL", corpora[1], out, tmp_path / "cache") == -9
    assert any(name.startswith(STAGING_PREFIX) for name in leftovers(out))
    from medialens.output import staged_output

    with staged_output(out):  # what any next run over the folder does first
        pass
    assert snapshot(out) == reference
    assert leftovers(out) == []


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signal_while_the_tables_move_waits_until_all_of_them_are_in_place(sig, corpora, reference, previous, tmp_path):
    out, _ = previous
    code = _killed_run("moving the tables", 4, sig, corpora[1], out, tmp_path / "cache")
    assert code == (128 + signal.SIGTERM if sig == "SIGTERM" else 130)
    assert snapshot(out) == reference  # never a mix of the old and the new tables
    assert leftovers(out) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_run_leaves_no_worker_process_behind(sig, corpora, previous, tmp_path):
    out, before = previous
    script = tmp_path / "run.py"
    script.write_text("import sys\nfrom medialens.cli import main\nif __name__ == '__main__':\n    sys.exit(main(sys.argv[1:]))\n",
                      encoding="utf-8")
    many = write_corpus(tmp_path / "many")
    for n in range(300):  # enough chunks that both workers are busy when the signal comes
        (many / f"copy_{n:03d}.txt").write_text(WIRE["02_drought"] + f"\nThe count reached {n}.", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), "extract", str(many), "--out", str(out), "--no-cache", "-q", "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline and len(_workers(proc.pid)) < 2 and proc.poll() is None:
        time.sleep(0.2)
    time.sleep(2)
    workers = _workers(proc.pid)
    assert len(workers) == 2 and proc.poll() is None, "the run did not start its two worker processes"
    proc.send_signal(sig)
    assert proc.wait(timeout=120) == (128 + sig if sig == signal.SIGTERM else -sig)
    deadline = time.time() + 30  # an orphaned worker notices within a second or two
    while time.time() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.5)
    assert [pid for pid in workers if alive(pid)] == []
    assert snapshot(out) == before
    if sig == signal.SIGTERM:
        assert leftovers(out) == []  # cleaned up as Ctrl-C cleans up


def _workers(pid: int) -> list[int]:
    """The pool worker processes of a run (its children other than multiprocessing's tracker)."""
    proc = Path("/proc")
    if not proc.is_dir():
        pytest.skip("needs Linux's /proc")
    found = []
    for task in (proc / str(pid) / "task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            try:
                command = (proc / child / "cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in command and b"resource_tracker" not in command:
                found.append(int(child))
    return found



def test_an_output_folder_that_is_the_corpus_folder_is_refused(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "data", ["01_port_strike"])
    assert main(["extract", str(corpus), "--out", str(corpus), "--no-cache", "-q", "--workers", "1"]) == 1
    assert "is the corpus folder itself" in capsys.readouterr().err
    assert not (corpus / "quotes.csv").exists()


def test_a_pattern_that_also_matches_the_output_folder_never_reads_it_back(tmp_path):
    corpus = write_corpus(tmp_path / "data", ["01_port_strike", "02_drought"])
    for _ in range(2):
        summary = ex.extract_to(str(corpus / "*"), corpus / "out", cache=False, workers=1, progress=False)
    assert summary.counts["articles"] == 2 and summary.counts["rejects"] == 0
    assert summary.skipped == {"inside the output folder": 1}

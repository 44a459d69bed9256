"""A notebook keeps no progress bar once the corpus is open, and loses no warning with it."""
from __future__ import annotations

import logging
import sys
import types

import IPython.display

from locations import SEEDS
from medialens import extract as extraction  # what a notebook calls when it must extract
from medialens import notebook


def test_the_progress_bar_is_cleared_in_a_kernel_and_warnings_are_shown_again(tmp_path, monkeypatch, capsys):
    cleared = []
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))  # as inside a kernel
    monkeypatch.setattr(IPython.display, "clear_output", lambda *a, **k: cleared.append(True))
    real = extraction.extract

    def extract_with_a_warning(*args, **kwargs):
        logging.getLogger("medialens").warning("the cache /x cannot be written (disk full); going on without it")
        return real(*args, **kwargs)

    monkeypatch.setattr(extraction, "extract", extract_with_a_warning)
    tables, _, _ = notebook.open_corpus(str(SEEDS), str(tmp_path / "out"))
    assert len(tables.articles) == 1
    assert cleared == [True]
    assert "medialens: the cache /x cannot be written" in capsys.readouterr().err


def test_outside_a_kernel_nothing_is_cleared(tmp_path, monkeypatch):
    cleared = []
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    monkeypatch.setattr(IPython.display, "clear_output", lambda *a, **k: cleared.append(True))
    notebook.open_corpus(str(SEEDS), str(tmp_path / "out"))
    assert cleared == []

"""The report and evaluation under hostile names, unreadable corpora and wrong parameters:
each fails in one clear line, or draws and writes the text as it is."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from matplotlib.text import Text

from locations import SEEDS
from medialens import charts, cli, report
from medialens.tables import frame
from processes import alive

NOTEBOOKS = Path(__file__).parents[1] / "notebooks"
# `$x^$` is mathtext that does not parse; `Cash$$Flow` and `$5$` would be set as formulas.
HOSTILE = ["Cash$$Flow Weekly", "$x^$", "A $5$ deal"]


def _sources() -> pd.DataFrame:
    return frame("sources", [
        {"article_id": f"a{i}", "speaker_canonical": name, "speaker_type": kind, "quotes": 2, "direct": 1,
         "indirect": 1, "mixed": 0, "words": 9, "gender": "female" if kind == "person" else None}
        for i, (name, kind) in enumerate(zip(HOSTILE, ["person", "anonymous", "organisation"]))
    ])


def _every_chart() -> dict:
    """Every chart the library draws, each over names and a corpus name holding `$`."""
    corpus = "Cash$$Flow"
    entities = pd.DataFrame({"entity": HOSTILE, "label": ["ORG", "PERSON", "GPE"], "mentions": [3, 2, 1]})
    per_article = pd.DataFrame({"article_id": ["a0", "a1", "a2"], "headline": HOSTILE,
                                "direct": [1, 2, 0], "mixed": [0, 1, 0], "indirect": [1, 0, 2]})
    by_type = pd.DataFrame({"article_id": ["a0", "a1"], "headline": HOSTILE[:2], "person": [1, 0], "anonymous": [0, 1],
                            "organisation": [1, 0], "group": [0, 0], "unknown": [0, 0]})
    together = pd.DataFrame({"entity": HOSTILE, **{name: [2, 1, 1] for name in HOSTILE}})
    gender = pd.DataFrame({"gender": ["female", "male", "unknown"], "quotes": [2, 1, 0], "share_of_quotes": [0.67, 0.33, 0.0]})
    shares = pd.DataFrame({"outlet": HOSTILE, "anonymous_share": [0.5, 0.2, 0.1]})
    return {
        "entity_chart": charts.entity_chart(entities, corpus),
        "label_chart": charts.label_chart(pd.DataFrame({"label": ["ORG"], "mentions": [3]}), corpus),
        "source_chart": charts.source_chart(_sources(), "quotes", corpus),
        "source_type_chart": charts.source_type_chart(pd.DataFrame({"speaker_type": ["person"], "quotes": [2]}), "quotes", corpus),
        "quote_kind_chart": charts.quote_kind_chart(pd.DataFrame({"kind": ["direct"], "quotes": [2]}), corpus),
        "article_quotes_chart": charts.article_quotes_chart(per_article, corpus),
        "article_sources_chart": charts.article_sources_chart(by_type, corpus, 3),
        "cooccurrence_chart": charts.cooccurrence_chart(together, corpus),
        "gender_chart": charts.gender_chart(gender, "quotes", corpus),
        "anonymous_share_chart": charts.anonymous_share_chart(shares, "outlet", corpus),
    }


def test_dollar_signs_in_an_outlet_are_drawn_as_text():
    fig = charts.anonymous_share_chart(pd.DataFrame({"outlet": HOSTILE, "anonymous_share": [0.5, 0.2, 0.1]}))
    fig.savefig(io.BytesIO(), format="png")  # mathtext would raise on `$x^$`
    labels = fig.axes[0].get_yticklabels()
    assert [t.get_text() for t in labels] == HOSTILE
    assert not any(t.get_parse_math() for t in labels)


@pytest.mark.parametrize("name", list(_every_chart()))
def test_every_chart_draws_names_with_dollar_signs_as_written(name: str):
    fig = _every_chart()[name]
    png = io.BytesIO()
    fig.savefig(png, format="png")
    assert png.getvalue().startswith(b"\x89PNG")
    texts = [t for t in fig.findobj(Text) if "$" in t.get_text()]
    assert texts and not any(t.get_parse_math() for t in texts)
    assert "Cash$$Flow" in fig.axes[0].get_title()


def test_a_chart_saved_by_the_library_draws_dollar_signs_as_text(tmp_path: Path):
    fig = _every_chart()["source_chart"]
    path = charts.save(fig, tmp_path / "sources.png")
    assert path.stat().st_size > 0
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == HOSTILE


def _gold_folder(folder: Path) -> Path:
    folder.mkdir()
    gold = {"article_id": "a1", "quotes": [
        {"kind": "direct", "text": '=HYPERLINK("http://x.example","y")', "speaker": "@x", "speaker_canonical": "@x",
         "speaker_type": "person", "cue": "said"},
    ]}
    (folder / "a1.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_the_evaluate_error_table_writes_formula_like_cells_as_text(tmp_path: Path, capsys):
    gold, pred = _gold_folder(tmp_path / "gold"), tmp_path / "pred"
    pred.mkdir()
    pd.DataFrame([{"article_id": "a1", "kind": "direct", "text": "-2+3 is what the minister said", "speaker": "+1",
                   "speaker_canonical": "+1"}]).to_csv(pred / "quotes.csv", index=False)
    assert cli.main(["evaluate", str(gold), str(pred), "-q"]) == 0
    with open(pred / "quote_errors.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"http://x.example\",\"y\")" in cells and "'@x" in cells and "'+1" in cells
    assert "'-2+3 is what the minister said" in cells
    assert not any(cell[:1] in "=+-@" and cell for cell in cells)


@pytest.fixture
def unreadable(tmp_path: Path) -> Path:
    corpus = tmp_path / "unreadable"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    return corpus


def test_report_on_a_corpus_without_a_readable_article_says_so_in_one_line(unreadable: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert cli.main(["report", str(unreadable), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert "no article could be read" in err and str(unreadable) in err and "1 input was rejected" in err
    assert "\n" not in err and "Traceback" not in err
    assert not (out / "notebooks").exists()  # stopped before any notebook ran


def test_a_notebook_on_a_corpus_without_a_readable_article_stops_saying_so(unreadable: Path, tmp_path: Path):
    target = tmp_path / "run.ipynb"
    run = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOKS / "01_entities.ipynb"), str(target), "-k", "python3",
         "-p", "corpus", str(unreadable), "-p", "out", str(tmp_path / "out"), "--no-progress-bar"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 1
    errors = [o for c in nbformat.read(str(target), as_version=4).cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors[0]["ename"] == "NoArticles"
    assert errors[0]["evalue"].startswith(f"no article could be read from {unreadable}: 1 input was rejected")


@pytest.mark.parametrize("value, message", [
    ("abc", "parameter top_n must be a whole number, got 'abc'"),
    ("nan", "parameter top_n must be a whole number, got nan"),
    ("2.5", "parameter top_n must be a whole number, got 2.5"),
    ("0", "parameter top_n must be at least 1, got 0"),
])
def test_a_count_parameter_that_is_not_a_positive_whole_number_is_refused_naming_it(value, message, tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert cli.main(["report", str(SEEDS), "--out", str(out), "-p", "top_n", value, "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"medialens report: {message}"
    assert not out.exists()  # refused before anything was extracted


def test_a_true_or_false_parameter_is_refused_naming_it_when_it_is_neither(tmp_path: Path, capsys):
    assert cli.main(["report", str(SEEDS), "--out", str(tmp_path / "out"), "-p", "gender", "maybe", "-q"]) == 1
    assert capsys.readouterr().err.strip() == "medialens report: parameter gender must be True or False, got 'maybe'"


@pytest.mark.parametrize("name", ["corpus", "out"])
def test_corpus_and_out_are_refused_as_parameters_since_the_command_sets_them(name: str, tmp_path: Path, capsys):
    out = tmp_path / "out"
    assert cli.main(["report", str(SEEDS), "--out", str(out), "-p", name, str(tmp_path / "other"), "-q"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"medialens report: parameter {name} cannot be set") and "\n" not in err
    assert not out.exists()


def test_text_parameters_keep_leading_zeros_and_raw_ones_stay_text():
    values = report.command_parameters([("article_id", "001"), ("top_n", "5"), ("gender", "False"), ("speaker", "True")],
                                       [("metric", "007")])
    assert values == {"article_id": "001", "top_n": 5, "gender": False, "speaker": "True", "metric": "007"}
    # a raw value of a whole-number parameter is still read as the notebook declares it
    raw = report.command_parameters(raw=[("top_n", "5")])
    assert report.checked_parameters(raw, report.declared_parameters()) == {"top_n": 5}


def test_report_shows_the_article_with_a_leading_zero_id(tmp_path: Path, monkeypatch, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), corpus / "001.txt")
    monkeypatch.setattr(report, "notebooks", lambda: [NOTEBOOKS / "02_quotes.ipynb"])  # one notebook is enough
    out = tmp_path / "out"
    assert cli.main(["report", str(corpus), "--out", str(out), "-p", "article_id", "001", "-q"]) == 0, capsys.readouterr().err
    selected = pd.read_csv(out / "quotes_selected.csv", dtype=str)
    assert len(selected) and set(selected["article_id"]) == {"001"}


def test_report_accepts_raw_parameters_as_papermill_does(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(report, "notebooks", lambda: [NOTEBOOKS / "02_quotes.ipynb"])
    out = tmp_path / "out"
    assert cli.main(["report", str(SEEDS), "--out", str(out), "-r", "kinds", "direct", "-q"]) == 0, capsys.readouterr().err
    assert set(pd.read_csv(out / "quotes_selected.csv")["kind"]) == {"direct"}


def test_a_notebook_run_by_papermill_names_a_parameter_of_the_wrong_type(tmp_path: Path):
    target = tmp_path / "run.ipynb"
    run = subprocess.run(
        [sys.executable, "-m", "papermill", str(NOTEBOOKS / "03_sources.ipynb"), str(target), "-k", "python3",
         "-p", "out", str(tmp_path / "out"), "-p", "top_n", "abc", "--no-progress-bar"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert run.returncode == 1
    errors = [o for c in nbformat.read(str(target), as_version=4).cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert (errors[0]["ename"], errors[0]["evalue"]) == ("ValueError", "parameter top_n must be a whole number, got 'abc'")
    assert not (tmp_path / "out").exists()  # stopped before the corpus was read


def test_an_interrupted_report_stops_its_running_notebooks_and_kernels(tmp_path):
    import os
    import signal
    import threading
    import time

    import nbformat

    from medialens.report import execute_notebooks

    nb = nbformat.v4.new_notebook()
    # each kernel leaves its process id, then works for two minutes
    nb.cells = [nbformat.v4.new_code_cell(f"import os, time\nopen(os.path.join({str(tmp_path)!r}, f'kernel-{{os.getpid()}}'), 'w').close()\ntime.sleep(120)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "slow.ipynb"
    nbformat.write(nb, str(path))
    jobs = [(path, tmp_path / f"run{n}.ipynb", {}) for n in range(2)]
    threading.Timer(8, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C while both run
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        execute_notebooks(jobs, timeout=300, workers=2)
    assert time.monotonic() - started < 60  # not the two minutes the cells would take
    time.sleep(1)
    kernels = [int(p.name.split("-")[1]) for p in tmp_path.glob("kernel-*")]
    assert len(kernels) == 2
    assert [pid for pid in kernels if alive(pid)] == []

"""The batch report: notebook order, parameters, and the self-contained HTML page."""
from __future__ import annotations

import base64
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from medialens.report import NotebookFailed, execute_notebooks, notebooks, run_order, run_report
from medialens.report_page import notebook_title, write_report_html

# A 1x1 PNG: enough for the page to embed and a browser to draw.
PIXEL = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)).decode()


def executed_notebook(path: Path, title: str, table_name: str, link: str | None = None) -> Path:
    """A small notebook as papermill leaves it: code with outputs (a table, a chart, a warning
    on stderr and a progress-bar widget)."""
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell(f"# {title}\n\n## The corpus\n\nPlain prose."),
        new_code_cell("secret_code_line = 1", outputs=[
            new_output("stream", name="stderr", text="/tmp/ipykernel_1/123.py:2: UserWarning: careful\n"),
            new_output("display_data", data={"application/vnd.jupyter.widget-view+json": {"model_id": "abc"}, "text/plain": "bar"}),
        ]),
        new_code_cell("show(table)", outputs=[new_output("execute_result", execution_count=2, data={
            "text/html": f'<table id="T_{table_name}"><tr><td>Sergei Lavrov</td></tr></table>', "text/plain": "table"})]),
        new_code_cell("fig", outputs=[new_output("execute_result", execution_count=3, data={"image/png": PIXEL, "text/plain": "<Figure>"})]),
    ]
    if link:
        nb.cells.append(new_code_cell("HTML(links)", outputs=[new_output("execute_result", execution_count=4, data={
            "text/html": f'<a href="{link}">quotes</a> <a href="https://example.org/x">outside</a> <a href="#top">top</a>'})]))
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.fixture
def page(tmp_path: Path) -> str:
    nbs = tmp_path / "out" / "notebooks"
    done = [
        executed_notebook(nbs / "00_overview.ipynb", "Corpus overview", "overview", link="../quotes.csv"),
        executed_notebook(nbs / "02_quotes.ipynb", "Quote table", "quotes"),
    ]
    return write_report_html(done, tmp_path / "out" / "report.html", title="medialens report — seeds").read_text(encoding="utf-8")


def test_notebooks_run_in_their_numbered_order():
    order = run_order([Path("03_sources.ipynb"), Path("00_overview.ipynb"), Path("01_entities.ipynb")])
    assert [p.name for p in order] == ["00_overview.ipynb", "01_entities.ipynb", "03_sources.ipynb"]


def test_the_page_ends_with_links_to_every_notebook_table_and_chart_of_the_run(tmp_path: Path):
    from medialens.report_page import files_html

    out = tmp_path / "out"
    nb = executed_notebook(out / "notebooks" / "02_quotes.ipynb", "Quote table", "quotes")
    (out / "quotes.csv").write_text("a\n")
    (out / "charts").mkdir()
    (out / "charts" / "quote_kinds.png").write_bytes(base64.b64decode(PIXEL))
    listed = files_html(out, [nb])
    assert all(f'href="{h}"' in listed for h in ("notebooks/02_quotes.ipynb", "quotes.csv", "charts/quote_kinds.png"))
    page = write_report_html([nb], out / "report.html", outro=listed).read_text(encoding="utf-8")
    assert page.index('id="02_quotes"') < page.index('id="files"')


def test_the_suite_has_an_overview_notebook_first():
    assert notebooks()[0].name == "00_overview.ipynb"


def test_report_page_shows_outputs_and_prose_but_no_code(page: str):
    assert "<h1 id=\"top\">medialens report — seeds</h1>" in page
    assert "Sergei Lavrov" in page and "Plain prose." in page
    assert "secret_code_line" not in page and "show(table)" not in page


def test_report_page_embeds_charts_as_base64_png(page: str):
    assert page.count(f'src="data:image/png;base64,{PIXEL}"') == 2


def test_report_page_loads_nothing_from_outside(page: str):
    assert not re.search(r"<script[^>]*\bsrc=|<link\b|@import|url\(http", page)
    assert not re.search(r'\bsrc="(?!data:)', page)


def test_report_page_leaves_out_warnings_and_progress_widgets(page: str):
    assert "UserWarning" not in page and "widget-view" not in page and "<script" not in page


def test_report_page_lists_notebooks_in_order_with_their_titles(page: str):
    nav = re.search(r"<nav>(.*?)</nav>", page).group(1)
    assert nav == '<a href="#00_overview">Corpus overview</a><a href="#02_quotes">Quote table</a>'
    assert page.index('id="00_overview"') < page.index('id="02_quotes"')
    assert '<a href="notebooks/02_quotes.ipynb">02_quotes.ipynb</a>' in page


def test_relative_links_are_rewritten_to_work_from_the_page_folder(page: str):
    assert '<a href="quotes.csv">quotes</a>' in page
    assert 'href="https://example.org/x"' in page


def test_heading_anchors_are_unique_across_notebooks(page: str):
    ids = re.findall(r'<h[1-6][^>]* id="([^"]+)"', page)
    assert "00_overview-The-corpus" in ids and "02_quotes-The-corpus" in ids
    assert len(ids) == len(set(ids))


def test_notebook_title_is_its_first_level_one_heading():
    nb = new_notebook(cells=[new_markdown_cell("Intro"), new_markdown_cell("## Sub\n# Source attribution\n")])
    assert notebook_title(nb, "03_sources") == "Source attribution"
    assert notebook_title(new_notebook(), "03_sources") == "03_sources"


def test_a_parameter_no_notebook_declares_is_refused_before_any_work(tmp_path: Path):
    with pytest.raises(ValueError, match="top_nn"):
        run_report("seeds", tmp_path / "out", {"top_nn": 3}, progress=False)
    assert not (tmp_path / "out" / "articles.csv").exists()


def tiny_notebook(path: Path, *sources: str) -> Path:
    nb = new_notebook(cells=[new_code_cell(src) for src in sources])
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nb, str(path))
    return path


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_notebook_is_named_with_its_cell_and_error(tmp_path: Path, workers: int):
    good = tiny_notebook(tmp_path / "01_good.ipynb", "words = 483")
    bad = tiny_notebook(tmp_path / "02_bad.ipynb", "quotes = []", "raise ValueError('no quotes in this corpus')")
    out = tmp_path / "out"
    out.mkdir()
    jobs = [(good, out / good.name, {}), (bad, out / bad.name, {})]
    with pytest.raises(NotebookFailed, match=r"02_bad.ipynb failed at cell 2: ValueError: no quotes in this corpus"):
        execute_notebooks(jobs, timeout=120, workers=workers)
    assert (out / "01_good.ipynb").exists()


def test_a_notebook_whose_process_dies_fails_alone_and_the_next_runs_in_a_new_one(tmp_path: Path):
    # the kernel kills the process that runs its notebook (its parent), then records who that was
    killer = tiny_notebook(tmp_path / "01_killer.ipynb", f"import os, signal\nopen({str(tmp_path / 'runners')!r}, 'a').write(f'{{os.getppid()}}\\n')\nos.kill(os.getppid(), signal.SIGKILL)")
    good = tiny_notebook(tmp_path / "02_good.ipynb", f"import os\nopen({str(tmp_path / 'runners')!r}, 'a').write(f'{{os.getppid()}}\\n')")
    out = tmp_path / "out"
    out.mkdir()
    jobs = [(killer, out / killer.name, {}), (good, out / good.name, {})]
    with pytest.raises(NotebookFailed, match=r"01_killer.ipynb failed: its process ended with status -9"):
        execute_notebooks(jobs, timeout=120, workers=1)
    executed = nbformat.read(str(out / good.name), as_version=4)
    assert [c.execution_count for c in executed.cells] == [1]
    first, second = (tmp_path / "runners").read_text().split()
    assert first != second  # the second notebook ran in a new process


@pytest.mark.parametrize("workers", [1, 2])
def test_notebooks_run_one_after_another_in_each_runner_process(tmp_path: Path, workers: int):
    # each kernel records the process that runs its notebook (its parent)
    record = f"import os\nopen({str(tmp_path / 'runners')!r}, 'a').write(f'{{os.getppid()}}\\n')"
    books = [tiny_notebook(tmp_path / f"0{n}_book.ipynb", record) for n in range(1, 5)]
    out = tmp_path / "out"
    out.mkdir()
    execute_notebooks([(nb, out / nb.name, {}) for nb in books], timeout=120, workers=workers)
    runners = (tmp_path / "runners").read_text().split()
    assert len(runners) == 4 and len(set(runners)) <= workers  # papermill loads once per process, not per notebook


def test_cells_with_a_left_out_tag_leave_the_page(tmp_path: Path):
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# Sources\n\nKept prose."), new_markdown_cell("## Gender\n\nGender prose.")]
    nb.cells[1].metadata["tags"] = ["gender"]
    path = tmp_path / "out" / "notebooks" / "03_sources.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, str(path))
    kept = write_report_html([path], tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    left = write_report_html([path], tmp_path / "out" / "b.html", leave_out=frozenset({"gender"})).read_text(encoding="utf-8")
    assert "Gender prose." in kept and "Gender prose." not in left and "Kept prose." in left


def test_a_kernel_that_dies_before_its_first_reply_is_started_again(monkeypatch, tmp_path: Path):
    import json

    import papermill

    from medialens.notebook_runner import KERNEL_DIED, run_jobs

    starts = []

    def execute_notebook(notebook, target, **kwargs):
        starts.append(notebook)
        if len(starts) == 1:
            raise RuntimeError(KERNEL_DIED)
        if notebook.endswith("bad.ipynb"):
            raise ValueError("no quotes in this corpus")

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    jobs = [json.dumps({"notebook": str(tmp_path / name), "target": str(tmp_path / "out" / name), "parameters": {},
                        "kernel": "python3", "timeout": 60}) for name in ("good.ipynb", "bad.ipynb")]
    answers = []
    run_jobs(jobs, answers.append)
    assert [a["error"] for a in answers] == [None, "ValueError: no quotes in this corpus"]
    assert len(starts) == 3  # the first kernel started again once; a notebook's own error is not retried

"""What a report leaves in its output folder: every file named in README.txt, the spreadsheet, and
with `gender` False no gender anywhere, even in a folder a report with gender wrote before."""
from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest

from locations import SEEDS
from medialens.outfiles import README, described, folder_files
from medialens.report import run_report


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One folder after a report with gender (listed then), a note of its owner's, and a report
    without gender into the same folder."""
    out = tmp_path_factory.mktemp("report") / "out"
    run_report(SEEDS, out, progress=False)
    with_gender = folder_files(out)
    readme = (out / README).read_text(encoding="utf-8")
    (out / "notes.txt").write_text("my notes")
    run_report(SEEDS, out, {"gender": False}, progress=False)
    return out, with_gender, readme


def test_readme_names_every_file_and_folder_a_report_leaves(runs):
    _, files, readme = runs
    assert "charts/gender_by_quotes.png" in files and "medialens.xlsx" in files
    assert [f for f in files if described(f) is None] == []
    assert "Not described" not in readme
    assert all(f"  {f}" in readme or f"  {f}:" in readme or f", {f}" in readme for f in files)


def test_a_report_without_gender_leaves_no_file_of_the_report_with_gender(runs):
    out, _, _ = runs
    assert not (out / "quotes_by_gender.csv").exists() and not (out / "quotes_by_gender.parquet").exists()
    assert not list((out / "charts").glob("gender*"))
    assert (out / "notes.txt").read_text() == "my notes"


def _columns(path: Path) -> list[str]:
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8").splitlines()[0].split(",")
    if path.suffix == ".parquet":
        return pq.read_schema(path).names
    book = openpyxl.load_workbook(path, read_only=True)
    return [str(v) for sheet in book.worksheets
            for row in sheet.iter_rows(max_row=None if sheet.title == "codebook" else 1, values_only=True) for v in row]


def test_no_table_chart_or_page_of_a_report_without_gender_has_gender(runs):
    out, _, _ = runs
    files = [p for p in out.rglob("*") if p.is_file()]
    assert [p.name for p in files if "gender" in p.name.lower()] == []
    tables = [p for p in files if p.suffix in (".csv", ".parquet", ".xlsx")]
    assert {p.stem for p in tables} >= {"quotes", "sources", "medialens", "source_roles", "sources_across_articles"}
    assert {p.name: [c for c in _columns(p) if "gender" in c.lower()] for p in tables} == {p.name: [] for p in tables}
    assert "gender" not in (out / README).read_text(encoding="utf-8")
    page = (out / "report.html").read_text(encoding="utf-8")
    headers = re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)
    assert headers and not [h for h in headers if "gender" in h.lower()]
    executed = json.loads((out / "notebooks" / "03_sources.ipynb").read_text(encoding="utf-8"))
    shown = [_text(o) for c in executed["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert [t for t in shown if "gender" in t.lower()] == ["'gender is switched off'"]


def test_the_page_of_a_report_without_gender_says_nothing_of_gender_but_its_parameter(runs):
    out, _, _ = runs
    page = (out / "report.html").read_text(encoding="utf-8")
    provenance = re.search(r'<section class="provenance".*?</section>', page, re.S).group(0)
    assert "gender = False" in provenance  # how the run was made still says it
    text = re.sub(r"<(script|style)\b.*?</\1>", "", page.replace(provenance, ""), flags=re.S)
    assert "gender" not in text.lower() and "women" not in text.lower()


def _text(output: dict) -> str:
    """What a notebook output shows as text (a stream, a result's text or HTML)."""
    data = output.get("data", {})
    return "".join(output.get("text", "")) + "".join(data.get("text/html", "")) + "".join(data.get("text/plain", ""))


def test_a_report_over_an_unchanged_corpus_uses_the_tables_its_folder_holds(tmp_path, monkeypatch):
    import medialens.report as report

    out = tmp_path / "out"
    run_report(SEEDS, out, progress=False)
    before = (out / "quotes.csv").read_bytes()

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again although the tables were current")

    monkeypatch.setattr(report, "extract", no_extraction)
    run_report(SEEDS, out, progress=False)
    assert (out / "quotes.csv").read_bytes() == before and (out / "report.html").exists()
    # tables with gender do not serve a run without it
    monkeypatch.undo()
    assert report.reusable_tables(report.resolve(SEEDS), out, gender=False) is None

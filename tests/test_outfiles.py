"""An output folder says what each of its files is (README.txt), and a new run into it removes what
the previous run wrote, never a file of its owner's."""
from __future__ import annotations

from pathlib import Path

from medialens.outfiles import HEADER, PAGE_MARK, README, check_corpus_outside, clear_previous, readme_text, write_readme

# The first bytes of a chart medialens saved: the PNG signature, then its Software text chunk.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + b"\x00" * 17 + b"\x00\x00\x00\x12tEXtSoftware\x00medialens"


def _previous_run(out: Path) -> None:
    """A folder as a report with gender left it, and a file of its owner's."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("quotes", "sources", "quotes_by_gender", "source_shares"):
        (out / f"{name}.csv").write_text("a,b\n")
        (out / f"{name}.parquet").write_bytes(b"PAR1")
    (out / ".medialens-manifest.json").write_text("{}")
    (out / "charts").mkdir()
    (out / "charts" / "gender_by_quotes.png").write_bytes(PNG)
    (out / "notebooks").mkdir()
    (out / "notebooks" / "03_sources.ipynb").write_text("{}")
    (out / "report.html").write_text("<html>")
    (out / "medialens.xlsx").write_bytes(b"xlsx")
    (out / README).write_text(f"{HEADER}\n...")
    (out / "notes.txt").write_text("my notes on this corpus")
    (out / "my_counts.csv").write_text("mine\n")


def test_a_new_run_removes_what_the_previous_run_wrote_but_not_the_owners_files(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    removed = clear_previous(out)
    assert set(removed) == {
        "quotes_by_gender.csv", "quotes_by_gender.parquet", "source_shares.csv", "source_shares.parquet",
        "report.html", "medialens.xlsx", README, "charts/gender_by_quotes.png", "notebooks/03_sources.ipynb",
    }
    assert (out / "notes.txt").read_text() == "my notes on this corpus"
    assert (out / "my_counts.csv").exists()
    assert not (out / "charts").exists() and not (out / "notebooks").exists()


def test_a_file_named_to_keep_survives_the_clearing(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    removed = clear_previous(out, keep=["medialens.xlsx"])
    assert "medialens.xlsx" not in removed and (out / "medialens.xlsx").read_bytes() == b"xlsx"
    assert "report.html" in removed


def test_a_users_own_pages_charts_and_table_pairs_in_the_folder_stay(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    (out / "articles").mkdir()
    (out / "articles" / "ours.html").write_text(f"<html><head>{PAGE_MARK}</head></html>")
    (out / "articles" / "my-own-article.html").write_text("<html><head><title>Mine</title></head></html>")
    (out / "charts" / "my_map.png").write_bytes(b"\x89PNG\r\n\x1a\n no mark")
    (out / "my_counts.parquet").write_bytes(b"PAR1")
    clear_previous(out)
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["my-own-article.html"]
    assert sorted(p.name for p in (out / "charts").iterdir()) == ["my_map.png"]
    assert (out / "my_counts.csv").exists() and (out / "my_counts.parquet").exists()


def test_a_corpus_inside_a_folder_the_report_fills_is_refused(tmp_path):
    out = tmp_path / "proj"
    (out / "articles").mkdir(parents=True)
    try:
        check_corpus_outside(out / "articles", out)
    except ValueError as e:
        assert "inside" in str(e) and "articles" in str(e)
    else:
        raise AssertionError("a corpus in OUT/articles was accepted")
    check_corpus_outside(tmp_path / "corpus", out)  # beside it is fine
    check_corpus_outside(out, tmp_path / "elsewhere")


def test_the_contract_tables_and_manifest_stay_until_the_extraction_replaces_them(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    clear_previous(out)
    assert all((out / f"{n}.{s}").exists() for n in ("quotes", "sources") for s in ("csv", "parquet"))
    assert (out / ".medialens-manifest.json").exists()


def test_a_file_the_owner_put_in_a_medialens_folder_keeps_the_folder(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    (out / "charts" / "sketch.svg").write_text("<svg/>")
    clear_previous(out)
    assert sorted(p.name for p in (out / "charts").iterdir()) == ["sketch.svg"]


def test_a_folder_no_medialens_run_wrote_is_left_alone(tmp_path):
    (tmp_path / "a.csv").write_text("x\n")
    (tmp_path / "a.parquet").write_bytes(b"PAR1")
    (tmp_path / "report.html").write_text("<html>")
    assert clear_previous(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "a.parquet", "report.html"]


def test_a_readme_txt_medialens_did_not_write_is_kept(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    (out / README).write_text("Notes for my team\n")
    clear_previous(out)
    write_readme(out)
    assert (out / README).read_text() == "Notes for my team\n"


def test_the_readme_names_each_file_with_what_it_is_and_marks_files_it_does_not_know(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    text = readme_text(out)
    assert text.startswith(HEADER)
    assert "  quotes_by_gender.csv, quotes_by_gender.parquet: quotes and words of individual sources by the gender" in text
    assert "  charts/gender_by_quotes.png: quotes or words by gender (quotes_by_gender)" in text
    assert "  .medialens-manifest.json: hidden: what the tables were extracted from" in text
    unknown = text[text.index("Not described"):]
    assert "notes.txt" in unknown and "my_counts.csv" in unknown and "quotes.csv" not in unknown


def test_the_readme_lists_tables_under_the_notebook_that_writes_them(tmp_path):
    out = tmp_path / "out"
    _previous_run(out)
    text = readme_text(out)
    section = text.index("Summary tables of notebooks/03_sources.ipynb")
    assert section < text.index("  source_shares.csv, source_shares.parquet:")
    assert text.index("  quotes.csv, quotes.parquet: one row per quote") < section

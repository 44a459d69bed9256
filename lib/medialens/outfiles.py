"""The files of a report's output folder: one list says what each is, and from it come the
folder's `README.txt` and the clearing of what a previous run left there.

A file a run writes but this list does not name is listed in README.txt as not described, and a
test runs a report and fails on any such file, so the list stays true as notebooks change.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .codebook import TABLES
from .tables import atomic_write

README = "README.txt"
# README.txt's first line: a README.txt that begins otherwise is someone else's and is kept.
HEADER = "What this folder holds (written by medialens)"
# Folders only medialens writes into, each with the suffix of the files it writes there.
FOLDERS = {"charts": ".png", "notebooks": ".ipynb", "articles": ".html"}
MANIFEST = ".medialens-manifest.json"
# How a page or chart says it was written by medialens, so that clearing a folder never takes
# a file of the user's that happens to sit there (an HTML corpus, their own PNGs).
PAGE_MARK = '<meta name="generator" content="medialens">'
PNG_MARK = {"Software": "medialens"}
_EXECUTED_NOTEBOOK = re.compile(r"\d\d_\w+\.ipynb")
LOCK = ".medialens.lock"


@dataclass(frozen=True)
class OutFile:
    """Files of the output folder, as glob patterns relative to it, and what they are; `group`
    is the heading they are listed under."""

    patterns: tuple[str, ...]
    meaning: str
    group: str


CONTRACT = "The tables of the corpus (CSV for spreadsheets, Parquet for code; the column meanings are in medialens.xlsx)"
PAGES = "The report"
RUN = "How the folder was made"


def _table(name: str, meaning: str, group: str) -> OutFile:
    return OutFile((f"{name}.csv", f"{name}.parquet"), meaning, group)


def _notebook(stem: str) -> str:
    return f"Summary tables of notebooks/{stem}.ipynb (each also drawn in charts/ when it has a chart)"


_OVERVIEW, _ENTITIES, _QUOTES, _SOURCES, _EVALUATION, _OUTLETS = (
    _notebook(s) for s in ("00_overview", "01_entities", "02_quotes", "03_sources", "04_evaluation", "05_outlets"))

OUT_FILES: list[OutFile] = [
    *(_table(name, f"{meaning}; every column explained in medialens.xlsx's codebook sheet", CONTRACT)
      for name, meaning in TABLES.items()),
    _table("corpus_overview", "articles, words, dates, outlets, quotes, sources and the anonymous share, in one row", _OVERVIEW),
    _table("outlets", "articles per outlet", _OVERVIEW),
    _table("article_overview", "quotes and sources per article, most quoted first", _OVERVIEW),
    _table("article_source_types", "sources of each type per article", _OVERVIEW),
    _table("entity_corpus", "every entity of the corpus: articles naming it, mentions, headlines, where it first appears", _ENTITIES),
    _table("entity_counts", "the most mentioned entities", _ENTITIES),
    _table("entity_top_by_label", "the most mentioned entities of each label", _ENTITIES),
    _table("entity_labels", "mentions per entity label", _ENTITIES),
    _table("entities_by_article", "entities per article, with the five most mentioned", _ENTITIES),
    _table("entity_cooccurrence", "articles naming both of two entities, for the entities named in most articles", _ENTITIES),
    _table("quote_kinds", "quotes of each kind (direct, mixed, indirect)", _QUOTES),
    _table("quotes_selected", "the quotes the notebook's filters kept (kinds, speaker_types, speaker, article_id)", _QUOTES),
    _table("source_shares", "the most quoted sources, with their share of quotes or words", _SOURCES),
    _table("source_types", "quotes and sources of each source type", _SOURCES),
    _table("source_types_by_article", "sources of each type per article", _SOURCES),
    _table("anonymous_share", "the share of anonymous sources per article", _SOURCES),
    _table("anonymous_share_by_outlet", "the share of anonymous sources per outlet", _SOURCES),
    _table("source_roles", "sources with their role and affiliation", _SOURCES),
    _table("quotes_by_gender", "quotes and words of individual sources by the gender the text presents", _SOURCES),
    _table("sources_across_articles", "sources across the corpus, the one quoted in most articles first", _SOURCES),
    _table("who_speaks_about_whom", "the entities each source names inside their quotes", _SOURCES),
    _table("evaluation_figures", "precision and recall of quotes and speakers against the gold annotations", _EVALUATION),
    _table("evaluation_kinds", "recall per quote kind", _EVALUATION),
    _table("evaluation_articles", "errors per article, worst first", _EVALUATION),
    _table("quote_errors", "every missed, spurious and wrong-speaker quote", _EVALUATION),
    _table("outlet_comparison", "per outlet: articles, quotes, quotes per article, sources and the shares of them by kind of source", _OUTLETS),
    _table("outlet_source_types", "per outlet: the share of quotes from each source type", _OUTLETS),
    _table("outlet_top_sources", "per outlet: its most quoted sources", _OUTLETS),
    _table("counts_over_time", "articles, quotes and sources by type per week or month, and the undated", _OUTLETS),
    _table("outlet_counts_over_time", "per outlet: articles and quotes per week or month, and the undated", _OUTLETS),
    OutFile(("charts/",), "the charts of the notebooks, as PNG, each named after the table it draws", "charts/"),
    OutFile(("charts/article_quotes.png",), "quotes per article (article_overview)", "charts/"),
    OutFile(("charts/article_sources.png",), "source types per article (article_source_types)", "charts/"),
    OutFile(("charts/entities.png",), "the most mentioned entities (entity_counts)", "charts/"),
    OutFile(("charts/entity_labels.png",), "mentions per entity label (entity_labels)", "charts/"),
    OutFile(("charts/entity_cooccurrence.png",), "which entities appear together (entity_cooccurrence)", "charts/"),
    OutFile(("charts/quote_kinds.png",), "quotes of each kind (quote_kinds)", "charts/"),
    OutFile(("charts/sources_by_*.png",), "the most quoted sources, by quotes or words (source_shares)", "charts/"),
    OutFile(("charts/source_types.png",), "source types (source_types)", "charts/"),
    OutFile(("charts/source_types_by_article.png",), "source types per article (source_types_by_article)", "charts/"),
    OutFile(("charts/anonymous_share_by_outlet.png",), "anonymous share per outlet (anonymous_share_by_outlet)", "charts/"),
    OutFile(("charts/gender_by_*.png",), "quotes or words by gender (quotes_by_gender)", "charts/"),
    OutFile(("charts/outlet_source_types.png",), "source types per outlet, as shares (outlet_source_types)", "charts/"),
    OutFile(("charts/counts_over_time.png",), "articles and quotes over time (counts_over_time)", "charts/"),
    OutFile(("notebooks/",), "the executed notebooks, with every table and chart; open them in JupyterLab", "notebooks/"),
    OutFile(("notebooks/*.ipynb",), "an executed notebook", "notebooks/"),
    OutFile(("articles/",), "one page per article, its quotes and entities marked", "articles/"),
    OutFile(("articles/*.html",), "an article's page", "articles/"),
    OutFile(("report.html",), "every notebook's tables and charts as one page, without code; opens offline", PAGES),
    OutFile(("medialens.xlsx",), "the five tables as one spreadsheet, a sheet each, and a codebook sheet of what every column means", PAGES),
    OutFile((README,), "this file", PAGES),
    OutFile((MANIFEST,), "hidden: what the tables were extracted from (corpus files, medialens code, spaCy model); "
            "notebooks read the tables instead of extracting again while it matches", RUN),
    OutFile((LOCK,), "hidden: held while a run writes the folder, so two runs never mix their tables", RUN),
]


def described(path: str, files: list[OutFile] = OUT_FILES) -> OutFile | None:
    """The entry of `files` whose pattern a path relative to the folder (`charts/x.png`, or
    `charts/` for the folder itself) matches, or None."""
    from fnmatch import fnmatchcase

    return next((f for f in files if any(fnmatchcase(path, p) for p in f.patterns)), None)


def folder_files(out: Path) -> list[str]:
    """Every file and folder of `out` a reader sees, relative to it: top-level files (hidden
    ones too, but no temporary or staging file of a run), each folder as `NAME/`, and the
    files directly inside the folders medialens writes."""
    found = []
    for item in sorted(out.iterdir()):
        if item.is_dir():
            if item.name.startswith("."):
                continue  # a run's staging folder
            found.append(f"{item.name}/")
            if item.name in FOLDERS:
                found += [f"{item.name}/{f.name}" for f in sorted(item.iterdir()) if not f.name.startswith(".")]
        elif not item.name.startswith(".") or item.name in (MANIFEST, LOCK):
            found.append(item.name)
    return found


def readme_text(out: str | Path) -> str:
    """README.txt for `out`: each file and folder it holds with what it is, under the headings of
    OUT_FILES, in its order; files the list does not describe come last, marked as such."""
    out = Path(out)
    present = folder_files(out) + ([README] if not (out / README).exists() else [])
    listed: dict[str, list[tuple[int, str, str]]] = {}
    others = []
    for path in present:
        entry = described(path)
        if entry is None:
            others.append(path)
        else:
            listed.setdefault(entry.group, []).append((OUT_FILES.index(entry), path, entry.meaning))
    lines = [HEADER, "=" * len(HEADER), ""]
    for group in dict.fromkeys(f.group for f in OUT_FILES):
        if group in listed:
            lines += [group, "-" * len(group)] + _entries([(p, m) for _, p, m in sorted(listed[group])]) + [""]
    if others:
        lines += ["Not described (not written by medialens, or by a newer notebook)", ""] + [f"  {p}" for p in others] + [""]
    return "\n".join(lines)


def _entries(items: list[tuple[str, str]]) -> list[str]:
    """`NAME.csv, NAME.parquet: meaning` lines, the two files of one table on one line."""
    by_meaning: dict[tuple[str, str], list[str]] = {}
    for path, meaning in items:
        stem = path.rsplit(".", 1)[0] if path.endswith((".csv", ".parquet")) else path
        by_meaning.setdefault((stem, meaning), []).append(path)
    return [f"  {', '.join(paths)}: {meaning}" for (_, meaning), paths in by_meaning.items()]


def write_readme(out: str | Path) -> Path:
    """Write `out/README.txt` (see `readme_text`), atomically; returns its path. A README.txt
    that medialens did not write is left as it is, and its path returned."""
    path = Path(out) / README
    if path.exists() and not _ours(path):
        return path
    text = readme_text(out)
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return path


def _ours(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.readline().rstrip("\n") == HEADER
    except OSError:
        return False


def clear_previous(out: str | Path, keep: Iterable[str] = ()) -> list[str]:
    """Remove from `out` what a previous medialens run wrote there, so a new run leaves no stale
    file (a gender chart from a run with gender, a notebook's table that notebook no longer
    writes), and return what was removed (relative paths).

    Only a folder that holds a medialens manifest or README.txt is touched. Removed: top-level
    tables written as a CSV and Parquet pair and those OUT_FILES names (but not the contract
    tables and the manifest, which the next extraction replaces all together, so a failed run
    keeps them), report.html, medialens.xlsx, medialens's own README.txt, and the files of
    `charts/`, `notebooks/` and `articles/` with the suffix medialens writes there (each folder
    removed when that leaves it empty), except the top-level files named in `keep` (a
    spreadsheet still current for the tables kept). Anything else, a user's notes.txt, stays."""
    out = Path(out)
    if not ((out / MANIFEST).is_file() or (out / README).is_file() and _ours(out / README)):
        return []
    keep = {f"{name}.{suffix}" for name in TABLES for suffix in ("csv", "parquet")} | {MANIFEST, LOCK, *keep}
    removed = []
    for item in sorted(out.iterdir()):
        if item.is_file() and item.name not in keep and _previous_output(item):
            item.unlink()
            removed.append(item.name)
    for folder, suffix in FOLDERS.items():
        if (out / folder).is_dir():
            for item in sorted((out / folder).iterdir()):
                if item.is_file() and item.suffix == suffix and written_by_medialens(item):
                    item.unlink()
                    removed.append(f"{folder}/{item.name}")
            if not any((out / folder).iterdir()):
                shutil.rmtree(out / folder)
    return removed


def check_corpus_outside(corpus: Path, out: Path) -> None:
    """Refuse a corpus in one of the folders a report fills (`OUT/articles/`, `OUT/charts/`,
    `OUT/notebooks/`): its files would sit among the report's own, and the next run would read
    the report's pages back as articles. Raises ValueError naming both."""
    real = Path(os.path.realpath(corpus))
    for folder in FOLDERS:
        mine = Path(os.path.realpath(out / folder))
        if real == mine or mine in real.parents:
            raise ValueError(f"the corpus {corpus} is inside {out / folder}, where the report writes its {folder}; "
                             "give the report another --out")


def written_by_medialens(path: Path) -> bool:
    """Whether a page, chart or notebook in one of FOLDERS is one medialens wrote: a page with
    PAGE_MARK in its head, a PNG whose Software field is medialens, an executed notebook of the
    suite (`NN_name.ipynb`)."""
    if path.suffix == ".ipynb":
        return bool(_EXECUTED_NOTEBOOK.fullmatch(path.name))
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    if path.suffix == ".png":
        return b"Software\x00medialens" in head
    return PAGE_MARK.encode() in head


def _previous_output(item: Path) -> bool:
    """Whether a top-level file of the folder is one a medialens run writes."""
    if item.name == README:
        return _ours(item)
    if item.suffix in (".csv", ".parquet"):
        # only the tables medialens names: a pair of the user's own (`my_counts.csv` and
        # `.parquet`) is theirs
        return described(item.name) is not None
    return item.name in ("report.html", "medialens.xlsx")

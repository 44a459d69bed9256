"""Batch runs: every notebook over a corpus with papermill, into one output folder, and one
self-contained HTML page of their results.

The page is the executed notebooks converted without their code (nbconvert's `basic` template:
body only, so no external scripts, styles or fonts) inside one page with its own small
stylesheet; charts are already in the notebooks as base64 PNG, so it opens offline.
"""
from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Iterator

import nbformat
import pandas as pd
import papermill as pm
from tqdm.auto import tqdm

from .cache import cache_folder
from .corrections import ENV as ALIASES_ENV
from .extract import extract
from . import view
from .findings import findings
from .manifest import current_tables, read_manifest
from .notebook import parameter_value, require_articles, unknown_parameters
from .outfiles import check_corpus_outside, clear_previous, write_readme
from .paths import notebooks_dir, resolve
from .provenance import provenance, provenance_html
from .reliability import reliability_html
from .spreadsheet import write_spreadsheet
from .summaries import output_index
from .tables import Tables, atomic_write

KERNEL = "python3"
# The tag of the notebook cells that make up the gender analysis (heading and prose included).
GENDER_TAG = "gender"
# ... and of those showing a corpus's own evaluation, left out when nothing scored it.
SCORED_TAG = "scored"
# ... and of the overview's list of the other notebooks' outputs, which the page lists itself:
# the notebooks run side by side, so the overview's own list may lack what the others wrote.
LINKS_TAG = "links"

# Parameters every notebook has but a report sets itself: the report extracts its own corpus
# into its own folder, so notebooks given another corpus would show tables it never read.
SET_BY_REPORT = {
    "corpus": "the report reads the corpus given as its CORPUS argument",
    "out": "the report writes into the folder given with --out",
}


class NotebookFailed(RuntimeError):
    """A notebook raised; the message names it and the executed copy shows where."""


def notebooks() -> list[Path]:
    """The suite's notebooks, in their numbered order."""
    return sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def run_order(paths: list[Path]) -> list[Path]:
    """The order to execute notebooks in: their numbered order. They run side by side; the
    overview's list of the other notebooks' outputs is the page's (see `files_html`), made once
    they have all run."""
    return sorted(paths, key=lambda p: p.name)


def coerce(value: str):
    """Read a `-p NAME VALUE` value as papermill's CLI does: bool/None, int, float, else str."""
    if value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[value]
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def declared_parameters(paths: list[Path] | None = None) -> dict[Path, dict]:
    """Each notebook (default: the suite's) with its parameters as papermill inspects them:
    name -> `{name, inferred_type_name, default, help}`, in run order."""
    return {nb: pm.inspect_notebook(str(nb)) for nb in run_order(notebooks() if paths is None else paths)}


def declared_types(declared: dict[Path, dict]) -> dict[str, str]:
    """Parameter name -> the type name its parameters cell declares (`int`, `str`, ...;
    papermill's `None` for an untyped one), over all notebooks of `declared`."""
    return {name: p["inferred_type_name"] for params in declared.values() for name, p in params.items()}


def command_parameters(typed: list[tuple[str, str]] | None = None, raw: list[tuple[str, str]] | None = None,
                       declared: dict[Path, dict] | None = None) -> dict:
    """The notebook parameters of a command line: `-p NAME VALUE` pairs (`typed`) and
    `-r NAME VALUE` pairs (`raw`).

    A `-p` value of a parameter the notebooks declare `str` is kept as written (`001` stays
    the article `001`); any other `-p` value is read as papermill reads it (`coerce`). `-r`
    values are always kept as written. As in papermill, `-r` wins over `-p` for one name.
    Returns name -> value, still to be checked by `checked_parameters`.
    """
    types = declared_types(declared_parameters() if declared is None else declared)
    values = {name: value if types.get(name) == "str" else coerce(value) for name, value in typed or []}
    values.update(dict(raw or []))
    return values


def checked_parameters(parameters: dict, declared: dict[Path, dict]) -> dict:
    """`parameters` checked against the notebooks of `declared`, each value converted to the
    type its notebook declares (see `notebook.parameter_value`).

    Raises ValueError, with one line naming the parameter, for `corpus` or `out` (the report
    sets them), for a name no notebook declares, and for a value of the wrong type.
    """
    for name, why in SET_BY_REPORT.items():
        if name in parameters:
            raise ValueError(f"parameter {name} cannot be set: {why}")
    types = declared_types(declared)
    unknown = set(parameters) - set(types)
    if unknown:
        raise ValueError(unknown_parameters(unknown, set(types) - set(SET_BY_REPORT)))
    return {name: parameter_value(name, value, types[name]) for name, value in parameters.items()}


def run_report(corpus: str | Path, out: str | Path, parameters: dict | None = None, progress: bool = True, timeout: int = 1800,
               workers: int | None = None, cache: bool | str | Path = True, parse_workers: int | None = None,
               aliases: str | Path | bool | None = None) -> list[Path]:
    """Extract the corpus once, then execute each notebook with `corpus` and `out` set.

    Executed notebooks land in `out/notebooks/`, tables in `out/`, charts in `out/charts/`, and
    all of it as one page in `out/report.html` (see `write_report_html`), the contract tables as
    one spreadsheet, `out/medialens.xlsx`, and what each file is in `out/README.txt` (see
    `outfiles.py`); what a previous run wrote there is removed first. Each kernel runs in
    `out/notebooks/`, where its notebook is saved, so links a notebook shows are relative to it.
    Notebooks run `workers` at a time (default: one per core, at most two), each in its own
    process; overviews run after the others. `timeout` is per cell, in seconds. `cache` and
    `parse_workers` are `extract`'s `cache` and `workers`; the notebooks read the same cache
    (with `cache=False`, a temporary one, removed afterwards, so nothing is kept). `aliases` is
    the corrections file (see `extract`); the notebooks apply the same one, and the page says
    which was applied.
    `parameters` are checked before anything runs (see `checked_parameters`); with `gender`
    False, no table of `out` has a gender column.
    Raises NotebookFailed naming the first notebook that fails; ValueError for a parameter
    that is unknown, of the wrong type, or `corpus`/`out`; NoArticles (a ValueError) when no
    article of the corpus could be read, before any notebook runs. Returns the executed
    notebooks' paths, in numbered order.
    """
    corpus, out = resolve(corpus), resolve(out)
    declared = declared_parameters()
    parameters = checked_parameters(dict(parameters or {}), declared)
    check_corpus_outside(corpus, out)
    out.mkdir(parents=True, exist_ok=True)
    clear_previous(out)  # nothing a previous run wrote outlives this one (a gender chart, a dropped table)
    with _report_cache(cache) as cache_folder:
        # parse once; the notebooks read the cache. Tables a previous run left current (same
        # corpus, code, model and corrections, gender as asked) are used as they are
        gender = parameters.get("gender", True) is not False
        tables = reusable_tables(corpus, out, gender) if aliases is None else None
        if tables is None:
            tables = extract(corpus, out=out, progress=progress, cache=cache_folder, workers=parse_workers, aliases=aliases,
                             gender=gender)
        require_articles(tables, corpus, out)
        applied = (read_manifest(out) or {}).get("corrections")
        # the spreadsheet needs only the contract tables: it is written while the notebooks run,
        # mostly while the overview notebook runs alone on one core
        with ThreadPoolExecutor(1) as side:
            spreadsheet = side.submit(write_spreadsheet, out)
            done = _run_notebooks(corpus, out, parameters, declared, progress, timeout, workers, cache_folder,
                                  Path(applied["path"]) if applied else None)
            spreadsheet.result()
    intro = page_intro(tables, corpus, out, parameters, corrections_line(applied))
    # the gender analysis's prose, not only its tables, leaves the page when gender is off, and
    # the evaluation's empty sections when no hand annotation covers the corpus
    leave_out = frozenset({GENDER_TAG} if parameters.get("gender", True) is False else set()) | frozenset(
        {SCORED_TAG} if scored_line(out) is None else set()) | {LINKS_TAG}
    write_report_html(done, out / "report.html", title=f"medialens report — {corpus_name(corpus)}", intro=intro,
                      leave_out=leave_out, outro=files_html(out, done))
    write_readme(out)  # last: it lists every file the run left
    return done


# Folder names that say nothing of what a corpus is: its parent folder says more.
_GENERIC_NAMES = {"corpus", "articles", "data", "texts", "input", "inputs", "raw", "files", "txt", "html", "news"}


def corpus_name(corpus: Path) -> str:
    """The corpus's name for the page title: its file or folder name (`bbc-2024`), with the
    parent folder when that name is a generic one (`polnear-dev/corpus`)."""
    name = corpus.stem or str(corpus)
    if name.lower() in _GENERIC_NAMES and corpus.parent.name:
        return f"{corpus.parent.name}/{name}"
    return name


def page_intro(tables: Tables, corpus: Path, out: Path, parameters: dict, corrections: str) -> str:
    """What the page says before the notebooks (HTML): the findings in words, how reliable the
    figures are (this corpus's own evaluation when the evaluation notebook scored it), and how
    the run was made."""
    said = findings(tables, gender=parameters.get("gender", True) is not False)
    listed = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in said) or "<li>No quote was found.</li>"
    return (
        f'<section class="findings" id="findings"><h2>In short</h2><ul>{listed}</ul></section>\n'
        + reliability_html(scored_line(out)) + "\n"
        + provenance_html(provenance(corpus, out, parameters, corrections))
    )


def files_html(out: Path, executed: list[Path]) -> str:
    """The page's last section (HTML): links to the executed notebooks and to every table and
    chart the run wrote into `out`, relative to `out`, where the page is."""
    listed = view.links_html(output_index(out, out, executed))
    return f'<section class="files" id="files"><h2>The files of this report</h2>{listed}</section>'


def scored_line(out: Path) -> str | None:
    """A line on the corpus's own evaluation, from the evaluation notebook's figures table in
    `out` (written only when hand annotations cover some of the corpus), or None."""
    try:
        figures = pd.read_csv(out / "evaluation_figures.csv", dtype=str).set_index("figure")["value"]
    except (OSError, ValueError, KeyError):
        return None
    def figure(name: str) -> str:
        value = pd.to_numeric(figures.get(name), errors="coerce")
        return "n/a" if pd.isna(value) else f"{value:.0%}"
    return (f"hand annotations cover {figures.get('articles', '?')} of its articles; on those, quote F1 is "
            f"{figure('quote_f1')}, speaker accuracy {figure('speaker_acc')} and end-to-end F1 {figure('end_to_end_f1')} "
            "(the Evaluation section has the rest).")


def reusable_tables(corpus: Path, out: Path, gender: bool) -> Tables | None:
    """The tables in `out` when its manifest says they are current for `corpus` (see
    `manifest.current_tables`) and they hold gender exactly when `gender` asks for it; else None."""
    tables = current_tables(corpus, out)
    if tables is None or ("speaker_gender" in tables.quotes.columns) != gender:
        return None
    return tables


@contextmanager
def _report_cache(cache: bool | str | Path) -> Iterator[Path]:
    """The cache folder a report and its notebooks share."""
    if cache is False or cache is None:
        with tempfile.TemporaryDirectory(prefix="medialens-report-cache-") as tmp:
            yield Path(tmp)
    else:
        yield cache_folder(None if cache is True else cache)


def corrections_line(applied: dict | None) -> str:
    """The page's line on the corrections applied to its tables (the manifest's `corrections`)."""
    if not applied:
        return "Corrections: none applied (no aliases.csv beside the corpus, no --aliases)."
    return f"Corrections applied from {applied['path']} (sha256 {applied['digest'][:12]})."


def _run_notebooks(corpus: Path, out: Path, parameters: dict, declared: dict, progress: bool, timeout: int,
                   workers: int | None, cache: Path, aliases: Path | None = None) -> list[Path]:
    """Execute every notebook on the extracted corpus, each applying the corrections file
    `aliases` the extraction applied; the executed notebooks, in numbered order."""
    (out / "notebooks").mkdir(exist_ok=True)
    jobs = [
        (nb, out / "notebooks" / nb.name, {"corpus": str(corpus), "out": str(out), **{k: v for k, v in parameters.items() if k in params}})
        for nb, params in declared.items()
    ]
    workers = workers or min(2, os.cpu_count() or 1)
    with tqdm(total=len(jobs), desc="notebooks", unit="notebook", disable=not progress or None) as bar:
        execute_notebooks(jobs, timeout, workers, bar, cache, aliases)
    return sorted((target for _, target, _ in jobs), key=lambda p: p.name)


def execute_notebooks(jobs: list[tuple[Path, Path, dict]], timeout: int = 1800, workers: int = 1, bar=None,
                      cache: Path | None = None, aliases: Path | None = None) -> None:
    """Execute `(notebook, target, parameters)` jobs, `workers` at a time, each by the papermill
    command in its own process (papermill's `cwd` is a process-wide chdir, so threads calling it
    would race, and a process pool would re-import the caller's main module); `bar` (a tqdm) is
    advanced per notebook; `cache` is the extraction cache the kernels use, `aliases` the
    corrections file they apply (default: as a run finds it). Raises
    NotebookFailed with the first failing notebook's message (in the order given), after the
    others ran. Interrupted (Ctrl-C, SIGTERM), it stops every running notebook and its kernel
    first: they run in sessions of their own, so no signal reaches them otherwise."""
    started: list[subprocess.Popen] = []
    with ThreadPoolExecutor(max(1, min(workers, len(jobs)))) as pool:
        futures = [pool.submit(_execute, *job, timeout, cache, started, aliases) for job in jobs]
        try:
            for future in as_completed(futures):
                if bar is not None:
                    bar.update()
        except BaseException:
            for future in futures:
                future.cancel()
            for proc in started:
                _stop(proc)
            raise
    failures = [f.result() for f in futures if f.result()]
    if failures:
        raise NotebookFailed(failures[0])


def _stop(proc: subprocess.Popen) -> None:
    """Kill a notebook run's process group (papermill and its kernel), if it is still running."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _execute(nb: Path, target: Path, values: dict, timeout: int, cache: Path | None = None,
             started: list[subprocess.Popen] | None = None, aliases: Path | None = None) -> str | None:
    """Run one notebook into `target` with the papermill command; the failure message, or None.
    The process is added to `started`, so an interrupted batch can stop it.

    Besides papermill's per-cell `timeout`, the whole run gets an outer limit (a cell's limit
    per code cell, plus kernel start), since papermill can hang after the last cell (#711)."""
    cells = sum(c.cell_type == "code" for c in nbformat.read(str(nb), as_version=4).cells)
    limit = timeout * max(cells, 1) + 120
    cmd = [sys.executable, "-m", "papermill", str(nb), str(target), "-k", KERNEL, "--no-progress-bar",
           "--cwd", str(target.parent), "--execution-timeout", str(timeout), "-y", json.dumps(values)]
    # kernels inherit the environment: no progress bars, which would be saved frozen at 0%
    env = {**os.environ, "TQDM_DISABLE": "1", **({"MEDIALENS_CACHE": str(cache)} if cache else {}),
           **({ALIASES_ENV: str(aliases)} if aliases else {})}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    if started is not None:
        started.append(proc)
    try:
        _, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # this run's own process group: papermill and its kernel
        proc.communicate()
        return f"{nb.name} did not finish in {limit} s (see {target})"
    if proc.returncode == 0:
        return None
    last = err.strip().splitlines()[-1] if err.strip() else f"exit status {proc.returncode}"
    return _failure(nb, target) or f"{nb.name} failed: {last}"


def _failure(nb: Path, target: Path) -> str | None:
    """The message for a notebook that raised, from the error output papermill saved."""
    try:
        executed = nbformat.read(str(target), as_version=4)
    except (OSError, ValueError):
        return None
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{nb.name} failed at cell {cell.get('execution_count')}: {output['ename']}: {output['evalue']} (see {target})"
    return None


# The page's own stylesheet: nbconvert's `basic` template leaves styling to the page.
REPORT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 70em; margin: 0 auto; padding: 1em 2em 4em; color: #222; line-height: 1.45; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ccc;
      padding: 0.5em 0; margin-bottom: 1em; }
nav a { margin-right: 1.2em; }
section.findings ul { font-size: 105%; padding-left: 1.2em; }
section.reliability { border: 2px solid #0072B2; border-radius: 6px; padding: 0.3em 1em; background: #f3f8fc; }
section.reliability h2, section.provenance h2, section.findings h2 { margin: 0.4em 0; font-size: 120%; }
p.caveat { color: #444; font-size: 90%; }
section.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; font-size: 90%; }
section.provenance dt { font-weight: bold; }
section.provenance dd { margin: 0; overflow-wrap: anywhere; }
section.notebook { border-top: 3px solid #444; margin-top: 2.5em; padding-top: 0.5em; }
.notebook-source { color: #666; font-size: 85%; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 88%; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; max-width: 30em; }
.output_html { overflow-x: auto; }
thead th { background: #f2f2f2; }
tbody tr:nth-child(even) { background: #fafafa; }
caption { caption-side: top; font-weight: bold; text-align: left; }
img { max-width: 100%; height: auto; }
/* the one article shown is read in its own scrolling box: every article has its own page too */
.ml-article { max-height: 45em; overflow-y: auto; border: 1px solid #ddd; padding: 0 1em; }
.output_area pre { white-space: pre-wrap; font-size: 85%; }
a.anchor-link { visibility: hidden; margin-left: 0.3em; text-decoration: none; }
h1:hover a.anchor-link, h2:hover a.anchor-link, h3:hover a.anchor-link { visibility: visible; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .notebook-source, a.anchor-link, .dataTables_wrapper .dt-search, .dt-paging, .dt-length { display: none; }
  section.notebook { break-before: page; border: none; }
  .output_html, .ml-article { overflow: visible; max-height: none; }
  table { font-size: 8pt; width: 100%; table-layout: auto; }
  th, td { max-width: none; overflow-wrap: anywhere; }
  img, tr, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

# Outputs that belong to a live kernel, not to a page: widget views (progress bars) and
# stderr (warnings, which name the kernel's temporary files).
_LIVE_ONLY = "application/vnd.jupyter.widget-view+json"


def _printable(nb: nbformat.NotebookNode, leave_out: frozenset[str] = frozenset()) -> nbformat.NotebookNode:
    """A copy of an executed notebook with only what a reader of the page should see: no cell
    tagged with one of `leave_out`."""
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    nb.cells = [c for c in nb.cells if not leave_out & set(c.get("metadata", {}).get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.outputs
                if not (o.output_type == "stream" and o.get("name") == "stderr") and _LIVE_ONLY not in o.get("data", {})
            ]
    return nb


def _rebase_links(body: str, source_dir: Path, page_dir: Path) -> str:
    """Make relative links written for a notebook in `source_dir` work from a page in `page_dir`."""
    def fix(m: re.Match) -> str:
        target = html.unescape(m.group(2))
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return m.group(0)
        moved = Path(os.path.relpath((source_dir / target).resolve(), page_dir.resolve())).as_posix()
        return f'{m.group(1)}="{html.escape(moved)}"'

    return re.sub(r'\b(href|src)="([^"]*)"', fix, body)


def _prefix_heading_ids(body: str, prefix: str) -> str:
    """Prefix the ids nbconvert gives headings (and their anchor links), which repeat across
    notebooks ("The corpus"), so every anchor on the page is unique."""
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', body))
    for old in ids:
        body = body.replace(f'id="{old}"', f'id="{prefix}-{old}"').replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    return body


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """A notebook's title: the text of its first level-1 markdown heading, else `default`."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return default


def write_report_html(executed: list[Path], path: str | Path, title: str = "medialens report", intro: str = "",
                      leave_out: frozenset[str] = frozenset(), outro: str = "") -> Path:
    """Write one self-contained HTML page of executed notebooks, in the order given: `intro`
    (HTML: findings, reliability, provenance; see `page_intro`), a table of contents, then each
    notebook without its code (outputs and prose only). Relative links the notebooks show are
    rewritten to work from the page's folder. Cells tagged with one of `leave_out` are left out
    (`gender`: the gender analysis, for a run with gender switched off; `scored`: a corpus's own
    evaluation, when no annotation covers it; `links`: the overview's list of outputs). `outro`
    (HTML) ends the page. Returns the page's path."""
    from nbconvert import HTMLExporter

    path = Path(path)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    sections, toc = [], []
    for nb_path in executed:
        nb = nbformat.read(str(nb_path), as_version=4)
        body, _ = exporter.from_notebook_node(_printable(nb, leave_out))
        body = _prefix_heading_ids(_rebase_links(body, nb_path.parent, path.parent), nb_path.stem)
        name = notebook_title(nb, nb_path.stem)
        link = Path(os.path.relpath(nb_path.resolve(), path.parent.resolve())).as_posix()
        toc.append(f'<a href="#{html.escape(nb_path.stem)}">{html.escape(name)}</a>')
        sections.append(
            f'<section class="notebook" id="{html.escape(nb_path.stem)}">'
            f'<p class="notebook-source">From <a href="{html.escape(link)}">{html.escape(nb_path.name)}</a>'
            f' · <a href="#top">back to the top</a></p>{body}</section>'
        )
    page = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
        f'<style>{REPORT_CSS}</style>\n</head>\n<body>\n<h1 id="top">{html.escape(title)}</h1>\n'
        + (intro + "\n" if intro else "")
        + f'<nav>{"".join(toc)}</nav>\n{"".join(sections)}\n{outro}\n</body>\n</html>\n'
    )
    atomic_write(path, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    return path

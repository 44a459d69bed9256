"""Batch runs: every notebook over a corpus with papermill, into one output folder, and one
self-contained HTML page of their results (`report_page.py`)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Iterator

import papermill as pm
from tqdm.auto import tqdm

from .cache import cache_folder
from .corrections import ENV as ALIASES_ENV
from .extract import extract
from .manifest import current_tables, read_manifest
from .notebook import parameter_value, require_articles, unknown_parameters
from .outfiles import check_corpus_outside, clear_previous, write_readme
from .paths import notebooks_dir, resolve
from .report_page import corpus_name, files_html, page_intro, scored_line, write_report_html
from .spreadsheet import SPREADSHEET, spreadsheet_current, write_spreadsheet
from .tables import Tables

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
    # nothing a previous run wrote outlives this one (a gender chart, a dropped table); a
    # spreadsheet of the very tables kept stays, and is kept again unless the tables change
    clear_previous(out, keep=[SPREADSHEET] if spreadsheet_current(out) else [])
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
    """Execute `(notebook, target, parameters)` jobs, `workers` at a time, in the order given:
    each of `workers` processes (`notebook_runner.py`, papermill loaded once in each) takes the
    next job when it is done with one; `bar` (a tqdm) is advanced per notebook; `cache` is the
    extraction cache the kernels use, `aliases` the corrections file they apply (default: as a
    run finds it). Besides papermill's per-cell `timeout`, a notebook gets an outer limit (a
    cell's limit per code cell, plus kernel start), since papermill can hang after the last
    cell (#711): its process is then stopped, as is one that died, and the next job gets a new
    one. Raises NotebookFailed with the first failing notebook's message (in the order given),
    after the others ran. Interrupted (Ctrl-C, SIGTERM), it stops every runner first: they run
    in sessions of their own, so no signal reaches them otherwise, and each kernel, in a
    session of its own too, ends with its runner (ipykernel watches its parent process)."""
    # kernels inherit the environment: no progress bars, which would be saved frozen at 0%
    env = {**os.environ, "TQDM_DISABLE": "1", **({"MEDIALENS_CACHE": str(cache)} if cache else {}),
           **({ALIASES_ENV: str(aliases)} if aliases else {})}
    pending = list(enumerate(jobs))
    failures: dict[int, str] = {}
    started: list[subprocess.Popen] = []
    stopping = threading.Event()
    lock = threading.Lock()

    def next_job() -> tuple[int, tuple[Path, Path, dict]] | None:
        with lock:
            return pending.pop(0) if pending and not stopping.is_set() else None

    def new_runner(log) -> subprocess.Popen | None:
        with lock:  # an interruption stops every runner in `started`: none may start after it
            if stopping.is_set():
                return None
            runner = subprocess.Popen([sys.executable, "-m", "medialens.notebook_runner"], env=env, text=True,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, start_new_session=True)
            started.append(runner)
            return runner

    def lane() -> None:
        runner = None
        with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
            try:
                while (taken := next_job()) is not None:
                    k, (nb, target, values) = taken
                    if runner is None and (runner := new_runner(log)) is None:
                        return
                    error, spent = _execute(runner, nb, target, values, timeout, log)
                    if error is not None:
                        failures[k] = error
                    if spent:  # stuck or gone: the next job gets a new process
                        _stop(runner)
                        runner = None
                    if bar is not None:
                        with lock:
                            bar.update()
            finally:
                if runner is not None and runner.poll() is None:
                    runner.stdin.close()
                    runner.wait()

    n_lanes = max(1, min(workers, len(jobs)))
    with ThreadPoolExecutor(n_lanes) as pool:
        lanes = [pool.submit(lane) for _ in range(n_lanes)]
        try:
            for future in as_completed(lanes):
                future.result()
        except BaseException:
            with lock:
                stopping.set()
                for proc in started:
                    _stop(proc)
            raise
    if failures:
        raise NotebookFailed(failures[min(failures)])


def _stop(proc: subprocess.Popen) -> None:
    """Kill a runner's process group (it and papermill), if it is still running, and reap it."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        try:
            pipe.close()
        except OSError:  # a write the dead runner never read
            pass


def _execute(runner: subprocess.Popen, nb: Path, target: Path, values: dict, timeout: int, log) -> tuple[str | None, bool]:
    """Have `runner` execute one notebook into `target`: the failure message (None when it ran),
    and whether the runner is of no further use (stuck past the notebook's limit, or ended).
    `log` is the runner's standard error, whose last line says why a runner ended."""
    cells = sum(c.get("cell_type") == "code" for c in json.loads(nb.read_text(encoding="utf-8"))["cells"])
    limit = timeout * max(cells, 1) + 120
    job = {"notebook": str(nb), "target": str(target), "parameters": values, "timeout": timeout, "kernel": KERNEL}
    try:
        runner.stdin.write(json.dumps(job) + "\n")
        runner.stdin.flush()
    except OSError:  # the runner ended before taking the job
        return _ended(nb, runner, log), True
    answer: list[str] = []
    reader = threading.Thread(target=lambda: answer.append(runner.stdout.readline()), daemon=True)
    reader.start()
    reader.join(limit)
    if reader.is_alive():
        return f"{nb.name} did not finish in {limit} s (see {target})", True
    if not answer or not answer[0].strip():
        return _failure(nb, target) or _ended(nb, runner, log), True
    error = json.loads(answer[0])["error"]
    if error is None:
        return None, False
    return _failure(nb, target) or f"{nb.name} failed: {error}", False


def _ended(nb: Path, runner: subprocess.Popen, log) -> str:
    """The message for a notebook whose runner ended under it: its status and the last line
    it wrote to standard error."""
    status = runner.wait()
    log.flush()
    log.seek(0)
    lines = [line.strip() for line in log.read().splitlines() if line.strip()]
    return f"{nb.name} failed: its process ended with status {status}" + (f": {lines[-1]}" if lines else "")


def _failure(nb: Path, target: Path) -> str | None:
    """The message for a notebook that raised, from the error output papermill saved."""
    try:
        executed = json.loads(Path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for cell in executed.get("cells", []):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{nb.name} failed at cell {cell.get('execution_count')}: {output['ename']}: {output['evalue']} (see {target})"
    return None

"""Batch runs: every notebook over a corpus with papermill, into one output folder."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import papermill as pm
from tqdm.auto import tqdm

from .extract import extract
from .paths import notebooks_dir, resolve

KERNEL = "python3"


class NotebookFailed(RuntimeError):
    """A notebook raised; the message names it and the executed copy shows where."""


def notebooks() -> list[Path]:
    """The suite's notebooks, in their numbered order."""
    return sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


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


def run_report(corpus: str | Path, out: str | Path, parameters: dict | None = None, progress: bool = True, timeout: int = 1800) -> list[Path]:
    """Extract the corpus once, then execute each notebook with `corpus` and `out` set.

    Executed notebooks land in `out/notebooks/`, tables in `out/`, charts in `out/charts/`.
    Raises NotebookFailed naming the first notebook that fails; ValueError for a parameter
    no notebook declares. Returns the executed notebooks' paths.
    """
    corpus, out = resolve(corpus), resolve(out)
    out.mkdir(parents=True, exist_ok=True)
    parameters = dict(parameters or {})
    declared = {nb: pm.inspect_notebook(str(nb)) for nb in notebooks()}
    unknown = set(parameters) - {name for params in declared.values() for name in params}
    if unknown:
        raise ValueError(f"no notebook has a parameter named {', '.join(sorted(unknown))}")
    extract(corpus, out=out, progress=progress)  # parse once; the notebooks read the cache
    done = []
    for nb, params in tqdm(declared.items(), desc="notebooks", unit="notebook", disable=not progress or None):
        target = out / "notebooks" / nb.name
        target.parent.mkdir(parents=True, exist_ok=True)
        values = {"corpus": str(corpus), "out": str(out), **{k: v for k, v in parameters.items() if k in params}}
        try:
            with _quiet_kernels():
                pm.execute_notebook(str(nb), str(target), parameters=values, kernel_name=KERNEL,
                                    progress_bar=False, cwd=str(nb.parent), execution_timeout=timeout)
        except pm.PapermillExecutionError as e:
            raise NotebookFailed(f"{nb.name} failed at cell {e.exec_count}: {e.ename}: {e.evalue} (see {target})") from None
        done.append(target)
    return done


@contextmanager
def _quiet_kernels():
    """Kernels inherit the environment: no progress bars, which would be saved frozen at 0%."""
    before = os.environ.get("TQDM_DISABLE")
    os.environ["TQDM_DISABLE"] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TQDM_DISABLE", None)
        else:
            os.environ["TQDM_DISABLE"] = before

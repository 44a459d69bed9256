"""What every notebook does first and shows last: open a corpus, display a table safely."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .extract import extract
from .paths import resolve
from .tables import Tables, write_table


def open_corpus(corpus: str, out: str, progress: bool = True) -> tuple[Tables, Path, str]:
    """Extract (or read from the cache) the tables of `corpus` and write them into `out`.

    Paths are resolved against the project when they do not exist from the current folder,
    so notebook defaults work under nbval, papermill and JupyterLab alike. Returns the tables,
    the output folder and a short corpus name for chart titles.
    """
    corpus_path, out_path = resolve(corpus), resolve(out)
    tables = extract(corpus_path, out=out_path, progress=progress)
    return tables, out_path, corpus_path.stem or str(corpus)


def as_list(value: str | list | tuple | None) -> list[str] | None:
    """A list parameter from papermill: a list (YAML, `-y`) or a comma-separated string (`-p`)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def show(df: pd.DataFrame, name: str, out: Path | None = None, caption: str | None = None):
    """Display a table with its text HTML-escaped (quotes may contain markup); with `out`,
    also write it as `out/NAME.csv` and `out/NAME.parquet`."""
    if out is not None:
        write_table(df, name, out)
    styler = df.style.format(escape="html", precision=3, na_rep="").hide(axis="index").set_uuid(name)
    return styler.set_caption(caption) if caption else styler

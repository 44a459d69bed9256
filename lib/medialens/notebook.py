"""What every notebook does first and shows last: check its parameters, open a corpus, display
a table safely."""
from __future__ import annotations

import difflib
import html
import logging
import math
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

from .comparisons import FREQUENCIES
from .lexicon.entities import DEFAULT_LABELS
from .lexicon.quoting import KINDS
from .lexicon.sources import SOURCE_TYPES
from .manifest import current_tables
from .paths import resolve
from .tables import GENDER_COLUMNS, PARQUET_ONLY, Tables, write_table

# The whole-number parameters of the notebooks are counts (how many to list or chart, a least
# number of articles), so none of them can be below 1.
LEAST_WHOLE_NUMBER = 1
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


# The parameters whose values are names from a fixed set: a parameter of one of these names
# means the same in every notebook (a report passes one value to all that declare it), so the
# set is known by the name. Each is (what one value is, the values it may take, whether it takes
# several, comma-separated).
ENUMERATED: dict[str, tuple[str, tuple[str, ...], bool]] = {
    "kinds": ("a quote kind", KINDS, True),
    "speaker_types": ("a source type", SOURCE_TYPES, True),
    "labels": ("an entity label", DEFAULT_LABELS, True),
    "metric": ("a metric", ("quotes", "words"), False),
    "freq": ("a frequency", FREQUENCIES, False),
}
# Names offered after "did you mean": at most this many, each at least this similar.
CLOSE_MATCHES = 3
CLOSE_CUTOFF = 0.6
# ... and at most this much less alike than the best (`drect` is `direct`, not also `indirect`).
CLOSE_MARGIN = 0.1
# An unknown article id is answered with every id of a corpus this small, else where they are.
LIST_IDS = 10


class NoArticles(ValueError):
    """A corpus none of whose inputs could be read as an article."""


def parameter_value(name: str, value, declared: str | None):
    """`value` as the type a parameters cell declares for `name`, or ValueError naming both.

    `declared` is the type's name as papermill reads it (`int`, `float`, `bool`, `str`);
    any other type, or none, leaves `value` as it is. Whole numbers must be at least 1 and
    may come as integral floats or digit strings (`-r top_n 5`); booleans as `True`/`False`
    in any case; text parameters take numbers as text (`-p article_id 7` is the article `7`)
    and lists of text (a YAML list of labels). A parameter named in ENUMERATED takes only
    its valid values (see `choices`), spelt as they are listed there. Returns the converted
    value.
    """
    check = _CHECKS.get(declared or "")
    value = value if check is None else check(name, value)
    if name in ENUMERATED and isinstance(value, (str, list)):
        what, valid, several = ENUMERATED[name]
        if not several:
            return choices(name, [value], valid, what)[0]
        chosen = choices(name, value, valid, what)
        value = ",".join(chosen) if isinstance(value, str) else chosen
    return value


def close_matches(value: str, known: Iterable[str]) -> list[str]:
    """The names of `known` that `value` was probably meant to be, most alike first: those it
    begins (a cut-off id), then those difflib finds similar (any case), keeping only those
    nearly as alike as the best; at most CLOSE_MATCHES."""
    known = list(dict.fromkeys(known))
    lowered = value.lower()
    found = [k for k in known if lowered and k.lower().startswith(lowered)]
    scored = sorted(((difflib.SequenceMatcher(None, lowered, k.lower()).ratio(), k) for k in known), key=lambda s: -s[0])
    if scored and scored[0][0] >= CLOSE_CUTOFF:
        found += [k for score, k in scored if score >= max(CLOSE_CUTOFF, scored[0][0] - CLOSE_MARGIN)]
    return list(dict.fromkeys(found))[:CLOSE_MATCHES]


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """`"; did you mean X?"` (or `X or Y`) naming `close_matches`, or "" when none is close."""
    matches = close_matches(value, known)
    return f"; did you mean {' or '.join(matches)}?" if matches else ""


def choices(name: str, value: str | list | tuple | None, valid: Iterable[str], what: str = "a valid value") -> list[str]:
    """The values of the list parameter `name` (comma-separated text or a list, see `as_list`),
    each spelt as in `valid` (any case is accepted: `person` is `PERSON`); an empty value is
    all of `valid`. Raises ValueError for the first value not in `valid`, naming the valid
    ones and the close matches: `kinds: 'drect' is not a quote kind; valid: direct, mixed,
    indirect; did you mean direct?`. `what` names one value (`a quote kind`)."""
    valid = list(valid)
    by_case = {v.lower(): v for v in valid}
    given = as_list(value)
    if not given:
        return valid
    chosen = []
    for v in given:
        if v.lower() not in by_case:
            raise ValueError(f"{name}: {v!r} is not {what}; valid: {', '.join(valid)}{did_you_mean(v, valid)}")
        chosen.append(by_case[v.lower()])
    return list(dict.fromkeys(chosen))


def unknown_parameters(unknown: Iterable[str], known: Iterable[str]) -> str:
    """The message for parameter names no notebook declares: each with its close matches,
    then every name that can be set."""
    known = sorted(set(known))
    named = "; ".join(f"{n}{did_you_mean(n, known)}" for n in sorted(unknown))
    return f"no notebook has a parameter named {named} (the parameters: {', '.join(known)})"


def article_choice(article_id: str | None, articles: pd.DataFrame) -> str | None:
    """`article_id` when the articles table has it, None when it is empty (every article);
    raises ValueError naming the close matches for an id the corpus does not have."""
    if not article_id:
        return None
    ids = articles["article_id"].astype(str)
    if (ids == article_id).any():
        return article_id
    hint = did_you_mean(article_id, ids)
    if not hint:
        hint = (f"; its articles: {', '.join(ids)}" if len(ids) <= LIST_IDS
                else f"; its {len(ids):,} ids are the article_id column of articles.csv")
    raise ValueError(f"article_id: no article {article_id!r} in the corpus{hint}")


def speaker_choice(speaker: str | None, quotes: pd.DataFrame) -> str | None:
    """`speaker` when some quote's `speaker_canonical` contains it (any case), None when it is
    empty (every speaker); raises ValueError naming the speakers it is close to (by whole name
    or by one of its words: `Lavrv` is close to `Sergei Lavrov`) when none does."""
    if not speaker:
        return None
    names = quotes["speaker_canonical"].dropna().astype(str).unique().tolist()
    if any(speaker.lower() in n.lower() for n in names):
        return speaker
    by_word: dict[str, str] = {}
    for n in names:
        for word in n.split():
            by_word.setdefault(word, n)
    close = [by_word.get(m, m) for m in close_matches(speaker, [*names, *by_word])]
    hint = f"; did you mean {' or '.join(dict.fromkeys(close))}?" if close else ""
    raise ValueError(f"speaker: no quote's speaker contains {speaker!r}{hint}")


def scope_line(subject: str, article_id: str | None, articles: pd.DataFrame) -> str:
    """The line a notebook prints to say what `article_id` restricted: `Quotes of article X only
    (article_id)`, or `Quotes of all 84 articles` when it is empty. Raises ValueError for an
    id the corpus does not have (see `article_choice`)."""
    chosen = article_choice(article_id, articles)
    if chosen is not None:
        return f"{subject} of article {chosen} only (article_id)"
    n = len(articles)
    return f"{subject} of the one article" if n == 1 else f"{subject} of all {n:,} articles"


def shown_article_line(article_id: str | None, articles: pd.DataFrame, default: str | None = None) -> str:
    """The line the overview prints above the one article it shows (`article_id`, or when
    empty `default`, the most quoted article, else the first of `articles`), saying that
    `article_id` chose only that article. Raises ValueError for an id the corpus does not have
    (see `article_choice`)."""
    chosen = article_choice(article_id, articles)
    first = str(articles["article_id"].iloc[0]) if len(articles) else "none"
    shown = chosen or default or first
    how = "(article_id)" if chosen else "(the most quoted; set article_id for another)" if default else "(the first; set article_id for another)"
    n = len(articles)
    rest = "the one article" if n == 1 else f"all {n:,} articles"
    return f"The article shown: {shown} {how}; every other table and chart covers {rest}"


def _whole_number(name: str, value) -> int:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"parameter {name} must be a whole number, got {value!r}")
    if value < LEAST_WHOLE_NUMBER:
        raise ValueError(f"parameter {name} must be at least {LEAST_WHOLE_NUMBER}, got {value!r}")
    return value


def _number(name: str, value) -> float:
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            pass
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"parameter {name} must be a number, got {value!r}")
    return float(value)


def _boolean(name: str, value) -> bool:
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if not isinstance(value, bool):
        raise ValueError(f"parameter {name} must be True or False, got {value!r}")
    return value


def _text(name: str, value) -> str | list[str]:
    def scalar(v) -> str:
        if isinstance(v, str):
            return v
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        raise ValueError(f"parameter {name} must be text, got {value!r}")

    if isinstance(value, (list, tuple)):
        return [scalar(v) for v in value]
    return scalar(value)


_CHECKS = {"int": _whole_number, "float": _number, "bool": _boolean, "str": _text}


def check_parameters(namespace: dict) -> None:
    """Check the parameters a notebook was given against the types its parameters cell declares.

    Call it as `check_parameters(globals())` in the cell after the parameters cell, where
    papermill's values have replaced the defaults. The declared types are the annotations of
    that cell (`top_n: int = 20`); each annotated value is converted in place as
    `parameter_value` does. Raises ValueError naming the first parameter of the wrong type,
    or the first value of an enumerated one (`kinds`, `labels`, ...) that is not valid.
    """
    for name, kind in dict(namespace.get("__annotations__", {})).items():
        if name in namespace:
            namespace[name] = parameter_value(name, namespace[name], getattr(kind, "__name__", str(kind)))


def open_corpus(corpus: str, out: str, progress: bool = True, gender: bool | None = None) -> tuple[Tables, Path, str]:
    """The tables of `corpus` in `out`: read as they are when the manifest beside them says
    they are current (the same corpus inputs and files, code and model; see `manifest.py`),
    else extracted (or read from the cache) and written there.

    Paths are resolved against the project when they do not exist from the current folder,
    so notebook defaults work under nbval, papermill and JupyterLab alike. Returns the tables,
    the output folder and a short corpus name for chart titles. Raises NoArticles (a
    ValueError) when not one article could be read; the rejects table is written all the same.
    With `gender` True, tables written without the gender columns (a report run with `gender`
    False) are extracted again with them; otherwise they are read as they are.
    """
    corpus_path, out_path = resolve(corpus), resolve(out)
    tables = current_tables(corpus_path, out_path)
    if tables is not None and gender and not set(GENDER_COLUMNS["sources"]) <= set(tables.sources.columns):
        tables = None
    if tables is None:
        from .extract import extract  # spaCy loads only when there is something to extract

        with _transient_progress(progress):
            tables = extract(corpus_path, out=out_path, progress=progress)
    require_articles(tables, corpus_path, out_path)
    return tables, out_path, corpus_path.stem or str(corpus)


@contextmanager
def _transient_progress(progress: bool) -> Iterator[None]:
    """In a notebook kernel, remove the progress bar once the work is done.

    A bar's widget is saved in the notebook as its first frame (`0%`), frozen, when nothing
    renders it (a papermill run), and is only clutter once done when something does; so the
    cell's output is cleared afterwards. What the library logged meanwhile (a cache that could
    not be used) is shown again after the clearing, so no warning is lost.
    """
    if not progress or "ipykernel" not in sys.modules:
        yield
        return
    from IPython.display import clear_output

    logged: list[logging.LogRecord] = []
    keep = _Collect(logged)
    logger = logging.getLogger("medialens")
    logger.addHandler(keep)
    try:
        yield
    finally:
        logger.removeHandler(keep)
        clear_output()
        for record in logged:
            print(f"medialens: {record.getMessage()}", file=sys.stderr)


class _Collect(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def require_articles(tables: Tables, corpus: str | Path, out: str | Path | None = None) -> None:
    """Raise NoArticles when `tables` hold no article, with a one-line message naming the
    corpus, how many of its inputs were rejected, and (with `out`) where the reasons are."""
    if len(tables.articles):
        return
    rejected = len(tables.rejects)
    if not rejected:
        raise NoArticles(f"no article could be read from {corpus}: it holds no file to read")
    reason = str(tables.rejects["reason"].iloc[0])
    count = f"1 input was rejected ({reason})" if rejected == 1 else f"{rejected} inputs were rejected (the first: {reason})"
    where = f"; the reasons are in {Path(out) / 'rejects.csv'}" if out is not None else ""
    raise NoArticles(f"no article could be read from {corpus}: {count}{where}")


def as_list(value: str | list | tuple | None) -> list[str] | None:
    """A list parameter from papermill: a list (YAML, `-y`) or a comma-separated string (`-p`)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value]


def show(df: pd.DataFrame, name: str, out: Path | None = None, caption: str | None = None, rows: int | None = None):
    """Display a table with its text HTML-escaped (quotes may contain markup); with `out`,
    also write it whole as `out/NAME.csv` and `out/NAME.parquet`.

    Only the first `rows` rows are displayed, without the columns only Parquet holds (the
    article text), (default `SHOWN_ROWS`): a page of a corpus's
    tables is read, not scrolled through, and the full table is one click away. A cut table
    says so in its caption, with a link to the CSV when one was written (relative to the
    current folder, the notebook's, as the report expects). Returns a pandas Styler.
    """
    if out is not None:
        write_table(df, name, out)
    rows = SHOWN_ROWS if rows is None else rows
    # the articles' whole text is for programs using the offsets, not for a page
    shown = df.head(rows).drop(columns=[c for c in PARQUET_ONLY if c in df.columns])
    styler = shown.style.format(escape="html", precision=3, na_rep="").hide(axis="index").set_uuid(name)
    note = _cut_note(len(df), len(shown), Path(out) / f"{name}.csv" if out is not None else None)
    text = " ".join(html.escape(part) for part in (caption,) if part)
    return styler.set_caption(" ".join(part for part in (text, note) if part)) if text or note else styler


# Enough rows to read a ranking from; a longer table is a file to open, not a page to scroll.
SHOWN_ROWS = 15


def _cut_note(total: int, shown: int, csv: Path | None) -> str:
    """The caption's note on a displayed table shorter than its table (HTML), or ''."""
    if shown >= total:
        return ""
    note = f"The first {shown} of {total:,} rows"
    if csv is None:
        return html.escape(note + ".")
    href = Path(os.path.relpath(Path(csv).resolve(), Path.cwd().resolve())).as_posix()
    return f'{html.escape(note)}; the whole table is <a href="{html.escape(href)}">{html.escape(csv.name)}</a>.'

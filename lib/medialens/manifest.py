"""The manifest of an output folder: what its tables were extracted from, so that a later step
can read them instead of extracting again.

A run writes `out/.medialens-manifest.json` into its staging folder with the tables, so the
manifest is published together with them (see `output.py`) and always describes the tables
beside it. It holds the corpus inputs (as absolute paths), a digest of the files they name
(path, size, modification time and inode of each, as `list_corpus` lists them: no file is read),
the library's `code_version`, the model's `model_id` and the row counts, and, when a corrections
file was applied (see `corrections.py`), its path and a digest of its bytes. The tables are
current for a corpus when all of these still match (`current_tables`): an edited corrections
file, or one added beside the corpus, makes them out of date. The name is hidden, so the manifest
is never read as an article, even from a copy of the folder inside a corpus.

A file changed within the same tick of the file system's clock as the run listed it could keep
its modification time; as git does for its index, a run that saw a file modified less than
`RACY_SECONDS` before it started records no digest, so its tables are never taken as current
and the next step extracts again.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Iterable

from .article import Skip
from .cache import code_version
from .corrections import Corrections, corrections_entry, find_corrections
from .io.corpus import CorpusListing, list_corpus
from .output import settled_output
from .pipeline import model_id
from .tables import Tables, read_tables

MANIFEST = ".medialens-manifest.json"
FORMAT = 1
# A file modified this recently, when the corpus was listed, may change again unseen.
RACY_SECONDS = 2.0

log = logging.getLogger("medialens")
# `describe` finds the corrections file itself, as a run given no `aliases` would.
FIND = object()


def corpus_inputs(corpus: str | Path | Iterable[str | Path]) -> list[str]:
    """The corpus inputs as absolute paths (patterns too, made absolute as they are)."""
    items = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
    return [os.path.abspath(os.fspath(item)) if str(item).strip() else str(item) for item in items]


def corpus_digest(corpus: str | Path | Iterable[str | Path], out: str | Path, now_ns: int | None = None) -> str | None:
    """A digest of the files `read_corpus(corpus, exclude=[out])` would read: the path, size,
    modification time and inode of each, in order. None when a file was modified less than
    `RACY_SECONDS` before `now_ns` (default: when the listing began), or when the corpus cannot
    be listed."""
    return listing_digest(list_corpus(corpus, exclude=[out]), now_ns)


def listing_digest(listing: CorpusListing, now_ns: int | None = None) -> str | None:
    """`corpus_digest` of a corpus already listed (see `list_corpus`), from the facts the listing
    looked up: no file is looked at again."""
    now_ns = listing.started_ns if now_ns is None else now_ns
    racy = now_ns - int(RACY_SECONDS * 1e9)
    h = hashlib.sha256()
    try:
        for entry in listing.entries:
            if isinstance(entry, Skip):
                continue
            # a file that could not be looked at counts with -1 for each fact: its reader reports
            # it, and a file that comes back changes the digest
            if entry.mtime_ns >= racy:
                return None
            line = f"{os.path.abspath(entry.path)}\0{entry.size}\0{entry.mtime_ns}\0{entry.inode}\n"
            h.update(line.encode("utf-8", "surrogateescape"))
    except (OSError, ValueError):  # a path no file system could hold
        return None
    if listing.error is not None:
        if isinstance(listing.error, (OSError, ValueError)):
            return None
        raise listing.error
    return h.hexdigest()


def describe(corpus: str | Path | Iterable[str | Path], out: str | Path, listing: CorpusListing | None = None,
             corrections: Corrections | None | object = FIND) -> dict:
    """What decides whether tables extracted now from `corpus` are still current later: the
    manifest without its counts. Call it before the corpus is read; `listing`, when given, is
    the run's listing of `corpus` (made with `exclude=[out]`), so the corpus is not listed again.
    `corrections` are those the run applies (None: none); by default the file a run would find
    (`corrections.find_corrections`). A run without corrections describes none, so its manifest
    is the one runs wrote before corrections existed."""
    if listing is None:
        listing = list_corpus(corpus, exclude=[out])
    entry = corrections_entry(find_corrections(corpus)) if corrections is FIND else corrections and corrections.entry()
    described = {
        "format": FORMAT,
        "corpus": corpus_inputs(corpus),
        "digest": listing_digest(listing),
        "code_version": code_version(),
        "model": model_id(),
    }
    return {**described, "corrections": entry} if entry else described


def write_manifest(folder: str | Path, described: dict, counts: dict[str, int], skipped: dict[str, int]) -> Path:
    """Write the manifest of a run (see `describe`) into `folder`, the run's staging folder."""
    path = Path(folder) / MANIFEST
    body = {**described, "counts": dict(counts), "skipped": dict(skipped)}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_manifest(out: str | Path) -> dict | None:
    """The manifest of an output folder, or None when it has none or it cannot be read."""
    try:
        value = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def is_current(manifest: dict | None, described: dict) -> bool:
    """True when `manifest` was written for the corpus, code, model and corrections that
    `described` names, and its digest is known."""
    if manifest is None or described.get("digest") is None:
        return False
    keys = {*described, "corrections"}  # tables corrected since, or no longer, are not current
    return all(manifest.get(key) == described.get(key) for key in keys)


def current_tables(corpus: str | Path | Iterable[str | Path], out: str | Path) -> Tables | None:
    """The tables in `out` when its manifest says they were extracted from `corpus`, unchanged
    since, by this code and model; None when they must be extracted again (no manifest, another
    corpus, a changed file, other code or model, a table missing or unreadable).

    The folder's lock is held while the manifest and the tables are read, so a run writing the
    folder meanwhile cannot mix its tables with them.
    """
    out = Path(out)
    if not (out / MANIFEST).is_file():
        return None
    described = describe(corpus, out)
    try:
        with settled_output(out):
            manifest = read_manifest(out)
            if not is_current(manifest, described):
                return None
            tables = read_tables(out)
    except Exception as e:  # noqa: BLE001 - a table deleted or damaged, a move that failed: extract instead
        log.info("the tables in %s cannot be read (%s); extracting again", out, e)
        return None
    counts = manifest.get("counts") or {}
    # a table replaced since (written by hand, copied from another run) has other rows
    return tables if all(counts.get(name) == len(df) for name, df in tables.items()) else None


"""The extraction cache: results per article, keyed by content, model and library version.

A second run over an unchanged corpus parses nothing; an edited article is re-parsed alone.
Entries live in one SQLite file in the user's cache directory (`platformdirs`), moved with
`MEDIALENS_CACHE` or `--cache DIR`. Each entry carries a digest of its rows: an entry that does
not decompress, decode, match its digest or have the shape of extraction rows is treated as
missing, so it is rebuilt rather than trusted. A cache file that is not a database at all is
set aside and a fresh one started, and so is one found damaged while a run writes it. The cache is
only an optimisation: when it cannot be opened or written (a full disk, a damaged file, a path
that is not a folder), a warning is logged and the run goes on without it.

Parsed Docs are not kept: a DocBin of a news article is several times the size of its rows,
and reading it back costs a good part of what parsing does, while the rows are all that the
tables and notebooks need.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import zlib
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir

from . import __version__
from .tables import BOOL_COLUMNS, COLUMNS, FLOAT_COLUMNS, INT_COLUMNS

log = logging.getLogger("medialens")

CACHE_FILE = "extractions.sqlite"
# Files in the package that cannot change an extraction: compiled bytecode, shipped notebooks.
_NOT_CODE = {".pyc", ".pyo", ".ipynb"}
# Tables an entry must hold, each a list of row dicts.
ENTRY_TABLES = ("articles", "entities", "quotes", "sources")


def cache_folder(override: str | Path | None = None) -> Path:
    """Where the cache lives: `override`, else `$MEDIALENS_CACHE`, else the user cache directory."""
    return Path(override or os.environ.get("MEDIALENS_CACHE") or user_cache_dir("medialens"))


def cache_dir(override: str | Path | None = None) -> Path:
    """The cache folder of `cache_folder`, created if needed."""
    folder = cache_folder(override)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_size(folder: str | Path | None = None) -> tuple[int, int]:
    """`(entries, bytes on disk)` of the cache in `folder` (default as `cache_dir`), without
    creating it; `(0, 0)` when there is none or it cannot be read."""
    folder = cache_folder(folder)
    if not folder.is_dir():
        return 0, 0
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and p.name.startswith(CACHE_FILE))
    try:
        with sqlite3.connect(f"file:{folder / CACHE_FILE}?mode=ro", uri=True) as db:
            entries = db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        entries = 0
    return entries, size


def clear_cache(folder: str | Path | None = None) -> int:
    """Delete the cache files in `folder` (the database, its journal and set-aside damaged
    copies; nothing else there); returns the bytes freed."""
    folder = cache_folder(folder)
    freed = 0
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and path.name.startswith(CACHE_FILE):
                freed += path.stat().st_size
                path.unlink()
    return freed


@lru_cache(maxsize=1)
def code_version() -> str:
    """The library version plus a digest of its source, so edited rules never reuse old rows."""
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    # every file a result can depend on: rule modules in subpackages and word lists kept as data
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix not in _NOT_CODE):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    # without gender-guesser's name list first names give no evidence: other rows, other key
    from .gender import first_name_list_available

    h.update(b"first-names" if first_name_list_available() else b"no-first-names")
    return f"{__version__}+{h.hexdigest()[:12]}"


def entry_key(content_hash: str, model: str, options: str = "") -> str:
    """Cache key of one article's extraction."""
    return hashlib.sha256(f"{content_hash}|{model}|{code_version()}|{options}".encode()).hexdigest()


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _is_entry(value: object) -> bool:
    """True when `value` has exactly the shape of extraction rows: a list of rows for each table,
    each row with that table's columns and values of their types. A forged or half-written
    entry that passed its digest must not crash the table writer."""
    return isinstance(value, dict) and all(
        isinstance(value.get(name), list) and all(_is_row(row, name) for row in value[name])
        for name in ENTRY_TABLES
    )


def _is_row(row: object, table: str) -> bool:
    if not isinstance(row, dict) or row.keys() != _COLUMN_SETS[table]:
        return False
    for column, cell in row.items():
        if cell is None:
            continue
        if column in INT_COLUMNS:
            ok = isinstance(cell, int) and not isinstance(cell, bool)
        elif column in BOOL_COLUMNS:
            ok = isinstance(cell, bool)
        elif column in FLOAT_COLUMNS:
            ok = isinstance(cell, float)
        else:
            ok = isinstance(cell, str)
        if not ok:
            return False
    return True


_COLUMN_SETS = {name: set(columns) for name, columns in COLUMNS.items()}


# SQLite result codes of a file that is damaged rather than merely unwritable.
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class Cache:
    """Key → extraction rows, in `cache_dir(folder)/extractions.sqlite`.

    Writes are batched: `put` stages an entry and `commit` makes everything staged so far
    durable, so a run that is interrupted keeps every chunk it committed. No method raises
    because of the cache file: a damaged file is set aside and a new one started, and a cache
    that cannot be written is switched off for the rest of the run, each with one warning.
    """

    def __init__(self, folder: str | Path | None = None):
        self._db: sqlite3.Connection | None = None
        try:
            self.path = cache_dir(folder) / CACHE_FILE
        except OSError as e:
            self.path = cache_folder(folder) / CACHE_FILE
            log.warning("the cache folder %s cannot be used (%s); going on without a cache", self.path.parent, _why(e))
            return
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            # Not a database (a truncated copy, a disk error): keep it for inspection, start anew.
            self._set_aside()
        except (sqlite3.Error, OSError) as e:
            self._give_up(e)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        try:
            # WAL lets notebooks read the cache while a batch run writes it.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, digest TEXT NOT NULL, value BLOB NOT NULL)")
            db.commit()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def get(self, key: str) -> dict | None:
        """The stored rows, or None when missing or damaged in any way."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT digest, value FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            payload = zlib.decompress(row[1])
            if _digest(payload) != row[0]:
                return None
            value = json.loads(payload)
        except (sqlite3.Error, zlib.error, ValueError, TypeError):
            return None
        return value if _is_entry(value) else None

    def put(self, key: str, value: dict) -> None:
        """Stage `value` under `key` (replacing a damaged or older entry); see `commit`."""
        if self._db is None:
            return
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, _digest(payload), zlib.compress(payload, 1))
            )
        except sqlite3.Error as e:
            self._failed(e)

    def commit(self) -> None:
        """Make every staged entry durable."""
        if self._db is None:
            return
        try:
            self._db.commit()
        except sqlite3.Error as e:
            self._failed(e)

    def close(self) -> None:
        self.commit()
        if self._db is not None:
            self._close_quietly()

    def __len__(self) -> int:
        if self._db is None:
            return 0
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def _failed(self, error: sqlite3.Error) -> None:
        """A write failed: a damaged file is set aside and a new one started; a cache that
        cannot be written (a full disk, a read-only folder) is left alone and not used again."""
        if getattr(error, "sqlite_errorcode", None) in _DAMAGED or "malformed" in str(error):
            self._close_quietly()
            self._set_aside()
        else:
            self._give_up(error)

    def _set_aside(self) -> None:
        """Keep a damaged cache file for inspection, with its journal, and start a new one."""
        stamp = int(time.time())
        try:
            for suffix in ("", "-wal", "-shm"):  # a stale journal must not be replayed into the new file
                old = self.path.with_name(CACHE_FILE + suffix)
                if old.exists():
                    old.replace(self.path.with_name(f"{CACHE_FILE}.corrupt-{stamp}{suffix}"))
            self._db = self._open()
        except (sqlite3.Error, OSError) as e:
            self._give_up(e)
            return
        log.warning("the cache %s was damaged; it was set aside as %s.corrupt-%d and a new one started",
                    self.path, CACHE_FILE, stamp)

    def _give_up(self, error: Exception) -> None:
        self._close_quietly()
        log.warning("the cache %s cannot be written (%s); going on without it", self.path, _why(error))

    def _close_quietly(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None


def _why(error: Exception) -> str:
    if isinstance(error, OSError):
        if isinstance(error, (FileExistsError, NotADirectoryError)):
            return "a part of the path is a file, not a folder"
        return (error.strerror or type(error).__name__).lower()
    return str(error) or type(error).__name__

"""The extraction cache: results per article, keyed by content, model and library version.

A second run over an unchanged corpus parses nothing; an edited article is re-parsed alone.
Entries live in one SQLite file in the user's cache directory (`platformdirs`), moved with
`MEDIALENS_CACHE` or `--cache DIR`. Each entry carries a digest of its rows: an entry that does
not decompress, decode, match its digest or have the shape of extraction rows is treated as
missing, so it is rebuilt rather than trusted. A cache file that is not a database at all is
set aside and a fresh one started.

Parsed Docs are not kept: a DocBin of a news article is several times the size of its rows,
and reading it back costs a good part of what parsing does, while the rows are all that the
tables and notebooks need.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir

from . import __version__

CACHE_FILE = "extractions.sqlite"
# Tables an entry must hold, each a list of row dicts.
ENTRY_TABLES = ("articles", "entities", "quotes", "sources")


def cache_dir(override: str | Path | None = None) -> Path:
    """The cache folder: `override`, else `$MEDIALENS_CACHE`, else the user cache directory."""
    folder = Path(override or os.environ.get("MEDIALENS_CACHE") or user_cache_dir("medialens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@lru_cache(maxsize=1)
def code_version() -> str:
    """The library version plus a digest of its source, so edited rules never reuse old rows."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def entry_key(content_hash: str, model: str, options: str = "") -> str:
    """Cache key of one article's extraction."""
    return hashlib.sha256(f"{content_hash}|{model}|{code_version()}|{options}".encode()).hexdigest()


def _digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _is_entry(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(name), list) and all(isinstance(row, dict) for row in value[name])
        for name in ENTRY_TABLES
    )


class Cache:
    """Key → extraction rows, in `cache_dir(folder)/extractions.sqlite`.

    Writes are batched: `put` stages an entry and `commit` makes everything staged so far
    durable, so a run that is interrupted keeps every chunk it committed.
    """

    def __init__(self, folder: str | Path | None = None):
        self.path = cache_dir(folder) / CACHE_FILE
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            # Not a database (a truncated copy, a disk error): keep it for inspection, start anew.
            self.path.replace(self.path.with_name(f"{CACHE_FILE}.corrupt-{int(time.time())}"))
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        try:
            # WAL lets notebooks read the cache while a batch run writes it.
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, digest TEXT NOT NULL, value BLOB NOT NULL)")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, key: str) -> dict | None:
        """The stored rows, or None when missing or damaged in any way."""
        try:
            row = self._db.execute("SELECT digest, value FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            payload = zlib.decompress(row[1])
            if _digest(payload) != row[0]:
                return None
            value = json.loads(payload)
        except (sqlite3.DatabaseError, zlib.error, ValueError, TypeError):
            return None
        return value if _is_entry(value) else None

    def put(self, key: str, value: dict) -> None:
        """Stage `value` under `key` (replacing a damaged or older entry); see `commit`."""
        payload = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._db.execute(
            "INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, _digest(payload), zlib.compress(payload, 1))
        )

    def commit(self) -> None:
        """Make every staged entry durable."""
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM results").fetchone()[0]

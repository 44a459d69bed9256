"""The extraction cache: results per article, keyed by content, model and library version.

A second run over an unchanged corpus parses nothing; an edited article is re-parsed alone.
Entries live in one SQLite file in the user's cache directory (`platformdirs`), moved with
`MEDIALENS_CACHE` or `--cache DIR`. A corrupt entry is treated as missing and rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir

from . import __version__


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


class Cache:
    """Key → JSON value store in `cache_dir()/extractions.sqlite`."""

    def __init__(self, folder: str | Path | None = None):
        self.path = cache_dir(folder) / "extractions.sqlite"
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.commit()

    def get(self, key: str) -> dict | None:
        """The stored value, or None when missing or unreadable."""
        try:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.DatabaseError, json.JSONDecodeError, TypeError):
            return None

    def put(self, key: str, value: dict) -> None:
        self._db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?)", (key, json.dumps(value)))

    def commit(self) -> None:
        self._db.commit()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

"""Outlet, date, URL and byline of articles whose input does not state them: from a
`metadata.csv` in the corpus folder, and from file names laid out as `{outlet}_{date}_{slug}`.

What fills an article's field, first come first served:

1. what the input itself states (a record's `outlet` column, a page's date);
2. the row of `metadata.csv` that names the article's file (or its id);
3. the file name, for one-article files (`.txt`, `.html`, `.htm`) named
   `{outlet}_{YYYY-MM-DD}_{slug}` (`wash-post_2016-10-02_debate.txt`: outlet `wash-post`, date
   `2016-10-02`); a name whose middle part is not a real ISO date gives nothing.

`metadata.csv` has a header row with a `file` column and any of `outlet`, `date`, `url`,
`byline` (`author` is read as `byline`); other columns are ignored, and `,`, `;` or tab may
separate them. `file` names an article by its file name (`nyt_2016-10-02_x.txt`), the name
without suffix, its path from the metadata file's folder (`nyt/x.txt`), or an article id (a
record of a feed). A file applies to the files of its folder and the folders below it; the
nearest one wins. Values are kept as written. A `metadata.csv` with a `text` column is a feed
of articles, not metadata. A file that cannot be applied (no `file` column, a row with more
cells than the header, a file named twice) raises MetadataError, one line naming the file and
line; the corpus is then read without it.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from ..article import Article, ReadError
from .decode import decode
from .files import _read_article_bytes
from .printable import display_path

FILE_NAME = "metadata.csv"
FIELDS = ("outlet", "date", "url", "byline")
ALIASES = {"author": "byline"}
KEY = "file"
# Files holding one article, whose name can say where and when it was published; a feed's name
# says nothing of the dates of its records.
ONE_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
_NAMED = re.compile(r"(?P<outlet>[^_\s]+)_(?P<date>\d{4}-\d{2}-\d{2})(?:_.*)?")


class MetadataError(ReadError):
    """A metadata file that cannot be applied; the message is one line naming the file and line."""


@dataclass
class Metadata:
    """The rows of one metadata file: `rows` maps each `file` value to the fields it gives;
    `folder` is where the file lies, `lines` the line of each row, `used` the rows applied."""

    path: Path
    rows: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @property
    def folder(self) -> Path:
        return self.path.parent

    def row_for(self, path: Path, article_id: str) -> dict[str, str]:
        """The fields of the row naming `path` (by its path from this file's folder, its name
        or its stem) or `article_id`; empty when no row does."""
        for key in (_relative(path, self.folder), path.name, path.stem, article_id):
            if key is not None and key in self.rows:
                self.used.add(key)
                return self.rows[key]
        return {}


def is_metadata_name(path: Path) -> bool:
    """True for a file named like a metadata file (`metadata.csv`, in any case)."""
    return path.name.lower() == FILE_NAME


def read_metadata(path: Path) -> Metadata | None:
    """The rows of the metadata file `path`, or None when it is a feed of articles (it has a
    `text` column). Raises MetadataError (naming the file and line) for a file that cannot be
    applied, and ReadError for one that cannot be read at all."""
    name = display_path(path)
    text = decode(_read_article_bytes(path, name), name)
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next((row for row in reader if any(c.strip() for c in row)), [])
        names = [ALIASES.get(h.strip().lstrip("\ufeff").lower(), h.strip().lstrip("\ufeff").lower()) for h in header]
        if "text" in names:
            return None
        if KEY not in names:
            found = ", ".join(repr(h) for h in header if h.strip()) or "none"
            raise MetadataError(f"{name}:{reader.line_num or 1}: no '{KEY}' column naming the articles (columns found: {found}).")
        if not set(FIELDS) & set(names):
            raise MetadataError(f"{name}:{reader.line_num}: none of the columns {', '.join(FIELDS)}; nothing to fill in.")
        metadata = Metadata(path)
        for cells in reader:
            _add_row(metadata, names, cells, f"{name}:{reader.line_num}", reader.line_num)
    except csv.Error as e:
        raise MetadataError(f"{name}:{reader.line_num}: cannot be read as CSV ({e}).") from None
    return metadata


def _add_row(metadata: Metadata, names: list[str], cells: list[str], where: str, line: int) -> None:
    if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
        return
    if len(cells) > len(names):
        raise MetadataError(f"{where}: {len(cells)} cells but the header names {len(names)} (an unquoted delimiter?).")
    row = dict(zip(names, (c.strip() for c in cells)))
    key = _key(row.get(KEY, ""))
    if not key:
        raise MetadataError(f"{where}: the '{KEY}' cell is empty; it names the article the row is about.")
    values = {f: row[f] for f in FIELDS if row.get(f)}
    if key in metadata.rows and metadata.rows[key] != values:
        raise MetadataError(f"{where}: {key} is named again, with other values than on line {metadata.lines[key]}.")
    metadata.rows[key] = values
    metadata.lines.setdefault(key, line)


def _key(value: str) -> str:
    """A `file` cell as rows are looked up: slashes forward, no leading `./`."""
    value = value.strip().replace("\\", "/")
    return str(PurePosixPath(value)) if value else ""


def _relative(path: Path, folder: Path) -> str | None:
    try:
        return path.absolute().relative_to(folder.absolute()).as_posix()
    except ValueError:
        return None


def from_file_name(path: Path) -> dict[str, str]:
    """`{"outlet", "date"}` read from a one-article file named `{outlet}_{YYYY-MM-DD}_{slug}`
    (the slug may be left out); empty for any other name, or a date that is not a real day."""
    if path.suffix.lower() not in ONE_ARTICLE_SUFFIXES:
        return {}
    m = _NAMED.fullmatch(path.stem)
    if not m:
        return {}
    try:
        day = date.fromisoformat(m.group("date"))
    except ValueError:
        return {}
    return {"outlet": m.group("outlet"), "date": day.isoformat()}


def fill_in(article: Article, *sources: dict[str, str]) -> Article:
    """`article` with each of its empty `outlet`, `date`, `url` and `byline` fields taken from
    the first of `sources` that gives it; fields the article has are kept. Returns `article`."""
    for name in FIELDS:
        if getattr(article, name) in (None, ""):
            value = next((s[name] for s in sources if s.get(name)), None)
            if value is not None:
                setattr(article, name, value)
    return article


def nearest(metadata: dict[Path, Metadata], path: Path) -> Metadata | None:
    """The metadata file of the folder nearest above `path` among `metadata` (by folder)."""
    for folder in Path(path).absolute().parents:
        if folder in metadata:
            return metadata[folder]
    return None

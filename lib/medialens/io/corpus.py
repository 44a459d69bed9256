"""Corpora: folders, globs and files expanded into the files to read, and every article of them.

A folder is read recursively in sorted order. Every entry of it is either read or reported as a
`Skip` (another suffix, a dangling symlink, a FIFO, a subfolder that cannot be listed), except
hidden files and folders (names starting with `.`), which are left out without a word, as
version-control and editor folders are. Symlinked folders are followed once. Nothing is dropped
without a `Reject` or a `Skip` saying why.

A `metadata.csv` among the files read is not an article: it fills in the outlet, date, URL
and byline of the articles beside it and below it (see `metadata.py`, which also reads them
from file names such as `nyt_2016-10-02_slug.txt`). It stays in the listing, so an edited one
makes the tables out of date; one that cannot be applied is a `Reject` and the corpus is read
without it.

Every string an `Article`, `Reject` or `Skip` carries is valid UTF-8: file names are shown with
`display_path`, and characters that are not valid Unicode (lone surrogates in JSON) are replaced
with U+FFFD, with a note saying so.
"""
from __future__ import annotations

import errno
import glob
import logging
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from ..article import Article, ReadError, Reject, Skip
from .files import _kind_name
from .metadata import Metadata, fill_in, from_file_name, is_metadata_name, nearest, read_metadata
from .printable import _printable, _replace_surrogates, _without_surrogates, display_path
from .readers import READERS

log = logging.getLogger("medialens")


def iter_files(
    inputs: str | Path | Iterable[str | Path], exclude: Iterable[str | Path] = ()
) -> Iterator[Path | Skip]:
    """Expand folders (recursively), globs and plain paths into the files to read, each once,
    in order, with a Skip for every entry of a folder that is not read.

    A folder is walked in sorted order. Files with a suffix in READERS (in any case) are
    yielded; every other entry becomes a Skip whose reason is shared by its kind: `.md (not an
    article format)`, `no suffix (not an article format)`, `dangling symlink`, `symlink loop`,
    `not a regular file (FIFO)`, `folder could not be read: permission denied`. Hidden files
    and folders (names starting with `.`) are left out without a Skip, as version-control and
    editor folders are. Symlinked folders are followed, each real folder once.

    Everything at or under an `exclude` folder that lies inside a listed folder (the output
    folder of a run inside its corpus) is a Skip, `inside the output folder`, so a run never
    reads its own tables back; a corpus inside the output folder is read as asked.

    A file named directly or matched by a glob is yielded whatever its suffix or kind, so its
    reader can say why it cannot be read. Raises FileNotFoundError when an input names nothing
    at all, or is an empty string (an unset shell variable, not "this folder").
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    outputs = [_real(e) for e in exclude]
    seen: set[Path] = set()
    for item in inputs:
        for path, reason in _expand(item, outputs):
            key = path.absolute()
            if key not in seen:
                seen.add(key)
                yield path if reason is None else Skip(display_path(path), reason)


def _expand(item: str | Path, outputs: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """`(path, None)` for each file an input names, `(path, reason)` for each entry skipped."""
    if isinstance(item, str) and not item.strip():
        raise FileNotFoundError(f"{item!r} names no file, folder or pattern")
    p = Path(item)
    named = _lexists(p)
    if named:
        matches = [p]
    else:
        matches = sorted(Path(m) for m in glob.glob(os.fspath(item), recursive=True))
        if not matches:
            raise FileNotFoundError(f"{display_path(item)}: no such file, folder or pattern")
    for match in matches:
        if not named and _inside_any(match, outputs):
            # a pattern such as `data/*` also matches the output folder in `data/out`
            yield match, "inside the output folder"
        elif os.path.isdir(match):
            yield from _walk(match, outputs)
        else:
            yield match, None


def _inside_any(path: Path, folders: list[Path]) -> bool:
    try:
        real = _real(path)
    except (OSError, ValueError):
        return False
    return any(real == f or real.is_relative_to(f) for f in folders)


def _lexists(path: Path) -> bool:
    """True when `path` is there, or cannot even be looked at (a path inside a folder without
    permission): then its reader reports why, instead of the whole run stopping here."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except (OSError, ValueError):
        return True
    return True


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def _walk(root: Path, outputs: list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every non-hidden entry under `root`, depth first with the names of each folder sorted,
    which is the order of `sorted(root.rglob("*"))`: `(file, None)` to read, `(path, reason)`
    to skip. The real path of every folder entered is kept, so a symlink back to a folder
    already walked is not followed again."""
    real_root = _real(root)
    outputs = [o for o in outputs if o != real_root and o.is_relative_to(real_root)]
    visited = {real_root}
    frames: list[tuple[Iterator[os.DirEntry], Path, bool]] = []
    problem = _enter(root, real_root, False, frames)
    if problem:
        yield root, problem
    while frames:
        entries, _, excluded = frames[-1]
        entry = next(entries, None)
        if entry is None:
            frames.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        real, reason = _classify(entry)
        if real is None:
            yield path, ("inside the output folder" if excluded else reason)
            continue
        if real in visited:
            looped = any(real == folder for _, folder, _ in frames)
            yield path, "symlink loop" if looped else "symlink to a folder already read"
            continue
        visited.add(real)
        inside = excluded or any(real == o or real.is_relative_to(o) for o in outputs)
        problem = _enter(path, real, inside, frames)
        if problem:
            yield path, problem


def _enter(folder: Path, real: Path, excluded: bool, frames: list) -> str | None:
    """Push the sorted entries of `folder` on `frames`; the reason when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as e:
        return f"folder could not be read: {_why(e)}"
    frames.append((iter(entries), real, excluded))
    return None


def _classify(entry: os.DirEntry) -> tuple[Path | None, str | None]:
    """`(real path, None)` for a folder to walk; `(None, None)` for a file to read; `(None,
    reason)` for an entry to skip. An entry gone since the listing is a file to read, so its
    reader reports it missing."""
    try:
        if entry.is_symlink():
            try:
                mode = os.stat(entry.path).st_mode
            except OSError as e:
                if e.errno == errno.ELOOP:
                    return None, "symlink loop"
                if e.errno in (errno.ENOENT, errno.ENOTDIR):
                    return None, "dangling symlink"
                return None, f"symlink could not be followed: {_why(e)}"
        elif entry.is_dir(follow_symlinks=False):
            mode = stat.S_IFDIR
        elif entry.is_file(follow_symlinks=False):
            mode = stat.S_IFREG
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except OSError:
        return None, None
    if stat.S_ISDIR(mode):
        return _real(entry.path), None
    if not stat.S_ISREG(mode):
        return None, f"not a regular file ({_kind_name(mode)})"
    suffix = os.path.splitext(entry.name)[1].lower()
    if suffix not in READERS:
        return None, f"{display_path(suffix) or 'no suffix'} (not an article format)"
    return None, None


def _why(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


class Listed(NamedTuple):
    """A file of a corpus to read, with what `os.stat` said of it when the corpus was listed:
    -1 for each when it could not be looked at (its reader then says why)."""

    path: Path
    size: int
    mtime_ns: int
    inode: int


@dataclass
class CorpusListing:
    """A corpus listed once, for everything a run needs to know of its files before reading them.

    `entries` holds what `iter_files` yields, in order, each file as a `Listed`; `started_ns`
    is when the listing began. When listing failed part-way (an input that names nothing),
    `entries` holds what came before and `error` the exception, which each use of the listing
    raises again at the point where listing the corpus itself would have raised it.
    """

    entries: list[Listed | Skip]
    started_ns: int
    error: Exception | None = None

    def __iter__(self) -> Iterator[Listed | Skip]:
        """The entries in order, then the listing's error if it had one."""
        yield from self.entries
        if self.error is not None:
            raise self.error

    def total_bytes(self) -> int:
        """The size in bytes of every file to read (0 for one that could not be looked at): the
        total of a progress bar that works for one-article files and million-record feeds
        alike. Raises the listing's error if it had one."""
        if self.error is not None:
            raise self.error
        return sum(max(e.size, 0) for e in self.entries if isinstance(e, Listed))


def list_corpus(inputs: str | Path | Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> CorpusListing:
    """List the corpus once (see `iter_files`, which also says what `exclude` does), looking up
    the size, modification time and inode of each file to read. Never raises an `Exception`:
    one that stops the listing is kept in the listing's `error`."""
    started, entries = time.time_ns(), []
    try:
        for path in iter_files(inputs, exclude=exclude):
            entries.append(path if isinstance(path, Skip) else Listed(path, *_facts(path)))
    except Exception as e:  # noqa: BLE001 - raised again wherever the listing is used
        return CorpusListing(entries, started, e)
    return CorpusListing(entries, started)


def _facts(path: Path) -> tuple[int, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return -1, -1, -1
    return st.st_size, st.st_mtime_ns, st.st_ino


def read_corpus(
    inputs: str | Path | Iterable[str | Path] | CorpusListing, exclude: Iterable[str | Path] = (),
    on_read: Callable[[int], object] | None = None,
) -> Iterator[Article | Reject | Skip]:
    """Yield an Article for every readable article, a Reject for every input that is not, and a
    Skip for every entry of a folder that is not an article file (see `iter_files`, which also
    says what `exclude` does). `inputs` may be a `CorpusListing` made by `list_corpus`: its
    files are read without listing the corpus again (`exclude` is then the listing's).

    Lazy: each file is opened only when reached, so a file that disappears or becomes
    unreadable after the folder was listed is a Reject, not a crash. One bad file or record
    never stops the rest. Ids are made unique within the corpus by suffixing `-2`, `-3`, ...
    in input order, so they are stable across runs over the same inputs. Every string of what
    is yielded is valid UTF-8. `on_read`, when given, is called with each file's size in bytes
    once everything in it has been yielded (its listed size, so the sizes add up to the
    listing's `total_bytes`).

    Outlet, date, URL and byline an article's input leaves blank are filled in from the
    `metadata.csv` of its folder, then from its file name (see `metadata.py`); a metadata file
    is not yielded as an article, and one that cannot be applied is a Reject. Plain inputs are
    listed first (`list_corpus`), so that every metadata file is known before any article.
    """
    seen: set[str] = set()
    listing = inputs if isinstance(inputs, CorpusListing) else list_corpus(inputs, exclude=exclude)
    metadata, consumed = _metadata_files(listing)
    for entry in listing:
        if isinstance(entry, Skip):
            yield entry
            continue
        path = entry.path
        name = display_path(path)
        if path in consumed:  # a metadata file: applied to the articles, or refused
            if consumed[path] is not None:
                yield consumed[path]
            if on_read is not None:
                on_read(max(entry.size, 0))
            continue
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            supported = ", ".join(sorted(READERS))
            kind = display_path(path.suffix) or "no suffix"
            yield Reject(name, f"{name} is not a supported file type ({kind}; medialens reads {supported}).")
            continue
        try:
            for item in reader(path):
                item = _valid_utf8(item)
                if isinstance(item, Article):
                    item = _described(item, path, nearest(metadata, path))
                    item.id = _unique(item.id, seen)
                yield item
        except Exception as e:  # noqa: BLE001 - whatever one file does, the corpus goes on
            yield Reject(name, _one_line(e, name))
        if on_read is not None:
            on_read(max(entry.size, 0))
    _warn_unused(metadata.values())


def _metadata_files(listing: CorpusListing) -> tuple[dict[Path, Metadata], dict[Path, Reject | None]]:
    """The metadata files among the listed files, read before any article so that each applies
    to the articles listed before it too: `(metadata by folder, {path: None, or the Reject of a
    file that cannot be applied})`. A `metadata.csv` with a `text` column is a feed, read as
    articles."""
    found: dict[Path, Metadata] = {}
    consumed: dict[Path, Reject | None] = {}
    for entry in listing.entries:
        if isinstance(entry, Skip) or not is_metadata_name(entry.path):
            continue
        name = display_path(entry.path)
        try:
            metadata = read_metadata(entry.path)
        except Exception as e:  # noqa: BLE001 - a bad metadata file never stops the corpus
            consumed[entry.path] = Reject(name, _one_line(e, name))
            continue
        if metadata is not None:
            found[entry.path.absolute().parent] = metadata
            consumed[entry.path] = None
    return found, consumed


def _described(article: Article, path: Path, metadata: Metadata | None) -> Article:
    """`article` with what its input leaves blank filled in from its metadata row, then from its
    file name."""
    row = metadata.row_for(path, article.id) if metadata is not None else {}
    return fill_in(article, row, from_file_name(path))


def _warn_unused(metadata: Iterable[Metadata]) -> None:
    """Log the rows of each metadata file that named no article read: a misspelt file name
    would otherwise leave its article blank without a word."""
    for m in metadata:
        unused = [key for key in m.rows if key not in m.used]
        if unused:
            first = min(unused, key=m.lines.__getitem__)
            log.warning("%s: %d row(s) name no article of the corpus (the first: line %d, %s)",
                        display_path(m.path), len(unused), m.lines[first], first)


def _valid_utf8(item: Article | Reject) -> Article | Reject:
    """`item` with any lone surrogate left in its strings replaced by U+FFFD, so every table
    and cache can store it; the readers replace (and report) them first, this is the guard."""
    if isinstance(item, Reject):
        return Reject(_without_surrogates(item.source_path)[0], _printable(item.reason))
    for name in ("id", "headline", "dateline", "byline", "date", "url", "outlet", "source_path"):
        value = getattr(item, name)
        if isinstance(value, str):
            setattr(item, name, _without_surrogates(value)[0])
    item.paragraphs = [_without_surrogates(p)[0] for p in item.paragraphs]
    if item.meta:
        _replace_surrogates(item.meta)
    return item


def _unique(article_id: str, seen: set[str]) -> str:
    candidate, n = article_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{article_id}-{n}"
    seen.add(candidate)
    return candidate


def _one_line(error: Exception, name: str) -> str:
    """A one-line reason naming the file (`name`, from `display_path`), for any error a reader
    can raise."""
    if isinstance(error, ReadError):
        message = str(error)
    elif isinstance(error, OSError):
        message = f"{name} could not be read: {_why(error)}."
    else:
        detail = str(error).splitlines()[0] if str(error) else ""
        message = f"{name} could not be read ({type(error).__name__}{': ' + detail if detail else ''})."
    message = _printable(message)
    return message if name in message else f"{name}: {message}"

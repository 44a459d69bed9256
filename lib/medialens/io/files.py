"""Opening input files: regular files only, one article's bytes within the size limit, and the
numbered, decoded lines of a feed.
"""
from __future__ import annotations

import codecs
import errno
import io
import os
import stat
from pathlib import Path
from typing import IO, Iterator

from ..article import MAX_ARTICLE_BYTES, ReadError, _mb, _normalise, safe_id
from .decode import _LINE_GUESSES, _byte_lines, _decode_line, _sniff, _TooLong
from .printable import display_path

# What a path names when it is not a regular file, for reasons.
_FILE_KINDS = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
               (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"))


def _kind_name(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "special file")


def _open_regular(path: Path, name: str) -> IO[bytes]:
    """`path` opened for reading in binary, if it is a regular file once symlinks are followed.

    A FIFO would wait for a writer forever and a device such as /dev/zero never ends, so both
    are refused (ReadError); a folder raises IsADirectoryError. The file is opened without
    blocking and checked on the open descriptor, so a file swapped for a FIFO after the folder
    was listed is refused too.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            kind = _kind_name(mode)
            raise ReadError(f"{name} is not a regular file (a {kind}); only files are read.")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_article_bytes(path: Path, name: str) -> bytes:
    """The bytes of a one-article file, refused when over MAX_ARTICLE_BYTES: before reading when
    its size says so, and after reading at most one byte more than the limit whatever it says."""
    with _open_regular(path, name) as f:
        size = os.fstat(f.fileno()).st_size
        if size <= MAX_ARTICLE_BYTES:
            data = f.read(MAX_ARTICLE_BYTES + 1)
            size = max(size, len(data))
    if size > MAX_ARTICLE_BYTES:
        raise ReadError(f"{name} is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article ({_mb(size)}).")
    return data


def _stem_id(path: Path) -> str:
    return safe_id(display_path(path.stem))


def _numbered_lines(path: Path, name: str) -> Iterator[tuple[int, str | _TooLong]]:
    """`(line number, text)` for each line of a feed, read lazily; `_TooLong` for an oversized
    line. Each line is decoded on its own (`_decode_line`), so one line in another encoding, or
    of bytes that are no text at all, costs that line only."""
    with _open_regular(path, name) as f:
        encoding = _sniff(f, name)
        if encoding == "utf-16":
            for number, line in enumerate(io.TextIOWrapper(f, encoding="utf-16", errors="replace", newline=""), 1):
                yield number, _normalise(line.rstrip("\r\n"))
            return
        state = {"encoding": encoding, "guesses": _LINE_GUESSES}
        for number, raw in enumerate(_byte_lines(f), 1):
            if isinstance(raw, _TooLong):
                yield number, raw
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            yield number, _decode_line(raw, state)

"""Bytes of unknown encoding to text: a byte-order mark, a declared charset, else UTF-8 with each
byte sequence that is not UTF-8 read as windows-1252, and a legacy code page only when the text
is written in one. Feeds are sniffed once and decoded line by line, so one bad line costs only
itself.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from charset_normalizer import from_bytes

from ..article import MAX_ARTICLE_BYTES, ReadError, _normalise
from .printable import display_path

# How much of a file the encoding and binary checks look at.
SAMPLE_BYTES = 64 * 1024


# Browsers read a page labelled latin-1 or ASCII as windows-1252 (WHATWG Encoding Standard),
# and so do newsroom CMSs that produced it; the bytes 0x80-0x9F are then curly quotes and dashes.
_WINDOWS_1252_LABELS = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252"}
# Encodings that decode the same Western text identically in charset-normalizer's eyes; when one
# of them ties for the best guess, windows-1252, what Windows newsroom tools export, is chosen.
_WESTERN = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15"}


# Windows-1252 for each byte, with its five unassigned bytes as latin-1 (their C1 controls), so
# every byte has a reading.
_CP1252 = [bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256)]


def _cp1252_for_bad_utf8(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler `medialens.cp1252`: the bytes a UTF-8 decoder refuses, read as
    windows-1252. A `£` or `é` pasted from another tool into UTF-8 text costs only itself, and
    a whole file in windows-1252 or latin-1 reads as such."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "".join(_CP1252[b] for b in error.object[error.start : error.end]), error.end


codecs.register_error("medialens.cp1252", _cp1252_for_bad_utf8)


# A run of non-ASCII bytes.
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def decode(data: bytes, path: str | Path = "", declared: str | None = None) -> str:
    """Decode bytes of unknown encoding into NFC-normalised text with `\\n` line ends.

    A byte-order mark decides first (UTF-8, UTF-16); then `declared` (an HTML page's charset)
    if the bytes really are in it; then UTF-8, where each byte sequence that is not UTF-8 is
    read as windows-1252 (curly quotes in bytes 0x91-0x94 are `‘’“”`, latin-1 reads the same),
    so one stray byte never changes how the rest reads. Only text whose non-ASCII bytes are
    mostly not UTF-8 and come in runs, as a Cyrillic or CJK code page writes letters, is
    decoded in the code page charset-normalizer detects (Shift-JIS, GB18030, Big5, ...).
    Raises ReadError for empty or binary data.
    """
    where = display_path(path) if path else "the input"
    if not data.strip():
        raise ReadError(f"{where} is empty.")
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="medialens.cp1252")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\0" in data[:SAMPLE_BYTES]:
            raise ReadError(f"{where} is a binary file, not text.")
        text = _decode_declared(data, declared)
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as e:
                text = _decode_not_utf8(data, e.start, where)
    if _looks_binary(text):
        raise ReadError(f"{where} is a binary file, not text.")
    return _normalise(text)


def _decode_not_utf8(data: bytes, first_error: int, where: str) -> str:
    """Bytes that are not all UTF-8: a legacy code page if they are written in one, else UTF-8
    with windows-1252 for the sequences that are not. Raises ReadError when the bytes look
    like a code page but none fits (noise, not text)."""
    window = _window(data, first_error)
    if not _mostly_code_page(window):
        return data.decode("utf-8", errors="medialens.cp1252")
    encoding = _guess_encoding(window)
    if encoding is None:
        raise ReadError(f"{where} is a binary file or in an unknown encoding.")
    if encoding == "cp1252":
        return data.decode("utf-8", errors="medialens.cp1252")
    return data.decode(encoding, errors="replace")


def _window(data: bytes, first_error: int) -> bytes:
    """Up to SAMPLE_BYTES from the line before the first byte that is not UTF-8: where the
    encoding question is, even when the first 64 KB are plain ASCII."""
    start = data.rfind(b"\n", 0, max(0, first_error - 1024)) + 1
    return data[start : first_error + SAMPLE_BYTES]


def _mostly_code_page(data: bytes) -> bool:
    """True when the non-ASCII bytes of `data` read as a legacy code page's letters: most of
    them are not UTF-8, and most of those stand in runs of three or more, as Cyrillic, Greek or
    CJK words do. Western text in windows-1252 or latin-1 has its few non-ASCII bytes alone
    between ASCII letters (`Caf\\xe9`, `\\x93deal\\x94`, `\\xa315.8m`), and UTF-8 text with a damaged
    line keeps its valid UTF-8."""
    utf8 = stray = in_runs = 0
    for m in _HIGH_RUN.finditer(data):
        run = m.group()
        try:
            run.decode("utf-8")
            utf8 += len(run)
            continue
        except UnicodeDecodeError:
            pass
        stray += len(run)
        if len(run) >= 3:
            in_runs += len(run)
    return stray > utf8 and in_runs * 2 >= stray


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    label = declared.strip().lower()
    if label.startswith(("utf-16", "utf16", "utf-32", "utf32", "ucs")):
        return None  # a page that can say so in ASCII is not UTF-16; the byte-order mark decides
    encoding = "cp1252" if label in _WINDOWS_1252_LABELS else label
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        # A page that says utf-8 but was saved as windows-1252 is common; detection decides.
        return None


def _guess_encoding(sample: bytes) -> str | None:
    """The code page of bytes that are not UTF-8, by charset-normalizer: windows-1252 unless
    something else fits clearly better; None when nothing fits."""
    matches = list(from_bytes(sample))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    for m in matches:
        if m.chaos <= best + 0.01 and _WESTERN & {e.lower() for e in m.could_be_from_charset}:
            return "cp1252"
    return matches[0].encoding


# Control characters (Unicode category Cc) other than the white space text uses.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _sniff(f: IO[bytes], name: str) -> str:
    """The encoding of an open feed from its first SAMPLE_BYTES: `utf-16` (by its byte-order
    mark), a legacy code page when the sample is written in one, else `utf-8`; rewinds the file.
    Raises ReadError for an empty file, or one most of whose lines are binary."""
    head = f.read(SAMPLE_BYTES)
    f.seek(0)
    if not head.strip():
        raise ReadError(f"{name} is empty.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _mostly_binary_lines(head):
        raise ReadError(f"{name} is a binary file, not text.")
    try:
        # Incremental, so a character cut by the end of the sample is not an error.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError as e:
        window = _window(head, e.start)
        encoding = _guess_encoding(window) if _mostly_code_page(window) else None
        return encoding if encoding not in (None, "cp1252") else "utf-8"


def _mostly_binary_lines(head: bytes) -> bool:
    """True when most non-empty lines of a feed's first bytes hold NUL or control characters:
    a binary file, not a feed with one corrupt line (which is rejected alone)."""
    lines = [line for line in head.split(b"\n") if line.strip()]
    binary = sum(1 for line in lines if b"\0" in line or _looks_binary(line.decode("utf-8", "medialens.cp1252")))
    return binary * 2 > len(lines)


@dataclass
class _TooLong:
    """A line over MAX_ARTICLE_BYTES, skipped unread; `odd_quotes` tells a CSV reader whether
    the line left a quoted field open or closed one, so the rows after it still line up."""

    odd_quotes: bool


def _byte_lines(f: IO[bytes]) -> Iterator[bytes | _TooLong]:
    """Lines of a binary file without line ends; `_TooLong` for a line over MAX_ARTICLE_BYTES."""
    while True:
        line = f.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            quotes = line.count(b'"')
            while (rest := f.readline(1024 * 1024)):  # skip the rest without holding it
                quotes += rest.count(b'"')
                if rest.endswith(b"\n"):
                    break
            yield _TooLong(odd_quotes=quotes % 2 == 1)
            continue
        yield line.rstrip(b"\r\n")


# How many lines of one feed may have their code page detected alone (a few milliseconds each).
_LINE_GUESSES = 200


def _decode_line(raw: bytes, state: dict) -> str:
    """One line of a feed: UTF-8 if it is valid UTF-8 (a line of another encoding almost never
    is), else the file's code page if it has one and the line is in it, else the code page
    detected for the line alone when it is written in one (a line pasted from another tool),
    else UTF-8 with windows-1252 for the bytes that are not UTF-8. `state` holds the file's
    `encoding` and the `guesses` left. Never fails: a line of noise decodes to text that is no
    JSON, and is rejected alone."""
    try:
        return _normalise(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if state["encoding"] != "utf-8":
        try:
            return _normalise(raw.decode(state["encoding"]))
        except (UnicodeDecodeError, LookupError):
            pass
    if state["guesses"] > 0 and _mostly_code_page(raw):
        state["guesses"] -= 1
        guess = _guess_encoding(raw)
        if guess not in (None, "cp1252"):
            return _normalise(raw.decode(guess, errors="replace"))
    return _normalise(raw.decode("utf-8", errors="medialens.cp1252"))

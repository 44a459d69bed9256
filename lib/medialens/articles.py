"""Reading articles: files in, cleaned `Article` records out.

An `Article` is the text as a reader sees it: a headline, an optional dateline, and body
paragraphs with page furniture removed. `Article.text` joins the headline and paragraphs with
blank lines; every character offset medialens reports points into that string.

Readers are chosen by file suffix from `READERS`, one small table, so a new format is one
function and one line. A reader yields an `Article` for every article it can read and a
`Reject` for every one it cannot (a bad line of a JSON Lines feed, a CSV record without text);
a problem with the whole file is raised as `ReadError` and becomes one `Reject` for the file.
Nothing is dropped without a `Reject` saying why.

Supported inputs (`text` is the only required field of a record; `id`, `title`, `date`, `url`,
`outlet` and `author` fill the Article; any other field is kept in `Article.meta`):

- `.txt`: one article; the first non-empty line is the headline.
- `.html`, `.htm`: one web page; main text, title, date, author and site name by trafilatura.
- `.jsonl`: one record (a JSON object) a line.
- `.csv`, `.tsv`: a header row, then one record a row.
- `.json`: one record, or a list of records.

A folder is read recursively in sorted order. Every entry of it is either read or reported as a
`Skip` (another suffix, a dangling symlink, a FIFO, a subfolder that cannot be listed), except
hidden files and folders (names starting with `.`), which are left out without a word, as
version-control and editor folders are. Symlinked folders are followed once.

Every string an `Article`, `Reject` or `Skip` carries is valid UTF-8: file names are shown with
`display_path`, and characters that are not valid Unicode (lone surrogates in JSON) are replaced
with U+FFFD, with a note saying so.
"""
from __future__ import annotations

import bisect
import codecs
import csv
import errno
import glob
import hashlib
import html
import io
import itertools
import json
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from charset_normalizer import from_bytes

# spaCy refuses texts longer than `nlp.max_length` (1,000,000 characters by default) because the
# parser's memory grows with length; a longer "article" is a dump, not an article.
MAX_ARTICLE_CHARS = 1_000_000

# The most raw input one article may take (a page, a file, one record), checked before it is
# read, so a mis-exported dump cannot exhaust memory. HTML pages carry scripts and markup many
# times the size of their text, hence the margin over MAX_ARTICLE_CHARS.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

# A web page whose longest line is shorter than this is navigation, not an article.
MIN_PROSE_WORDS = 6

# How much of a file the encoding and binary checks look at.
SAMPLE_BYTES = 64 * 1024

# Record fields that fill Article fields; any other field is kept in `Article.meta`.
RECORD_FIELDS = ("id", "text", "title", "date", "url", "outlet", "author")
# Column names newsroom exports use for the same fields.
FIELD_ALIASES = {"headline": "title", "byline": "author"}

# Page furniture that export tools leave in the text: box labels, comment links, sharing
# widgets. Matched against a whole paragraph, case-insensitively, after trimming punctuation.
BOILERPLATE = frozenset(
    {
        "fastfact", "fast fact", "fast facts", "factbox", "comments", "comment", "advertisement",
        "advert", "related", "related articles", "related stories", "read more", "more",
        "share", "share this", "share this article", "tweet", "email", "print", "subscribe",
        "sign up", "click here", "full text", "abstract", "video", "photo", "gallery",
        "recommended", "trending", "top stories", "most read", "skip to content",
    }
)

# "GENEVA:", "WASHINGTON (Reuters) -", "MIDWAY ATOLL -", "PARIS, France —": the wire-service
# dateline is an upper-case place at the start of the first paragraph followed by a separator.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{1,40}?[A-Z.])(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:\((?:AP|AFP|Reuters|dpa|UPI|[A-Z][A-Za-z]+)\)\s*)?(?::|\s[-\u2013\u2014]{1,2})\s+"
)

# A well-formed character reference (`&amp;`, `&#8220;`, `&#x201D;`). Only these are decoded in
# plain text, so "AT&T" or "R&D" are left alone.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Block-level tags that CMS feeds leave in a record's text: each ends a paragraph.
# A tag ends at the first `>` and holds no `<`: an unclosed `<br` then fails at the next `<`
# instead of scanning to the end of the text for each one (quadratic time on `<br<br<br...`).
_BLOCK_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?blockquote|/?tr)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"<[A-Za-z/!][^<>]*>")
_SCRIPT_OPEN = re.compile(r"<(script|style)\b", re.I)
_SCRIPT_CLOSE = {kind: re.compile(rf"</{kind}\s*>", re.I) for kind in ("script", "style")}
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# Browsers read a page labelled latin-1 or ASCII as windows-1252 (WHATWG Encoding Standard),
# and so do newsroom CMSs that produced it; the bytes 0x80-0x9F are then curly quotes and dashes.
_WINDOWS_1252_LABELS = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252"}
# Encodings that decode the same Western text identically in charset-normalizer's eyes; when one
# of them ties for the best guess, windows-1252, what Windows newsroom tools export, is chosen.
_WESTERN = {"cp1252", "windows-1252", "latin_1", "iso8859_1", "iso8859_15"}


@dataclass
class Article:
    """One news article: headline, dateline, body paragraphs and what the input said about it."""

    id: str
    headline: str
    paragraphs: list[str]
    dateline: str | None = None
    byline: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    source_path: str | None = None
    meta: dict = field(default_factory=dict)

    @property
    def blocks(self) -> list[str]:
        """The headline followed by the body paragraphs: block 0 is the headline."""
        return [self.headline, *self.paragraphs]

    @property
    def text(self) -> str:
        """Headline and paragraphs joined by blank lines; all offsets refer to this string."""
        return "\n\n".join(self.blocks)

    @property
    def block_starts(self) -> list[int]:
        """Character offset in `text` where each block (0 = headline) starts."""
        starts, pos = [], 0
        for block in self.blocks:
            starts.append(pos)
            pos += len(block) + 2
        return starts

    @property
    def words(self) -> int:
        """Number of whitespace-separated words in headline and body."""
        return len(self.text.split())

    @property
    def content_hash(self) -> str:
        """A digest of everything extraction depends on, used as the cache key."""
        h = hashlib.sha256()
        for part in (self.id, self.text, self.dateline or "", self.outlet or "", self.date or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()


@dataclass
class Reject:
    """An input that could not be read: where (`feed.jsonl:7` for one record) and why, in words."""

    source_path: str
    reason: str


@dataclass
class Skip:
    """A file of a corpus folder that is not read, and why, in a few words shared by every file
    skipped for the same reason (`.md (not an article format)`, `dangling symlink`): a run
    reports a count per reason, so nothing in a folder vanishes unmentioned."""

    source_path: str
    reason: str


class ReadError(ValueError):
    """Raised by a reader when a file (or one record of it) cannot become an article.

    The message is the whole reason, naming the file: `corpus/notes.txt is empty.`
    """


# --- Paths and text as valid UTF-8 --------------------------------------------------------------

# Control characters (C0, DEL, C1) in a file name would move the cursor or recolour the terminal
# when a reason naming the file is printed.
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A lone surrogate: half of a UTF-16 pair, which no UTF-8 encoder accepts.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def display_path(path: str | os.PathLike) -> str:
    """A path as printable text that is valid UTF-8; `str(path)` for an ordinary name.

    Name bytes that are not UTF-8 (Linux gives `caf\\udce9.txt` for a name made on Windows or an
    old share) are shown as `\\xe9`, and control characters as `\\n`, `\\x1b`, so the text can be
    stored in any table and printed safely. Files are still opened with the real path.
    """
    name = os.fspath(path)
    if isinstance(name, str):
        try:
            name = os.fsencode(name)
        except UnicodeEncodeError:  # a surrogate no file-system byte stands for
            name = name.encode("utf-8", "surrogatepass")
    shown = name.decode("utf-8", "backslashreplace")
    if _NAME_CONTROL.search(shown):
        shown = _NAME_CONTROL.sub(lambda m: _NAMED_ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}"), shown)
    return shown


def _without_surrogates(text: str) -> tuple[str, int]:
    """`text` with each lone surrogate replaced by U+FFFD, and how many there were."""
    if not _SURROGATE.search(text):
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def _printable(message: str) -> str:
    """A reason as one printable line of valid UTF-8, whatever the error it came from held."""
    message = " ".join(message.split())
    message = _without_surrogates(message)[0]
    return _NAME_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)


# --- Decoding -------------------------------------------------------------------------------

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


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


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


def decode_entities(text: str) -> str:
    """Decode well-formed HTML character references (`&amp;`, `&#8220;`), leaving `AT&T` alone."""
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def markup_to_text(text: str) -> str:
    """Plain paragraphs from text that may carry HTML markup, as CMS feeds export it.

    Block tags (`<p>`, `<br>`, `<div>`, `<li>`) end a paragraph, other tags and the content of
    `<script>` and `<style>` are dropped, and character references are decoded. Text without
    block tags only has its references decoded, so a literal `a < b` survives. Linear in the
    length of the text, however many tags are left unclosed.
    """
    if _BLOCK_TAG.search(text):
        text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", _without_scripts(text)))
    return decode_entities(text)


def _without_scripts(text: str) -> str:
    """`text` without `<script>...</script>` and `<style>...</style>` elements.

    Each opening is matched with the first closing after it; an opening whose kind is never
    closed again is left in place (its tag is dropped later with the other tags). Once a kind
    has no closing left, later openings of it are not searched again, so unclosed `<script`
    repeated many times costs one pass, not one pass each.
    """
    if "<" not in text:
        return text
    pieces, pos, unclosed = [], 0, set()
    for m in _SCRIPT_OPEN.finditer(text):
        kind = m.group(1).lower()
        if m.start() < pos or kind in unclosed:
            continue
        close = _SCRIPT_CLOSE[kind].search(text, m.end())
        if close is None:
            unclosed.add(kind)
            continue
        pieces.append(text[pos : m.start()])
        pos = close.end()
    pieces.append(text[pos:])
    return "".join(pieces)


# --- Building articles ------------------------------------------------------------------------


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Return `(dateline, paragraph)`; the dateline is `None` when the paragraph has none.

    The paragraph itself is returned unchanged, so offsets stay put: `GENEVA: Russian ...`
    gives `("GENEVA", "GENEVA: Russian ...")`.
    """
    m = _DATELINE.match(paragraph)
    if not m or len(m.group("place").split()) > 4:
        return None, paragraph
    return m.group("place").strip(" .-"), paragraph


def is_boilerplate(paragraph: str) -> bool:
    """True for page furniture: `Comments`, `FASTFACT`, `Share this article`."""
    key = re.sub(r"[^\w ]+", "", paragraph).strip().lower()
    return key in BOILERPLATE or not key


def clean_paragraphs(lines: Iterable[str]) -> list[str]:
    """Whitespace-trimmed body paragraphs without furniture or repeated pull-quote boxes.

    A pull-quote or fact box repeats a sentence of the body (newspapers print it large beside
    the story); a paragraph whose text already stands in another paragraph is dropped so it is
    never counted twice.
    """
    return _drop_repeats(_without_furniture(lines))


def _without_furniture(lines: Iterable[str]) -> list[str]:
    paragraphs = [_SPACES.sub(" ", p).strip() for p in lines]
    return [p for p in paragraphs if p and not is_boilerplate(p)]


_SPACES = re.compile(r"[ \t\u00a0]+")

# Paragraphs shorter than this ("Thank you.") legitimately recur and are never dropped.
MIN_REPEAT_CHARS = 40
# A pull quote is looked for only among the paragraphs sharing its rarest pair of words; a pair
# shared by more paragraphs than this is a refrain of the text, not the trace of one box.
_MAX_REPEAT_CANDIDATES = 64


def _drop_repeats(paragraphs: list[str]) -> list[str]:
    """`paragraphs` without those (of MIN_REPEAT_CHARS or more) that equal an earlier paragraph
    or stand inside a longer one.

    Near-linear: equal paragraphs are found by hashing, and a paragraph `p` is only compared
    with the paragraphs holding the rarest pair of its inner words. Every word of `p` but the
    first and the last is a whole word wherever `p` stands, so a paragraph holding `p` holds
    that pair of words side by side.
    """
    long = [i for i, p in enumerate(paragraphs) if len(p) >= MIN_REPEAT_CHARS]
    words = {i: paragraphs[i].split() for i in long}
    index: dict[tuple[str, ...], list[int]] = {}
    for i in long:
        w = words[i]
        for key in {*zip(w, w[1:]), *((x,) for x in w)}:
            index.setdefault(key, []).append(i)
    seen: set[str] = set()
    dropped: set[int] = set()
    for i in long:
        p = paragraphs[i]
        if p in seen:
            dropped.add(i)
            continue
        seen.add(p)
        if _inside_longer(p, words[i][1:-1], index, paragraphs):
            dropped.add(i)
    return [p for i, p in enumerate(paragraphs) if i not in dropped]


def _inside_longer(p: str, inner: list[str], index: dict, paragraphs: list[str]) -> bool:
    """True when `p` stands inside a longer paragraph among those sharing its rarest inner word
    pair (or its one inner word); a paragraph of one or two words is not looked for."""
    keys = list(zip(inner, inner[1:])) or [(x,) for x in inner]
    if not keys:
        return False
    candidates = min((index.get(k, ()) for k in keys), key=len)
    if len(candidates) > _MAX_REPEAT_CANDIDATES:
        return False
    return any(len(paragraphs[j]) > len(p) and p in paragraphs[j] for j in candidates)


# Line and paragraph separators other than `\n`: vertical tab (Word's manual line break), form
# feed, NEL, and U+2028/U+2029 (JavaScript CMSs); each separates paragraphs as `\n` does.
_SEPARATORS = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")


def article_from_text(
    text: str, article_id: str, source_path: str | None = None, **meta: str | None
) -> Article:
    """Build an Article from plain text: first non-empty line is the headline.

    Paragraphs are separated by newlines (single or blank lines both work, as CMS exports
    differ), or by any other line or paragraph separator (U+2028, U+2029, form feed, vertical
    tab, NEL). The text is NFC-normalised first, so offsets into `Article.text` count composed
    characters. Known keyword arguments (`date`, `url`, `outlet`, `byline`, or `author` for the
    byline) fill the fields of the same name; `title` overrides the headline; everything else
    lands in `meta`. Raises ReadError when there is no text or it is over MAX_ARTICLE_CHARS
    (checked before repeated paragraphs are looked for, so a dump is refused quickly).
    """
    where = source_path or article_id
    text = _SEPARATORS.sub("\n", _normalise(text))
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    title = meta.pop("title", None)
    title = unicodedata.normalize("NFC", re.sub(r"\s+", " ", str(title))).strip() if title not in (None, "") else ""
    if title:
        headline, body = title, lines
        if body and _same_line(body[0], headline):
            body = body[1:]  # a page's <h1> repeats its title
    elif lines:
        headline, body = _SPACES.sub(" ", lines[0]), lines[1:]
    else:
        raise ReadError(f"{where} has no text.")
    paragraphs = _without_furniture(body)
    _check_length(len(headline) + sum(len(p) + 2 for p in paragraphs), where)
    paragraphs = _drop_repeats(paragraphs)
    dateline = None
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    known = {k: meta.pop(k) for k in ("date", "url", "outlet", "byline") if k in meta}
    author = meta.pop("author", None)
    if not known.get("byline"):
        known["byline"] = author
    return Article(
        id=article_id,
        headline=headline,
        paragraphs=paragraphs,
        dateline=dateline,
        source_path=source_path,
        meta={k: v for k, v in meta.items() if v not in (None, "")},
        **{k: (str(v).strip() if v not in (None, "") else None) for k, v in known.items()},
    )


def _check_length(length: int, where: str) -> None:
    if length > MAX_ARTICLE_CHARS:
        raise ReadError(
            f"{where} is too long for one article ({length:,} characters;"
            f" the limit is {MAX_ARTICLE_CHARS:,})."
        )


def _same_line(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip(" .:;,!?\u2013\u2014-").casefold()

    return key(a) == key(b)


def article_from_record(record: dict, default_id: str, source_path: str) -> Article:
    """Build an Article from one record of a feed (a JSON object, a CSV row).

    `text` is required; `id`, `title` (or `headline`), `date`, `url`, `outlet` and `author`
    (or `byline`) fill the Article; every other field goes to `meta`. Field names are matched
    case-insensitively. A record id is made safe for file names with `safe_id`; a record
    without one gets `default_id`. Markup and character references in text fields are decoded.
    Raises ReadError (naming `source_path`) when the text is missing, empty or too large.
    """
    fields: dict = {}
    extra: dict = {}
    names = {key: str(key).strip().lstrip("\ufeff").lower() for key in record}
    for key, value in record.items():  # exact names first, so `title` beats `headline`
        if names[key] in RECORD_FIELDS and names[key] not in fields:
            fields[names[key]] = value
        else:
            extra[str(key)] = value
    for key in [k for k in extra if k.strip().lstrip("\ufeff").lower() in FIELD_ALIASES]:
        name = FIELD_ALIASES[key.strip().lstrip("\ufeff").lower()]
        if fields.get(name) in (None, ""):
            fields[name] = extra.pop(key)
    if "text" not in fields:
        found = ", ".join(repr(str(k)) for k in list(record)[:8]) or "none"
        raise ReadError(f"{source_path} has no 'text' field (fields found: {found}).")
    text = fields["text"]
    if text is None or (isinstance(text, str) and not text.strip()):
        raise ReadError(f"{source_path} has no text.")
    if not isinstance(text, str):
        raise ReadError(f"{source_path} has a 'text' field that is a {_json_kind(text)}, not a string.")
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_ARTICLE_BYTES:
        raise ReadError(f"{source_path} is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article ({_mb(size)}).")
    raw_id = fields.get("id")
    article_id = safe_id(str(raw_id)) if raw_id is not None and str(raw_id).strip() else default_id
    known = {}
    for name in ("title", "date", "url", "outlet", "author"):
        value = fields.get(name)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            known[name] = decode_entities(str(value)).strip() or None
        elif value is not None:
            extra[name] = value  # a nested value is not a headline or a date; keep it as given
    article = article_from_text(markup_to_text(text), article_id, source_path, **known)
    article.meta.update((k, v) for k, v in extra.items() if v not in (None, ""))
    return article


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def block_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each line of `text`: for an Article, the headline then the paragraphs."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def block_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the block that contains (or last started before) `offset`."""
    return max(bisect.bisect_right(spans, offset, key=_first) - 1, 0)


def _first(span: tuple[int, int]) -> int:
    return span[0]


def safe_id(name: str) -> str:
    """An article id usable in file names: letters, digits, `._-` only."""
    cleaned = re.sub(r"[^\w.\-]+", "_", unicodedata.normalize("NFKC", name)).strip("._")
    return cleaned[:120] or hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]


# --- Readers ----------------------------------------------------------------------------------

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


def read_txt(path: Path) -> Iterator[Article]:
    """Read one plain-text article (the seed's format): first non-empty line is the headline."""
    name = display_path(path)
    text = decode(_read_article_bytes(path, name), name)
    yield article_from_text(decode_entities(text), _stem_id(path), name)


def read_html(path: Path) -> Iterator[Article]:
    """Read one web page: main text, title, date, author and site name through trafilatura.

    Navigation, comments, related-article boxes and tables are left out; each paragraph of the
    page is one paragraph of the article. A page cut off before its end (an interrupted
    download) is refused rather than read half.
    """
    import trafilatura  # imported here: it is slow to import and only pages need it

    name = display_path(path)
    data = _read_article_bytes(path, name)
    declared = _META_CHARSET.search(data[:SAMPLE_BYTES])
    page = decode(data, name, declared.group(1).decode("ascii", "replace") if declared else None)
    if _is_truncated(page):
        raise ReadError(f"{name} is cut off before the end of the page; save or download it again.")
    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False,
        # Only dates the page states in its markup: the extensive search guesses from
        # copyright lines and links, which gives wrong publication dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # When the page has no main text, trafilatura falls back to whatever text it holds, menus
    # included; an article has at least one line that reads as a sentence.
    if doc is None or not any(len(line.split()) >= MIN_PROSE_WORDS for line in (doc.text or "").splitlines()):
        if _nested_too_deep(page):
            raise ReadError(f"{name} is nested more than {_HTML_DEPTH} levels deep; the HTML parser cannot read it.")
        raise ReadError(f"{name} has no article text that could be found in the page (only menus or short lines).")
    yield article_from_text(
        doc.text, _stem_id(path), name,
        title=doc.title, date=doc.date, url=doc.url, outlet=doc.sitename, author=doc.author,
    )


_PAGE_END = re.compile(r"</(?:body|html)\b", re.I)
# Elements whose content is not markup: a page that stops inside one was cut off in it.
_RAW_TEXT = (("<script", "</script"), ("<style", "</style"), ("<!--", "-->"))
# libxml2, the HTML parser under trafilatura, stops building the tree this deep.
_HTML_DEPTH = 256


def _is_truncated(page: str) -> bool:
    """True for a whole page (doctype or `<html>` first) that was cut off before its end.

    HTML5 lets a page leave out `</body>` and `</html>`, and some pages put kilobytes of script
    after them, so a page with either end tag anywhere is whole, and one without them is cut
    off only when it also stops mid-way: not right after a tag's `>`, or inside a script, style
    or comment that is never closed. A download cut at a random byte almost always stops in
    text or inside a tag; a complete page stops after a tag.
    """
    head = page.lstrip()[:200].lower()
    if not head.startswith(("<!doctype html", "<html", "<?xml")):
        return False  # a fragment, not a whole page: nothing says where it should end
    if _PAGE_END.search(page):
        return False
    end = page.rstrip()
    if not end.endswith(">"):
        return True
    tail = end.lower()
    return any(tail.rfind(opening) > tail.rfind(closing) for opening, closing in _RAW_TEXT)


def _nested_too_deep(page: str) -> bool:
    """True when the HTML parser gave up on `page` for nesting deeper than it builds (its
    `Excessive depth` error): the text below that depth never reaches the extraction."""
    from lxml import etree

    parser = etree.HTMLParser()
    try:
        etree.fromstring(page, parser)
    except (ValueError, etree.LxmlError):
        pass  # whatever else is wrong with the page, only the depth error is asked about
    return any("excessive depth" in entry.message.lower() for entry in parser.error_log)


def read_jsonl(path: Path) -> Iterator[Article | Reject]:
    """Read a JSON Lines feed: one record (a JSON object) a line.

    A line that is not valid JSON (bad syntax, a number too long to read, bytes that are not
    text), not an object, or has no text becomes a Reject (`feed.jsonl:7`) and the other lines
    still load. Records without an id get `<stem>-<line>`. A record whose strings hold lone
    surrogates (`\\ud800`, half an emoji) is read with U+FFFD in their place, plus a Reject
    noting it.
    """
    name = display_path(path)
    stem = _stem_id(path)
    for number, line in _numbered_lines(path, name):
        where, described = f"{name}:{number}", f"{name} line {number}"
        if isinstance(line, _TooLong):
            yield Reject(where, f"{described} is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article.")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(where, f"{described} is not valid JSON: {_json_problem(e)} column {e.colno}.")
            continue
        except RecursionError:
            yield Reject(where, f"{described} is JSON nested too deeply to be an article record.")
            continue
        except ValueError as e:  # Python's limit on the digits of an int
            yield Reject(where, f"{described} {_json_value_problem(e)}")
            continue
        yield from _record(record, f"{stem}-{number}", described, where)


def read_json(path: Path) -> Iterator[Article | Reject]:
    """Read a JSON file holding one record or a list of records (objects with `text`)."""
    name = display_path(path)
    with _open_regular(path, name) as f:
        text = decode(f.read(), name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"{name} is not valid JSON: {_json_problem(e)} line {e.lineno}, column {e.colno}.") from None
    except RecursionError:
        raise ReadError(f"{name} is JSON nested too deeply to be an article record.") from None
    except ValueError as e:
        raise ReadError(f"{name} {_json_value_problem(e)}") from None
    if isinstance(data, dict):
        yield from _record(data, _stem_id(path), name, name)
        return
    if not isinstance(data, list):
        raise ReadError(f"{name} holds a JSON {_json_kind(data)}, not a record or a list of records.")
    if not data:
        raise ReadError(f"{name} holds an empty list: no records.")
    stem = _stem_id(path)
    for number, record in enumerate(data, 1):
        yield from _record(record, f"{stem}-{number}", f"{name} record {number}", f"{name}:{number}")


def _json_value_problem(error: ValueError) -> str:
    """The end of a reason for JSON that parses but holds a value Python cannot make."""
    if "integer string conversion" in str(error):
        return f"holds a number too long to read (over {sys.get_int_max_str_digits():,} digits)."
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"could not be read as JSON ({detail})."


def _record(record: object, default_id: str, described: str, where: str) -> Iterator[Article | Reject]:
    """The Article of one record, or a Reject saying why not; plus a Reject noting any lone
    surrogates that had to be replaced for the record to be stored as UTF-8."""
    if not isinstance(record, dict):
        yield Reject(where, f"{described} is a JSON {_json_kind(record)}, not a record with 'text'.")
        return
    replaced = _replace_surrogates(record)
    try:
        article = article_from_record(record, default_id, where)
    except ReadError as e:
        yield Reject(where, str(e).replace(where, described, 1))
        return
    yield article
    if replaced:
        chars = "1 character that is" if replaced == 1 else f"{replaced:,} characters that are"
        them = "it was" if replaced == 1 else "they were"
        yield Reject(where, f"{described} has {chars} not valid Unicode (a lone surrogate, as from a cut emoji);"
                            f" {them} replaced with U+FFFD and the article was read.")


def _replace_surrogates(value: dict | list) -> int:
    """Replace lone surrogates with U+FFFD in every string (keys too) of a parsed JSON value,
    in place; the number replaced. JSON from JavaScript writes them (`\\ud83d` alone) when a
    string is cut inside an emoji, and no UTF-8 table or cache can store them. Iterative, so
    a deeply nested record cannot exhaust the stack."""
    total, stack = 0, [value]
    while stack:
        item = stack.pop()
        pairs = list(item.items()) if isinstance(item, dict) else list(enumerate(item))
        fixed = []
        for key, v in pairs:
            if isinstance(key, str):
                key, n = _without_surrogates(key)
                total += n
            if isinstance(v, str):
                v, n = _without_surrogates(v)
                total += n
            elif isinstance(v, (dict, list)):
                stack.append(v)
            fixed.append((key, v))
        if isinstance(item, dict):
            item.clear()
            item.update(fixed)
        else:
            item[:] = [v for _, v in fixed]
    return total


def read_csv(path: Path, delimiter: str | None = None) -> Iterator[Article | Reject]:
    """Read a CSV export: a header row naming the fields, then one record a row.

    The delimiter (`,`, `;` or tab, as spreadsheet exports vary by locale) is the one that
    makes a `text` column appear in the header. A file without a `text` column is refused
    whole; a row without text, or with more cells than the header, becomes a Reject
    (`list.csv:3` for the third record) and the other rows still load.

    Quoting follows the CSV convention (`"` around a field, `""` inside it), and a quoted field
    may run over several lines, as a text of several paragraphs does. An unbalanced quote would
    swallow the records after it, so this rule applies: a quoted field carried on to a later
    line must end with a quote followed by a delimiter or the line's end. When the next quote
    on a later line is followed by anything else (a quote opening the text of the next record),
    or the field never ends, its record becomes a Reject saying at which line it starts, and
    reading goes on from the line after that one. Tab-separated files are often written
    without quoting, where a text may begin with a quote mark; they are read with quotes as
    plain characters unless the file quotes the CSV way (a quoted header, or a quoted field
    holding a tab, a line break or a doubled quote).
    """
    name = display_path(path)
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_BYTES))
    lines = _numbered_lines(path, name)
    first = next(lines, (1, ""))[1]
    first = "" if isinstance(first, _TooLong) else first
    delimiter = delimiter or _csv_delimiter(first)
    lines, quoted = _csv_quoting(lines, first, delimiter)
    header = next(csv.reader([first], delimiter=delimiter, quoting=_quoting(quoted)), [])
    names = [h.strip().lstrip("\ufeff") for h in header]
    if "text" not in {n.lower() for n in names}:
        found = ", ".join(repr(n) for n in names if n) or "none"
        raise ReadError(f"{name} has no 'text' column (columns found: {found}).")
    stem, number = _stem_id(path), 0
    for line, cells, problem in _csv_records(lines, delimiter, quoted):
        if problem is None and not any(cell.strip() for cell in cells):
            continue
        number += 1
        where, described = f"{name}:{number}", f"{name} record {number}"
        if problem is not None:
            yield Reject(where, f"{described} {problem.replace('{line}', str(line))}")
        elif len(cells) > len(names):
            yield Reject(where, f"{described} has {len(cells)} cells but the header names {len(names)} (an unquoted delimiter?).")
        else:
            yield from _record(dict(zip(names, cells)), f"{stem}-{number}", described, where)
    if number == 0:
        raise ReadError(f"{name} has a header but no records.")


def _quoting(quoted: bool) -> int:
    return csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE


# A field quoted the CSV way, from its opening quote to the closing one before a tab or a line end.
_QUOTED_TSV_FIELD = re.compile(r'(?:^|\t)"([^"]*(?:""[^"]*)*)"(?=\t|$)', re.M)


def _csv_quoting(lines: Iterator, header: str, delimiter: str) -> tuple[Iterator, bool]:
    """`(lines, quoted)`: whether quotes are CSV quoting; the lines looked at are put back."""
    if delimiter != "\t":
        return lines, True
    if header.startswith('"') and all(c.startswith('"') and c.endswith('"') for c in header.split("\t") if c):
        return lines, True
    sample, size = [], 0
    for item in lines:
        sample.append(item)
        size += len(item[1]) if isinstance(item[1], str) else SAMPLE_BYTES
        if size >= SAMPLE_BYTES:
            break
    text = "\n".join(line for _, line in sample if isinstance(line, str))
    quoted = any(re.search(r'[\t\n]|""', m.group(1)) for m in _QUOTED_TSV_FIELD.finditer(text))
    return itertools.chain(sample, lines), quoted


_UNCLOSED = ("(line {line}) opens a quoted field that is never closed (an unbalanced \"); it was not read,"
             " and the lines after it were read as records of their own.")
_TOO_BIG = f"is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article."


def _csv_records(lines: Iterator, delimiter: str, quoted: bool) -> Iterator[tuple[int, list[str], str | None]]:
    """`(first line, cells, problem)` for each record: physical lines joined while a quoted
    field runs on, by the rule of `read_csv`. `problem` is a reason ending (with `{line}` to
    fill in) for a record that cannot be read, else None."""
    pending: list = []  # lines to read again after a record was found broken, next one last

    def pull():
        return pending.pop() if pending else next(lines, None)

    while (start := pull()) is not None:
        taken, size, inside, current = [], 0, False, start
        while True:
            text = _csv_text(current[1])
            inside, broken = _quote_state(text, delimiter, inside) if quoted else (False, False)
            if broken:
                if size <= MAX_ARTICLE_BYTES:
                    pending.extend(reversed(taken[1:] + [current]))
                    yield start[0], [], _UNCLOSED
                else:  # the lines were not kept; they are part of the rejected record
                    pending.append(current)
                    yield start[0], [], _TOO_BIG
                break
            size += len(text) + 1
            taken.append(current if size <= MAX_ARTICLE_BYTES else (current[0], ""))
            if not inside:
                yield start[0], *_csv_cells(taken, delimiter, quoted, size)
                break
            current = pull()
            if current is None:
                if size <= MAX_ARTICLE_BYTES:
                    pending.extend(reversed(taken[1:]))
                yield start[0], [], _UNCLOSED if size <= MAX_ARTICLE_BYTES else _TOO_BIG
                break


def _csv_text(line: str | _TooLong) -> str:
    """The text of a line for the quote rule; a line too long to read stands as the quote it
    leaves open or closes, so the records after it still line up."""
    if isinstance(line, _TooLong):
        return '"' if line.odd_quotes else ""
    return line


def _csv_cells(taken: list, delimiter: str, quoted: bool, size: int) -> tuple[list[str], str | None]:
    """`(cells, problem)` of a record from its physical lines."""
    if size > MAX_ARTICLE_BYTES or any(isinstance(line, _TooLong) for _, line in taken):
        return [], _TOO_BIG
    try:
        rows = list(csv.reader([line + "\n" for _, line in taken], delimiter=delimiter, strict=False, quoting=_quoting(quoted)))
    except csv.Error as e:
        return [], _TOO_BIG if "field limit" in str(e) else f"(line {{line}}) could not be read as CSV ({e})."
    if len(rows) > 1:  # a carriage return alone inside the line, read as a line break
        return [], "(line {line}) could not be read as CSV (a line break inside a field that is not quoted)."
    return (rows[0] if rows else []), None


def _quote_state(line: str, delimiter: str, inside: bool) -> tuple[bool, bool]:
    """Follow CSV quoting through one line: `(inside a quoted field at the line's end, broken)`.

    `inside` says whether the line starts inside a quoted field carried over from an earlier
    line. `broken` is True when such a carried field meets a quote followed by neither another
    quote, the delimiter nor the line's end: that quote opens a field of a new record, so the
    carried field was never closed. A stray quote in a field that began on this line is kept
    as text, as the csv module keeps it.
    """
    carried, i, n = inside, 0, len(line)
    while True:
        q = line.find('"', i)
        if q < 0:
            return inside, False
        if not inside:
            if q == 0 or line[q - 1] == delimiter:  # a quote opening a field
                inside, carried = True, False
            i = q + 1
            continue
        after = line[q + 1] if q + 1 < n else delimiter
        if after == '"':
            i = q + 2  # a doubled quote stands for one quote inside the field
            continue
        if after != delimiter and carried:
            return inside, True
        inside, carried, i = False, False, q + 1


def _json_problem(error: json.JSONDecodeError) -> str:
    """`unterminated string starting at`, `expecting ',' delimiter at`: ready for a position."""
    message = error.msg.lower()
    return message if message.endswith(" at") else f"{message} at"


def _json_kind(value: object) -> str:
    kinds = {str: "string", bool: "true/false value", int: "number", float: "number", list: "list", dict: "object"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def _csv_delimiter(header: str) -> str:
    for delimiter in (",", ";", "\t", "|"):
        cells = next(csv.reader([header], delimiter=delimiter), [])
        if "text" in {c.strip().lstrip("\ufeff").lower() for c in cells}:
            return delimiter
    return ","


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


Reader = Callable[[Path], Iterator["Article | Reject"]]
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".tsv": partial(read_csv, delimiter="\t"),
}


# --- Corpora ----------------------------------------------------------------------------------


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
    if _lexists(p):
        matches = [p]
    else:
        matches = sorted(Path(m) for m in glob.glob(os.fspath(item), recursive=True))
        if not matches:
            raise FileNotFoundError(f"{display_path(item)}: no such file, folder or pattern")
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(match, outputs)
        else:
            yield match, None


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


def corpus_bytes(inputs: str | Path | Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> int:
    """The size in bytes of every file `read_corpus` would read: the total of a progress bar
    that works for one-article files and million-record feeds alike. Lists the corpus once."""
    return sum(_size(path) for path in iter_files(inputs, exclude=exclude) if not isinstance(path, Skip))


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def read_corpus(
    inputs: str | Path | Iterable[str | Path], exclude: Iterable[str | Path] = (),
    on_read: Callable[[int], object] | None = None,
) -> Iterator[Article | Reject | Skip]:
    """Yield an Article for every readable article, a Reject for every input that is not, and a
    Skip for every entry of a folder that is not an article file (see `iter_files`, which also
    says what `exclude` does).

    Lazy: each file is opened only when reached, so a file that disappears or becomes
    unreadable after the folder was listed is a Reject, not a crash. One bad file or record
    never stops the rest. Ids are made unique within the corpus by suffixing `-2`, `-3`, ...
    in input order, so they are stable across runs over the same inputs. Every string of what
    is yielded is valid UTF-8. `on_read`, when given, is called with each file's size in bytes
    once everything in it has been yielded (see `corpus_bytes`).
    """
    seen: set[str] = set()
    for path in iter_files(inputs, exclude=exclude):
        if isinstance(path, Skip):
            yield path
            continue
        name = display_path(path)
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
                    item.id = _unique(item.id, seen)
                yield item
        except Exception as e:  # noqa: BLE001 - whatever one file does, the corpus goes on
            yield Reject(name, _one_line(e, name))
        if on_read is not None:
            on_read(_size(path))


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

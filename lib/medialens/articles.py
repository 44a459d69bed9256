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
"""
from __future__ import annotations

import bisect
import codecs
import csv
import glob
import hashlib
import html
import io
import json
import re
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
_BLOCK_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?blockquote|/?tr)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

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


class ReadError(ValueError):
    """Raised by a reader when a file (or one record of it) cannot become an article.

    The message is the whole reason, naming the file: `corpus/notes.txt is empty.`
    """


# --- Decoding -------------------------------------------------------------------------------


def decode(data: bytes, path: str | Path = "", declared: str | None = None) -> str:
    """Decode bytes of unknown encoding into NFC-normalised text with `\\n` line ends.

    A byte-order mark decides first (UTF-8, UTF-16); then `declared` (an HTML page's charset)
    if the bytes really are in it; then strict UTF-8; anything else is detected by
    charset-normalizer, preferring windows-1252 when it fits as well as the best guess (curly
    quotes in bytes 0x91-0x94 are then `‘’“”`, and latin-1 text reads the same). Raises
    ReadError for empty or binary data.
    """
    where = path or "the input"
    if not data.strip():
        raise ReadError(f"{where} is empty.")
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\0" in data[:SAMPLE_BYTES]:
            raise ReadError(f"{where} is a binary file, not text.")
        text = _decode_declared(data, declared)
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode(_guess_encoding(data[:SAMPLE_BYTES] if len(data) > SAMPLE_BYTES else data, where), errors="replace")
    if _looks_binary(text):
        raise ReadError(f"{where} is a binary file, not text.")
    return _normalise(text)


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


def _guess_encoding(sample: bytes, where: str | Path) -> str:
    """The encoding of bytes that are not UTF-8: windows-1252 unless something else fits better."""
    matches = list(from_bytes(sample))
    if not matches:
        raise ReadError(f"{where} is a binary file or in an unknown encoding.")
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

    Block tags (`<p>`, `<br>`, `<div>`, `<li>`) end a paragraph, other tags are dropped, and
    character references are decoded. Text without block tags only has its references decoded,
    so a literal `a < b` survives.
    """
    if _BLOCK_TAG.search(text):
        text = _ANY_TAG.sub("", _BLOCK_TAG.sub("\n", _SCRIPT.sub("", text)))
    return decode_entities(text)


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
    paragraphs = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in lines]
    paragraphs = [p for p in paragraphs if p and not is_boilerplate(p)]
    return [p for i, p in enumerate(paragraphs) if not _repeats(i, paragraphs)]


def _repeats(i: int, paragraphs: list[str]) -> bool:
    """True when paragraph i stands inside a longer paragraph, or equals an earlier one."""
    p = paragraphs[i]
    if len(p) < 40:  # short lines ("Thank you.") legitimately recur
        return False
    return any(
        p in other and (len(other) > len(p) or j < i)
        for j, other in enumerate(paragraphs)
        if j != i
    )


def article_from_text(
    text: str, article_id: str, source_path: str | None = None, **meta: str | None
) -> Article:
    """Build an Article from plain text: first non-empty line is the headline.

    Paragraphs are separated by newlines (single or blank lines both work, as CMS exports
    differ). The text is NFC-normalised first, so offsets into `Article.text` count composed
    characters. Known keyword arguments (`date`, `url`, `outlet`, `byline`, or `author` for the
    byline) fill the fields of the same name; `title` overrides the headline; everything else
    lands in `meta`. Raises ReadError when there is no text or it is over MAX_ARTICLE_CHARS.
    """
    where = source_path or article_id
    text = _normalise(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    title = meta.pop("title", None)
    title = unicodedata.normalize("NFC", re.sub(r"\s+", " ", str(title))).strip() if title not in (None, "") else ""
    if title:
        headline, body = title, lines
        if body and _same_line(body[0], headline):
            body = body[1:]  # a page's <h1> repeats its title
    elif lines:
        headline, body = re.sub(r"[ \t\u00a0]+", " ", lines[0]), lines[1:]
    else:
        raise ReadError(f"{where} has no text.")
    paragraphs = clean_paragraphs(body)
    dateline = None
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    known = {k: meta.pop(k) for k in ("date", "url", "outlet", "byline") if k in meta}
    author = meta.pop("author", None)
    if not known.get("byline"):
        known["byline"] = author
    article = Article(
        id=article_id,
        headline=headline,
        paragraphs=paragraphs,
        dateline=dateline,
        source_path=source_path,
        meta={k: v for k, v in meta.items() if v not in (None, "")},
        **{k: (str(v).strip() if v not in (None, "") else None) for k, v in known.items()},
    )
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ReadError(
            f"{where} is too long for one article ({len(article.text):,} characters;"
            f" the limit is {MAX_ARTICLE_CHARS:,})."
        )
    return article


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
    return cleaned[:120] or hashlib.sha1(name.encode()).hexdigest()[:12]


# --- Readers ----------------------------------------------------------------------------------


def _read_article_bytes(path: Path) -> bytes:
    """The bytes of a one-article file, refused before reading when over MAX_ARTICLE_BYTES."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ReadError(f"{path} is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article ({_mb(size)}).")
    return path.read_bytes()


def read_txt(path: Path) -> Iterator[Article]:
    """Read one plain-text article (the seed's format): first non-empty line is the headline."""
    text = decode(_read_article_bytes(path), path)
    yield article_from_text(decode_entities(text), safe_id(path.stem), str(path))


def read_html(path: Path) -> Iterator[Article]:
    """Read one web page: main text, title, date, author and site name through trafilatura.

    Navigation, comments, related-article boxes and tables are left out; each paragraph of the
    page is one paragraph of the article. A page cut off before `</body>` and `</html>` (an
    interrupted download) is refused rather than read half.
    """
    import trafilatura  # imported here: it is slow to import and only pages need it

    data = _read_article_bytes(path)
    declared = _META_CHARSET.search(data[:SAMPLE_BYTES])
    page = decode(data, path, declared.group(1).decode("ascii", "replace") if declared else None)
    if _is_truncated(page):
        raise ReadError(f"{path} is cut off before the end of the page (no </body> or </html>); save or download it again.")
    doc = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False,
        # Only dates the page states in its markup: the extensive search guesses from
        # copyright lines and links, which gives wrong publication dates.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # When the page has no main text, trafilatura falls back to whatever text it holds, menus
    # included; an article has at least one line that reads as a sentence.
    if doc is None or not any(len(line.split()) >= MIN_PROSE_WORDS for line in (doc.text or "").splitlines()):
        raise ReadError(f"{path} has no article text that could be found in the page (only menus or short lines).")
    yield article_from_text(
        doc.text, safe_id(path.stem), str(path),
        title=doc.title, date=doc.date, url=doc.url, outlet=doc.sitename, author=doc.author,
    )


def _is_truncated(page: str) -> bool:
    head = page.lstrip()[:200].lower()
    if not head.startswith(("<!doctype html", "<html", "<?xml")):
        return False  # a fragment, not a whole page: nothing says where it should end
    tail = page[-4096:].lower()
    return "</html" not in tail and "</body" not in tail


def read_jsonl(path: Path) -> Iterator[Article | Reject]:
    """Read a JSON Lines feed: one record (a JSON object) a line.

    A line that is not valid JSON, not an object, or has no text becomes a Reject
    (`feed.jsonl:7`) and the other lines still load. Records without an id get `<stem>-<line>`.
    """
    for number, line in _numbered_lines(path):
        where = f"{path}:{number}"
        if isinstance(line, _TooLong):
            yield Reject(where, f"{path} line {number} is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article.")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(where, f"{path} line {number} is not valid JSON: {_json_problem(e)} column {e.colno}.")
            continue
        except RecursionError:
            yield Reject(where, f"{path} line {number} is JSON nested too deeply to be an article record.")
            continue
        yield from _record(record, path, number, f"{path} line {number}", where)


def read_json(path: Path) -> Iterator[Article | Reject]:
    """Read a JSON file holding one record or a list of records (objects with `text`)."""
    text = decode(path.read_bytes(), path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"{path} is not valid JSON: {_json_problem(e)} line {e.lineno}, column {e.colno}.") from None
    if isinstance(data, dict):
        try:
            yield article_from_record(data, safe_id(path.stem), str(path))
        except ReadError as e:
            yield Reject(str(path), str(e))
        return
    if not isinstance(data, list):
        raise ReadError(f"{path} holds a JSON {_json_kind(data)}, not a record or a list of records.")
    if not data:
        raise ReadError(f"{path} holds an empty list: no records.")
    for number, record in enumerate(data, 1):
        yield from _record(record, path, number, f"{path} record {number}", f"{path}:{number}")


def read_csv(path: Path, delimiter: str | None = None) -> Iterator[Article | Reject]:
    """Read a CSV export: a header row naming the fields, then one record a row.

    The delimiter (`,`, `;` or tab, as spreadsheet exports vary by locale) is the one that
    makes a `text` column appear in the header. A file without a `text` column is refused
    whole; a row without text, or with more cells than the header, becomes a Reject
    (`list.csv:3` for the third record) and the other rows still load.
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_BYTES))
    oversized: list[int] = []
    lines = _decoded_lines(path, oversized)
    first = next(lines, "")
    delimiter = delimiter or _csv_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter), [])
    names = [h.strip().lstrip("\ufeff") for h in header]
    if "text" not in {n.lower() for n in names}:
        found = ", ".join(repr(n) for n in names if n) or "none"
        raise ReadError(f"{path} has no 'text' column (columns found: {found}).")
    rows = csv.reader(lines, delimiter=delimiter)
    number = 0
    too_big = f"is larger than the {_mb(MAX_ARTICLE_BYTES)} limit for one article."
    while True:
        skipped = len(oversized)
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as e:
            number += 1
            problem = too_big if "field limit" in str(e) else f"could not be read as CSV ({e})."
            yield Reject(f"{path}:{number}", f"{path} record {number} {problem}")
            continue
        if len(oversized) > skipped:  # the record held a line too long to read: it is incomplete
            number += 1
            yield Reject(f"{path}:{number}", f"{path} record {number} {too_big}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        where = f"{path}:{number}"
        if len(row) > len(names):
            yield Reject(where, f"{path} record {number} has {len(row)} cells but the header names {len(names)} (an unquoted delimiter?).")
            continue
        yield from _record(dict(zip(names, row)), path, number, f"{path} record {number}", where)
    if number == 0:
        raise ReadError(f"{path} has a header but no records.")


def _record(record: object, path: Path, number: int, described: str, where: str) -> Iterator[Article | Reject]:
    if not isinstance(record, dict):
        yield Reject(where, f"{described} is a JSON {_json_kind(record)}, not a record with 'text'.")
        return
    try:
        yield article_from_record(record, f"{safe_id(path.stem)}-{number}", where)
    except ReadError as e:
        yield Reject(where, str(e).replace(where, described, 1))


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


def _numbered_lines(path: Path) -> Iterator[tuple[int, str | _TooLong]]:
    """`(line number, text)` for each line of a feed, read lazily; `_TooLong` for an oversized line."""
    with path.open("rb") as f:
        encoding = _sniff(f, path)
        if encoding == "utf-16":
            for number, line in enumerate(io.TextIOWrapper(f, encoding="utf-16", errors="replace", newline=""), 1):
                yield number, _normalise(line.rstrip("\r\n"))
            return
        for number, raw in enumerate(_byte_lines(f), 1):
            if isinstance(raw, _TooLong):
                yield number, raw
                continue
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            yield number, _decode_line(raw, encoding, path)


def _decoded_lines(path: Path, oversized: list[int]) -> Iterator[str]:
    """Lines of a text file with their line ends, read lazily (for the csv module).

    A line over MAX_ARTICLE_BYTES is not read: it comes through as an empty line (a lone `"`
    when it opened or closed a quoted field), and its number is appended to `oversized` so the
    caller can reject the record that held it.
    """
    for number, line in _numbered_lines(path):
        if isinstance(line, _TooLong):
            oversized.append(number)
            yield '"\n' if line.odd_quotes else "\n"
        else:
            yield line + "\n"


def _sniff(f: IO[bytes], path: Path) -> str:
    """The encoding of an open file from its first SAMPLE_BYTES; rewinds the file."""
    head = f.read(SAMPLE_BYTES)
    f.seek(0)
    if not head.strip():
        raise ReadError(f"{path} is empty.")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\0" in head:
        raise ReadError(f"{path} is a binary file, not text.")
    try:
        # Incremental, so a character cut by the end of the sample is not an error.
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SAMPLE_BYTES)
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = _guess_encoding(head, path)
        text = head.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise ReadError(f"{path} is a binary file, not text.")
    return encoding


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


def _decode_line(raw: bytes, encoding: str, path: Path) -> str:
    """One line of a feed: UTF-8 if it is valid UTF-8 (a line of another encoding almost never
    is), else the file's encoding, else whatever fits the line alone (a line pasted from
    another tool)."""
    for candidate in dict.fromkeys(("utf-8", encoding)):
        try:
            return _normalise(raw.decode(candidate))
        except UnicodeDecodeError:
            continue
    return _normalise(raw.decode(_guess_encoding(raw, path), errors="replace"))


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


def iter_files(inputs: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively), globs and plain paths into files, each once, in order.

    Files inside a folder are sorted and limited to the suffixes in READERS (hidden files and
    folders skipped); a file named directly or matched by a glob is yielded whatever its
    suffix, so an unsupported one becomes a Reject rather than vanishing. Raises
    FileNotFoundError when an input names nothing at all.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    seen: set[Path] = set()
    for item in inputs:
        p = Path(item)
        if p.exists():
            matches = [p]
        else:
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
            if not matches:
                raise FileNotFoundError(f"{item}: no such file, folder or pattern")
        for match in matches:
            files = _folder_files(match) if match.is_dir() else [match]
            for f in files:
                key = Path(f).absolute()
                if key not in seen:
                    seen.add(key)
                    yield f


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        f for f in folder.rglob("*")
        if f.suffix.lower() in READERS and not _hidden(f, folder) and f.is_file()
    )


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_corpus(inputs: str | Path | Iterable[str | Path]) -> Iterator[Article | Reject]:
    """Yield an Article for every readable article and a Reject for every input that is not.

    Lazy: each file is opened only when reached, so a file that disappears or becomes
    unreadable after the folder was listed is a Reject, not a crash. One bad file or record
    never stops the rest. Ids are made unique within the corpus by suffixing `-2`, `-3`, ...
    in input order, so they are stable across runs over the same inputs.
    """
    seen: set[str] = set()
    for path in iter_files(inputs):
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            supported = ", ".join(sorted(READERS))
            yield Reject(str(path), f"{path} is not a supported file type ({path.suffix or 'no suffix'}; medialens reads {supported}).")
            continue
        try:
            for item in reader(path):
                if isinstance(item, Article):
                    item.id = _unique(item.id, seen)
                yield item
        except Exception as e:  # noqa: BLE001 - whatever one file does, the corpus goes on
            yield Reject(str(path), _one_line(e, path))


def _unique(article_id: str, seen: set[str]) -> str:
    candidate, n = article_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{article_id}-{n}"
    seen.add(candidate)
    return candidate


def _one_line(error: Exception, path: Path) -> str:
    """A one-line reason naming the file, for any error a reader can raise."""
    if isinstance(error, ReadError):
        message = str(error)
    elif isinstance(error, OSError):
        why = (error.strerror or type(error).__name__).lower()
        message = f"{path} could not be read: {why}."
    else:
        detail = str(error).splitlines()[0] if str(error) else ""
        message = f"{path} could not be read ({type(error).__name__}{': ' + detail if detail else ''})."
    message = " ".join(message.split())
    return message if str(path) in message else f"{path}: {message}"

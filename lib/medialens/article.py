"""One news article as medialens reads it, and how it is built from text or a record.

An `Article` is the text as a reader sees it: a headline, an optional dateline, and body
paragraphs with page furniture removed. `Article.text` joins the headline and paragraphs with
blank lines; every character offset medialens reports points into that string. A `Reject` says
why an input could not become one, a `Skip` why a folder entry was not read; readers raise
`ReadError`. The readers themselves are in `medialens.io`; which body paragraphs are kept is
`medialens.paragraphs`.
"""
from __future__ import annotations

import bisect
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field

from .paragraphs import drop_repeats, fold_spaces, without_furniture

# spaCy refuses texts longer than `nlp.max_length` (1,000,000 characters by default) because the
# parser's memory grows with length; a longer "article" is a dump, not an article.
MAX_ARTICLE_CHARS = 1_000_000

# The most raw input one article may take (a page, a file, one record), checked before it is
# read, so a mis-exported dump cannot exhaust memory. HTML pages carry scripts and markup many
# times the size of their text, hence the margin over MAX_ARTICLE_CHARS.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

# Record fields that fill Article fields; any other field is kept in `Article.meta`.
RECORD_FIELDS = ("id", "text", "title", "date", "url", "outlet", "author")
# Column names newsroom exports use for the same fields.
FIELD_ALIASES = {"headline": "title", "byline": "author"}

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


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


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


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Return `(dateline, paragraph)`; the dateline is `None` when the paragraph has none.

    The paragraph itself is returned unchanged, so offsets stay put: `GENEVA: Russian ...`
    gives `("GENEVA", "GENEVA: Russian ...")`.
    """
    m = _dateline(paragraph)
    return (m.group("place").strip(" .-"), paragraph) if m else (None, paragraph)


def dateline_length(paragraph: str) -> int:
    """How many characters the wire dateline opening `paragraph` takes, separator and space
    included (`GENEVA: ` is 8), 0 when it opens with none."""
    m = _dateline(paragraph)
    return m.end() if m else 0


def _dateline(paragraph: str) -> re.Match | None:
    m = _DATELINE.match(paragraph)
    return m if m and len(m.group("place").split()) <= 4 else None


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
        headline, body = fold_spaces(lines[0]), lines[1:]
    else:
        raise ReadError(f"{where} has no text.")
    paragraphs = without_furniture(body)
    _check_length(len(headline) + sum(len(p) + 2 for p in paragraphs), where)
    paragraphs = drop_repeats(paragraphs)
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


def _json_kind(value: object) -> str:
    kinds = {str: "string", bool: "true/false value", int: "number", float: "number", list: "list", dict: "object"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)

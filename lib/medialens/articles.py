"""Reading articles: files in, cleaned `Article` records out.

An `Article` is the text as a reader sees it: a headline, an optional dateline, and body
paragraphs with page furniture removed. `Article.text` joins the headline and paragraphs with
blank lines; every character offset medialens reports points into that string.

Readers are chosen by file suffix from `READERS`, one small table, so a new format is one
function and one line.
"""
from __future__ import annotations

import bisect
import glob
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from charset_normalizer import from_bytes

# spaCy refuses texts longer than `nlp.max_length` (1,000,000 characters by default) because the
# parser's memory grows with length; a longer "article" is a dump, not an article.
MAX_ARTICLE_CHARS = 1_000_000

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
    """An input that could not be read, with a reason a person understands."""

    source_path: str
    reason: str


class ReadError(ValueError):
    """Raised by a reader when a file (or one record of it) cannot become an article."""


def decode(data: bytes, path: str | Path = "") -> str:
    """Decode bytes of unknown encoding into NFC-normalised text.

    UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their marks; anything
    else is detected by charset-normalizer, which tells cp1252 (curly quotes in bytes 0x91-0x94)
    from latin-1. Raises ReadError for empty or binary data.
    """
    if not data.strip():
        raise ReadError(f"{path}: empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\0" in data[:4096]:
            raise ReadError(f"{path}: binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise ReadError(f"{path}: binary file or unknown encoding") from None
            text = str(best)
    if _looks_binary(text):
        raise ReadError(f"{path}: binary file, not text")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\t\f")
    return controls > max(2, len(sample) // 100)


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
    differ). Known keyword arguments (`date`, `url`, `outlet`, `byline`) fill the fields of the
    same name; `title` overrides the headline; everything else lands in `meta`.
    """
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    title = meta.pop("title", None)
    if title:
        headline, body = re.sub(r"\s+", " ", title).strip(), lines
        if body and body[0] == headline:
            body = body[1:]
    elif lines:
        headline, body = lines[0], lines[1:]
    else:
        raise ReadError(f"{source_path or article_id}: no text")
    paragraphs = clean_paragraphs(body)
    dateline = None
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    known = {k: meta.pop(k) for k in ("date", "url", "outlet", "byline") if k in meta}
    if "author" in meta and not known.get("byline"):
        known["byline"] = meta.pop("author")
    article = Article(
        id=article_id,
        headline=headline,
        paragraphs=paragraphs,
        dateline=dateline,
        source_path=source_path,
        meta={k: v for k, v in meta.items() if v not in (None, "")},
        **{k: (str(v) if v not in (None, "") else None) for k, v in known.items()},
    )
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise ReadError(
            f"{source_path or article_id}: article too long ({len(article.text):,} characters;"
            f" the limit is {MAX_ARTICLE_CHARS:,})"
        )
    return article


def block_spans(text: str) -> list[tuple[int, int]]:
    """`(start, end)` of each line of `text`: for an Article, the headline then the paragraphs."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def block_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the block that contains (or last started before) `offset`."""
    return max(bisect.bisect_right([s for s, _ in spans], offset) - 1, 0)


def safe_id(name: str) -> str:
    """An article id usable in file names: letters, digits, `._-` only."""
    cleaned = re.sub(r"[^\w.\-]+", "_", unicodedata.normalize("NFKC", name)).strip("._")
    return cleaned[:120] or hashlib.sha1(name.encode()).hexdigest()[:12]


def read_txt(path: Path) -> Iterator[Article]:
    """Read one plain-text article (the seed's format)."""
    text = decode(path.read_bytes(), path)
    yield article_from_text(text, safe_id(path.stem), str(path))


Reader = Callable[[Path], Iterator["Article | Reject"]]
READERS: dict[str, Reader] = {".txt": read_txt}


def iter_files(inputs: str | Path | Iterable[str | Path]) -> Iterator[Path]:
    """Expand folders (recursively), globs and plain paths into readable files, sorted.

    Raises FileNotFoundError when an input names nothing at all.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in READERS and not _hidden(f, p)
            )
        elif p.exists():
            yield p
        else:
            matches = sorted(Path(m) for m in glob.glob(str(item), recursive=True))
            if not matches:
                raise FileNotFoundError(f"{item}: no such file, folder or pattern")
            yield from (m for m in matches if m.is_file())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_corpus(inputs: str | Path | Iterable[str | Path]) -> Iterator[Article | Reject]:
    """Yield an Article for every readable article and a Reject for every input that is not.

    One bad file never stops the rest; ids are made unique by suffixing `-2`, `-3`, ...
    """
    seen: set[str] = set()
    for path in iter_files(inputs):
        reader = READERS.get(path.suffix.lower())
        if reader is None:
            yield Reject(str(path), f"{path}: unsupported file type {path.suffix!r}")
            continue
        try:
            for item in reader(path):
                if isinstance(item, Article):
                    item.id = _unique(item.id, seen)
                yield item
        except (ReadError, OSError, UnicodeError) as e:
            yield Reject(str(path), _one_line(e, path))


def _unique(article_id: str, seen: set[str]) -> str:
    candidate, n = article_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{article_id}-{n}"
    seen.add(candidate)
    return candidate


def _one_line(error: Exception, path: Path) -> str:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    if isinstance(error, OSError) and error.strerror:
        message = f"{path}: {error.strerror.lower()}"
    return message if str(path) in message else f"{path}: {message}"

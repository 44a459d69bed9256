"""Readers chosen by file suffix from `READERS`, one small table, so a new format is one function
and one line. A reader yields an `Article` for every article it can read and a `Reject` for
every one it cannot (a bad line of a JSON Lines feed, a CSV record without text); a problem with
the whole file is raised as `ReadError` and becomes one `Reject` for the file.

Supported inputs (`text` is the only required field of a record; `id`, `title`, `date`, `url`,
`outlet` and `author` fill the Article; any other field is kept in `Article.meta`):

- `.txt`: one article; the first non-empty line is the headline.
- `.html`, `.htm`: one web page; main text, title, date, author and site name by trafilatura.
- `.jsonl`: one record (a JSON object) a line.
- `.csv`, `.tsv`: a header row, then one record a row.
- `.json`: one record, or a list of records.
"""
from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import Callable, Iterator

from ..article import Article, ReadError, Reject, article_from_text, decode_entities
from .csv import read_csv
from .decode import SAMPLE_BYTES, decode
from .feeds import read_json, read_jsonl
from .files import _read_article_bytes, _stem_id
from .printable import display_path

# A web page whose longest line is shorter than this is navigation, not an article.
MIN_PROSE_WORDS = 6
_META_CHARSET = re.compile(rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


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

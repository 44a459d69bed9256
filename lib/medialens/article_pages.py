"""A page of its own for every article of a corpus, and an index of them.

`write_article_pages` writes one self-contained page per article (`view.page_name`), where each
quote is an element with an id (`view.quote_anchor`), so `page.html#q1534-1602` scrolls to that quote
and highlights it, plus `index.html`, the articles most quoted first. The article itself is drawn
by `view.py`, as in the notebooks.
"""
from __future__ import annotations

import html
import os
from collections import defaultdict
from pathlib import Path

import pandas as pd

from .article import Article
from .outfiles import PAGE_MARK, written_by_medialens
from .summaries import article_overview
from .tables import atomic_write
from .view import _article_html, _records, page_name

# The pages' own stylesheet: a page is a file of its own, so it may use a <style> block; the
# quote a link points at (`page.html#q1534-1602`) is outlined and scrolled to the middle of the screen.
PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; max-width: 50em;
       margin: 0 auto; padding: 1em 2em 4em; color: #222; line-height: 1.45; }
nav { color: #555; font-size: 90%; margin-bottom: 1em; }
.ml-quote { scroll-margin-top: 35vh; }
.ml-quote:target { outline: 3px solid #d55e00; outline-offset: 2px; box-shadow: 0 0 0 6px #fbe3d3; }
table { border-collapse: collapse; font-size: 90%; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
td.n { text-align: right; }
@media print { .ml-quote:target { outline: none; box-shadow: none; } }
"""
INDEX_COLUMNS = ["article_id", "headline", "outlet", "date", "quotes", "sources", "page"]
# What the pages read of each table.
ARTICLE_FIELDS = ["article_id", "article_text", "dateline", "date", "outlet", "byline", "source_path"]
QUOTE_FIELDS = ["article_id", "quote_id", "kind", "start", "end", "cue", "speaker", "speaker_canonical", "speaker_type",
                "speaker_start", "speaker_end", "cue_start"]
ENTITY_FIELDS = ["article_id", "entity", "label", "aliases"]


def _by_article(table: pd.DataFrame, fields: list[str]) -> dict[str, list[dict]]:
    """The rows of `table` (its `fields` that it has) grouped by article id, in table order."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for r in _records(table[[c for c in fields if c in table]]):
        grouped[r["article_id"]].append(r)
    return grouped


def article_from_row(row: dict) -> Article:
    """The `Article` of a row of the articles table, rebuilt from its `article_text` (headline
    and paragraphs joined by blank lines), so the table's offsets fit it without reading the
    corpus again."""
    blocks = str(row["article_text"]).split("\n\n")
    value = lambda k: None if k not in row or pd.isna(row[k]) else str(row[k])  # noqa: E731
    return Article(id=str(row["article_id"]), headline=blocks[0], paragraphs=blocks[1:], dateline=value("dateline"),
                   byline=value("byline"), date=value("date"), outlet=value("outlet"), source_path=value("source_path"))


def article_index(articles: pd.DataFrame, quotes: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every article, most quoted first: `article_id, headline, outlet, date, quotes, sources,
    page` (the file name of its page, see `page_name`)."""
    overview = article_overview(articles, quotes, sources)
    return overview.assign(page=overview["article_id"].map(page_name).astype("string"))[INDEX_COLUMNS]


def article_page(article: Article, quotes: pd.DataFrame | list[dict], entities: pd.DataFrame | list[dict],
                 index_href: str = "index.html") -> str:
    """A self-contained HTML page of one article (`article_html` of its quotes and entities,
    tables or their rows, with a link back to the index at `index_href`): `#<quote anchor>`
    scrolls to a quote and outlines it."""
    quotes = _records(quotes) if isinstance(quotes, pd.DataFrame) else quotes
    entities = _records(entities) if isinstance(entities, pd.DataFrame) else entities
    title = html.escape(article.headline or article.id)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{PAGE_MARK}\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
        f"<style>{PAGE_CSS}</style>\n</head>\n<body>\n"
        f'<nav><a href="{html.escape(index_href)}">All articles</a></nav>\n'
        f"{_article_html(article, quotes, entities)}\n</body>\n</html>\n"
    )


def write_article_pages(articles: pd.DataFrame, quotes: pd.DataFrame, entities: pd.DataFrame, sources: pd.DataFrame,
                        folder: str | Path) -> pd.DataFrame:
    """Write a page for every article of the articles table (which holds `article_text`) into
    `folder` (`page_name` of its id), and `folder/index.html`, the articles most quoted first.
    Pages medialens wrote in an earlier run that name no article of this one are removed (any
    other file stays). Returns the index
    (`article_index`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    index = article_index(articles, quotes, sources)
    quotes_of, entities_of = _by_article(quotes, QUOTE_FIELDS), _by_article(entities, ENTITY_FIELDS)
    written = set()
    for row in _records(articles[[c for c in ARTICLE_FIELDS if c in articles]]):
        article = article_from_row(row)
        name = page_name(article.id)
        page = article_page(article, quotes_of.get(article.id, []), entities_of.get(article.id, []))
        atomic_write(folder / name, lambda tmp, page=page: Path(tmp).write_text(page, encoding="utf-8"))
        written.add(name)
    for old in folder.glob("*.html"):
        if old.name not in written and old.name != "index.html" and written_by_medialens(old):
            old.unlink()
    page = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n{PAGE_MARK}\n<title>Articles</title>\n'
        f"<style>{PAGE_CSS}</style>\n</head>\n<body>\n<h1>Articles, most quoted first</h1>\n"
        f"{index_html(index, '.')}\n</body>\n</html>\n"
    )
    atomic_write(folder / "index.html", lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    return index


def index_html(index: pd.DataFrame, folder: str, top: int | None = None) -> str:
    """An HTML table of an article index (`article_index`), its first `top` rows (all by
    default), each headline a link to the article's page in `folder` (a relative URL); with
    fewer rows than the index, a link to the whole index (`folder/index.html`) follows."""
    shown = index if top is None else index.head(top)
    base = folder.rstrip("/") + "/"
    cell = lambda v: "" if pd.isna(v) else html.escape(str(v))  # noqa: E731
    rows = "".join(
        f'<tr><td><a href="{html.escape(base + str(r["page"]))}">{cell(r["headline"]) or cell(r["article_id"])}</a></td>'
        f'<td>{cell(r["outlet"])}</td><td>{cell(r["date"])}</td><td class="n" style="text-align:right;">{int(r["quotes"])}</td>'
        f'<td class="n" style="text-align:right;">{int(r["sources"])}</td></tr>'
        for r in shown.to_dict("records")
    )
    more = (f'<p><a href="{html.escape(base + "index.html")}">All {len(index)} articles, most quoted first</a></p>'
            if len(shown) < len(index) else "")
    return (
        '<table class="ml-index"><thead><tr><th style="text-align:left;">article</th><th style="text-align:left;">outlet</th>'
        '<th style="text-align:left;">date</th><th>quotes</th><th>sources</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>{more}"
    )


def relative_href(path: str | Path, base: str | Path = ".") -> str:
    """The URL of `path` relative to the folder `base` (the folder a notebook runs in), for
    links a notebook shows."""
    return Path(os.path.relpath(Path(path).resolve(), Path(base).resolve())).as_posix()

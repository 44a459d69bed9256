"""One article as a reader sees it, with what medialens found in it marked up (the pages of
every article, and their index, are `article_pages.py`).

`article_html` renders an `Article` after a numbered speaker key: its quotes coloured by speaker,
each followed by its details in words (speaker number and name, source type, kind, cue), the
speaker mention and the cue marked, and entity mentions underlined in their label's colour. The
output is plain HTML with inline styles only: JupyterLab strips `<style>` blocks from untrusted
outputs (an executed notebook opened later is untrusted), but keeps inline styles. Every piece of
article text is HTML-escaped, since quotes and headlines may contain markup.
"""
from __future__ import annotations

import bisect
import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote as url_quote

import pandas as pd

from .article import Article
from .io.corpus import read_corpus
from .paths import resolve
from .charts import DEFAULT_COLOUR, LABEL_COLOURS, TYPE_COLOURS
from .tables import ALIAS_SEPARATOR

# Light backgrounds, so black text stays readable on every quote; one per speaker, in order of
# first appearance. Past these, hues step by the golden angle, which never returns to a hue
# already used; the speaker numbers tell apart the speakers whose colours come close.
SPEAKER_BACKGROUNDS = [
    "#cfe2f3", "#f4cccc", "#d9ead3", "#fff2cc", "#d9d2e9", "#fce5cd", "#d0e0e3", "#ead1dc",
]
GOLDEN_ANGLE = 137.508
UNKNOWN_BACKGROUND = "#eeeeee"
# Characters of an article id kept in its page's file name; the rest of the name is a digest.
PAGE_NAME_CHARS = 60
DIGEST_CHARS = 10
# How far before the name a signature's dash may stand (`” ― Martha Aguilar`, `” —Ana`).
SIGNATURE_GAP = 3


@dataclass
class Mark:
    """A character span of `Article.text` and how to draw it."""

    start: int
    end: int
    layer: str  # "quote" (outer), "speaker", "cue" or "entity" (inner)
    style: str
    title: str
    anchor: str = ""  # a quote's element id
    detail: str = ""  # a quote's details in words, written after it


def find_article(corpus: str | Path, article_id: str | None = None, articles: pd.DataFrame | None = None) -> Article:
    """The article `article_id` of a corpus (folder, file or glob, resolved like notebook
    parameters), or its first article when `article_id` is empty. With the corpus's `articles`
    table, the file that holds the article is read first. Raises KeyError naming the id when
    the corpus has no such article."""
    # papermill's `-p article_id 007` arrives as the int 7; ids are strings
    article_id = None if article_id is None or article_id == "" else str(article_id)
    if articles is not None and len(articles):
        rows = articles if not article_id else articles[articles["article_id"] == article_id]
        path = rows["source_path"].iloc[0] if len(rows) else None
        if path is not None and not pd.isna(path) and Path(path).exists():
            wanted = rows["article_id"].iloc[0]
            # ids made unique across a corpus (`x`, `x-1`) may differ when one file is read alone
            found = next((a for a in read_corpus(path) if isinstance(a, Article) and a.id == wanted), None)
            if found is not None:
                return found
            article_id = wanted
    for item in read_corpus(resolve(corpus)):
        if not isinstance(item, Article):  # a reject, or a file of the folder that is not read
            continue
        if not article_id or item.id == article_id:
            return item
    raise KeyError(f"no article {article_id!r} in {corpus}" if article_id else f"no readable article in {corpus}")


def speaker_colour(n: int) -> str:
    """The background of the `n`-th known speaker (0-based) of an article; no two are the same."""
    if n < len(SPEAKER_BACKGROUNDS):
        return SPEAKER_BACKGROUNDS[n]
    hue = (n - len(SPEAKER_BACKGROUNDS)) * GOLDEN_ANGLE % 360
    return f"hsl({hue:.1f},70%,{84 + 4 * (n % 2)}%)"


def speaker_colours(quotes: pd.DataFrame) -> dict[str, str]:
    """A background colour for each canonical speaker of `quotes`, in order of first appearance,
    each different from the others; quotes whose speaker is unknown share a grey."""
    return _colours(_records(quotes))


def _records(df: pd.DataFrame) -> list[dict]:
    """The rows of a table as dicts, missing values as None."""
    return df.astype(object).where(df.notna(), None).to_dict("records")


def _speaker(r: dict) -> tuple[str, str]:
    """A quote row's canonical speaker and source type, `unknown` when missing."""
    return r.get("speaker_canonical") or "unknown", r.get("speaker_type") or "unknown"


def _colours(rows: list[dict]) -> dict[str, str]:
    colours: dict[str, str] = {}
    known = 0
    for speaker, kind in map(_speaker, rows):
        if speaker in colours:
            continue
        if kind == "unknown":
            colours[speaker] = UNKNOWN_BACKGROUND
        else:
            colours[speaker] = speaker_colour(known)
            known += 1
    return colours


def speaker_numbers(quotes: pd.DataFrame) -> dict[str, int]:
    """The number of each canonical speaker of `quotes` in the speaker key: 1, 2, ... in order of
    first appearance."""
    return _numbers(_records(quotes))


def _numbers(rows: list[dict]) -> dict[str, int]:
    return {s: n for n, s in enumerate(dict.fromkeys(_speaker(r)[0] for r in rows), 1)}


def quote_anchor(quote_id: str, article_id: str) -> str:
    """The element id of a quote in its article's page: `q1534-1602` for the quotes table's own
    ids (`<article_id>-q1534-1602`), else `q-` and the whole id, percent-escaped, so any id makes
    a valid id and URL fragment."""
    quote_id, article_id = str(quote_id), str(article_id)
    local = quote_id[len(article_id) + 1:] if quote_id.startswith(article_id + "-") else ""
    if re.fullmatch(r"q\d+(-\d+)?", local):
        return local
    return "q-" + url_quote(quote_id, safe="-._~")


def page_name(article_id: str) -> str:
    """The file name of an article's page: the id's letters, digits, `-`, `_` and `.` (at most
    60, lower case), then a digest of the whole id, so two ids never share a file, even on a
    file system that ignores case."""
    article_id = str(article_id)
    slug = re.sub(r"[^a-z0-9._-]+", "-", article_id.lower()).strip("-.")[:PAGE_NAME_CHARS]
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:DIGEST_CHARS]
    return f"{slug or 'article'}-{digest}.html"


def _nearest(text: str, needle: str, lo: int, hi: int, anchor: tuple[int, int], taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The whole-word occurrence of `needle` in text[lo:hi] closest to `anchor` that overlaps no
    `taken` span (the quotes themselves: a speaker is named outside what they said)."""
    if not needle or not needle.strip():
        return None
    best = None
    for m in re.finditer(rf"(?<!\w){re.escape(needle.strip())}(?!\w)", text[lo:hi]):
        s, e = lo + m.start(), lo + m.end()
        if any(s < te and ts < e for ts, te in taken):
            continue
        distance = max(anchor[0] - e, s - anchor[1], 0)
        if best is None or distance < best[0]:
            best = (distance, s, e)
    return None if best is None else (best[1], best[2])


def _block_of(article: Article, offset: int) -> tuple[int, int]:
    """Start and end in `text` of the block (headline or paragraph) holding `offset`."""
    for start, block in zip(article.block_starts, article.blocks):
        if start <= offset <= start + len(block):
            return start, start + len(block)
    return 0, len(article.text)


def _offset(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _speaker_place(text: str, speaker: str, core: tuple[int | None, int | None]) -> tuple[int, int] | None:
    """Where the speaker mention as written (`Mr. Smith, the company's chief executive`) lies
    at or around the offsets the extraction found; those offsets themselves when the mention
    is not written there; None without offsets inside the text."""
    start, end = core
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    n = len(speaker)
    for at in range(max(0, end - n), min(start, len(text) - n) + 1):
        if text.startswith(speaker, at):
            return at, at + n
    return start, end


def _cue_place(text: str, cue: str, start: int | None) -> tuple[int, int] | None:
    """The cue's span from the offset where the extraction found its word: the cue as written
    there in any case (`According to`), else the first word of a cue phrase whose other words
    stand elsewhere (`said in a statement`), else a signature's dash just before the name the
    offset points at; None when the text there is none of these."""
    if start is None or not 0 <= start < len(text):
        return None
    if text[start : start + len(cue)].lower() == cue.lower():
        return start, start + len(cue)
    word = cue.split()[0] if cue.split() else cue
    if word != cue and text[start : start + len(word)].lower() == word.lower():
        return start, start + len(word)
    dash = text.rfind(cue, max(0, start - SIGNATURE_GAP), start + 1)
    return (dash, dash + len(cue)) if dash >= 0 else None


def quote_marks(article: Article, quotes: pd.DataFrame) -> list[Mark]:
    """Marks for the article's quotes, their speaker mentions and cues.

    The speaker mention and cue are marked where the extraction found them (the quotes table's
    `speaker_start`, `speaker_end` and `cue_start`). A quote without them (tables from
    elsewhere) gets the occurrences of its speaker and cue nearest it in its paragraph, outside
    any quote. Quotes
    whose offsets do not fit the text are left out; a speaker mention shared by several quotes
    is marked once."""
    return _quote_marks(article, _records(quotes))


def _quote_marks(article: Article, records: list[dict]) -> list[Mark]:
    text, marks = article.text, []
    colours, numbers = _colours(records), _numbers(records)
    rows = [r for r in records if 0 <= int(r["start"]) < int(r["end"]) <= len(text)]
    taken = [(int(r["start"]), int(r["end"])) for r in rows]
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        speaker, kind_of_speaker = _speaker(r)
        cue = None if r.get("cue") is None else str(r["cue"])
        written = None if r.get("speaker") is None else str(r["speaker"])
        title = f"{speaker} ({kind_of_speaker}) · {r['kind']} quote" + (f" · cue: {cue}" if cue else "")
        detail = f"[{numbers[speaker]}] {speaker}, {kind_of_speaker} · {r['kind']}" + (f" · {cue}" if cue else "")
        anchor = quote_anchor(r["quote_id"], r["article_id"]) if r.get("quote_id") and r.get("article_id") else ""
        marks.append(Mark(start, end, "quote", f"background-color:{colours[speaker]};", title, anchor, detail))
        accent = TYPE_COLOURS.get(kind_of_speaker, DEFAULT_COLOUR)
        located = _offset(r.get("speaker_start")) is not None or _offset(r.get("cue_start")) is not None
        if located:
            where = (_offset(r.get("speaker_start")), _offset(r.get("speaker_end")))
            mention = _speaker_place(text, written, where) if written else None
            place = _cue_place(text, cue, _offset(r.get("cue_start"))) if cue else None
        else:
            lo, hi = _block_of(article, start)
            mention = _nearest(text, written, lo, hi, (start, end), taken) if written else None
            place = _nearest(text, cue, lo, hi, mention or (start, end), taken) if cue else None
        if mention:
            marks.append(Mark(*mention, "speaker", f"font-weight:bold;border-bottom:3px solid {accent};",
                              f"speaker: {speaker} ({kind_of_speaker})"))
        if place:
            marks.append(Mark(*place, "cue", "font-style:italic;border-bottom:2px dotted #333;", f"cue: {cue}"))
    return _once(marks)


def _once(marks: list[Mark]) -> list[Mark]:
    """`marks` without a speaker or cue mark already made for an earlier quote (quotes carried
    from one mention point at the same place)."""
    kept, seen = [], set()
    for m in marks:
        where = (m.start, m.end, m.layer)
        if m.layer != "quote" and where in seen:
            continue
        seen.add(where)
        kept.append(m)
    return kept


def entity_marks(article: Article, entities: pd.DataFrame) -> list[Mark]:
    """Marks for every whole-word occurrence of each entity's name and aliases in the article,
    longest names first so `Recep Tayyip Erdogan` is one mark, not three."""
    return _entity_marks(article, _records(entities))


def _entity_marks(article: Article, records: list[dict]) -> list[Mark]:
    text, names = article.text, set()
    for r in records:
        aliases = [] if r.get("aliases") is None else str(r["aliases"]).split(ALIAS_SEPARATOR)
        for name in {str(r["entity"]), *aliases}:
            if name.strip():
                names.add((name.strip(), str(r["entity"]), str(r["label"])))
    marks: list[Mark] = []
    # str.find with a word-boundary test rather than a regex per name: compiling thousands of
    # patterns is what made a corpus's pages slow
    taken = bytearray(len(text))
    for name, entity, label in sorted(names, key=lambda n: (-len(n[0]), n)):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            whole = not (at > 0 and _word(text[at - 1])) and not (end < len(text) and _word(text[end]))
            if whole and 1 not in taken[at:end]:
                taken[at:end] = b"\x01" * len(name)
                colour = LABEL_COLOURS.get(label, DEFAULT_COLOUR)
                marks.append(Mark(at, end, "entity", f"border-bottom:2px solid {colour};", f"{entity} ({label})"))
            at = text.find(name, at + 1)
    return marks


def _word(char: str) -> bool:
    """Whether `char` is a word character, as regular expressions' `\\w` reads it."""
    return char.isalnum() or char == "_"


DETAIL_STYLE = "font-size:80%;color:#444;background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 0.3em;margin:0 0.3em;white-space:nowrap;"


def _render_block(text: str, lo: int, hi: int, marks: list[Mark], anchored: set[str] | None = None) -> str:
    """HTML of text[lo:hi]: cut at every mark boundary; each piece is wrapped in the innermost
    quote covering it (consecutive pieces of one quote share one span) and its inner marks.
    A quote's first span carries its anchor as id (`anchored` holds the anchors already placed,
    across blocks), and its details follow its last piece."""
    anchored = set() if anchored is None else anchored
    inside = [m for m in marks if m.start < hi and lo < m.end]
    cuts = sorted({lo, hi, *(max(lo, min(hi, p)) for m in inside for p in (m.start, m.end))})
    parts, open_quote = [], None
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in inside if m.start <= a and b <= m.end]
        quotes = [m for m in active if m.layer == "quote"]
        quote = min(quotes, key=lambda m: m.end - m.start) if quotes else None
        if quote is not open_quote:
            if open_quote is not None:
                parts.append("</span>")
            if quote is not None:
                anchor = ""
                if quote.anchor and quote.anchor not in anchored:
                    anchored.add(quote.anchor)
                    anchor = f' id="{html.escape(quote.anchor)}"'
                parts.append(f'<span class="ml-quote"{anchor} style="{quote.style}padding:1px 0;" title="{html.escape(quote.title)}">')
            open_quote = quote
        piece = html.escape(text[a:b])
        for m in sorted((m for m in active if m.layer != "quote"), key=lambda m: ("entity", "cue", "speaker").index(m.layer)):
            piece = f'<span class="ml-{m.layer}" style="{m.style}" title="{html.escape(m.title)}">{piece}</span>'
        parts.append(piece)
        ended = [m for m in quotes if m.end == b and m.detail]
        if ended:
            # the details stand outside the quote's colour, so the span holds the quote's words only
            if open_quote is not None:
                parts.append("</span>")
                open_quote = None
            parts += [f'<span class="ml-detail" style="{DETAIL_STYLE}">{html.escape(m.detail)}</span>' for m in ended]
    if open_quote is not None:
        parts.append("</span>")
    return "".join(parts)


def _legend(quotes: list[dict], entities: list[dict]) -> str:
    colours, numbers = _colours(quotes), _numbers(quotes)
    speakers = [_speaker(r) for r in quotes]
    counts = Counter(s for s, _ in speakers)
    types = dict(speakers)
    items = [
        f'<li><span style="background-color:{colour};padding:0 0.4em;margin-right:0.4em;">{numbers[speaker]}</span>'
        f'{html.escape(str(speaker))} <span style="color:{TYPE_COLOURS.get(types[speaker], DEFAULT_COLOUR)};">'
        f'({html.escape(str(types[speaker]))})</span> — {int(counts[speaker])} quote{"s" if counts[speaker] != 1 else ""}</li>'
        for speaker, colour in colours.items()
    ]
    labels = list(dict.fromkeys(str(r["label"]) for r in entities))
    label_items = " ".join(
        f'<span style="border-bottom:2px solid {LABEL_COLOURS.get(x, DEFAULT_COLOUR)};margin-right:0.8em;">{html.escape(x)}</span>'
        for x in labels
    )
    return (
        '<div class="ml-legend" style="margin:0.6em 0 1em;font-size:90%;">'
        "<strong>Speakers</strong> (quote background and number; after each quote, in a grey box: "
        "speaker number and name, source type, kind, cue; <b>bold</b> marks the speaker mention, "
        "<i>dotted italics</i> the cue)"
        f'<ul style="list-style:none;padding-left:0;margin:0.3em 0;">{"".join(items) or "<li>no quotes</li>"}</ul>'
        f"<strong>Entities</strong> (underlined by label): {label_items or 'none'}</div>"
    )


def article_html(article: Article, quotes_df: pd.DataFrame, entities_df: pd.DataFrame) -> str:
    """One article as HTML: the speaker and entity key, then headline, dateline and paragraphs
    with its quotes coloured by speaker and followed by their details, speaker mentions and cues
    marked, entities underlined.

    `quotes_df` and `entities_df` are the quotes and entities tables (rows of other articles
    are ignored); their offsets point into `article.text`. All text is HTML-escaped.
    """
    quotes = quotes_df[quotes_df["article_id"] == article.id].reset_index(drop=True)
    entities = entities_df[entities_df["article_id"] == article.id].reset_index(drop=True)
    return _article_html(article, _records(quotes), _records(entities))


def _article_html(article: Article, quotes: list[dict], entities: list[dict]) -> str:
    """`article_html` for the rows of quotes and entities of `article` alone."""
    marks = _quote_marks(article, quotes) + _entity_marks(article, entities)
    text, anchored, starts = article.text, set(), article.block_starts
    # each block is drawn with the marks that reach into it, not with all the article's
    of_block: list[list[Mark]] = [[] for _ in starts]
    for m in marks:
        i = max(bisect.bisect_right(starts, m.start) - 1, 0)
        while i < len(starts) and starts[i] < m.end:
            of_block[i].append(m)
            i += 1
    blocks = []
    for n, (start, block) in enumerate(zip(starts, article.blocks)):
        body = _render_block(text, start, start + len(block), of_block[n], anchored)
        blocks.append(f'<h3 style="margin-top:0;">{body}</h3>' if n == 0 else f'<p style="line-height:1.7;">{body}</p>')
    facts = " · ".join(html.escape(str(x)) for x in (article.id, article.dateline, article.date, article.outlet, article.byline) if x)
    return (
        f'<div class="ml-article" style="max-width:46em;">'
        f'<div style="color:#555;font-size:90%;margin-bottom:0.4em;">{facts}</div>'
        f'{_legend(quotes, entities)}{"".join(blocks)}</div>'
    )


def show_article(article: Article, quotes_df: pd.DataFrame, entities_df: pd.DataFrame):
    """`article_html` as a notebook display object (an `IPython.display.HTML`)."""
    from IPython.display import HTML

    return HTML(article_html(article, quotes_df, entities_df))


def links_html(index: pd.DataFrame) -> str:
    """An HTML list of links from an index with `section`, `name` and `href` columns (as made by
    `summaries.output_index`), grouped by section, every name and link escaped."""
    parts = []
    for section, rows in index.groupby("section", sort=False):
        links = ", ".join(f'<a href="{html.escape(str(h))}">{html.escape(str(n))}</a>' for n, h in zip(rows["name"], rows["href"]))
        parts.append(f"<li><strong>{html.escape(str(section))}</strong>: {links}</li>")
    return f'<ul class="ml-links">{"".join(parts) or "<li>no outputs yet</li>"}</ul>'

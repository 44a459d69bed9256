"""One article as a reader sees it, with what medialens found in it marked up.

`article_html` renders an `Article` with its quotes coloured by speaker (the canonical source,
its type, the quote's kind and cue in the hover title), the speaker mention and the cue marked,
and entity mentions underlined in their label's colour, followed by a legend. The output is
plain HTML with inline styles only: JupyterLab strips `<style>` blocks from untrusted outputs
(an executed notebook opened later is untrusted), but keeps inline styles. Every piece of
article text is HTML-escaped, since quotes and headlines may contain markup.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article
from .io.corpus import read_corpus
from .paths import resolve
from .charts import DEFAULT_COLOUR, LABEL_COLOURS, TYPE_COLOURS
from .tables import ALIAS_SEPARATOR

# Light backgrounds, so black text stays readable on every quote; one per speaker, in order of
# first appearance, repeating after ten speakers.
SPEAKER_BACKGROUNDS = [
    "#cfe2f3", "#f4cccc", "#d9ead3", "#fff2cc", "#d9d2e9",
    "#fce5cd", "#d0e0e3", "#ead1dc", "#e6e6e6", "#c9daf8",
]
UNKNOWN_BACKGROUND = "#eeeeee"
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


def speaker_colours(quotes: pd.DataFrame) -> dict[str, str]:
    """A background colour for each canonical speaker of `quotes`, in order of first appearance;
    quotes whose speaker is unknown share a grey."""
    colours: dict[str, str] = {}
    for speaker, kind in zip(quotes["speaker_canonical"].fillna("unknown"), quotes["speaker_type"].fillna("unknown")):
        if speaker in colours:
            continue
        colours[speaker] = UNKNOWN_BACKGROUND if kind == "unknown" else SPEAKER_BACKGROUNDS[
            sum(c != UNKNOWN_BACKGROUND for c in colours.values()) % len(SPEAKER_BACKGROUNDS)]
    return colours


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
    text, marks = article.text, []
    colours = speaker_colours(quotes)
    rows = [r for r in quotes.to_dict("records") if 0 <= int(r["start"]) < int(r["end"]) <= len(text)]
    taken = [(int(r["start"]), int(r["end"])) for r in rows]
    for r in rows:
        start, end = int(r["start"]), int(r["end"])
        speaker = r.get("speaker_canonical") if not pd.isna(r.get("speaker_canonical")) else "unknown"
        kind_of_speaker = r.get("speaker_type") if not pd.isna(r.get("speaker_type")) else "unknown"
        cue = None if pd.isna(r.get("cue")) else str(r["cue"])
        written = None if pd.isna(r.get("speaker")) else str(r["speaker"])
        title = f"{speaker} ({kind_of_speaker}) · {r['kind']} quote" + (f" · cue: {cue}" if cue else "")
        marks.append(Mark(start, end, "quote", f"background-color:{colours[speaker]};", title))
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
    text, names = article.text, []
    for r in entities.to_dict("records"):
        aliases = [] if pd.isna(r.get("aliases")) else str(r["aliases"]).split(ALIAS_SEPARATOR)
        for name in {str(r["entity"]), *aliases}:
            if name.strip():
                names.append((name.strip(), str(r["entity"]), str(r["label"])))
    marks: list[Mark] = []
    for name, entity, label in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(m.start() < k.end and k.start < m.end() for k in marks):
                continue
            colour = LABEL_COLOURS.get(label, DEFAULT_COLOUR)
            marks.append(Mark(m.start(), m.end(), "entity", f"border-bottom:2px solid {colour};", f"{entity} ({label})"))
    return marks


def _render_block(text: str, lo: int, hi: int, marks: list[Mark]) -> str:
    """HTML of text[lo:hi]: cut at every mark boundary; each piece is wrapped in the innermost
    quote covering it (consecutive pieces of one quote share one span) and its inner marks."""
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
                parts.append(f'<span class="ml-quote" style="{quote.style}padding:1px 0;" title="{html.escape(quote.title)}">')
            open_quote = quote
        piece = html.escape(text[a:b])
        for m in sorted((m for m in active if m.layer != "quote"), key=lambda m: ("entity", "cue", "speaker").index(m.layer)):
            piece = f'<span class="ml-{m.layer}" style="{m.style}" title="{html.escape(m.title)}">{piece}</span>'
        parts.append(piece)
    if open_quote is not None:
        parts.append("</span>")
    return "".join(parts)


def _legend(quotes: pd.DataFrame, entities: pd.DataFrame) -> str:
    colours = speaker_colours(quotes)
    counts = quotes.assign(speaker_canonical=quotes["speaker_canonical"].fillna("unknown")).groupby("speaker_canonical").size()
    types = dict(zip(quotes["speaker_canonical"].fillna("unknown"), quotes["speaker_type"].fillna("unknown")))
    items = [
        f'<li><span style="background-color:{colour};padding:0 0.6em;margin-right:0.4em;">&nbsp;</span>'
        f'{html.escape(str(speaker))} <span style="color:{TYPE_COLOURS.get(types[speaker], DEFAULT_COLOUR)};">'
        f'({html.escape(str(types[speaker]))})</span> — {int(counts[speaker])} quote{"s" if counts[speaker] != 1 else ""}</li>'
        for speaker, colour in colours.items()
    ]
    labels = [x for x in dict.fromkeys(entities["label"].astype(str))] if len(entities) else []
    label_items = " ".join(
        f'<span style="border-bottom:2px solid {LABEL_COLOURS.get(x, DEFAULT_COLOUR)};margin-right:0.8em;">{html.escape(x)}</span>'
        for x in labels
    )
    return (
        '<div class="ml-legend" style="margin-top:1em;font-size:90%;">'
        "<strong>Speakers</strong> (quote background; hover a quote for its source, kind and cue; "
        '<b>bold</b> marks the speaker mention, <i>dotted italics</i> the cue)'
        f'<ul style="list-style:none;padding-left:0;margin:0.3em 0;">{"".join(items) or "<li>no quotes</li>"}</ul>'
        f"<strong>Entities</strong> (underlined by label): {label_items or 'none'}</div>"
    )


def article_html(article: Article, quotes_df: pd.DataFrame, entities_df: pd.DataFrame) -> str:
    """One article as HTML: headline, dateline and paragraphs with its quotes coloured by speaker,
    speaker mentions and cues marked, entities underlined, then a legend.

    `quotes_df` and `entities_df` are the quotes and entities tables (rows of other articles
    are ignored); their offsets point into `article.text`. All text is HTML-escaped.
    """
    quotes = quotes_df[quotes_df["article_id"] == article.id].reset_index(drop=True)
    entities = entities_df[entities_df["article_id"] == article.id].reset_index(drop=True)
    marks = quote_marks(article, quotes) + entity_marks(article, entities)
    text = article.text
    blocks = []
    for n, (start, block) in enumerate(zip(article.block_starts, article.blocks)):
        body = _render_block(text, start, start + len(block), marks)
        blocks.append(f'<h3 style="margin-top:0;">{body}</h3>' if n == 0 else f'<p style="line-height:1.7;">{body}</p>')
    facts = " · ".join(html.escape(str(x)) for x in (article.id, article.dateline, article.date, article.outlet, article.byline) if x)
    return (
        f'<div class="ml-article" style="max-width:46em;">'
        f'<div style="color:#555;font-size:90%;margin-bottom:0.4em;">{facts}</div>'
        f'{"".join(blocks)}{_legend(quotes, entities)}</div>'
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

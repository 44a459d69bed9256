"""Charts: matplotlib figures built without pyplot, one visual style for all of them.

Every function returns a `Figure` (shown once when it is a notebook cell's last expression)
and takes the DataFrame the notebook also shows, so each chart has its table. Every text on a
chart is drawn as written: a `$` in a name is a dollar sign, never the start of mathtext.

Colours are the Okabe–Ito palette, told apart with every common form of colour blindness;
each source type keeps its colour on every chart, and `anonymous` (vermillion) stands between
colours it cannot be mistaken for. Bars carry their values. Names are never cut short: a
chart of articles names them by short keys (`A1`, `A2`, ...), and `figure(fig)` shows the
chart with its key table beside it and a description (alt text) saying what it shows.
"""
from __future__ import annotations

import base64
import html
import io
import textwrap
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from .outfiles import PNG_MARK
from .tables import atomic_write

# Okabe & Ito, "Color Universal Design" (2008): eight colours distinguishable with
# protanopia, deuteranopia and tritanopia; lower case, as matplotlib reports colours.
OKABE_ITO = {
    "orange": "#e69f00", "sky blue": "#56b4e9", "bluish green": "#009e73", "yellow": "#f0e442",
    "blue": "#0072b2", "vermillion": "#d55e00", "reddish purple": "#cc79a7", "black": "#000000",
}
# The palette's neutral, for what is not known (unknown speakers, labels without a colour).
GREY = "#999999"
# One colour per source type, used by every chart that shows source types, in stacking order:
# anonymous sits between blue and green, never beside the orange it could be taken for.
TYPE_COLOURS = {
    "person": OKABE_ITO["blue"],
    "anonymous": OKABE_ITO["vermillion"],
    "organisation": OKABE_ITO["bluish green"],
    "group": OKABE_ITO["reddish purple"],
    "unknown": GREY,
}
# Entity labels share the source types' colours where they mean the same (PERSON, ORG).
LABEL_COLOURS = {
    "PERSON": OKABE_ITO["blue"], "ORG": OKABE_ITO["bluish green"], "GPE": OKABE_ITO["orange"],
    "LOC": OKABE_ITO["sky blue"], "NORP": OKABE_ITO["reddish purple"], "FAC": OKABE_ITO["yellow"],
    "EVENT": OKABE_ITO["vermillion"], "PRODUCT": OKABE_ITO["black"],
}
DEFAULT_COLOUR = GREY
KIND_COLOURS = {"direct": OKABE_ITO["blue"], "mixed": OKABE_ITO["reddish purple"], "indirect": OKABE_ITO["orange"]}
GENDER_COLOURS = {"female": OKABE_ITO["orange"], "male": OKABE_ITO["sky blue"], "unknown": GREY}
# Dark colours take white text inside a bar, light ones black.
_DARK = {OKABE_ITO[c] for c in ("blue", "vermillion", "bluish green", "black")}
# How many values an alt text names before saying how many more there are.
ALT_ITEMS = 6


class PlainTextFigure(Figure):
    """A figure that never reads its text as mathtext, and knows what it shows.

    Names come from the corpus (`Cash$$Flow Weekly`, `$x^$`), and matplotlib would otherwise
    set the text between two `$` as a formula: in italics, or failing to draw at all. Each text
    keeps its own setting, so the texts that exist are switched off before each drawing, and
    the drawing itself runs with mathtext off for the tick labels matplotlib adds while drawing.

    `alt` is the chart's description in words (its kind, title and top values), `key` the
    table of the short keys it names rows by (None when it names them in full).
    """

    alt: str = ""
    key: pd.DataFrame | None = None

    def draw(self, renderer) -> None:
        with mpl.rc_context({"text.parse_math": False}):
            plain_text(self)
            super().draw(renderer)


def plain_text(fig: Figure) -> Figure:
    """Switch mathtext off for every text `fig` holds now (titles, labels, legends, notes);
    returns `fig`."""
    for text in fig.findobj(Text):
        text.set_parse_math(False)
    return fig


def _figure(figsize: tuple[float, float]) -> PlainTextFigure:
    """A new chart figure: plain text, constrained layout."""
    return PlainTextFigure(figsize=figsize, layout="constrained")


def _label(name: str, width: int = 28) -> str:
    """Long names wrap instead of running off the chart; nothing is cut."""
    return "\n".join(textwrap.wrap(str(name), width)) or str(name)


def _count(value) -> str:
    return f"{int(value):,}"


def _things(n, noun: str) -> str:
    return f"{_count(n)} {noun}{'' if int(n) == 1 else 's'}"


def _percent(value) -> str:
    return f"{float(value):.0%}"


def _describe(kind: str, title: str, items: list[str], what: str = "") -> str:
    """An alt text: `Bar chart: <title>. <first items>, and N more.`"""
    shown = items[:ALT_ITEMS]
    more = f", and {len(items) - len(shown)} more" if len(items) > len(shown) else ""
    body = "; ".join(shown) + more if items else "nothing to show"
    return f"{kind}: {title}{f' ({what})' if what else ''}. {body}."


def _with_shares(names, values) -> list[str]:
    """`name 1,200 (61%)` for each bar, the share being of the bars' total."""
    values = [float(v) for v in values]
    total = sum(values)
    return [f"{n} {_count(v)}" + (f" ({v / total:.0%})" if total else "") for n, v in zip(names, values)]


def _write_values(ax, values, labels: list[str]) -> None:
    """Each bar's value written just past its end."""
    for y, (value, text) in enumerate(zip(values, labels)):
        ax.text(float(value), y, f" {text}", va="center", fontsize=9)
    ax.margins(x=0.12)  # room for the last value


def _hbar(names, values, colours, title: str, xlabel: str, legend: dict[str, str] | None = None,
          value_labels: list[str] | None = None) -> PlainTextFigure:
    """Horizontal bars, first row at the top, each with its value written beside it
    (`value_labels`, default the counts)."""
    names, values = list(names), list(values)
    n = max(len(names), 1)
    fig = _figure((8, 1.2 + 0.38 * n))
    ax = fig.add_subplot()
    ypos = range(len(names))
    ax.barh(list(ypos), values, color=list(colours))
    ax.set_yticks(list(ypos), [_label(x) for x in names])
    ax.invert_yaxis()  # largest at the top
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    _write_values(ax, values, value_labels if value_labels is not None else [_count(v) for v in values])
    if legend:
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=c, label=k) for k, c in legend.items()], loc="lower right", frameon=False)
    if not len(names):
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center")
    fig.alt = _describe("Bar chart", title, _with_shares(names, values), xlabel)
    return fig


def entity_chart(top: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Horizontal bars of the most mentioned entities (from `summaries.top_entities`), coloured by label."""
    labels = [x for x in LABEL_COLOURS if x in set(top["label"])]
    fig = _hbar(
        top["entity"], top["mentions"], [LABEL_COLOURS.get(x, DEFAULT_COLOUR) for x in top["label"]],
        f"Most mentioned entities{_of(corpus_name)}", "mentions",
        {x: LABEL_COLOURS[x] for x in labels},
    )
    fig.alt = _describe("Bar chart", fig.axes[0].get_title(),
                        [f"{e} ({lab}) {_count(m)}" for e, lab, m in zip(top["entity"], top["label"], top["mentions"])], "mentions")
    return fig


def label_chart(by_label: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Mentions per entity label (from `summaries.mentions_by_label`)."""
    return _hbar(by_label["label"], by_label["mentions"], [LABEL_COLOURS.get(x, DEFAULT_COLOUR) for x in by_label["label"]],
                 f"Entity mentions by label{_of(corpus_name)}", "mentions")


def source_chart(shares: pd.DataFrame, metric: str = "quotes", corpus_name: str = "") -> Figure:
    """Each source's quotes or quoted words (from `summaries.source_shares`), coloured by type."""
    types = [t for t in TYPE_COLOURS if t in set(shares["speaker_type"])]
    what = "quotes" if metric == "quotes" else "quoted words"
    fig = _hbar(shares["speaker_canonical"], shares[metric], [TYPE_COLOURS.get(t, DEFAULT_COLOUR) for t in shares["speaker_type"]],
                f"Who is quoted: {what} per source{_of(corpus_name)}", what, {t: TYPE_COLOURS[t] for t in types})
    fig.alt = _describe("Bar chart", fig.axes[0].get_title(), [
        f"{n} ({t}) {_count(v)}" for n, t, v in zip(shares["speaker_canonical"], shares["speaker_type"], shares[metric])], what)
    return fig


def source_type_chart(types: pd.DataFrame, metric: str = "quotes", corpus_name: str = "") -> Figure:
    """Quotes (or sources, words) per source type (from `summaries.source_types`)."""
    types = types.sort_values(metric, ascending=False)
    return _hbar(types["speaker_type"], types[metric], [TYPE_COLOURS.get(t, DEFAULT_COLOUR) for t in types["speaker_type"]],
                 f"{metric.capitalize()} by source type{_of(corpus_name)}", metric)


def quote_kind_chart(kinds: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Quotes of each kind (from `summaries.quote_kinds`)."""
    return _hbar(kinds["kind"], kinds["quotes"], [KIND_COLOURS.get(k, DEFAULT_COLOUR) for k in kinds["kind"]],
                 f"Quotes by kind{_of(corpus_name)}", "quotes")


def _of(corpus_name: str) -> str:
    return f" — {corpus_name}" if corpus_name else ""


def save(fig: Figure, path: str | Path) -> Path:
    """Save a figure as PNG (atomically; no timestamp, so re-runs give identical files)."""
    path = Path(path)
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", dpi=120, metadata=PNG_MARK))
    return path


def _stacked_hbar(names, parts: dict[str, list], colours: dict[str, str], title: str, xlabel: str,
                  percent: bool = False) -> PlainTextFigure:
    """Horizontal stacked bars, one segment per key of `parts`, first row at the top; only
    segments with a non-zero total get a legend entry. Counts: each bar's total is written at
    its end. `percent`: the parts are shares adding up to 1, each wide segment carries its
    percentage."""
    names = list(names)
    n = max(len(names), 1)
    fig = _figure((8, 1.4 + 0.38 * n))
    ax = fig.add_subplot()
    ypos = list(range(len(names)))
    left = [0.0] * len(names)
    for key, values in parts.items():
        values = [float(v) if percent else int(v) for v in values]
        if sum(values):
            colour = colours.get(key, DEFAULT_COLOUR)
            ax.barh(ypos, values, left=left, color=colour, label=key)
            if percent:
                ink = "white" if colour in _DARK else "black"
                for y, (start, width) in enumerate(zip(left, values)):
                    if width >= 0.07:  # narrower segments have no room for a number
                        ax.text(start + width / 2, y, _percent(width), ha="center", va="center", fontsize=8, color=ink)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(ypos, [_label(x) for x in names])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    if percent:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
    else:
        _write_values(ax, left, [_count(v) for v in left])
    if any(sum(v) for v in parts.values()):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)  # beside the bars, never over them
    else:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center")
    rows = []
    for i, name in enumerate(names):
        segments = [(k, float(v[i])) for k, v in parts.items() if float(v[i])]
        shown = ", ".join(f"{k} {_percent(v) if percent else _count(v)}" for k, v in segments)
        rows.append(f"{name}: {shown or 'none'}")
    fig.alt = _describe("Stacked bar chart", title, rows, xlabel)
    return fig


def article_keys(articles: pd.DataFrame) -> pd.DataFrame:
    """The short keys article charts name their rows by, in the order of `articles`:
    `key` (`A1`, `A2`, ...), `article_id`, `headline` (in full; empty when there is none)."""
    headlines = articles["headline"] if "headline" in articles else pd.Series([None] * len(articles), index=articles.index)
    return pd.DataFrame({
        "key": [f"A{i}" for i in range(1, len(articles) + 1)],
        "article_id": list(articles["article_id"]),
        "headline": [None if h is None or pd.isna(h) else str(h) for h in headlines],
    }).astype("string")


def _keyed(fig: PlainTextFigure, keys: pd.DataFrame) -> PlainTextFigure:
    """`fig` knowing its key table, and its alt text saying where the keys are explained."""
    fig.key = keys
    named = "; ".join(f"{k} is {a if pd.isna(h) else h}" for k, a, h in zip(keys["key"], keys["article_id"], keys["headline"]))
    fig.alt = f"{fig.alt} Keys: {named}." if named else fig.alt
    return fig


def article_quotes_chart(per_article: pd.DataFrame, corpus_name: str = "", top_n: int = 20) -> Figure:
    """Quotes per article split by kind, for the `top_n` most quoted articles (from
    `summaries.article_overview`, already sorted most quoted first). Articles are named by
    their keys (`article_keys`), kept as the figure's `key`."""
    top = per_article.head(top_n)
    keys = article_keys(top)
    shown = f"top {len(top)} of {len(per_article)} articles" if len(per_article) > len(top) else "each article"
    fig = _stacked_hbar(list(keys["key"]), {k: list(top[k]) for k in KIND_COLOURS}, KIND_COLOURS,
                        f"Quotes by kind in {shown}{_of(corpus_name)}", "quotes")
    return _keyed(fig, keys)


def article_sources_chart(by_type: pd.DataFrame, corpus_name: str = "", articles: int | None = None) -> Figure:
    """Sources per article split by source type (from `summaries.article_source_types`), in the
    colours every chart uses for source types; `articles` is the corpus size, for the title.
    Articles are named by their keys (`article_keys`), kept as the figure's `key`."""
    keys = article_keys(by_type)
    shown = f"top {len(by_type)} of {articles} articles" if articles and articles > len(by_type) else "each article"
    fig = _stacked_hbar(list(keys["key"]), {t: list(by_type[t]) for t in TYPE_COLOURS}, TYPE_COLOURS,
                        f"Sources by type in {shown}{_of(corpus_name)}", "sources (one per source and article)")
    return _keyed(fig, keys)


def cooccurrence_chart(matrix: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Heatmap of how many articles name both entities (from `summaries.entity_cooccurrence`);
    the diagonal, the articles naming each entity, is left blank so the pairs stand out."""
    names = list(matrix["entity"])
    values = matrix.drop(columns="entity").to_numpy(dtype=float)
    n = max(len(names), 1)
    fig = _figure((2.5 + 0.5 * n, 1.8 + 0.45 * n))
    ax = fig.add_subplot()
    title = f"Entities named in the same articles{_of(corpus_name)}"
    ax.set_title(title)
    pairs = sorted(((values[i, j], names[i], names[j]) for i in range(len(names)) for j in range(i + 1, len(names)) if values[i, j]),
                   key=lambda p: (-p[0], p[1], p[2]))
    fig.alt = _describe("Heatmap", title, [f"{a} and {b} {_count(v)}" for v, a, b in pairs], "articles naming both")
    if not names:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center")
        return fig
    shown = values.copy()
    for i in range(len(names)):
        shown[i, i] = float("nan")
    image = ax.imshow(shown, cmap="Blues", vmin=0)
    ax.set_xticks(range(len(names)), [_label(x, 18) for x in names], rotation=60, ha="right")
    ax.set_yticks(range(len(names)), [_label(x, 24) for x in names])
    peak = max((v for i, row in enumerate(values) for j, v in enumerate(row) if i != j), default=0)
    for i in range(len(names)):
        for j in range(len(names)):
            if i != j and values[i, j]:
                ax.text(j, i, int(values[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if values[i, j] > peak / 2 else "black")
    fig.colorbar(image, ax=ax, shrink=0.6, label="articles naming both")
    return fig


def gender_chart(by_gender: pd.DataFrame, metric: str = "quotes", corpus_name: str = "") -> Figure:
    """Quotes or quoted words (`metric`) of individual sources by gender (from
    `summaries.quotes_by_gender`), each bar labelled with its count and share."""
    what = "quotes" if metric == "quotes" else "quoted words"
    labels = [f"{_count(v)} ({s:.0%})" for v, s in zip(by_gender[metric], by_gender[f"share_of_{metric}"])]
    return _hbar(by_gender["gender"], by_gender[metric], [GENDER_COLOURS.get(g, DEFAULT_COLOUR) for g in by_gender["gender"]],
                 f"{what.capitalize()} of individual sources by gender{_of(corpus_name)}", what, value_labels=labels)


def anonymous_share_chart(shares: pd.DataFrame, by: str = "outlet", corpus_name: str = "") -> Figure:
    """Share of anonymous sources per outlet or article (`by`; from
    `summaries.anonymous_share_by_outlet` or `summaries.anonymous_share`), highest first.
    Articles are named by their keys (`article_keys`), kept as the figure's `key`."""
    df = shares.sort_values("anonymous_share", ascending=False)
    keys = article_keys(df) if by == "article_id" else None
    names = list(keys["key"]) if keys is not None else list(df[by])
    values = list(df["anonymous_share"])
    fig = _hbar(names, values, [TYPE_COLOURS["anonymous"]] * len(df),
                f"Share of anonymous sources by {by.replace('_id', '')}{_of(corpus_name)}", "anonymous sources / all sources",
                value_labels=[_percent(v) for v in values])
    fig.axes[0].set_xlim(0, 1.12)
    fig.alt = _describe("Bar chart", fig.axes[0].get_title(), [f"{n} {_percent(v)}" for n, v in zip(names, values)],
                        "anonymous sources / all sources")
    return _keyed(fig, keys) if keys is not None else fig


def outlet_types_chart(by_outlet: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Who each outlet quotes, as 100% stacked bars: the share of its quotes whose speaker is
    of each source type (from `comparisons.source_types_by_outlet`), in the source types'
    colours, with each outlet's number of quotes after its name."""
    names = [f"{o} (n={_count(q)})" for o, q in zip(by_outlet["outlet"], by_outlet["quotes"])]
    parts = {t: list(by_outlet[f"{t}_share"]) for t in TYPE_COLOURS}
    return _stacked_hbar(names, parts, TYPE_COLOURS, f"Quotes by source type per outlet{_of(corpus_name)}",
                         "share of the outlet's quotes", percent=True)


def time_chart(over_time: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Articles and quotes per week or month (from `comparisons.counts_over_time`), as two
    small bar charts one above the other, each bar with its count; articles without a date are
    not on the time axis, and a note under the chart says how many there are."""
    dated = over_time[over_time["period"] != "undated"]
    undated = over_time.loc[over_time["period"] == "undated", "articles"].sum()
    periods = [str(p) for p in dated["period"]]
    fig = _figure((max(6.0, 1.5 + 0.45 * len(periods)), 4.2))
    title = f"Articles and quotes over time{_of(corpus_name)}"
    fig.suptitle(title)
    axes = fig.subplots(2, 1, sharex=True)
    for ax, column, colour in zip(axes, ("articles", "quotes"), (OKABE_ITO["blue"], OKABE_ITO["orange"])):
        values = [int(v) for v in dated[column]]
        ax.bar(range(len(periods)), values, color=colour)
        ax.set_ylabel(column)
        ax.spines[["top", "right"]].set_visible(False)
        if len(periods) <= 40:  # beyond that the numbers would overlap
            for x, v in enumerate(values):
                if v:
                    ax.text(x, v, _count(v), ha="center", va="bottom", fontsize=8)
        ax.margins(y=0.2)
        ax.yaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        if not periods:
            ax.text(0.5, 0.5, "no dated article", transform=ax.transAxes, ha="center", va="center")
    axes[-1].set_xticks(range(len(periods)), periods, rotation=60 if len(periods) > 6 else 0, ha="right" if len(periods) > 6 else "center")
    axes[-1].set_xlabel("week starting" if periods and len(periods[0]) == 10 else "month")
    note = f"{_things(undated, 'undated article')} not shown" if undated else ""
    if note:
        fig.supxlabel(note, fontsize=9, color="#444444")
    items = [f"{p}: {_things(a, 'article')}, {_things(q, 'quote')}" for p, a, q in zip(periods, dated["articles"], dated["quotes"])]
    # in time order, not busiest first: a reader follows the series
    fig.alt = _describe("Bar charts", title, items or ["no dated article"]) + (f" {note.capitalize()}." if note else "")
    return fig


class Chart:
    """A chart as a notebook shows it: the PNG with its description as alt text, and its key
    table beside it when it names rows by keys. The notebook and an HTML export show the
    `<img alt=...>` (`_repr_html_`); `_repr_png_` serves front ends that show only images,
    and the text form is the description."""

    def __init__(self, fig: Figure, alt: str, key: pd.DataFrame | None = None):
        self.fig, self.alt, self.key = fig, alt, key
        self._png: bytes | None = None

    def png(self) -> bytes:
        """The chart as PNG bytes, drawn once."""
        if self._png is None:
            buffer = io.BytesIO()
            self.fig.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
            self._png = buffer.getvalue()
        return self._png

    def _repr_png_(self) -> bytes:
        return self.png()

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png()).decode("ascii")
        image = f'<img alt="{html.escape(self.alt, quote=True)}" src="data:image/png;base64,{data}">'
        if self.key is None or self.key.empty:
            return f'<figure class="medialens-chart" style="margin:0">{image}</figure>'
        table = self.key.fillna("").to_html(index=False, escape=True, border=0)
        return ('<div class="medialens-chart" style="display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start">'
                f'<figure style="margin:0">{image}</figure><div>{table}</div></div>')

    def __repr__(self) -> str:
        return self.alt


def figure(fig: Figure, alt: str | None = None, key: pd.DataFrame | None = None) -> Chart:
    """`fig` ready to be a notebook cell's last expression: shown with a description as its alt
    text (`alt`, default the one the chart function wrote: its kind, title and top values) and,
    for a chart naming rows by keys, its key table beside it (`key`, default the figure's)."""
    described = alt if alt is not None else getattr(fig, "alt", "") or _untitled(fig)
    return Chart(fig, described, key if key is not None else getattr(fig, "key", None))


def _untitled(fig: Figure) -> str:
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    return f"Chart: {titles[0]}." if titles else "Chart."

"""Charts: matplotlib figures built without pyplot, one visual style for all of them.

Every function returns a `Figure` (shown once when it is a notebook cell's last expression)
and takes the DataFrame the notebook also shows, so each chart has its table. Every text on a
chart is drawn as written: a `$` in a name is a dollar sign, never the start of mathtext.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.text import Text

from .tables import atomic_write

# One colour per source type, used by every chart that shows source types.
TYPE_COLOURS = {
    "person": "#1f77b4",
    "anonymous": "#d62728",
    "organisation": "#2ca02c",
    "group": "#ff7f0e",
    "unknown": "#7f7f7f",
}
LABEL_COLOURS = {
    "PERSON": "#1f77b4", "ORG": "#2ca02c", "GPE": "#9467bd", "LOC": "#8c564b", "NORP": "#e377c2",
    "FAC": "#bcbd22", "EVENT": "#17becf", "PRODUCT": "#ff7f0e", "WORK_OF_ART": "#aec7e8", "LAW": "#98df8a",
}
DEFAULT_COLOUR = "#7f7f7f"


class PlainTextFigure(Figure):
    """A figure that never reads its text as mathtext.

    Names come from the corpus (`Cash$$Flow Weekly`, `$x^$`), and matplotlib would otherwise
    set the text between two `$` as a formula: in italics, or failing to draw at all. Each text
    keeps its own setting, so the texts that exist are switched off before each drawing, and
    the drawing itself runs with mathtext off for the tick labels matplotlib adds while drawing.
    """

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
    """Long names wrap instead of running off the chart."""
    return "\n".join(textwrap.wrap(str(name), width)) or str(name)


def _hbar(names, values, colours, title: str, xlabel: str, legend: dict[str, str] | None = None) -> Figure:
    n = max(len(names), 1)
    fig = _figure((8, 1.2 + 0.38 * n))
    ax = fig.add_subplot()
    ypos = range(len(names))
    ax.barh(list(ypos), list(values), color=list(colours))
    ax.set_yticks(list(ypos), [_label(x) for x in names])
    ax.invert_yaxis()  # largest at the top
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    if legend:
        from matplotlib.patches import Patch

        ax.legend(handles=[Patch(color=c, label=k) for k, c in legend.items()], loc="lower right", frameon=False)
    if not len(names):
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center")
    return fig


def entity_chart(top: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Horizontal bars of the most mentioned entities (from `summaries.top_entities`), coloured by label."""
    labels = [x for x in LABEL_COLOURS if x in set(top["label"])]
    return _hbar(
        top["entity"], top["mentions"], [LABEL_COLOURS.get(x, DEFAULT_COLOUR) for x in top["label"]],
        f"Most mentioned entities{_of(corpus_name)}", "mentions",
        {x: LABEL_COLOURS[x] for x in labels},
    )


def label_chart(by_label: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Mentions per entity label (from `summaries.mentions_by_label`)."""
    return _hbar(by_label["label"], by_label["mentions"], [LABEL_COLOURS.get(x, DEFAULT_COLOUR) for x in by_label["label"]],
                 f"Entity mentions by label{_of(corpus_name)}", "mentions")


def source_chart(shares: pd.DataFrame, metric: str = "quotes", corpus_name: str = "") -> Figure:
    """Each source's quotes or quoted words (from `summaries.source_shares`), coloured by type."""
    types = [t for t in TYPE_COLOURS if t in set(shares["speaker_type"])]
    what = "quotes" if metric == "quotes" else "quoted words"
    return _hbar(shares["speaker_canonical"], shares[metric], [TYPE_COLOURS.get(t, DEFAULT_COLOUR) for t in shares["speaker_type"]],
                 f"Who is quoted: {what} per source{_of(corpus_name)}", what, {t: TYPE_COLOURS[t] for t in types})


def source_type_chart(types: pd.DataFrame, metric: str = "quotes", corpus_name: str = "") -> Figure:
    """Quotes (or sources, words) per source type (from `summaries.source_types`)."""
    types = types.sort_values(metric, ascending=False)
    return _hbar(types["speaker_type"], types[metric], [TYPE_COLOURS.get(t, DEFAULT_COLOUR) for t in types["speaker_type"]],
                 f"{metric.capitalize()} by source type{_of(corpus_name)}", metric)


def quote_kind_chart(kinds: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Quotes of each kind (from `summaries.quote_kinds`)."""
    colours = {"direct": "#1f77b4", "mixed": "#9467bd", "indirect": "#8c564b"}
    return _hbar(kinds["kind"], kinds["quotes"], [colours[k] for k in kinds["kind"]], f"Quotes by kind{_of(corpus_name)}", "quotes")


def _of(corpus_name: str) -> str:
    return f" — {corpus_name}" if corpus_name else ""


def save(fig: Figure, path: str | Path) -> Path:
    """Save a figure as PNG (atomically; no timestamp, so re-runs give identical files)."""
    path = Path(path)
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", dpi=120, metadata={"Software": None}))
    return path


KIND_COLOURS = {"direct": "#1f77b4", "mixed": "#9467bd", "indirect": "#8c564b"}


def _stacked_hbar(names, parts: dict[str, list], colours: dict[str, str], title: str, xlabel: str) -> Figure:
    """Horizontal stacked bars, one segment per key of `parts`, first row at the top; only
    segments with a non-zero total get a legend entry."""
    n = max(len(names), 1)
    fig = _figure((8, 1.4 + 0.38 * n))
    ax = fig.add_subplot()
    ypos = list(range(len(names)))
    left = [0] * len(names)
    for key, values in parts.items():
        values = [int(v) for v in values]
        if sum(values):
            ax.barh(ypos, values, left=left, color=colours.get(key, DEFAULT_COLOUR), label=key)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(ypos, [_label(x) for x in names])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    if any(sum(v) for v in parts.values()):
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)  # beside the bars, never over them
    else:
        ax.text(0.5, 0.5, "nothing to show", transform=ax.transAxes, ha="center", va="center")
    return fig


def _headline(row, width: int = 56) -> str:
    """An article's name on an axis: its headline shortened, else its id."""
    headline = row.get("headline")
    if headline is None or pd.isna(headline) or not str(headline).strip():
        return str(row["article_id"])
    return textwrap.shorten(str(headline), width, placeholder=" …")


def article_quotes_chart(per_article: pd.DataFrame, corpus_name: str = "", top_n: int = 20) -> Figure:
    """Quotes per article split by kind, for the `top_n` most quoted articles (from
    `summaries.article_overview`, already sorted most quoted first)."""
    top = per_article.head(top_n)
    names = [_headline(r) for r in top.to_dict("records")]
    shown = f"top {len(top)} of {len(per_article)} articles" if len(per_article) > len(top) else "each article"
    return _stacked_hbar(names, {k: list(top[k]) for k in KIND_COLOURS}, KIND_COLOURS,
                         f"Quotes by kind in {shown}{_of(corpus_name)}", "quotes")


def article_sources_chart(by_type: pd.DataFrame, corpus_name: str = "", articles: int | None = None) -> Figure:
    """Sources per article split by source type (from `summaries.article_source_types`), in the
    colours every chart uses for source types; `articles` is the corpus size, for the title."""
    names = [_headline(r) for r in by_type.to_dict("records")]
    shown = f"top {len(by_type)} of {articles} articles" if articles and articles > len(by_type) else "each article"
    return _stacked_hbar(names, {t: list(by_type[t]) for t in TYPE_COLOURS}, TYPE_COLOURS,
                         f"Sources by type in {shown}{_of(corpus_name)}", "sources (one per source and article)")


def cooccurrence_chart(matrix: pd.DataFrame, corpus_name: str = "") -> Figure:
    """Heatmap of how many articles name both entities (from `summaries.entity_cooccurrence`);
    the diagonal, the articles naming each entity, is left blank so the pairs stand out."""
    names = list(matrix["entity"])
    values = matrix.drop(columns="entity").to_numpy(dtype=float)
    n = max(len(names), 1)
    fig = _figure((2.5 + 0.5 * n, 1.8 + 0.45 * n))
    ax = fig.add_subplot()
    ax.set_title(f"Entities named in the same articles{_of(corpus_name)}")
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


GENDER_COLOURS = {"female": "#e7298a", "male": "#1b9e77", "unknown": "#7f7f7f"}


def gender_chart(by_gender: pd.DataFrame, metric: str = "quotes", corpus_name: str = "") -> Figure:
    """Quotes or quoted words (`metric`) of individual sources by gender (from
    `summaries.quotes_by_gender`), each bar labelled with its share."""
    what = "quotes" if metric == "quotes" else "quoted words"
    fig = _hbar(by_gender["gender"], by_gender[metric], [GENDER_COLOURS.get(g, DEFAULT_COLOUR) for g in by_gender["gender"]],
                f"{what.capitalize()} of individual sources by gender{_of(corpus_name)}", what)
    ax = fig.axes[0]
    for y, (value, share) in enumerate(zip(by_gender[metric], by_gender[f"share_of_{metric}"])):
        if value:
            ax.text(value, y, f" {share:.0%}", va="center", fontsize=9)
    return fig


def anonymous_share_chart(shares: pd.DataFrame, by: str = "outlet", corpus_name: str = "") -> Figure:
    """Share of anonymous sources per outlet or article (`by`; from
    `summaries.anonymous_share_by_outlet` or `summaries.anonymous_share`), highest first."""
    df = shares.sort_values("anonymous_share", ascending=False)
    names = df["headline"].map(lambda h: textwrap.shorten(str(h), 56, placeholder=" …")) if by == "article_id" and "headline" in df else df[by]
    fig = _hbar(list(names), list(df["anonymous_share"]), [TYPE_COLOURS["anonymous"]] * len(df),
                f"Share of anonymous sources by {by.replace('_id', '')}{_of(corpus_name)}", "anonymous sources / all sources")
    fig.axes[0].set_xlim(0, 1)
    return fig

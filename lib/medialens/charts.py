"""Charts: matplotlib figures built without pyplot, one visual style for all of them.

Every function returns a `Figure` (shown once when it is a notebook cell's last expression)
and takes the DataFrame the notebook also shows, so each chart has its table.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

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


def _label(name: str, width: int = 28) -> str:
    """Long names wrap instead of running off the chart."""
    return "\n".join(textwrap.wrap(str(name), width)) or str(name)


def _hbar(names, values, colours, title: str, xlabel: str, legend: dict[str, str] | None = None) -> Figure:
    n = max(len(names), 1)
    fig = Figure(figsize=(8, 1.2 + 0.38 * n), layout="constrained")
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

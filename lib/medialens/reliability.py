"""How far the tables can be trusted when no hand annotation covers the corpus: the figures
`benchmarks/` measured on annotated news, with what they do and do not say."""
from __future__ import annotations

import html
from importlib.resources import files

import pandas as pd

# Written by hand from `benchmarks/README.md` ("quote codebook") each time the rules change;
# a test checks that the two agree.
FIGURES = files("medialens") / "reliability.tsv"

CAVEATS = (
    "Measured with the reference scorer on PolNeAR, US political news of 2015-16 annotated by hand: "
    "train is 840 articles whose errors were read to write the rules and on which its two models were "
    "trained, dev 84 articles used only to measure them. The figures in words above are train's, close to what annotated news medialens was never "
    "tuned on gives (dev's run about three points higher); they may be lower on other countries, genres and "
    "decades. A quote counts as found when "
    "it overlaps an annotated one; the exact figure asks for the same words. PolNeAR annotates beliefs "
    "and stances as well as speech, which is why reported speech is found least often. Each row's "
    "confidence column is a model's estimate, learned on train, that the row is right (MODEL_CARD.md): "
    "filter on it to trade quotes found for quotes right. Rows whose decided_by is model are reported "
    "speech a second model proposed among the verbs the rules leave (stances such as endorsed or "
    "called for); about two in three of them are right."
)


def benchmark_figures() -> pd.DataFrame:
    """The benchmark figures: `figure, meaning, polnear_train, polnear_dev`, one row per figure
    of the reference scorer (precision, recall per kind, speaker accuracy, end-to-end F1, exact F1)."""
    with FIGURES.open(encoding="utf-8") as f:
        return pd.read_csv(f, sep="\t", dtype={"figure": "string", "meaning": "string"})


def reliability_html(scored: str | None = None) -> str:
    """The report's "How reliable is this" box (HTML): the benchmark figures in words, their
    caveats, and `scored`, a line on this corpus's own evaluation when hand annotations cover it."""
    f = benchmark_figures().set_index("figure")["polnear_train"]
    said = (
        f"On annotated news, {f['quote_p']:.0%} of the quotes medialens finds are quotes; it finds "
        f"{f['recall_direct']:.0%} of direct quotes, {f['recall_mixed']:.0%} of mixed ones and "
        f"{f['recall_indirect']:.0%} of reported speech, and gives {f['speaker_acc']:.0%} of the quotes "
        f"it finds the right speaker."
    )
    own = f"<p><strong>This corpus:</strong> {html.escape(scored)}</p>" if scored else (
        "<p><strong>This corpus</strong> has no hand annotation, so it is not scored itself.</p>")
    return (
        '<section class="reliability" id="reliability"><h2>How reliable is this</h2>'
        f"<p>{html.escape(said)}</p>{own}<p class=\"caveat\">{html.escape(CAVEATS)}</p></section>"
    )

"""Training the quote model (`confidence.py`) on annotated articles.

    medialens train GOLD_DIR --out FILE [--corpus DIR]

A straight line of steps: extract the corpus as `medialens extract` does, through the cache
(a model written into the package changes every cache key, as any change to the library does,
so the run after it parses again); label each quote row of an annotated article right or
wrong (see `labelled_rows`: its text is an annotated quote's, by the reference scorer's overlap,
and it names that quote's speaker); fit a logistic regression over the rows' features; write
the model as JSON. Deterministic: the same articles give the same file, byte for byte (full-batch
updates in a fixed order, no sampling). Annotations are the gold JSON of `tests/fixtures`: one
file per article, `{"article_id", "quotes": [{"text", "speaker", ...}]}`.
"""
from __future__ import annotations

import hashlib
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from .confidence import DECIMALS, QuoteModel, row_features, write_model
from .evaluate import read_gold
from .matching import MATCH_SHORTER, overlap, speaker_ok

# L2 penalty, steps and step size of the fit: chosen on fold 0 of PolNeAR train held out from
# it (log loss flat from 1 to 20); features seen in fewer rows than MIN_ROWS get no weight.
L2 = 5.0
STEPS = 400
STEP_SIZE = 0.1
MIN_ROWS = 2
# Articles go to one of FOLDS folds by a digest of their id, so a held-out fold is the same on
# every machine.
FOLDS = 5


def fold_of(article_id: str) -> int:
    """The fold (0 to FOLDS - 1) an article belongs to."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def labelled_rows(gold: dict[str, dict], quotes: pd.DataFrame) -> tuple[list[list[str]], list[bool], list[str]]:
    """For each quote row of an article `gold` annotates, in the order of `quotes`: its features,
    whether it is right, and its article id. A row is right when its text overlaps an annotated
    quote's as the reference scorer requires (MATCH_SHORTER) and it names that quote's speaker.
    Unlike the scorer's one-to-one count, a row is not wrong because another row matched the
    same annotated quote: PolNeAR often annotates a speaker's consecutive quotes as one
    attribution, which medialens gives a row each, and each row is still what was said, by whom."""
    features, labels, articles = [], [], []
    for row in quotes.to_dict("records"):
        annotated = gold.get(row["article_id"])
        if annotated is None:
            continue
        pred = {k: ("" if v is None or v != v else v) for k, v in row.items()}
        right = any(overlap(g["text"], pred["text"]) >= MATCH_SHORTER and speaker_ok(g, pred) for g in annotated["quotes"])
        features.append(row_features(row))
        labels.append(right)
        articles.append(row["article_id"])
    return features, labels, articles


def fit(features: list[list[str]], labels: list[bool], l2: float = L2, steps: int = STEPS,
        min_rows: int = MIN_ROWS, about: dict | None = None) -> QuoteModel:
    """A logistic regression of `labels` on `features` (one list of feature names per row):
    L2-penalised log loss, minimised by full-batch Adam for `steps` steps. Features in fewer
    than `min_rows` rows are left out. Raises ValueError without rows, or with rows all right
    or all wrong (nothing to learn from)."""
    if not features or len(set(labels)) < 2:
        raise ValueError("training needs quote rows both right and wrong against the annotations")
    counts = Counter(f for fs in features for f in set(fs))
    names = sorted(f for f, n in counts.items() if n >= min_rows)
    index = {f: i for i, f in enumerate(names)}
    cols = [[index[f] for f in fs if f in index] for fs in features]
    row_of = np.repeat(np.arange(len(cols)), [len(c) for c in cols])
    col_of = np.fromiter((i for c in cols for i in c), dtype=np.int64, count=len(row_of))
    y = np.asarray(labels, dtype=float)
    n, k = len(cols), len(names)
    theta = np.zeros(k + 1)  # the weights, then the bias
    first, second = np.zeros(k + 1), np.zeros(k + 1)
    for t in range(1, steps + 1):
        score = theta[k] + np.bincount(row_of, weights=theta[col_of], minlength=n)
        error = 1 / (1 + np.exp(-score)) - y
        grad = np.append(np.bincount(col_of, weights=error[row_of], minlength=k) + l2 * theta[:k], error.sum()) / n
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        theta -= STEP_SIZE * (first / (1 - 0.9 ** t)) / (np.sqrt(second / (1 - 0.999 ** t)) + 1e-8)
    # rounded as the model file keeps them, so the model in hand is the model written
    return QuoteModel({f: round(w, DECIMALS) for f, w in zip(names, theta[:k].tolist())}, round(float(theta[k]), DECIMALS),
                      dict(about or {}))


def train(gold: str | Path, corpus: str | Path | None = None, out: str | Path | None = None,
          workers: int | None = None, progress: bool = True, cache: bool | str | Path = True,
          exclude_fold: int | None = None) -> QuoteModel:
    """Train a quote model on the articles of `corpus` (default: the `corpus` folder beside
    `gold`, the layout of `tests/fixtures/polnear`) annotated in `gold`, and write it to `out`
    when given. `workers`, `progress` and `cache` are `extract`'s. `exclude_fold` leaves that
    fold's articles (see `fold_of`) out of training, to measure the model on them. Raises
    ValueError when no quote row of the corpus is annotated, or all are right or all wrong.
    Returns the model."""
    from .extract import extract_to

    gold = Path(gold)
    corpus = Path(corpus) if corpus is not None else gold.parent / "corpus"
    annotated = read_gold(gold)
    if exclude_fold is not None:
        annotated = {a: g for a, g in annotated.items() if fold_of(a) != exclude_fold}
    with tempfile.TemporaryDirectory(prefix="medialens-train-") as tmp:
        extract_to(corpus, tmp, workers=workers, progress=progress, cache=cache)
        quotes = pd.read_parquet(Path(tmp) / "quotes.parquet")
    features, labels, articles = labelled_rows(annotated, quotes)
    about = {
        # the annotations' folder by its last two names (`train/gold`): no path of this machine
        "trained_on": {"annotations": "/".join(gold.resolve().parts[-2:]), "articles": len(set(articles)), "rows": len(labels),
                       "right": round(sum(labels) / len(labels), 3) if labels else None},
        "fit": {"l2": L2, "steps": STEPS, "min_rows": MIN_ROWS, "held_out_fold": exclude_fold},
    }
    model = fit(features, labels, about=about)
    if out is not None:
        write_model(model, out)
    return model

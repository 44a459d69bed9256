"""Training the two learned models on annotated articles: the quote model (`confidence.py`) and
the reported-speech model (`quotes/proposed.py`).

    medialens train GOLD_DIR --out DIR [--corpus DIR]

A straight line of steps: parse the annotated articles (on worker processes) and run the rules
on each; label each rule quote's row right or wrong (see `labelled_rows`: its text is an
annotated quote's, by the reference scorer's overlap, and it names that quote's speaker) and each
candidate the rules leave (see `candidate_rows`); fit a logistic regression to each; write both
as JSON. Deterministic: the same articles give the same files, byte for byte (full-batch updates
in a fixed order, no sampling). Annotations are the gold JSON of `tests/fixtures`: one file per
article, `{"article_id", "quotes": [{"text", "speaker", ...}]}`.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from spacy.tokens import Doc
from tqdm.auto import tqdm

from . import engines
from .article import Article, Reject
from .components import doc_dateline
from .confidence import DECIMALS, MODEL, REPORTED_MODEL, QuoteModel, row_features, write_model
from .engines import default_workers
from .entities import group_entities
from .evaluate import read_gold
from .extract import CHUNK_ARTICLES, parse_articles
from .index import ArticleIndex
from .io.corpus import read_corpus
from .matching import MATCH_SHORTER, overlap, speaker_ok
from .quotes import Quote, rule_quotes
from .quotes.proposed import Candidate, candidate_features, candidate_quote, candidates
from .sources import resolve_speakers
from .tables import COLUMNS, quote_rows

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
        min_rows: int = MIN_ROWS, about: dict | None = None, rows: str = "quote rows") -> QuoteModel:
    """A logistic regression of `labels` on `features` (one list of feature names per row):
    L2-penalised log loss, minimised by full-batch Adam for `steps` steps. Features in fewer
    than `min_rows` rows are left out. Raises ValueError without rows, or with rows all right
    or all wrong (nothing to learn from); `rows` names them in its message."""
    if not features or len(set(labels)) < 2:
        raise ValueError(f"training needs {rows} both right and wrong against the annotations")
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


class Models(NamedTuple):
    """What `train` fits: the quote model behind a rule row's `confidence` and the model that
    proposes reported speech (`quotes/proposed.py`); `skipped` says, one line each, which
    annotated articles training could not use and why (unreadable, missing from the corpus,
    failing analysis)."""

    quote: QuoteModel
    reported: QuoteModel
    skipped: tuple[str, ...] = ()


def candidate_rows(doc: Doc, annotated: list[dict]) -> tuple[list[dict], list[list[str]], list[bool]]:
    """What one parsed article gives training: the quotes-table rows of the quotes the rules find,
    then the features and labels of the reported-speech candidates they leave (see
    `labelled_candidates`)."""
    ix = ArticleIndex.build(doc)
    found = rule_quotes(ix)
    features, labels = labelled_candidates(ix, found, list(candidates(ix, found)), annotated)
    resolved = resolve_speakers(ix, found, group_entities(doc, doc_dateline(doc), labels=None))
    return quote_rows("", resolved), features, labels


def labelled_candidates(ix: ArticleIndex, found: list[Quote], among: list[Candidate],
                        annotated: list[dict]) -> tuple[list[list[str]], list[bool]]:
    """The features of each candidate of `among` and whether it is right: its content overlaps,
    as the reference scorer requires, an annotated quote no quote of `found` matched, and its
    verb's subject names that quote's speaker."""
    missed = [g for g in annotated if not any(overlap(g["text"], q.text) >= MATCH_SHORTER for q in found)]
    features, labels = [], []
    for candidate in among:
        said = candidate_quote(ix, candidate)
        speaker = {"speaker": said.speaker or "", "speaker_canonical": said.speaker or ""}
        features.append(candidate_features(ix, candidate))
        labels.append(any(overlap(g["text"], said.text) >= MATCH_SHORTER and speaker_ok(g, speaker) for g in missed))
    return features, labels


def _training_chunk(items: list[tuple[Article, list[dict]]]) -> list[tuple[list[dict], list[list[str]], list[bool]] | str]:
    """`candidate_rows` of each (article, annotated quotes) pair, parsed as one batch: what a
    worker process runs. An article whose analysis fails gives a one-line reason instead, so
    one bad article does not stop training on the rest."""
    docs = parse_articles([a for a, _ in items])
    return [_candidate_rows_or_reason(article, doc, annotated) for (article, annotated), doc in zip(items, docs)]


def _candidate_rows_or_reason(article: Article, doc: Doc, annotated: list[dict]):
    try:
        return candidate_rows(doc, annotated)
    except Exception as e:  # noqa: BLE001 - any failure is reported per article, not raised
        where = article.source_path or article.id
        return f"{where}: could not be analysed ({type(e).__name__}: {e})"


class TrainingRows(NamedTuple):
    """What training learns from: the rule quotes' rows (with their `article_id`), each
    candidate's features, label and article id, in corpus order, and the one-line reasons of
    the annotated articles left out."""

    quotes: pd.DataFrame
    features: list[list[str]]
    labels: list[bool]
    articles: list[str]
    skipped: list[str]


def training_rows(corpus: str | Path, annotated: dict[str, dict], workers: int = 1,
                  progress: bool = True) -> TrainingRows:
    """Parse the annotated articles of `corpus` (on `workers` processes) and return what
    training learns from (see `TrainingRows` and `candidate_rows`). A file of the corpus that
    cannot be read, an annotated article the corpus lacks and one whose analysis fails are
    left out, each with a one-line reason."""
    articles, unread = [], []
    for item in read_corpus(corpus):
        if isinstance(item, Article):
            if item.id in annotated:
                articles.append(item)
        elif isinstance(item, Reject):
            unread.append(item)
    # an article whose file could not be read is reported once, by its file
    found = {a.id for a in articles} | {Path(r.source_path).stem for r in unread}
    skipped = [r.reason for r in unread] + [f"{article_id}: annotated, but not in the corpus {corpus}"
                                            for article_id in sorted(set(annotated) - found)]
    chunks = [[(a, annotated[a.id]["quotes"]) for a in articles[i : i + CHUNK_ARTICLES]]
              for i in range(0, len(articles), CHUNK_ARTICLES)]
    rows, features, labels, ids = [], [], [], []
    with ExitStack() as stack:
        submit = engines.process_pool(stack, workers, _training_chunk) if workers > 1 and len(chunks) > 1 else None
        done = [submit(c) for c in chunks] if submit else None
        bar = stack.enter_context(tqdm(total=len(articles), desc="train", unit="article", disable=not progress or None))
        for n, chunk in enumerate(chunks):
            results = done[n].result() if done else _training_chunk(chunk)
            for (article, _), result in zip(chunk, results):
                if isinstance(result, str):
                    skipped.append(result)
                    continue
                article_rows, article_features, article_labels = result
                rows += [{**r, "article_id": article.id} for r in article_rows]
                features += article_features
                labels += article_labels
                ids += [article.id] * len(article_labels)
            bar.update(len(chunk))
    return TrainingRows(pd.DataFrame(rows, columns=COLUMNS["quotes"]), features, labels, ids, skipped)


def train(gold: str | Path, corpus: str | Path | None = None, out: str | Path | None = None,
          workers: int | None = None, progress: bool = True, exclude_fold: int | None = None) -> Models:
    """Train the quote model and the reported-speech model on the articles of `corpus` (default:
    the `corpus` folder beside `gold`, the layout of `tests/fixtures/polnear`) annotated in
    `gold`, and write them into the folder `out` when given (as `quote_model.json` and
    `reported_model.json`, the names medialens reads beside its package). `workers` processes
    parse (default: all cores). `exclude_fold` leaves that fold's articles (see `fold_of`) out of
    training, to measure the models on them. Raises ValueError when no quote row of the corpus
    is annotated, or when the rule rows or the candidates are all right or all wrong (a small
    corpus whose every annotated quote the rules find has no candidate right), naming the first
    article left out when none could be used. An annotated article that cannot be read or
    analysed is left out, not fatal. Returns both models and
    what was left out."""
    gold = Path(gold)
    corpus = Path(corpus) if corpus is not None else gold.parent / "corpus"
    annotated = read_gold(gold)
    if exclude_fold is not None:
        annotated = {a: g for a, g in annotated.items() if fold_of(a) != exclude_fold}
    quotes, candidate_features, candidate_labels, candidate_articles, skipped = training_rows(
        corpus, annotated, workers or default_workers(), progress)
    if annotated and len(skipped) >= len(annotated) and quotes.empty:
        # every article left out is a wrong corpus or a fault, not something to fit around
        raise ValueError(f"no annotated article could be used ({len(skipped):,} left out); the first: {skipped[0]}")
    features, labels, articles = labelled_rows(annotated, quotes)
    # the annotations' folder by its last two names (`train/gold`): no path of this machine
    where = "/".join(gold.resolve().parts[-2:])
    fitted = {"l2": L2, "steps": STEPS, "min_rows": MIN_ROWS, "held_out_fold": exclude_fold}
    quote_model = fit(features, labels, about={
        "trained_on": {"annotations": where, "articles": len(set(articles)), "rows": len(labels),
                       "right": round(sum(labels) / len(labels), 3) if labels else None},
        "fit": fitted,
    })
    reported = fit(candidate_features, candidate_labels, rows="reported-speech candidates (verbs the rules leave)", about={
        "trained_on": {"annotations": where, "articles": len(set(candidate_articles)), "rows": len(candidate_labels),
                       "right": round(sum(candidate_labels) / len(candidate_labels), 3) if candidate_labels else None},
        "fit": fitted,
    })
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
        write_model(quote_model, Path(out) / MODEL)
        write_model(reported, Path(out) / REPORTED_MODEL)
    return Models(quote_model, reported, tuple(skipped))

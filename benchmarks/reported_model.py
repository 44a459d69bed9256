"""The reported-speech model measured: what proposing quotes among the verbs the rules leave
does to the figures, on articles it was not trained on.

usage:
    python benchmarks/reported_model.py [--polnear DIR] [--workers N]

Trains both models on PolNeAR train without its held-out fold (fold 0 of
`medialens.train.fold_of`, a fifth of the articles), then parses that fold and PolNeAR dev and
prints, for each:

- the held-out model's candidates: how many, how many right (text and speaker), AUC, and the
  share right of those at or above each threshold;
- the quote figures of the rules alone, of the rules and the held-out model (the hybrid
  medialens runs), of the rules and the shipped model (trained on all of train, so on the
  fold it has seen the articles) and of the model alone deciding reported speech (`model only`:
  the rules keep what quote marks make, direct and mixed quotes; every verb outside them is a
  candidate, the lexicon's with the rules' own content, scored by a model trained so on train
  without the fold): quote P / R / F1, recall direct / mixed / indirect, speaker accuracy,
  end-to-end F1 (`medialens evaluate`) and `quote_exact_f1` (the reference scorer);
- what the model costs: finding and scoring the candidates against parsing.
Read the fold's figures to choose; dev's only confirm.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from quote_model import POLNEAR, auc, strict_f1  # noqa: E402

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


def parsed(corpus: Path, articles: set[str] | None) -> list:
    """(article, doc, seconds to parse) of the articles of `corpus` (those in `articles` when given)."""
    from medialens.article import Article
    from medialens.extract import parse_articles
    from medialens.io.corpus import read_corpus

    chosen = [a for a in read_corpus(corpus) if isinstance(a, Article) and (articles is None or a.id in articles)]
    began = time.perf_counter()
    docs = list(parse_articles(chosen))
    return list(zip(chosen, docs)), time.perf_counter() - began


def figures_line(label: str, gold: dict, folder: Path, quotes: pd.DataFrame) -> str:
    """One line of figures of `quotes` against `gold` (the annotations in `folder / "gold"`)."""
    from medialens.evaluate import evaluate

    f = evaluate(gold, quotes).figures
    return (f"    {label:23} {f['quote_p']:.3f} / {f['quote_r']:.3f} / {f['quote_f1']:.3f}   "
            f"{f.get('recall_direct', 0):.3f} / {f.get('recall_mixed', 0):.3f} / {f.get('recall_indirect', 0):.3f}   "
            f"{f['speaker_acc']:.3f}   {f['end_to_end_f1']:.3f}   {strict_f1(folder / 'gold', set(gold), quotes):.3f}"
            f"   ({(quotes['decided_by'] == 'model').sum():,} rows proposed)")


def marked_quotes(ix) -> list:
    """The quotes quote marks make (direct and mixed), as the rules find them."""
    from medialens.quotes import rule_quotes

    return [q for q in rule_quotes(ix) if q.kind != "indirect"]


def every_verb(ix, found: list) -> list:
    """Every verb outside quote marks and the cues of `found` with a content `found` leaves: the
    rules' content for a cue of the lexicon, else `proposed._candidate_content`'s."""
    from medialens.quotes.content import _content_span
    from medialens.quotes.proposed import Candidate, _candidate_content

    taken, cues, out = [(q.start, q.end) for q in found], {q.cue_start for q in found}, []
    for verb in ix.doc:
        if verb.pos_ != "VERB" or verb.i in ix.in_marks or verb.idx in cues:
            continue
        rule = _content_span(ix, verb)
        content, relation = (rule, "rule") if rule is not None else (_candidate_content(verb) or (None, None))
        if content is not None and not any(a < content.end_char and content.start_char < b for a, b in taken):
            out.append(Candidate(verb, content, relation))
    return out


def model_only_training(corpus: Path, gold: dict) -> tuple[list, list]:
    """Features and labels (as `train.labelled_candidates` gives them) of every verb candidate
    of the annotated articles of `corpus` beside their marked quotes."""
    from medialens.index import ArticleIndex
    from medialens.train import labelled_candidates

    features, labels = [], []
    for article, doc in parsed(corpus, set(gold))[0]:
        ix = ArticleIndex.build(doc)
        found = marked_quotes(ix)
        article_features, article_labels = labelled_candidates(ix, found, every_verb(ix, found), gold[article.id]["quotes"])
        features += article_features
        labels += article_labels
    return features, labels


def model_only_rows(article, doc, model) -> list[dict]:
    """The quotes-table rows of an article whose reported speech `model` alone decides."""
    from medialens.components import doc_dateline
    from medialens.confidence import probability
    from medialens.entities import group_entities
    from medialens.index import ArticleIndex
    from medialens.quotes.proposed import candidate_features, chosen
    from medialens.sources import resolve_speakers
    from medialens.tables import quote_rows

    ix = ArticleIndex.build(doc)
    quotes = marked_quotes(ix)
    quotes += chosen(ix, [(probability(candidate_features(ix, c), model), c) for c in every_verb(ix, quotes)])
    quotes.sort(key=lambda q: q.start)
    return quote_rows(article.id, resolve_speakers(ix, quotes, group_entities(doc, doc_dateline(doc), labels=None)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    from medialens.components import article_quotes
    from medialens.confidence import REPORTED_MODEL, QuoteModel, probability, read_model, shipped_model
    from medialens.evaluate import read_gold
    from medialens.index import ArticleIndex
    from medialens.quotes import rule_quotes
    from medialens.quotes.proposed import candidate_features, candidates
    from medialens.tables import quote_rows
    from medialens.train import candidate_rows, fit, fold_of, train

    with tempfile.TemporaryDirectory(prefix="medialens-reported-") as tmp:
        train(args.polnear / "train" / "gold", out=tmp, workers=args.workers, progress=False, exclude_fold=0)
        held_out = read_model(Path(tmp) / REPORTED_MODEL)
    proposers = {"rules only": QuoteModel({}, -50.0), "rules + held-out model": held_out, "rules + shipped model": shipped_model(REPORTED_MODEL)}
    train_gold = read_gold(args.polnear / "train" / "gold")
    model_only = fit(*model_only_training(args.polnear / "train" / "corpus", {a: g for a, g in train_gold.items() if fold_of(a) != 0}))
    parts = {
        "held-out fold of train": ({a: g for a, g in train_gold.items() if fold_of(a) == 0}, args.polnear / "train"),
        "dev": (read_gold(args.polnear / "dev" / "gold"), args.polnear / "dev"),
    }
    for name, (gold, folder) in parts.items():
        articles, parse = parsed(folder / "corpus", set(gold))
        scores, labels = [], []
        for article, doc in articles:
            features, right = candidate_rows(doc, gold[article.id]["quotes"])[1:]
            scores += [probability(f, held_out) for f in features]
            labels += right
        print(f"{name}: {len(articles)} articles, {len(labels):,} candidates, {sum(labels):,} right, "
              f"AUC of the held-out model {auc(scores, labels):.3f}")
        print("  at or above: candidates, share right  " + "   ".join(
            f"{t}: {sum(p >= t for p in scores):,}, {sum(y for p, y in zip(scores, labels) if p >= t) / max(1, sum(p >= t for p in scores)):.3f}"
            for t in THRESHOLDS))
        print("  figures: quote P / R / F1, recall direct / mixed / indirect, speaker, end to end, exact F1")
        for label, proposer in proposers.items():
            quoting = partial(article_quotes, proposer=proposer)
            rows = [r for article, doc in articles for r in quote_rows(article.id, quoting(doc, article.dateline)[1])]
            quotes = pd.DataFrame(rows)
            print(figures_line(label, gold, folder, quotes))
        quotes = pd.DataFrame([r for article, doc in articles for r in model_only_rows(article, doc, model_only)])
        print(figures_line("model only", gold, folder, quotes))
        ruling = proposing = 0.0
        for _, doc in articles:
            began = time.perf_counter()
            ix = ArticleIndex.build(doc)
            found = rule_quotes(ix)
            ruled = time.perf_counter()
            for c in candidates(ix, found):
                probability(candidate_features(ix, c), held_out)
            ruling, proposing = ruling + ruled - began, proposing + time.perf_counter() - ruled
        print(f"  cost: finding and scoring the candidates {proposing:.2f} s, parsing {parse:.1f} s: {proposing / parse:.1%} "
              f"of the parse (the rules themselves: {ruling:.2f} s, {ruling / parse:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The quote model measured: how well its confidences tell right rows from wrong ones, and what
dropping the rows it doubts would do to the figures.

usage:
    python benchmarks/quote_model.py [--polnear DIR] [--workers N]

Extracts PolNeAR train and dev (through the cache; the rows the rules decided, which the quote
model scores), trains a model on train without its held-out
fold (fold 0 of `medialens.train.fold_of`, a fifth of the articles), and prints, for that fold
and for dev:

- the confidences of four scorers against what was right (text and speaker): `kind only`
  (each kind's share right on the training rows), `kind x rule` (the share right of rows of
  the same kind and speaker rule, smoothed towards the kind's share: the method of the table
  medialens used before the model, refitted on the same rows), `held-out model` (trained
  without the fold)
  and `shipped model` (`lib/medialens/quote_model.json`, trained on all of train, so on the
  fold it has seen the rows): log loss and Brier score (lower is better), AUC (the chance a
  right row scores above a wrong one);
- the held-out model's calibration: rows, mean confidence and share right per band;
- the quote figures with every row kept (the rules alone) and with rows under a confidence
  threshold dropped (the rules, then the model deciding), lenient (`medialens evaluate`) and
  strict (`quote_exact_f1` of the reference scorer, `../shared/tools/score.py`);
- what scoring costs: the time to score dev's rows against the time to parse dev's articles.
Read the fold's figures to choose; dev's only confirm. The fit's penalty and steps were chosen on
this same fold, so its figures flatter the model slightly; dev's do not.
"""
from __future__ import annotations

import argparse
import importlib.util
import math
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parents[1] / "shared" / "data" / "polnear"
SCORER = HERE.parents[1] / "shared" / "tools" / "score.py"
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)
BANDS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.01)
# rows of a (kind, rule) pair weigh as much as this many rows of the kind's own share
PRIOR_ROWS = 20


def auc(scores: list[float], labels: list[bool]) -> float:
    """The chance a right row scores above a wrong one (ties count a half)."""
    ranked = sorted(zip(scores, labels))
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        rank_sum += sum(y for _, y in ranked[i:j]) * (i + j + 1) / 2
        i = j
    pos = sum(labels)
    return (rank_sum - pos * (pos + 1) / 2) / (pos * (len(labels) - pos))


def log_loss(scores: list[float], labels: list[bool]) -> float:
    """The mean log loss of confidences against what was right (lower is better)."""
    return sum(-math.log(max(1e-6, p if y else 1 - p)) for p, y in zip(scores, labels)) / len(labels)


def scores_line(name: str, scores: list[float], labels: list[bool]) -> str:
    brier = sum((p - y) ** 2 for p, y in zip(scores, labels)) / len(labels)
    return f"  {name:15} log loss {log_loss(scores, labels):.3f}  Brier {brier:.3f}  AUC {auc(scores, labels):.3f}"


@lru_cache(maxsize=1)
def reference_scorer():
    """The reference scorer's module, `../shared/tools/score.py`."""
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


def strict_f1(gold_dir: Path, articles: set[str], quotes: pd.DataFrame) -> float:
    """`quote_exact_f1` of the reference scorer for `quotes` against the gold of `articles`."""
    score = reference_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold", Path(tmp) / "pred"
        gold.mkdir(), pred.mkdir()
        for a in articles:
            (gold / f"{a}.json").symlink_to(gold_dir / f"{a}.json")
        quotes.to_csv(pred / "quotes.csv", index=False)
        return score.score(str(gold), str(pred))["quote_exact_f1"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, default=POLNEAR)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    from medialens.confidence import probability
    from medialens.evaluate import evaluate, read_gold
    from medialens.extract import extract_to
    from medialens.train import fit, fold_of, labelled_rows

    splits = {}
    with tempfile.TemporaryDirectory(prefix="medialens-model-") as tmp:
        for split in ("train", "dev"):
            extract_to(args.polnear / split / "corpus", Path(tmp) / split, workers=args.workers, progress=False)
            quotes = pd.read_parquet(Path(tmp) / split / "quotes.parquet")
            # the quote model scores the rows the rules decided (the proposed ones carry their own model's)
            splits[split] = (read_gold(args.polnear / split / "gold"), quotes[quotes["decided_by"] == "rule"])
    gold_train, quotes_train = splits["train"]
    fitted = {a: g for a, g in gold_train.items() if fold_of(a) != 0}
    features, labels, _ = labelled_rows(fitted, quotes_train)
    held_out_model = fit(features, labels)
    shares, pairs = {}, {}
    for f, y in zip(features, labels):
        for key, table in ((f[0], shares), ((f[0], f[1]), pairs)):
            table.setdefault(key, []).append(y)
    shares = {k: sum(v) / len(v) for k, v in shares.items()}
    pairs = {k: (sum(v) + PRIOR_ROWS * shares[k[0]]) / (len(v) + PRIOR_ROWS) for k, v in pairs.items()}
    parts = {
        "held-out fold of train": ({a: g for a, g in gold_train.items() if fold_of(a) == 0}, quotes_train, args.polnear / "train" / "gold"),
        "dev": (splits["dev"][0], splits["dev"][1], args.polnear / "dev" / "gold"),
    }
    for name, (gold, quotes, gold_dir) in parts.items():
        quotes = quotes[quotes["article_id"].isin(gold)].reset_index(drop=True)
        rows, right, _ = labelled_rows(gold, quotes)
        held = [probability(f, held_out_model) for f in rows]
        # a rule row's table confidence is the shipped model's score
        shipped = quotes["confidence"].tolist()
        print(f"{name}: {len(gold)} articles, {len(rows)} rows, {sum(right) / len(right):.3f} right")
        keys = [f[:2] for f in rows]
        print(scores_line("kind only", [shares.get(k, 0.5) for k, _ in keys], right))
        print(scores_line("kind x rule", [pairs.get((k, r), shares.get(k, 0.5)) for k, r in keys], right))
        print(scores_line("held-out model", held, right))
        print(scores_line("shipped model", shipped, right))
        for label, scores in (("held-out", held), ("shipped", shipped)):
            print(f"  calibration of the {label} model (band: rows, mean confidence, share right)")
            for low, high in zip(BANDS, BANDS[1:]):
                band = [(p, y) for p, y in zip(scores, right) if low <= p < high]
                if band:
                    print(f"    {low:.1f}-{min(high, 1):.1f}: {len(band):5}  {sum(p for p, _ in band) / len(band):.3f}  "
                          f"{sum(y for _, y in band) / len(band):.3f}")
        print("  figures (threshold: quote P / R / F1, recall direct / mixed / indirect, speaker, end to end, exact F1)")
        for threshold in (0.0, *THRESHOLDS):
            kept = quotes[[p >= threshold for p in held]]
            f = evaluate(gold, kept).figures
            print(f"    {'rules only' if threshold == 0 else f'drop < {threshold}':11} {f['quote_p']:.3f} / {f['quote_r']:.3f} / "
                  f"{f['quote_f1']:.3f}   {f.get('recall_direct', 0):.3f} / {f.get('recall_mixed', 0):.3f} / "
                  f"{f.get('recall_indirect', 0):.3f}   {f['speaker_acc']:.3f}   {f['end_to_end_f1']:.3f}   "
                  f"{strict_f1(gold_dir, set(gold), kept):.3f}")
    print(cost_line(args.polnear / "dev" / "corpus", splits["dev"][1]))
    return 0


def cost_line(corpus: Path, quotes: pd.DataFrame) -> str:
    """The time to score `quotes` with the shipped model against the time to parse `corpus`."""
    import time

    from medialens.confidence import quote_confidence
    from medialens.io.corpus import read_corpus
    from medialens.pipeline import load_nlp

    texts = [a.text for a in read_corpus(corpus) if hasattr(a, "text")]
    nlp = load_nlp()
    began = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    parse = time.perf_counter() - began
    rows = quotes.to_dict("records")
    began = time.perf_counter()
    for row in rows:
        quote_confidence(row)
    scoring = time.perf_counter() - began
    return (f"cost: scoring {len(rows):,} rows {scoring * 1000:.0f} ms ({scoring / len(rows) * 1e6:.0f} us a row), parsing "
            f"{len(texts)} articles {parse:.1f} s: scoring is {scoring / parse:.2%} of the parse")


if __name__ == "__main__":
    sys.exit(main())

"""Quote and speaker accuracy on an annotated corpus.

usage:
    python benchmarks/accuracy.py GOLD_DIR [--corpus CORPUS_DIR] [--out DIR] [--errors CSV] [--workers N]
    python benchmarks/accuracy.py --frames GOLD_DIR [--corpus CORPUS_DIR] [--min-count N]

The first form extracts CORPUS_DIR (default: the `corpus` folder beside GOLD_DIR, the layout
of the converted PolNeAR corpus: `dev/corpus` and `dev/gold`) and prints the figures of
`medialens evaluate`, per kind and overall, with the time taken. For example, on PolNeAR dev:

    python benchmarks/accuracy.py ../shared/data/polnear/dev/gold

The second form prints, for every (verb lemma, relation) reporting frame found in the corpus,
how often its content is an annotated attribution: the counts behind `CONTENT_FRAMES`, the
table `lib/medialens/lexicon/frames.tsv`. Run it on a training split, never on the split you report on:

    python benchmarks/accuracy.py --frames ../shared/data/polnear/train/gold
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def run_accuracy(gold: Path, corpus: Path, out: Path | None, errors: Path | None, workers: int) -> None:
    from medialens.evaluate import evaluate, read_gold, report_text, write_errors
    from medialens.extract import extract_to

    gold_data = read_gold(gold)
    with tempfile.TemporaryDirectory(prefix="medialens-accuracy-") as tmp:
        pred = out or Path(tmp)
        began = time.perf_counter()
        summary = extract_to(corpus, pred, cache=False, workers=workers, progress=False)
        seconds = time.perf_counter() - began
        evaluation = evaluate(gold_data, pred)
        print(f"corpus: {corpus}\ngold: {gold}")
        print(f"extracted {summary.counts['articles']} articles in {seconds:.1f} s\n")
        print(report_text(evaluation))
        if errors is not None:
            print(f"error table -> {write_errors(evaluation, errors)}")


def frame_counts(gold: Path, corpus: Path) -> tuple[Counter, Counter]:
    """For each (lemma, relation) frame with a named source: occurrences, and how many of
    them have content matching an annotated quote."""
    from medialens import quotes as Q
    from medialens.article import Article
    from medialens.index import ArticleIndex
    from medialens.io.corpus import read_corpus
    from medialens.evaluate import read_gold
    from medialens.matching import MATCH_SHORTER, overlap
    from medialens.pipeline import load_nlp

    gold_data = read_gold(gold)
    articles = [a for a in read_corpus(corpus) if isinstance(a, Article) and a.id in gold_data]
    seen, hits = Counter(), Counter()
    for article, doc in zip(articles, load_nlp().pipe((a.text for a in articles), batch_size=32)):
        texts = [q["text"] for q in gold_data[article.id]["quotes"]]
        ix = ArticleIndex.build(doc)
        for verb in doc:
            if verb.pos_ != "VERB" or verb.i in ix.in_marks or Q.speaker_token(ix, verb) is None:
                continue
            for relation, child in _frames_of(verb):
                span = doc[child.left_edge.i : child.right_edge.i + 1]
                if len(span) < 2:
                    continue
                key = (verb.lemma_.lower(), relation)
                seen[key] += 1
                hits[key] += max((overlap(t, span.text) for t in texts), default=0.0) >= MATCH_SHORTER
    return seen, hits


def _frames_of(verb):
    for c in verb.children:
        if c.i < verb.i and c.dep_ != "ccomp":
            continue
        if c.dep_ in ("ccomp", "xcomp", "dobj"):
            yield c.dep_, c
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    yield f"prep:{c.lower_}", g


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, help="folder of gold JSON files")
    parser.add_argument("--corpus", type=Path, default=None, help="articles (default: GOLD/../corpus)")
    parser.add_argument("--out", type=Path, default=None, help="keep the extracted tables here")
    parser.add_argument("--errors", type=Path, default=None, help="write the error table here (CSV)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--frames", action="store_true", help="print reporting-frame counts instead")
    parser.add_argument("--min-count", type=int, default=5, help="with --frames: leave out rarer frames")
    args = parser.parse_args(argv)
    corpus = args.corpus or args.gold.parent / "corpus"
    if args.frames:
        seen, hits = frame_counts(args.gold, corpus)
        print("lemma\trelation\tseen\tannotated\tshare")
        for (lemma, relation), n in sorted(seen.items(), key=lambda kv: (-hits[kv[0]] / kv[1], kv[0])):
            if n >= args.min_count:
                print(f"{lemma}\t{relation}\t{n}\t{hits[(lemma, relation)]}\t{hits[(lemma, relation)] / n:.2f}")
        return 0
    run_accuracy(args.gold, corpus, args.out, args.errors, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A frozen golden run, and the diff of a later run against it: what a change did to real articles.

usage:
    python benchmarks/golden.py freeze DIR [CORPUS ...]
    python benchmarks/golden.py compare GOLDEN_DIR NEW_DIR [--ignore FIELD ...]

`freeze` extracts the corpora (default: the seed, PolNeAR dev and PolNeAR train, 925 articles)
with `--no-cache --workers 1` into `DIR/tables/`, and writes `DIR/quotes.jsonl`: every field of
every `Quote` the rules produced, article by article, including those no table shows
(`speaker_start`, `cue_start`, `carried`, ...). Run it once before a change and once after.

`compare` prints, for each table, whether the CSV is byte-identical and the Parquet equal, and
how many rows differ; for the quote dump, how many articles and quotes changed and the first
few differences. A pure move of code must print `identical` everywhere; a change to the rules
states this diff in its commit message. `--ignore` leaves Quote fields out of the comparison (a
change that fills a field on purpose, such as `speaker_rule`). Exit status 0 when everything is
identical, else 1.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parents[1] / "shared" / "data" / "polnear"
DEFAULT_CORPORA = [HERE.parent / "seeds", POLNEAR / "dev" / "corpus", POLNEAR / "train" / "corpus"]
TABLES = ("articles", "entities", "quotes", "sources", "rejects")


def freeze(out: Path, corpora: list[Path]) -> None:
    """Extract `corpora` into `out/tables` and dump every Quote field into `out/quotes.jsonl`."""
    import medialens.extract as ex
    from medialens.components import article_quotes

    out.mkdir(parents=True, exist_ok=True)
    dump = (out / "quotes.jsonl").open("w", encoding="utf-8")
    real = ex.extract_article

    def extract_and_dump(article, doc):
        rows = real(article, doc)
        # the rules again on the same parse (they are a few percent of its cost): the Quote
        # objects themselves, with the fields the tables leave out
        _, quotes = article_quotes(doc, article.dateline)
        record = {"article_id": article.id, "quotes": [dataclasses.asdict(q) for q in quotes]}
        dump.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n")
        return rows

    ex.extract_article = extract_and_dump
    began = time.perf_counter()
    try:
        summary = ex.extract_to(corpora, out / "tables", cache=False, workers=1, progress=False)
    finally:
        ex.extract_article = real
        dump.close()
    print(f"{summary.counts['articles']} articles, {summary.counts['quotes']} quotes in "
          f"{time.perf_counter() - began:.0f} s -> {out}")


def compare(golden: Path, new: Path, ignore: tuple[str, ...] = ()) -> bool:
    """Print the diff of `new` against `golden`; True when they are identical."""
    import pandas as pd

    same = True
    for name in TABLES:
        a, b = golden / "tables" / f"{name}.csv", new / "tables" / f"{name}.csv"
        csv_same = a.read_bytes() == b.read_bytes()
        left = pd.read_parquet(golden / "tables" / f"{name}.parquet")
        right = pd.read_parquet(new / "tables" / f"{name}.parquet")
        try:
            pd.testing.assert_frame_equal(left, right)
            parquet_same = True
        except AssertionError:
            parquet_same = False
        if csv_same and parquet_same:
            print(f"{name:9} identical ({len(left):,} rows)")
            continue
        same = False
        print(f"{name:9} DIFFERS: csv {'same' if csv_same else 'differs'}, parquet {'equal' if parquet_same else 'differs'}; "
              f"{len(left):,} -> {len(right):,} rows, {_changed_rows(left, right):,} rows only on one side")
    return _compare_dumps(golden / "quotes.jsonl", new / "quotes.jsonl", ignore) and same


def _changed_rows(left, right) -> int:
    import pandas as pd

    both = pd.concat([left.astype(str), right.astype(str)])
    return int((~both.duplicated(keep=False)).sum())


def _compare_dumps(a: Path, b: Path, ignore: tuple[str, ...] = (), show: int = 5) -> bool:
    def read(path: Path) -> list[dict]:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        return [{**r, "quotes": [{k: v for k, v in q.items() if k not in ignore} for q in r["quotes"]]} for r in records]

    old, new = read(a), read(b)
    # fields a change adds to Quote are reported, not counted as a difference
    added = sorted({k for r in new for q in r["quotes"] for k in q} - {k for r in old for q in r["quotes"] for k in q})
    if added:
        print(f"quote dump: new fields {', '.join(added)} (not compared)")
        new = [{**r, "quotes": [{k: v for k, v in q.items() if k not in added} for q in r["quotes"]]} for r in new]
    changed = [(x, y) for x, y in zip(old, new) if x != y]
    if len(old) == len(new) and not changed:
        print(f"quote dump identical ({len(old):,} articles, {sum(len(r['quotes']) for r in old):,} quotes)")
        return True
    quotes = sum(max(len(x["quotes"]), len(y["quotes"])) for x, y in changed)
    print(f"quote dump DIFFERS: {len(old):,} -> {len(new):,} articles; {len(changed):,} articles changed (up to {quotes:,} quotes)")
    for x, y in changed[:show]:
        for qx, qy in zip(x["quotes"], y["quotes"]):
            fields = sorted(k for k in set(qx) | set(qy) if qx.get(k) != qy.get(k))
            if fields:
                print(f"  {x['article_id']}: " + "; ".join(f"{k} {qx.get(k)!r} -> {qy.get(k)!r}" for k in fields[:4]))
                break
        else:
            print(f"  {x['article_id']}: {len(x['quotes'])} -> {len(y['quotes'])} quotes")
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("freeze", help="extract the golden corpus and dump every Quote")
    p.add_argument("out", type=Path)
    p.add_argument("corpus", nargs="*", type=Path, help="default: the seed, PolNeAR dev and train")
    p = sub.add_parser("compare", help="the diff of a run against the golden one")
    p.add_argument("golden", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--ignore", nargs="*", default=[], metavar="FIELD", help="Quote fields left out of the comparison")
    args = parser.parse_args(argv)
    if args.command == "freeze":
        freeze(args.out, args.corpus or DEFAULT_CORPORA)
        return 0
    return 0 if compare(args.golden, args.new, tuple(args.ignore)) else 1


if __name__ == "__main__":
    sys.exit(main())

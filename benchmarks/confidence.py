"""The confidence table: how often a quote row of each kind and speaker rule is right, measured
on an annotated corpus the rules are not scored on.

usage:
    python benchmarks/confidence.py GOLDEN_DIR GOLD_DIR [--write] [--exclude-corpus DIR]

GOLDEN_DIR is a run frozen by `benchmarks/golden.py freeze` (its tables and its Quote dump,
which records the sieve that decided each speaker); GOLD_DIR the hand annotations of the
articles in it (PolNeAR train: `../shared/data/polnear/train/gold`). A row is right when it
matches an annotated quote by the reference scorer's overlap rule and names its speaker. For
each `(kind, rule)` the table gives the rows seen and the share right, smoothed towards the
kind's share when rows are few. `--write` writes `lib/medialens/confidence.tsv`, which
`medialens.confidence` reads; run it on a training split, and check the calibration on another:

    python benchmarks/confidence.py /tmp/golden/RUN ../shared/data/polnear/dev/gold
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLE = HERE.parent / "lib" / "medialens" / "confidence.tsv"
# rows of a (kind, rule) pair weigh as much as this many rows of the kind's own share
PRIOR_ROWS = 20


def rows_with_rules(golden: Path, gold: dict) -> list[tuple[dict, str, bool]]:
    """`(row, rule, right)` for each quote row of an article that `gold` annotates."""
    import pandas as pd
    from medialens.matching import MATCH_SHORTER, overlap, speaker_ok

    quotes = pd.read_parquet(golden / "tables" / "quotes.parquet")
    rules = {}
    for line in (golden / "quotes.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        rules[record["article_id"]] = [q.get("speaker_rule") or "none" for q in record["quotes"]]
    out = []
    for aid, group in quotes.groupby("article_id", sort=False):
        if aid not in gold:
            continue
        annotated = gold[aid]["quotes"]
        for n, row in enumerate(group.to_dict("records")):
            pred = {k: ("" if pd.isna(v) else v) for k, v in row.items()}
            right = any(overlap(g["text"], pred["text"]) >= MATCH_SHORTER and speaker_ok(g, pred) for g in annotated)
            out.append((pred, rules[aid][n], right))
    return out


def table(rows: list[tuple[dict, str, bool]]) -> list[tuple[str, str, int, float]]:
    """`(kind, rule, rows, confidence)`, the share right smoothed towards the kind's share."""
    by_kind, by_pair = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for row, rule, right in rows:
        for counts in (by_kind[row["kind"]], by_pair[(row["kind"], rule)]):
            counts[0] += 1
            counts[1] += right
    out = []
    for (kind, rule), (n, right) in sorted(by_pair.items()):
        prior = by_kind[kind][1] / by_kind[kind][0]
        out.append((kind, rule, n, round((right + PRIOR_ROWS * prior) / (n + PRIOR_ROWS), 3)))
    for kind, (n, right) in sorted(by_kind.items()):
        out.append((kind, "*", n, round(right / n, 3)))
    return out


def main() -> int:
    from medialens.evaluate import read_gold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("golden", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--write", action="store_true", help=f"write {TABLE}")
    args = parser.parse_args()
    rows = rows_with_rules(args.golden, read_gold(args.gold))
    measured = table(rows)
    for kind, rule, n, share in measured:
        print(f"{kind:9} {rule:22} {n:6} {share:.3f}")
    # calibration: the confidence the current table gives against the share right
    from medialens.confidence import confidence_of

    given = [confidence_of(row["kind"], rule) for row, rule, _ in rows]
    right = sum(r for _, _, r in rows)
    print(f"rows {len(rows)}: right {right / len(rows):.3f}, mean confidence {sum(given) / len(given):.3f}")
    if args.write:
        lines = ["kind\trule\trows\tconfidence"] + [f"{k}\t{r}\t{n}\t{c}" for k, r, n, c in measured]
        TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"-> {TABLE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

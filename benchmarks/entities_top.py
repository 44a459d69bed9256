"""Print the most frequent canonical entities of an extraction, for hand-checking their grouping.

usage: python benchmarks/entities_top.py TABLES_DIR [N]

TABLES_DIR is what `medialens extract CORPUS_DIR --out TABLES_DIR` wrote. Names are made
consistent across the corpus (`canonicalize_corpus`) and the N most mentioned entities are
printed with their aliases and, to spot one entity split in two, the other entities of the
corpus that share a word with their name. A reader marks each row: are all its aliases the same
entity (no two people merged), and is no other row the same entity (not split)?
"""
from __future__ import annotations

import sys

import pandas as pd

from medialens.summaries import corpus_entities


def main(tables: str, n: int = 50) -> None:
    entities = pd.read_parquet(f"{tables}/entities.parquet")
    articles = pd.read_parquet(f"{tables}/articles.parquet")
    table = corpus_entities(entities, articles)
    names = list(table["entity"])
    for rank, row in enumerate(table.head(n).itertuples(), 1):
        words = set(row.entity.split())
        related = [x for x in names if x != row.entity and words & set(x.split())][:8]
        print(f"{rank:3d} {row.entity[:32]:32s} {row.label:7s} articles={row.articles:<3d} mentions={row.mentions:<4d} "
              f"aliases={row.aliases!r}")
        if related:
            print(f"      shares a word with: {related}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(x) for x in sys.argv[2:3]))

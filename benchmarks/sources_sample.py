"""Print a fixed random sample of sources from an extraction, with context, for hand-checking.

usage: python benchmarks/sources_sample.py CORPUS_DIR TABLES_DIR [N] [SEED]

TABLES_DIR is what `medialens extract CORPUS_DIR --out TABLES_DIR` wrote. Each sampled source
is printed with its type, role, affiliation and gender, the mention of its first quote and
the text around it, so a reader can mark the type and role right or wrong.
"""
from __future__ import annotations

import sys

import pandas as pd

from medialens.article import Article
from medialens.io.corpus import read_corpus


def main(corpus: str, tables: str, n: int = 50, seed: int = 0) -> None:
    texts = {a.id: a.text for a in read_corpus(corpus) if isinstance(a, Article)}
    sources = pd.read_parquet(f"{tables}/sources.parquet")
    quotes = pd.read_parquet(f"{tables}/quotes.parquet")
    for i, row in enumerate(sources.sample(min(n, len(sources)), random_state=seed).itertuples()):
        q = quotes[(quotes.article_id == row.article_id) & (quotes.speaker_canonical == row.speaker_canonical)].iloc[0]
        text = texts[row.article_id]
        context = text[max(0, q.start - 200) : q.end + 100].replace("\n", " / ")
        print(f"#{i} [{row.speaker_type}] {row.speaker_canonical!r} role={row.speaker_role!r} "
              f"affiliation={row.affiliation!r} gender={row.gender} mention={q.speaker!r}")
        print("    " + context[:420])


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], *(int(a) for a in args[2:4]))

"""Extraction: a corpus in, the five tables out.

`extract_article` is the whole per-article pipeline (entities, quotes, speaker resolution);
`extract` streams a corpus through it with `nlp.pipe`, skipping articles whose results are
already in the cache, and returns (and optionally writes) the tables.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc
from tqdm.auto import tqdm

from .articles import Article, Reject, read_corpus
from .cache import Cache, entry_key
from .entities import DEFAULT_LABELS, group_entities
from .pipeline import load_nlp, model_id
from .quotes import extract_quotes
from .sources import resolve_speakers
from .tables import Tables, article_row, entity_rows, frame, quote_rows, reject_row, source_rows, write_tables

BATCH_SIZE = 32


def extract_article(article: Article, doc: Doc) -> dict[str, list[dict]]:
    """Rows of the article, entity, quote and source tables for one parsed article."""
    entities = group_entities(doc, article.dateline, labels=None)
    quotes = resolve_speakers(doc, extract_quotes(doc, headline=True), entities)
    counted = [e for e in entities if e.label in DEFAULT_LABELS]
    return {
        "articles": [article_row(article)],
        "entities": entity_rows(article.id, counted),
        "quotes": quote_rows(article.id, quotes),
        "sources": source_rows(article.id, quotes),
    }


def extract_rows(
    items: Iterable[Article | Reject],
    cache: Cache | None = None,
    workers: int = 1,
    progress: bool = True,
) -> Iterator[dict[str, list[dict]]]:
    """Extract row sets, in input order; rejects come through as `{"rejects": [row]}`.

    Cached articles are not parsed; the rest go through `nlp.pipe` in batches.
    """
    nlp = load_nlp()
    model = model_id(nlp)
    bar = tqdm(desc="articles", unit="article", disable=not progress or None, dynamic_ncols=True)
    pending: list[tuple[Article, str]] = []

    def flush() -> Iterator[dict[str, list[dict]]]:
        docs = nlp.pipe((a.text for a, _ in pending), batch_size=BATCH_SIZE, n_process=workers if len(pending) > BATCH_SIZE else 1)
        for (article, key), doc in zip(pending, docs):
            rows = extract_article(article, doc)
            if cache is not None:
                cache.put(key, rows)
            bar.update()
            yield rows
        if cache is not None:
            cache.commit()
        pending.clear()

    for item in items:
        if isinstance(item, Reject):
            yield from flush()
            yield {"rejects": [reject_row(item)]}
            continue
        key = entry_key(item.content_hash, model)
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            yield from flush()
            cached["articles"] = [article_row(item)]  # the source path may have moved
            bar.update()
            yield cached
            continue
        pending.append((item, key))
        if len(pending) >= BATCH_SIZE * max(workers, 1) * 4:
            yield from flush()
    yield from flush()
    bar.close()


def extract(
    corpus: str | Path | Iterable[str | Path],
    out: str | Path | None = None,
    cache: bool | str | Path = True,
    workers: int | None = None,
    progress: bool = True,
) -> Tables:
    """Extract the five tables from a corpus (folder, glob, file or list of them).

    `cache` is True (the default cache folder), a folder, or False to bypass it; `workers`
    defaults to all cores. With `out`, the tables are also written there as CSV and Parquet.
    """
    workers = workers or os.cpu_count() or 1
    store = Cache(None if cache is True else cache) if cache else None
    collected: dict[str, list[dict]] = {name: [] for name in ("articles", "entities", "quotes", "sources", "rejects")}
    try:
        for rows in extract_rows(read_corpus(corpus), store, workers, progress):
            for name, table_rows in rows.items():
                collected[name].extend(table_rows)
    finally:
        if store is not None:
            store.close()
    tables = Tables(**{name: frame(name, rows) for name, rows in collected.items()})
    if out is not None:
        write_tables(tables, out)
    return tables

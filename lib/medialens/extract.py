"""Extraction: a corpus in, the five tables out, from one article to millions.

`extract_article` is the whole per-article pipeline (entities, quotes, speaker resolution) and
`extract_chunk` parses a list of articles with `nlp.pipe` and runs it on each: that is the unit
of work every engine maps. `extract_to` streams a corpus through it:

- articles are read lazily and grouped into chunks; those already in the cache are not parsed;
- chunks are parsed and extracted in this process (`workers=1`), in a pool of worker processes
  that each load the pipeline once (`workers=N`), or on a Dask cluster (`engine="dask"`, see
  `engines.py`, `cluster.py`); a bounded number of chunks is in flight, and results come back in input order,
  so every engine writes the same tables;
- each finished chunk is committed to the cache, so a re-run after an interruption parses only
  what was not finished;
- tables are written in chunks (`writer.py`) into a staging folder and
  moved into place together once the whole run, entity pass included, has succeeded (see
  `output.py`), so memory stays flat, a reader never sees half a table, and a run that fails
  leaves the previous tables untouched;
- a manifest of what the tables were extracted from (see `manifest.py`) is moved into place
  with them, so the notebooks read them instead of extracting again while they are current.

`extract` wraps it and returns the tables as DataFrames.
"""
from __future__ import annotations

import itertools
import os
from collections import Counter, deque
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from spacy.tokens import Doc
from tqdm.auto import tqdm

from . import engines
from .article import Article, Reject, Skip
from .cache import Cache, entry_key
from .components import article_quotes
from .corrections import load_corrections
from .engines import Result, Submit, default_workers
from .entities import DEFAULT_LABELS
from .io.corpus import CorpusListing, list_corpus, read_corpus
from .manifest import describe, write_manifest
from .output import OutputError, publish, staged_output
from .pipeline import BATCH_SIZE, load_nlp, model_id, remember_text
from .writer import TABLES, TableWriter, canonicalize_tables, canonicalize_written, leave_out_columns
from .tables import (
    COLUMNS, GENDER_COLUMNS, Tables, article_row, entity_rows, frame, quote_rows, read_tables, reject_row, source_rows,
)

# Articles per unit of work (parsed as one `nlp.pipe` batch): small enough that workers finish
# together (the last chunks of a run leave cores idle) and a chunk's text and rows are a few
# megabytes, large enough that shipping it to a worker costs little.
CHUNK_ARTICLES = 16
# Cached articles and rejects are passed through in groups of at most this many items.
CHUNK_ITEMS = 1024

Rows = dict[str, list[dict]]


def extract_article(article: Article, doc: Doc) -> Rows:
    """Rows of the article, entity, quote and source tables (and the quote spans beside them)
    for one parsed article."""
    entities, quotes = article_quotes(doc, article.dateline)
    counted = [e for e in entities if e.label in DEFAULT_LABELS]
    return {
        "articles": [article_row(article)],
        "entities": entity_rows(article.id, counted),
        "quotes": quote_rows(article.id, quotes),
        "sources": source_rows(article.id, quotes),
    }


def parse_articles(articles: list[Article], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse the articles' texts with `nlp.pipe`, in order."""
    for doc, text in load_nlp().pipe(((a.text, a.text) for a in articles), batch_size=batch_size, as_tuples=True):
        yield remember_text(doc, text)


def extract_chunk(articles: list[Article], batch_size: int = BATCH_SIZE) -> list[Rows]:
    """Parse a chunk of articles and extract each one's rows, in order.

    This is what a worker process or a Dask worker runs; the pipeline is loaded once per
    process.
    """
    return [_extract_or_reject(a, doc) for a, doc in zip(articles, parse_articles(articles, batch_size))]


def _extract_or_reject(article: Article, doc: Doc) -> Rows:
    """An article whose extraction fails becomes a reject, so the rest of the corpus goes on."""
    try:
        return extract_article(article, doc)
    except Exception as e:  # noqa: BLE001 - any failure is reported per article, not raised
        where = article.source_path or article.id
        return {"rejects": [reject_row(Reject(where, f"{where}: could not be analysed ({type(e).__name__}: {e})"))]}


def warm_up() -> None:
    """Load the pipeline and every lexicon extraction reads, by extracting one tiny article,
    so that the first real chunk of a worker pays no start-up cost."""
    paragraphs = ['"We are ready," Health Minister Ana Silva told reporters.', "Silva said she would stay."]
    extract_chunk([Article(id="warm-up", headline="Minister says ready", paragraphs=paragraphs)])


# ---------------------------------------------------------------------------- planning


@dataclass
class _Chunk:
    """A run of consecutive input items: rows already known, and articles still to parse."""

    slots: list[Rows | None] = field(default_factory=list)  # None: waiting for a parse
    todo: list[tuple[int, Article, str]] = field(default_factory=list)  # (slot, article, cache key)


def corpus_bar(listing: CorpusListing, progress: bool = True) -> tqdm:
    """A progress bar over the bytes of the listed corpus's files (see `list_corpus`), with a
    total and an ETA whether the corpus is a million small files or one large feed. In a
    terminal and in JupyterLab (`tqdm.auto`); hidden in logs (tqdm's `disable=None`) and when
    `progress` is False. Raises the listing's error when `progress` is on, before anything is
    read."""
    total = listing.total_bytes() if progress else None
    return tqdm(desc="extract", total=total, unit="B", unit_scale=True, unit_divisor=1024,
                disable=not progress or None, dynamic_ncols=True)


def _chunks(items: Iterable[Article | Reject], cache: Cache | None, model: str, size: int) -> Iterator[_Chunk]:
    """Group items into chunks of at most `size` articles to parse."""
    chunk = _Chunk()
    for item in items:
        if isinstance(item, Reject):
            chunk.slots.append({"rejects": [reject_row(item)]})
        else:
            key = entry_key(item.content_hash, model)
            cached = cache.get(key) if cache is not None else None
            if cached is not None:
                cached["articles"] = [article_row(item)]  # the source path may have moved
                chunk.slots.append(cached)
            else:
                chunk.todo.append((len(chunk.slots), item, key))
                chunk.slots.append(None)
        if len(chunk.todo) >= size or len(chunk.slots) >= CHUNK_ITEMS:
            yield chunk
            chunk = _Chunk()
    if chunk.slots:
        yield chunk


def extract_rows(
    items: Iterable[Article | Reject],
    cache: Cache | None = None,
    workers: int = 1,
    progress: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_ARTICLES,
    bar: tqdm | None = None,
) -> Iterator[Rows]:
    """Extraction rows of each item, in input order; a reject comes as `{"rejects": [row]}`.

    With `bar` (see `corpus_bar`, advanced as the corpus is read), the articles done are shown
    beside it; else, with `progress`, a bar counts the items. Cached articles are not parsed. A worker pool is started only once a second chunk needs
    parsing, so a small or fully cached corpus runs in this process; the Dask engine is
    started at the first article to parse.
    """
    model = model_id()
    counting = bar is None
    if counting:
        bar = tqdm(desc="extract", unit="article", disable=not progress or None, dynamic_ncols=True)
    articles = 0
    with ExitStack() as stack:
        stack.callback(bar.close)
        submit: Submit | None = None
        in_flight = 1
        window: deque[tuple[_Chunk, Result | None]] = deque()

        def send(chunk: _Chunk) -> Result | None:
            return submit([a for _, a, _ in chunk.todo]) if chunk.todo and submit is not None else None

        def finish(chunk: _Chunk, result: Result | None) -> Iterator[Rows]:
            if chunk.todo:
                if result is None:  # sent before an engine was needed: a lone chunk is parsed here
                    result = engines.inline([a for _, a, _ in chunk.todo])
                for (slot, _, key), rows in zip(chunk.todo, result.result()):
                    chunk.slots[slot] = rows
                    if cache is not None and "rejects" not in rows:
                        cache.put(key, rows)
                if cache is not None:
                    cache.commit()
            nonlocal articles
            articles += sum("articles" in rows for rows in chunk.slots)
            if counting:
                bar.update(len(chunk.slots))
            else:
                bar.set_postfix_str(f"{articles:,} articles", refresh=False)
            yield from chunk.slots

        for chunk in _chunks(items, cache, model, chunk_size):
            waiting = any(c.todo for c, _ in window)
            if chunk.todo and submit is None and (engine != "local" or workers <= 1 or waiting):
                submit, in_flight = engines.open_engine(stack, engine, workers, scheduler)
                window = deque((c, send(c) if r is None else r) for c, r in window)
            window.append((chunk, send(chunk)))
            while len(window) > in_flight:
                yield from finish(*window.popleft())
        while window:
            yield from finish(*window.popleft())


@dataclass
class Summary:
    """What a run wrote: row counts per table, the reasons of the rejected inputs, and how many
    files of the corpus folders were skipped for each reason (`.md (not an article format)`)."""

    out: Path
    counts: dict[str, int]
    rejects: list[str]
    skipped: dict[str, int] = field(default_factory=dict)


class EmptyCorpus(FileNotFoundError):
    """The corpus names files, but none that is an article or could be one."""


def _without_skips(items: Iterable[Article | Reject | Skip], skipped: Counter) -> Iterator[Article | Reject]:
    """The items to extract; each skipped file is counted under its reason in `skipped`."""
    for item in items:
        if isinstance(item, Skip):
            skipped[item.reason] += 1
        else:
            yield item


def _peek(items: Iterator[Article | Reject], corpus, skipped: Counter) -> Iterator[Article | Reject]:
    """`items` unchanged, once it has yielded at least one; raises EmptyCorpus when it holds none
    (an empty folder, an unmounted share, a folder of other documents), before any output is
    touched, so the previous tables stay."""
    first = next(items, None)
    if first is None:
        names = corpus if isinstance(corpus, (str, Path)) else ", ".join(map(str, corpus))
        why = "; ".join(f"{n} skipped: {reason}" for reason, n in skipped.most_common())
        raise EmptyCorpus(f"{names}: no article file to read" + (f" ({why})" if why else ""))
    return itertools.chain([first], items)


@contextmanager
def _open_cache(cache: bool | str | Path) -> Iterator[Cache | None]:
    """The cache a run reads and fills (None when bypassed), closed when the run ends. A cache
    that cannot be used only warns (see `Cache`): it never fails the extraction."""
    store = None if cache is False or cache is None else Cache(None if cache is True else cache)
    try:
        yield store
    finally:
        if store is not None:
            store.close()


def _inputs(corpus: str | Path | Iterable[str | Path]) -> list[str | Path]:
    """The corpus as a list of inputs: a run lists it, names it in the manifest and in its
    messages, so a generator must not be used up by the first of these."""
    return [corpus] if isinstance(corpus, (str, Path)) else list(corpus)


def _check_not_corpus(corpus: list[str | Path], out: Path) -> None:
    """Refuse an output folder that is itself a folder of the corpus: the next run would read
    its tables back as articles (an output folder inside the corpus is fine: it is skipped)."""
    for item in corpus:
        folder = Path(item)
        if str(item).strip() and folder.is_dir() and os.path.realpath(folder) == os.path.realpath(out):
            raise OutputError(f"{out} is the corpus folder itself: its tables would be read back as articles; "
                              "write them to another folder (a folder inside the corpus is fine)")


def extract_to(
    corpus: str | Path | Iterable[str | Path],
    out: str | Path,
    cache: bool | str | Path = True,
    workers: int | None = None,
    progress: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_ARTICLES,
    aliases: str | Path | bool | None = None,
) -> Summary:
    """Extract a corpus into `out/NAME.{csv,parquet}` with memory that does not grow with it,
    and the manifest (`out/.medialens-manifest.json`) beside them.

    `cache` is True (the default cache folder), a folder, or False to bypass it; `workers`
    (default: all cores) is the number of parsing processes of the local engine; `engine`
    "dask" runs on the cluster at `scheduler` (default: a LocalCluster started here);
    `chunk_size` is the number of articles per unit of work; `aliases` is the corrections file
    (default: `aliases.csv` beside the corpus, if any; False: none; see `corrections.py`).
    """
    return _extract_into(corpus, out, cache, workers, progress, engine, scheduler, chunk_size, aliases=aliases)[0]


def _extract_into(corpus, out, cache, workers, progress, engine, scheduler, chunk_size,
                  read_back: bool = False, aliases: str | Path | bool | None = None,
                  gender: bool = True) -> tuple[Summary, Tables | None]:
    """`extract_to`, and with `read_back` the tables as written, read while the output folder
    is still locked, so another run cannot replace them in between; with `gender` False, the
    tables are written without their gender columns (`GENDER_COLUMNS`)."""
    engines.check_engine(engine)
    out = Path(out)
    corpus = _inputs(corpus)
    _check_not_corpus(corpus, out)
    corrections = load_corrections(corpus, aliases)  # checked before anything is read
    # listed once, for the manifest's digest, the bar's total and the read; the output folder is
    # never read back as input, even when it lies inside the corpus
    listing = list_corpus(corpus, exclude=[out])
    described = describe(corpus, out, listing, corrections)  # before the corpus is read: a file changed meanwhile changes it
    skipped: Counter = Counter()
    bar = corpus_bar(listing, progress)
    try:
        items = _peek(_without_skips(read_corpus(listing, on_read=bar.update), skipped), corpus, skipped)
    except BaseException:
        bar.close()
        raise
    with staged_output(out) as staging, _open_cache(cache) as store:
        writer = TableWriter(staging)
        try:
            for rows in extract_rows(items, store, workers or default_workers(), progress, engine, scheduler, chunk_size, bar):
                writer.add(rows)
            writer.close()
        except BaseException:
            writer.abort()
            raise
        if writer.counts["entities"] or corrections is not None:
            # names are made consistent across articles only once every article is known
            canonicalize_written(staging, writer.counts, corrections)
        if not gender:
            leave_out_columns(staging, GENDER_COLUMNS)
        write_manifest(staging, described, writer.counts, dict(skipped.most_common()))
        publish(staging, out)
        tables = read_tables(out) if read_back else None
    return Summary(out, writer.counts, writer.rejects, dict(skipped.most_common())), tables


def extract(
    corpus: str | Path | Iterable[str | Path],
    out: str | Path | None = None,
    cache: bool | str | Path = True,
    workers: int | None = None,
    progress: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = CHUNK_ARTICLES,
    aliases: str | Path | bool | None = None,
    gender: bool = True,
) -> Tables:
    """Extract the five tables from a corpus (folder, glob, file or list of them).

    `cache` is True (the default cache folder), a folder, or False to bypass it; `workers`
    defaults to all cores. With `out`, the tables are written there as CSV and Parquet (in
    chunks, see `extract_to`) and read back; without, they are collected in memory. `aliases`
    is the corrections file, as `extract_to` takes it. With `gender` False, the tables have no
    gender columns (the quotes table's `speaker_gender`, the sources table's `gender`), in
    `out` as in what is returned.
    """
    if out is not None:
        return _extract_into(corpus, out, cache, workers, progress, engine, scheduler, chunk_size, True, aliases, gender)[1]
    engines.check_engine(engine)
    corpus = _inputs(corpus)
    corrections = load_corrections(corpus, aliases)
    collected: Rows = {name: [] for name in TABLES}
    skipped: Counter = Counter()
    listing = list_corpus(corpus)
    bar = corpus_bar(listing, progress)
    try:
        items = _peek(_without_skips(read_corpus(listing, on_read=bar.update), skipped), corpus, skipped)
    except BaseException:
        bar.close()
        raise
    with _open_cache(cache) as store:
        for rows in extract_rows(items, store, workers or default_workers(), progress, engine, scheduler, chunk_size, bar):
            for name, table_rows in rows.items():
                collected[name].extend(table_rows)
    tables = canonicalize_tables(Tables(**{name: frame(name, collected[name]) for name in COLUMNS}), corrections)
    if not gender:
        tables = Tables(**{name: df.drop(columns=GENDER_COLUMNS.get(name, [])) for name, df in tables.items()})
    return tables

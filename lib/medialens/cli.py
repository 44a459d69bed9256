"""The `medialens` command: extract tables, run the notebook report, score against gold, train
the learned models."""
from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from . import __version__


def _cache(args: argparse.Namespace) -> bool | str:
    """`--cache DIR` / `--no-cache` as the `cache` argument of the library."""
    return False if args.no_cache else (args.cache or True)


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract_to

    summary = extract_to(
        args.corpus, args.out, cache=_cache(args), workers=args.workers,
        progress=not args.quiet, engine="dask" if args.scheduler else args.engine, scheduler=args.scheduler,
        aliases=args.aliases,
    )
    n = summary.counts
    print(f"{n['articles']} articles, {n['quotes']} quotes, {n['sources']} sources, "
          f"{n['entities']} entities; {n['rejects']} rejected -> {args.out}")
    _print_corrections(args.out)
    for reason, count in summary.skipped.items():
        print(f"{count} skipped: {reason}")
    for reason in summary.rejects:
        print(f"rejected: {reason}", file=sys.stderr)
    return 1 if n["rejects"] and not n["articles"] else 0


def _print_corrections(out: str | Path) -> None:
    """Say which corrections file the tables in `out` were corrected with, if any."""
    from .manifest import read_manifest

    applied = (read_manifest(out) or {}).get("corrections")
    if applied:
        print(f"corrections applied: {applied['path']}")


def _report(args: argparse.Namespace) -> int:
    from .report import NotebookFailed, command_parameters, run_report

    try:
        params = command_parameters(args.parameter, args.raw_parameter)
        done = run_report(args.corpus, args.out, params, progress=not args.quiet, cache=_cache(args),
                          parse_workers=args.workers, aliases=args.aliases)
    except FileNotFoundError:
        raise  # a corpus that names nothing: `main` reports it with its own exit status
    except (NotebookFailed, ValueError, OSError) as e:
        # every failure a user can cause (a parameter, the corpus, the output folder) in one line
        print(f"medialens report: {e}", file=sys.stderr)
        return 1
    print(f"{len(done)} notebooks executed -> {args.out}")
    _print_corrections(args.out)
    page = Path(args.out) / "report.html"
    if page.exists():
        print(f"report: {page}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_corpus, report_text, write_errors

    if args.corpus is None and args.pred_dir is None:
        print("medialens evaluate: give PRED_DIR, or --corpus CORPUS to extract first", file=sys.stderr)
        return 2
    evaluation = evaluate_corpus(args.gold_dir, args.pred_dir, args.corpus, workers=args.workers,
                                 cache=_cache(args), progress=not args.quiet)
    print(report_text(evaluation))
    errors = args.errors or (Path(args.pred_dir) / "quote_errors.csv" if args.pred_dir else Path("quote_errors.csv"))
    print(f"error table -> {write_errors(evaluation, errors)}")
    return 0


def _train(args: argparse.Namespace) -> int:
    from .train import train

    models = train(args.gold_dir, args.corpus, args.out, workers=args.workers, progress=not args.quiet)
    for reason in models.skipped:
        print(f"skipped {reason}", file=sys.stderr)
    if models.skipped:
        print(f"{len(models.skipped):,} annotated articles or files left out of training (listed above)", file=sys.stderr)
    for name, model, rows in (("quote model", models.quote, "quote rows"), ("reported-speech model", models.reported, "candidates")):
        seen = model.about["trained_on"]
        print(f"{name}: {len(model.weights):,} features, from {seen['rows']:,} {rows} of {seen['articles']:,} "
              f"annotated articles ({seen['right']:.1%} right)")
    print(f"-> {args.out}")
    return 0


def _info(args: argparse.Namespace) -> int:
    from .io.readers import READERS
    from .cache import cache_folder, cache_size
    from .pipeline import ModelNotFound, model_info

    print(f"medialens {__version__}")
    try:
        model = model_info()
        print(f"spaCy pipeline: {model['name']} {model['version']} (package {model['package']}, from {model['path']})")
    except ModelNotFound as e:
        print(f"spaCy pipeline: not installed. {e}")
    folder = cache_folder(args.cache)
    entries, size = cache_size(folder)
    print(f"cache: {folder} ({entries:,} articles, {_size(size)}; `medialens cache clear` empties it)")
    print(f"corpus formats: {', '.join(sorted(READERS))}")
    return 0


def _cache_clear(args: argparse.Namespace) -> int:
    from .cache import cache_folder, clear_cache

    folder = cache_folder(args.cache)
    print(f"cache cleared: {folder} ({_size(clear_cache(folder))} freed)")
    return 0


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} GB"


def _positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _shared_flags(cache: bool = True) -> argparse.ArgumentParser:
    """The flags every command that reads a corpus takes, worded the same everywhere; `cache`:
    with the cache flags (training reads the parse itself, which the cache does not keep)."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--workers", type=_positive, default=None, help="parsing processes (default: all cores)")
    if cache:
        shared.add_argument("--cache", default=None, metavar="DIR",
                            help="cache folder (default: $MEDIALENS_CACHE or the user cache folder)")
        shared.add_argument("--no-cache", action="store_true", help="parse everything, read and write no cache")
    shared.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    shared.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    return shared


def _aliases_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--aliases", default=None, metavar="FILE",
                        help="corrections to apply: names to merge or keep apart, quotes to drop "
                             "(default: aliases.csv beside the corpus, if there is one)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medialens", description="Entities, quotes and sources in news articles.")
    parser.add_argument("--version", action="version", version=f"medialens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    shared = [_shared_flags()]

    p = sub.add_parser("extract", parents=shared, help="write the articles, entities, quotes, sources and rejects tables")
    p.add_argument("corpus", nargs="+", help="files, folders or glob patterns of articles")
    p.add_argument("--out", required=True, help="folder for the CSV and Parquet tables")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: worker processes on this machine; dask: a Dask cluster (default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                        "without it --engine dask starts a local cluster)")
    _aliases_flag(p)
    p.set_defaults(func=_extract)

    p = sub.add_parser("report", parents=shared, help="run every notebook over a corpus with papermill")
    p.add_argument("corpus", help="folder, file or glob of articles")
    p.add_argument("--out", required=True, help="folder for executed notebooks, tables and charts")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="notebook parameter, as papermill's -p, but kept as written for a text parameter "
                        "such as article_id (repeatable)")
    p.add_argument("-r", "--raw-parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="notebook parameter as a raw string, as papermill's -r (repeatable)")
    _aliases_flag(p)
    p.set_defaults(func=_report)

    p = sub.add_parser("evaluate", parents=shared, help="score quotes against hand-annotated gold and list the errors")
    p.add_argument("gold_dir", help="folder of gold JSON files, one per article")
    p.add_argument("pred_dir", nargs="?", default=None,
                   help="folder with the tables of `medialens extract` (with --corpus: where to write them)")
    p.add_argument("--corpus", default=None, help="extract this corpus first (folder, file or glob)")
    p.add_argument("--errors", default=None,
                   help="CSV of missed, spurious and wrong-speaker quotes (default: PRED_DIR/quote_errors.csv)")
    p.set_defaults(func=_evaluate)

    p = sub.add_parser("train", parents=[_shared_flags(cache=False)],
                       help="train the quote model (the confidence column) and the reported-speech model on annotated articles")
    p.add_argument("gold_dir", help="folder of gold JSON files, one per article (the format of tests/fixtures)")
    p.add_argument("--corpus", default=None, help="the annotated articles (default: the corpus folder beside GOLD_DIR)")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="the folder to write quote_model.json and reported_model.json into (lib/medialens holds the ones "
                        "medialens uses)")
    p.set_defaults(func=_train)

    p = sub.add_parser("info", help="the version, spaCy pipeline, cache and corpus formats")
    p.add_argument("--cache", default=None, metavar="DIR", help="cache folder to describe")
    p.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    p.set_defaults(func=_info)

    p = sub.add_parser("cache", help="manage the extraction cache")
    actions = p.add_subparsers(dest="action", required=True)
    clear = actions.add_parser("clear", help="delete every cached extraction")
    clear.add_argument("--cache", default=None, metavar="DIR", help="cache folder (default: as extract uses)")
    clear.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    clear.set_defaults(func=_cache_clear)
    return parser


class _Terminated(SystemExit):
    """SIGTERM (what `timeout`, systemd, `docker stop` and batch schedulers send) raised as an
    exit, so a terminated run cleans up exactly as Ctrl-C does: workers stopped, temporary
    files removed, the previous tables kept."""


def _terminate(signum, frame) -> None:
    raise _Terminated(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (see the README): 0 done, 1 nothing could
    be read or the run failed, 2 the corpus names no article file (or the command line is
    wrong), 130 interrupted, 143 terminated. Errors are one line; `--debug` shows the traceback."""
    args = build_parser().parse_args(argv)
    _log_warnings()
    # signal handlers can only be set from the main thread (not when embedded in a server)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        return args.func(args)
    except Exception as e:  # noqa: BLE001 - every error a user can cause ends as one line
        if args.debug:
            raise
        message, status = _explain(e)
        print(f"medialens: {message}", file=sys.stderr)
        return status
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("medialens: interrupted; the previous tables are unchanged", file=sys.stderr)
        return 130
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def _explain(error: Exception) -> tuple[str, int]:
    """The one-line message and exit status for an error that ended a command."""
    from .output import OutputError
    from .pipeline import ModelNotFound

    if isinstance(error, (OutputError, ModelNotFound)):
        return str(error), 1
    if isinstance(error, FileNotFoundError):
        return str(error), 2
    if isinstance(error, OSError):  # a full disk, a folder that vanished mid-run: the previous tables stay
        where = f" ({error.filename})" if error.filename else ""
        return f"the run stopped{where}: {(error.strerror or str(error)).lower()}; the previous tables are unchanged", 1
    if isinstance(error, ValueError):
        return str(error), 1
    first = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {first} (run again with --debug for the full traceback)", 1


class _Stderr(logging.Handler):
    """Prints to whatever `sys.stderr` is when a message comes (a notebook or test may swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def _log_warnings() -> None:
    """Show the library's warnings (a cache that cannot be used, a folder another run holds)
    as one line each."""
    logger = logging.getLogger("medialens")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("medialens: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


if __name__ == "__main__":
    sys.exit(main())

"""The `medialens` command: extract tables, run the notebook report, score against gold."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract_to

    summary = extract_to(
        args.corpus, args.out, cache=False if args.no_cache else (args.cache or True), workers=args.workers,
        progress=not args.quiet, engine="dask" if args.scheduler else args.engine, scheduler=args.scheduler,
    )
    n = summary.counts
    print(f"{n['articles']} articles, {n['quotes']} quotes, {n['sources']} sources, "
          f"{n['entities']} entities; {n['rejects']} rejected -> {args.out}")
    for reason in summary.rejects:
        print(f"rejected: {reason}", file=sys.stderr)
    return 1 if n["rejects"] and not n["articles"] else 0


def _report(args: argparse.Namespace) -> int:
    from .report import NotebookFailed, coerce, run_report

    params = {name: coerce(value) for name, value in args.parameter or []}
    try:
        done = run_report(args.corpus, args.out, params, progress=not args.quiet)
    except (NotebookFailed, ValueError) as e:
        print(f"medialens report: {e}", file=sys.stderr)
        return 1
    print(f"{len(done)} notebooks executed -> {args.out}")
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
                                 cache=False if args.no_cache else True, progress=not args.quiet)
    print(report_text(evaluation))
    errors = args.errors or (Path(args.pred_dir) / "quote_errors.csv" if args.pred_dir else Path("quote_errors.csv"))
    print(f"error table -> {write_errors(evaluation, errors)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medialens", description="Entities, quotes and sources in news articles.")
    parser.add_argument("--version", action="version", version=f"medialens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="write the articles, entities, quotes, sources and rejects tables")
    p.add_argument("corpus", nargs="+", help="files, folders or glob patterns of articles")
    p.add_argument("--out", required=True, help="folder for the CSV and Parquet tables")
    p.add_argument("--workers", type=int, default=None, help="parsing processes (default: all cores)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: worker processes on this machine; dask: a Dask cluster (default: local)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --engine dask; "
                        "without it --engine dask starts a local cluster)")
    p.add_argument("--cache", default=None, help="cache folder (default: $MEDIALENS_CACHE or the user cache)")
    p.add_argument("--no-cache", action="store_true", help="parse everything, read and write no cache")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_extract)

    p = sub.add_parser("report", help="run every notebook over a corpus with papermill")
    p.add_argument("corpus", help="folder, file or glob of articles")
    p.add_argument("--out", required=True, help="folder for executed notebooks, tables and charts")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                   help="notebook parameter, as papermill's -p (repeatable)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_report)

    p = sub.add_parser("evaluate", help="score quotes against hand-annotated gold and list the errors")
    p.add_argument("gold_dir", help="folder of gold JSON files, one per article")
    p.add_argument("pred_dir", nargs="?", default=None,
                   help="folder with the tables of `medialens extract` (with --corpus: where to write them)")
    p.add_argument("--corpus", default=None, help="extract this corpus first (folder, file or glob)")
    p.add_argument("--errors", default=None,
                   help="CSV of missed, spurious and wrong-speaker quotes (default: PRED_DIR/quote_errors.csv)")
    p.add_argument("--workers", type=int, default=1, help="parsing processes when extracting (default: 1)")
    p.add_argument("--no-cache", action="store_true", help="parse everything, read and write no cache")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except FileNotFoundError as e:
        print(f"medialens: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

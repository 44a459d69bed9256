"""The `medialens` command: extract tables, run the notebook report, score against gold."""
from __future__ import annotations

import argparse
import sys

from . import __version__


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract

    tables = extract(args.corpus, out=args.out, cache=False if args.no_cache else (args.cache or True),
                     workers=args.workers, progress=not args.quiet)
    n_rejects = len(tables.rejects)
    print(f"{len(tables.articles)} articles, {len(tables.quotes)} quotes, {len(tables.sources)} sources, "
          f"{len(tables.entities)} entities; {n_rejects} rejected -> {args.out}")
    for reason in tables.rejects["reason"]:
        print(f"rejected: {reason}", file=sys.stderr)
    return 1 if n_rejects and not len(tables.articles) else 0


def _report(args: argparse.Namespace) -> int:
    from .report import NotebookFailed, coerce, run_report

    params = {name: coerce(value) for name, value in args.parameter or []}
    try:
        done = run_report(args.corpus, args.out, params, progress=not args.quiet)
    except (NotebookFailed, ValueError) as e:
        print(f"medialens report: {e}", file=sys.stderr)
        return 1
    print(f"{len(done)} notebooks executed -> {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medialens", description="Entities, quotes and sources in news articles.")
    parser.add_argument("--version", action="version", version=f"medialens {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="write the articles, entities, quotes, sources and rejects tables")
    p.add_argument("corpus", nargs="+", help="files, folders or glob patterns of articles")
    p.add_argument("--out", required=True, help="folder for the CSV and Parquet tables")
    p.add_argument("--workers", type=int, default=None, help="parsing processes (default: all cores)")
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

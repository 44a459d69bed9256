"""The report at corpus scale: size, height and time of `report.html` for a large corpus.

    python benchmarks/report_scale.py [--articles N] [--out DIR] [--cache DIR] [--no-browser]

Builds a corpus of N articles (default 2,000) from the PolNeAR texts
(`../shared/data/polnear/{train,dev}/corpus`), copied round-robin under names that keep
PolNeAR's `{outlet}_{date}_{slug}` layout with a number added to the slug, so outlets and dates
are read from the file names; copies of one text share a cache entry, so the warm run below
measures the report, not parsing. Then runs `medialens report` twice into the same folder: the
first fills the cache, the second is timed (a warm cache is how a report over a grown corpus is
usually run). Prints the wall time of the warm run, the size of `report.html`, and, unless
`--no-browser`, its height at 1280 px wide in headless Chromium. Not a test: the time depends
on the machine and what else runs on it.
"""
from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_corpus(folder: Path, n: int) -> Path:
    """`n` articles in `folder`, copies of the PolNeAR texts named `{outlet}_{date}_{slug}-{k}.txt`."""
    texts = sorted(p for split in ("train", "dev") for p in (POLNEAR / split / "corpus").glob("*.txt"))
    if not texts:
        sys.exit(f"no PolNeAR texts under {POLNEAR}")
    folder.mkdir(parents=True, exist_ok=True)
    for k, path in zip(range(n), itertools.cycle(texts)):
        shutil.copyfile(path, folder / f"{path.stem}-{k}.txt")
    return folder


def page_height(page: Path) -> int:
    """The page's height in CSS pixels at 1280 px wide."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(page.as_uri(), wait_until="load")
        height = tab.evaluate("document.documentElement.scrollHeight")
        browser.close()
    return int(height)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: a temporary one)")
    parser.add_argument("--cache", type=Path, default=None, help="extraction cache (default: a temporary one)")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="medialens-scale-") as tmp:
        corpus = build_corpus(Path(tmp) / "corpus", args.articles)
        out = args.out or Path(tmp) / "out"
        cache = args.cache or Path(tmp) / "cache"
        command = [sys.executable, "-m", "medialens", "report", str(corpus), "--out", str(out), "-q"]
        env = {**os.environ, "MEDIALENS_CACHE": str(cache)}
        subprocess.run(command, check=True, env=env)
        started = time.perf_counter()
        subprocess.run(command, check=True, env=env)
        seconds = time.perf_counter() - started
        page = out / "report.html"
        print(f"articles: {args.articles}")
        print(f"warm report: {seconds:.1f} s")
        print(f"report.html: {page.stat().st_size / 1e6:.2f} MB")
        if not args.no_browser:
            print(f"height at 1280 px: {page_height(page):,} px")


if __name__ == "__main__":
    main()

"""How a report was made, for a methods section: the corpus and what was read of it, when, with
which code, model and parameters, and which corrections were applied."""
from __future__ import annotations

import html
from datetime import datetime, timezone
from pathlib import Path

import spacy

from .manifest import read_manifest


def provenance(corpus: str | Path, out: str | Path, parameters: dict | None = None, corrections: str = "",
               now: datetime | None = None) -> list[tuple[str, str]]:
    """`(label, value)` lines on the run whose tables are in `out` (read from its manifest):
    corpus, articles read and rejected, rows of each table, run time (UTC), medialens, spaCy and
    pipeline versions, the parameters given (`parameters`, name -> value) and `corrections`, the
    line on the corrections file applied."""
    manifest = read_manifest(out) or {}
    counts = manifest.get("counts", {})
    when = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    given = "; ".join(f"{name} = {value!r}" for name, value in sorted((parameters or {}).items())) or "the notebooks' defaults"
    rejected = counts.get("rejects", 0)
    return [
        ("Corpus", str(corpus)),
        ("Articles", f"{counts.get('articles', 0):,} read, {rejected:,} rejected" + (" (see rejects.csv)" if rejected else "")),
        ("Rows", ", ".join(f"{counts.get(name, 0):,} {name}" for name in ("quotes", "sources", "entities"))),
        ("Run", when),
        ("medialens", str(manifest.get("code_version", "?"))),
        ("spaCy", f"{spacy.__version__}, pipeline {manifest.get('model', '?')}"),
        ("Parameters", given),
        ("Corrections", corrections or "none"),
    ]


def provenance_html(lines: list[tuple[str, str]]) -> str:
    """The provenance lines as the report's "How this was made" block (HTML, every value escaped)."""
    rows = "".join(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in lines)
    return f'<section class="provenance" id="provenance"><h2>How this was made</h2><dl>{rows}</dl></section>'

"""The report's one page: the executed notebooks converted without their code (nbconvert's
`basic` template: body only, so no external scripts, styles or fonts) inside one page with its
own small stylesheet, after what the page says first (findings, reliability, how the run was
made) and before the list of the run's files. Charts are already in the notebooks as base64 PNG,
and the quote table carries its own data, so the page opens offline.
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import nbformat
import pandas as pd

from .findings import findings
from .provenance import provenance, provenance_html
from .reliability import reliability_html
from .summaries import output_index
from .tables import Tables, atomic_write
from .view import links_html

# Folder names that say nothing of what a corpus is: its parent folder says more.
_GENERIC_NAMES = {"corpus", "articles", "data", "texts", "input", "inputs", "raw", "files", "txt", "html", "news"}


def corpus_name(corpus: Path) -> str:
    """The corpus's name for the page title: its file or folder name (`bbc-2024`), with the
    parent folder when that name is a generic one (`polnear-dev/corpus`)."""
    name = corpus.stem or str(corpus)
    if name.lower() in _GENERIC_NAMES and corpus.parent.name:
        return f"{corpus.parent.name}/{name}"
    return name


def page_intro(tables: Tables, corpus: Path, out: Path, parameters: dict, corrections: str) -> str:
    """What the page says before the notebooks (HTML): the findings in words, how reliable the
    figures are (this corpus's own evaluation when the evaluation notebook scored it), and how
    the run was made."""
    said = findings(tables, gender=parameters.get("gender", True) is not False)
    listed = "".join(f"<li>{html.escape(sentence)}</li>" for sentence in said) or "<li>No quote was found.</li>"
    return (
        f'<section class="findings" id="findings"><h2>In short</h2><ul>{listed}</ul></section>\n'
        + reliability_html(scored_line(out)) + "\n"
        + provenance_html(provenance(corpus, out, parameters, corrections))
    )


def files_html(out: Path, executed: list[Path]) -> str:
    """The page's last section (HTML): links to the executed notebooks and to every table and
    chart the run wrote into `out`, relative to `out`, where the page is."""
    listed = links_html(output_index(out, out, executed))
    return f'<section class="files" id="files"><h2>The files of this report</h2>{listed}</section>'


def scored_line(out: Path) -> str | None:
    """A line on the corpus's own evaluation, from the evaluation notebook's figures table in
    `out` (written only when hand annotations cover some of the corpus), or None."""
    try:
        figures = pd.read_csv(out / "evaluation_figures.csv", dtype=str).set_index("figure")["value"]
    except (OSError, ValueError, KeyError):
        return None
    def figure(name: str) -> str:
        value = pd.to_numeric(figures.get(name), errors="coerce")
        return "n/a" if pd.isna(value) else f"{value:.0%}"
    return (f"hand annotations cover {figures.get('articles', '?')} of its articles; on those, quote F1 is "
            f"{figure('quote_f1')}, speaker accuracy {figure('speaker_acc')} and end-to-end F1 {figure('end_to_end_f1')} "
            "(the Evaluation section has the rest).")


# The page's own stylesheet: nbconvert's `basic` template leaves styling to the page.
REPORT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 70em; margin: 0 auto; padding: 1em 2em 4em; color: #222; line-height: 1.45; }
nav { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ccc;
      padding: 0.5em 0; margin-bottom: 1em; }
nav a { margin-right: 1.2em; }
section.findings ul { font-size: 105%; padding-left: 1.2em; }
section.reliability { border: 2px solid #0072B2; border-radius: 6px; padding: 0.3em 1em; background: #f3f8fc; }
section.reliability h2, section.provenance h2, section.findings h2 { margin: 0.4em 0; font-size: 120%; }
p.caveat { color: #444; font-size: 90%; }
section.provenance dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; font-size: 90%; }
section.provenance dt { font-weight: bold; }
section.provenance dd { margin: 0; overflow-wrap: anywhere; }
section.notebook { border-top: 3px solid #444; margin-top: 2.5em; padding-top: 0.5em; }
.notebook-source { color: #666; font-size: 85%; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; font-size: 88%; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; max-width: 30em; }
.output_html { overflow-x: auto; }
thead th { background: #f2f2f2; }
tbody tr:nth-child(even) { background: #fafafa; }
caption { caption-side: top; font-weight: bold; text-align: left; }
img { max-width: 100%; height: auto; }
/* the one article shown is read in its own scrolling box: every article has its own page too */
.ml-article { max-height: 45em; overflow-y: auto; border: 1px solid #ddd; padding: 0 1em; }
.output_area pre { white-space: pre-wrap; font-size: 85%; }
a.anchor-link { visibility: hidden; margin-left: 0.3em; text-decoration: none; }
h1:hover a.anchor-link, h2:hover a.anchor-link, h3:hover a.anchor-link { visibility: visible; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav, .notebook-source, a.anchor-link, .dataTables_wrapper .dt-search, .dt-paging, .dt-length { display: none; }
  section.notebook { break-before: page; border: none; }
  .output_html, .ml-article { overflow: visible; max-height: none; }
  table { font-size: 8pt; width: 100%; table-layout: auto; }
  th, td { max-width: none; overflow-wrap: anywhere; }
  img, tr, figure { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

# Outputs that belong to a live kernel, not to a page: widget views (progress bars) and
# stderr (warnings, which name the kernel's temporary files).
_LIVE_ONLY = "application/vnd.jupyter.widget-view+json"


def _printable(nb: nbformat.NotebookNode, leave_out: frozenset[str] = frozenset()) -> nbformat.NotebookNode:
    """A copy of an executed notebook with only what a reader of the page should see: no cell
    tagged with one of `leave_out`."""
    nb = nbformat.from_dict(nb)
    nb.metadata.pop("widgets", None)
    nb.cells = [c for c in nb.cells if not leave_out & set(c.get("metadata", {}).get("tags", []))]
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                o for o in cell.outputs
                if not (o.output_type == "stream" and o.get("name") == "stderr") and _LIVE_ONLY not in o.get("data", {})
            ]
    return nb


def _rebase_links(body: str, source_dir: Path, page_dir: Path) -> str:
    """Make relative links written for a notebook in `source_dir` work from a page in `page_dir`."""
    def fix(m: re.Match) -> str:
        target = html.unescape(m.group(2))
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return m.group(0)
        moved = Path(os.path.relpath((source_dir / target).resolve(), page_dir.resolve())).as_posix()
        return f'{m.group(1)}="{html.escape(moved)}"'

    return re.sub(r'\b(href|src)="([^"]*)"', fix, body)


def _prefix_heading_ids(body: str, prefix: str) -> str:
    """Prefix the ids nbconvert gives headings (and their anchor links), which repeat across
    notebooks ("The corpus"), so every anchor on the page is unique."""
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', body))
    for old in ids:
        body = body.replace(f'id="{old}"', f'id="{prefix}-{old}"').replace(f'href="#{old}"', f'href="#{prefix}-{old}"')
    return body


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """A notebook's title: the text of its first level-1 markdown heading, else `default`."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return default


def write_report_html(executed: list[Path], path: str | Path, title: str = "medialens report", intro: str = "",
                      leave_out: frozenset[str] = frozenset(), outro: str = "") -> Path:
    """Write one self-contained HTML page of executed notebooks, in the order given: `intro`
    (HTML: findings, reliability, provenance; see `page_intro`), a table of contents, then each
    notebook without its code (outputs and prose only). Relative links the notebooks show are
    rewritten to work from the page's folder. Cells tagged with one of `leave_out` are left out
    (`gender`: the gender analysis, for a run with gender switched off; `scored`: a corpus's own
    evaluation, when no annotation covers it; `links`: the overview's list of outputs). `outro`
    (HTML) ends the page. Returns the page's path."""
    from nbconvert import HTMLExporter

    path = Path(path)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    sections, toc = [], []
    for nb_path in executed:
        nb = nbformat.read(str(nb_path), as_version=4)
        body, _ = exporter.from_notebook_node(_printable(nb, leave_out))
        body = _prefix_heading_ids(_rebase_links(body, nb_path.parent, path.parent), nb_path.stem)
        name = notebook_title(nb, nb_path.stem)
        link = Path(os.path.relpath(nb_path.resolve(), path.parent.resolve())).as_posix()
        toc.append(f'<a href="#{html.escape(nb_path.stem)}">{html.escape(name)}</a>')
        sections.append(
            f'<section class="notebook" id="{html.escape(nb_path.stem)}">'
            f'<p class="notebook-source">From <a href="{html.escape(link)}">{html.escape(nb_path.name)}</a>'
            f' · <a href="#top">back to the top</a></p>{body}</section>'
        )
    page = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{html.escape(title)}</title>\n'
        f'<style>{REPORT_CSS}</style>\n</head>\n<body>\n<h1 id="top">{html.escape(title)}</h1>\n'
        + (intro + "\n" if intro else "")
        + f'<nav>{"".join(toc)}</nav>\n{"".join(sections)}\n{outro}\n</body>\n</html>\n'
    )
    atomic_write(path, lambda tmp: Path(tmp).write_text(page, encoding="utf-8"))
    return path

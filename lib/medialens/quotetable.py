"""The quotes as an interactive table that works offline: search, filters, sorting and paging.

`interactive_quotes` returns an HTML snippet for a notebook output or a page. It carries the
DataTables bundle that the `itables` package ships (`itables/html/dt_bundle.js`, an ES module,
and `dt_bundle.css`), read from the installed package and embedded gzip-compressed and base64
encoded; the page imports it from a blob URL, as itables' own offline mode does, once per page
however many tables it shows. The rows are embedded as compactly: column by column, article
details once per article and speakers once per name, gzip-compressed and base64 encoded,
decompressed in the browser (`DecompressionStream`). Where scripts do not run (a notebook opened
untrusted in JupyterLab), the snippet says so and names the CSV.
"""
from __future__ import annotations

import base64
import gzip
import html
import json
import math
from functools import lru_cache
from importlib import resources

import pandas as pd

from .view import page_name, quote_anchor

# The columns on screen, in order; the quote's words take the most room.
COLUMNS = ["quote", "speaker", "type", "kind", "outlet", "date", "article", "confidence"]
PAGE_LENGTH = 10
# gzip's `mtime=0` keeps the snippet identical from run to run.
GZIP_LEVEL = 9


def table_payload(quotes: pd.DataFrame, articles: pd.DataFrame) -> dict:
    """The rows of the table as compact columns (JSON-ready).

    `articles` holds each article once: `file` (its page, see `view.page_name`), `headline`,
    `outlet` and `date`; `speakers` each speaker name once. `quotes` holds one list per column:
    `text`, `speaker` (index into `speakers` of the canonical speaker), `written` (index of the
    speaker as written, -1 when it is the canonical name or missing), `type` and `kind` (indexes
    into `types` and `kinds`; a row the model proposed has the kind `indirect (proposed)`), `article` (index into `articles`), `anchor` (the quote's element
    id in its page, see `view.quote_anchor`) and `confidence` (in hundredths, -1 when missing).
    Articles of `articles` without a quote in `quotes` are left out.
    """
    quote_articles = [str(a) for a in _values(quotes["article_id"])]
    quoted = articles[articles["article_id"].isin(set(quote_articles))].drop_duplicates("article_id")
    info = {str(r["article_id"]): r for r in _rows(quoted, ["article_id", "headline", "outlet", "date"])}
    # quotes of an article missing from the articles table still get a row, with its id as headline
    ids = [*info, *(i for i in dict.fromkeys(quote_articles) if i not in info)]
    field = lambda col, i: "" if info.get(i, {}).get(col) is None else str(info[i][col])  # noqa: E731
    article_of = {i: n for n, i in enumerate(ids)}
    canonical = [str(c) if c is not None else "unknown" for c in _values(quotes["speaker_canonical"])]
    written = _values(quotes["speaker"])
    speakers = list(dict.fromkeys([*canonical, *(str(w) for w in written if w is not None)]))
    speaker_of = {s: n for n, s in enumerate(speakers)}
    type_values = [str(t) if t is not None else "unknown" for t in _values(quotes["speaker_type"])]
    # a row the reported-speech model proposed says so where the reader filters by kind
    proposed = _values(quotes["decided_by"]) if "decided_by" in quotes else [None] * len(quotes)
    kind_values = [f"{k} (proposed)" if d == "model" else str(k) for k, d in zip(_values(quotes["kind"]), proposed)]
    types, kinds = list(dict.fromkeys(type_values)), list(dict.fromkeys(kind_values))
    confidence = _values(quotes["confidence"]) if "confidence" in quotes else [None] * len(quotes)
    return {
        "articles": {
            "file": [page_name(i) for i in ids],
            "headline": [field("headline", i) or i for i in ids],
            "outlet": [field("outlet", i) or "unknown" for i in ids],
            "date": [field("date", i) for i in ids],
        },
        "speakers": speakers,
        "types": types,
        "kinds": kinds,
        "quotes": {
            "text": [str(t) if t is not None else "" for t in _values(quotes["text"])],
            "speaker": [speaker_of[c] for c in canonical],
            "written": [-1 if w is None or str(w) == c else speaker_of[str(w)] for w, c in zip(written, canonical)],
            "type": [types.index(t) for t in type_values],
            "kind": [kinds.index(k) for k in kind_values],
            "article": [article_of[a] for a in quote_articles],
            "anchor": [quote_anchor(q, a) for q, a in zip(_values(quotes["quote_id"]), quote_articles)],
            "confidence": [-1 if c is None or not math.isfinite(float(c)) else round(float(c) * 100) for c in confidence],
        },
    }


def _values(column: pd.Series) -> list:
    """A column as a plain list, missing values as None (iterating Arrow-backed columns value
    by value is slow)."""
    return column.astype(object).where(column.notna(), None).tolist()


def _rows(table: pd.DataFrame, columns: list[str]) -> list[dict]:
    """The rows of `table`'s `columns` (those it has) as dicts, missing values as None."""
    table = table[[c for c in columns if c in table]]
    return [dict(zip(table.columns, values)) for values in zip(*(_values(table[c]) for c in table.columns))]


def pack(data: bytes) -> str:
    """`data` gzip-compressed and base64-encoded, as the page's script unpacks it."""
    return base64.b64encode(gzip.compress(data, GZIP_LEVEL, mtime=0)).decode("ascii")


def unpack(text: str) -> bytes:
    """The bytes `pack` packed."""
    return gzip.decompress(base64.b64decode(text))


@lru_cache(maxsize=1)
def bundle() -> tuple[str, str]:
    """The DataTables module and stylesheet that itables ships, each packed (`pack`)."""
    folder = resources.files("itables") / "html"
    return pack((folder / "dt_bundle.js").read_bytes()), pack((folder / "dt_bundle.css").read_bytes())


def interactive_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, pages: str = "articles",
                       csv: str = "quotes_selected.csv") -> str:
    """An HTML snippet showing `quotes` (rows of the quotes table) as an interactive table:
    a search box over every column, filters by speaker and article (text) and by source type,
    kind and outlet (lists), sortable columns, pages of ten rows (or more, or all). Columns:
    quote, speaker (the canonical name, and as written when it differs), type, kind, outlet,
    date, article (its headline, a link to `pages/<page_name>#<quote anchor>`: the article's page
    with the quote highlighted) and confidence.

    `articles` is the articles table (headline, outlet, date of each article); `pages` is the
    folder of the article pages as a URL relative to where the snippet is shown: it is written
    into the snippet as an ordinary link to `pages/index.html`, so a page that moves the snippet
    and rewrites its links also moves the table's links. `csv` names the file to mention where
    scripts do not run. Everything shown is text, never markup: the page escapes it.
    """
    data = pack(json.dumps(table_payload(quotes, articles), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    js, css = bundle()
    index = html.escape(pages.rstrip("/") + "/index.html")
    return (
        f'<div class="ml-quotes">'
        f'<p class="ml-quotes-intro">{len(quotes):,} quotes. Search every column with the box, or filter by a column; '
        f'click a headline to read the quote in its article (<a class="ml-quotes-pages" href="{index}">every article, '
        f'most quoted first</a>).</p>'
        f'<p class="ml-quotes-fallback"><em>The interactive table needs JavaScript (the report page, or a notebook run '
        f'in JupyterLab); the same quotes are in {html.escape(csv)}.</em></p>'
        f'<script type="application/gzip-base64" class="ml-quotes-rows">{data}</script>'
        f'<script type="application/gzip-base64" class="ml-dt-js">{js}</script>'
        f'<script type="application/gzip-base64" class="ml-dt-css">{css}</script>'
        f"<script>{_SCRIPT}</script></div>"
    )


def show_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, pages: str = "articles", csv: str = "quotes_selected.csv"):
    """`interactive_quotes` as a notebook display object (an `IPython.display.HTML`)."""
    from IPython.display import HTML

    return HTML(interactive_quotes(quotes, articles, pages, csv))


# Runs where the snippet is shown. It must not contain `href="` or `src="`: a report page
# rewrites those (relative links) wherever they appear.
_SCRIPT = r"""
(function () {
  var box = document.currentScript.parentNode;
  function bytesOf(b64) {
    var s = atob(b64), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  function gunzip(b64) {
    var stream = new Blob([bytesOf(b64)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer();
  }
  function text(cls) { return box.querySelector("script." + cls).textContent.trim(); }
  async function load() {
    window.medialensBundleLoads = (window.medialensBundleLoads || 0) + 1;
    var style = document.createElement("style");
    style.setAttribute("data-medialens", "datatables");
    style.textContent = new TextDecoder().decode(await gunzip(text("ml-dt-css"))) + EXTRA_CSS;
    document.head.appendChild(style);
    var url = URL.createObjectURL(new Blob([await gunzip(text("ml-dt-js"))], {type: "text/javascript"}));
    try { return await import(url); } finally { URL.revokeObjectURL(url); }
  }
  // itables' own offline mode keeps the same bundle under this name: one copy serves both
  if (!window._itables_underscore_version) {
    window._itables_underscore_version = load();
    window._itables_underscore_version.then(function () { window.dispatchEvent(new Event("itables-version-ready")); });
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function pagesFolder() {
    var link = box.querySelector("a.ml-quotes-pages").getAttribute("href");
    return link.slice(0, link.lastIndexOf("/") + 1);
  }
  function rowsOf(d) {
    var q = d.quotes, a = d.articles, rows = new Array(q.text.length);
    for (var i = 0; i < rows.length; i++) {
      var art = q.article[i], w = q.written[i];
      rows[i] = [q.text[i], d.speakers[q.speaker[i]], w < 0 ? "" : d.speakers[w], d.types[q.type[i]], d.kinds[q.kind[i]],
                 a.outlet[art], a.date[art], a.headline[art], a.file[art] + "#" + q.anchor[i],
                 q.confidence[i] < 0 ? null : q.confidence[i] / 100];
    }
    return rows;
  }
  function select(label, values) {
    var el = document.createElement("select");
    el.innerHTML = "<option value=''>any " + esc(label) + "</option>" +
      values.map(function (v) { return "<option value='" + esc(v) + "'>" + esc(v) + "</option>"; }).join("");
    return el;
  }
  function field(label, control) {
    var wrap = document.createElement("label");
    wrap.className = "ml-quotes-filter";
    wrap.style.marginRight = "1em";
    wrap.appendChild(document.createTextNode(label + " "));
    wrap.appendChild(control);
    return wrap;
  }
  async function build(mod) {
    var DataTable = mod.default;
    var d = JSON.parse(new TextDecoder().decode(await gunzip(text("ml-quotes-rows"))));
    var folder = pagesFolder(), rows = rowsOf(d);
    var filters = document.createElement("div");
    filters.className = "ml-quotes-filters";
    filters.style.margin = "0.5em 0";
    var speaker = document.createElement("input"), article = document.createElement("input");
    speaker.type = article.type = "search";
    speaker.placeholder = "name";
    article.placeholder = "headline";
    var outlets = Array.from(new Set(d.articles.outlet)).sort();
    var type = select("type", d.types.slice().sort()), kind = select("kind", d.kinds.slice().sort()), outlet = select("outlet", outlets);
    [["Speaker", speaker], ["Source type", type], ["Kind", kind], ["Outlet", outlet], ["Article", article]].forEach(function (f) {
      filters.appendChild(field(f[0], f[1]));
    });
    var table = document.createElement("table");
    table.className = "display compact ml-quotes-table";
    table.style.width = "100%";
    box.appendChild(filters);
    box.appendChild(table);
    var shown = function (fn) { return function (v, type, row) { return type === "display" ? fn(v, row) : v; }; };
    var dt = new DataTable(table, {
      data: rows, deferRender: true, autoWidth: false, order: [], pageLength: PAGE_LENGTH,
      lengthMenu: [[10, 25, 50, 100, -1], [10, 25, 50, 100, "All"]],
      columns: [
        {title: "Quote", data: 0, width: "46%", render: shown(function (v) { return esc(v); })},
        {title: "Speaker", data: 1, render: function (v, type, row) {
          if (type === "display") return esc(v) + (row[2] ? "<br><small>as written: " + esc(row[2]) + "</small>" : "");
          return type === "filter" ? v + " " + row[2] : v;
        }},
        {title: "Type", data: 3, render: shown(esc)},
        {title: "Kind", data: 4, render: shown(esc)},
        {title: "Outlet", data: 5, render: shown(esc)},
        {title: "Date", data: 6, render: shown(esc)},
        {title: "Article", data: 7, width: "18%", render: shown(function (v, row) {
          return "<a href='" + esc(folder + encodeURI(row[8]).replace(/'/g, "%27")) + "'>" + esc(v) + "</a>";
        })},
        {title: "Confidence", data: 9, className: "dt-right", render: function (v, type) {
          return type === "display" ? (v === null ? "" : v.toFixed(2)) : (v === null ? -1 : v);
        }}
      ]
    });
    function exact(col, value) {
      dt.column(col).search(value ? "^" + DataTable.util.escapeRegex(value) + "$" : "", true, false).draw();
    }
    speaker.addEventListener("input", function () { dt.column(1).search(speaker.value).draw(); });
    article.addEventListener("input", function () { dt.column(6).search(article.value).draw(); });
    type.addEventListener("change", function () { exact(2, type.value); });
    kind.addEventListener("change", function () { exact(3, kind.value); });
    outlet.addEventListener("change", function () { exact(4, outlet.value); });
    box.querySelector(".ml-quotes-fallback").style.display = "none";
    box.setAttribute("data-ready", "true");
  }
  window._itables_underscore_version.then(build).catch(function (err) {
    box.querySelector(".ml-quotes-fallback").textContent = "The interactive table could not be built: " + err;
  });
})();
""".replace("PAGE_LENGTH", str(PAGE_LENGTH)).replace("EXTRA_CSS", json.dumps(
    "\n.ml-quotes-table { font-size: 90%; } .ml-quotes-table td { vertical-align: top; }"
    " .ml-quotes-table small { color: #555; }"))

"""The interactive quote table's snippet: every row embedded, compactly, with the DataTables
bundle of the installed itables package; links that point at each quote in its article's page."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pandas as pd

from medialens.quotetable import interactive_quotes, pack, table_payload, unpack
from medialens.view import page_name, quote_anchor

ARTICLES = pd.DataFrame({
    "article_id": ["herald_2016-09-01_a", "courier_2016-09-02_b"],
    "headline": ["Council weighs the bridge", "<b>Tram</b> & more"],
    "outlet": ["herald", None],
    "date": ["2016-09-01", None],
})


def quotes_table(n: int = 4) -> pd.DataFrame:
    rows = []
    for i in range(n):
        article = ARTICLES["article_id"].iloc[i % 2]
        rows.append({
            "article_id": article, "quote_id": f"{article}-q{i + 1:03d}", "kind": ["direct", "indirect"][i % 2],
            "text": f"We will build the bridge number {i} <now>", "speaker": ["Mayor Anna Kowalski", "Kowalski", "a city official", None][i % 4],
            "speaker_canonical": ["Anna Kowalski", "Anna Kowalski", "city official", "unknown"][i % 4],
            "speaker_type": ["person", "person", "anonymous", "unknown"][i % 4], "confidence": 0.5 + (i % 5) / 10,
        })
    return pd.DataFrame(rows)


class Blocks(HTMLParser):
    """The text of each `<script>` of the snippet, by class."""

    def __init__(self):
        super().__init__()
        self.found, self.current = {}, None

    def handle_starttag(self, tag, attrs):
        self.current = dict(attrs).get("class") if tag == "script" else None

    def handle_data(self, data):
        if self.current:
            self.found[self.current] = self.found.get(self.current, "") + data


def embedded(snippet: str) -> dict:
    parser = Blocks()
    parser.feed(snippet)
    return parser.found


def rows_of(payload: dict) -> list[tuple]:
    """The rows as the page builds them from the payload."""
    q, a, s = payload["quotes"], payload["articles"], payload["speakers"]
    return [
        (q["text"][i], s[q["speaker"][i]], None if q["written"][i] < 0 else s[q["written"][i]], payload["types"][q["type"][i]],
         payload["kinds"][q["kind"][i]], a["headline"][q["article"][i]], a["outlet"][q["article"][i]], a["file"][q["article"][i]],
         q["anchor"][i], q["confidence"][i])
        for i in range(len(q["text"]))
    ]


def test_snippet_embeds_every_quote_row_gzipped_with_its_article_and_anchor():
    quotes = quotes_table(6)
    payload = json.loads(unpack(embedded(interactive_quotes(quotes, ARTICLES))["ml-quotes-rows"]))
    rows = rows_of(payload)
    assert len(rows) == len(quotes)
    headline = dict(zip(ARTICLES["article_id"], ARTICLES["headline"]))
    for row, q in zip(rows, quotes.to_dict("records")):
        text, canonical, written, kind_of_speaker, kind, title, outlet, file, anchor, confidence = row
        assert (text, canonical, kind_of_speaker, kind) == (q["text"], q["speaker_canonical"], q["speaker_type"], q["kind"])
        as_written = None if pd.isna(q["speaker"]) or q["speaker"] == q["speaker_canonical"] else q["speaker"]
        assert written == as_written
        assert title == headline[q["article_id"]] and file == page_name(q["article_id"])
        assert anchor == quote_anchor(q["quote_id"], q["article_id"]) == q["quote_id"][-4:]
        assert confidence == round(q["confidence"] * 100)
    assert {r[6] for r in rows} == {"herald", "unknown"}


def test_a_row_the_model_proposed_says_so_in_its_kind():
    quotes = quotes_table(4).assign(decided_by=["rule", "model", "rule", "rule"])
    payload = json.loads(unpack(embedded(interactive_quotes(quotes, ARTICLES))["ml-quotes-rows"]))
    assert [r[4] for r in rows_of(payload)] == ["direct", "indirect (proposed)", "direct", "indirect"]


def test_snippet_carries_the_itables_datatables_bundle_and_no_raw_markup_of_the_rows():
    from importlib import resources

    blocks = embedded(interactive_quotes(quotes_table(), ARTICLES))
    folder = resources.files("itables") / "html"
    assert unpack(blocks["ml-dt-js"]) == (folder / "dt_bundle.js").read_bytes()
    assert unpack(blocks["ml-dt-css"]) == (folder / "dt_bundle.css").read_bytes()
    snippet = interactive_quotes(quotes_table(), ARTICLES)
    assert "<now>" not in snippet and "<b>Tram" not in snippet  # rows are only inside the packed data


def test_rows_are_embedded_in_a_fraction_of_their_plain_json():
    quotes = quotes_table(2000)
    plain = json.dumps(quotes.to_dict("records")).encode()
    packed = embedded(interactive_quotes(quotes, ARTICLES))["ml-quotes-rows"]
    assert len(packed) < len(plain) / 10
    assert len(table_payload(quotes, ARTICLES)["articles"]["file"]) == 2  # article details once each


def test_table_links_follow_the_pages_folder_link_that_a_page_rewrites():
    snippet = interactive_quotes(quotes_table(), ARTICLES, pages="../out/articles")
    assert 'href="../out/articles/index.html"' in snippet
    script = embedded(snippet)
    # the only double-quoted links are the ones written as HTML, which a report page rebases
    assert all('href="' not in text and 'src="' not in text for text in script.values())


def test_pack_round_trips_and_is_the_same_every_run():
    data = "quoted \u201cwords\u201d".encode()
    assert unpack(pack(data)) == data and pack(data) == pack(data)

"""The article view: quotes coloured by speaker, speaker and cue marked, entities underlined,
everything escaped, offsets into `Article.text`."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from medialens.article import Article
from medialens.outfiles import PAGE_MARK
from medialens.article_pages import index_html, write_article_pages
from medialens.view import (article_html, find_article, links_html, page_name, quote_anchor, quote_marks, show_article,
                            speaker_colours)

ARTICLE = Article(
    id="wire-1",
    headline="Red Cross urges safe passage in Idlib",
    dateline="GENEVA",
    paragraphs=[
        "\u201cWe are urging parties to allow civilians to move to safety,\u201d ICRC spokeswoman Ruth Hetherington told a news briefing.",
        "A Turkish security official said the rebels were now clearing the town.",
        "\u201cThis will happen soon,\u201d the Turkish official said. Hetherington added that hospitals were protected by law.",
    ],
)


def quote_row(article: Article, text: str, speaker: str, canonical: str, kind: str, cue: str, speaker_type: str, n: int) -> dict:
    from medialens.tables import quote_id

    start = article.text.index(text)
    return {
        "article_id": article.id, "quote_id": quote_id(article.id, start, start + len(text)), "kind": kind, "text": text,
        "start": start, "end": start + len(text), "paragraph": 0, "in_headline": False, "cue": cue,
        "speaker": speaker, "speaker_canonical": canonical, "speaker_type": speaker_type, "speaker_role": None,
    }


def quotes_for(article: Article, *rows: tuple) -> pd.DataFrame:
    return pd.DataFrame([quote_row(article, *row, n) for n, row in enumerate(rows, 1)])


QUOTES = quotes_for(
    ARTICLE,
    ("We are urging parties to allow civilians to move to safety,", "Ruth Hetherington", "Ruth Hetherington", "direct", "told", "person"),
    ("the rebels were now clearing the town", "A Turkish security official", "A Turkish security official", "indirect", "said", "anonymous"),
    ("This will happen soon,", "the Turkish official", "A Turkish security official", "direct", "said", "anonymous"),
    ("hospitals were protected by law", "Hetherington", "Ruth Hetherington", "indirect", "added", "person"),
)
ENTITIES = pd.DataFrame([
    {"article_id": "wire-1", "entity": "International Committee of the Red Cross", "label": "ORG", "mentions": 2, "aliases": "Red Cross; ICRC"},
    {"article_id": "wire-1", "entity": "Ruth Hetherington", "label": "PERSON", "mentions": 2, "aliases": "Hetherington"},
    {"article_id": "wire-1", "entity": "Idlib", "label": "GPE", "mentions": 1, "aliases": ""},
    {"article_id": "other", "entity": "Geneva", "label": "GPE", "mentions": 1, "aliases": ""},
])


class Spans(HTMLParser):
    """Collects the text and title of every span with a given class, nesting included."""

    def __init__(self, cls: str):
        super().__init__()
        self.cls, self.stack, self.found = cls, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        mine = tag == "span" and attrs.get("class") == self.cls
        self.stack.append([mine, attrs, ""])

    def handle_endtag(self, tag):
        mine, attrs, text = self.stack.pop()
        if mine:
            self.found.append((text, attrs))
        if self.stack:
            self.stack[-1][2] += text

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][2] += data


def spans(html: str, cls: str) -> list[tuple[str, dict]]:
    parser = Spans(cls)
    parser.feed(f"<div>{html}</div>")
    return parser.found


def test_each_quote_is_one_span_over_its_offsets_in_article_text():
    quoted = [text for text, _ in spans(article_html(ARTICLE, QUOTES, ENTITIES), "ml-quote")]
    assert quoted == list(QUOTES["text"])


def test_quotes_of_one_speaker_share_a_colour_and_other_speakers_differ():
    styles = {text: attrs["style"] for text, attrs in spans(article_html(ARTICLE, QUOTES, ENTITIES), "ml-quote")}
    hetherington = {styles["We are urging parties to allow civilians to move to safety,"], styles["hospitals were protected by law"]}
    turkish = {styles["the rebels were now clearing the town"], styles["This will happen soon,"]}
    assert len(hetherington) == 1 and len(turkish) == 1
    assert hetherington != turkish


def test_quote_title_gives_canonical_speaker_type_kind_and_cue():
    titles = {text: attrs["title"] for text, attrs in spans(article_html(ARTICLE, QUOTES, ENTITIES), "ml-quote")}
    assert titles["This will happen soon,"] == "A Turkish security official (anonymous) · direct quote · cue: said"


def test_speaker_mention_and_cue_are_marked_next_to_their_quote():
    html = article_html(ARTICLE, QUOTES, ENTITIES)
    speakers = [text for text, _ in spans(html, "ml-speaker")]
    cues = [text for text, _ in spans(html, "ml-cue")]
    assert speakers == ["Ruth Hetherington", "A Turkish security official", "the Turkish official", "Hetherington"]
    assert cues == ["told", "said", "said", "added"]


def test_speaker_mention_inside_a_quote_is_not_taken_for_the_speaker():
    article = Article(id="w2", headline="Talks", paragraphs=["\u201cErdogan will come,\u201d Erdogan said."])
    quotes = quotes_for(article, ("Erdogan will come,", "Erdogan", "Recep Tayyip Erdogan", "direct", "said", "person"))
    html = article_html(article, quotes, ENTITIES.iloc[:0])
    speaker_start = html.index('class="ml-speaker"')
    assert html.index("ml-quote") < html.index("Erdogan will come") < speaker_start


def test_entities_are_marked_by_name_and_alias_with_their_label_longest_first():
    marked = spans(article_html(ARTICLE, QUOTES, ENTITIES), "ml-entity")
    titles = {(text, attrs["title"]) for text, attrs in marked}
    assert ("Ruth Hetherington", "Ruth Hetherington (PERSON)") in titles
    assert ("Hetherington", "Ruth Hetherington (PERSON)") in titles
    assert ("ICRC", "International Committee of the Red Cross (ORG)") in titles
    assert not any(text == "Ruth" for text, _ in marked)
    assert not any("Geneva" in title for _, title in titles)  # another article's entity


def test_markup_in_a_quote_or_headline_is_escaped():
    article = Article(id="x", headline="<b>Breaking</b> & more", paragraphs=[
        "\u201c<script>alert('quoted')</script> is not news,\u201d the editor <i>said</i>."])
    quotes = quotes_for(article, ("<script>alert('quoted')</script> is not news,", "the editor", "the editor", "direct", "said", "unknown"))
    quotes.loc[0, "speaker_canonical"] = '"><script>alert(1)</script>'
    html = article_html(article, quotes, ENTITIES.iloc[:0])
    assert "<script>" not in html and "<b>Breaking" not in html and "<i>said" not in html
    assert "&lt;script&gt;alert(&#x27;quoted&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Breaking&lt;/b&gt; &amp; more" in html
    assert [text for text, _ in spans(html, "ml-quote")] == ["<script>alert('quoted')</script> is not news,"]


def test_quotes_with_offsets_outside_the_text_are_left_out():
    quotes = QUOTES.copy()
    quotes.loc[0, ["start", "end"]] = [len(ARTICLE.text) - 2, len(ARTICLE.text) + 40]
    assert len(spans(article_html(ARTICLE, quotes, ENTITIES), "ml-quote")) == 3


def test_legend_lists_each_speaker_with_type_and_quote_count():
    html = article_html(ARTICLE, QUOTES, ENTITIES)
    assert "Ruth Hetherington <span" in html and "(person)</span> — 2 quotes" in html
    assert "(anonymous)</span> — 2 quotes" in html


def test_speakers_get_colours_in_order_of_first_quote_and_unknown_is_grey():
    quotes = QUOTES.copy()
    quotes.loc[1, ["speaker_canonical", "speaker_type"]] = ["unknown", "unknown"]
    colours = speaker_colours(quotes)
    assert list(colours) == ["Ruth Hetherington", "unknown", "A Turkish security official"]
    assert len(set(colours.values())) == 3


def test_seed_article_shows_every_quote_of_the_tables(seed_tables):
    article = find_article("seeds", None, seed_tables.articles)
    html = article_html(article, seed_tables.quotes, seed_tables.entities)
    quoted = " ".join(text for text, _ in spans(html, "ml-quote"))
    assert len(seed_tables.quotes) > 10
    for text in seed_tables.quotes["text"]:
        assert text in quoted


def test_find_article_takes_the_first_by_default_and_names_a_missing_id(seed_tables):
    first = seed_tables.articles["article_id"].iloc[0]
    assert find_article("seeds").id == first
    assert find_article("seeds", first, seed_tables.articles).headline.startswith("Lavrov rejects")
    with pytest.raises(KeyError, match="no-such-article"):
        find_article("seeds", "no-such-article")


def test_show_article_is_displayable_html():
    assert show_article(ARTICLE, QUOTES, ENTITIES)._repr_html_() == article_html(ARTICLE, QUOTES, ENTITIES)


def test_links_are_grouped_by_section_and_escaped():
    index = pd.DataFrame({"section": ["tables (CSV)", "tables (CSV)", "charts (PNG)"],
                          "name": ["quotes", "<b>x</b>", "entities"],
                          "href": ["../out/quotes.csv", 'a"b.csv', "charts/entities.png"]})
    html = links_html(index)
    assert '<li><strong>tables (CSV)</strong>: <a href="../out/quotes.csv">quotes</a>, <a href="a&quot;b.csv">&lt;b&gt;x&lt;/b&gt;</a></li>' in html
    assert html.index("tables (CSV)") < html.index("charts (PNG)")


def located(quotes: pd.DataFrame, *offsets: tuple) -> pd.DataFrame:
    """`quotes` with the extraction's `(speaker_start, speaker_end, cue_start)`, one per row."""
    starts, ends, cues = zip(*offsets)
    return quotes.assign(speaker_start=pd.array(starts, dtype="Int64"), speaker_end=pd.array(ends, dtype="Int64"),
                         cue_start=pd.array(cues, dtype="Int64"))


def marked(html: str, cls: str) -> list[tuple[str, str]]:
    return [(text, attrs["title"]) for text, attrs in spans(html, cls)]


def test_speaker_and_cue_are_marked_at_the_offsets_of_the_extraction():
    # the second `Jones` is nearer the quote than the one the extraction found: the view marks
    # what the extraction found, without searching the text
    article = Article(id="w3", headline="Talks", paragraphs=[
        "Jones said on Tuesday, after a long meeting with the union and the board: \u201cWe will wait.\u201d Jones left."])
    text = article.text
    quotes = quotes_for(article, ("We will wait.", "Jones", "Jones", "direct", "said", "person"))
    first = text.index("Jones")
    html = article_html(article, located(quotes, (first, first + 5, text.index("said"))), ENTITIES.iloc[:0])
    assert marked(html, "ml-speaker") == [("Jones", "speaker: Jones (person)")]
    assert marked(html, "ml-cue") == [("said", "cue: said")]
    assert html.index('class="ml-speaker"') < html.index('class="ml-cue"') < html.index("We will wait")
    assert html.index("We will wait") < html.index("Jones left")
    # without the offsets, the nearest occurrence outside the quote is all there is to go by
    searched = article_html(article, quotes, ENTITIES.iloc[:0])
    assert searched.index("We will wait") < searched.index('class="ml-speaker"')


def test_the_speaker_mark_is_the_mention_as_written_around_offsets_pointing_at_its_core():
    article = Article(id="w4", headline="Profits", paragraphs=[
        "\u201cWe had a good year,\u201d said Mr. Smith, the company\u2019s chief executive."])
    text = article.text
    quotes = quotes_for(article, ("We had a good year,", "Mr. Smith, the company\u2019s chief executive", "Smith", "direct", "said", "person"))
    core = text.index("Smith")
    html = article_html(article, located(quotes, (core, core + 5, text.index("said"))), ENTITIES.iloc[:0])
    assert [m for m, _ in marked(html, "ml-speaker")] == ["Mr. Smith, the company\u2019s chief executive"]
    assert [m for m, _ in marked(html, "ml-cue")] == ["said"]


def test_a_speaker_shared_by_carried_quotes_is_marked_once_and_missing_offsets_mark_nothing():
    article = Article(id="w5", headline="Storm", paragraphs=[
        "\u201cWe will rebuild,\u201d Smith said.", "\u201cNobody asked us.\u201d", "\u201cNot again.\u201d"])
    text = article.text
    quotes = quotes_for(article, ("We will rebuild,", "Smith", "Smith", "direct", "said", "person"),
                        ("Nobody asked us.", "Smith", "Smith", "direct", None, "person"),
                        ("Not again.", None, "unknown", "direct", None, "unknown"))
    at = text.index("Smith")
    html = article_html(article, located(quotes, (at, at + 5, text.index("said")), (at, at + 5, None), (None, None, None)),
                        ENTITIES.iloc[:0])
    assert [m for m, _ in marked(html, "ml-speaker")] == ["Smith"]
    assert [m for m, _ in marked(html, "ml-cue")] == ["said"]


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    from locations import SEEDS
    from medialens.extract import extract_to

    out = tmp_path_factory.mktemp("seed_view")
    extract_to(SEEDS, out, cache=False, workers=1, progress=False)
    return out


def test_seed_article_marks_each_speaker_and_cue_where_the_extraction_found_it(seed_out):
    from medialens.tables import read_tables

    tables = read_tables(seed_out)
    article = find_article("seeds", None, tables.articles)
    text = article.text
    rows = tables.quotes.to_dict("records")
    with_speaker = [r for r in rows if not pd.isna(r["speaker"])]
    assert len(with_speaker) > 10
    expected_speakers, expected_cues = set(), set()
    for r in with_speaker:
        start, end = int(r["speaker_start"]), int(r["speaker_end"])
        assert text[start:end] == r["speaker"]  # the mention as written
        expected_speakers.add(r["speaker"])
        if not pd.isna(r["cue"]):
            assert text[int(r["cue_start"]):].startswith(r["cue"]), r["cue"]
            expected_cues.add(r["cue"])
    marks = quote_marks(article, tables.quotes)
    assert {text[m.start : m.end] for m in marks if m.layer == "speaker"} == expected_speakers
    assert {text[m.start : m.end] for m in marks if m.layer == "cue"} == expected_cues
    assert "ml-speaker" in article_html(article, tables.quotes, tables.entities)


def test_speaker_key_comes_before_the_article_text():
    html = article_html(ARTICLE, QUOTES, ENTITIES)
    assert html.index('class="ml-legend"') < html.index("urges safe passage")


def test_each_quote_is_followed_by_its_speaker_type_kind_and_cue_in_words():
    html = article_html(ARTICLE, QUOTES, ENTITIES)
    details = [text for text, _ in spans(html, "ml-detail")]
    assert details == ["[1] Ruth Hetherington, person · direct · told", "[2] A Turkish security official, anonymous · indirect · said",
                       "[2] A Turkish security official, anonymous · direct · said", "[1] Ruth Hetherington, person · indirect · added"]
    assert html.index("move to safety,") < html.index(details[0]) < html.index(" a news briefing")


def test_thirty_speakers_of_one_article_get_thirty_different_colours():
    quotes = pd.DataFrame({"speaker_canonical": [f"Speaker {n}" for n in range(30)], "speaker_type": ["person"] * 30})
    assert len(set(speaker_colours(quotes).values())) == 30


def test_page_names_never_collide_and_are_safe_file_names():
    ids = ["Herald_2016", "herald_2016", "herald 2016", "herald/2016", "h\u00e9rald_2016", "x" * 200, "x" * 201, "index"]
    names = [page_name(i) for i in ids]
    assert len({n.lower() for n in names}) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9._-]+\.html", n) and len(n) < 100 for n in names)
    assert page_name("herald_2016") == page_name("herald_2016") and "index.html" not in names


def test_quote_anchor_is_short_for_the_tables_ids_and_escaped_for_any_other():
    assert quote_anchor("wire-1-q1534-1602", "wire-1") == "q1534-1602"
    assert quote_anchor("wire-1-q003", "wire-1") == "q003"
    assert quote_anchor("odd id #1", "wire-1") == "q-odd%20id%20%231"


def test_every_article_gets_a_page_where_each_quote_is_one_element_with_its_anchor(tmp_path):
    other = Article(id="Other one", headline="Nobody speaks", paragraphs=["Nothing was said."])
    articles = pd.DataFrame([{"article_id": a.id, "headline": a.headline, "date": None, "outlet": "wire", "words": a.words,
                              "dateline": a.dateline, "article_text": a.text} for a in (other, ARTICLE)])
    sources = pd.DataFrame({"article_id": ["wire-1", "wire-1"], "speaker_canonical": ["Ruth Hetherington", "A Turkish security official"],
                            "speaker_type": ["person", "anonymous"]})
    (tmp_path / "stale-0123456789.html").write_text(f"<html><head>{PAGE_MARK}</head>old</html>")  # an earlier run's
    (tmp_path / "my-notes.html").write_text("<html>mine</html>")  # the user's: stays
    index = write_article_pages(articles, QUOTES, ENTITIES, sources, tmp_path)
    assert list(index["article_id"]) == ["wire-1", "Other one"]  # most quoted first
    assert list(index[["quotes", "sources"]].iloc[0]) == [4, 2]
    assert sorted(p.name for p in tmp_path.glob("*.html")) == sorted([*index["page"], "index.html", "my-notes.html"])
    page = (tmp_path / page_name("wire-1")).read_text(encoding="utf-8")
    for quote_id, text in zip(QUOTES["quote_id"], QUOTES["text"]):
        anchored = [t for t, attrs in spans(page, "ml-quote") if attrs.get("id") == quote_anchor(quote_id, "wire-1")]
        assert anchored == [text]
    assert ":target" in page and 'href="index.html"' in page
    listing = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert listing.index(page_name("wire-1")) < listing.index(page_name("Other one"))


def test_index_table_shows_the_top_rows_and_links_to_the_whole_index():
    index = pd.DataFrame({"article_id": ["a", "b", "c"], "headline": ["A <b>", "B", None], "outlet": ["x", None, "y"],
                          "date": [None, "2016-09-01", None], "quotes": [5, 3, 0], "sources": [2, 1, 0],
                          "page": ["a-1.html", "b-2.html", "c-3.html"]})
    html = index_html(index, "../articles", top=2)
    assert 'href="../articles/a-1.html">A &lt;b&gt;</a>' in html and "b-2.html" in html and "c-3.html" not in html
    assert 'href="../articles/index.html">All 3 articles' in html
    assert "index.html" not in index_html(index, "../articles")

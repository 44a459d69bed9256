"""Reading articles: every format a newsroom exports, in every encoding it exports them in."""
from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from medialens.article import Article, ReadError, Reject, article_from_record, article_from_text, safe_id
from medialens.io.corpus import read_corpus
from medialens.io.decode import decode
from medialens.io.readers import READERS
from medialens.paragraphs import clean_paragraphs

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SAFE_ID = re.compile(r"^[\w.\-]+$")


def _read(*inputs) -> tuple[list[Article], list[Reject]]:
    items = list(read_corpus(list(inputs)))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)]


def _one(path) -> Article:
    articles, rejects = _read(path)
    assert not rejects, rejects
    assert len(articles) == 1
    return articles[0]


# --- Formats ----------------------------------------------------------------------------------


def test_every_format_has_a_reader_in_the_suffix_table():
    assert {".txt", ".html", ".htm", ".jsonl", ".csv", ".json"} <= set(READERS)


def test_txt_first_non_empty_line_is_the_headline_and_furniture_is_dropped():
    article = _one(INPUTS / "council_vote.txt")
    assert article.headline == "City council approves harbour dredging plan after heated debate"
    assert article.dateline == "PORTSMOUTH"
    assert article.id == "council_vote"
    assert len(article.paragraphs) == 3
    assert "Comments" not in article.paragraphs


def test_html_page_gives_main_text_title_date_author_and_site():
    article = _one(INPUTS / "aid_convoy.html")
    assert article.headline == "Aid convoy reaches besieged town after weeks of talks"
    assert article.date == "2024-03-12"
    assert article.byline == "Maria Lindqvist"
    assert article.outlet == "The Harbour Herald"
    assert article.url == "https://harbourherald.example/world/aid-convoy-reaches-town"
    assert article.dateline == "GENEVA"
    assert [p.split()[0] for p in article.paragraphs] == ["GENEVA:", "“This", "A", "The"]


def test_html_page_leaves_out_navigation_comments_and_related_stories():
    text = _one(INPUTS / "aid_convoy.html").text
    for furniture in ("Sport", "Opinion", "Related stories", "Ceasefire collapses", "well done to the drivers",
                      "mark my words", "All rights reserved", "Privacy"):
        assert furniture not in text


def test_html_entities_become_characters():
    article = _one(INPUTS / "aid_convoy.html")
    assert "“This is a first step, but the needs are enormous,” ICRC spokeswoman" in article.text
    assert "the town & its surrounding villages" in article.text
    assert "&amp;" not in article.text and "&ldquo;" not in article.text


def test_htm_suffix_is_read_as_a_web_page(tmp_path):
    shutil.copy(INPUTS / "aid_convoy.html", tmp_path / "convoy.HTM")
    article = _one(tmp_path / "convoy.HTM")
    assert article.outlet == "The Harbour Herald" and len(article.paragraphs) == 4


def test_html_page_in_windows_1252_keeps_its_curly_quotes(tmp_path):
    page = (INPUTS / "aid_convoy.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace("&ldquo;", "“").replace("&rdquo;", "”")
    (tmp_path / "convoy.html").write_bytes(page.encode("cp1252"))
    assert "“This is a first step" in _one(tmp_path / "convoy.html").text


def test_jsonl_feed_reads_each_good_line_and_rejects_each_bad_one_by_line_number():
    feed = INPUTS / "harbour_feed.jsonl"
    articles, rejects = _read(feed)
    assert [a.headline for a in articles] == [
        "Ferry crews walk out over rosters", "Storm warning for the coast", "School roof repairs to finish by Easter",
    ]
    assert [r.source_path for r in rejects] == [f"{feed}:3", f"{feed}:4"]
    assert "not valid JSON" in rejects[0].reason and str(feed) in rejects[0].reason
    assert "line 4 has no text" in rejects[1].reason


def test_paragraphs_are_trimmed_and_lose_furniture_repeats_and_boxes_quoting_the_body():
    box = "We will rebuild every house on this street, the mayor said."
    body = f"On Monday she added: {box} Then she left."
    lines = ["  The\u00a0council\tmet  at noon. ", "Share this article", "", "- Comments -", body, box, body, "Thank you.", "Thank you."]
    assert clean_paragraphs(lines) == ["The council met at noon.", body, "Thank you.", "Thank you."]


def test_record_fields_fill_the_article_and_other_fields_are_kept_as_meta():
    ferry = _read(INPUTS / "harbour_feed.jsonl")[0][0]
    assert (ferry.date, ferry.outlet, ferry.byline, ferry.url) == (
        "2024-03-14", "The Harbour Herald", "Tom Reyes", "https://harbourherald.example/ferry-strike",
    )
    assert ferry.meta == {"section": "Business"}
    assert ferry.source_path == f"{INPUTS / 'harbour_feed.jsonl'}:1"


def test_record_ids_are_sanitised_and_records_without_id_get_file_stem_and_number():
    articles, _ = _read(INPUTS / "harbour_feed.jsonl")
    assert [a.id for a in articles] == ["hh_2024_03_ferry-strike", "harbour_feed-2", "hh_2024_03_school-roof"]
    assert all(SAFE_ID.match(a.id) for a in articles)


def test_feed_markup_and_character_references_become_plain_paragraphs():
    school = _read(INPUTS / "harbour_feed.jsonl")[0][2]
    assert school.byline == "Lena Park"  # `byline` and `headline` columns are understood too
    assert school.paragraphs == [
        "Repairs to the roof of St Anne’s primary school will be finished before Easter, the county said.",
        "“The children will be back in their own classrooms,” head teacher Mark Boyd said.",
    ]


def test_plain_text_with_a_less_than_sign_is_not_taken_for_markup():
    article = article_from_record({"text": "Turnout was < 40% in the city, officials said."}, "x", "feed.jsonl:1")
    assert article.headline == "Turnout was < 40% in the city, officials said."


def test_csv_export_reads_quoted_multi_paragraph_text_and_rejects_the_empty_record():
    export = INPUTS / "wire_export.csv"
    articles, rejects = _read(export)
    assert [a.id for a in articles] == ["W-1001", "W-1002"]
    strike = articles[0]
    assert strike.headline == "Port strike enters second week"
    assert strike.paragraphs[1].startswith('"We will stay out until the company puts a real offer')
    assert len(strike.paragraphs) == 3
    assert (strike.outlet, strike.byline, strike.meta) == ("Coastal Wire", "Dana Ortiz", {"section": "Business"})
    assert articles[1].byline is None
    assert rejects == [Reject(f"{export}:3", f"{export} record 3 has no text.")]


def test_csv_with_semicolons_as_spreadsheets_export_them_in_europe(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id;title;text\nB-1;Brücke gesperrt;"Die Brücke bleibt, sagte die Stadt; sechs Wochen gesperrt."\n', encoding="utf-8")
    article = _one(path)
    assert (article.id, article.headline) == ("B-1", "Brücke gesperrt")
    assert article.paragraphs == ["Die Brücke bleibt, sagte die Stadt; sechs Wochen gesperrt."]


def test_csv_text_column_name_is_matched_whatever_its_case(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Title,Text\nHarbour fees rise,Fees rise by 4 percent from April.\n", encoding="utf-8")
    assert _one(path).headline == "Harbour fees rise"


def test_csv_row_with_more_cells_than_the_header_is_rejected_alone(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("title,text\nA, b, c,Broken row\nFine,The second record is fine.\n", encoding="utf-8")
    articles, rejects = _read(path)
    assert [a.headline for a in articles] == ["Fine"]
    assert rejects[0].source_path == f"{path}:1" and "4 cells" in rejects[0].reason


def test_json_file_with_one_record_is_one_article_named_by_its_id():
    article = _one(INPUTS / "single_story.json")
    assert (article.id, article.dateline, article.url) == ("cw-7781", "BRUSSELS", "https://coastalwire.example/7781")
    assert article.meta == {"tags": ["fishing", "EU"]}
    assert article.source_path == str(INPUTS / "single_story.json")


def test_json_list_reads_every_record_and_rejects_the_one_that_is_not_an_object():
    path = INPUTS / "story_list.json"
    articles, rejects = _read(path)
    assert [a.id for a in articles] == ["cw-7790", "story_list-2"]
    assert [r.source_path for r in rejects] == [f"{path}:3"]
    assert "record 3" in rejects[0].reason and "not a record" in rejects[0].reason


def test_folder_is_read_recursively_with_globs_and_several_paths(tmp_path):
    (tmp_path / "2024" / "march").mkdir(parents=True)
    shutil.copy(INPUTS / "council_vote.txt", tmp_path / "2024" / "march" / "council.txt")
    shutil.copy(INPUTS / "aid_convoy.html", tmp_path / "convoy.html")
    shutil.copy(INPUTS / "single_story.json", tmp_path / "story.json")
    (tmp_path / ".drafts").mkdir()
    shutil.copy(INPUTS / "council_vote.txt", tmp_path / ".drafts" / "draft.txt")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")

    assert sorted(a.id for a in _read(tmp_path)[0]) == ["convoy", "council", "cw-7781"]
    assert [a.id for a in _read(str(tmp_path / "**" / "*.txt"))[0]] == ["council"]
    assert sorted(a.id for a in _read(tmp_path / "convoy.html", tmp_path / "story.json")[0]) == ["convoy", "cw-7781"]


def test_a_file_named_twice_is_read_once(tmp_path):
    shutil.copy(INPUTS / "council_vote.txt", tmp_path / "council.txt")
    articles, _ = _read(tmp_path, tmp_path / "council.txt", str(tmp_path / "*.txt"))
    assert [a.id for a in articles] == ["council"]


def test_unsupported_file_named_explicitly_is_a_reject_not_silence(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    _, rejects = _read(tmp_path / "notes.pdf")
    assert rejects[0].source_path == str(tmp_path / "notes.pdf") and "not a supported file type" in rejects[0].reason


def test_missing_input_is_an_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        list(read_corpus(tmp_path / "nowhere"))


def test_ids_are_unique_and_the_same_on_every_run(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(INPUTS / "council_vote.txt", tmp_path / folder / "story.txt")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "story", "text": "Third story\nBody."}) + "\n", encoding="utf-8")
    first = [a.id for a in _read(tmp_path)[0]]
    assert first == ["story", "story-2", "story-3"]
    assert [a.id for a in _read(tmp_path)[0]] == first


@pytest.mark.parametrize("raw", ["../../etc/passwd", "a/b\\c:d*e?f", "   ", "Été 2024 — été", "CON"])
def test_safe_id_gives_a_file_name_without_separators(raw):
    cleaned = safe_id(raw)
    assert cleaned and SAFE_ID.match(cleaned) and not cleaned.startswith(".")
    assert safe_id(raw) == cleaned


# --- Encodings --------------------------------------------------------------------------------

HEADLINE = "Minister’s office says talks “will go on”"


def test_cp1252_smart_quotes_survive_as_the_right_characters(tmp_path):
    data = b"Minister\x92s office says talks \x93will go on\x94\n\nThe minister\x92s spokesman said on Monday."
    (tmp_path / "story.txt").write_bytes(data)
    article = _one(tmp_path / "story.txt")
    assert article.headline == HEADLINE
    assert article.paragraphs == ["The minister’s spokesman said on Monday."]


def test_latin1_accents_are_read_as_accents(tmp_path):
    (tmp_path / "story.txt").write_bytes("Café owners in Montréal protest\nThe naïve plan was « absurde », they said.".encode("latin-1"))
    article = _one(tmp_path / "story.txt")
    assert article.headline == "Café owners in Montréal protest"
    assert article.paragraphs == ["The naïve plan was « absurde », they said."]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_byte_order_marks_decide_the_encoding_and_are_not_kept(tmp_path, encoding):
    text = f"{HEADLINE}\n\nÄrzte warnen vor Hitze."
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # explicit endianness writes no mark; add it
        data = ("\ufeff" + text).encode(encoding)
    (tmp_path / "story.txt").write_bytes(data)
    article = _one(tmp_path / "story.txt")
    assert article.headline == HEADLINE and article.paragraphs == ["Ärzte warnen vor Hitze."]


def test_windows_line_ends_do_not_leave_carriage_returns(tmp_path):
    (tmp_path / "story.txt").write_bytes(b"Headline here\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n")
    article = _one(tmp_path / "story.txt")
    assert "\r" not in article.text and article.paragraphs == ["First paragraph.", "Second paragraph."]


def test_cp1252_feed_and_export_are_decoded_line_by_line(tmp_path):
    record = {"id": "c1", "title": "Minister\x92s office", "text": "Talks \x93will go on\x94, he said."}
    line = json.dumps(record, ensure_ascii=False).encode("latin-1")
    (tmp_path / "feed.jsonl").write_bytes(line + b"\n")
    (tmp_path / "export.csv").write_bytes(b"id,title,text\r\nc2,Minister\x92s office,\"Talks \x93will go on\x94, he said.\"\r\n")
    articles, rejects = _read(tmp_path)
    assert not rejects
    assert [a.headline for a in articles] == ["Minister’s office", "Minister’s office"]
    assert all(a.paragraphs == ["Talks “will go on”, he said."] for a in articles)


def test_one_cp1252_line_in_a_utf8_feed_does_not_garble_the_others(tmp_path):
    good = json.dumps({"id": "u", "text": "Ärzte warnen\nVor Hitze."}, ensure_ascii=False).encode("utf-8")
    pasted = json.dumps({"id": "w", "text": "Talks \x93go on\x94\nSaid."}, ensure_ascii=False).encode("latin-1")
    (tmp_path / "feed.jsonl").write_bytes(good + b"\n" + pasted + b"\n")
    articles, _ = _read(tmp_path / "feed.jsonl")
    assert [a.headline for a in articles] == ["Ärzte warnen", "Talks “go on”"]


def test_utf16_tab_separated_export_from_a_spreadsheet(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_bytes("id\ttitle\ttext\r\nS-1\tÄrzte warnen\tDie Hitze sei „sehr gefährlich“, sagte sie.\r\n".encode("utf-16"))
    article = _one(path)
    assert (article.id, article.headline, article.paragraphs) == ("S-1", "Ärzte warnen", ["Die Hitze sei „sehr gefährlich“, sagte sie."])


def test_decomposed_unicode_is_composed_so_offsets_count_what_a_reader_sees():
    nfd = unicodedata.normalize("NFD", "Müller re-elected\n\n“Wir bleiben”, sagte Müller.")
    assert len(nfd) > len(unicodedata.normalize("NFC", nfd))
    article = article_from_text(nfd, "m")
    assert article.headline == "Müller re-elected"
    assert article.text == unicodedata.normalize("NFC", article.text)
    start = article.text.index("Müller.")
    assert article.text[start : start + 6] == "Müller"


def test_decomposed_record_text_is_composed_too():
    article = article_from_record({"title": unicodedata.normalize("NFD", "Café"), "text": unicodedata.normalize("NFD", "Noël.")}, "x", "f:1")
    assert (article.headline, article.paragraphs) == ("Café", ["Noël."])


def test_quote_offsets_point_into_the_composed_text(nlp):
    from medialens.extract import extract_article

    nfd = unicodedata.normalize("NFD", "Zürich bank fined\n\n“Wir haben Fehler gemacht”, said Jürg Müller, the bank’s chief.")
    article = article_from_text(nfd, "z")
    rows = extract_article(article, nlp(article.text))
    assert rows["quotes"], "the quote should be found"
    for q in rows["quotes"]:
        assert article.text[q["start"] : q["end"]] == q["text"]
    assert any("Wir haben Fehler gemacht" in q["text"] for q in rows["quotes"])


def test_decode_refuses_empty_and_binary_bytes_with_the_file_named():
    with pytest.raises(ReadError, match="story.txt is empty"):
        decode(b" \n\t ", "story.txt")
    with pytest.raises(ReadError, match="logo.txt is a binary file"):
        decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "logo.txt")

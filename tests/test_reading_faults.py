"""Faulty, hostile and unusual input: every case is read correctly, or reported, and the rest of
the corpus is read; nothing hangs, crashes the run or vanishes without a word."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from medialens.article import MAX_ARTICLE_BYTES, Article, Reject, Skip, article_from_text, markup_to_text
from medialens.io.corpus import read_corpus
from strings import strings_in

STORY = "Harbour fees to rise in April\n\nThe port authority said on Monday that fees would rise by 4 percent.\n"
SENTENCE = "The club confirmed the transfer fee on Monday after a long week of talks with the player and his agent."


def _split(items) -> tuple[list[Article], list[Reject], list[Skip]]:
    items = list(items)
    assert all(isinstance(i, (Article, Reject, Skip)) for i in items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)],
            [i for i in items if isinstance(i, Skip)])


def _assert_utf8(items) -> None:
    for item in items:
        for s in strings_in(item):
            s.encode("utf-8")  # strict: raises on a lone surrogate


def _story(tmp_path: Path, name: str = "good.txt") -> Path:
    path = tmp_path / name
    path.write_text(STORY, encoding="utf-8")
    return path


# --- Characters that are not valid Unicode ------------------------------------------------------


def test_lone_surrogate_in_a_feed_record_is_replaced_and_noted(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id":"a","text":"Mayor Ann Lee said the bridge would reopen."}\n'
                    '{"id":"b","title":"Cut \\udfff","text":"Cut \\ud800 emoji. Ann Lee said so."}\n', encoding="utf-8")
    items = list(read_corpus(path))
    found, rejects, _ = _split(items)
    _assert_utf8(items)
    assert [a.id for a in found] == ["a", "b"]
    assert found[1].headline == "Cut \ufffd" and found[1].paragraphs == ["Cut \ufffd emoji. Ann Lee said so."]
    assert rejects == [Reject(f"{path}:2", f"{path} line 2 has 2 characters that are not valid Unicode (a lone surrogate,"
                                           " as from a cut emoji); they were replaced with U+FFFD and the article was read.")]
    found[1].content_hash  # the digest encodes every field as UTF-8


def test_lone_surrogate_in_a_json_file_is_replaced_in_every_field_and_noted(tmp_path):
    path = tmp_path / "story.json"
    path.write_text('{"id":"x\\ud83d","title":"Bridge","text":"Ann Lee said so.","tags":["\\udc00"],"\\ud800k":1}', encoding="utf-8")
    items = list(read_corpus(path))
    found, rejects, _ = _split(items)
    _assert_utf8(items)
    assert len(found) == 1 and found[0].meta == {"tags": ["\ufffd"], "\ufffdk": 1}
    assert rejects[0].source_path == str(path)
    assert rejects[0].reason.startswith(f"{path} has 3 characters that are not valid Unicode")


# --- File names ---------------------------------------------------------------------------------


def test_file_name_that_is_not_utf8_is_read_and_named_with_an_escape(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(b"Bridge\nMayor Ann Lee said the bridge would reopen.\n")
    items = list(read_corpus(tmp_path))
    found, _, _ = _split(items)
    _assert_utf8(items)
    assert found[0].source_path == f"{tmp_path}/caf\\xe9.txt"
    assert found[0].paragraphs == ["Mayor Ann Lee said the bridge would reopen."]


def test_file_name_with_a_newline_and_escape_codes_is_named_once_and_escaped(tmp_path):
    (tmp_path / "a\n\x1b[31mred\x1b[0m.txt").write_bytes(b"")
    _, rejects, _ = _split(read_corpus(tmp_path))
    shown = f"{tmp_path}/a\\n\\x1b[31mred\\x1b[0m.txt"
    assert rejects == [Reject(shown, f"{shown} is empty.")]


# --- Encodings ----------------------------------------------------------------------------------


def test_one_latin1_byte_in_utf8_text_reads_as_pound_sign(tmp_path):
    body = " ".join([SENTENCE] * 25)
    (tmp_path / "c.txt").write_bytes(b"Transfer\n\n" + body.encode() + b" The fee was \xa315.8m in total.\n")
    found, _, _ = _split(read_corpus(tmp_path / "c.txt"))
    assert found[0].text.endswith("The fee was £15.8m in total.")


def test_one_cp1252_byte_in_utf8_text_leaves_the_utf8_quotes_alone(tmp_path):
    (tmp_path / "d.txt").write_bytes("Row\n\nThe \u201cdeal\u201d was done.".encode() + b" Caf\xe9.\n")
    found, _, _ = _split(read_corpus(tmp_path / "d.txt"))
    assert found[0].paragraphs == ["The “deal” was done. Café."]


def test_cp1252_line_in_a_utf8_feed_reads_as_cp1252_not_cyrillic(tmp_path):
    good = [json.dumps({"id": f"u{i}", "text": f"Ärzte warnen – „sehr gefährlich“, sagte Müller {i}."}, ensure_ascii=False)
            for i in range(3)]
    pasted = json.dumps({"id": "w", "text": "Caf\xe9 owner said \u201cnever again\u201d."}, ensure_ascii=False)
    (tmp_path / "feed.jsonl").write_bytes("\n".join(good).encode() + b"\n" + pasted.encode("cp1252") + b"\n")
    found, rejects, _ = _split(read_corpus(tmp_path / "feed.jsonl"))
    assert not rejects
    assert [a.headline for a in found] == [f"Ärzte warnen – „sehr gefährlich“, sagte Müller {i}." for i in range(3)] + [
        "Café owner said “never again”."]


def test_shift_jis_article_still_reads_as_japanese(tmp_path):
    text = "橋の再開\n\n市長は月曜日、修理の後、橋が来週再開すると述べた。" * 3
    (tmp_path / "jp.txt").write_bytes(text.encode("shift_jis"))
    found, _, _ = _split(read_corpus(tmp_path / "jp.txt"))
    assert found[0].headline == "橋の再開"


# --- Feeds and exports --------------------------------------------------------------------------


def _feed_lines(n: int) -> list[str]:
    return [json.dumps({"id": f"g{i}", "text": f"Ann Lee said bridge {i} would reopen."}) for i in range(n)]


def test_feed_line_with_a_number_too_long_to_read_is_rejected_alone(tmp_path):
    lines = _feed_lines(4)
    lines.insert(2, '{"id": ' + "1" * 5000 + ', "text": "x"}')
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, rejects, _ = _split(read_corpus(path))
    assert [a.id for a in found] == ["g0", "g1", "g2", "g3"]
    assert [r.source_path for r in rejects] == [f"{path}:3"]
    assert "line 3 holds a number too long to read" in rejects[0].reason


@pytest.mark.parametrize("good_before", [2, 3000], ids=["in-the-first-64-KB", "after-64-KB"])
def test_feed_line_of_undecodable_bytes_is_rejected_alone(tmp_path, good_before):
    lines = [line.encode() for line in _feed_lines(good_before + 3)]
    lines.insert(good_before, bytes(range(0x80, 0x100)) * 3)
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    found, rejects, _ = _split(read_corpus(path))
    assert len(found) == good_before + 3
    assert [r.source_path for r in rejects] == [f"{path}:{good_before + 1}"]


def test_csv_record_with_an_unbalanced_quote_is_rejected_and_the_next_record_read(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('id,text\nr1,"ok."\nr2,"Bob Ray said it\nr3,"Jane Smith said so."\n', encoding="utf-8")
    found, rejects, _ = _split(read_corpus(path))
    assert [(a.id, a.text) for a in found] == [("r1", "ok."), ("r3", "Jane Smith said so.")]
    assert [r.source_path for r in rejects] == [f"{path}:2"]
    assert rejects[0].reason.startswith(f"{path} record 2 (line 3) opens a quoted field that is never closed")


def test_tsv_text_starting_with_a_quote_mark_does_not_swallow_the_next_record(tmp_path):
    path = tmp_path / "feed.tsv"
    path.write_text('id\ttext\nt1\tAnn Lee said the bridge would reopen.\nt2\t"We will win, the mayor said\n'
                    "t3\tJane Smith said the budget was fine.\n", encoding="utf-8")
    found, rejects, _ = _split(read_corpus(path))
    assert not rejects
    assert [(a.id, a.text) for a in found] == [
        ("t1", "Ann Lee said the bridge would reopen."), ("t2", '"We will win, the mayor said'),
        ("t3", "Jane Smith said the budget was fine."),
    ]


def test_tsv_that_quotes_the_csv_way_keeps_its_multi_line_fields(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text('id\ttext\nq1\t"Bridge reopens\nAnn Lee said ""yes""."\nq2\tPlain text here.\n', encoding="utf-8")
    found, rejects, _ = _split(read_corpus(path))
    assert not rejects
    assert [(a.id, a.paragraphs) for a in found] == [("q1", ['Ann Lee said "yes".']), ("q2", [])]


# --- Time ---------------------------------------------------------------------------------------


def _timed(call, *args):
    start = time.perf_counter()
    result = call(*args)
    return result, time.perf_counter() - start


def test_many_paragraphs_are_cleaned_in_near_linear_time():
    text = "H\n" + "\n".join(f"Paragraph {i:06d} about the city budget and its details." for i in range(15000))
    article, seconds = _timed(article_from_text, text, "x")
    assert len(article.paragraphs) == 15000 and seconds < 3


def test_pull_quote_repeating_a_sentence_is_still_dropped_among_many_paragraphs():
    pull = "We will rebuild every house on this street, the mayor said."
    body = [f"Paragraph {i:05d} about the city budget and its many details." for i in range(3000)]
    body[1500] = f"On Monday she added: {pull} Then she left."
    article = article_from_text("H\n" + "\n".join(body + [pull, body[10]]), "x")
    assert pull not in article.paragraphs and len(article.paragraphs) == 3000


def test_ten_megabyte_file_of_short_lines_is_answered_in_seconds(tmp_path):
    lines = "\n".join(f"Line {i:06d} of the council minutes, read aloud." for i in range(190_000))
    (tmp_path / "dump.txt").write_text("Minutes\n" + lines[: MAX_ARTICLE_BYTES - 100], encoding="utf-8")
    (_, rejects, _), seconds = _timed(lambda: _split(read_corpus(tmp_path / "dump.txt")))
    assert seconds < 10 and "too long" in rejects[0].reason


@pytest.mark.parametrize("markup", ["x " + "<br" * 160_000, "x <p>a</p>" + "<script" * 40_000, "<p>" + "<style>" * 40_000])
def test_unclosed_tags_are_stripped_in_linear_time(markup):
    _, seconds = _timed(markup_to_text, markup)
    assert seconds < 1.5


# --- Line and paragraph separators --------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\f", "\v", "\x85"])
def test_unicode_line_separators_split_paragraphs(separator):
    article = article_from_text(separator.join(["Bridge to reopen", "GENEVA: Ann Lee said it would.", "Bob Ray said no."]), "x")
    assert article.headline == "Bridge to reopen"
    assert article.paragraphs == ["GENEVA: Ann Lee said it would.", "Bob Ray said no."] and article.dateline == "GENEVA"


# --- Web pages ----------------------------------------------------------------------------------

PAGE = ("<!DOCTYPE html><html><head><meta charset=utf-8><title>B</title></head><body><article><h1>Bridge to reopen</h1>"
        "<p>Mayor Ann Lee said on Monday that the bridge would reopen next week after repairs.</p></article>\n")


def test_html5_page_without_closing_body_and_html_is_read(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    found, rejects, _ = _split(read_corpus(tmp_path / "page.html"))
    assert not rejects and "the bridge would reopen" in found[0].text


def test_page_with_long_script_after_its_end_is_read(tmp_path):
    page = PAGE + "</body></html>\n<script>" + "var analytics = 1;\n" * 400 + "</script>\n"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    found, rejects, _ = _split(read_corpus(tmp_path / "page.html"))
    assert not rejects and "the bridge would reopen" in found[0].text


def test_page_nested_deeper_than_the_parser_reads_says_so(tmp_path):
    page = ("<!DOCTYPE html><html><body>" + "<div>" * 300 + "<p>Mayor Ann Lee said on Monday that the bridge would reopen.</p>"
            + "</div>" * 300 + "</body></html>")
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    _, rejects, _ = _split(read_corpus(tmp_path / "deep.html"))
    assert rejects[0].reason == f"{tmp_path / 'deep.html'} is nested more than 256 levels deep; the HTML parser cannot read it."


# --- Folders ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, reason", [
    ("notes.md", ".md (not an article format)"), ("README", "no suffix (not an article format)"),
    ("feed.ndjson", ".ndjson (not an article format)"), ("feed.jsonl.gz", ".gz (not an article format)"),
])
def test_folder_file_of_another_format_is_a_skip_with_its_suffix(tmp_path, name, reason):
    _story(tmp_path)
    (tmp_path / name).write_text(STORY, encoding="utf-8")
    found, _, skips = _split(read_corpus(tmp_path))
    assert [a.id for a in found] == ["good"]
    assert skips == [Skip(str(tmp_path / name), reason)]


def test_dangling_symlink_in_a_folder_is_a_skip(tmp_path):
    _story(tmp_path)
    (tmp_path / "gone.txt").symlink_to("/nonexistent.txt")
    assert _split(read_corpus(tmp_path))[2] == [Skip(str(tmp_path / "gone.txt"), "dangling symlink")]


def test_self_looping_symlink_in_a_folder_is_a_skip(tmp_path):
    _story(tmp_path)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert _split(read_corpus(tmp_path))[2] == [Skip(str(tmp_path / "loop.txt"), "symlink loop")]


def test_fifo_in_a_folder_is_a_skip_and_is_not_opened(tmp_path):
    _story(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    assert _split(read_corpus(tmp_path))[2] == [Skip(str(tmp_path / "pipe.txt"), "not a regular file (FIFO)")]


def test_symlinked_subfolder_is_read_and_a_folder_loop_is_a_skip(tmp_path):
    corpus, real = tmp_path / "corpus", tmp_path / "real"
    corpus.mkdir(), real.mkdir()
    _story(corpus, "a.txt"), _story(real, "b.txt")
    (corpus / "linked").symlink_to(real)
    (real / "back").symlink_to(corpus)
    found, _, skips = _split(read_corpus(corpus))
    assert [a.source_path for a in found] == [str(corpus / "a.txt"), str(corpus / "linked" / "b.txt")]
    assert skips == [Skip(str(corpus / "linked" / "back"), "symlink loop")]


def test_subfolder_that_cannot_be_read_is_a_skip(tmp_path, monkeypatch):
    _story(tmp_path)
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path="."):  # chmod cannot lock out root, who may run the tests
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found, _, skips = _split(read_corpus(tmp_path))
    assert [a.id for a in found] == ["good"]
    assert skips == [Skip(str(tmp_path / "locked"), "folder could not be read: permission denied")]


def test_output_folder_inside_the_corpus_is_skipped_not_read(tmp_path):
    _story(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "quotes.csv").write_text("id,text\nq1,We will win.\n", encoding="utf-8")
    found, _, skips = _split(read_corpus(tmp_path, exclude=[tmp_path / "out"]))
    assert [a.id for a in found] == ["good"]
    assert skips == [Skip(str(tmp_path / "out" / "quotes.csv"), "inside the output folder")]


def test_empty_string_as_corpus_is_an_error_not_the_current_folder(tmp_path, monkeypatch):
    _story(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="'' names no file, folder or pattern"):
        list(read_corpus(""))


def test_path_inside_an_unreadable_folder_is_a_reject_and_the_rest_read(tmp_path, monkeypatch):
    good = _story(tmp_path)
    locked = tmp_path / "locked" / "story.txt"
    for name in ("stat", "lstat", "open"):
        real = getattr(os, name)

        def refusing(path, *args, _real=real, **kwargs):  # chmod cannot lock out root
            if "locked" in os.fspath(path):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, refusing)
    found, rejects, _ = _split(read_corpus([locked, good]))
    assert [a.id for a in found] == ["good"]
    assert rejects == [Reject(str(locked), f"{locked} could not be read: permission denied.")]


# --- Things that are not files ------------------------------------------------------------------


def _read_in_child(target: str, seconds: int = 30) -> str:
    """The items read from `target` in a child process with bounded memory and time, so a reader
    that blocks or reads without end fails the test instead of the machine."""
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30));"
              "from medialens.io.corpus import read_corpus;"
              "print([(type(i).__name__, getattr(i, 'reason', '')) for i in read_corpus(sys.argv[1])])")
    try:
        done = subprocess.run([sys.executable, "-c", script, target], capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        return "timed out"
    return done.stdout.strip() or done.stderr.strip()[-300:]


def test_fifo_named_directly_is_rejected_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    shown = _read_in_child(str(tmp_path / "x.txt"), seconds=20)
    assert shown == str([("Reject", f"{tmp_path / 'x.txt'} is not a regular file (a FIFO); only files are read.")])


def test_device_matched_by_a_glob_is_rejected_not_read_without_end(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("needs /dev/zero")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    shown = _read_in_child(str(tmp_path / "*.txt"))
    assert shown == str([("Reject", f"{tmp_path / 'zero.txt'} is not a regular file (a character device); only files are read.")])


def test_a_quote_inside_a_quoted_paragraph_never_turns_a_paragraph_into_an_article(tmp_path):
    feed = tmp_path / "export.csv"
    feed.write_text('id,text\nr1,"Bridge to reopen\n\nMayor Ann Lee, who said the "new" bridge would reopen.\n'
                    'She said the work was done."\nr2,"Bob Ray said so."\n', encoding="utf-8")
    articles_, rejects, _ = _split(read_corpus(feed))
    assert [a.id for a in articles_] == ["r2"]
    assert [r.source_path for r in rejects] == [f"{feed}:1"]


def test_spaces_after_the_closing_quote_of_a_multiline_field_still_close_it(tmp_path):
    feed = tmp_path / "export.csv"
    feed.write_text('id,text\nr1,"Bridge to reopen\n\nShe said it was done." \nr2,"Bob Ray said so."\n', encoding="utf-8")
    articles_, rejects, _ = _split(read_corpus(feed))
    assert [a.id for a in articles_] == ["r1", "r2"] and not rejects

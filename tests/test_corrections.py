"""A user's corrections file (`aliases.csv`): names merged or kept apart and quotes dropped in
every table, applied on a re-run from the cache, recorded in the manifest and checked line by line."""
from __future__ import annotations

import logging

import pytest

from medialens.corrections import CorrectionsError, find_corrections, read_corrections


def write(path, text: str, encoding: str = "utf-8"):
    path.write_text(text, encoding=encoding)
    return path


# ---------------------------------------------------------------------------- reading the file


def test_a_file_of_the_three_actions_reads_as_merges_pairs_and_quote_ids(tmp_path):
    path = write(tmp_path / "aliases.csv", "action,name,target,note\n"
                 "merge,Donald J. Trump,Donald Trump,same man\n"
                 "merge,  TRUMP ,Donald J. Trump,\n"
                 "separate,Clinton,Bill Clinton,\n"
                 "\n"
                 "# not_quote,a1-q009,\n"
                 "not_quote,a1-q003,,\n")
    corrections = read_corrections(path)
    assert corrections.merges == {"donald j. trump": "Donald Trump", "trump": "Donald Trump"}
    assert corrections.apart == {frozenset({"clinton", "bill clinton"})}
    assert corrections.not_quotes == {"a1-q003"}
    assert corrections.entry()["path"] == str(path)
    assert len(corrections.entry()["digest"]) == 64


def test_a_spreadsheet_saved_with_semicolons_and_a_byte_order_mark_reads(tmp_path):
    path = write(tmp_path / "aliases.csv", "\ufeffAction;Name;Target\nmerge;Erdogan;Recep Tayyip Erdogan\n")
    assert read_corrections(path).merges == {"erdogan": "Recep Tayyip Erdogan"}


def test_an_unknown_action_is_one_line_naming_the_file_and_line(tmp_path):
    path = write(tmp_path / "aliases.csv", "action,name,target\nmerge,A B,C D\nmerg,Trump,Donald Trump\n")
    with pytest.raises(CorrectionsError) as e:
        read_corrections(path)
    assert str(e.value) == f"{path}:3: unknown action 'merg' (use merge, separate or not_quote)"


def test_a_missing_column_names_the_header_line(tmp_path):
    path = write(tmp_path / "aliases.csv", "\naction,name\nmerge,Trump\n")
    with pytest.raises(CorrectionsError, match=r"aliases.csv:2: no target column \(the first row must name"):
        read_corrections(path)


@pytest.mark.parametrize("rows, message", [
    ("merge,Trump,\n", "aliases.csv:2: merge needs a target"),
    ("not_quote,,\n", "aliases.csv:2: not_quote needs a quote_id in the name column"),
    ("merge,Trump,trump\n", "aliases.csv:2: name and target are the same name"),
    ("merge,Trump,Donald Trump\nmerge,trump,Melania Trump\n",
     "aliases.csv:3: 'trump' is merged into 'Donald Trump' on line 2 and into 'Melania Trump' here"),
    ("merge,A B,C D\nmerge,C D,A B\n", "merges go round in a circle"),
    ("merge,Clinton,Bill Clinton\nseparate,Bill Clinton,Clinton\n", "is merged into 'Bill Clinton' and also kept apart"),
])
def test_a_row_that_cannot_be_applied_is_an_error_naming_its_line(tmp_path, rows, message):
    path = write(tmp_path / "aliases.csv", "action,name,target\n" + rows)
    with pytest.raises(CorrectionsError, match=message):
        read_corrections(path)


def test_merges_in_a_chain_go_to_the_last_name(tmp_path):
    path = write(tmp_path / "aliases.csv", "action,name,target\nmerge,Trump,Donald J. Trump\nmerge,Donald J. Trump,Donald Trump\n")
    assert read_corrections(path).merges == {"trump": "Donald Trump", "donald j. trump": "Donald Trump"}


def test_the_file_beside_the_corpus_folder_is_found_and_one_inside_it_is_not(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDIALENS_ALIASES", raising=False)
    (tmp_path / "news").mkdir()
    write(tmp_path / "news" / "aliases.csv", "action,name,target\n")
    assert find_corrections(tmp_path / "news") is None
    beside = write(tmp_path / "aliases.csv", "action,name,target\n")
    assert find_corrections(tmp_path / "news") == beside
    assert find_corrections(str(tmp_path / "news" / "*.txt")) is None
    assert find_corrections(tmp_path / "news", given=False) is None


def test_a_named_file_that_is_not_there_is_an_error(tmp_path):
    with pytest.raises(CorrectionsError, match="missing.csv: no such corrections file"):
        find_corrections(tmp_path, given=tmp_path / "missing.csv")


# ---------------------------------------------------------------------------- applying it to tables


def entity(article, name, label="PERSON", mentions=1, aliases=""):
    return {"article_id": article, "entity": name, "label": label, "mentions": mentions, "first_paragraph": 1,
            "in_headline": False, "aliases": aliases}


def quote(article, n, speaker, kind="direct", words=5, speaker_type="person"):
    return {"article_id": article, "quote_id": f"{article}-q{n:03d}", "kind": kind, "text": "x " * words, "start": 0,
            "end": 1, "paragraph": 1, "in_headline": False, "cue": "said", "speaker": speaker,
            "speaker_canonical": speaker, "speaker_type": speaker_type, "speaker_role": None, "words": words,
            "speaker_affiliation": None, "speaker_gender": None}


def tables_of(entities, quotes):
    from medialens.tables import Tables, frame

    sources = []
    for q in quotes:
        row = next((s for s in sources if (s["article_id"], s["speaker_canonical"]) == (q["article_id"], q["speaker_canonical"])), None)
        if row is None:
            row = {"article_id": q["article_id"], "speaker_canonical": q["speaker_canonical"], "speaker_type": q["speaker_type"],
                   "speaker_role": None, "quotes": 0, "direct": 0, "indirect": 0, "mixed": 0, "words": 0,
                   "affiliation": None, "gender": None}
            sources.append(row)
        row["quotes"] += 1
        row[q["kind"]] += 1
        row["words"] += q["words"]
    return Tables(articles=frame("articles", []), entities=frame("entities", entities), quotes=frame("quotes", quotes),
                  sources=frame("sources", sources), rejects=frame("rejects", []))


def corrected(tmp_path, tables, rows: str):
    from medialens.writer import canonicalize_tables

    return canonicalize_tables(tables, read_corrections(write(tmp_path / "aliases.csv", "action,name,target\n" + rows)))


def test_a_merged_name_is_the_target_in_entities_quotes_and_sources(tmp_path):
    tables = tables_of(
        [entity("a1", "Tayyip", mentions=2), entity("a1", "Recep Tayyip Erdogan", mentions=3), entity("a2", "Ankara", "GPE")],
        [quote("a1", 1, "Tayyip", words=4), quote("a1", 2, "Recep Tayyip Erdogan", kind="indirect", words=6)],
    )
    out = corrected(tmp_path, tables, "merge,tayyip,Recep Tayyip Erdogan\n")
    assert out.entities[["article_id", "entity", "mentions", "aliases"]].values.tolist() == [
        ["a1", "Recep Tayyip Erdogan", 5, "Tayyip"], ["a2", "Ankara", 1, ""]]
    assert out.quotes["speaker_canonical"].tolist() == ["Recep Tayyip Erdogan", "Recep Tayyip Erdogan"]
    assert out.quotes["speaker"].tolist() == ["Tayyip", "Recep Tayyip Erdogan"]  # as written
    assert out.sources[["speaker_canonical", "quotes", "direct", "indirect", "words"]].values.tolist() == [
        ["Recep Tayyip Erdogan", 2, 1, 1, 10]]


def test_a_merged_name_takes_the_label_of_its_target(tmp_path):
    tables = tables_of([entity("a1", "Moscow", "GPE"), entity("a2", "Kremlin", "ORG")], [])
    out = corrected(tmp_path, tables, "merge,Moscow,Kremlin\n")
    assert out.entities[["article_id", "entity", "label", "aliases"]].values.tolist() == [
        ["a1", "Kremlin", "ORG", "Moscow"], ["a2", "Kremlin", "ORG", ""]]


def test_not_quote_drops_the_row_and_takes_its_counts_off_the_source(tmp_path):
    tables = tables_of([entity("a1", "Ana Silva")], [
        quote("a1", 1, "Ana Silva", words=4), quote("a1", 2, "Ana Silva", kind="mixed", words=7),
        quote("a1", 3, "Tom Reed", words=3)])
    out = corrected(tmp_path, tables, "not_quote,a1-q002,\nnot_quote,a1-q003,\n")
    assert out.quotes["quote_id"].tolist() == ["a1-q001"]
    assert out.sources[["speaker_canonical", "quotes", "direct", "mixed", "words"]].values.tolist() == [["Ana Silva", 1, 1, 0, 4]]


def test_separate_keeps_a_surname_apart_from_the_one_full_name_the_corpus_would_join_it_to(tmp_path):
    tables = tables_of([entity("a1", "Hillary Clinton", mentions=4), entity("a2", "Clinton", mentions=2)],
                       [quote("a2", 1, "Clinton")])
    joined = corrected(tmp_path, tables, "")
    assert joined.entities["entity"].tolist() == ["Hillary Clinton", "Hillary Clinton"]
    assert joined.quotes["speaker_canonical"].tolist() == ["Hillary Clinton"]
    apart = corrected(tmp_path, tables, "separate,Clinton,Hillary Clinton\n")
    assert apart.entities[["article_id", "entity", "mentions"]].values.tolist() == [["a1", "Hillary Clinton", 4], ["a2", "Clinton", 2]]
    assert apart.quotes["speaker_canonical"].tolist() == ["Clinton"]
    assert apart.sources["speaker_canonical"].tolist() == ["Clinton"]


def test_a_name_found_nowhere_is_a_warning_naming_its_line(tmp_path, caplog):
    tables = tables_of([entity("a1", "Ana Silva")], [quote("a1", 1, "Ana Silva")])
    with caplog.at_level(logging.WARNING, logger="medialens"):
        out = corrected(tmp_path, tables, "merge,Ana Silva,Ana M. Silva\nmerge,Tom Reed,Thomas Reed\nnot_quote,a1-q099,\n")
    assert out.quotes["speaker_canonical"].tolist() == ["Ana M. Silva"]
    path = tmp_path / "aliases.csv"
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:3: merge 'Tom Reed': no entity, speaker or source has this name",
        f"{path}:4: not_quote 'a1-q099': no quote has this quote_id"]


# ---------------------------------------------------------------------------- a run, its cache and its manifest

SEED_ID = "001"


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A corpus folder of the seed article, settled, with no corrections file beside it yet."""
    import os
    import shutil
    import time

    from locations import SEEDS

    monkeypatch.delenv("MEDIALENS_ALIASES", raising=False)
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), folder / f"{SEED_ID}.txt")
    past = time.time_ns() - 3600 * 10**9
    for f in (folder, folder / f"{SEED_ID}.txt"):
        os.utime(f, ns=(past, past))
    return folder


@pytest.fixture
def parses(monkeypatch):
    """How many times extraction parsed articles with the model."""
    import medialens.extract as ex

    calls = []
    real = ex.parse_articles

    def counted(articles, *args, **kwargs):
        calls.append(len(articles))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(ex, "parse_articles", counted)
    return calls


def run(corpus, out, cache, **kwargs):
    from medialens.extract import extract_to

    return extract_to(corpus, out, cache=cache, workers=1, progress=False, **kwargs)


def test_a_rerun_with_an_edited_file_applies_it_without_parsing(corpus, tmp_path, parses):
    from medialens.manifest import read_manifest
    from medialens.tables import read_tables

    out, cache = tmp_path / "out", tmp_path / "cache"
    aliases = write(tmp_path / "aliases.csv", "action,name,target\nmerge,Sergei Lavrov,Lavrov\n")
    run(corpus, out, cache)
    assert parses == [1]
    first = read_tables(out)
    assert "Lavrov" in set(first.sources["speaker_canonical"]) and "Sergei Lavrov" not in set(first.entities["entity"])
    digest = read_manifest(out)["corrections"]["digest"]

    dropped = first.quotes["quote_id"].iloc[0]
    write(aliases, f"action,name,target\nmerge,Recep Tayyip Erdogan,Erdogan\nnot_quote,{dropped},\n")
    summary = run(corpus, out, cache)
    assert parses == [1]  # the second run parsed nothing
    second = read_tables(out)
    assert "Sergei Lavrov" in set(second.sources["speaker_canonical"])
    assert "Erdogan" in set(second.sources["speaker_canonical"]) and "Recep Tayyip Erdogan" not in set(second.entities["entity"])
    assert dropped not in set(second.quotes["quote_id"])
    assert len(second.quotes) == len(first.quotes) - 1 == summary.counts["quotes"]
    assert sum(second.sources["quotes"]) == sum(first.sources["quotes"]) - 1
    assert read_manifest(out)["corrections"] == {"path": str(aliases), "digest": read_corrections(aliases).digest}
    assert read_manifest(out)["corrections"]["digest"] != digest


def test_the_manifest_records_the_file_so_an_edit_makes_the_tables_out_of_date(corpus, tmp_path):
    from medialens.manifest import current_tables, read_manifest

    out = tmp_path / "out"
    run(corpus, out, False)
    assert "corrections" not in read_manifest(out)
    assert current_tables(corpus, out) is not None
    aliases = write(tmp_path / "aliases.csv", "action,name,target\nmerge,Sergei Lavrov,Lavrov\n")
    assert current_tables(corpus, out) is None  # a file added beside the corpus
    run(corpus, out, False)
    assert current_tables(corpus, out) is not None
    write(aliases, "action,name,target\nmerge,Sergei Lavrov,S. Lavrov\n")
    assert current_tables(corpus, out) is None  # the file edited since


def test_a_bad_file_stops_extract_with_one_line_before_anything_is_parsed(corpus, tmp_path, parses, capsys):
    from medialens.cli import main

    bad = write(tmp_path / "fixes.csv", "action,name,target\nmerge,Lavrov,Sergei Lavrov\nrename,Lavrov,Sergei\n")
    status = main(["extract", str(corpus), "--out", str(tmp_path / "out"), "-q", "--aliases", str(bad)])
    assert status == 1
    assert capsys.readouterr().err == f"medialens: {bad}:3: unknown action 'rename' (use merge, separate or not_quote)\n"
    assert parses == [] and not (tmp_path / "out" / "quotes.csv").exists()


def test_extract_says_which_corrections_file_it_applied(corpus, tmp_path, capsys):
    from medialens.cli import main

    fixes = write(tmp_path / "fixes.csv", "action,name,target\nmerge,Sergei Lavrov,Lavrov\n")
    assert main(["extract", str(corpus), "--out", str(tmp_path / "out"), "-q", "--no-cache", "--aliases", str(fixes)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"corrections applied: {fixes}"


def test_the_report_page_says_which_corrections_file_was_applied(tmp_path):
    from medialens.provenance import provenance, provenance_html
    from medialens.report import corrections_line
    from medialens.report_page import write_report_html

    line = corrections_line({"path": "/data/aliases.csv", "digest": "0123456789abcdef" * 4})
    assert line == "Corrections applied from /data/aliases.csv (sha256 0123456789ab)."
    intro = provenance_html(provenance("corpus", tmp_path, corrections=line))
    page = write_report_html([], tmp_path / "report.html", intro=intro).read_text(encoding="utf-8")
    assert "<dt>Corrections</dt><dd>Corrections applied from /data/aliases.csv (sha256 0123456789ab).</dd>" in page
    assert corrections_line(None) == "Corrections: none applied (no aliases.csv beside the corpus, no --aliases)."

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

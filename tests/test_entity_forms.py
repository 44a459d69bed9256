"""Which written forms can be entities at all: names, never contractions, punctuation or
common nouns the tagger took for names."""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from medialens.entities import clean_name, group_entities
from medialens.entities.mentions import is_name_form


def _tagged(words: list[str], ents: list[str]) -> Doc:
    """A Doc whose named entities are given (IOB tags), as a tagger might have slipped."""
    return Doc(Vocab(), words=words, ents=ents)


def test_a_contraction_is_never_a_name():
    assert not is_name_form("n’t", "GPE")
    assert not is_name_form("s", "PERSON")


def test_punctuation_is_never_a_name():
    assert not is_name_form("--", "ORG")
    assert not is_name_form("’", "PERSON")


def test_a_common_noun_in_lower_case_is_not_a_name():
    assert not is_name_form("mosques", "FAC")
    assert not is_name_form("election matchup", "PERSON")
    assert not is_name_form("the", "ORG")


def test_names_with_a_capital_anywhere_stay():
    assert is_name_form("de Blasio", "PERSON")
    assert is_name_form("iPhone", "PRODUCT")
    assert is_name_form("U.S.", "GPE")


def test_dates_and_figures_in_lower_case_stay():
    assert is_name_form("last week", "DATE")
    assert is_name_form("two", "CARDINAL")


def test_tagged_contraction_and_common_noun_leave_the_entities():
    words = ["Voters", "did", "n’t", "trust", "Clinton", "near", "the", "mosques", "in", "Queens", "."]
    ents = ["O", "O", "B-GPE", "O", "B-PERSON", "O", "O", "B-FAC", "O", "B-GPE", "O"]
    names = {(e.name, e.label) for e in group_entities(_tagged(words, ents), labels=None)}
    assert names == {("Clinton", "PERSON"), ("Queens", "GPE")}


def test_a_surname_the_tagger_calls_a_building_joins_the_full_name():
    words = ["Sen.", "Marco", "Rubio", "trails", "in", "the", "poll", ".", "Rubio", "is", "behind", "."]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-FAC", "O", "O", "O"]
    found = [(e.name, e.label, len(e.mentions)) for e in group_entities(_tagged(words, ents), labels=None)]
    assert found == [("Marco Rubio", "PERSON", 2)]


def test_a_firm_named_after_a_family_does_not_take_the_bare_surname():
    words = ["Goldman", "Sachs", "reported", "earnings", ".", "Sachs", "said", "the", "bank", "was", "strong", "."]
    ents = ["B-ORG", "I-ORG", "O", "O", "O", "B-PERSON", "O", "O", "O", "O", "O", "O"]
    found = {(e.name, e.label) for e in group_entities(_tagged(words, ents), labels=None)}
    assert found == {("Goldman Sachs", "ORG"), ("Sachs", "PERSON")}


def test_a_name_ends_on_a_name_word_not_on_a_function_word():
    assert clean_name("Office of the Secretary of") == "Office of the Secretary"
    assert clean_name("Article 33 of the") == "Article 33"
    assert clean_name("State Department - before") == "State Department"
    assert clean_name("Bank of America") == "Bank of America"


def test_a_capitalised_function_word_alone_is_not_a_name():
    assert not is_name_form("The", "ORG")


def test_a_figure_before_a_place_noun_is_not_a_place(nlp):
    doc = nlp("Wall planned\n\nSmugglers cross the 2,000-mile border every night, and the border is hard to patrol.")
    labels = {e.name: e.label for e in group_entities(doc, labels=None)}
    assert labels.get("2,000-mile") != "GPE"


def test_an_organisation_whose_first_word_is_no_first_name_does_not_take_a_bare_word():
    words = ["The", "Ku", "Klux", "Klan", "endorsed", "him", ".", "Klan", "leaders", "cheered", "."]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "O", "B-PERSON", "O", "O", "O"]
    found = {(e.name, e.label) for e in group_entities(_tagged(words, ents), labels=None)}
    assert found == {("Ku Klux Klan", "ORG"), ("Klan", "PERSON")}

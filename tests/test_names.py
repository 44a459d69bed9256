"""Name keys and the one spelling per person (medialens.names)."""
from medialens.names import join_middle_initials, join_spellings, name_key, person_key, person_words, without_titles


def test_titles_and_initials_leave_the_person_key():
    assert person_key("Mr. Donald J. Trump") == ("donald", "trump")
    assert person_key("Sen. Elizabeth Warren") == ("elizabeth", "warren")
    assert person_key("Trump") == ("trump",)


def test_a_junior_keeps_a_key_apart_from_the_father():
    assert person_key("Donald Trump Jr.") == ("donald", "jr")


def test_person_words_keep_an_apostrophe_surname_whole():
    assert person_words("Gov. Martin J. O'Malley") == ["martin", "o'malley"]


def test_name_without_titles_keeps_a_bare_title():
    assert without_titles("Madame Christine Lagarde") == "Christine Lagarde"
    assert without_titles("Mr.") == "Mr."


def test_entity_key_folds_titles_and_a_nationality_plural_and_keeps_a_middle_initial():
    assert name_key("Mr. Donald J. Trump", "PERSON") == "donald j trump"
    assert name_key("Republicans", "NORP") == "republican"
    assert name_key("U.S.", "GPE") == "us"


def test_spellings_of_one_person_take_the_most_weighted():
    target = join_spellings({"Donald J. Trump": 1, "Donald Trump": 5, "Hillary Clinton": 2})
    assert target == {"Donald J. Trump": "Donald Trump", "Donald Trump": "Donald Trump", "Hillary Clinton": "Hillary Clinton"}


def test_equal_weights_take_the_longer_spelling_then_the_last_alphabetically():
    assert join_spellings({"Donald Trump": 2, "Donald J. Trump": 2})["Donald Trump"] == "Donald J. Trump"
    assert join_spellings({"Hillary R. Clinton": 1, "Hillary D. Clinton": 1})["Hillary D. Clinton"] == "Hillary R. Clinton"


def test_surname_joins_the_one_full_name():
    target = join_spellings({"Trump": 3, "Mr. Trump": 1, "Donald Trump": 1, "Donald J. Trump": 2})
    assert target == {"Trump": "Donald J. Trump", "Mr. Trump": "Donald J. Trump",
                      "Donald Trump": "Donald J. Trump", "Donald J. Trump": "Donald J. Trump"}


def test_surname_stays_apart_when_two_full_names_end_with_it():
    target = join_spellings({"Trump": 3, "Donald Trump": 1, "Melania Trump": 1})
    assert target == {"Trump": "Trump", "Donald Trump": "Donald Trump", "Melania Trump": "Melania Trump"}


def test_an_apostrophe_surname_is_one_word_of_the_entity_key():
    assert name_key("Michael O'Hanlon", "PERSON") == "michael o'hanlon"
    assert name_key("Mr. O'Hanlon", "PERSON") == "o'hanlon"


def test_typographic_and_plain_apostrophes_are_one_spelling():
    assert name_key("James O’Neill", "PERSON") == name_key("James O'Neill", "PERSON") == "james o'neill"
    assert person_key("Commissioner O’Neill") == person_key("Commissioner O'Neill") == ("commissioner", "o'neill")


def test_a_middle_initial_joins_the_plain_name_when_it_is_the_only_one():
    assert join_middle_initials(["donald j trump", "donald trump", "trump"]) == {"donald j trump": "donald trump"}


def test_two_middle_initials_are_two_people_and_the_plain_name_joins_neither():
    assert join_middle_initials(["george w bush", "george p bush", "george bush"]) == {}


def test_a_symbol_inside_a_word_does_not_make_an_initial():
    assert name_key("Enrique PeÃ±a Nieto", "PERSON") == "enrique peãa nieto"
    assert name_key("PeÃ±a Nieto", "PERSON") == "peãa nieto"

"""Gender as the text presents it: first names, titles, role nouns and pronouns, and `unknown`."""
from __future__ import annotations

from medialens.gender import Evidence, decide, first_name, infer_gender, name_evidence


def test_first_name_skips_titles_and_initials():
    assert first_name("Mr. J. Robert Smith") == "Robert"
    assert first_name("Recep Tayyip Erdogan") == "Recep"


def test_a_surname_alone_has_no_first_name():
    assert first_name("Erdogan") is None
    assert name_evidence("Erdogan") == []


def test_first_name_from_the_offline_name_list():
    assert infer_gender("Ruth Hetherington") == "female"
    assert infer_gender("Sergei Lavrov") == "male"


def test_name_used_mostly_for_one_gender_is_not_enough_alone():
    # gender-guesser lists Chris as "mostly_male": weak evidence
    assert infer_gender("Chris Smith") == "unknown"
    assert infer_gender("Chris Smith", pronouns=["he"]) == "male"


def test_title_decides_when_the_name_is_not_listed():
    assert infer_gender("Yusef Hamoud") == "unknown"
    assert infer_gender("Hamoud", titles=["Mr."]) == "male"
    assert infer_gender("Warren", titles=["Ms"]) == "female"
    assert infer_gender("Warren", titles=["Dr."]) == "unknown"


def test_gendered_role_noun_counts():
    assert infer_gender("Yusef Hamoud", descriptions=["spokesman for the National Army"]) == "male"
    # a weak name (Lee: mostly male) does not outvote a strong role noun
    assert infer_gender("Lee Ann Cho", descriptions=["ICRC spokeswoman"]) == "female"
    assert infer_gender("Yusef Hamoud", descriptions=["spokesperson"]) == "unknown"


def test_conflicting_evidence_gives_unknown():
    assert infer_gender("Ruth Hetherington", pronouns=["he"]) == "unknown"
    assert decide([Evidence("female", "strong", "name"), Evidence("male", "strong", "title")]) == "unknown"


def test_no_evidence_gives_unknown():
    assert decide([]) == "unknown"


def test_name_list_can_be_switched_off():
    assert infer_gender("Ruth Hetherington", use_name=False) == "unknown"
    assert infer_gender("Ruth Hetherington", pronouns=["she"], use_name=False) == "female"

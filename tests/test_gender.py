"""Gender as the text presents it: first names, titles, role nouns and pronouns, and `unknown`;
and what changes when gender-guesser's first-name list is not installed."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from locations import SEEDS
from medialens.gender import (
    Evidence, _detector, decide, first_name, first_name_list_available, infer_gender, name_evidence, name_list_note,
)

# gender-guesser comes with `medialens[gender]` (requirements.txt installs it); without it the
# tests of what first names say cannot run, and the tests below show what happens instead.
needs_name_list = pytest.mark.skipif(importlib.util.find_spec("gender_guesser") is None,
                                     reason="gender-guesser is not installed (pip install medialens[gender])")


@pytest.fixture
def without_name_list(monkeypatch):
    """gender-guesser as if it were not installed: importing it fails."""
    monkeypatch.setitem(sys.modules, "gender_guesser", None)
    monkeypatch.setitem(sys.modules, "gender_guesser.detector", None)
    _detector.cache_clear()  # the detector is loaded once per process: forget the real one
    yield
    _detector.cache_clear()


def test_first_name_skips_titles_and_initials():
    assert first_name("Mr. J. Robert Smith") == "Robert"
    assert first_name("Recep Tayyip Erdogan") == "Recep"


def test_a_surname_alone_has_no_first_name():
    assert first_name("Erdogan") is None
    assert name_evidence("Erdogan") == []


@needs_name_list
def test_first_name_from_the_offline_name_list():
    assert infer_gender("Ruth Hetherington") == "female"
    assert infer_gender("Sergei Lavrov") == "male"


@needs_name_list
def test_name_used_mostly_for_one_gender_is_not_enough_alone():
    # gender-guesser lists Chris as "mostly_male": weak evidence
    assert infer_gender("Chris Smith") == "unknown"
    assert infer_gender("Chris Smith", pronouns=["he"]) == "male"


@needs_name_list
def test_title_decides_when_the_name_is_not_listed():
    assert infer_gender("Yusef Hamoud") == "unknown"
    assert infer_gender("Hamoud", titles=["Mr."]) == "male"
    assert infer_gender("Warren", titles=["Ms"]) == "female"
    assert infer_gender("Warren", titles=["Dr."]) == "unknown"


@needs_name_list
def test_gendered_role_noun_counts():
    assert infer_gender("Yusef Hamoud", descriptions=["spokesman for the National Army"]) == "male"
    # a weak name (Lee: mostly male) does not outvote a strong role noun
    assert infer_gender("Lee Ann Cho", descriptions=["ICRC spokeswoman"]) == "female"
    assert infer_gender("Yusef Hamoud", descriptions=["spokesperson"]) == "unknown"


@needs_name_list
def test_conflicting_evidence_gives_unknown():
    assert infer_gender("Ruth Hetherington", pronouns=["he"]) == "unknown"
    assert decide([Evidence("female", "strong", "name"), Evidence("male", "strong", "title")]) == "unknown"


def test_no_evidence_gives_unknown():
    assert decide([]) == "unknown"


@needs_name_list
def test_name_list_can_be_switched_off():
    assert infer_gender("Ruth Hetherington", use_name=False) == "unknown"
    assert infer_gender("Ruth Hetherington", pronouns=["she"], use_name=False) == "female"


@needs_name_list
def test_the_name_list_is_reported_available_when_installed():
    assert first_name_list_available()
    assert name_list_note() == ""


def test_without_the_name_list_a_bare_first_name_is_unknown(without_name_list):
    assert not first_name_list_available()
    assert name_evidence("Ruth Hetherington") == []
    assert infer_gender("Ruth Hetherington") == "unknown"
    assert infer_gender("Sergei Lavrov") == "unknown"


def test_without_the_name_list_titles_role_nouns_and_pronouns_still_count(without_name_list):
    assert infer_gender("Ruth Hetherington", titles=["Ms."]) == "female"
    assert infer_gender("Hamoud", titles=["Mr."]) == "male"
    assert infer_gender("Ruth Hetherington", descriptions=["ICRC spokeswoman"]) == "female"
    assert infer_gender("Sergei Lavrov", pronouns=["he"]) == "male"


def test_without_the_name_list_a_report_can_say_so_in_one_line(without_name_list):
    note = name_list_note()
    assert note and "\n" not in note
    assert "medialens[gender]" in note and "unknown" in note


def test_without_the_name_list_the_seed_is_still_extracted(without_name_list, tmp_path):
    from medialens.extract import extract

    tables = extract(SEEDS, out=tmp_path, cache=False, workers=1, progress=False)
    assert len(tables.rejects) == 0
    genders = dict(zip(tables.sources["speaker_canonical"], tables.sources["gender"]))
    # the seed calls her an ICRC spokeswoman, and him `he`
    assert genders["Ruth Hetherington"] == "female"
    assert genders["Sergei Lavrov"] == "male"

"""Notebook parameters that name things: a value that names nothing known is refused, naming the
valid values and the close one; `article_id` says which tables it restricts."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from locations import SEEDS
from medialens import cli, report
from medialens.entities import DEFAULT_LABELS
from medialens.notebook import (
    ENUMERATED, article_choice, check_parameters, choices, parameter_value, scope_line, shown_article_line, speaker_choice,
)
from medialens.report import checked_parameters, declared_parameters, run_report

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
KINDS = ["direct", "mixed", "indirect"]
ARTICLES = pd.DataFrame({"article_id": ["nyt_2016-10-02_a-curious-plan", "wapo_2016-10-03_b", "ap_2016-10-04_c"]})


def test_a_kind_no_quote_has_is_refused_naming_the_valid_kinds_and_the_close_one():
    with pytest.raises(ValueError) as e:
        choices("kinds", "direct,drect", KINDS, "a quote kind")
    assert str(e.value) == "kinds: 'drect' is not a quote kind; valid: direct, mixed, indirect; did you mean direct?"


def test_a_value_far_from_every_valid_one_suggests_nothing():
    with pytest.raises(ValueError) as e:
        choices("kinds", "zzz", KINDS, "a quote kind")
    assert "did you mean" not in str(e.value) and "valid: direct, mixed, indirect" in str(e.value)


def test_values_are_taken_in_any_case_and_spelt_as_listed():
    assert choices("labels", "person, Org", DEFAULT_LABELS, "an entity label") == ["PERSON", "ORG"]
    assert choices("kinds", ["Direct", "direct"], KINDS) == ["direct"]


def test_an_empty_list_parameter_keeps_every_value():
    assert choices("kinds", "", KINDS) == KINDS


@pytest.mark.parametrize("name, value, message", [
    ("kinds", "drect", "is not a quote kind"),
    ("speaker_types", "persn", "is not a source type; valid: person, anonymous, organisation, group, unknown; did you mean person?"),
    ("labels", "PERSN,ORG", "is not an entity label"),
    ("metric", "wordz", "metric: 'wordz' is not a metric; valid: quotes, words; did you mean words?"),
    ("metric", "quotes,words", "is not a metric"),
])
def test_every_enumerated_parameter_refuses_a_value_it_does_not_know(name, value, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parameter_value(name, value, "str")


def test_a_list_parameter_given_as_text_stays_text_spelt_as_listed():
    assert parameter_value("labels", "person,gpe", "str") == "PERSON,GPE"
    assert parameter_value("metric", "Words", "str") == "words"


def test_a_notebooks_check_cell_refuses_a_misspelt_kind():
    namespace = {"__annotations__": {"kinds": str, "top_n": int}, "kinds": "drect", "top_n": 5}
    with pytest.raises(ValueError, match="kinds: 'drect'"):
        check_parameters(namespace)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_help_of_an_enumerated_parameter_names_every_value_it_takes(path):
    for name, p in report.pm.inspect_notebook(str(path)).items():
        if name in ENUMERATED:
            assert all(v in p["help"] for v in ENUMERATED[name][1]), (name, p["help"])


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if "article_id" in report.pm.inspect_notebook(str(p))],
                         ids=lambda p: p.name)
def test_a_notebook_with_article_id_prints_which_articles_it_restricts(path):
    source = "".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"])
    assert "print(scope_line(" in source or "print(shown_article_line(" in source


def test_a_cut_off_article_id_is_refused_naming_the_whole_one():
    with pytest.raises(ValueError) as e:
        article_choice("nyt_2016-10-02_a-curious", ARTICLES)
    assert str(e.value) == ("article_id: no article 'nyt_2016-10-02_a-curious' in the corpus; "
                            "did you mean nyt_2016-10-02_a-curious-plan?")


def test_an_article_id_like_none_of_a_small_corpus_lists_its_ids():
    with pytest.raises(ValueError, match="its articles: nyt_2016-10-02_a-curious-plan, wapo_2016-10-03_b, ap_2016-10-04_c"):
        article_choice("zzz", ARTICLES)


def test_the_scope_line_says_whether_one_article_or_all_are_covered():
    assert scope_line("Quotes", "wapo_2016-10-03_b", ARTICLES) == "Quotes of article wapo_2016-10-03_b only (article_id)"
    assert scope_line("Quotes", "", ARTICLES) == "Quotes of all 3 articles"


def test_the_overview_says_article_id_chose_only_the_article_shown():
    assert shown_article_line("", ARTICLES) == ("The article shown: nyt_2016-10-02_a-curious-plan (the first; set "
                                                "article_id for another); every other table and chart covers all 3 articles")
    assert shown_article_line("ap_2016-10-04_c", ARTICLES).startswith("The article shown: ap_2016-10-04_c (article_id);")
    assert shown_article_line("", ARTICLES, "ap_2016-10-04_c").startswith(
        "The article shown: ap_2016-10-04_c (the most quoted; set article_id for another);")


def test_an_unknown_parameter_name_is_answered_with_the_close_one_and_every_name():
    with pytest.raises(ValueError) as e:
        checked_parameters({"speeker": "X"}, declared_parameters())
    message = str(e.value)
    assert message.startswith("no notebook has a parameter named speeker; did you mean speaker?")
    assert "(the parameters: article_id, " in message and "corpus" not in message


def test_a_report_refuses_a_misspelt_kind_before_anything_is_extracted(tmp_path):
    with pytest.raises(ValueError, match="did you mean direct"):
        run_report(SEEDS, tmp_path / "out", {"kinds": "drect"}, progress=False)
    assert not (tmp_path / "out" / "articles.csv").exists()


def test_a_raw_parameter_keeps_its_leading_zeros_from_the_command_line(tmp_path, monkeypatch):
    given = {}

    def fake_report(corpus, out, parameters, **kwargs):
        given.update(checked_parameters(parameters, declared_parameters()))
        return []

    monkeypatch.setattr(report, "run_report", fake_report)
    assert cli.main(["report", str(SEEDS), "--out", str(tmp_path), "-r", "article_id", "001", "-r", "top_n", "5", "-q"]) == 0
    assert given == {"article_id": "001", "top_n": 5}


def test_a_speaker_no_quote_has_is_refused_naming_the_speaker_it_is_close_to():
    quotes = pd.DataFrame({"speaker_canonical": ["Sergei Lavrov", "Recep Tayyip Erdogan", "unknown", None]})
    assert speaker_choice("lavrov", quotes) == "lavrov" and speaker_choice("", quotes) is None
    with pytest.raises(ValueError) as e:
        speaker_choice("Lavrv", quotes)
    assert str(e.value) == "speaker: no quote's speaker contains 'Lavrv'; did you mean Sergei Lavrov?"

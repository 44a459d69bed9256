"""What a quote row means, whatever the sentence: the codebook of the README, row by row."""
from __future__ import annotations

import pytest

from medialens.index import ArticleIndex
from medialens.quotes import extract_quotes


def quotes_of(nlp, body: str, headline: str = "Council plans new bridge"):
    return extract_quotes(ArticleIndex.build(nlp(f"{headline}\n\n{body}")))


def test_an_interrupted_quote_is_one_row_of_its_quoted_words_only(nlp):
    (q,) = quotes_of(nlp, "“We will rebuild the bridge,” she said, “before the winter comes.”")
    assert q.kind == "direct"
    assert q.text == "We will rebuild the bridge, before the winter comes."
    assert q.words == 9
    assert q.cue == "said" and q.speaker == "she"


def test_an_interrupted_quote_spans_its_first_passage_to_its_last(nlp):
    body = "“We will rebuild the bridge,” she said, “before the winter comes.”"
    (q,) = quotes_of(nlp, body)
    text = "Council plans new bridge\n\n" + body
    assert text[q.start : q.end] == "We will rebuild the bridge,” she said, “before the winter comes."


def test_a_mixed_quote_leaves_out_the_speaker_and_cue_before_it(nlp):
    quotes = quotes_of(nlp, "The mayor condemned what she called a “reckless waste” of public money.")
    (q,) = [q for q in quotes if q.kind == "mixed"]
    assert q.text == "a “reckless waste” of public money"
    assert (q.speaker, q.cue) == ("she", "called")


def test_a_mixed_quote_that_opens_with_its_fragment_keeps_both_marks(nlp):
    quotes = quotes_of(nlp, "The minister says that “the roads will be safer by the spring.”")
    (q,) = [q for q in quotes if q.kind == "mixed"]
    assert q.text == "“the roads will be safer by the spring.”"


def test_a_frame_set_inside_reported_speech_is_cut_from_its_text(nlp):
    (q,) = quotes_of(nlp, "The city, officials said on Monday, will rebuild the bridge before winter.")
    assert q.kind == "indirect"
    assert q.text == "The city will rebuild the bridge before winter"
    assert q.speaker == "officials"


@pytest.mark.parametrize("sentence", [
    "Residents saw the river rise over the flood wall.",
    "United beat Chelsea in the final on Sunday.",
    "The minister took the train to Leeds after the meeting.",
    "The storm forced the council to close the bridge.",
    "Labour backed the bill in the vote on Tuesday.",
    "The chancellor ruled the roost at the Treasury for a decade.",
])
def test_a_verb_that_reports_no_speech_belief_or_stance_makes_no_quote(nlp, sentence):
    assert quotes_of(nlp, sentence) == []


def test_a_belief_is_reported_speech(nlp):
    (q,) = quotes_of(nlp, "The mayor hoped the bridge would reopen before the winter.")
    assert (q.kind, q.text, q.speaker, q.cue) == ("indirect", "the bridge would reopen before the winter", "The mayor", "hoped")

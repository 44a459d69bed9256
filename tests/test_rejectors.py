"""Each reason a reported-speech candidate makes no quote, on a hand-built parse: the rejector
that turns the candidate down, and beside it the sentence that differs in what that rejector
looks at, where the candidate makes its quote.

The parses are those of en_core_web_sm on the same sentences, copied by hand so that no model
is loaded."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from medialens.index import ArticleIndex
from medialens.quotes import extract_quotes
from medialens.quotes.reported import REJECTORS, rejected_by

_NO_SPACE_BEFORE = {",", ".", ":", "”", "-", "\n\n"}
_NO_SPACE_AFTER = {"“", "-", "\n\n"}

# The lemmas of the inflected words below, as the model's lemmatizer gives them; any other word
# is its own lemma.
_LEMMAS = {
    "aides": "aide", "attacked": "attack", "called": "call", "charges": "charge", "companies": "company",
    "complained": "complain", "criticized": "criticize", "decided": "decide", "declined": "decline",
    "deserved": "deserve", "detectives": "detective", "did": "do", "named": "name", "stalled": "stall", "diplomats": "diplomat", "failed": "fail",
    "figures": "figure", "fled": "flee", "had": "have", "is": "be", "lawyers": "lawyer",
    "nicknamed": "nickname", "officials": "official", "pensions": "pension", "plans": "plan",
    "quoted": "quote", "referring": "refer", "reported": "report", "reporters": "reporter",
    "said": "say", "saying": "say", "spoke": "speak", "talks": "talk", "trends": "trend", "was": "be",
}


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def _doc(vocab, rows: list[tuple]) -> Doc:
    """A parsed Doc from `(word, head, dep, pos, tag[, ent])` rows, `head` an absolute index."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER
              for i, w in enumerate(words)]
    return Doc(vocab, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], tags=[r[4] for r in rows],
               lemmas=[_LEMMAS.get(w.lower(), w.lower()) for w in words],
               ents=[r[5] if len(r) > 5 else "O" for r in rows])


def _index(doc: Doc) -> ArticleIndex:
    """The index of a one-paragraph (or two-paragraph) story with no headline line."""
    return ArticleIndex.build(doc, headline=False)


def _word(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def _quotes(ix: ArticleIndex) -> list[tuple[str, str, str | None, str | None]]:
    """Every quote of the story as `(kind, text, speaker, cue)`."""
    return [(q.kind, q.text, q.speaker, q.cue) for q in extract_quotes(ix)]


def _marked_quotes(ix: ArticleIndex):
    """The quotes found before reported speech is looked for: those from quote marks."""
    return [q for q in extract_quotes(ix) if q.kind != "indirect"]


def test_the_rejectors_run_in_the_order_of_the_rules():
    assert [r.__name__ for r in REJECTORS] == [
        "_not_a_reporting_verb", "_connective", "_adjunct_of_a_found_cue", "_passive_reporting_frame", "_inside_an_outer_frame",
        "_no_content", "_content_is_a_speaker", "_condition_of_anonymity", "_content_taken", "_holds_an_attributed_quote", "_labelled_object",
        "_cue_of_a_found_quote", "_no_speaker", "_clause_describing_a_thing", "_content_in_another_paragraph"]


# A woman, who did not want to be named, said the talks had stalled.
_UNNAMED_WOMAN = [("A", 1, "det", "DET", "DT"), ("woman", 11, "nsubj", "NOUN", "NN"), (",", 1, "punct", "PUNCT", ","),
        ("who", 6, "nsubj", "PRON", "WP"), ("did", 6, "aux", "AUX", "VBD"), ("not", 6, "neg", "PART", "RB"),
        ("want", 1, "relcl", "VERB", "VB"), ("to", 9, "aux", "PART", "TO"), ("be", 9, "auxpass", "AUX", "VB"),
        ("named", 6, "xcomp", "VERB", "VBN"), (",", 1, "punct", "PUNCT", ","), ("said", 11, "ROOT", "VERB", "VBD"),
        ("the", 13, "det", "DET", "DT"), ("talks", 15, "nsubj", "NOUN", "NNS"), ("had", 15, "aux", "AUX", "VBD"),
        ("stalled", 11, "ccomp", "VERB", "VBN"), (".", 11, "punct", "PUNCT", ".")]


def test_the_terms_a_source_spoke_on_are_not_reported_speech(vocab):
    doc = _doc(vocab, _UNNAMED_WOMAN)
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "want")) == "_condition_of_anonymity"
    assert [q[:2] for q in _quotes(ix)] == [("indirect", "the talks had stalled")]


# Detectives know the neighbourhood well.
_KNOW_A_PLACE = [("Detectives", 1, "nsubj", "NOUN", "NNS"), ("know", 1, "ROOT", "VERB", "VBP"), ("the", 3, "det", "DET", "DT"),
                 ("neighbourhood", 1, "dobj", "NOUN", "NN"), ("well", 1, "advmod", "ADV", "RB"), (".", 1, "punct", "PUNCT", ".")]
# Detectives know the gunman fled the city.
_KNOW_A_FACT = [("Detectives", 1, "nsubj", "NOUN", "NNS"), ("know", 1, "ROOT", "VERB", "VBP"), ("the", 3, "det", "DET", "DT"),
                ("gunman", 4, "nsubj", "NOUN", "NN"), ("fled", 1, "ccomp", "VERB", "VBD"), ("the", 6, "det", "DET", "DT"),
                ("city", 4, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", ".")]


def test_a_clause_only_verb_with_a_plain_object_reports_nothing(vocab):
    doc = _doc(vocab, _KNOW_A_PLACE)
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "know")) == "_not_a_reporting_verb"
    assert _quotes(ix) == []


def test_a_clause_only_verb_with_a_clause_reports_it(vocab):
    doc = _doc(vocab, _KNOW_A_FACT)
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "know")) is None
    assert _quotes(ix) == [("indirect", "the gunman fled the city", "Detectives", "know")]


# “We will not retreat,” Erdogan said, referring to the fighting in Idlib.
_REFERRING_AFTER_A_QUOTE = [
    ("“", 8, "punct", "PUNCT", "``"), ("We", 4, "nsubj", "PRON", "PRP"), ("will", 4, "aux", "AUX", "MD"),
    ("not", 4, "neg", "PART", "RB"), ("retreat", 8, "ccomp", "VERB", "VB"), (",", 8, "punct", "PUNCT", ","),
    ("”", 8, "punct", "PUNCT", "''"), ("Erdogan", 8, "nsubj", "PROPN", "NNP", "B-PERSON"), ("said", 8, "ROOT", "VERB", "VBD"),
    (",", 8, "punct", "PUNCT", ","), ("referring", 8, "advcl", "VERB", "VBG"), ("to", 10, "prep", "ADP", "IN"),
    ("the", 13, "det", "DET", "DT"), ("fighting", 11, "pobj", "NOUN", "NN"), ("in", 13, "prep", "ADP", "IN"),
    ("Idlib", 14, "pobj", "PROPN", "NNP", "B-GPE"), (".", 8, "punct", "PUNCT", ".")]


def test_a_participle_hung_on_a_found_quotes_cue_reports_nothing_new(vocab):
    doc = _doc(vocab, _REFERRING_AFTER_A_QUOTE)
    ix = _index(doc)
    referring = _word(doc, "referring")
    assert rejected_by(ix, referring, _marked_quotes(ix)) == "_adjunct_of_a_found_cue"
    # it is the quote found on `said` that makes the participle its aside
    assert rejected_by(ix, referring) is None
    assert _quotes(ix) == [("direct", "We will not retreat,", "Erdogan", "said")]


def test_a_participle_hung_on_a_verb_that_quotes_nobody_reports_its_object(vocab):
    # Erdogan spoke to reporters in Ankara, referring to the fighting in Idlib.
    doc = _doc(vocab, [
        ("Erdogan", 1, "nsubj", "PROPN", "NNP", "B-PERSON"), ("spoke", 1, "ROOT", "VERB", "VBD"), ("to", 1, "prep", "ADP", "IN"),
        ("reporters", 2, "pobj", "NOUN", "NNS"), ("in", 1, "prep", "ADP", "IN"), ("Ankara", 4, "pobj", "PROPN", "NNP", "B-GPE"),
        (",", 1, "punct", "PUNCT", ","), ("referring", 1, "advcl", "VERB", "VBG"), ("to", 7, "prep", "ADP", "IN"),
        ("the", 10, "det", "DET", "DT"), ("fighting", 8, "pobj", "NOUN", "NN"), ("in", 10, "prep", "ADP", "IN"),
        ("Idlib", 11, "pobj", "PROPN", "NNP", "B-GPE"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "referring"), _marked_quotes(ix)) is None
    assert _quotes(ix) == [("indirect", "the fighting in Idlib", "Erdogan", "referring")]


def test_a_passive_quoting_frame_leaves_the_quote_to_the_verb_inside_it(vocab):
    # Erdogan was quoted as saying the talks had failed.
    doc = _doc(vocab, [
        ("Erdogan", 2, "nsubjpass", "PROPN", "NNP", "B-PERSON"), ("was", 2, "auxpass", "AUX", "VBD"),
        ("quoted", 2, "ROOT", "VERB", "VBN"), ("as", 2, "prep", "ADP", "IN"), ("saying", 3, "pcomp", "VERB", "VBG"),
        ("the", 6, "det", "DET", "DT"), ("talks", 8, "nsubj", "NOUN", "NNS"), ("had", 8, "aux", "AUX", "VBD"),
        ("failed", 4, "ccomp", "VERB", "VBN"), (".", 2, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "quoted")) == "_passive_reporting_frame"
    assert rejected_by(ix, _word(doc, "saying")) is None
    assert _quotes(ix) == [("indirect", "the talks had failed", "Erdogan", "saying")]


def test_a_passive_report_names_no_speaker_in_its_subject(vocab):
    # It was reported that the talks had failed.
    doc = _doc(vocab, [
        ("It", 2, "nsubjpass", "PRON", "PRP"), ("was", 2, "auxpass", "AUX", "VBD"), ("reported", 2, "ROOT", "VERB", "VBN"),
        ("that", 7, "mark", "SCONJ", "IN"), ("the", 5, "det", "DET", "DT"), ("talks", 7, "nsubj", "NOUN", "NNS"),
        ("had", 7, "aux", "AUX", "VBD"), ("failed", 2, "ccomp", "VERB", "VBN"), (".", 2, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "reported")) == "_passive_reporting_frame"
    assert _quotes(ix) == []


def test_an_active_report_is_its_subjects_quote(vocab):
    # Reuters reported that the talks had failed.
    doc = _doc(vocab, [
        ("Reuters", 1, "nsubj", "PROPN", "NNP", "B-ORG"), ("reported", 1, "ROOT", "VERB", "VBD"), ("that", 6, "mark", "SCONJ", "IN"),
        ("the", 4, "det", "DET", "DT"), ("talks", 6, "nsubj", "NOUN", "NNS"), ("had", 6, "aux", "AUX", "VBD"),
        ("failed", 1, "ccomp", "VERB", "VBN"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "reported")) is None
    assert _quotes(ix) == [("indirect", "the talks had failed", "Reuters", "reported")]


# A campaign aide decided to change course
_DECIDED = [("A", 2, "det", "DET", "DT"), ("campaign", 2, "compound", "NOUN", "NN"), ("aide", 3, "nsubj", "NOUN", "NN"),
            ("decided", 3, "ROOT", "VERB", "VBD"), ("to", 5, "aux", "PART", "TO"), ("change", 3, "xcomp", "VERB", "VB"),
            ("course", 5, "dobj", "NOUN", "NN")]


def test_a_clause_a_source_reports_is_the_sources_quote_not_its_subjects(vocab):
    # A campaign aide decided to change course, a source said.
    rows = [*_DECIDED, (",", 10, "punct", "PUNCT", ","), ("a", 9, "det", "DET", "DT"), ("source", 10, "nsubj", "NOUN", "NN"),
            ("said", 10, "ROOT", "VERB", "VBD"), (".", 10, "punct", "PUNCT", ".")]
    rows[3] = ("decided", 10, "ccomp", "VERB", "VBD")
    doc = _doc(vocab, rows)
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "decided")) == "_inside_an_outer_frame"
    assert _quotes(ix) == [("indirect", "A campaign aide decided to change course", "a source", "said")]


def test_a_clause_no_source_reports_is_its_subjects_quote(vocab):
    # A campaign aide decided to change course.
    doc = _doc(vocab, [*_DECIDED, (".", 3, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "decided")) is None
    assert _quotes(ix) == [("indirect", "to change course", "A campaign aide", "decided")]


# Police have said they have no plans to press charges
_POLICE_SAID = [
    ("Police", 2, "nsubj", "NOUN", "NNS"), ("have", 2, "aux", "AUX", "VBP"), ("said", 2, "ROOT", "VERB", "VBN"),
    ("they", 4, "nsubj", "PRON", "PRP"), ("have", 2, "ccomp", "VERB", "VBP"), ("no", 6, "det", "DET", "DT"),
    ("plans", 4, "dobj", "NOUN", "NNS"), ("to", 8, "aux", "PART", "TO"), ("press", 6, "acl", "VERB", "VB"),
    ("charges", 8, "dobj", "NOUN", "NNS")]


def test_what_a_speaker_said_according_to_another_source_is_that_sources_quote(vocab):
    # Police have said they have no plans to press charges, according to lawyers for the family.
    doc = _doc(vocab, [
        *_POLICE_SAID, (",", 2, "punct", "PUNCT", ","), ("according", 2, "prep", "VERB", "VBG"), ("to", 11, "prep", "ADP", "IN"),
        ("lawyers", 12, "pobj", "NOUN", "NNS"), ("for", 13, "prep", "ADP", "IN"), ("the", 16, "det", "DET", "DT"),
        ("family", 14, "pobj", "NOUN", "NN"), (".", 2, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "said")) == "_inside_an_outer_frame"
    assert rejected_by(ix, _word(doc, "according")) is None
    assert _quotes(ix) == [("indirect", "Police have said they have no plans to press charges", "lawyers for the family", "according to")]


def test_what_a_speaker_said_with_no_other_source_is_the_speakers_quote(vocab):
    # Police have said they have no plans to press charges.
    doc = _doc(vocab, [*_POLICE_SAID, (".", 2, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "said")) is None
    assert _quotes(ix) == [("indirect", "they have no plans to press charges", "Police", "said")]


def test_a_stance_on_a_pronoun_has_no_content(vocab):
    # Republicans criticized it.
    doc = _doc(vocab, [("Republicans", 1, "nsubj", "PROPN", "NNPS", "B-NORP"), ("criticized", 1, "ROOT", "VERB", "VBD"),
                       ("it", 1, "dobj", "PRON", "PRP"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "criticized")) == "_no_content"
    assert _quotes(ix) == []


def test_a_stance_on_a_named_thing_is_its_content(vocab):
    # Republicans criticized the deal.
    doc = _doc(vocab, [("Republicans", 1, "nsubj", "PROPN", "NNPS", "B-NORP"), ("criticized", 1, "ROOT", "VERB", "VBD"),
                       ("the", 3, "det", "DET", "DT"), ("deal", 1, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "criticized")) is None
    assert _quotes(ix) == [("indirect", "the deal", "Republicans", "criticized")]


# Officials declined to comment
_DECLINED = [("Officials", 1, "nsubj", "NOUN", "NNS"), ("declined", 1, "ROOT", "VERB", "VBD"), ("to", 3, "aux", "PART", "TO"),
             ("comment", 1, "xcomp", "VERB", "VB")]


def test_declining_to_comment_has_no_content(vocab):
    # Officials declined to comment.
    doc = _doc(vocab, [*_DECLINED, (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "declined")) == "_no_content"
    assert _quotes(ix) == []


def test_declining_to_comment_on_something_names_it(vocab):
    # Officials declined to comment on the investigation.
    doc = _doc(vocab, [*_DECLINED, ("on", 3, "prep", "ADP", "IN"), ("the", 6, "det", "DET", "DT"),
                       ("investigation", 4, "pobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "declined")) is None
    assert _quotes(ix) == [("indirect", "to comment on the investigation", "Officials", "declined")]


def test_the_cue_of_a_direct_quote_reports_nothing_more(vocab):
    # “The talks have failed,” Erdogan said.
    doc = _doc(vocab, [
        ("“", 8, "punct", "PUNCT", "``"), ("The", 2, "det", "DET", "DT"), ("talks", 4, "nsubj", "NOUN", "NNS"),
        ("have", 4, "aux", "AUX", "VBP"), ("failed", 8, "ccomp", "VERB", "VBN"), (",", 8, "punct", "PUNCT", ","),
        ("”", 8, "punct", "PUNCT", "''"), ("Erdogan", 8, "nsubj", "PROPN", "NNP", "B-PERSON"), ("said", 8, "ROOT", "VERB", "VBD"),
        (".", 8, "punct", "PUNCT", ".")])
    ix = _index(doc)
    said = _word(doc, "said")
    assert rejected_by(ix, said, _marked_quotes(ix)) == "_content_taken"
    assert rejected_by(ix, said) is None
    assert _quotes(ix) == [("direct", "The talks have failed,", "Erdogan", "said")]


def test_the_same_words_without_quote_marks_are_reported_speech(vocab):
    # The talks have failed, Erdogan said.
    doc = _doc(vocab, [
        ("The", 1, "det", "DET", "DT"), ("talks", 3, "nsubj", "NOUN", "NNS"), ("have", 3, "aux", "AUX", "VBP"),
        ("failed", 6, "ccomp", "VERB", "VBN"), (",", 6, "punct", "PUNCT", ","), ("Erdogan", 6, "nsubj", "PROPN", "NNP", "B-PERSON"),
        ("said", 6, "ROOT", "VERB", "VBD"), (".", 6, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "said")) is None
    assert _quotes(ix) == [("indirect", "The talks have failed", "Erdogan", "said")]


def test_a_clause_running_into_the_marks_of_a_found_quote_is_no_new_quote(vocab):
    # Murphy complained about fundraising: “There is just a ton of it,” he said.
    # The parser hangs the clause before the colon on `said`, its opening mark with it: what
    # `said` would report ends on the mark of the quote it is the cue of.
    doc = _doc(vocab, [
        ("Murphy", 1, "nsubj", "PROPN", "NNP", "B-PERSON"), ("complained", 16, "ccomp", "VERB", "VBD"),
        ("about", 1, "prep", "ADP", "IN"), ("fundraising", 2, "pobj", "NOUN", "NN"), (":", 1, "punct", "PUNCT", ":"),
        ("“", 1, "punct", "PUNCT", "``"), ("There", 7, "expl", "PRON", "EX"), ("is", 16, "ccomp", "VERB", "VBZ"),
        ("just", 10, "advmod", "ADV", "RB"), ("a", 10, "det", "DET", "DT"), ("ton", 7, "attr", "NOUN", "NN"),
        ("of", 10, "prep", "ADP", "IN"), ("it", 11, "pobj", "PRON", "PRP"), (",", 16, "punct", "PUNCT", ","),
        ("”", 16, "punct", "PUNCT", "''"), ("he", 16, "nsubj", "PRON", "PRP"), ("said", 16, "ROOT", "VERB", "VBD"),
        (".", 16, "punct", "PUNCT", ".")])
    ix = _index(doc)
    said = _word(doc, "said")
    assert rejected_by(ix, said, _marked_quotes(ix)) == "_holds_an_attributed_quote"
    assert rejected_by(ix, said) is None
    # `complained about fundraising` is a stance of its own, which the model may propose
    assert [q for q in _quotes(ix) if q[3] == "said"] == [("direct", "There is just a ton of it,", "he", "said")]


def test_a_clause_reported_around_a_quoted_nickname_keeps_it(vocab):
    # Obama said the Ohio native nicknamed “King James” deserved the award.
    # The marks make no quote of their own, and `said` reports a clause, not the label.
    doc = _doc(vocab, [
        ("Obama", 1, "nsubj", "PROPN", "NNP", "B-PERSON"), ("said", 1, "ROOT", "VERB", "VBD"), ("the", 4, "det", "DET", "DT"),
        ("Ohio", 4, "compound", "PROPN", "NNP", "B-GPE"), ("native", 5, "nsubj", "NOUN", "NN"),
        ("nicknamed", 1, "ccomp", "VERB", "VBN"), ("“", 8, "punct", "PUNCT", "``"), ("King", 8, "compound", "PROPN", "NNP"),
        ("James", 5, "dobj", "PROPN", "NNP"), ("”", 8, "punct", "PUNCT", "''"), ("deserved", 5, "ccomp", "VERB", "VBD"),
        ("the", 12, "det", "DET", "DT"), ("award", 10, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "said"), _marked_quotes(ix)) is None
    assert _quotes(ix) == [("indirect", "the Ohio native nicknamed “King James” deserved the award", "Obama", "said")]


def test_an_object_named_by_a_label_in_marks_is_no_report(vocab):
    # Republicans attacked the so-called “deal.”
    doc = _doc(vocab, [
        ("Republicans", 1, "nsubj", "PROPN", "NNPS", "B-NORP"), ("attacked", 1, "ROOT", "VERB", "VBD"),
        ("the", 7, "det", "DET", "DT"), ("so", 5, "advmod", "ADV", "RB"), ("-", 5, "punct", "PUNCT", "HYPH"),
        ("called", 7, "amod", "VERB", "VBN"), ("“", 7, "punct", "PUNCT", "``"), ("deal", 1, "dobj", "NOUN", "NN"),
        (".", 1, "punct", "PUNCT", "."), ("”", 1, "punct", "PUNCT", "''")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "attacked"), _marked_quotes(ix)) == "_labelled_object"
    assert _quotes(ix) == []


def test_an_object_named_by_a_label_without_marks_is_a_stance(vocab):
    # Republicans attacked the so-called deal.
    doc = _doc(vocab, [
        ("Republicans", 1, "nsubj", "PROPN", "NNPS", "B-NORP"), ("attacked", 1, "ROOT", "VERB", "VBD"),
        ("the", 6, "det", "DET", "DT"), ("so", 5, "advmod", "ADV", "RB"), ("-", 5, "punct", "PUNCT", "HYPH"),
        ("called", 6, "amod", "VERB", "VBN"), ("deal", 1, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "attacked")) is None
    assert _quotes(ix) == [("indirect", "the so-called deal", "Republicans", "attacked")]


def test_a_belief_nobody_holds_is_no_quote(vocab):
    # There is reason to believe the ceasefire will hold.
    doc = _doc(vocab, [
        ("There", 1, "expl", "PRON", "EX"), ("is", 1, "ROOT", "VERB", "VBZ"), ("reason", 1, "attr", "NOUN", "NN"),
        ("to", 4, "aux", "PART", "TO"), ("believe", 2, "relcl", "VERB", "VB"), ("the", 6, "det", "DET", "DT"),
        ("ceasefire", 8, "nsubj", "NOUN", "NN"), ("will", 8, "aux", "AUX", "MD"), ("hold", 4, "ccomp", "VERB", "VB"),
        (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "believe")) == "_no_speaker"
    assert _quotes(ix) == []


def test_a_belief_its_subject_holds_is_their_quote(vocab):
    # Diplomats believe the ceasefire will hold.
    doc = _doc(vocab, [
        ("Diplomats", 1, "nsubj", "NOUN", "NNS"), ("believe", 1, "ROOT", "VERB", "VBP"), ("the", 3, "det", "DET", "DT"),
        ("ceasefire", 5, "nsubj", "NOUN", "NN"), ("will", 5, "aux", "AUX", "MD"), ("hold", 1, "ccomp", "VERB", "VB"),
        (".", 1, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "believe")) is None
    assert _quotes(ix) == [("indirect", "the ceasefire will hold", "Diplomats", "believe")]


def _that_show(vocab, noun: str) -> Doc:
    """`New <noun> that show companies cut pensions worry Democrats.`"""
    return _doc(vocab, [
        ("New", 1, "amod", "ADJ", "JJ"), (noun, 7, "nsubj", "NOUN", "NNS"), ("that", 3, "nsubj", "PRON", "WDT"),
        ("show", 1, "relcl", "VERB", "VBP"), ("companies", 5, "nsubj", "NOUN", "NNS"), ("cut", 3, "ccomp", "VERB", "VBP"),
        ("pensions", 5, "dobj", "NOUN", "NNS"), ("worry", 7, "ROOT", "VERB", "VBP"),
        ("Democrats", 7, "dobj", "NOUN", "NNS", "B-NORP"), (".", 7, "punct", "PUNCT", ".")])


def test_what_a_thing_shows_is_nobodys_quote(vocab):
    doc = _that_show(vocab, "trends")
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "show")) == "_clause_describing_a_thing"
    assert _quotes(ix) == []


def test_what_a_document_shows_is_its_quote(vocab):
    doc = _that_show(vocab, "figures")
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "show")) is None
    # the mention as written; the source is its antecedent, which `sources` resolves
    assert _quotes(ix) == [("indirect", "companies cut pensions", "that", "show")]


# Sanders campaign aides said
_AIDES_SAID = [("Sanders", 2, "compound", "PROPN", "NNP", "B-PERSON"), ("campaign", 2, "compound", "NOUN", "NN"),
               ("aides", 3, "nsubj", "NOUN", "NNS"), ("said", 3, "ROOT", "VERB", "VBD")]
# the race is far from over.
_RACE = [("the", 1, "det", "DET", "DT"), ("race", 2, "nsubj", "NOUN", "NN"), ("is", -1, "ccomp", "AUX", "VBZ"),
         ("far", 2, "advmod", "ADV", "RB"), ("from", 3, "prep", "ADP", "IN"), ("over", 4, "pcomp", "ADP", "IN"),
         (".", -1, "punct", "PUNCT", ".")]


def _after(rows: list[tuple], offset: int, head: int) -> list[tuple]:
    """`rows` moved `offset` tokens on, their head -1 becoming `head`."""
    return [(w, head if h < 0 else h + offset, *rest) for w, h, *rest in rows]


def test_a_clause_in_the_next_paragraph_is_not_what_the_verb_reports(vocab):
    # Sanders campaign aides said\n\nthe race is far from over.
    # (a pipeline that does not start a sentence at each paragraph parses across the break)
    doc = _doc(vocab, [*_AIDES_SAID, ("\n\n", 3, "dep", "SPACE", "_SP"), *_after(_RACE, 5, 3)])
    ix = _index(doc)
    assert ix.text == "Sanders campaign aides said\n\nthe race is far from over." and len(ix.paragraphs) == 2
    assert rejected_by(ix, _word(doc, "said")) == "_content_in_another_paragraph"
    assert _quotes(ix) == []


def test_a_clause_in_the_same_paragraph_is_what_the_verb_reports(vocab):
    # Sanders campaign aides said the race is far from over.
    doc = _doc(vocab, [*_AIDES_SAID, *_after(_RACE, 4, 3)])
    ix = _index(doc)
    assert rejected_by(ix, _word(doc, "said")) is None
    assert _quotes(ix) == [("indirect", "the race is far from over", "Sanders campaign aides", "said")]


def test_content_that_runs_on_into_the_next_paragraph_is_not_what_the_verb_reports(vocab):
    # Sanders campaign aides said Monday\n\nthe race is far from over.
    # (the content starts in the cue's paragraph, but the parse carries it across the break)
    doc = _doc(vocab, [
        ("Sanders", 2, "compound", "PROPN", "NNP", "B-PERSON"), ("campaign", 2, "compound", "NOUN", "NN"),
        ("aides", 3, "nsubj", "NOUN", "NNS"), ("said", 3, "ROOT", "VERB", "VBD"),
        ("Monday", 8, "npadvmod", "PROPN", "NNP", "B-DATE"), ("\n\n", 4, "dep", "SPACE", "_SP"),
        ("the", 7, "det", "DET", "DT"), ("race", 8, "nsubj", "NOUN", "NN"), ("is", 3, "ccomp", "AUX", "VBZ"),
        ("far", 8, "advmod", "ADV", "RB"), ("from", 9, "prep", "ADP", "IN"), ("over", 10, "pcomp", "ADP", "IN"),
        (".", 3, "punct", "PUNCT", ".")])
    ix = _index(doc)
    assert ix.text == "Sanders campaign aides said Monday\n\nthe race is far from over."
    assert rejected_by(ix, _word(doc, "said")) == "_content_in_another_paragraph"
    assert _quotes(ix) == []

"""Reported speech proposed by the learned model among the verbs the rules leave: which verbs
are candidates, what their content is, which candidates become quotes, and what the quotes
table says of them."""
from __future__ import annotations

import pytest

from medialens.confidence import QuoteModel, probability
from medialens.index import ArticleIndex
from medialens.quotes import extract_quotes, rule_quotes
from medialens.quotes.proposed import PROPOSE_AT, candidate_features, candidates, proposed_quotes

HEADLINE = "Race tightens before the primary"


def index(nlp, body: str) -> ArticleIndex:
    return ArticleIndex.build(nlp(f"{HEADLINE}\n\n{body}"))


def candidate_of(ix: ArticleIndex, lemma: str):
    return next(c for c in candidates(ix, rule_quotes(ix)) if c.verb.lemma_ == lemma)


def test_a_stance_verbs_plain_object_is_its_candidate_content(nlp):
    ix = index(nlp, "Ryan endorsed Trump in early June.")
    c = candidate_of(ix, "endorse")
    assert (c.content.text, c.relation) == ("Trump", "dobj")
    features = candidate_features(ix, c)
    assert {"lemma=endorse", "relation=dobj", "lemma*relation=endorse*dobj", "subject=PROPN", "subject_entity=PERSON"} <= set(features)


def test_what_is_said_of_the_object_is_part_of_the_content(nlp):
    c = candidate_of(index(nlp, "The governor pitched the bill as a fix for schools."), "pitch")
    assert (c.content.text, c.relation) == ("the bill as a fix for schools", "dobj+")


def test_a_prepositions_object_is_the_content_of_a_verb_without_one(nlp):
    c = candidate_of(index(nlp, "Fiorina was still tussling with the merger."), "tussle")
    assert (c.content.text, c.relation) == ("the merger", "prep:with")


@pytest.mark.parametrize("sentence, lemma", [
    ("Residents saw the river rise over the flood wall.", "see"),  # `see` reports only `as`
    ("The chancellor ruled the roost at the Treasury for a decade.", "rule"),  # `rule` reports a clause
    ("Officials declined to comment.", "decline"),  # the rules weighed `to comment` and turned it down
    ("Republicans criticized it on Monday.", "criticize"),  # a lone pronoun says nothing of what
    ("Critics attacked the so-called “deal” in parliament.", "attack"),  # quote marks are the rules' to read
    ("“We will strengthen our deterrent,” Mr Kim was quoted as saying.", "quote"),  # `saying` carries the quote
])
def test_what_the_rules_and_the_lexicon_decided_is_no_candidate(nlp, sentence, lemma):
    ix = index(nlp, sentence)
    assert not [c for c in candidates(ix, rule_quotes(ix)) if c.verb.lemma_ == lemma]


def test_a_candidate_becomes_a_quote_when_the_model_is_sure_enough(nlp):
    ix = index(nlp, "Ryan endorsed Trump in early June.")
    sure = QuoteModel({"lemma=endorse": 5.0}, -5.0)
    (q,) = proposed_quotes(ix, rule_quotes(ix), sure)
    assert (q.kind, q.text, q.cue, q.speaker, q.decided_by, q.confidence) == ("indirect", "Trump", "endorsed", "Ryan", "model", 0.5)
    assert proposed_quotes(ix, rule_quotes(ix), QuoteModel({"lemma=endorse": 5.0}, -6.0)) == []  # 0.269 < PROPOSE_AT
    assert probability(["lemma=endorse"], QuoteModel({"lemma=endorse": 5.0}, -6.0)) < PROPOSE_AT


def test_no_candidate_overlaps_a_quote_the_rules_found(nlp):
    ix = index(nlp, "Ryan said he endorsed Trump in early June.")
    found = rule_quotes(ix)
    assert [q.text for q in found] == ["he endorsed Trump in early June"]
    assert not [c for c in candidates(ix, found) if c.verb.lemma_ == "endorse"]


def test_of_two_overlapping_candidates_the_likelier_one_is_the_quote(nlp):
    ix = index(nlp, "Cruz urged voters to reject the deal.")
    model = QuoteModel({"lemma=urge": 1.0, "lemma=reject": 3.0}, 0.0)
    (q,) = proposed_quotes(ix, rule_quotes(ix), model)
    assert (q.cue, q.text) == ("reject", "the deal")


def test_a_participle_on_a_quotes_cue_is_no_candidate(nlp):
    ix = index(nlp, "“We will not stop now,” he said, referring to the offensive in the north.")
    assert not [c for c in candidates(ix, rule_quotes(ix)) if c.verb.lemma_ == "refer"]


def test_the_shipped_model_proposes_an_endorsement(nlp):
    (q,) = [q for q in extract_quotes(index(nlp, "Ryan endorsed Trump in early June.")) if q.decided_by == "model"]
    assert (q.text, q.speaker) == ("Trump", "Ryan") and q.confidence >= PROPOSE_AT


def test_a_proposed_quote_is_a_table_row_decided_by_the_model(seed_tables):
    quotes = seed_tables.quotes
    assert set(quotes["decided_by"]) <= {"rule", "model"} and (quotes["decided_by"] == "rule").sum() >= 14
    proposed = quotes[quotes["decided_by"] == "model"]
    assert len(proposed) and (proposed["kind"] == "indirect").all() and proposed["confidence"].between(PROPOSE_AT, 1).all()


def test_a_proposed_quote_changes_nothing_of_the_rule_quotes(nlp):
    import copy

    from medialens.entities import group_entities
    from medialens.sources import resolve_speakers

    body = ("“It is a disaster,” Senator Ruth Hale said on Monday. Governor Tom Price was still tussling with the merger.\n\n"
            "“Nobody wants it.”")
    ix = index(nlp, body)
    entities = group_entities(ix.doc, None, labels=None)
    rules = rule_quotes(ix)
    proposed = proposed_quotes(ix, rules, QuoteModel({"lemma=tussle": 5.0}, 0.0))
    assert [(q.speaker, q.text) for q in proposed] == [("Governor Tom Price", "the merger")]
    alone = resolve_speakers(ix, copy.deepcopy(rules), entities)
    beside = resolve_speakers(ix, copy.deepcopy(rules) + proposed, entities)
    assert [q for q in beside if q.decided_by == "rule"] == alone
    # the quote carried over the proposed one is still the senator's
    assert (alone[-1].carried, alone[-1].speaker_canonical) == (True, "Ruth Hale")
    assert proposed[0].speaker_canonical == "Tom Price"

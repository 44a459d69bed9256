"""Each speaker sieve on a hand-built parse: the source it gives and that it is the one deciding."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from medialens.entities import group_entities
from medialens.quotes import Quote
from medialens.sources import SIEVES, resolve_speakers
from medialens.sources.sieves import resolve_mention
from medialens.sources.state import ArticleState
from medialens.index import ArticleIndex

_NO_SPACE_BEFORE = {",", ".", ":", "\n\n"}


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def _doc(vocab, rows: list[tuple]) -> Doc:
    """A parsed Doc from `(word, head, dep, pos, tag[, ent])` rows, `head` an absolute index."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and w != "\n\n" for i, w in enumerate(words)]
    return Doc(vocab, words=words, spaces=spaces, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], tags=[r[4] for r in rows], lemmas=[r[0].lower() for r in rows],
               ents=[r[5] if len(r) > 5 else "O" for r in rows])


def _quote(doc: Doc, speaker: str, content: str, occurrence: int = 0, **fields) -> Quote:
    """The indirect quote `content` said by the `occurrence`-th `speaker` of the text."""
    text = doc.text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(speaker, start + 1)
    at = text.index(content, start)
    return Quote("indirect", content, at, at + len(content), 0, cue="said", cue_start=text.index("said", start),
                 speaker=speaker, speaker_start=start, speaker_end=start + len(speaker), **fields)


def _resolve(doc: Doc, *quotes: Quote):
    """The source of the last quote and the sieve that decided, the article read as a whole."""
    state = ArticleState.read(ArticleIndex.build(doc), list(quotes), group_entities(doc, labels=None))
    resolved, rule = resolve_mention(quotes[-1], state)
    return (resolved.canonical if resolved else None), (resolved.type if resolved else None), rule


def test_the_sieves_run_in_the_order_of_the_rules():
    assert [s.__name__ for s in SIEVES] == [
        "pronoun", "first_person", "dateline", "transcript_turn", "unparsed", "apposition_name", "person_entity", "first_name",
        "body_entity", "nationality_group", "capitalised_name", "acronym_body", "issuing_body", "definite_description", "head_noun"]


# Peter Jones said taxes rise. He said prices fall.
_JONES = [("Peter", 1, "compound", "PROPN", "NNP", "B-PERSON"), ("Jones", 2, "nsubj", "PROPN", "NNP", "I-PERSON"),
          ("said", 2, "ROOT", "VERB", "VBD"), ("taxes", 4, "nsubj", "NOUN", "NNS"), ("rise", 2, "ccomp", "VERB", "VBP"),
          (".", 2, "punct", "PUNCT", "."),
          ("He", 7, "nsubj", "PRON", "PRP"), ("said", 7, "ROOT", "VERB", "VBD"), ("prices", 9, "nsubj", "NOUN", "NNS"),
          ("fall", 7, "ccomp", "VERB", "VBP"), (".", 7, "punct", "PUNCT", ".")]


def test_pronoun_goes_to_the_named_subject_before_it(vocab):
    doc = _doc(vocab, _JONES)
    assert _resolve(doc, _quote(doc, "He", "prices fall")) == ("Peter Jones", "person", "pronoun")


def test_pronoun_without_an_antecedent_stops(vocab):
    # It said prices fall.
    doc = _doc(vocab, [("It", 1, "nsubj", "PRON", "PRP"), ("said", 1, "ROOT", "VERB", "VBD"),
                       ("prices", 3, "nsubj", "NOUN", "NNS"), ("fall", 1, "ccomp", "VERB", "VBP"), (".", 1, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "It", "prices fall")) == (None, None, "pronoun")


def test_first_person_is_no_source(vocab):
    # We said prices fall.
    doc = _doc(vocab, [("We", 1, "nsubj", "PRON", "PRP"), ("said", 1, "ROOT", "VERB", "VBD"),
                       ("prices", 3, "nsubj", "NOUN", "NNS"), ("fall", 1, "ccomp", "VERB", "VBP"), (".", 1, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "We", "prices fall")) == (None, None, "first_person")


def test_dateline_opening_a_paragraph_is_no_source(vocab):
    # GENEVA: officials said talks stalled.
    doc = _doc(vocab, [("GENEVA", 3, "npadvmod", "PROPN", "NNP", "B-GPE"), (":", 3, "punct", "PUNCT", ":"),
                       ("officials", 3, "nsubj", "NOUN", "NNS"), ("said", 3, "ROOT", "VERB", "VBD"),
                       ("talks", 5, "nsubj", "NOUN", "NNS"), ("stalled", 3, "ccomp", "VERB", "VBD"), (".", 3, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "GENEVA", "talks stalled")) == (None, None, "dateline")


def test_offsets_past_the_text_leave_nothing_to_parse(vocab):
    # NATO said.
    doc = _doc(vocab, [("NATO", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"), (".", 1, "punct", "PUNCT", ".")])
    quote = Quote("indirect", "said", 5, 9, 0, speaker="said.", speaker_start=5, speaker_end=40)
    assert _resolve(doc, quote) == (None, None, "unparsed")


def test_name_in_apposition_is_the_speaker_of_its_description(vocab):
    # A lawyer, David Schulz, said talks stalled.
    doc = _doc(vocab, [("A", 1, "det", "DET", "DT"), ("lawyer", 6, "nsubj", "NOUN", "NN"), (",", 1, "punct", "PUNCT", ","),
                       ("David", 4, "compound", "PROPN", "NNP", "B-PERSON"), ("Schulz", 1, "appos", "PROPN", "NNP", "I-PERSON"),
                       (",", 1, "punct", "PUNCT", ","), ("said", 6, "ROOT", "VERB", "VBD"),
                       ("talks", 8, "nsubj", "NOUN", "NNS"), ("stalled", 6, "ccomp", "VERB", "VBD"), (".", 6, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "A lawyer", "talks stalled")) == ("David Schulz", "person", "apposition_name")


def test_person_entity_is_the_named_person(vocab):
    doc = _doc(vocab, _JONES)
    assert _resolve(doc, _quote(doc, "Peter Jones", "taxes rise")) == ("Peter Jones", "person", "person_entity")


def test_a_surname_entity_joins_the_full_name(vocab):
    # Peter Jones said taxes rise. Jones said prices fall.
    rows = list(_JONES)
    rows[6] = ("Jones", 7, "nsubj", "PROPN", "NNP", "B-PERSON")
    doc = _doc(vocab, rows)
    assert _resolve(doc, _quote(doc, "Jones", "prices fall", occurrence=1)) == ("Peter Jones", "person", "person_entity")


def test_a_first_name_the_tagger_missed_joins_the_one_person_of_that_first_name(vocab):
    # Hillary Clinton said taxes rise. Hillary said prices fall. (the second `Hillary` tagged a place)
    rows = [("Hillary", 1, "compound", "PROPN", "NNP", "B-PERSON"), ("Clinton", 2, "nsubj", "PROPN", "NNP", "I-PERSON"), *_JONES[2:]]
    rows[6] = ("Hillary", 7, "nsubj", "PROPN", "NNP", "B-GPE")
    doc = _doc(vocab, rows)
    assert _resolve(doc, _quote(doc, "Hillary", "prices fall", occurrence=1)) == ("Hillary Clinton", "person", "first_name")


def test_named_body_speaks_as_itself(vocab):
    # The Defence Ministry said talks stalled.
    doc = _doc(vocab, [("The", 2, "det", "DET", "DT"), ("Defence", 2, "compound", "PROPN", "NNP", "B-ORG"),
                       ("Ministry", 3, "nsubj", "PROPN", "NNP", "I-ORG"), ("said", 3, "ROOT", "VERB", "VBD"),
                       ("talks", 5, "nsubj", "NOUN", "NNS"), ("stalled", 3, "ccomp", "VERB", "VBD"), (".", 3, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "The Defence Ministry", "talks stalled")) == ("Defence Ministry", "organisation", "body_entity")


def test_plural_nationality_is_a_group(vocab):
    # Kurds said talks stalled.
    doc = _doc(vocab, [("Kurds", 1, "nsubj", "PROPN", "NNPS", "B-NORP"), ("said", 1, "ROOT", "VERB", "VBD"),
                       ("talks", 3, "nsubj", "NOUN", "NNS"), ("stalled", 1, "ccomp", "VERB", "VBD"), (".", 1, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "Kurds", "talks stalled")) == ("Kurds", "group", "nationality_group")


def test_titled_capitalised_name_the_tagger_missed_is_a_person(vocab):
    # Mr. Gowdy said talks stalled.
    doc = _doc(vocab, [("Mr.", 1, "compound", "PROPN", "NNP"), ("Gowdy", 2, "nsubj", "PROPN", "NNP"), ("said", 2, "ROOT", "VERB", "VBD"),
                       ("talks", 4, "nsubj", "NOUN", "NNS"), ("stalled", 2, "ccomp", "VERB", "VBD"), (".", 2, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "Mr. Gowdy", "talks stalled")) == ("Gowdy", "person", "capitalised_name")


def test_capitalised_name_after_the_headline_is_a_person(vocab):
    # Talks stall \n\n Gowdy said talks stalled.
    doc = _doc(vocab, [("Talks", 1, "nsubj", "NOUN", "NNS"), ("stall", 1, "ROOT", "VERB", "VBP"), ("\n\n", 1, "dep", "SPACE", "_SP"),
                       ("Gowdy", 4, "nsubj", "PROPN", "NNP"), ("said", 4, "ROOT", "VERB", "VBD"),
                       ("talks", 6, "nsubj", "NOUN", "NNS"), ("stalled", 4, "ccomp", "VERB", "VBD"), (".", 4, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "Gowdy", "talks stalled")) == ("Gowdy", "person", "capitalised_name")


def test_acronym_the_tagger_missed_is_an_organisation(vocab):
    # NATO said talks stalled.
    doc = _doc(vocab, [("NATO", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD"),
                       ("talks", 3, "nsubj", "NOUN", "NNS"), ("stalled", 1, "ccomp", "VERB", "VBD"), (".", 1, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "NATO", "talks stalled")) == ("NATO", "organisation", "acronym_body")


def test_definite_description_goes_to_the_body_it_describes(vocab):
    # The Defence Ministry said talks stalled. The ministry said prices fall.
    doc = _doc(vocab, [("The", 2, "det", "DET", "DT"), ("Defence", 2, "compound", "PROPN", "NNP", "B-ORG"),
                       ("Ministry", 3, "nsubj", "PROPN", "NNP", "I-ORG"), ("said", 3, "ROOT", "VERB", "VBD"),
                       ("talks", 5, "nsubj", "NOUN", "NNS"), ("stalled", 3, "ccomp", "VERB", "VBD"), (".", 3, "punct", "PUNCT", "."),
                       ("The", 8, "det", "DET", "DT"), ("ministry", 9, "nsubj", "NOUN", "NN"), ("said", 9, "ROOT", "VERB", "VBD"),
                       ("prices", 11, "nsubj", "NOUN", "NNS"), ("fall", 9, "ccomp", "VERB", "VBP"), (".", 9, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "The ministry", "prices fall")) == ("Defence Ministry", "organisation", "definite_description")


def test_unnamed_speaker_is_typed_by_its_head_noun(vocab):
    # A Turkish official said talks stalled.
    doc = _doc(vocab, [("A", 2, "det", "DET", "DT"), ("Turkish", 2, "amod", "ADJ", "JJ", "B-NORP"), ("official", 3, "nsubj", "NOUN", "NN"),
                       ("said", 3, "ROOT", "VERB", "VBD"), ("talks", 5, "nsubj", "NOUN", "NNS"), ("stalled", 3, "ccomp", "VERB", "VBD"),
                       (".", 3, "punct", "PUNCT", ".")])
    assert _resolve(doc, _quote(doc, "A Turkish official", "talks stalled")) == ("Turkish official", "anonymous", "head_noun")


def test_a_carried_quote_shares_the_source_of_the_one_before(vocab):
    doc = _doc(vocab, _JONES)
    first = _quote(doc, "Peter Jones", "taxes rise")
    carried = Quote("direct", "prices fall", doc.text.index("prices fall"), len(doc.text) - 1, 0, carried=True)
    resolve_speakers(ArticleIndex.build(doc), [first, carried], group_entities(doc, labels=None))
    assert (carried.speaker_canonical, carried.speaker_rule) == ("Peter Jones", "carried")
    assert first.speaker_rule == "person_entity"

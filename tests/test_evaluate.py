"""Scoring against gold: a small hand-made case whose figures are worked out by hand."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from medialens.evaluate import evaluate, read_predictions
from medialens.matching import overlap, same_speaker

GOLD = {
    "senate-race": {
        "article_id": "senate-race",
        "quotes": [
            {"kind": "direct", "text": "We will win this election, and we will win it big,", "speaker": "Smith",
             "speaker_canonical": "Smith", "cue": "said"},
            # gold resolves the pronoun: the prediction's canonical speaker must match the name
            {"kind": "indirect", "text": "the plan would cut taxes for the middle class", "speaker": "he",
             "speaker_canonical": "John Smith", "cue": "said"},
            {"kind": "mixed", "text": "the deal was a disaster for workers", "speaker": "Jones",
             "speaker_canonical": "Jones", "cue": "called"},
            {"kind": "direct", "text": "Thank you all", "speaker": "Smith", "speaker_canonical": "Smith",
             "optional": True},
        ],
    },
    "plant-closure": {
        "article_id": "plant-closure",
        "quotes": [
            {"kind": "indirect", "text": "the company had broken no laws", "speaker": "a spokesman",
             "speaker_canonical": "a spokesman", "cue": "said"},
        ],
    },
}

PREDICTED = pd.DataFrame(
    [
        # found, speaker right (the title is ignored: `Mr. Smith` is `Smith`)
        ("senate-race", "direct", "We will win this election, and we will win it big", "Mr. Smith", "John Smith"),
        # found (5 of its 5 words are gold's, and they cover over a quarter of gold's 8), wrong speaker
        ("senate-race", "indirect", "the plan would cut taxes", "he", "Mary Brown"),
        # one word of seven: too small a part of the gold quote to stand for it
        ("senate-race", "mixed", "disaster", "Jones", "Jones"),
        # matches an optional gold quote: neither a hit nor a false positive
        ("senate-race", "direct", "Thank you all", "Smith", "Smith"),
        ("plant-closure", "indirect", "Nobody broke any rules here", "spokesman", "spokesman"),
        # an article without gold counts among predictions only
        ("other-story", "direct", "No comment", "she", "unknown"),
    ],
    columns=["article_id", "kind", "text", "speaker", "speaker_canonical"],
)


def test_figures_of_a_hand_scored_case():
    f = evaluate(GOLD, PREDICTED).figures
    assert (f["articles"], f["gold_quotes"], f["pred_quotes"]) == (2, 4, 6)
    assert (f["quote_p"], f["quote_r"], f["quote_f1"]) == (0.5, 0.5, 0.5)
    assert (f["recall_direct"], f["recall_indirect"], f["recall_mixed"]) == (1.0, 0.5, 0.0)
    assert f["speaker_acc"] == 0.5
    assert f["kind_acc"] == 1.0
    assert f["end_to_end_f1"] == 0.25


def test_error_table_lists_missed_spurious_and_wrong_speaker_quotes():
    errors = evaluate(GOLD, PREDICTED).errors
    got = sorted(zip(errors["article_id"], errors["error"], errors["kind"]))
    assert got == [
        ("plant-closure", "missed", "indirect"),
        ("plant-closure", "spurious", "indirect"),
        ("senate-race", "missed", "mixed"),
        ("senate-race", "spurious", "mixed"),
        ("senate-race", "wrong_speaker", "indirect"),
    ]
    wrong = errors[errors["error"] == "wrong_speaker"].iloc[0]
    assert (wrong["gold_speaker"], wrong["pred_speaker_canonical"]) == ("John Smith", "Mary Brown")


def test_articles_are_listed_worst_first():
    articles = evaluate(GOLD, PREDICTED).articles
    assert list(articles["article_id"]) == ["senate-race", "plant-closure"]
    assert list(articles["errors"]) == [3, 2]


def test_each_gold_quote_takes_a_prediction_only_once():
    gold = {"a": {"article_id": "a", "quotes": [
        {"kind": "direct", "text": "We are ready", "speaker": "Lee", "speaker_canonical": "Lee"},
        {"kind": "direct", "text": "We are ready", "speaker": "Lee", "speaker_canonical": "Lee"},
    ]}}
    pred = pd.DataFrame([("a", "direct", "We are ready", "Lee", "Lee")],
                        columns=["article_id", "kind", "text", "speaker", "speaker_canonical"])
    f = evaluate(gold, pred).figures
    assert (f["quote_p"], f["quote_r"]) == (1.0, 0.5)


def test_overlap_needs_a_quarter_of_the_longer_side():
    assert overlap("a disaster", "the deal was a disaster for workers") == 1.0
    assert overlap("disaster", "the deal was a disaster for workers") == 0.0
    assert overlap("“Curly” marks", '"curly" MARKS') == 1.0


@pytest.mark.parametrize(
    "gold, pred, right",
    [
        ("Trump", "Donald Trump", True),
        ("Mr. Obama", "President Barack Obama", True),
        ("the campaign", "the Trump campaign", True),
        ("Clinton", "Sanders", False),
        ("", "unknown", True),
        ("", "Clinton", False),
    ],
)
def test_speaker_names_match_on_last_word_or_inclusion(gold, pred, right):
    assert same_speaker(gold, pred) is right


def test_evaluate_command_prints_the_figures_and_writes_the_error_table(tmp_path, capsys):
    from medialens.cli import main

    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    for article_id, data in GOLD.items():
        (gold_dir / f"{article_id}.json").write_text(json.dumps(data), encoding="utf-8")
    PREDICTED.to_csv(pred_dir / "quotes.csv", index=False)
    assert main(["evaluate", str(gold_dir), str(pred_dir)]) == 0
    out = capsys.readouterr().out
    assert "quote_p: 0.5\n" in out
    assert "recall_mixed: 0.0\n" in out
    assert "end_to_end_f1: 0.25\n" in out
    errors = read_predictions(pred_dir, "quote_errors")
    assert sorted(errors["error"]) == ["missed", "missed", "spurious", "spurious", "wrong_speaker"]


def test_evaluate_extracts_a_corpus_and_scores_real_annotated_news(tmp_path):
    from locations import FIXTURES
    from medialens.evaluate import evaluate_corpus

    polnear = FIXTURES / "polnear"
    evaluation = evaluate_corpus(polnear / "gold", tmp_path / "pred", corpus=polnear / "corpus", cache=False)
    f = evaluation.figures
    assert f["articles"] == 3
    assert f["gold_quotes"] == 23
    # every quote in quote marks is found in these three articles
    assert f["recall_direct"] == 1.0
    assert (tmp_path / "pred" / "quotes.csv").exists()
    # the same figures when the written tables are scored again
    assert evaluate(polnear / "gold", tmp_path / "pred").figures == f
    kinds = evaluation.kinds.set_index("kind")
    assert kinds["found"].sum() == round(f["quote_r"] * f["gold_quotes"])


def test_only_articles_the_gold_covers_are_scored_and_the_note_says_how_many(tmp_path):
    from locations import FIXTURES, SEEDS
    from medialens.evaluate import evaluate, evaluate_covered
    from medialens.extract import extract

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "other.txt").write_text('Bridge to reopen\n\n"We are ready," Mayor Ann Lee said on Monday.\n', encoding="utf-8")
    tables = extract(corpus, out=tmp_path / "out", cache=False, workers=1, progress=False)
    assert len(tables.articles) == 2 and (tables.quotes["article_id"] == "other").any()
    covered, note = evaluate_covered(FIXTURES, tmp_path / "out", tables.articles)
    extract(SEEDS, out=tmp_path / "seed", cache=False, workers=1, progress=False)
    alone = evaluate(FIXTURES, tmp_path / "seed")
    assert covered.figures == alone.figures  # the other article's quote is not counted as spurious
    assert note.startswith("Hand annotations cover 1 of 2 articles (50%)")


def test_a_corpus_no_gold_covers_is_not_scored(tmp_path):
    from medialens.evaluate import evaluate_covered

    articles = pd.DataFrame({"article_id": ["a", "b"]})
    for gold in (tmp_path / "nowhere", tmp_path):
        evaluation, note = evaluate_covered(gold, tmp_path, articles)
        assert evaluation is None
        assert note.startswith("No hand annotations cover this corpus (2 articles;") and "benchmarks/README.md" in note

"""The quote model: features of a row, a fit that learns from them, a JSON file that loads
without running code, training from annotated articles, and the shipped model on the seed."""
from __future__ import annotations

import json
import math

import pytest

from locations import FIXTURES
from medialens.confidence import (
    FORMAT, MODEL, REPORTED_MODEL, QuoteModel, explain, quote_confidence, read_model, row_features, shipped_model,
    write_model,
)
from medialens.train import fit, fold_of, labelled_rows, train

ROW = {"article_id": "a", "kind": "direct", "text": "We will rebuild the town, every house of it.", "start": 10, "end": 55,
       "paragraph": 2, "in_headline": False, "cue": "said", "cue_start": 70, "speaker": "Mayor Jane Doe",
       "speaker_canonical": "Jane Doe", "speaker_type": "person", "speaker_role": "Mayor", "speaker_start": 57,
       "speaker_end": 69, "speaker_rule": "person_entity"}


def test_a_rows_features_name_its_kind_rule_cue_and_where_its_speaker_stands():
    features = row_features(ROW)
    assert {"kind=direct", "rule=person_entity", "kind*rule=direct*person_entity", "cue=said", "type=person",
            "role=True", "cue_before=False", "speaker=after:<=20", "last=."} <= set(features)
    unattributed = row_features({**ROW, "speaker_start": None, "speaker_rule": None, "cue": None, "cue_start": float("nan")})
    assert {"speaker=none", "rule=none", "cue=none"} <= set(unattributed)
    assert not [f for f in unattributed if f.startswith("cue_before")]


def test_the_fit_gives_weight_to_what_tells_right_rows_from_wrong():
    features = [["kind=direct", "rule=person_entity"]] * 40 + [["kind=direct", "rule=none"]] * 40
    labels = [True] * 38 + [False] * 2 + [True] * 6 + [False] * 34
    model = fit(features, labels)
    assert model.weights["rule=person_entity"] > 0 > model.weights["rule=none"]
    sure = quote_confidence({**ROW, "speaker_rule": "person_entity"}, model)
    unsure = quote_confidence({**ROW, "speaker_rule": None}, model)
    assert sure > 0.8 and unsure < 0.3


def test_a_fit_without_both_right_and_wrong_rows_is_refused():
    with pytest.raises(ValueError, match="both right and wrong"):
        fit([["kind=direct"]] * 5, [True] * 5)


def test_a_confidence_is_the_logistic_of_its_explained_weights():
    model = QuoteModel({"kind=direct": 1.5, "rule=person_entity": 0.75, "cue=said": -0.25}, -0.5)
    parts = explain(ROW, model)
    assert parts[0] == ("kind=direct", 1.5) and parts[-1] == ("(bias)", -0.5)
    assert quote_confidence(ROW, model) == round(1 / (1 + math.exp(-sum(w for _, w in parts))), 3)


def test_the_model_file_is_plain_json_that_reads_back_the_same(tmp_path):
    model = QuoteModel({"kind=direct": 1.25, "cue=said": -0.5}, 0.125, {"trained_on": {"rows": 2}})
    path = write_model(model, tmp_path / "model.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["features"] == ["cue=said", "kind=direct"]
    assert read_model(path) == model


def test_a_file_of_another_format_is_not_read_as_a_model(tmp_path):
    (tmp_path / "other.json").write_text('{"format": "something else", "weights": []}')
    with pytest.raises(ValueError, match="not a medialens quote model"):
        read_model(tmp_path / "other.json")


def test_articles_fall_in_the_same_fold_on_every_run():
    folds = [fold_of(f"article-{n}") for n in range(200)]
    assert folds == [fold_of(f"article-{n}") for n in range(200)]
    assert set(folds) == {0, 1, 2, 3, 4}


def annotated_sample(folder, n: int):
    """A gold and a corpus folder holding the first `n` articles of PolNeAR train's copy."""
    source = FIXTURES / "polnear_train"
    for part, suffix in (("gold", ".json"), ("corpus", ".txt")):
        (folder / part).mkdir(parents=True)
    for path in sorted((source / "gold").glob("*.json"))[:n]:
        (folder / "gold" / path.name).symlink_to(path)
        (folder / "corpus" / f"{path.stem}.txt").symlink_to(source / "corpus" / f"{path.stem}.txt")
    return folder / "gold"


def test_training_on_annotated_articles_writes_both_models_and_twice_the_same_bytes(tmp_path):
    gold = annotated_sample(tmp_path / "sample", 8)
    first = train(gold, out=tmp_path / "one", workers=1, progress=False)
    train(gold, out=tmp_path / "two", workers=1, progress=False)
    for name, model in ((MODEL, first.quote), (REPORTED_MODEL, first.reported)):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
        assert read_model(tmp_path / "one" / name) == model
        seen = model.about["trained_on"]
        assert seen["articles"] == 8 and seen["annotations"] == "sample/gold" and 0 < seen["right"] < 1
        assert model.weights and any(w != 0 for w in model.weights.values())
    # the reported-speech model learns from verbs: its features are not a quote row's
    assert any(f.startswith("lemma=") for f in first.reported.weights) and not any(f.startswith("lemma=") for f in first.quote.weights)


def test_training_leaves_out_what_it_cannot_read_find_or_analyse_and_goes_on(tmp_path, monkeypatch, capsys):
    import medialens.train as training
    from medialens.cli import main

    gold = annotated_sample(tmp_path / "sample", 8)
    first = sorted((gold.parent / "corpus").iterdir())[0]
    annotation = json.loads((gold / f"{first.stem}.json").read_text(encoding="utf-8"))
    for name, corpus_file in (("binary", b"\x00\x01\x02" * 50), ("absent", None)):
        (gold / f"{name}.json").write_text(json.dumps({**annotation, "article_id": name}), encoding="utf-8")
        if corpus_file is not None:
            (gold.parent / "corpus" / f"{name}.txt").write_bytes(corpus_file)
    failing = sorted((gold.parent / "corpus").glob("breitbart*"))[1].stem
    rows_of = training.candidate_rows

    def candidate_rows(doc, annotated):
        if doc.text.startswith((gold.parent / "corpus" / f"{failing}.txt").read_text(encoding="utf-8")[:40]):
            raise RuntimeError("parse gone astray")
        return rows_of(doc, annotated)

    monkeypatch.setattr(training, "candidate_rows", candidate_rows)
    models = train(gold, out=tmp_path / "out", workers=1, progress=False)
    assert models.quote.about["trained_on"]["articles"] == 7  # the sample's 8 but the failing one
    assert len(models.skipped) == 3, models.skipped
    assert any("binary.txt" in r for r in models.skipped)
    assert any(r.startswith("absent: annotated, but not in the corpus") for r in models.skipped)
    assert any(failing in r and "parse gone astray" in r for r in models.skipped)
    assert main(["train", str(gold), "--out", str(tmp_path / "cli"), "--workers", "1", "-q"]) == 0
    err = capsys.readouterr().err
    assert "skipped absent: annotated" in err and "3 annotated articles or files left out" in err
    assert (tmp_path / "cli" / MODEL).exists()


def test_training_with_no_usable_article_says_why(tmp_path):
    gold = annotated_sample(tmp_path / "sample", 2)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "other.txt").write_text("Another story\n\nNothing annotated here.", encoding="utf-8")
    with pytest.raises(ValueError, match="no annotated article could be used .* not in the corpus"):
        train(gold, corpus=tmp_path / "elsewhere", out=tmp_path / "out", workers=1, progress=False)


def test_training_takes_no_cache_flag_since_it_reads_the_parse_itself():
    from medialens.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["train", "gold", "--out", "m", "--cache", "c"])


def test_rows_are_labelled_right_when_text_and_speaker_match_the_annotation():
    import pandas as pd

    gold = {"a": {"quotes": [{"text": "We will rebuild the town, every house of it.", "speaker": "Jane Doe", "speaker_canonical": "Jane Doe", "kind": "direct"}]}}
    quotes = pd.DataFrame([ROW, {**ROW, "speaker": "Bob Roe", "speaker_canonical": "Bob Roe"}, {**ROW, "article_id": "b"}])
    features, labels, articles = labelled_rows(gold, quotes)
    assert labels == [True, False] and articles == ["a", "a"] and features[0] == row_features(ROW)


def test_each_row_of_a_quote_annotated_as_one_attribution_is_right():
    import pandas as pd

    # PolNeAR's one attribution for a speaker's two quotes; medialens gives a row to each
    gold = {"a": {"quotes": [{"text": "We will rebuild the town. Every house of it, and the school first.", "kind": "direct",
                              "speaker": "Jane Doe", "speaker_canonical": "Jane Doe"}]}}
    first = {**ROW, "text": "We will rebuild the town.", "end": 35}
    second = {**ROW, "text": "Every house of it, and the school first.", "start": 80, "end": 120, "speaker_rule": "carried"}
    assert labelled_rows(gold, pd.DataFrame([first, second]))[1] == [True, True]


def test_the_shipped_model_is_sure_of_the_seed_rows_the_annotations_confirm(seed_tables):
    from medialens.evaluate import read_gold

    model = shipped_model()
    assert model.about["trained_on"]["annotations"] == "polnear_train/gold" and len(model.weights) > 100
    _, labels, _ = labelled_rows(read_gold(FIXTURES), seed_tables.quotes)
    scores = seed_tables.quotes["confidence"].tolist()
    confirmed = [p for p, right in zip(scores, labels) if right]
    assert len(confirmed) >= 14  # every annotated quote of the seed is found
    assert sum(confirmed) / len(confirmed) >= 0.85 and sum(p >= 0.6 for p in confirmed) >= len(confirmed) - 2
    # a rule row's confidence is the shipped model's score of the row as written
    rules = seed_tables.quotes[seed_tables.quotes["decided_by"] == "rule"]
    assert rules["confidence"].tolist() == [quote_confidence(r, model) for r in rules.to_dict("records")]


def test_a_row_read_back_from_the_table_scores_as_it_did_when_written(seed_tables):
    quotes = seed_tables.quotes[seed_tables.quotes["decided_by"] == "rule"]
    assert [quote_confidence(quotes.iloc[i]) for i in range(len(quotes))] == quotes["confidence"].tolist()
    assert explain(quotes.iloc[0])[-1][0] == "(bias)"

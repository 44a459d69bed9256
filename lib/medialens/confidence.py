"""How sure a quote row is: a logistic regression over what the row records, trained on
annotated news (see `train.py` and MODEL_CARD.md).

The model is `quote_model.json` beside this module: named features of a row (its kind, the
speaker rule that decided its speaker, the cue word, the speaker's type and role, the quote's
length, where the speaker and the cue stand against the quote), a weight for each, and a bias.
A row's confidence is the logistic of the bias plus the weights of the features it has: the
chance, on news like the training articles, that the row is right, text and speaker. The
features and weights are plain JSON, so the model loads offline, runs no code, and each row's
confidence can be taken apart feature by feature (`explain`).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Mapping

import pandas as pd

MODEL = "quote_model.json"
# The model that proposes reported speech the rules leave (see `quotes/proposed.py`): the same
# format, other features.
REPORTED_MODEL = "reported_model.json"
FORMAT = "medialens-quote-model/1"
# Length and distance buckets: a two-word fragment and a full sentence are right at different
# rates, and so are a speaker beside the quote and one a paragraph away.
WORD_BUCKETS = (3, 6, 10, 20, 40, 80)
DISTANCE_BUCKETS = (0, 20, 50, 100, 200, 500)
# Opening words that say what a reported-speech span is (`that ...`, a pronoun subject).
OPENING_WORDS = frozenset({"that", "the", "he", "she", "they", "it", "we", "i", "to", "a"})
# Decimals of the weights a model file keeps: enough for three decimals of confidence, few
# enough that training twice writes the same bytes.
DECIMALS = 6


@dataclass(frozen=True)
class QuoteModel:
    """Feature weights and a bias; `about` is what the model file says of itself (what it was
    trained on, its figures)."""

    weights: dict[str, float]
    bias: float
    about: dict = field(default_factory=dict)


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    return next((f"<={e}" for e in edges if value <= e), f">{edges[-1]}")


def _present(value) -> bool:
    """Whether a cell holds a value: not None, NaN, pandas' NA or an empty string (a row from
    `to_dict`, from a DataFrame's `iloc` or read back from CSV says "none" in each of these)."""
    return not pd.isna(value) and value != ""


def row_features(row: Mapping) -> list[str]:
    """The features of a quote row (a dict with the quotes table's columns and `speaker_rule`),
    as `name=value` strings; crossed features join two with `*`."""
    kind, rule = row["kind"], row.get("speaker_rule") if _present(row.get("speaker_rule")) else "none"
    cue = str(row["cue"]).lower() if _present(row.get("cue")) else "none"
    text = str(row["text"])
    words = _bucket(len(re.findall(r"\w+", text)), WORD_BUCKETS)
    first = text.split()[0].lower() if text.split() else ""
    last = text.rstrip()[-1:]
    found = [
        f"kind={kind}", f"rule={rule}", f"kind*rule={kind}*{rule}", f"type={row['speaker_type']}",
        f"kind*type={kind}*{row['speaker_type']}", f"cue={cue}", f"kind*cue={kind}*{cue}", f"words={words}",
        f"kind*words={kind}*{words}", f"headline={bool(row['in_headline'])}", f"role={_present(row.get('speaker_role'))}",
        f"first={first if first in OPENING_WORDS else 'other'}", f"last={last if last in '.,?!;:' else 'word'}",
    ]
    if _present(row.get("cue_start")):
        found.append(f"cue_before={int(row['cue_start']) < int(row['start'])}")
    if _present(row.get("speaker_start")):
        start, end, at = int(row["start"]), int(row["end"]), int(row["speaker_start"])
        side = "before" if at < start else "inside" if at < end else "after"
        distance = start - at if side == "before" else abs(at - end)
        found.append(f"speaker={side}:{_bucket(distance, DISTANCE_BUCKETS)}")
    else:
        found.append("speaker=none")
    return found


def read_model(path: str | Path) -> QuoteModel:
    """The model in the JSON file `path` (as `write_model` wrote it). Raises ValueError for a
    file of another format."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a medialens quote model (format {data.get('format')!r}, expected {FORMAT!r})")
    return QuoteModel(dict(zip(data["features"], map(float, data["weights"]))), float(data["bias"]), data.get("about", {}))


def write_model(model: QuoteModel, path: str | Path) -> Path:
    """Write `model` to `path` as JSON: features sorted, weights rounded to DECIMALS, so that
    training twice on the same articles writes the same bytes."""
    from .tables import atomic_write

    names = sorted(model.weights)
    data = {"format": FORMAT, "about": model.about, "bias": round(model.bias, DECIMALS), "features": names,
            "weights": [round(model.weights[n], DECIMALS) for n in names]}
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    atomic_write(Path(path), lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return Path(path)


@lru_cache(maxsize=2)
def shipped_model(name: str = MODEL) -> QuoteModel:
    """A model that ships with medialens (`MODEL` or `REPORTED_MODEL`), read once per process."""
    return read_model(Path(str(files(__package__).joinpath(name))))


def probability(features: list[str], model: QuoteModel) -> float:
    """The logistic of the model's bias plus the weights of `features` (unknown ones weigh 0),
    rounded to three decimals."""
    score = model.bias + sum(model.weights.get(f, 0.0) for f in features)
    return round(1 / (1 + math.exp(-score)), 3)


def explain(row: Mapping, model: QuoteModel | None = None) -> list[tuple[str, float]]:
    """The weight each feature of a rule row (`decided_by` = `rule`) adds to its score, largest
    effect first, then the bias as `(bias)`: what made the row's confidence what it is. Raises
    ValueError for a row the reported-speech model proposed: its confidence comes from the
    parse (`quotes.proposed.candidate_features`), not from what the row records."""
    if row.get("decided_by") == "model":
        raise ValueError("a proposed row's confidence is the reported-speech model's, from the parse: "
                         "see medialens.quotes.proposed.candidate_features")
    model = model or shipped_model()
    parts = [(f, model.weights[f]) for f in row_features(row) if f in model.weights]
    return sorted(parts, key=lambda p: -abs(p[1])) + [("(bias)", model.bias)]


def quote_confidence(row: Mapping, model: QuoteModel | None = None) -> float:
    """How likely a row the rules decided (see `row_features`) is right, text and speaker,
    between 0 and 1, rounded to three decimals (the `confidence` of such a row)."""
    return probability(row_features(row), model or shipped_model())

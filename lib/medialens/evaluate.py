"""Scoring extracted quotes against hand-annotated gold, and listing the failures.

Gold is a folder of JSON files, one per article (`article_id`, `quotes`, optionally `entities`
and `not_entities`), in the format of `tests/fixtures/*.json`. Predictions are the `quotes`
(and `entities`) tables that `medialens extract` writes.

Matching rules (shared with the project's reference scorer, so figures are comparable):

- texts are normalised (NFKC, lower case, quote marks removed, white space folded) and compared
  as sets of word tokens;
- a predicted quote matches a gold quote of the same article when the shared tokens cover at
  least 0.6 of the shorter side and at least 0.25 of the longer side; gold quotes are taken in
  file order, each one takes the best-overlapping unused prediction (the first on ties);
- `optional` gold quotes neither count when missed nor as false positives when found;
- a speaker is right when the normalised names are equal, share their last word (after
  dropping titles such as `Mr` and `President`), or one's words contain the other's (the
  shorter side needing two words when it is the prediction). When gold resolves the mention
  (`he` → `Sergei Lavrov`) the prediction's `speaker_canonical` must match the resolved name;
  when gold gives only the mention, either `speaker` or `speaker_canonical` may match it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .matching import MATCH_SHORTER, norm, overlap, speaker_ok
from .lexicon.quoting import KINDS

ERROR_COLUMNS = [
    "article_id", "error", "kind", "pred_kind", "gold_text", "pred_text", "gold_speaker",
    "pred_speaker", "pred_speaker_canonical", "gold_cue", "pred_cue", "gold_start", "pred_start", "overlap",
]
ARTICLE_COLUMNS = ["article_id", "gold", "pred", "found", "missed", "spurious", "wrong_speaker", "errors"]


@dataclass
class Evaluation:
    """Scores of one prediction folder against one gold folder.

    `figures`: the headline numbers (same names and rounding as the reference scorer);
    `kinds`: one row per quote kind (gold, found, recall, speaker accuracy);
    `errors`: one row per missed, spurious or wrong-speaker quote (`ERROR_COLUMNS`);
    `articles`: one row per gold article with its counts, worst first.
    """

    figures: dict
    kinds: pd.DataFrame
    errors: pd.DataFrame
    articles: pd.DataFrame


def read_gold(gold_dir: str | Path) -> dict[str, dict]:
    """Gold annotations by article id, from every `*.json` in `gold_dir` (sorted by file name)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"no gold folder: {gold_dir}")
    gold = {}
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold[data["article_id"]] = data
    return gold


def read_predictions(pred_dir: str | Path, name: str = "quotes") -> pd.DataFrame:
    """A table written by `medialens extract`, read from its CSV with every cell a string.

    Missing values become empty strings, as the reference scorer sees them; a missing file
    gives an empty table.
    """
    path = Path(pred_dir) / f"{name}.csv"
    if not path.exists():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _records(df: pd.DataFrame | None) -> list[dict]:
    if df is None or not len(df):
        return []
    return df.astype(object).where(df.notna(), "").astype(str).to_dict("records")


def _by_article(rows: list[dict]) -> dict[str, list[dict]]:
    """Rows grouped by their `article_id`, each group in table order."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row.get("article_id", ""), []).append(row)
    return grouped


@dataclass
class _Tally:
    """Counts summed over the gold articles as they are scored, and the rows of the error and
    article tables collected on the way."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_right: int = 0
    speaker_type_right: int = 0
    speaker_typed: int = 0
    kind_right: int = 0
    gold_by_kind: dict[str, int] = field(default_factory=dict)
    found_by_kind: dict[str, int] = field(default_factory=dict)
    speaker_by_kind: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)


def evaluate(gold: dict[str, dict] | str | Path, quotes: pd.DataFrame | str | Path,
             entities: pd.DataFrame | None = None) -> Evaluation:
    """Score predicted quotes (a DataFrame or a folder with `quotes.csv`) against gold.

    `gold` is a folder of JSON files or the dict `read_gold` returns. When `quotes` is a
    folder, its `entities.csv` is scored too unless `entities` is given. Returns an
    `Evaluation` with the figures, per-kind rows, the error table and per-article counts.
    """
    gold, quotes, entities = _inputs(gold, quotes, entities)
    preds = _records(quotes)
    by_article = _by_article(preds)
    tally = _Tally()
    for aid, g in gold.items():
        _score_article(aid, g.get("quotes", []), by_article.get(aid, []), tally)
    figures = {**_quote_figures(tally, len(gold), len(preds)), **_entity_figures(gold, _records(entities))}
    kinds = _kind_table(tally, [p for aid in gold for p in by_article.get(aid, [])])
    return Evaluation(figures, kinds, _error_table(tally.errors), _article_table(tally.articles))


def _inputs(gold: dict[str, dict] | str | Path, quotes: pd.DataFrame | str | Path,
            entities: pd.DataFrame | None) -> tuple[dict[str, dict], pd.DataFrame, pd.DataFrame | None]:
    """The gold dict and the quotes and entities tables, read from their folders when given as paths."""
    if not isinstance(gold, dict):
        gold = read_gold(gold)
    if isinstance(quotes, (str, Path)):
        folder = Path(quotes)
        if not folder.is_dir():
            raise FileNotFoundError(f"no prediction folder: {folder}")
        quotes = read_predictions(folder, "quotes")
        if entities is None:
            entities = read_predictions(folder, "entities")
    return gold, quotes, entities


def _score_article(aid: str, gold_quotes: list[dict], rows: list[dict], tally: _Tally) -> None:
    """Match one article's gold quotes (in file order) to its predicted rows, adding the
    counts, the error rows and the article's row to `tally`."""
    used: set[int] = set()
    counts = {"article_id": aid, "gold": 0, "pred": len(rows), "found": 0, "missed": 0, "spurious": 0, "wrong_speaker": 0}
    for gq in gold_quotes:
        optional = bool(gq.get("optional"))
        if not optional:
            tally.gold_by_kind[gq["kind"]] = tally.gold_by_kind.get(gq["kind"], 0) + 1
            counts["gold"] += 1
        best, best_i = _best_match(gq["text"], rows, used)
        if best >= MATCH_SHORTER:
            used.add(best_i)
            if not optional:
                _score_found(aid, gq, rows[best_i], best, tally, counts)
        elif not optional:
            tally.fn += 1
            counts["missed"] += 1
            tally.errors.append(_error_row(aid, "missed", gq, None, best))
    for i, pq in enumerate(rows):
        if i not in used:
            tally.errors.append(_error_row(aid, "spurious", None, pq, 0.0))
    counts["spurious"] = len(rows) - len(used)
    tally.fp += counts["spurious"]
    counts["errors"] = counts["missed"] + counts["spurious"] + counts["wrong_speaker"]
    tally.articles.append(counts)


def _best_match(text: str, rows: list[dict], used: set[int]) -> tuple[float, int | None]:
    """The highest overlap of `text` with an unused row's text and that row's index (the
    first on ties; `(0.0, None)` when nothing overlaps)."""
    best, best_i = 0.0, None
    for i, pq in enumerate(rows):
        if i in used:
            continue
        o = overlap(text, pq.get("text", ""))
        if o > best:
            best, best_i = o, i
    return best, best_i


def _score_found(aid: str, gq: dict, pq: dict, best: float, tally: _Tally, counts: dict) -> None:
    """Count a required gold quote that prediction `pq` matched: its speaker, speaker type and kind."""
    kind = gq["kind"]
    tally.tp += 1
    counts["found"] += 1
    tally.found_by_kind[kind] = tally.found_by_kind.get(kind, 0) + 1
    right = speaker_ok(gq, pq)
    tally.speaker_right += right
    tally.speaker_by_kind[kind] = tally.speaker_by_kind.get(kind, 0) + right
    if not right:
        counts["wrong_speaker"] += 1
        tally.errors.append(_error_row(aid, "wrong_speaker", gq, pq, best))
    if gq.get("speaker_type"):
        tally.speaker_typed += 1
        tally.speaker_type_right += gq["speaker_type"] == (pq.get("speaker_type") or "")
    tally.kind_right += kind == pq.get("kind")


def _quote_figures(tally: _Tally, articles: int, pred_quotes: int) -> dict:
    """The headline quote figures, in the reference scorer's order and rounding."""
    tp = found = tally.tp  # every found quote has its speaker and kind judged
    P = tp / (tp + tally.fp) if tp + tally.fp else 0.0
    R = tp / (tp + tally.fn) if tp + tally.fn else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {
        "articles": articles, "gold_quotes": tp + tally.fn, "pred_quotes": pred_quotes,
        "quote_p": round(P, 3), "quote_r": round(R, 3), "quote_f1": round(F, 3),
        **{f"recall_{k}": round(tally.found_by_kind.get(k, 0) / n, 3) for k, n in sorted(tally.gold_by_kind.items())},
        "speaker_acc": round(tally.speaker_right / found, 3) if found else 0.0,
        "speaker_type_acc": round(tally.speaker_type_right / tally.speaker_typed, 3) if tally.speaker_typed else None,
        "kind_acc": round(tally.kind_right / found, 3) if found else 0.0,
        # a quote counts end to end when it is found and its speaker is right
        "end_to_end_f1": round(F * tally.speaker_right / found, 3) if found else 0.0,
    }


def _kind_table(tally: _Tally, preds: list[dict]) -> pd.DataFrame:
    """One row per quote kind: gold and found counts, recall, how many `preds` claim the kind,
    and speaker accuracy on the found ones."""
    gold, found, speaker = tally.gold_by_kind, tally.found_by_kind, tally.speaker_by_kind
    return pd.DataFrame(
        [
            {
                "kind": k, "gold": gold.get(k, 0), "found": found.get(k, 0),
                "recall": round(found.get(k, 0) / gold[k], 3) if gold.get(k) else None,
                "predicted": sum(p.get("kind") == k for p in preds),
                "speaker_acc": round(speaker.get(k, 0) / found[k], 3) if found.get(k) else None,
            }
            for k in KINDS
        ]
    )


def _error_table(errors: list[dict]) -> pd.DataFrame:
    """The error rows as a table: offsets as nullable integers, overlap as float, the rest text."""
    table = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    for column in ("gold_start", "pred_start"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    for column in ERROR_COLUMNS:
        if column not in ("gold_start", "pred_start", "overlap"):
            table[column] = table[column].fillna("").astype(str)
    return table


def _article_table(articles: list[dict]) -> pd.DataFrame:
    """The per-article counts, most errors first, then by article id."""
    table = pd.DataFrame(articles, columns=ARTICLE_COLUMNS)
    return table.sort_values(["errors", "article_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _error_row(aid: str, error: str, gq: dict | None, pq: dict | None, best: float) -> dict:
    gq, pq = gq or {}, pq or {}
    return {
        "article_id": aid, "error": error, "kind": gq.get("kind") or pq.get("kind", ""),
        "pred_kind": pq.get("kind", ""), "gold_text": gq.get("text", ""), "pred_text": pq.get("text", ""),
        "gold_speaker": gq.get("speaker_canonical") if gq and norm(gq.get("speaker_canonical")) != norm(gq.get("speaker", "")) else gq.get("speaker", ""),
        "pred_speaker": pq.get("speaker", ""), "pred_speaker_canonical": pq.get("speaker_canonical", ""),
        "gold_cue": gq.get("cue") or "", "pred_cue": pq.get("cue", ""),
        "gold_start": gq.get("start"), "pred_start": pq.get("start", ""), "overlap": round(best, 3),
    }


def _entity_figures(gold: dict[str, dict], entities: list[dict]) -> dict:
    """Entity recall, label accuracy, split and junk counts (for gold that lists entities)."""
    by_article = _by_article(entities)
    found = label = total = split = junk = 0
    for aid, g in gold.items():
        rows = by_article.get(aid, [])
        for ge in g.get("entities", []):
            total += 1
            names = {norm(ge["canonical"])} | {norm(a) for a in ge.get("aliases", [])}
            hits = [r for r in rows if norm(r.get("entity", "")) in names]
            if hits:
                found += 1
                label += any(r.get("label") == ge["label"] for r in hits)
                split += len(hits) > 1
        bad = {norm(x) for x in g.get("not_entities", [])}
        junk += sum(norm(r.get("entity", "")) in bad for r in rows)
    return {
        "entity_recall": round(found / total, 3) if total else None,
        "entity_label_acc": round(label / found, 3) if found else None,
        "entity_split": split, "entity_junk": junk,
    }


def format_figures(figures: dict) -> str:
    """The figures as `name: value` lines, in the reference scorer's order."""
    return "\n".join(f"{k}: {v}" for k, v in figures.items())


def write_errors(evaluation: Evaluation, path: str | Path) -> Path:
    """Write the error table as CSV (parent folders created); returns the path.

    Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) get a
    leading `'`, as in every table medialens writes: gold and predicted quotes are article text.
    """
    from .tables import atomic_write, csv_safe

    path = Path(path)
    atomic_write(path, lambda p: csv_safe(_as_text(evaluation.errors)).to_csv(p, index=False))
    return path


def _as_text(errors: pd.DataFrame) -> pd.DataFrame:
    """The error table with every column of text cells typed as text, the columns `csv_safe`
    neutralises (an error table built by hand may hold them as plain objects)."""
    text = [c for c in errors.columns if errors[c].dtype == object]
    return errors.astype({c: "string" for c in text}) if text else errors


def evaluate_corpus(
    gold: str | Path,
    pred_dir: str | Path | None = None,
    corpus: str | Path | None = None,
    workers: int | None = 1,
    cache: bool | str | Path = True,
    progress: bool = False,
) -> Evaluation:
    """Score a prediction folder against gold, extracting `corpus` into it first when given.

    With `corpus` and no `pred_dir`, the tables go to a temporary folder. The scores are
    computed from the written CSV files, exactly as an outside scorer would read them.
    """
    if corpus is None:
        if pred_dir is None:
            raise ValueError("give a prediction folder, or a corpus to extract")
        return evaluate(gold, pred_dir)
    from .extract import extract_to

    gold_data = read_gold(gold)  # fail on a wrong gold path before parsing anything
    if pred_dir is not None:
        extract_to(corpus, pred_dir, cache=cache, workers=workers, progress=progress)
        return evaluate(gold_data, pred_dir)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="medialens-eval-") as tmp:
        extract_to(corpus, tmp, cache=cache, workers=workers, progress=progress)
        return evaluate(gold_data, tmp)


def evaluate_covered(gold: str | Path, pred_dir: str | Path, articles: pd.DataFrame) -> tuple[Evaluation | None, str]:
    """Score a corpus's tables against the gold annotations that cover its articles.

    Only the articles of `articles` (the corpus's articles table) that `gold` annotates are
    scored, so quotes of other articles never count as spurious; with none covered (or no gold
    folder at all, as outside a checkout) there is no evaluation. Returns `(evaluation or None,
    one line saying how much of the corpus the annotations cover)`.
    """
    folder = Path(gold)
    annotated = read_gold(folder) if folder.is_dir() else {}
    ids = set(articles["article_id"].astype(str)) if len(articles) else set()
    covered = {aid: data for aid, data in annotated.items() if aid in ids}
    if not covered:
        where = f"{folder} annotates none of them" if folder.is_dir() else f"there is no gold folder {folder}"
        return None, (f"No hand annotations cover this corpus ({len(ids)} articles; {where}), so it is not scored: "
                      "benchmarks/README.md gives the accuracy measured on annotated news.")
    tables = {name: read_predictions(pred_dir, name) for name in ("quotes", "entities")}
    tables = {name: df[df["article_id"].isin(covered)] if "article_id" in df else df for name, df in tables.items()}
    share = len(covered) / len(ids)
    note = f"Hand annotations cover {len(covered)} of {len(ids)} articles ({share:.0%}); the figures are for those."
    return evaluate(covered, tables["quotes"], tables["entities"]), note


def report_text(evaluation: Evaluation) -> str:
    """The figures (as the reference scorer prints them), then the per-kind table."""
    kinds = evaluation.kinds.fillna("").to_string(index=False)
    counts = evaluation.errors["error"].value_counts()
    errors = ", ".join(f"{name} {counts.get(name, 0)}" for name in ("missed", "spurious", "wrong_speaker"))
    return f"{format_figures(evaluation.figures)}\n\nby kind:\n{kinds}\n\nerrors: {errors}"


def worst_errors(evaluation: Evaluation, articles: int = 10) -> pd.DataFrame:
    """The error table restricted to the `articles` articles with most errors, worst first
    (within an article: missed, then wrong speaker, then spurious, in text order)."""
    ranked = [a for a, n in zip(evaluation.articles["article_id"], evaluation.articles["errors"]) if n][:articles]
    order = {a: i for i, a in enumerate(ranked)}
    errors = evaluation.errors[evaluation.errors["article_id"].isin(order)].copy()
    errors["_article"] = errors["article_id"].map(order)
    errors["_error"] = errors["error"].map({"missed": 0, "wrong_speaker": 1, "spurious": 2})
    errors["_at"] = pd.to_numeric(errors["gold_start"].where(errors["gold_start"].notna(), errors["pred_start"]), errors="coerce")
    errors = errors.sort_values(["_article", "_error", "_at"], kind="stable")
    return errors.drop(columns=["_article", "_error", "_at"]).reset_index(drop=True)


def figures_table(evaluation: Evaluation) -> pd.DataFrame:
    """The figures as a two-column table (`figure`, `value`) for display."""
    return pd.DataFrame({"figure": list(evaluation.figures), "value": [str(v) for v in evaluation.figures.values()]})

"""Who speaks about whom: the entities each source names inside their quotes."""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from .names import person_key
from .tables import ALIAS_SEPARATOR

def _name_finder(named: list[tuple[str, str, list[str]]]) -> tuple[re.Pattern | None, dict[str, list[tuple[str, str]]]]:
    """One pattern finding an article's entity forms as whole words, and each form's
    `(entity, label)` pairs, so a quote is scanned once rather than once per entity.

    The pattern looks ahead at every word start, so forms that overlap (`New York` in `New
    York Times`, `Trump` in `Donald Trump`) are each found; it captures the longest form starting
    there, and `by_form` maps that form to the pairs of the shorter forms it begins with as well.
    """
    pairs: dict[str, list[tuple[str, str]]] = {}
    for name, label, forms in named:
        for form in forms:
            if len(form) > 1 and (name, label) not in pairs.get(form, []):
                pairs.setdefault(form, []).append((name, label))
    if not pairs:
        return None, pairs
    by_form = {form: [pair for f in pairs if form == f or form.startswith(f) and not _word_char(form[len(f)])
                      for pair in pairs[f]] for form in pairs}
    alternatives = "|".join(re.escape(f) for f in sorted(pairs, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?=({alternatives})(?![\w-]))"), by_form


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_-"


def _named_in(text: str, finder: re.Pattern | None, by_form: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The `(entity, label)` pairs whose forms `text` holds as whole words, each once."""
    found: list[tuple[str, str]] = []
    for m in finder.finditer(text) if finder is not None else ():
        found += [pair for pair in by_form[m.group(1)] if pair not in found]
    return found


def who_speaks_about_whom(quotes: pd.DataFrame, entities: pd.DataFrame, labels: Iterable[str] | None = ("PERSON", "ORG", "GPE", "NORP"),
                          top_n: int = 30, article_id: str | None = None) -> pd.DataFrame:
    """For each source, the entities named inside their quotes: `speaker_canonical,
    speaker_type, entity, label, quotes, articles`, most quotes first.

    An entity is named in a quote when its name or one of its aliases (from the same
    article's entities table) appears in the quote text as whole words. A source naming
    itself is left out, as are quotes with an unknown speaker.
    """
    columns = ["speaker_canonical", "speaker_type", "entity", "label", "quotes", "articles"]
    q = quotes[quotes["speaker_type"] != "unknown"]
    if article_id:
        q = q[q["article_id"] == article_id]
    ents = entities if labels is None else entities[entities["label"].isin(list(labels))]
    forms_by_article: dict[str, list[tuple[str, str, list[str]]]] = {}
    for e in ents.itertuples():
        aliases = [a for a in str(e.aliases or "").split(ALIAS_SEPARATOR) if a and a != "<NA>"]
        forms_by_article.setdefault(e.article_id, []).append((e.entity, e.label, [e.entity, *aliases]))
    finders = {article: _name_finder(named) for article, named in forms_by_article.items()}
    rows = []
    for quote in q.itertuples():
        speaker = str(quote.speaker_canonical)
        for name, label in _named_in(str(quote.text), *finders.get(quote.article_id, (None, {}))):
            if name == speaker or person_key(name) == person_key(speaker) or name in speaker:
                continue
            rows.append((quote.article_id, speaker, quote.speaker_type, name, label))
    if not rows:
        return pd.DataFrame({c: [] for c in columns})
    df = pd.DataFrame(rows, columns=["article_id", "speaker_canonical", "speaker_type", "entity", "label"])
    out = df.groupby(["speaker_canonical", "speaker_type", "entity", "label"], as_index=False).agg(
        quotes=("article_id", "size"), articles=("article_id", "nunique"))
    out = out.sort_values(["quotes", "articles", "speaker_canonical", "entity"], ascending=[False, False, True, True])
    return out.head(top_n).reset_index(drop=True)

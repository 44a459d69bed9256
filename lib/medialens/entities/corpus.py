"""Across a corpus: one name and one label per entity in the whole entities table (pandas).

Rows of different articles whose names share a `name_key` are one entity; a bare name or an
acronym joins a full name only when that is unambiguous in the corpus. `corpus_names` learns
the names from the table given in batches, `apply_corpus_names` writes them into a batch,
and `canonicalize_corpus` does both for a table held whole.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from ..names import is_acronym, join_middle_initials, name_key
from ..tables import ALIAS_SEPARATOR
from ..lexicon.entities import ALL_LABELS


def _aliases(value) -> list[str]:
    return [a for a in str(value).split(ALIAS_SEPARATOR) if a] if isinstance(value, str) else []


def _majority(weights: dict[str, int]) -> str:
    """The label with most mentions; a tie goes to the label listed first in DEFAULT_LABELS."""
    order = {label: n for n, label in enumerate(ALL_LABELS)}
    return min(weights, key=lambda k: (-weights[k], order.get(k, len(order)), k))


def canonicalize_corpus(entities: pd.DataFrame) -> pd.DataFrame:
    """The entities table with one name and one label per entity across the corpus.

    Takes and returns the per-article entities table (`article_id, entity, label, mentions,
    first_paragraph, in_headline, aliases`). Rows whose names share a `name_key` are one entity
    (`Donald J. Trump`, `Donald Trump`, `HIllary Clinton`, `Republicans`/`Republican`). A bare
    name an article never wrote in full joins a full name only when that is unambiguous in the
    corpus: a surname (or first name) names exactly one person's full name, and the article
    has no other person of that name; a name the tagger called an organisation joins a person
    only when the same bare name is a person elsewhere (`Trump`, not `Ford` the carmaker). An
    acronym joins the one expansion it stands beside in some article (`U.S.` → `United
    States`); initials alone are not enough across articles (`NBC` the network is not the
    `National Baptist Convention` of another story). Each entity then takes its
    most widely used name and the label most of its mentions carry; rows of one article that
    became one entity are added up. Applying it twice changes nothing.
    """
    return apply_corpus_names(entities, corpus_names(lambda: [entities]))


@dataclass
class CorpusNames:
    """What `canonicalize_corpus` learns from the whole corpus, for `apply_corpus_names`.

    Everything here grows with the number of distinct names, not of articles, so a corpus of
    any size is canonicalised batch by batch (see `corpus_names`).
    """

    person_keys: set[str]  # multi-word names that are persons in most of their mentions
    by_last: dict[str, set[str]]
    by_first: dict[str, set[str]]
    bare_persons: set[str]  # one-word names tagged as persons somewhere
    attested: dict[str, set[str]]  # acronym -> multi-word names it was written beside
    initials: dict[str, str] = field(default_factory=dict)  # key -> the key without its middle initials
    labels: dict[str, str] = field(default_factory=dict)  # entity key -> label
    names: dict[str, str] = field(default_factory=dict)  # entity key -> name



def corpus_names(batches: Callable[[], Iterable[pd.DataFrame]]) -> CorpusNames:
    """Learn the corpus-wide names from an entities table given in batches.

    `batches()` yields the table's rows in consecutive DataFrames, never splitting one
    article's rows over two of them; it is called twice (the second pass needs what the first
    learnt of full names).
    """
    names = _full_names(batches)
    votes, usage = _usage(batches, names)
    names.labels = {k: _majority(weights) for k, weights in votes.items()}
    names.names = {k: max(forms, key=lambda e: _name_rank(e, k, forms[e])) for k, forms in usage.items()}
    return names


def _full_names(batches: Callable[[], Iterable[pd.DataFrame]]) -> CorpusNames:
    """The first pass of `corpus_names`: the persons' full names, the bare names tagged as
    persons and the acronyms written beside a full name; no labels or names yet."""
    multi_weights: dict[tuple[str, str], int] = {}
    bare_persons: set[str] = set()
    attested: dict[str, set[str]] = {}
    for df in batches():
        if df.empty:
            continue
        keys, multi, weight = _keys(df)
        for key, label, w in zip(keys[multi], df.loc[multi, "label"], weight[multi]):
            multi_weights[(key, label)] = multi_weights.get((key, label), 0) + int(w)
        bare_persons.update(keys[~multi & (df["label"] == "PERSON")])
        for letters, expansions in _acronym_index(keys[multi], df.loc[multi, "aliases"]).items():
            attested.setdefault(letters, set()).update(expansions)
    # `Donald J. Trump` of one article is the `Donald Trump` of another, unless the corpus
    # also has another middle initial for that name (`George W. Bush`, `George P. Bush`)
    initials = join_middle_initials(key for key, _ in multi_weights)
    label_weights: dict[str, dict[str, int]] = {}
    for (key, label), w in multi_weights.items():
        weights = label_weights.setdefault(initials.get(key, key), {})
        weights[label] = weights.get(label, 0) + w
    attested = {letters: {initials.get(k, k) for k in keys} for letters, keys in attested.items()}
    person_keys = {k for k, weights in label_weights.items() if _majority(weights) == "PERSON"}
    by_last, by_first = _index_words(person_keys)
    return CorpusNames(person_keys, by_last, by_first, bare_persons, attested, initials)


def _usage(batches: Callable[[], Iterable[pd.DataFrame]], names: CorpusNames
           ) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, list[int]]]]:
    """The second pass of `corpus_names`: per entity key, the mentions of each label, and the
    articles and mentions of each name written for it."""
    votes: dict[str, dict[str, int]] = {}
    usage: dict[str, dict[str, list[int]]] = {}  # key -> entity -> [articles, mentions]
    for df in batches():
        if df.empty:
            continue
        keys, multi, weight = _keys(df, names.initials)
        target = _targets(df, keys, multi, names)
        final = pd.Series([target.get(i, k) for i, k in zip(df.index, keys)], index=df.index)
        for key, label, w in zip(final, df["label"], weight):
            votes.setdefault(key, {})
            votes[key][label] = votes[key].get(label, 0) + int(w)
        # the name an entity is listed under comes from the rows that wrote it, not from bare
        # names that joined it: the most widely used, written in full and not in capitals
        own = ~df.index.isin(list(target))
        used = df[own].assign(_key=final[own]).groupby(["_key", "entity"]).agg(
            articles=("article_id", "nunique"), mentions=("mentions", "sum"))
        for (key, entity), articles, mentions in zip(used.index, used["articles"], used["mentions"]):
            count = usage.setdefault(key, {}).setdefault(entity, [0, 0])
            count[0] += int(articles)
            count[1] += int(mentions)
    return votes, usage


def apply_corpus_names(entities: pd.DataFrame, names: CorpusNames) -> pd.DataFrame:
    """An entities table (or a batch of whole articles of one) with the corpus-wide names and
    labels of `names`; rows of one article that became one entity are added up."""
    if entities.empty:
        return entities.copy()
    df = entities.reset_index(drop=True).copy()
    keys, multi, _ = _keys(df, names.initials)
    target = _targets(df, keys, multi, names)
    df["_key"] = [target.get(i, k) for i, k in zip(df.index, keys)]
    df["_name"] = df["_key"].map(names.names).fillna(df["entity"])
    df["label"] = df["_key"].map(names.labels)
    df["_forms"] = [[str(n), *_aliases(a)] for n, a in zip(df["entity"], df["aliases"])]
    grouped = df.groupby(["article_id", "_key"], sort=False)
    out = grouped.agg(entity=("_name", "first"), label=("label", "first"), mentions=("mentions", "sum"),
                      first_paragraph=("first_paragraph", "min"), in_headline=("in_headline", "any"),
                      _forms=("_forms", "sum")).reset_index()
    out["aliases"] = [ALIAS_SEPARATOR.join(_other_forms(name, forms)) for name, forms in zip(out["entity"], out["_forms"])]
    extra = [c for c in entities.columns if c not in out.columns]
    if extra:
        out = out.join(grouped[extra].first().reset_index(drop=True))
    out = out[list(entities.columns)]
    return out.astype({c: entities[c].dtype for c in entities.columns}).reset_index(drop=True)


def _keys(df: pd.DataFrame, initials: dict[str, str] | None = None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per row: the name key (its middle initials folded as `initials` says), whether it is a
    multi-word name (not an acronym), its mentions."""
    initials = initials or {}
    keys = [name_key(n, lab) for n, lab in zip(df["entity"], df["label"])]
    keys = pd.Series([initials.get(k, k) for k in keys], index=df.index, dtype=object)
    multi = keys.str.contains(" ") & ~df["entity"].astype(str).map(is_acronym)
    weight = pd.to_numeric(df["mentions"]).fillna(0).astype(int)
    return keys, multi.astype(bool), weight


def _targets(df: pd.DataFrame, keys: pd.Series, multi: pd.Series, names: CorpusNames) -> dict[int, str]:
    """Rows whose bare name or acronym joins a full name: row index -> the full name's key."""
    own_persons: dict[str, set[str]] = {}
    for article, key in zip(df.loc[multi, "article_id"], keys[multi]):
        if key in names.person_keys:
            own_persons.setdefault(article, set()).add(key)
    target: dict[int, str] = {}
    for i, key, label, name, article in zip(df.index, keys, df["label"], df["entity"].astype(str), df["article_id"]):
        if multi[i]:
            continue
        found = None
        if is_acronym(name):
            letters = name.replace(".", "").upper()
            candidates = names.attested.get(letters, set())
            found = next(iter(candidates)) if len(candidates) == 1 else None
        elif label == "PERSON" or (label == "ORG" and key in names.bare_persons):
            candidates = names.by_last.get(key) or names.by_first.get(key, set())
            mine = own_persons.get(article, set())
            # an article with its own person of that name left the bare name apart on purpose
            if len(candidates) == 1 and not (names.by_last.get(key, set()) | names.by_first.get(key, set())) & mine:
                found = next(iter(candidates))
        if found:
            target[i] = found
    return target


def _name_rank(entity: str, key: str, usage: list[int]) -> tuple:
    """How well a written form names its entity: not in capitals, in full, plain (no title
    or initial), in most articles, most mentioned; the form itself breaks ties."""
    return (not entity.isupper(), " " in entity, entity.casefold() == key, usage[0], usage[1], entity)


def _other_forms(name: str, forms: list[str]) -> list[str]:
    """Distinct written forms other than the name itself (case folded), in order."""
    seen, out = {name.casefold()}, []
    for form in forms:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            out.append(form)
    return out


def _index_words(keys: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Full names by their last word (surname) and by their first word (first name)."""
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for k in keys:
        words = k.split()
        by_last.setdefault(words[-1], set()).add(k)
        by_first.setdefault(words[0], set()).add(k)
    return by_last, by_first


def _acronym_index(keys: Iterable[str], aliases_of: Iterable[str]) -> dict[str, set[str]]:
    """Multi-word names (their keys) by the acronyms written beside them (their aliases)."""
    attested: dict[str, set[str]] = {}
    for key, aliases in zip(keys, aliases_of):
        for a in _aliases(aliases):
            if is_acronym(a):
                attested.setdefault(a.replace(".", "").upper(), set()).add(key)
    return attested


def person_renames(entities: pd.DataFrame, names: CorpusNames) -> dict[tuple[str, str], str]:
    """What the corpus-wide names do to the persons of an entities table (or a batch of whole
    articles of one) as the articles wrote it: `(article_id, name_key) -> name` for each row
    whose entity is a person across the corpus and is listed there under another name (`Donald
    J. Trump` → `Donald Trump`, a bare `Carson` → `Ben Carson`). Rows kept as written are left
    out, so this grows with the names the corpus changes, not with the table."""
    if entities.empty:
        return {}
    df = entities.reset_index(drop=True)
    keys, multi, _ = _keys(df, names.initials)
    target = _targets(df, keys, multi, names)
    out: dict[tuple[str, str], str] = {}
    for i, article, key, entity in zip(df.index, df["article_id"], keys, df["entity"]):
        final = target.get(i, key)
        name = names.names.get(final)
        if name is not None and names.labels.get(final) == "PERSON" and name != entity:
            out[(article, key)] = name
    return out


def corpus_person_name(article_id: str, name: str, renames: dict[tuple[str, str], str], names: CorpusNames) -> str:
    """The name the entities table lists a person under, for a person named `name` in article
    `article_id` (a speaker): the article's own entity of that name as the corpus renamed it
    (`person_renames`), else the corpus's person of that name key, else `name` as it is."""
    key = name_key(name, "PERSON")
    key = names.initials.get(key, key)
    renamed = renames.get((article_id, key))
    if renamed is not None:
        return renamed
    if names.labels.get(key) == "PERSON" and key in names.names:
        return names.names[key]
    return name

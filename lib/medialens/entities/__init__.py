"""Entities: spaCy's mentions cleaned, grouped into canonical entities and relabelled.

Raw NER mentions are not fit to count: the small English pipeline tags a surname in a
headline as an organisation, a city as a nationality, reads a title-case headline as one long
name, and splits one person into `Erdogan` and `Recep Tayyip Erdogan`. Here mentions are
cleaned (articles, possessives and trailing figures folded; bylines and photo credits dropped),
grouped within an article (short forms join their full name, acronyms their expansion, the
dateline joins its place) and each group's label is decided by the evidence of all its
mentions. `canonicalize_corpus` then gives the same entity one name across articles when that
is unambiguous.

`mentions` collects and cleans the mentions of one article, `grouping` joins them into
entities, `corpus` makes the names consistent across a corpus; the word lists are in
`medialens.lexicon.entities`.
"""
from __future__ import annotations

from ..lexicon.entities import ALL_LABELS, CREDIT_NAMES, DEFAULT_LABELS, PLACE_NOUNS
from ..lexicon.people import GENDERED_TITLES
from .corpus import (
    ALIAS_SEPARATOR, CorpusNames, apply_corpus_names, canonicalize_corpus, corpus_names, corpus_person_name, person_renames,
)
from ..names import name_key
from .grouping import Entity, canonical_name, entity_at, group_entities, group_mentions
from .mentions import (
    BYLINE, CONTRIBUTED, CREDIT_LINE, CREDIT_MAX_WORDS, NAME_LABELS, Mention, clean_name,
    collect_mentions, context_votes, is_credit, is_credit_line,
)

__all__ = [
    "ALIAS_SEPARATOR", "ALL_LABELS", "BYLINE", "CONTRIBUTED", "CREDIT_LINE", "CREDIT_MAX_WORDS", "CREDIT_NAMES",
    "CorpusNames", "DEFAULT_LABELS", "Entity", "GENDERED_TITLES", "Mention", "NAME_LABELS", "PLACE_NOUNS",
    "apply_corpus_names", "canonical_name", "canonicalize_corpus", "clean_name", "collect_mentions", "context_votes",
    "corpus_names", "corpus_person_name", "entity_at", "group_entities", "group_mentions", "is_credit", "is_credit_line", "name_key",
    "person_renames",
]

"""What a word or a name says about a source: the source types, a mention cleaned to a name, a
person's name without its titles, and the type an unnamed speaker's head noun gives.

`the Turkish official` is anonymous by its head noun, `the ministry` an organisation, `activists`
a group; `Donald Trump` is a person even where the tagger calls him an organisation.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..entities import Entity
from ..gender import name_evidence
from ..lexicon.people import GENDERED_TITLES, LEADING_DETERMINERS
from ..lexicon.sources import (
    ANONYMITY_MARKERS,
    ANONYMOUS_PLURALS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    ORGANISATION_NOUNS,
    QUANTITY_NOUNS,
    SOURCE_TYPES,
    is_person_noun,
)
from ..names import person_words, without_titles
from ..pipeline import text_slice


INDIVIDUAL_TYPES = ("person", "anonymous")


# Patterns used per mention, compiled once.
_WORDS = re.compile(r"[\w\-]+")
_SPACES = re.compile(r"\s+")
_DETERMINERS = re.compile(r"^(?:" + "|".join(LEADING_DETERMINERS) + r")\s+", re.I)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _strip_determiner(text: str) -> str:
    return _DETERMINERS.sub("", text.strip())


def clean_mention(text: str) -> str:
    """A mention as a canonical name: no quote marks, line breaks or punctuation at either end,
    but a bracket it opens is closed (`spokesman for the Ministry of Defence (MoD)`)."""
    text = _SPACES.sub(" ", text).strip(" \t\n,;:.!?\"'()[]\u201c\u201d\u2018\u2019-\u2014>")
    # `spokesman for the Ministry of Defence (MoD)`: a bracket the name opens, it closes
    return text + ")" if text.count("(") > text.count(")") else text


def _name_words(name: str) -> list[str]:
    """A person's name without titles and initials: `Mr. Donald J. Trump` → donald, trump."""
    return person_words(name)


def looks_like_person(entity: Entity) -> bool:
    """A PERSON entity, or a name spaCy mislabelled that starts with a known first name or a
    form of address (`Baroness Hale`).

    The small English pipeline tags `Donald Trump` as an organisation in some articles; a
    two-word name whose first word is a first name in the name list is a person whatever the
    label says, unless it holds an organisation noun (`Trump Foundation`).
    """
    if entity.label == "PERSON":
        return True
    if entity.label not in ("ORG", "NORP", "GPE") or len(entity.name.split()) < 2:
        return False
    return _named_like_person(entity.name)


@lru_cache(maxsize=4096)
def _named_like_person(name: str) -> bool:
    # asked for every entity by every speaker and role rule: the name list is looked up once
    if any(w in ORGANISATION_NOUNS or w in DOCUMENT_NOUNS for w in _words(name)):
        return False
    # `Baroness Hale`, `Mrs May`: a form of address says a person is named, whatever the tag
    return name.split()[0].lower().rstrip(".") in GENDERED_TITLES or bool(name_evidence(name))


def _person_name(entity: Entity) -> str:
    """A person entity's name without the titles before it: `Mr. Donald Trump` → `Donald Trump`."""
    return without_titles(entity.name)


_TITLE_BEFORE = re.compile(rf"\b({'|'.join(t.title() for t in GENDERED_TITLES)})\.?\s+$")


def _titles_before(doc: Doc, start: int) -> list[str]:
    m = _TITLE_BEFORE.search(text_slice(doc, max(0, start - 12), start))
    return [m.group(1)] if m else []


def head_type(head: Token) -> str:
    """Type of an unnamed speaker phrase by its head noun: anonymous, organisation, group or unknown."""
    lemma, text = head.lemma_.lower(), head.lower_
    if lemma in QUANTITY_NOUNS:
        of = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        plural_name = bool(of) and of[0].tag_ == "NNPS" or bool(of) and of[0].ent_type_ == "NORP"
        return "group" if of and (plural_name or head_type(of[0]) in ("group", "anonymous")) else "unknown"
    if text == "others" and any(c.dep_ == "prep" for c in head.children):
        return "group"  # `others in the African-American community`
    if lemma in ("group", "crowd", "team", "band", "delegation"):
        # `small groups of protesters` are people; `environmental groups` are organisations
        of = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of and head_type(of[0]) in ("group", "anonymous"):
            return "group"
    plural = head.tag_ in ("NNS", "NNPS") or (text != lemma and text.endswith("s"))
    if plural:
        if text in ANONYMOUS_PLURALS or lemma in ("official", "source", "insider", "aide", "adviser", "advisor", "diplomat"):
            return "anonymous"
        if lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS or text in DOCUMENT_NOUNS:
            return "organisation"
        # plural agent nouns (`taxpayers`, `viewers`) are people more often than things when
        # they are said to speak
        if text in GROUP_NOUNS or is_person_noun(lemma) or (len(lemma) > 5 and lemma.endswith(("er", "or"))):
            return "group"
        if head.ent_type_ == "NORP" or head.tag_ == "NNPS":
            return "group"  # `Democrats`, `Americans`
        return "unknown"
    if lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS or head.ent_type_ in ("ORG", "GPE"):
        return "organisation"
    if is_person_noun(lemma) or is_person_noun(text):
        return "anonymous"
    if text in GROUP_NOUNS:
        return "group"
    return "unknown"


def _is_anonymous_name(doc: Doc, start: int, end: int) -> bool:
    """`sources close to the president`: a phrase marked as deliberately unnamed."""
    return any(marker in text_slice(doc, start, end + 80).lower() for marker in ANONYMITY_MARKERS)

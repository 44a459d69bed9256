"""Affiliation: the organisation, party or country a role or description names (`spokesman for
the Turkish-backed National Army` → National Army, `Democratic nominee` → Democratic Party)."""
from __future__ import annotations

import re

from ..entities import Entity
from ..lexicon.people import PARTY_LETTERS, PERSON_BODIES
from ..lexicon.sources import AFFILIATION_ADJECTIVES, DEMONYMS
from .nouns import _person_name, _words, looks_like_person


def _same_place(a: str, b: str) -> bool:
    """`Turkey` and `Turkish`, `Russia` and `Russian`: a country and its adjective."""
    a, b = a.casefold(), b.casefold()
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4])


_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_WORD_CHAR = re.compile(r"\w")


def _find_word(text: str, form: str) -> int:
    """Offset of the first occurrence of `form` in `text` as whole words (not inside a longer
    word or hyphenated compound before it), or -1. A search per entity and role: a regular
    expression built per name would be compiled anew each time."""
    i = text.find(form)
    while i >= 0:
        end = i + len(form)
        if not (i and _WORD_OR_HYPHEN.match(text, i - 1)) and not _WORD_CHAR.match(text, end):
            return i
        i = text.find(form, i + 1)
    return -1


def affiliation_of(text: str | None, entities: list[Entity]) -> str | None:
    """The organisation, party or country a role or description names, if any.

    `spokesman for the Turkish-backed National Army` → `National Army` (a named organisation
    wins over the country in `Turkish-backed`); `ICRC spokeswoman` → `International Committee
    of the Red Cross` (acronyms are read through the article's entities); `Trump's campaign
    manager` → `Donald Trump campaign`; `Democratic nominee` → `Democratic Party`;
    `Turkish President` → `Turkey`.
    """
    if not text:
        return None
    party = re.search(r"(?<![\w-])([DR])-[A-Z][\w.]*", text)
    if party:
        return PARTY_LETTERS[party.group(1)]

    positions: dict[int, int] = {}

    def at(e: Entity) -> int:
        """Where the role names the entity (-1 when it does not); names start with a capital."""
        if id(e) not in positions:
            # every alias is the text of a mention: most entities are ruled out without them
            if e.name in text or any(m.text in text for m in e.mentions):
                found = [_find_word(text, form) for form in [e.name, *e.aliases] if len(form) > 1 and form[:1].isupper()]
                positions[id(e)] = min((i for i in found if i >= 0), default=-1)
            else:
                positions[id(e)] = -1
        return positions[id(e)]

    def named(e: Entity) -> bool:
        return at(e) >= 0

    # the first organisation the role names: `scientist at Christopher Newport University in
    # Scott's district` works for the university
    orgs = sorted((at(e), e.name) for e in entities if e.label == "ORG" and not looks_like_person(e) and named(e))
    if orgs:
        return orgs[0][1]
    for e in entities:
        if looks_like_person(e) and named(e):
            m = re.search(r"(?:['\u2019]s)?\s+(" + "|".join(PERSON_BODIES) + r")\b", text)
            if m:
                return f"{_person_name(e)} {m.group(1)}"
    words = _words(text)
    for w in words:
        for part in w.split("-"):
            if part in AFFILIATION_ADJECTIVES:
                return AFFILIATION_ADJECTIVES[part]
    for e in entities:
        if e.label in ("GPE",) and named(e):
            return e.name
    for w in words:
        for part in w.split("-"):
            place = next((e.name for e in entities if e.label == "GPE" and e.name[:1].isupper()
                          and _same_place(e.name, part) and len(part) > 3 and part not in ("state", "states")), None)
            if place or part in DEMONYMS:
                return place or DEMONYMS[part]
    return None

"""The earlier source or named person a mention points back to: a pronoun's antecedent, the one
person of a surname or first name, the source a definite description describes."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..entities import Entity
from ..gender import name_evidence
from ..lexicon.quoting import ROLE_QUALIFIERS
from ..lexicon.people import DEFINITE, PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS
from ..lexicon.sources import AFFILIATION_ADJECTIVES, HONORIFICS, OFFICE_NOUNS, ORGANISATION_NOUNS
from .affiliation import _same_place
from .nouns import INDIVIDUAL_TYPES, _name_words, _person_name, _strip_determiner, _words, is_person_noun, looks_like_person
from .state import Resolved, ArticleState


def _resolve_pronoun(pronoun: str, position: int, art: ArticleState) -> Resolved | None:
    """The most recent compatible source or named subject before `position`.

    Compatible: a person or an unnamed individual for he/she (of a gender that does not
    contradict the pronoun), a body for `it`, a collective or plural for they. A candidate
    from an earlier paragraph is not taken when somebody else has spoken since.
    """
    if pronoun in PERSON_PRONOUNS:
        wanted = INDIVIDUAL_TYPES
    elif pronoun in THING_PRONOUNS:
        wanted = ("organisation",)
    elif pronoun in PLURAL_PRONOUNS:
        wanted = ("group", "organisation", "anonymous")
    else:
        return None
    paragraph = art.paragraph(position)
    candidates = [r for r in art.history + art.subjects if r.position < position and r.type in wanted]
    if pronoun in PLURAL_PRONOUNS:
        candidates = [r for r in candidates if r.type != "anonymous" or r.canonical.endswith("s")]
    if pronoun in PERSON_PRONOUNS:
        wanted_gender = PERSON_PRONOUNS[pronoun]
        candidates = [r for r in candidates if r.gender in ("unknown", wanted_gender)]
    # who may stand between: any individual for he/she (`never across a paragraph where
    # another person has since spoken`), a competing body or collective for it/they
    rivals = INDIVIDUAL_TYPES if pronoun in PERSON_PRONOUNS else wanted
    for r in sorted(candidates, key=lambda r: -r.position):
        spoke_since = any(r.position < h.position < position and h.canonical != r.canonical and h.type in rivals for h in art.history)
        if spoke_since and r.paragraph != paragraph:
            return None
        return r
    return None


def _person_by_first_name(word: str, art: ArticleState) -> Entity | None:
    """`Melania` or `Hillary` alone: the one person of the article with that first name.

    Only for words the name list knows as first names, so a surname never matches here.
    """
    if not name_evidence(f"{word} X"):
        return None
    found = [e for e in art.people if len(_name_words(e.name)) > 1 and _name_words(e.name)[0] == word.casefold()]
    return found[0] if len(found) == 1 else None


def _person_by_first_word(word: str, art: ArticleState) -> Entity | None:
    """`Kwabena said` after `Kwabena Mensah, 34, lost his house`: the one full name of the
    article that starts with `word`, when no name of the article ends with it (then it is a
    surname) and whether or not the name list knows it as a first name."""
    word = word.casefold()
    if any(_name_words(e.name)[-1:] == [word] for e in art.people):
        return None
    found = {_person_name(e): e for e in art.people if len(_name_words(e.name)) > 1 and _name_words(e.name)[0] == word}
    return next(iter(found.values())) if len(found) == 1 else None


def _person_by_surname(words: list[str], position: int, gender: str, art: ArticleState) -> Entity | None:
    """The one person of the article whose name ends with `words` (`Mr. Trump`, `Trump`).

    When several share the surname (`Donald Trump`, `Melania Trump`) the title's gender
    decides; failing that, the one mentioned most recently before `position`.
    """
    if not words:
        return None
    found = [e for e in art.people if len(_name_words(e.name)) > len(words) and _name_words(e.name)[-len(words):] == words]
    if gender != "unknown":
        agreeing = [e for e in found if art.prior_gender(_person_name(e)) in ("unknown", gender)]
        found = agreeing or found
    if len(found) <= 1:
        return found[0] if found else None
    before = [(max((m.start for m in e.mentions if m.start < position), default=-1), e) for e in found]
    return max(before, key=lambda pair: pair[0])[1]


def _full_name_in_text(text: str, surname: str) -> str | None:
    """`Norman Ham` for `Ham` when the text writes the full name but NER missed it."""
    for m in re.finditer(rf"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?{re.escape(surname)}\b", text):
        if m.group(1).lower() not in HONORIFICS and name_evidence(f"{m.group(1)} {surname}"):
            return f"{m.group(1)} {surname}"
    return None


def _definite(phrase: str) -> bool:
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first in DEFINITE or bool(re.search(r"['\u2019]s?\s", phrase))


_AGED = re.compile(r"\b(\d{1,3})-year-old\b")


def _person_of_age(age: str, position: int, art: ArticleState) -> Resolved | None:
    """`the 45-year-old` after `John Smith, 45,` (or `John Smith (45)`): the one person named
    before with that age beside the name; None when no one is, or several are."""
    after = re.compile(rf"\s*(?:,\s*{age}\b|\({age}\))")
    aged = {_person_name(e) for e in art.people for m in e.mentions if m.start < position and after.match(art.text, m.end)}
    if len(aged) != 1:
        return None
    (name,) = aged
    return Resolved(name, "person", art.roles.get(name), position, art.paragraph(position), art.prior_gender(name))


def _resolve_description(phrase: str, head: Token, position: int, art: ArticleState) -> Resolved | None:
    """A definite description to the source it describes.

    `the 45-year-old` → the person named with that age (`John Smith, 45,`);
    `the Turkish official` → an earlier `Turkish security official`; `the spokesman` → the
    person whose role is `spokesman for ...`; `Turkey's president` → the named person whose
    role is `Turkish President`; `the ministry` → the article's `Defence Ministry`.
    """
    aged = _AGED.search(phrase)
    if aged:
        return _person_of_age(aged.group(1), position, art)
    words = _words(_strip_determiner(re.sub(r"['\u2019]s\b", "", phrase)))
    if not words:
        return None
    head_word = head.lower_
    modifiers = [w for w in words[: words.index(head_word)] if w not in ("s",)] if head_word in words else words[:-1]

    def same(a: str, b: str) -> bool:
        # `GOP` and `Republican`, `Democrat` and `Democratic` name one party
        return _same_place(a, b) or AFFILIATION_ADJECTIVES.get(a, a) == AFFILIATION_ADJECTIVES.get(b, b)

    def fits(candidate_words: list[str]) -> bool:
        # `the chancellor` is not the shadow chancellor, nor `the prime minister` a former one
        other_office = any(c in ROLE_QUALIFIERS and c not in words for c in candidate_words)
        return head_word in candidate_words and not other_office and all(any(same(m, c) for c in candidate_words) for m in modifiers)

    for r in reversed([h for h in art.history if h.position < position]):
        if r.type == "person":
            if r.role and fits(_words(r.role)):
                return r
        elif r.type != "group" and (fits(_words(r.canonical)) or r.document and fits(_words(r.document))):
            return r
    if head_word in OFFICE_NOUNS or is_person_noun(head.lemma_):
        matches = [name for name, role in art.roles.items() if fits(_words(role))]
        if len(matches) > 1:  # the holder mentioned last before this description
            last = {(_person_name(e)): max((m.start for m in e.mentions if m.start < position), default=-1) for e in art.people}
            matches = [max(matches, key=lambda n: last.get(n, -1))]
        if matches:
            name = matches[0]
            return Resolved(name, "person", art.roles[name], position, art.paragraph(position), art.prior_gender(name))
    if head.lemma_.lower() in ORGANISATION_NOUNS:
        orgs = [e for e in art.entities if e.label == "ORG" and not looks_like_person(e) and _words(e.name)[-1:] == [head.lemma_.lower()]]
        if len(orgs) == 1:
            return Resolved(orgs[0].name, "organisation", None, position, art.paragraph(position))
        # `the agency said` right after `according to the Congressional Budget Office`: the
        # body that has just spoken, when it spoke in this paragraph or the one before
        paragraph = art.paragraph(position)
        recent = [h for h in art.history if h.position < position and h.type == "organisation" and paragraph - h.paragraph <= 1]
        if recent:
            return recent[-1]
    return None

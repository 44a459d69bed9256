"""Describing the sources of an article: one row per person (`Donald J. Trump` and `Donald
Trump` are one source), and every quote of a source given its one type, role, affiliation and
gender."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..entities import Entity
from ..gender import decide, first_name, name_evidence, noun_evidence, pronoun_evidence, title_evidence
from ..lexicon.people import PARTY_LETTERS
from ..quotes import Quote
from .affiliation import affiliation_of
from ..names import join_spellings
from .nouns import INDIVIDUAL_TYPES, _person_name, _titles_before
from .roles import _role_names_a_body
from .state import ArticleState


def _merge_people(quotes: list[Quote], people: list[Entity]) -> None:
    """One row per person: `Donald J. Trump` and `Donald Trump` in one article are one source,
    spelled as the article's entities spell it most often (`names.join_spellings`)."""
    mentions: Counter[str] = Counter()
    for e in people:
        mentions[_person_name(e)] += len(e.mentions)
    named = {q.speaker_canonical for q in quotes if q.speaker_type == "person"}
    ruled = {q.speaker_canonical for q in quotes if q.speaker_type == "person" and q.decided_by == "rule"}
    target = join_spellings({n: mentions[n] for n in ruled})
    # a row a model proposed takes the spelling of the rule source it joins with, and never
    # changes how the rule sources are spelled or joined
    every = join_spellings({n: mentions[n] for n in named})
    joined = {every[n]: target[n] for n in ruled}
    for q in quotes:
        if q.speaker_type == "person":
            name = q.speaker_canonical
            q.speaker_canonical = target[name] if name in target else joined.get(every[name], every[name])


def _describe_sources(quotes: list[Quote], art: ArticleState, pronouns: dict[str, list[str]], descriptions: dict[str, list[str]]) -> None:
    """Give every quote of a source the source's one type, role, affiliation and gender."""
    by_source: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.speaker_type != "unknown":
            by_source[q.speaker_canonical].append(q)
    for name, every in by_source.items():
        # a source the rules quote is described from those quotes: a row a model proposed never
        # changes the role or type of what the rules found, only takes them
        qs = [q for q in every if q.decided_by == "rule"] or every
        types = Counter(q.speaker_type for q in qs)
        kind = "person" if "person" in types else types.most_common(1)[0][0]
        role = art.roles.get(name) if kind == "person" else None
        role = role or next((q.speaker_role for q in qs if q.speaker_role), None)
        if kind == "person" and _role_names_a_body(role):
            # `Patriot Coal, one of the nation's largest coal companies`: NER called it a person
            kind, role = "organisation", None
        raw_roles = " ".join(q.raw_role or "" for q in qs)
        party = re.search(r"(?<![\w-])([DR])-[A-Z]", raw_roles)
        affiliation = affiliation_of(role, art.entities) or (PARTY_LETTERS[party.group(1)] if party else None)
        affiliation = affiliation or (art.owners.get(name) if kind == "person" else None)
        if affiliation is None and kind in ("anonymous", "group"):
            affiliation = affiliation_of(name, art.entities)
        gender = None
        if kind in INDIVIDUAL_TYPES:
            evidence = list(art.priors.get(name) or name_evidence(name)) if kind == "person" else []
            evidence += noun_evidence([role or ""] + [d for d in descriptions.get(name, []) if kind == "anonymous" or not first_name(d)])
            evidence += pronoun_evidence(pronouns.get(name, []))
            evidence += title_evidence(t for q in qs if q.speaker_start is not None
                                       for t in _titles_before(art.doc, q.speaker_start)
                                       or (_title_of_name(q.speaker or "", name) if kind == "person" else []))
            gender = decide(evidence)
        for q in every:
            q.speaker_type, q.speaker_role = kind, role
            q.speaker_affiliation, q.speaker_gender = affiliation, gender


def _title_of_name(mention: str, name: str) -> list[str]:
    """The title opening a mention that is that title and words of `name` alone (`Mrs May`),
    not a title of someone else's (`Mr. Rubio's advisers`)."""
    words = mention.split()
    rest = {w.casefold() for w in name.split()}
    return words[:1] if len(words) > 1 and all(w.casefold() in rest for w in words[1:]) else []

"""Grouping: one article's mentions joined into entities, each with a label and a name.

Mentions that share a name key are one entity; a short name joins the one full person's name
it ends or begins, an acronym its expansion. Each entity's label is the vote of all its
mentions, and its name the fullest form the article writes (`canonical_name`).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..gender import _detector
from ..lexicon.entities import ACRONYM_SKIP, SHORT_FORM_LABELS
from ..lexicon.people import GENDERED_TITLES
from ..names import is_acronym, join_middle_initials, name_key, name_words, without_titles
from .mentions import DEFAULT_LABELS, Mention, collect_mentions

@dataclass
class Entity:
    """A canonical entity of one article, with all its mentions."""

    name: str
    label: str
    mentions: list[Mention]

    @property
    def aliases(self) -> list[str]:
        """Other surface forms, most frequent first (case-folded duplicates removed)."""
        seen = {self.name.casefold()}
        out = []
        for form, _ in Counter(m.text for m in self.mentions).most_common():
            if form.casefold() not in seen:
                seen.add(form.casefold())
                out.append(form)
        return out

    @property
    def first_paragraph(self) -> int:
        return min(m.paragraph for m in self.mentions)

    @property
    def in_headline(self) -> bool:
        return any(m.paragraph == 0 for m in self.mentions)

    def covers(self, start: int, end: int) -> bool:
        """True when a mention of this entity overlaps the characters `start:end`."""
        return any(m.start < end and start < m.end for m in self.mentions)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in ACRONYM_SKIP and w[:1].isalpha()).upper()


def _relabel(mentions: list[Mention], label: str) -> None:
    """Move the tagger's vote of mentions that joined a name to that name's label."""
    for m in mentions:
        if m.votes[m.label] > 0 and m.label != label:
            m.votes[m.label] -= 1
            m.votes[label] += 1


@dataclass
class _Grouping:
    """The mentions of one article by name key, while `group_mentions` joins the keys."""

    groups: dict[str, list[Mention]]
    key_of_text: dict[str, str]  # a written form -> the key of its first mention
    keys: list[str]  # longest names first
    labels: dict[str, str]
    persons: set[str]
    key_words: dict[str, list[str]]
    merged: dict[str, str]  # key -> the key it joined


def group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions that name the same thing, in order of first appearance.

    Same name key (`name_key`), or keys that differ only in a middle initial no other name of
    the article contradicts (`join_middle_initials`); a short name whose words end a longer person's name
    (`Erdogan` in `Recep Tayyip Erdogan`) when exactly one such person exists, or a single
    first name that begins exactly one person's name; an acronym written in brackets after its
    expansion, or matching the initials of exactly one longer name (`ICRC`). A short form whose
    courtesy title contradicts the full name stays apart (`Mr. Obama` is not `Michelle Obama`),
    and with two full names a titled short form goes to the one of its gender (`Mrs. Clinton`);
    a short form that joins a person is a person, whatever the tagger said of it.
    """
    g = _by_key(mentions)
    for key in g.keys:
        ms = g.groups[key]
        acronym = is_acronym(ms[0].text)  # `U.N.` is not the end of `Kim Jong Un`
        target = _person_target(g, key, acronym)
        if target is None and acronym:
            target = _acronym_target(g, key)
            if target is not None and target != key:
                _relabel(ms, _vote(g.groups[target]))
        if target is not None and target != key:
            g.merged[key] = target
    out: dict[str, list[Mention]] = {}
    for key, ms in g.groups.items():
        if ms:  # a surname whose every mention went to a full name by its title
            out.setdefault(g.merged.get(key, key), []).extend(ms)
    return sorted((sorted(ms, key=lambda m: m.start) for ms in out.values()), key=lambda ms: ms[0].start)


def _by_key(mentions: list[Mention]) -> _Grouping:
    """The mentions grouped by name key, with each key's label, before any key joins another."""
    groups: dict[str, list[Mention]] = {}
    key_of_text: dict[str, str] = {}
    for m in mentions:
        key = name_key(m.text, m.label)
        groups.setdefault(key, []).append(m)
        key_of_text.setdefault(m.text, key)
    # `Donald J. Trump` is `Donald Trump` unless another middle initial makes two people
    initials = join_middle_initials(groups)
    for key, plain in initials.items():
        groups.setdefault(plain, []).extend(groups.pop(key))
    key_of_text = {text: initials.get(key, key) for text, key in key_of_text.items()}
    keys = sorted(groups, key=lambda k: -len(k.split()))
    labels = {k: _vote(groups[k]) for k in keys}
    persons = {k for k in keys if labels[k] == "PERSON"}
    key_words = {k: k.split() for k in keys}
    return _Grouping(groups, key_of_text, keys, labels, persons, key_words, {})


def _person_target(g: _Grouping, key: str, acronym: bool) -> str | None:
    """The one longer person's name a short name ends (or, for a first name, begins), if any;
    the short name's mentions then vote for a person."""
    words = key.split()
    ms = g.groups[key]
    label = g.labels[key]
    # a place the context vouches for (`the town of X`, a dateline) is not a surname
    place_evidence = sum(m.votes["GPE"] + m.votes["LOC"] for m in ms) > len(ms)
    if not (label in SHORT_FORM_LABELS and len(words) <= 2 and not place_evidence and not acronym):
        return None
    merged, key_words = g.merged, g.key_words
    persons = g.persons | ({k for k in g.keys if _person_named_as_org(g, k, ms)} if label == "PERSON" else set())
    longer = sorted({merged.get(k, k) for k in persons if len(key_words[k]) > len(words) and key_words[k][-len(words):] == words})
    # a first name is only taken for one when the tagger saw a person or its usual slip,
    # an organisation (`Charlotte` the city does not begin `Charlotte Mayor Jennifer Roberts`)
    if not longer and len(words) == 1 and label in ("PERSON", "ORG"):
        longer = sorted({merged.get(k, k) for k in g.persons if len(key_words[k]) > 1 and key_words[k][0] == words[0]})
    if len(longer) > 1:
        _send_titled(g, key, longer)
    if len(longer) == 1 and not _genders_clash(ms, g.groups[longer[0]]):
        _relabel(ms, "PERSON")
        if longer[0] not in g.persons:
            _relabel(g.groups[longer[0]], "PERSON")
        return longer[0]
    return None


def _person_named_as_org(g: _Grouping, key: str, short: list[Mention]) -> bool:
    """True for a full name the tagger called an organisation that a person's surname ends.

    The tagger often reads a person's full name as an organisation (`Tashfeen Malik`, `Nikki
    Haley`) while it reads the surname alone as a person (`Ms. Malik`). Such a name is two or
    three capitalised words, and it names a person when it begins with a first name of one
    gender in gender-guesser's list (`Nikki`, not `Ku` of `Ku Klux Klan` nor `Young`) or
    the surname is written with a title (`Ms. Malik`, `Gov. Haley`); `Goldman Sachs` is not `Sachs` the person.
    """
    if g.labels[key] != "ORG" or not 2 <= len(g.key_words[key]) <= 3:
        return False
    written = without_titles(g.groups[key][0].text).split()
    if not all(w[:1].isupper() and w.replace("'", "").replace("\u2019", "").replace("-", "").replace(".", "").isalpha() for w in written):
        return False
    titled = any(m.title is not None for m in short)
    return titled or _detector().get_gender(written[0].strip(".,")) in ("male", "female")


def _acronym_target(g: _Grouping, key: str) -> str | None:
    """The expansion an acronym was written beside in brackets, else the one longer name whose
    initials it is, if any."""
    ms = g.groups[key]
    explicit = {g.key_of_text[m.expands] for m in ms if m.expands in g.key_of_text}
    if len(explicit) == 1:
        return g.merged.get(next(iter(explicit)), next(iter(explicit)))
    acronym = ms[0].text.replace(".", "").upper()
    expansions = sorted({g.merged.get(k, k) for k in g.keys
                         if len(g.key_words[k]) > 1 and _initials(g.groups[k][0].text) == acronym})
    return expansions[0] if len(expansions) == 1 else None


def _genders_clash(short: list[Mention], full: list[Mention]) -> bool:
    """True when a short form's courtesy title contradicts the full name it would join.

    `Mr. Obama` is not `Michelle Obama`: in a story that names the first lady in full and the
    president only as `President Obama`/`Mr. Obama`, the surname must stay apart. The full
    name's gender comes from its own titles, else its first name in gender-guesser's list.
    """
    said = {GENDERED_TITLES[m.title] for m in short if m.title in GENDERED_TITLES}
    if len(said) != 1:
        return False
    known = _full_name_genders(full)
    return bool(known) and known != said


def _full_name_genders(full: list[Mention]) -> set[str]:
    """The gender a full name's mentions give: its own titles, else its first name in
    gender-guesser's list (an empty set when neither says)."""
    known = {GENDERED_TITLES[m.title] for m in full if m.title in GENDERED_TITLES}
    if not known:
        names = [m.text for m in full if len(without_titles(m.text).split()) > 1]
        known = {g for g in (_first_name_gender(n) for n in names[:1]) if g}
    return known


def _send_titled(g: _Grouping, key: str, longer: list[str]) -> None:
    """Move a surname's titled mentions to the one full name of the title's gender.

    With `Hillary Clinton` and `Bill Clinton` both named in full, a bare `Clinton` could be
    either and stays apart, but `Mrs. Clinton` is Hillary and `Mr. Clinton` is Bill, when just
    one of the full names is of that gender.
    """
    by_gender: dict[str, list[str]] = {}
    for k in longer:
        known = _full_name_genders(g.groups[k])
        if len(known) == 1:
            by_gender.setdefault(next(iter(known)), []).append(k)
    ms = g.groups[key]
    for gender, ks in by_gender.items():
        titled = [m for m in ms if GENDERED_TITLES.get(m.title or "") == gender]
        if len(ks) == 1 and titled:
            _relabel(titled, "PERSON")
            g.groups[ks[0]].extend(titled)
            ms = [m for m in ms if m not in titled]
    g.groups[key] = ms


def _first_name_gender(name: str) -> str | None:
    """`male`/`female` when gender-guesser's name list is sure of the first name, else None.

    Sure means the same answer overall and for the US and Britain: `Laurence` is a woman's name
    in France and a man's in English, so it says nothing here.
    """
    guesser = _detector()  # the one name list of the process, loaded on first use
    given = without_titles(name).split()[0].strip(".,")
    answers = {guesser.get_gender(given, country) for country in (None, "usa", "great_britain")}
    return answers.pop() if len(answers) == 1 and answers <= {"male", "female"} else None


def _vote(mentions: list[Mention]) -> str:
    total: dict[str, int] = {}
    for m in mentions:
        for label, weight in m.votes.items():
            total[label] = total.get(label, 0) + weight
    longest = max(mentions, key=lambda m: len(m.text)).label
    return max(total, key=lambda label: (total[label], label == longest))


def canonical_name(mentions: list[Mention], label: str) -> str:
    """The name an entity is listed under.

    A person is named by the first full (several-word) name the body gives, as newswire
    introduces a person in full before shortening (`Recep Tayyip Erdogan`, then `Erdogan`);
    honorifics are dropped. Anything else by its fullest written form: most words, then most
    frequent; not all-caps if avoidable (a dateline `GENEVA` becomes `Geneva`); a nationality
    in the singular.
    """
    if label == "PERSON":
        full = [without_titles(m.text) for m in sorted(mentions, key=lambda m: (m.paragraph == 0, m.start))]
        full = [f for f in full if len(f.split()) > 1 and not f.isupper()]
        if full:
            # `Miss Universe Alicia Machado`, `Crooked Hillary Clinton`: a title or epithet the
            # tagger took into the name gives way to the shorter full name written more often
            counts = Counter(full)
            best = full[0]
            shorter = [f for f in counts if len(f.split()) < len(best.split()) and best.endswith(" " + f) and counts[f] > counts[best]]
            return max(shorter, key=lambda f: (counts[f], len(f))) if shorter else best
    forms = Counter(m.text for m in mentions)
    def rank(form: str) -> tuple:
        if label == "NORP":
            return (not form.isupper(), len(name_words(form)), -len(form), forms[form])
        return (not is_acronym(form), not form.isupper(), len(name_words(form)), forms[form], -len(form))
    best = max(forms, key=rank)
    if best.isupper() and label in ("GPE", "LOC") and len(best) > 4:
        best = best.title()  # a dateline (`GENEVA`) is the only mention
    if label == "PERSON":
        best = without_titles(best)
    return best


def group_entities(doc: Doc, dateline: str | None = None, labels: tuple[str, ...] | None = DEFAULT_LABELS) -> list[Entity]:
    """Canonical entities of one parsed article, most mentioned first.

    `dateline` is the article's dateline (`GENEVA`), joined to its place. `labels` keeps only
    entities whose decided label is listed (None keeps all, numbers and dates included).
    """
    entities = []
    for group in group_mentions(collect_mentions(doc, dateline)):
        label = _vote(group)
        entities.append(Entity(canonical_name(group, label), label, group))
    if labels is not None:
        entities = [e for e in entities if e.label in labels]
    return sorted(entities, key=lambda e: (-len(e.mentions), e.mentions[0].start))


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping `start:end`, if any."""
    return next((e for e in entities if e.covers(start, end)), None)

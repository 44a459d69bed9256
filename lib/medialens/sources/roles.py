"""Roles: what the text says a source is (`spokesman for the National Army`, `Turkish President`),
from a title before the name, an apposition after it or the person's earliest titled mention,
and the body a person is written as belonging to (`NBC's Dante Chinni`)."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..entities import Entity
from ..lexicon.people import OFFICE_TITLES, RANKS
from ..lexicon.sources import HONORIFICS, OFFICE_NOUNS, ORGANISATION_NOUNS, names_a_person
from ..pipeline import doc_text
from ..quotes.datelines import after_dateline
from .nouns import _person_name, _words, clean_mention, is_person_noun, looks_like_person


def clean_role(role: str | None) -> str | None:
    """A role as a short phrase: no leading article, no trailing clause, not a bare possessive.

    `the Republican nominee` → `Republican nominee`, `his chief of staff` → `chief of staff`; `spokesman for X, who ...` → `spokesman
    for X`; `Russia's` (as in `Russia's Vladimir Putin`) is an affiliation, not a role.
    """
    if not role:
        return None
    role = clean_mention(role)
    # `commissioner for the military, or Karl-Heinz Kamp, ...`: a second person named after it
    role = re.split(r",\s*(?:who|which|whose|where|when)\b|\s+who\s|;\s*[DRI]-|,\s*(?:or|and)\s+(?=[A-Z][\w'\-]+\s+[A-Z])", role)[0]
    # `his chief of staff`: out of its sentence the pronoun points at nobody
    role = re.sub(r"^(?:the|a|an|his|her|their|its|our|my|your)\s+", "", role, flags=re.I).strip(" ,;")
    # `Sen.`, `Gov.`, `Rep.` are offices; `Mr.`, `Dr.` are only forms of address
    words = [OFFICE_TITLES.get(w.lower().rstrip("."), w) for w in role.split()]
    # `The Liberal Democrats' leader, Sir Ed Davey`: the comma before the title goes with it
    role = " ".join(w for w in words if w.lower().rstrip(".") not in HONORIFICS).strip(" ,;")
    if not role or re.fullmatch(r"[\w.\- ]+['\u2019]s?", role) or not re.search(r"[a-z]", role):
        return None
    if re.fullmatch(r"[DRI]-[\w. ]+", role):
        return None  # `R-La.`: a party and a state, read as the affiliation
    # a role names an office, a trade or a body: `completely different` or `real` is not one
    words = re.findall(r"[\w\-]+", role)
    if not any(w[:1].isupper() or w.lower() in OFFICE_NOUNS or is_person_noun(w.lower().rstrip("s")) for w in words):
        return None
    return role


def _mention_role(span: Span) -> str | None:
    """The role written at one mention of a name: a title before it or an apposition after it."""
    doc = span.doc
    root = span.root
    pre = [t for t in root.lefts if t.i < span.start and t.dep_ in ("compound", "amod", "nmod", "poss")]
    # a title holds a noun: `a completely different Ed Schultz` gives no role
    if pre and any(t.pos_ in ("NOUN", "PROPN") for t in doc[min(t.left_edge.i for t in pre) : span.start]):
        start = min(t.left_edge.i for t in pre)
        text = doc[start : span.start].text
        # a headline the parser ran into the first sentence is not part of a title
        # and neither is the dateline opening the paragraph (`MACAU (Reuters) – Top donor`)
        role = clean_role(after_dateline(text.rsplit("\n", 1)[-1]))
        written = _title_before(span)
        if written and role and written.endswith(role) and len(written) > len(role):
            return written  # `Speaker of the House`, of which the parse kept only `House`
        if role:
            return role
    title = _title_before(span)
    if title:
        return title
    described = _described_by_apposition(span)
    if described:
        return described
    appos = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if appos:
        a = appos[0]
        tokens = [t for t in a.subtree if not any(anc.dep_ == "relcl" for anc in [t, *t.ancestors] if anc.i > a.i or anc is t)]
        tokens = tokens or list(a.subtree)
        return clean_role(doc[tokens[0].i : tokens[-1].i + 1].text)
    return None


def _described_by_apposition(span: Span) -> str | None:
    """`The home secretary, Amber Rudd, visited ...`: a name in apposition to an office or
    person noun before it holds the office the noun phrase names (`home secretary`)."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.pos_ != "NOUN":
        return None
    if not (head.lower_ in OFFICE_NOUNS or is_person_noun(head.lemma_.lower())):
        return None
    tokens = [t for t in head.subtree if t.i < span.start]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return clean_role(span.doc[tokens[0].i : tokens[-1].i + 1].text) if tokens else None


def _title_before(span: Span) -> str | None:
    """`Turkish President` before `Recep Tayyip Erdogan`, read from the words alone.

    The parse usually gives titles as the name's modifiers; when it does not (a run-on
    headline, an unusual title), capitalised words and office nouns right before the name,
    with at least one office or person noun or a rank among them (`Det Supt`), are its title.
    """
    doc = span.doc
    i = span.start - 1
    words = []
    while i >= 0:
        t = doc[i]
        # `Speaker of the House Newt Gingrich`: `of the` inside a capitalised title
        # but not after a day (`called Wednesday for Supreme Court Justice Ruth Bader Ginsburg`)
        inner = (t.lower_ in ("of", "the", "for") and i > 0 and words and (doc[i - 1].is_title or doc[i - 1].lower_ in ("of", "the"))
                 and doc[i - 1].ent_type_ not in ("DATE", "TIME"))
        # `But President Obama`, `When Prime Minister Netanyahu`: a sentence's first word
        if not inner and (t.is_space or t.is_punct or "\n" in t.text or t.pos_ in ("DET", "VERB", "ADP", "CCONJ", "SCONJ", "ADV", "PRON")
                          or not (t.is_title or t.is_upper or t.lower_ in OFFICE_NOUNS)):
            break
        words.insert(0, t)
        i -= 1
    while words and words[0].lower_ in ("of", "the", "for"):
        words = words[1:]
    if any(_a_title_word(t) or is_person_noun(t.lower_) for t in words):
        return clean_role(doc[words[0].i : span.start].text)
    return None


def title_of_name(head: Token) -> str | None:
    """The title written before a name NER missed, `head` its last word: `Det Ch Insp` before
    `Claire Smith`, read as `_title_before` reads it."""
    start = head.i
    doc = head.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not _a_title_word(doc[start - 1]):
        start -= 1
    return _title_before(doc[start : head.i + 1])


def _a_title_word(t: Token) -> bool:
    word = t.lower_.rstrip(".")
    return word in OFFICE_TITLES or word in RANKS or word in OFFICE_NOUNS or word in HONORIFICS


_PREPOSITIONS = frozenset({"of", "for", "at", "with", "in", "on", "from", "to"})
_ONE_OF = frozenset({"one", "who", "someone"})


def _role_names_a_body(role: str | None) -> bool:
    """True when a role names an organisation (`one of the nation's largest coal companies`,
    `firm founded in 2014 by ...`), not a person's office (`director of the Institute`,
    `Kremlin spokesman`, `University of Washington professor`, `House Republican`).

    The title is the role before what is said of it (a comma, a relative word, a participle:
    `lawyer now at ...`, `executive arrested ...`); a word for a person before its first
    preposition, or ending it, makes it a person's; else the first telling noun decides.
    """
    words = _words((role or "").split(",")[0])
    cut = next((k for k, w in enumerate(words) if w in _CLAUSE_WORDS or k and w.endswith("ed")), len(words))
    phrase = words[:cut]
    title = next((phrase[:k] for k, w in enumerate(phrase) if w in _PREPOSITIONS), phrase)
    if any(_a_person_word(w) for w in title if w not in _ONE_OF) or phrase and _a_person_word(phrase[-1]):
        return False
    for word in _words(role or ""):
        if word in _ONE_OF:
            continue  # `one of the ...` says nothing of what it is one of
        lemma = word[:-1] if word.endswith("s") and word[:-1] in ORGANISATION_NOUNS else word
        lemma = "company" if word == "companies" else lemma
        if names_a_person(word) or is_person_noun(lemma):
            return False
        if lemma in ORGANISATION_NOUNS:
            return True
    return False


# Words that end a role's title: what follows says something of the holder.
_CLAUSE_WORDS = frozenset({"who", "which", "that", "whose", "now", "then"})
# A party's member is a person: `House Republican`, `Senate Intelligence Ranking Democrat`.
_PARTY_MEMBERS = frozenset({"republican", "democrat", "independent", "conservative", "liberal", "libertarian", "tory"})


def _a_person_word(word: str) -> bool:
    singular = word[:-1] if word.endswith("s") else word
    return names_a_person(word) or names_a_person(singular) or singular in _PARTY_MEMBERS


_OWNER = re.compile(r"([\w.&\- ]+?)['\u2019]s\s+$")


def person_owners(doc: Doc, entities: list[Entity], text: str | None = None) -> dict[str, str]:
    """The organisation or country a person is written as belonging to: `NBC's Dante Chinni`
    → NBC, `Russia's Vladimir Putin` → Russia (from the first such mention)."""
    text = doc_text(doc) if text is None else text
    owners: dict[str, str] = {}
    bodies = [e for e in entities if e.label in ("ORG", "GPE") and not looks_like_person(e)]
    for entity in entities:
        if not looks_like_person(entity):
            continue
        for m in entity.mentions:
            before = text[max(0, m.start - 60) : m.start]
            # the possessive must end the stretch: most mentions fail this before the search
            tail = before.rstrip()
            hit = _OWNER.search(before) if tail != before and tail.endswith(("'s", "\u2019s")) else None
            owner = next((b for b in bodies if hit and b.covers(m.start - len(hit.group(0)), m.start - 3)), None)
            if owner is not None:
                owners.setdefault(_person_name(entity), owner.name)
                break
    return owners


def person_roles(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """The role the text gives each named person, from its earliest titled mention.

    Titles written before the name (`Russian Foreign Minister Sergei Lavrov`, `ICRC spokeswoman
    Ruth Hetherington`) and appositions (`Yusef Hamoud, spokesman for the National Army`).
    """
    roles: dict[str, str] = {}
    for entity in entities:
        if not looks_like_person(entity):
            continue
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            role = _mention_role(span)
            if role:
                roles[_person_name(entity)] = role
                break
    return roles

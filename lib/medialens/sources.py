"""Sources: who each quote belongs to, what kind of source that is, and in what role.

A speaker mention (`he`, `the Turkish official`, `Turkey's president`, `ICRC spokeswoman Ruth
Hetherington`) is resolved to a canonical source and typed:

- `person`: a named individual (`Recep Tayyip Erdogan`);
- `anonymous`: an unnamed individual (`Turkish security official`, `officials`);
- `organisation`: a named or definite body speaking as itself (`International Committee of
  the Red Cross`, `the ministry`);
- `group`: an unnamed collective (`Syrian opposition activists`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .entities import Entity, entity_at, group_entities
from .quotes import Quote
from .source_patterns import (
    ANONYMITY_MARKERS,
    ANONYMOUS_NOUNS,
    ANONYMOUS_PLURALS,
    GROUP_NOUNS,
    HONORIFICS,
    OFFICE_NOUNS,
    ORGANISATION_NOUNS,
)

SOURCE_TYPES = ("person", "anonymous", "organisation", "group", "unknown")

PERSON_PRONOUNS = {"he": "male", "him": "male", "she": "female", "her": "female"}
THING_PRONOUNS = frozenset({"it"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})


@dataclass
class Resolved:
    """A canonical source as first established in the article."""

    canonical: str
    type: str
    role: str | None
    position: int  # character offset of the mention that established it


def _words(text: str) -> list[str]:
    return re.findall(r"[\w\-]+", text.casefold())


def _strip_determiner(text: str) -> str:
    return re.sub(r"^(?:the|a|an|some|several|two|three|many|other|another)\s+", "", text.strip(), flags=re.I)


def _same_place(a: str, b: str) -> bool:
    """`Turkey` and `Turkish`, `Russia` and `Russian`: a country and its adjective."""
    a, b = a.casefold(), b.casefold()
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4])


def person_roles(doc: Doc, entities: list[Entity]) -> dict[str, str]:
    """The role the text gives each named person, from its earliest titled mention.

    Titles written before the name (`Russian Foreign Minister Sergei Lavrov`, `ICRC spokeswoman
    Ruth Hetherington`) and appositions (`Yusef Hamoud, spokesman for the National Army`).
    """
    roles: dict[str, str] = {}
    for entity in entities:
        if entity.label != "PERSON":
            continue
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            role = _mention_role(span)
            if role:
                roles[entity.name] = role
                break
    return roles


def _mention_role(span) -> str | None:
    doc = span.doc
    root = span.root
    pre = [t for t in root.lefts if t.i < span.start and t.dep_ in ("compound", "amod", "nmod", "poss")]
    if pre:
        start = min(t.left_edge.i for t in pre)
        text = doc[start : span.start].text.strip(" ,")
        words = [w for w in text.split() if w.lower().rstrip(".") not in HONORIFICS]
        if words:
            return " ".join(words)
    appos = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if appos:
        a = appos[0]
        return doc[a.left_edge.i : a.right_edge.i + 1].text.strip(" ,")
    return None


def source_type_of(doc: Doc, start: int, end: int) -> str:
    """Type of an unnamed speaker phrase by its head noun: anonymous, organisation or group."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "unknown"
    head = span.root
    lemma, text = head.lemma_.lower(), head.lower_
    plural = head.tag_ in ("NNS", "NNPS") or (text != lemma and text.endswith("s"))
    if plural:
        if text in ANONYMOUS_PLURALS or lemma in ("official", "source"):
            return "anonymous"
        if text in GROUP_NOUNS or lemma in ANONYMOUS_NOUNS:
            return "group"
        if lemma in ORGANISATION_NOUNS:
            return "organisation"
        return "group"
    if lemma in ORGANISATION_NOUNS or head.ent_type_ in ("ORG", "GPE"):
        return "organisation"
    if lemma in ANONYMOUS_NOUNS or text in ANONYMOUS_NOUNS or lemma in OFFICE_NOUNS:
        return "anonymous"
    if text in GROUP_NOUNS:
        return "group"
    return "anonymous" if head.pos_ == "NOUN" else "unknown"


def _resolve_pronoun(pronoun: str, position: int, history: list[Resolved], subjects: list[Resolved]) -> Resolved | None:
    """Most recent compatible source before `position`: earlier speakers and named subjects."""
    if pronoun in PERSON_PRONOUNS:
        wanted = ("person", "anonymous")
    elif pronoun in THING_PRONOUNS:
        wanted = ("organisation",)
    elif pronoun in PLURAL_PRONOUNS:
        wanted = ("group", "organisation", "anonymous")
    else:
        return None
    candidates = [r for r in history + subjects if r.position < position and r.type in wanted]
    if pronoun in PLURAL_PRONOUNS:
        candidates = [r for r in candidates if r.type != "anonymous" or r.canonical.endswith("s")]
    return max(candidates, key=lambda r: r.position, default=None)


def _resolve_description(phrase: str, history: list[Resolved], roles: dict[str, str]) -> Resolved | None:
    """`the Turkish official` → an earlier `Turkish security official`; `Turkey's president` →
    the named person whose role is `Turkish President`."""
    words = _words(_strip_determiner(re.sub(r"['\u2019]s\b", "", phrase)))
    if not words:
        return None
    head, modifiers = words[-1], words[:-1]
    for r in reversed(history):
        if r.type == "person":
            continue
        cwords = _words(r.canonical)
        if cwords and cwords[-1] == head and all(any(_same_place(m, c) for c in cwords) for m in modifiers):
            return r
    if head in OFFICE_NOUNS:
        matches = []
        for name, role in roles.items():
            rwords = _words(role)
            if head in rwords and all(any(_same_place(m, c) for c in rwords) for m in modifiers):
                matches.append(name)
        if len(matches) == 1:
            return Resolved(matches[0], "person", roles[matches[0]], -1)
    return None


def _subject_mentions(doc: Doc, entities: list[Entity]) -> list[Resolved]:
    """Named people and organisations that are grammatical subjects: pronoun antecedents."""
    out = []
    for e in entities:
        if e.label not in ("PERSON", "ORG"):
            continue
        for m in e.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                out.append(Resolved(e.name, "person" if e.label == "PERSON" else "organisation", None, m.start))
    return out


def resolve_speakers(doc: Doc, quotes: list[Quote], entities: list[Entity] | None = None) -> list[Quote]:
    """Fill `speaker_canonical`, `speaker_type` and `speaker_role` of each quote, in place.

    Walks the quotes in text order, so a pronoun or a definite description resolves to the
    source most recently established; a quote carried over from the previous one shares its
    source. Unresolvable speakers stay `unknown`. Returns the quotes.
    """
    if entities is None:
        entities = group_entities(doc, labels=None)
    roles = person_roles(doc, entities)
    subjects = _subject_mentions(doc, entities)
    history: list[Resolved] = []
    previous: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        resolved = None
        if q.carried and previous is not None:
            q.speaker_canonical, q.speaker_type, q.speaker_role = previous.speaker_canonical, previous.speaker_type, previous.speaker_role
            previous = q
            continue
        if q.speaker and q.speaker_start is not None:
            resolved = _resolve_one(doc, q, entities, roles, history, subjects)
        if resolved is not None:
            q.speaker_canonical, q.speaker_type = resolved.canonical, resolved.type
            q.speaker_role = q.speaker_role or resolved.role or roles.get(resolved.canonical)
            history.append(Resolved(resolved.canonical, resolved.type, q.speaker_role, q.speaker_start or q.start))
        previous = q
    return quotes


def _resolve_one(doc: Doc, q: Quote, entities, roles, history, subjects) -> Resolved | None:
    mention = q.speaker.strip()
    lower = mention.lower()
    position = q.speaker_start
    if lower in PERSON_PRONOUNS or lower in THING_PRONOUNS or lower in PLURAL_PRONOUNS:
        return _resolve_pronoun(lower, position, history, subjects)
    if lower in FIRST_PERSON:
        return None
    span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
    head = span.root if span is not None and len(span) else None
    # the name must be the phrase's head: in `Turkey's president` Turkey is not the speaker
    entity = entity_at(entities, head.idx, head.idx + len(head)) if head is not None else None
    if entity is not None and entity.label == "PERSON":
        return Resolved(entity.name, "person", roles.get(entity.name), position)
    if entity is not None and entity.label in ("ORG", "GPE"):
        return Resolved(entity.name, "organisation", None, position)
    found = _resolve_description(mention, history, roles)
    if found is not None:
        return found
    kind = source_type_of(doc, q.speaker_start, q.speaker_end)
    if kind == "unknown":
        return None
    if kind == "anonymous" and _is_named(doc, q):
        kind = "person"
    canonical = _strip_determiner(mention)
    return Resolved(canonical, kind, q.speaker_role, position)


def _is_named(doc: Doc, q: Quote) -> bool:
    span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "PROPN" and not any(
        marker in doc.text[q.speaker_start : q.speaker_end + 80].lower() for marker in ANONYMITY_MARKERS
    )


# ---------------------------------------------------------------------------- spaCy component

if not Doc.has_extension("sources"):
    Doc.set_extension("sources", default=None)


@Language.factory("medialens_sources", requires=["doc._.quotes"], assigns=["doc._.sources"])
def make_source_component(nlp: Language, name: str) -> "SourceComponent":
    """Factory for `nlp.add_pipe("medialens_sources")` (after `medialens_quotes`)."""
    return SourceComponent()


class SourceComponent:
    """Resolves the speakers of `doc._.quotes` in place and lists the sources on `doc._.sources`."""

    def __call__(self, doc: Doc) -> Doc:
        quotes = resolve_speakers(doc, doc._.quotes or [])
        doc._.sources = sorted({q.speaker_canonical for q in quotes if q.speaker_type != "unknown"})
        return doc

"""Sources: who each quote belongs to, what kind of source that is, and in what role.

A speaker mention (`he`, `the Turkish official`, `Turkey's president`, `ICRC spokeswoman Ruth
Hetherington`) is resolved to one canonical source per article and typed:

- `person`: a named individual (`Recep Tayyip Erdogan`);
- `anonymous`: an unnamed individual (`Turkish security official`, `officials`, `sources
  close to the president`);
- `organisation`: a named or definite body speaking as itself (`International Committee of
  the Red Cross`, `the ministry`), or through a document (`the report said`);
- `group`: an unnamed collective (`Syrian opposition activists`, `residents`).

Each source also gets the role the text gives it (apposition, title before the name, or an
earlier titled mention), the organisation or country it speaks for (`affiliation`), and, for
individuals, the gender the text presents (see `gender.py`).

Resolution reads the article in order, as a reader does: a pronoun goes to the most recent
source or named subject that agrees with it in number and gender, but never back past a
paragraph in which somebody else has spoken; `Mr. Trump` and `Trump` go to the one person of
that surname; a definite description (`the spokesman`, `the official`, `the ministry`) goes to
the earlier source it describes, while `another official` is a new one.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .articles import block_of, block_spans
from .entities import Entity, entity_at, group_entities
from .gender import GENDERED_TITLES, Evidence, decide, leaning, first_name, name_evidence, noun_evidence, pronoun_evidence, title_evidence
from .pipeline import doc_text, text_slice
from .quotes import Quote, speaker_phrase
from .lexicon.people import (
    DEFINITE,
    FIRST_PERSON,
    LEADING_DETERMINERS,
    OFFICE_TITLES,
    PARTY_LETTERS,
    PERSON_BODIES,
    PERSON_PRONOUNS,
    PLURAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    THING_PRONOUNS,
)
from .lexicon.sources import (
    AFFILIATION_ADJECTIVES,
    ANONYMITY_MARKERS,
    ANONYMOUS_NOUNS,
    ANONYMOUS_PLURALS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    GROUP_NOUNS,
    HONORIFICS,
    NEW_SOURCE_DETERMINERS,
    OFFICE_NOUNS,
    ORGANISATION_NOUNS,
    PERSON_SUFFIXES,
    QUANTITY_NOUNS,
)

SOURCE_TYPES = ("person", "anonymous", "organisation", "group", "unknown")
INDIVIDUAL_TYPES = ("person", "anonymous")


@dataclass
class Resolved:
    """A canonical source as established at one mention in the article."""

    canonical: str
    type: str
    role: str | None
    position: int  # character offset of the mention
    paragraph: int = -1
    gender: str = "unknown"  # what name, title and role say, before any pronoun is read


@dataclass
class _Article:
    """What resolution knows about one article while it reads the quotes in order."""

    doc: Doc
    text: str  # the doc's text, read once
    entities: list[Entity]
    people: list[Entity]
    roles: dict[str, str]
    owners: dict[str, str]
    priors: dict[str, list[Evidence]]
    spans: list[tuple[int, int]]
    history: list[Resolved] = field(default_factory=list)
    subjects: list[Resolved] = field(default_factory=list)

    def paragraph(self, offset: int) -> int:
        return block_of(self.spans, offset)

    def prior_gender(self, name: str) -> str:
        """The gender name, titles and role lean to: what a pronoun must agree with."""
        return leaning(self.priors.get(name, []))


# ---------------------------------------------------------------------------- small text helpers


# Patterns used per mention, compiled once.
_WORDS = re.compile(r"[\w\-]+")
_SPACES = re.compile(r"\s+")
_DETERMINERS = re.compile(r"^(?:" + "|".join(LEADING_DETERMINERS) + r")\s+", re.I)


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _strip_determiner(text: str) -> str:
    return _DETERMINERS.sub("", text.strip())


def clean_mention(text: str) -> str:
    """A mention as a canonical name: no quote marks, line breaks or trailing punctuation."""
    text = _SPACES.sub(" ", text)
    return text.strip(" \t\n,;:.!?\"'()[]\u201c\u201d\u2018\u2019-\u2014>")


def _same_place(a: str, b: str) -> bool:
    """`Turkey` and `Turkish`, `Russia` and `Russian`: a country and its adjective."""
    a, b = a.casefold(), b.casefold()
    return a == b or (len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4])


def _name_words(name: str) -> list[str]:
    """A person's name without titles and initials: `Mr. Donald J. Trump` → donald, trump."""
    words = [w.strip(".,").casefold() for w in name.split()]
    return [w for w in words if w and w not in HONORIFICS and len(w) > 1]


def looks_like_person(entity: Entity) -> bool:
    """A PERSON entity, or a name spaCy mislabelled that starts with a known first name.

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
    return bool(name_evidence(name))


def _person_name(entity: Entity) -> str:
    words = entity.name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------------------- roles


def clean_role(role: str | None) -> str | None:
    """A role as a short phrase: no leading article, no trailing clause, not a bare possessive.

    `the Republican nominee` → `Republican nominee`; `spokesman for X, who ...` → `spokesman
    for X`; `Russia's` (as in `Russia's Vladimir Putin`) is an affiliation, not a role.
    """
    if not role:
        return None
    role = clean_mention(role)
    role = re.split(r",\s*(?:who|which|whose|where|when)\b|\s+who\s|;\s*[DRI]-", role)[0]
    role = re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I).strip(" ,;")
    # `Sen.`, `Gov.`, `Rep.` are offices; `Mr.`, `Dr.` are only forms of address
    words = [OFFICE_TITLES.get(w.lower().rstrip("."), w) for w in role.split()]
    role = " ".join(w for w in words if w.lower().rstrip(".") not in HONORIFICS)
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
        role = clean_role(text.rsplit("\n", 1)[-1])
        written = _title_before(span)
        if written and role and written.endswith(role) and len(written) > len(role):
            return written  # `Speaker of the House`, of which the parse kept only `House`
        if role:
            return role
    title = _title_before(span)
    if title:
        return title
    appos = [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    if appos:
        a = appos[0]
        tokens = [t for t in a.subtree if not any(anc.dep_ == "relcl" for anc in [t, *t.ancestors] if anc.i > a.i or anc is t)]
        tokens = tokens or list(a.subtree)
        return clean_role(doc[tokens[0].i : tokens[-1].i + 1].text)
    return None


def _title_before(span: Span) -> str | None:
    """`Turkish President` before `Recep Tayyip Erdogan`, read from the words alone.

    The parse usually gives titles as the name's modifiers; when it does not (a run-on
    headline, an unusual title), capitalised words and office nouns right before the name,
    with at least one office or person noun among them, are its title.
    """
    doc = span.doc
    i = span.start - 1
    words = []
    while i >= 0:
        t = doc[i]
        # `Speaker of the House Newt Gingrich`: `of the` inside a capitalised title
        inner = t.lower_ in ("of", "the", "for") and i > 0 and words and (doc[i - 1].is_title or doc[i - 1].lower_ in ("of", "the"))
        if not inner and (t.is_space or t.is_punct or "\n" in t.text or t.pos_ in ("DET", "VERB", "ADP")
                          or not (t.is_title or t.is_upper or t.lower_ in OFFICE_NOUNS)):
            break
        words.insert(0, t)
        i -= 1
    while words and words[0].lower_ in ("of", "the", "for"):
        words = words[1:]
    if any(t.lower_ in OFFICE_NOUNS or is_person_noun(t.lower_) for t in words):
        return clean_role(doc[words[0].i : span.start].text)
    return None


def _role_names_a_body(role: str | None) -> bool:
    """True when the first telling noun of a role is an organisation's (`one of the nation's
    largest coal companies`), not a person's (`director of the Institute`)."""
    for word in _words(role or ""):
        if word in ("one", "who", "someone"):
            continue  # `one of the ...` says nothing of what it is one of
        lemma = word[:-1] if word.endswith("s") and word[:-1] in ORGANISATION_NOUNS else word
        lemma = "company" if word == "companies" else lemma
        if word in OFFICE_NOUNS or is_person_noun(word) or is_person_noun(lemma):
            return False
        if lemma in ORGANISATION_NOUNS:
            return True
    return False


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


# ---------------------------------------------------------------------------- source types


def is_person_noun(lemma: str) -> bool:
    """A noun for a person (`official`, `economist`, `nominee`) rather than a thing or a body."""
    lemma = lemma.lower()
    if lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS:
        return False
    return lemma in ANONYMOUS_NOUNS or (len(lemma) > 5 and lemma.endswith(PERSON_SUFFIXES))


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


# ---------------------------------------------------------------------------- resolution steps


def _titles_before(doc: Doc, start: int) -> list[str]:
    m = re.search(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Madam|Madame)\.?\s+$", text_slice(doc, max(0, start - 10), start))
    return [m.group(1)] if m else []


def _priors(doc: Doc, people: list[Entity], roles: dict[str, str]) -> dict[str, list[Evidence]]:
    """Gender evidence of each named person before any pronoun is read: name, titles, role."""
    out: dict[str, list[Evidence]] = {}
    for e in people:
        name = _person_name(e)
        titles = [t for m in e.mentions for t in _titles_before(doc, m.start)]
        titles += [w for w in e.name.split()[:1] if w.lower().rstrip(".") in GENDERED_TITLES]
        evidence = name_evidence(name) + title_evidence(titles) + noun_evidence([roles.get(name, "")])
        out.setdefault(name, []).extend(evidence)
    return out


def _subject_mentions(art: _Article) -> list[Resolved]:
    """Named people and organisations that are grammatical subjects: pronoun antecedents."""
    out = []
    for e in art.entities:
        person = looks_like_person(e)
        if not person and e.label != "ORG":
            continue
        name = _person_name(e) if person else e.name
        for m in e.mentions:
            span = art.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                kind = "person" if person else "organisation"
                out.append(Resolved(name, kind, None, m.start, art.paragraph(m.start), art.prior_gender(name) if person else "unknown"))
    return out


def _resolve_pronoun(pronoun: str, position: int, art: _Article) -> Resolved | None:
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


def _person_by_first_name(word: str, art: _Article) -> Entity | None:
    """`Melania` or `Hillary` alone: the one person of the article with that first name.

    Only for words the name list knows as first names, so a surname never matches here.
    """
    if not name_evidence(f"{word} X"):
        return None
    found = [e for e in art.people if len(_name_words(e.name)) > 1 and _name_words(e.name)[0] == word.casefold()]
    return found[0] if len(found) == 1 else None


def _person_by_surname(words: list[str], position: int, gender: str, art: _Article) -> Entity | None:
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
        if name_evidence(f"{m.group(1)} {surname}"):
            return f"{m.group(1)} {surname}"
    return None


def _definite(phrase: str) -> bool:
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first in DEFINITE or bool(re.search(r"['\u2019]s?\s", phrase))


def _resolve_description(phrase: str, head: Token, position: int, art: _Article) -> Resolved | None:
    """A definite description to the source it describes.

    `the Turkish official` → an earlier `Turkish security official`; `the spokesman` → the
    person whose role is `spokesman for ...`; `Turkey's president` → the named person whose
    role is `Turkish President`; `the ministry` → the article's `Defence Ministry`.
    """
    words = _words(_strip_determiner(re.sub(r"['\u2019]s\b", "", phrase)))
    if not words:
        return None
    head_word = head.lower_
    modifiers = [w for w in words[: words.index(head_word)] if w not in ("s",)] if head_word in words else words[:-1]

    def same(a: str, b: str) -> bool:
        # `GOP` and `Republican`, `Democrat` and `Democratic` name one party
        return _same_place(a, b) or AFFILIATION_ADJECTIVES.get(a, a) == AFFILIATION_ADJECTIVES.get(b, b)

    def fits(candidate_words: list[str]) -> bool:
        return head_word in candidate_words and all(any(same(m, c) for c in candidate_words) for m in modifiers)

    for r in reversed([h for h in art.history if h.position < position]):
        if r.type == "person":
            if r.role and fits(_words(r.role)):
                return r
        elif r.type != "group" and fits(_words(r.canonical)):
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


def _resolve_one(q: Quote, art: _Article) -> Resolved | None:
    doc = art.doc
    start, end = q.speaker_start, q.speaker_end
    # the parser can run an unpunctuated headline into the first sentence: a speaker
    # phrase never crosses a paragraph break, so keep the part nearest the cue
    cut = text_slice(doc, start, end).rfind("\n")
    if cut >= 0:
        start += cut + 1
    mention = clean_mention(text_slice(doc, start, end))
    lower = mention.lower()
    position = start
    paragraph = art.paragraph(position)
    if lower in PERSON_PRONOUNS or lower in THING_PRONOUNS or lower in PLURAL_PRONOUNS:
        return _resolve_pronoun(lower, position, art)
    if lower in FIRST_PERSON or not mention:
        return None
    block_start = art.spans[paragraph][0] if paragraph < len(art.spans) else 0
    if mention.isupper() and not art.text[block_start:start].strip() and re.match(r"\s*[:\u2014\u2013-]", art.text[end:end + 3]):
        return None  # `GENEVA:` opening a paragraph is a dateline, never a speaker
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        # `..., said Norman Ham, who ...` is handled by quotes.py; here `X, who said ...`
        head = head.head.head
        start, end, _ = speaker_phrase(head)
        mention = clean_mention(text_slice(doc, start, end))
        span = doc.char_span(start, end, alignment_mode="expand")
    last = span[-1]
    titled = all(t.pos_ in ("PROPN", "NOUN", "ADJ", "PART", "DET") or t.is_punct and t.text in ".-" for t in span)
    if head is not last and last.pos_ == "PROPN" and titled:
        # `Turkish President Recep Tayyip Erdogan`: a name ending the phrase is its head,
        # whatever a parse confused by a run-on headline says
        named = entity_at(art.entities, last.idx, last.idx + len(last))
        if named is not None and looks_like_person(named):
            head = last
    # the name must be the phrase's head: in `Turkey's president` Turkey is not the speaker
    entity = entity_at(art.entities, head.idx, head.idx + len(head))
    if (head.pos_ == "NOUN" or head.pos_ == "PROPN") and entity is None:
        # `A lawyer for the news outlets, David Schulz, said`: the name in apposition is the
        # speaker, the description its role (also `Speaker of the House Newt Gingrich`, which
        # the parser reads as a title with the name in apposition)
        for a in (c for c in head.children if c.dep_ == "appos"):
            named = entity_at(art.entities, a.idx, a.idx + len(a))
            if named is not None and looks_like_person(named):
                name = _person_name(named)
                role = art.roles.get(name) or clean_role(mention.split(",")[0])
                return Resolved(name, "person", role, position, paragraph, art.prior_gender(name))
    title = next((t for t in _titles_before(doc, head.idx) + _titles_before(doc, span.start_char)), None)
    title_gender = GENDERED_TITLES.get(title.lower(), "unknown") if title else "unknown"
    if entity is not None and looks_like_person(entity):
        name = _person_name(entity)
        if len(_name_words(name)) == 1:  # a surname alone joins the full name
            fuller = _person_by_surname(_name_words(name), position, title_gender, art)
            name = _person_name(fuller) if fuller is not None else (_full_name_in_text(art.text, name) or name)
        return Resolved(name, "person", art.roles.get(name), position, paragraph, art.prior_gender(name))
    if entity is not None and len(entity.name.split()) == 1 and head.pos_ == "PROPN":
        by_first = _person_by_first_name(entity.name, art)
        if by_first is not None:
            name = _person_name(by_first)
            return Resolved(name, "person", art.roles.get(name), position, paragraph, art.prior_gender(name))
    if entity is not None and entity.label in ("ORG", "GPE", "FAC"):
        kind = "anonymous" if _is_anonymous_name(doc, start, end) and head.pos_ == "NOUN" else "organisation"
        return Resolved(entity.name, kind, None, position, paragraph)
    if entity is not None and entity.label == "NORP" and head.tag_ in ("NNS", "NNPS"):
        return Resolved(clean_mention(_strip_determiner(mention)), "group", None, position, paragraph)
    if head.pos_ == "PROPN" and head.text[:1].isupper() and not head.text.isupper():
        fuller = _person_by_surname([head.lower_], position, title_gender, art)
        if fuller is not None:
            name = _person_name(fuller)
            return Resolved(name, "person", art.roles.get(name), position, paragraph, art.prior_gender(name))
        full = _full_name_in_text(art.text, head.text)
        if full or title:
            return Resolved(full or head.text, "person", None, position, paragraph, title_gender)
        # a capitalised name that NER missed, subject of speech: a person more often than not,
        # unless the parser saw an organisation in it; headlines capitalise every word, so
        # there a capital says nothing
        if head.tag_ == "NNPS" and head_type(head) == "group":
            return Resolved(clean_mention(_strip_determiner(mention)), "group", None, position, paragraph)
        if (head.ent_type_ in ("", "PERSON") and paragraph > 0 and head.tag_ != "NNPS" and not head_type(head) == "organisation"
                and not any(t.lower_ in ORGANISATION_NOUNS for t in span)):
            return Resolved(clean_mention(mention), "person", None, position, paragraph)
    if head.pos_ == "PROPN" and head.text.isupper() and len(head.text) > 1:
        return Resolved(clean_mention(_strip_determiner(mention)), "organisation", None, position, paragraph)
    determiner = next((d for d in NEW_SOURCE_DETERMINERS if lower.startswith(d + " ")), None)
    if determiner is None and _definite(mention):
        found = _resolve_description(mention, head, position, art)
        if found is not None:
            return Resolved(found.canonical, found.type, found.role, position, paragraph, found.gender)
    kind = head_type(head)
    if kind == "unknown":
        return None
    canonical = clean_mention(_strip_determiner(mention))
    canonical = canonical[:1].upper() + canonical[1:] if canonical[:1].islower() and kind != "anonymous" else canonical
    if determiner is not None:
        taken = {h.canonical for h in art.history}
        n = 2
        base = canonical
        while canonical in taken:
            canonical, n = f"{base} ({n})", n + 1
    gender = decide(noun_evidence([mention])) if kind == "anonymous" else "unknown"
    return Resolved(canonical, kind, None, position, paragraph, gender)


def _merge_people(quotes: list[Quote], people: list[Entity]) -> None:
    """One row per person: `Donald J. Trump` and `Donald Trump` in one article are one source."""
    names = {q.speaker_canonical for q in quotes if q.speaker_type == "person"}
    mentions = Counter()
    for e in people:
        mentions[_person_name(e)] += len(e.mentions)
    def key(name: str) -> tuple[str, ...]:
        w = _name_words(name)
        return (w[0], w[-1]) if len(w) > 1 else tuple(w)
    by_key: dict[tuple, list[str]] = defaultdict(list)
    for n in names:
        by_key[key(n)].append(n)
    target: dict[str, str] = {}
    for k, group in by_key.items():
        best = max(group, key=lambda n: (mentions[n], len(n)))
        for n in group:
            target[n] = best
    for k, group in by_key.items():
        if len(k) == 1:
            longer = {target[n] for kk, g in by_key.items() if len(kk) == 2 and kk[-1] == k[0] for n in g}
            if len(longer) == 1:
                (full,) = longer
                for n in group:
                    target[n] = full
    for q in quotes:
        if q.speaker_type == "person":
            q.speaker_canonical = target.get(q.speaker_canonical, q.speaker_canonical)


def resolve_speakers(doc: Doc, quotes: list[Quote], entities: list[Entity] | None = None) -> list[Quote]:
    """Fill each quote's `speaker_canonical`, `speaker_type` and `speaker_role`, in place.

    Also sets `extra["speaker_affiliation"]` and `extra["speaker_gender"]` (gender for
    individuals only; None for organisations and groups). Walks the quotes in text order, so
    a pronoun or a description resolves to the source most recently established; a quote
    carried over from the previous one shares its source. Unresolvable speakers stay
    `unknown`. Every quote of one source gets the same role, affiliation and gender.
    Returns the quotes.
    """
    if entities is None:
        entities = group_entities(doc, labels=None)
    people = [e for e in entities if looks_like_person(e)]
    roles = person_roles(doc, entities)
    text = doc_text(doc)
    art = _Article(doc, text, entities, people, roles, person_owners(doc, entities, text), _priors(doc, people, roles), block_spans(text))
    # a name inside what somebody is reported to have said is talked about, not talking:
    # in `Earnest said that Obama has long called for ... He said`, `He` is Earnest
    # in `Ban Ki-moon condemned what he called a "brazen breach"`, a quote reaching back over
    # its own speaker holds the antecedent before that speaker, which is not reported content
    reported = [(q.speaker_end if q.speaker_start is not None and q.speaker_end is not None and q.start <= q.speaker_start < q.end else q.start, q.end)
                for q in quotes]
    art.subjects = [r for r in _subject_mentions(art) if not any(s <= r.position < e for s, e in reported)]
    pronouns: dict[str, list[str]] = defaultdict(list)
    descriptions: dict[str, list[str]] = defaultdict(list)
    previous: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        if q.carried and previous is not None:
            q.speaker_canonical, q.speaker_type, q.speaker_role = previous.speaker_canonical, previous.speaker_type, previous.speaker_role
            previous = q
            continue
        resolved = _resolve_one(q, art) if q.speaker and q.speaker_start is not None else None
        if resolved is not None:
            q.speaker_canonical, q.speaker_type = resolved.canonical, resolved.type
            q.raw_role = q.speaker_role
            q.speaker_role = clean_role(q.speaker_role)
            if q.speaker_role and q.speaker_role in resolved.canonical:
                q.speaker_role = resolved.role  # the "role" in apposition was the name itself
            mention = clean_mention(q.speaker or "").lower()
            if mention in PERSON_PRONOUNS:
                pronouns[resolved.canonical].append(mention)
            descriptions[resolved.canonical].append(q.speaker or "")
            art.history.append(Resolved(resolved.canonical, resolved.type, q.speaker_role or resolved.role,
                                        q.speaker_start if q.speaker_start is not None else q.start,
                                        art.paragraph(q.speaker_start or q.start), resolved.gender))
        previous = q
    _merge_people(quotes, people)
    _describe_sources(quotes, art, pronouns, descriptions)
    return quotes


def _describe_sources(quotes: list[Quote], art: _Article, pronouns: dict[str, list[str]], descriptions: dict[str, list[str]]) -> None:
    """Give every quote of a source the source's one type, role, affiliation and gender."""
    by_source: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        if q.speaker_type != "unknown":
            by_source[q.speaker_canonical].append(q)
    for name, qs in by_source.items():
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
            evidence += title_evidence(t for q in qs if q.speaker_start is not None for t in _titles_before(art.doc, q.speaker_start))
            gender = decide(evidence)
        for q in qs:
            q.speaker_type, q.speaker_role = kind, role
            q.speaker_affiliation, q.speaker_gender = affiliation, gender


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

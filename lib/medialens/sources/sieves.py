"""Speaker resolution of one mention as an ordered list of sieves.

Each sieve reads the mention and the article state and returns a `Resolved` source (it decides),
`STOP` (the speaker stays `unknown`, and no later sieve is asked) or None (the next sieve is
asked). `SIEVES` is the order; the name of the sieve that decided is recorded on the quote as
`speaker_rule`. The order matters: a pronoun never reaches the name sieves, a named person in
apposition wins over the description it stands beside, and a description is only read as a
new source after every name and earlier source has been tried.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from ..entities import entity_at
from ..gender import decide, noun_evidence
from ..lexicon.entities import CREDIT_NAMES
from ..lexicon.people import FIRST_PERSON, PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS
from ..lexicon.sources import DOCUMENT_NOUNS, OFFICE_NOUNS, ORGANISATION_NOUNS, names_a_person
from ..quotes import Quote
from .antecedents import _definite, _full_name_in_text, _person_by_first_name, _person_by_first_word, _person_by_surname, _resolve_description, _resolve_pronoun
from .mention import Mention, prepare_mention
from .nouns import _is_anonymous_name, _name_words, _person_name, _strip_determiner, clean_mention, head_type, looks_like_person
from .roles import clean_role, title_of_name
from .state import ArticleState, Resolved


class _Stop:
    """What a sieve returns to keep a speaker `unknown`."""

    def __repr__(self) -> str:
        return "STOP"


STOP = _Stop()

Sieve = Callable[[Mention, ArticleState], "Resolved | _Stop | None"]


def _named_person(name: str, m: Mention, state: ArticleState) -> Resolved:
    return Resolved(name, "person", state.roles.get(name), m.position, m.paragraph, state.prior_gender(name))


# ---------------------------------------------------------------------------- on the words alone


def pronoun(m: Mention, state: ArticleState) -> Resolved | _Stop | None:
    """`he`, `she`, `it`, `they`: the most recent compatible source, or nobody."""
    if m.lower in PERSON_PRONOUNS or m.lower in THING_PRONOUNS or m.lower in PLURAL_PRONOUNS:
        found = _resolve_pronoun(m.lower, m.position, state)
        return found if found is not None else STOP
    return None


def first_person(m: Mention, state: ArticleState) -> _Stop | None:
    """`I`, `we`, `you` (inside a quote, the speaker's own words) or nothing: no source."""
    return STOP if m.lower in FIRST_PERSON or not m.text else None


def _opening_label(m: Mention, state: ArticleState) -> bool:
    """The mention is an upper-case word opening its paragraph before a colon or dash."""
    paragraphs = state.index.paragraphs
    block_start = paragraphs[m.paragraph][0] if m.paragraph < len(paragraphs) else 0
    text = state.text
    return m.text.isupper() and not text[block_start:m.start].strip() and bool(re.match(r"\s*[:\u2014\u2013-]", text[m.end:m.end + 3]))


def _labels_elsewhere(m: Mention, state: ArticleState) -> bool:
    """The same upper-case label opens another paragraph too: a transcript's turn."""
    text = state.text
    return any(k != m.paragraph and text.startswith(m.text, b_start) and re.match(r"\s*:", text[b_start + len(m.text) : b_start + len(m.text) + 2])
               for k, (b_start, _) in enumerate(state.index.paragraphs))


def dateline(m: Mention, state: ArticleState) -> _Stop | None:
    """`GENEVA:` opening the story is a dateline, never a speaker; a label that opens other
    paragraphs too (`LAVROV:` turn after turn) or opens a later paragraph is a transcript's turn."""
    opening = 1 if state.index.headline else 0
    if _opening_label(m, state) and m.paragraph <= opening and not _labels_elsewhere(m, state):
        return STOP
    return None


def transcript_turn(m: Mention, state: ArticleState) -> Resolved | _Stop | None:
    """`LAVROV: We have agreed on nothing yet.`: a transcript's upper-case label is the person of
    that surname in the article, or a person named by the label; an interview's `Q:` and `A:`
    (or an acronym, `UN:`) name nobody."""
    if not _opening_label(m, state) or not state.text[m.end : m.end + 2].lstrip().startswith(":"):
        return None
    if len(m.text) <= 2:
        return STOP
    words = [w.lower() for w in m.text.split()]
    fuller = _person_by_surname(words[-1:], m.position, "unknown", state)
    if fuller is not None:
        return _named_person(_person_name(fuller), m, state)
    if len(words) > 3 or not all(w.isalpha() for w in words):
        return None
    return Resolved(" ".join(w.capitalize() for w in words), "person", None, m.position, m.paragraph)


def unparsed(m: Mention, state: ArticleState) -> _Stop | None:
    """Offsets that cover no token leave nothing to read."""
    return STOP if m.tokens is None else None


# ---------------------------------------------------------------------------- names


def apposition_name(m: Mention, state: ArticleState) -> Resolved | None:
    """`A lawyer for the news outlets, David Schulz, said`: the name in apposition is the
    speaker, the description its role (also `Speaker of the House Newt Gingrich`, which the
    parser reads as a title with the name in apposition)."""
    head = m.phrase.head
    if (head.pos_ == "NOUN" or head.pos_ == "PROPN") and (m.entity is None or _an_office(m.entity)):
        # not a name inside the quote the parser ran into the mention (`Reid: 'Never
        # underestimate Trump.'` in a headline)
        for a in (c for c in _appositions(head) if not state.index.inside_marks(c)):
            named = entity_at(state.entities, a.idx, a.idx + len(a))
            if named is not None and looks_like_person(named):
                name = _person_name(named)
            elif _unlisted_name(a) and names_a_person(head.lemma_):
                # `the Labour MP for Bristol West, Thangam Debbonaire,`: a name NER does not
                # know, set beside a word for a person
                name = a.doc[a.left_edge.i : a.i + 1].text
            else:
                continue
            # `Poll: Hillary Clinton ...` in a headline: a label is no role
            labelled = any(t.text == ":" for t in head.doc[head.i + 1 : a.left_edge.i])
            role = state.roles.get(name) or (None if labelled else clean_role(m.phrase.text.split(",")[0]))
            return Resolved(name, "person", role, m.position, m.paragraph, state.prior_gender(name))
    return None


def _an_office(entity) -> bool:
    """`Taoiseach`, `Tánaiste`: an office the tagger calls an organisation."""
    return entity.label == "ORG" and entity.name.lower() in OFFICE_NOUNS


def _appositions(head) -> list:
    """The appositions of `head`, then one the parser hung on the last noun of a phrase after
    it (`the Labour MP for Bristol West, Thangam Debbonaire`) when `head` names a person and
    the apposition ends the mention."""
    own = [c for c in head.children if c.dep_ == "appos"]
    if not names_a_person(head.lemma_):
        return own
    last = max(t.i for t in head.subtree if not t.is_punct)
    return own + [t for t in head.subtree if t.dep_ == "appos" and t.head is not head and t.right_edge.i == last]


def _unlisted_name(a) -> bool:
    """Two to four capitalised proper nouns ending on `a`, and nothing else before it, that no
    entity of a body covers (`Anneliese Dodds`, whose first name the tagger calls a nationality)."""
    words = list(a.doc[a.left_edge.i : a.i + 1])
    return 2 <= len(words) <= 4 and all(w.pos_ == "PROPN" and w.is_title and w.ent_type_ not in ("ORG", "GPE", "FAC", "LOC")
                                        for w in words)


def person_entity(m: Mention, state: ArticleState) -> Resolved | None:
    """A person's name; a surname alone joins the article's full name (`Trump` → `Donald Trump`)."""
    entity = m.entity
    if entity is None or not looks_like_person(entity):
        return None
    name = _person_name(entity)
    if len(_name_words(name)) == 1:  # a surname alone joins the full name, and so does a first name
        fuller = _person_by_surname(_name_words(name), m.position, m.title_gender, state)
        if fuller is None and not m.title:
            fuller = _person_by_first_word(name, state)
        name = _person_name(fuller) if fuller is not None else (_full_name_in_text(state.text, name) or name)
    return _named_person(name, m, state)


def first_name(m: Mention, state: ArticleState) -> Resolved | None:
    """`Melania` alone: the one person of the article with that first name."""
    entity = m.entity
    if entity is not None and len(entity.name.split()) == 1 and m.phrase.head.pos_ == "PROPN":
        by_first = _person_by_first_name(entity.name, state)
        if by_first is not None:
            return _named_person(_person_name(by_first), m, state)
    return None


def body_entity(m: Mention, state: ArticleState) -> Resolved | None:
    """A named organisation, place or facility speaking as itself (`the ministry`, `Turkey`),
    or an unnamed person of it marked as such (`sources close to the Kremlin`)."""
    entity, phrase = m.entity, m.phrase
    if (entity is not None and entity.label == "ORG" and len(entity.name.split()) == 1 and not entity.name.isupper()
            and entity.name.lower() not in CREDIT_NAMES and entity.name.lower() not in ORGANISATION_NOUNS):
        # `Trump told Newsmax`, `Fiorina said`: a surname the tagger calls an organisation in
        # one sentence is the person the article names in full; an agency's name is not
        fuller = _person_by_surname([entity.name.lower()], m.position, m.title_gender, state)
        if fuller is not None:
            return _named_person(_person_name(fuller), m, state)
    if entity is not None and entity.label == "ORG" and len(entity.name.split()) > 1 and _titled(phrase.head):
        # `BJP spokesperson Sambit Patra`, tagged an organisation: a person's title before it
        span = state.index.entity_of(phrase.head)
        title = state.text[phrase.span.start_char : span.start_char] if span is not None else ""
        return Resolved(entity.name, "person", state.roles.get(entity.name) or clean_role(title), m.position, m.paragraph,
                        state.prior_gender(entity.name))
    if entity is not None and entity.label in ("ORG", "GPE", "FAC") and not _an_office(entity):
        anonymous = _is_anonymous_name(state.doc, phrase.start, phrase.end) and phrase.head.pos_ == "NOUN"
        return Resolved(_leading_name_words(state, phrase) + entity.name, "anonymous" if anonymous else "organisation", None,
                        m.position, m.paragraph)
    return None


def _titled(head) -> bool:
    """A word for a person's office or trade stands in the name's compound before it."""
    return any(t.dep_ == "compound" and t.pos_ == "NOUN" and names_a_person(t.lemma_) for t in head.lefts)


def _leading_name_words(state: ArticleState, phrase) -> str:
    """`Police ` of `Police Scotland`, `NHS ` of `NHS England`: capitalised words of the name the
    tagger left out of the entity, which make it another body than the place it ends with."""
    span = state.index.entity_of(phrase.head)
    if span is None:
        return ""
    doc, i = state.doc, span.start
    # an acronym or a word for a body; any other capitalised word there is more often a first
    # name the tagger left out (`Reince Priebus`)
    while (i > phrase.span.start and doc[i - 1].dep_ == "compound" and span.start <= doc[i - 1].head.i < span.end
           and doc[i - 1].is_alpha and (doc[i - 1].is_upper and len(doc[i - 1]) > 1
                                         or doc[i - 1].is_title and doc[i - 1].lower_ in ORGANISATION_NOUNS)):
        i -= 1
    return doc[i : span.start].text + " " if i < span.start else ""


def nationality_group(m: Mention, state: ArticleState) -> Resolved | None:
    """`Syrians`, `Democrats`: a plural nationality or party is a group."""
    if m.entity is not None and m.entity.label == "NORP" and m.phrase.head.tag_ in ("NNS", "NNPS"):
        return Resolved(clean_mention(_strip_determiner(m.phrase.text)), "group", None, m.position, m.paragraph)
    return None


def capitalised_name(m: Mention, state: ArticleState) -> Resolved | None:
    """A capitalised name NER missed: the one person of that surname, a full name the text
    writes, a titled name; a plural name of a group; outside the headline, a person."""
    head = m.phrase.head
    # the tagger reads a headline's lone name as a common noun (`Trump: '...'`): there it is
    # taken for a name only when it is the surname of a person the article names
    headline_noun = head.pos_ == "NOUN" and m.paragraph == 0 and state.index.headline
    if not ((head.pos_ == "PROPN" or headline_noun) and head.text[:1].isupper() and not head.text.isupper()):
        return None
    fuller = _person_by_surname([head.lower_], m.position, m.title_gender, state)
    if headline_noun:
        return _named_person(_person_name(fuller), m, state) if fuller is not None else None
    if fuller is None and not m.title and len(m.phrase.span) == 1:
        fuller = _person_by_first_word(head.text, state)  # `Kwabena` alone: Kwabena Mensah
    if fuller is not None:
        return _named_person(_person_name(fuller), m, state)
    full = _full_name_in_text(state.text, head.text)
    if full or m.title:
        return Resolved(full or head.text, "person", title_of_name(head), m.position, m.paragraph, m.title_gender)
    # a capitalised name that NER missed, subject of speech: a person more often than not,
    # unless the parser saw an organisation in it; headlines capitalise every word, so
    # there a capital says nothing
    if head.tag_ == "NNPS" and head_type(head) == "group":
        return Resolved(clean_mention(_strip_determiner(m.phrase.text)), "group", None, m.position, m.paragraph)
    # `NHS England`, `BBC Scotland`: a name holding an acronym is a body
    if m.paragraph > 0 and any(t.is_upper and t.is_alpha and len(t) >= 3 and not names_a_person(t.lower_) for t in m.phrase.span[:-1]):
        return Resolved(clean_mention(_strip_determiner(m.phrase.text)), "organisation", None, m.position, m.paragraph)
    if (head.ent_type_ in ("", "PERSON") and m.paragraph > 0 and head.tag_ != "NNPS" and not head_type(head) == "organisation"
            and not any(t.lower_ in ORGANISATION_NOUNS for t in m.phrase.span)):
        return Resolved(clean_mention(m.phrase.text), "person", title_of_name(head), m.position, m.paragraph)
    return None


def acronym_body(m: Mention, state: ArticleState) -> Resolved | None:
    """`NATO`, `ICRC`: an all-capital name NER missed is an organisation."""
    head = m.phrase.head
    # `the Labour MP`: an office written in capitals is a person
    if head.pos_ == "PROPN" and head.text.isupper() and len(head.text) > 1 and head.lower_ not in OFFICE_NOUNS:
        return Resolved(clean_mention(_strip_determiner(m.phrase.text)), "organisation", None, m.position, m.paragraph)
    return None


def issuing_body(m: Mention, state: ArticleState) -> Resolved | None:
    """`a statement from the ministry`, `a report by Human Rights Watch`, `a Pew Research Center
    survey`: a document speaks for whoever issued it, a named body or person or a body's noun."""
    head = m.phrase.head
    if head.lemma_.lower() not in DOCUMENT_NOUNS and head.lower_ not in DOCUMENT_NOUNS:
        return None
    issuer = next((o for p in head.children if p.dep_ == "prep" and p.lower_ in ("from", "by") and p.i > head.i
                   for o in p.children if o.dep_ == "pobj"), None)
    doc = state.doc
    if issuer is None:
        # `Sanders's speech`, `a Pew Research Center survey`, `a CNN/ORC poll`
        issuer = next((c for c in head.lefts if c.dep_ in ("compound", "poss") and c.ent_type_ in ("ORG", "PERSON")), None)
        # `Exit polls found ...`: a capitalised word opening the sentence is more often a common one
        if issuer is None or issuer.is_sent_start and issuer.is_title and len(state.index.entity_of(issuer)) == 1:
            return None
        first = head.i
        while first > m.phrase.span.start and (doc[first - 1].pos_ == "PROPN" or doc[first - 1].text == "/"):
            first -= 1
        if "/" in doc[first : head.i].text:
            # `a Wall Street Journal/NBC News poll`: the bodies that ran it together, whatever
            # entities the tagger cut from their names
            return Resolved(clean_mention(doc[first : head.i].text), "organisation", None, m.position, m.paragraph,
                            document=m.phrase.text)
    entity = entity_at(state.entities, issuer.idx, issuer.idx + len(issuer))
    if entity is not None and looks_like_person(entity):
        return replace(_named_person(_person_name(entity), m, state), document=m.phrase.text)
    if entity is not None and entity.label in ("ORG", "GPE", "FAC"):
        return Resolved(entity.name, "organisation", None, m.position, m.paragraph, document=m.phrase.text)
    if entity is None and head_type(issuer) == "organisation":
        # the body's noun phrase up to its noun: `the organization`, not `... in March`
        name = clean_mention(_strip_determiner(doc[issuer.left_edge.i : issuer.i + 1].text))
        return Resolved(name[:1].upper() + name[1:], "organisation", None, m.position, m.paragraph, document=m.phrase.text)
    return None


# ---------------------------------------------------------------------------- descriptions


def definite_description(m: Mention, state: ArticleState) -> Resolved | None:
    """`the spokesman`, `Turkey's president`, `the ministry`: the earlier source or the named
    holder it describes (`another official` is a new source, left to `head_noun`)."""
    if m.determiner is None and _definite(m.phrase.text):
        found = _resolve_description(m.phrase.text, m.phrase.head, m.position, state)
        if found is not None:
            return Resolved(found.canonical, found.type, found.role, m.position, m.paragraph, found.gender, found.document)
    return None


def head_noun(m: Mention, state: ArticleState) -> Resolved | None:
    """An unnamed source typed by its head noun (`a Turkish security official`, `residents`),
    named by its words; `another official` after `an official` is `Official (2)`."""
    kind = head_type(m.phrase.head)
    if kind == "unknown":
        return None
    canonical = clean_mention(_strip_determiner(m.phrase.text))
    canonical = canonical[:1].upper() + canonical[1:] if canonical[:1].islower() and kind != "anonymous" else canonical
    if m.determiner is not None:
        taken = {h.canonical for h in state.history}
        n = 2
        base = canonical
        while canonical in taken:
            canonical, n = f"{base} ({n})", n + 1
    gender = decide(noun_evidence([m.phrase.text])) if kind == "anonymous" else "unknown"
    return Resolved(canonical, kind, None, m.position, m.paragraph, gender)


SIEVES: tuple[Sieve, ...] = (
    pronoun, first_person, dateline, transcript_turn, unparsed, apposition_name, person_entity, first_name, body_entity,
    nationality_group, capitalised_name, acronym_body, issuing_body, definite_description, head_noun,
)


def sieves_named(names: list[str]) -> tuple[Sieve, ...]:
    """The sieves of `SIEVES` called `names`, in the order given (for a component's config)."""
    known = {s.__name__: s for s in SIEVES}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown sieve {', '.join(map(repr, unknown))}: the sieves are {', '.join(known)}")
    return tuple(known[n] for n in names)


def resolve_mention(quote: Quote, state: ArticleState, sieves: tuple[Sieve, ...] = SIEVES) -> tuple[Resolved | None, str | None]:
    """The source of `quote`'s speaker mention and the name of the sieve that decided.

    A sieve that stops gives no source but its name; when no sieve decides, both are None.
    """
    mention = prepare_mention(quote, state)
    for sieve in sieves:
        decision = sieve(mention, state)
        if decision is STOP:
            return None, sieve.__name__
        if decision is not None:
            return decision, sieve.__name__
    return None, None

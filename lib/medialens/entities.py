"""Entities: spaCy's mentions cleaned, grouped into canonical entities and relabelled.

Raw NER mentions are not fit to count: the small English pipeline tags a surname in a
headline as an organisation, a city as a nationality, reads a title-case headline as one long
name, and splits one person into `Erdogan` and `Recep Tayyip Erdogan`. Here mentions are
cleaned (articles, possessives and trailing figures folded; bylines and photo credits dropped),
grouped within an article (short forms join their full name, acronyms their expansion, the
dateline joins its place) and each group's label is decided by the evidence of all its
mentions. `canonicalize_corpus` then gives the same entity one name across articles when that
is unambiguous.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

import pandas as pd
from spacy.tokens import Doc, Span

from .articles import block_of, block_spans
from .cues import is_cue_lemma
from .pipeline import doc_text
from .gender import _detector
from .source_patterns import HONORIFICS

# Labels counted by default. Numbers, dates, times, money, quantities and ordinals are
# facts about the story, not who or what it is about.
DEFAULT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
ALL_LABELS = DEFAULT_LABELS + ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE")
# Labels whose names never end in a figure: `Trump 47.3 percent`, `Obama’s 2008` are tagging slips.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

# `the town of Saraqeb`, `Idlib province`: nouns that make a name a place.
PLACE_NOUNS = frozenset(
    "town city village province region district capital country state county area territory "
    "neighbourhood neighborhood suburb island port municipality governorate border outskirts".split()
)
# Lower-case words that may stand inside a name's initials: `Committee of the Red Cross`.
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "&"})
# Abbreviations whose final period belongs to the name: `U.S.`, `Donald Trump Jr.`.
_KEEP_PERIOD = re.compile(r"(?:\b[A-Za-z]\.[A-Za-z]\.|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Bros)\.)$")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)

# Wire services and picture agencies: in a credit (`Photo: AFP`, `(Reuters)`, `Getty Images`)
# they say who supplied the text or picture, not what the story is about.
CREDIT_NAMES = frozenset(
    "ap afp reuters getty images getty epa dpa upi xinhua anadolu shutterstock alamy pa "
    "ansa efe kyodo yonhap tass ria novosti sputnik bloomberg instagram twitter facebook "
    "associated press agence france-presse getty/instagram".split()
    + ["associated press", "agence france-presse", "getty images", "press association"]
)
# Paragraphs that credit the people who made the story rather than report it: a byline opens
# the paragraph (`By Jane Doe`, `Reporting by ...`), a contributor line closes it.
BYLINE = re.compile(
    r"^(?:\(?\s*(?i:by|written by|words by)\s+[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){0,3}(?:\s*[,|\u2014-]\s*[A-Z][\w.'\u2019 -]{0,40})?\)?\.?$"
    r"|(?i:\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b)"
    r"|(?i:follow\s+.{1,60}\s+on\s+(?:twitter|facebook|instagram)\b))"
)
CONTRIBUTED = re.compile(r"(?i:\bcontributed (?:reporting|to this (?:report|article|story))\.?\)?$)")
# `Photo: AFP`, `Photograph by Jane Doe`, `Image credit: Getty`: a credit starts the paragraph.
CREDIT_LINE = re.compile(r"^\(?\s*(?:photo(?:graph)?s?|pictures?|images?|credits?|image credit|video)\s*(?:by\b|:|\u2014|-)", re.I)
# A paragraph this short that names a credit is the credit itself (`Getty/Instagram.`).
CREDIT_MAX_WORDS = 8


@dataclass
class Mention:
    """One occurrence of a name in the text."""

    text: str  # cleaned surface form: `UN Human Rights Council`, not `the UN Human Rights Council`
    label: str
    start: int
    end: int
    paragraph: int
    votes: Counter = field(default_factory=Counter)
    expands: str | None = None  # for `Expansion (ACR)`: the expansion this acronym was written after
    title: str | None = None  # a courtesy title written before the name: `mr`, `mrs`, `ms`, ...


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


# Patterns used per mention, compiled once.
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_WORDS = re.compile(r"[\w\-]+")


@lru_cache(maxsize=4096)  # asked twice per mention (credit check, then the mention itself)
def clean_name(text: str) -> str:
    """Fold what is not part of a name: leading articles, possessives, stray punctuation.

    `the UN Human Rights Council` → `UN Human Rights Council`, `Turkey’s` → `Turkey`; the
    period of an abbreviation stays (`U.S.`).
    """
    text = _SPACES.sub(" ", text).strip(" \t\n,;:!?\"'()[]\u201c\u201d\u2018\u2019-\u2014")
    if text.endswith(".") and not _KEEP_PERIOD.search(text):
        text = text.rstrip(".").rstrip()
    text = _LEADING.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


_CREDIT_SEPARATOR = re.compile(r"\s*[/,;|]\s*")  # `Getty/Instagram`, `AP, Reuters`


def is_credit(ent: Span, paragraph: str, credit_line: bool | None = None) -> bool:
    """True for a mention that credits the story or picture rather than takes part in it.

    Bylines (`By Jane Doe`, `Reporting by ...; Editing by ...`, `... contributed reporting`),
    photo credits (`Photo: AFP`, `Getty/Instagram.`) and a wire service in brackets
    (`WASHINGTON (AP) —`, `(Reuters)`). `credit_line` is `is_credit_line(paragraph)` when the
    caller already knows it (a paragraph holds many mentions).
    """
    if is_credit_line(paragraph) if credit_line is None else credit_line:
        return True
    name = clean_name(ent.text).casefold()
    parts = [p for p in _CREDIT_SEPARATOR.split(name) if p]
    if not parts or not all(p in CREDIT_NAMES for p in parts):
        return False
    doc = ent.doc
    bracketed = ent.start > 0 and doc[ent.start - 1].text == "(" and ent.end < len(doc) and doc[ent.end].text == ")"
    if bracketed:
        return True
    # a short paragraph with no verb is a caption credit; `Trump took to Twitter.` is news
    sentence = ent.sent
    return len(paragraph.split()) <= CREDIT_MAX_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in sentence)


def is_credit_line(paragraph: str) -> bool:
    """True for a paragraph that is a byline or a credit line as a whole."""
    para = paragraph.strip()
    return bool(BYLINE.match(para) or CONTRIBUTED.search(para) or CREDIT_LINE.match(para))


def _trim_figures(ent: Span) -> Span:
    """`Trump 47.3 percent` → `Trump`, `Obama’s 2008` → `Obama’s`: a name ends before a figure."""
    if ent.label_ not in NAME_LABELS:
        return ent
    for i, tok in enumerate(ent):
        if i > 0 and (tok.like_num or tok.is_digit or any(c.isdigit() for c in tok.text)):
            return ent.doc[ent.start : ent.start + i]
    return ent


def collect_mentions(doc: Doc, dateline: str | None = None) -> list[Mention]:
    """Cleaned mentions with their label votes; the dateline becomes a place mention.

    Credits and bylines are left out (`is_credit`); a title-case headline mention is cut back to
    the name the body writes (`_trim_headline`); an acronym in brackets right after a name
    (`the Kurdistan Workers' Party (PKK)`) remembers that name as its expansion.
    """
    text = doc_text(doc)
    mentions: list[Mention] = []
    spans = block_spans(text)
    dateline_span = None
    if dateline:
        first_para = text.find("\n\n")
        at = text.find(dateline, first_para if first_para >= 0 else 0)
        if at >= 0:
            dateline_span = (at, at + len(dateline))
            m = Mention(dateline, "GPE", at, at + len(dateline), block_of(spans, at))
            m.votes["GPE"] += 3  # datelines name the place the story was filed from
            mentions.append(m)
    previous: tuple[Span, Mention] | None = None
    credit_lines: dict[int, bool] = {}
    for ent in doc.ents:
        if dateline_span and ent.start_char < dateline_span[1] and dateline_span[0] < ent.end_char:
            continue
        block = block_of(spans, ent.start_char)
        paragraph = text[spans[block][0] : spans[block][1]]
        if block not in credit_lines:
            credit_lines[block] = is_credit_line(paragraph)
        if is_credit(ent, paragraph, credit_lines[block]):
            continue
        span = _trim_figures(ent)
        name = clean_name(span.text)
        if not _LETTER.search(name):
            continue
        m = Mention(name, ent.label_, span.start_char, span.end_char, block)
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        first = name.split()[0].lower().rstrip(".")
        m.title = first if first in HONORIFICS and len(name.split()) > 1 else before if before in HONORIFICS else None
        m.votes[ent.label_] += 1
        for label, weight in context_votes(ent).items():
            m.votes[label] += weight
        if previous is not None and _is_acronym(name) and ent.start >= 1 and doc[ent.start - 1].text == "(" \
                and previous[0].end == ent.start - 1 and ent.end < len(doc) and doc[ent.end].text == ")":
            m.expands = previous[1].text
        mentions.append(m)
        previous = (ent, m)
    return _trim_headline(text, mentions)


def _trim_headline(text: str, mentions: list[Mention]) -> list[Mention]:
    """Cut title-case headline mentions back to a name the body uses.

    In `Obama Says He Will Veto Bill` or `Washington Post Hit Piece Exploits Trump Supporter`
    every word is capitalised, so the tagger runs the name into the words after it. When the
    body never writes the headline mention but does write a name it starts with, and no later
    word is part of a name in the body, the longest such name is the mention.
    """
    body = {m.text for m in mentions if m.paragraph > 0}
    name_words = {w for f in body for w in f.split()}
    out = []
    for m in mentions:
        if m.paragraph == 0 and m.text not in body and len(m.text.split()) > 1:
            words = m.text.split()
            # the name starts the mention and no word after it belongs to a name in the body:
            # `Clinton Hid Past Health`, never `Hillary Rodham Clinton` → `Hillary`
            inside = [f for f in body if f.split() and words[: len(f.split())] == f.split()
                      and not name_words & set(words[len(f.split()):])]
            if inside:
                best = max(inside, key=lambda f: (len(f.split()), len(f)))
                at = text.find(best, m.start, m.end)
                if at >= 0:
                    m = Mention(best, m.label, at, at + len(best), 0, m.votes, m.expands, m.title)
        out.append(m)
    return out


def context_votes(ent: Span) -> Counter:
    """Label evidence from the words around a mention, weighted above NER's own guess.

    `the town of Saraqeb` / `Idlib province` → place; coordinated with a place (`Damascus and
    Aleppo`) → place; `Mr. Lavrov` → person; subject of a speech verb → person or
    organisation (a name that speaks is not a place).
    """
    votes: Counter = Counter()
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        votes["GPE"] += 3
    if any(t.lemma_.lower() in PLACE_NOUNS for t in [head] if root.dep_ == "compound") or (
        ent.end < len(ent.doc) and ent.doc[ent.end].lemma_.lower() in PLACE_NOUNS and root.dep_ == "compound"
    ):
        votes["GPE"] += 3
    partners = [head] if root.dep_ in ("conj", "appos") else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    for p in partners:
        if p.ent_type_ in ("GPE", "LOC") and ent.label_ in ("NORP", "ORG", "PERSON"):
            votes[p.ent_type_] += 3
    if ent.start > 0 and ent.doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS:
        votes["PERSON"] += 3
    if root.dep_ == "nsubj" and is_cue_lemma(head.lemma_):
        # a speaker is a person or an organisation; a country that "said" stays a place
        # (metonymy), so the vote only breaks ties for names the tagger called a place
        votes[ent.label_ if ent.label_ in ("PERSON", "ORG") else "PERSON"] += 1
    return votes


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha()).upper()


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return bool(_ACRONYM.fullmatch(bare))


def _tokens(name: str) -> list[str]:
    return [t for t in _WORDS.findall(name.casefold()) if t not in HONORIFICS]


def name_key(text: str, label: str = "") -> str:
    """The form two mentions of one name share: case, honorifics and middle initials folded.

    `Mr. Trump` → `trump`, `Donald J. Trump` → `donald trump`; a nationality's plural is its
    singular (`Republicans` → `republican`), as a group and its members are one entity.
    """
    if _is_acronym(text):
        return text.replace(".", "").casefold()  # `U.S.` and `US`
    words = _tokens(text)
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    if label == "NORP" and words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words) or text.casefold()


def _relabel(mentions: list[Mention], label: str) -> None:
    """Move the tagger's vote of mentions that joined a name to that name's label."""
    for m in mentions:
        if m.votes[m.label] > 0 and m.label != label:
            m.votes[m.label] -= 1
            m.votes[label] += 1


def group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions that name the same thing, in order of first appearance.

    Same name key (`name_key`); a short name whose words end a longer person's name
    (`Erdogan` in `Recep Tayyip Erdogan`) when exactly one such person exists, or a single
    first name that begins exactly one person's name; an acronym written in brackets after its
    expansion, or matching the initials of exactly one longer name (`ICRC`). A short form whose
    courtesy title contradicts the full name stays apart (`Mr. Obama` is not `Michelle Obama`);
    a short form that joins a person is a person, whatever the tagger said of it.
    """
    groups: dict[str, list[Mention]] = {}
    key_of_text: dict[str, str] = {}
    for m in mentions:
        key = name_key(m.text, m.label)
        groups.setdefault(key, []).append(m)
        key_of_text.setdefault(m.text, key)
    keys = sorted(groups, key=lambda k: -len(k.split()))
    labels = {k: _vote(groups[k]) for k in keys}
    persons = {k for k in keys if labels[k] == "PERSON"}
    key_words = {k: k.split() for k in keys}
    merged: dict[str, str] = {}
    for key in keys:
        words = key.split()
        ms = groups[key]
        label = labels[key]
        target = None
        # a place the context vouches for (`the town of X`, a dateline) is not a surname
        place_evidence = sum(m.votes["GPE"] + m.votes["LOC"] for m in ms) > len(ms)
        is_acronym = _is_acronym(ms[0].text)  # `U.N.` is not the end of `Kim Jong Un`
        if label in ("PERSON", "ORG", "GPE", "NORP") and len(words) <= 2 and not place_evidence and not is_acronym:
            longer = sorted({merged.get(k, k) for k in persons if len(key_words[k]) > len(words) and key_words[k][-len(words):] == words})
            # a first name is only taken for one when the tagger saw a person or its usual slip,
            # an organisation (`Charlotte` the city does not begin `Charlotte Mayor Jennifer Roberts`)
            if not longer and len(words) == 1 and label in ("PERSON", "ORG"):
                longer = sorted({merged.get(k, k) for k in persons if len(key_words[k]) > 1 and key_words[k][0] == words[0]})
            if len(longer) == 1 and not _genders_clash(ms, groups[longer[0]]):
                target = longer[0]
                _relabel(ms, "PERSON")
        if target is None and is_acronym:
            explicit = {key_of_text[m.expands] for m in ms if m.expands in key_of_text}
            if len(explicit) == 1:
                target = merged.get(next(iter(explicit)), next(iter(explicit)))
            else:
                acronym = ms[0].text.replace(".", "").upper()
                expansions = sorted({merged.get(k, k) for k in keys if len(key_words[k]) > 1 and _initials(groups[k][0].text) == acronym})
                if len(expansions) == 1:
                    target = expansions[0]
            if target is not None and target != key:
                _relabel(ms, _vote(groups[target]))
        if target is not None and target != key:
            merged[key] = target
    out: dict[str, list[Mention]] = {}
    for key, ms in groups.items():
        out.setdefault(merged.get(key, key), []).extend(ms)
    return sorted((sorted(ms, key=lambda m: m.start) for ms in out.values()), key=lambda ms: ms[0].start)


def _genders_clash(short: list[Mention], full: list[Mention]) -> bool:
    """True when a short form's courtesy title contradicts the full name it would join.

    `Mr. Obama` is not `Michelle Obama`: in a story that names the first lady in full and the
    president only as `President Obama`/`Mr. Obama`, the surname must stay apart. The full
    name's gender comes from its own titles, else its first name in gender-guesser's list.
    """
    said = {GENDERED_TITLES[m.title] for m in short if m.title in GENDERED_TITLES}
    if len(said) != 1:
        return False
    known = {GENDERED_TITLES[m.title] for m in full if m.title in GENDERED_TITLES}
    if not known:
        names = [m.text for m in full if len(_strip_honorifics(m.text).split()) > 1]
        known = {g for g in (_first_name_gender(n) for n in names[:1]) if g}
    return bool(known) and known != said


# Courtesy titles that say how a person is addressed (`Dr.`, `Sen.` say nothing of gender).
GENDERED_TITLES = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male", "dame": "female"}


def _first_name_gender(name: str) -> str | None:
    """`male`/`female` when gender-guesser's name list is sure of the first name, else None.

    Sure means the same answer overall and for the US and Britain: `Laurence` is a woman's name
    in France and a man's in English, so it says nothing here.
    """
    guesser = _detector()  # the one name list of the process, loaded on first use
    given = _strip_honorifics(name).split()[0].strip(".,")
    answers = {guesser.get_gender(given, country) for country in (None, "usa", "great_britain")}
    return answers.pop() if len(answers) == 1 and answers <= {"male", "female"} else None



def _vote(mentions: list[Mention]) -> str:
    total: dict[str, int] = {}
    for m in mentions:
        for label, weight in m.votes.items():
            total[label] = total.get(label, 0) + weight
    longest = max(mentions, key=lambda m: len(m.text)).label
    return max(total, key=lambda label: (total[label], label == longest))


def _strip_honorifics(form: str) -> str:
    words = form.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def canonical_name(mentions: list[Mention], label: str) -> str:
    """The name an entity is listed under.

    A person is named by the first full (several-word) name the body gives, as newswire
    introduces a person in full before shortening (`Recep Tayyip Erdogan`, then `Erdogan`);
    honorifics are dropped. Anything else by its fullest written form: most words, then most
    frequent; not all-caps if avoidable (a dateline `GENEVA` becomes `Geneva`); a nationality
    in the singular.
    """
    if label == "PERSON":
        full = [_strip_honorifics(m.text) for m in sorted(mentions, key=lambda m: (m.paragraph == 0, m.start))]
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
            return (not form.isupper(), len(_tokens(form)), -len(form), forms[form])
        return (not _is_acronym(form), not form.isupper(), len(_tokens(form)), forms[form], -len(form))
    best = max(forms, key=rank)
    if best.isupper() and label in ("GPE", "LOC") and len(best) > 4:
        best = best.title()  # a dateline (`GENEVA`) is the only mention
    if label == "PERSON":
        best = _strip_honorifics(best)
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


# --- Across a corpus -------------------------------------------------------------------------

ALIAS_SEPARATOR = "; "  # as in the entities table (tables.ALIAS_SEPARATOR)


def _aliases(value) -> list[str]:
    return [a for a in str(value).split(ALIAS_SEPARATOR) if a] if isinstance(value, str) else []


def _majority(weights: dict[str, int]) -> str:
    """The label with most mentions; a tie goes to the label listed first in DEFAULT_LABELS."""
    order = {label: n for n, label in enumerate(ALL_LABELS)}
    return min(weights, key=lambda k: (-weights[k], order.get(k, len(order)), k))


def canonicalize_corpus(entities: pd.DataFrame) -> pd.DataFrame:
    """The entities table with one name and one label per entity across the corpus.

    Takes and returns the per-article entities table (`article_id, entity, label, mentions,
    first_paragraph, in_headline, aliases`). Rows whose names share a `name_key` are one entity
    (`Donald J. Trump`, `Donald Trump`, `HIllary Clinton`, `Republicans`/`Republican`). A bare
    name an article never wrote in full joins a full name only when that is unambiguous in the
    corpus: a surname (or first name) names exactly one person's full name, and the article
    has no other person of that name; a name the tagger called an organisation joins a person
    only when the same bare name is a person elsewhere (`Trump`, not `Ford` the carmaker). An
    acronym joins the one expansion it stands beside in some article (`U.S.` → `United
    States`); initials alone are not enough across articles (`NBC` the network is not the
    `National Baptist Convention` of another story). Each entity then takes its
    most widely used name and the label most of its mentions carry; rows of one article that
    became one entity are added up. Applying it twice changes nothing.
    """
    return apply_corpus_names(entities, corpus_names(lambda: [entities]))


@dataclass
class CorpusNames:
    """What `canonicalize_corpus` learns from the whole corpus, for `apply_corpus_names`.

    Everything here grows with the number of distinct names, not of articles, so a corpus of
    any size is canonicalised batch by batch (see `corpus_names`).
    """

    person_keys: set[str]  # multi-word names that are persons in most of their mentions
    by_last: dict[str, set[str]]
    by_first: dict[str, set[str]]
    bare_persons: set[str]  # one-word names tagged as persons somewhere
    attested: dict[str, set[str]]  # acronym -> multi-word names it was written beside
    labels: dict[str, str] = field(default_factory=dict)  # entity key -> label
    names: dict[str, str] = field(default_factory=dict)  # entity key -> name


def corpus_names(batches: Callable[[], Iterable[pd.DataFrame]]) -> CorpusNames:
    """Learn the corpus-wide names from an entities table given in batches.

    `batches()` yields the table's rows in consecutive DataFrames, never splitting one
    article's rows over two of them; it is called twice (the second pass needs what the first
    learnt of full names).
    """
    multi_weights: dict[tuple[str, str], int] = {}
    bare_persons: set[str] = set()
    attested: dict[str, set[str]] = {}
    for df in batches():
        if df.empty:
            continue
        keys, multi, weight = _keys(df)
        for key, label, w in zip(keys[multi], df.loc[multi, "label"], weight[multi]):
            multi_weights[(key, label)] = multi_weights.get((key, label), 0) + int(w)
        bare_persons.update(keys[~multi & (df["label"] == "PERSON")])
        for letters, expansions in _acronym_index(keys[multi], df.loc[multi, "aliases"]).items():
            attested.setdefault(letters, set()).update(expansions)
    label_weights: dict[str, dict[str, int]] = {}
    for (key, label), w in multi_weights.items():
        label_weights.setdefault(key, {})[label] = w
    person_keys = {k for k, weights in label_weights.items() if _majority(weights) == "PERSON"}
    by_last, by_first = _index_words(person_keys)
    names = CorpusNames(person_keys, by_last, by_first, bare_persons, attested)

    votes: dict[str, dict[str, int]] = {}
    usage: dict[str, dict[str, list[int]]] = {}  # key -> entity -> [articles, mentions]
    for df in batches():
        if df.empty:
            continue
        keys, multi, weight = _keys(df)
        target = _targets(df, keys, multi, names)
        final = pd.Series([target.get(i, k) for i, k in zip(df.index, keys)], index=df.index)
        for key, label, w in zip(final, df["label"], weight):
            votes.setdefault(key, {})
            votes[key][label] = votes[key].get(label, 0) + int(w)
        # the name an entity is listed under comes from the rows that wrote it, not from bare
        # names that joined it: the most widely used, written in full and not in capitals
        own = ~df.index.isin(list(target))
        used = df[own].assign(_key=final[own]).groupby(["_key", "entity"]).agg(
            articles=("article_id", "nunique"), mentions=("mentions", "sum"))
        for (key, entity), articles, mentions in zip(used.index, used["articles"], used["mentions"]):
            count = usage.setdefault(key, {}).setdefault(entity, [0, 0])
            count[0] += int(articles)
            count[1] += int(mentions)
    names.labels = {k: _majority(weights) for k, weights in votes.items()}
    names.names = {k: max(forms, key=lambda e: _name_rank(e, k, forms[e])) for k, forms in usage.items()}
    return names


def apply_corpus_names(entities: pd.DataFrame, names: CorpusNames) -> pd.DataFrame:
    """An entities table (or a batch of whole articles of one) with the corpus-wide names and
    labels of `names`; rows of one article that became one entity are added up."""
    if entities.empty:
        return entities.copy()
    df = entities.reset_index(drop=True).copy()
    keys, multi, _ = _keys(df)
    target = _targets(df, keys, multi, names)
    df["_key"] = [target.get(i, k) for i, k in zip(df.index, keys)]
    df["_name"] = df["_key"].map(names.names).fillna(df["entity"])
    df["label"] = df["_key"].map(names.labels)
    df["_forms"] = [[str(n), *_aliases(a)] for n, a in zip(df["entity"], df["aliases"])]
    grouped = df.groupby(["article_id", "_key"], sort=False)
    out = grouped.agg(entity=("_name", "first"), label=("label", "first"), mentions=("mentions", "sum"),
                      first_paragraph=("first_paragraph", "min"), in_headline=("in_headline", "any"),
                      _forms=("_forms", "sum")).reset_index()
    out["aliases"] = [ALIAS_SEPARATOR.join(_other_forms(name, forms)) for name, forms in zip(out["entity"], out["_forms"])]
    extra = [c for c in entities.columns if c not in out.columns]
    if extra:
        out = out.join(grouped[extra].first().reset_index(drop=True))
    out = out[list(entities.columns)]
    return out.astype({c: entities[c].dtype for c in entities.columns}).reset_index(drop=True)


def _keys(df: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Per row: the name key, whether it is a multi-word name (not an acronym), its mentions."""
    keys = pd.Series([name_key(n, lab) for n, lab in zip(df["entity"], df["label"])], index=df.index, dtype=object)
    multi = keys.str.contains(" ") & ~df["entity"].astype(str).map(_is_acronym)
    weight = pd.to_numeric(df["mentions"]).fillna(0).astype(int)
    return keys, multi.astype(bool), weight


def _targets(df: pd.DataFrame, keys: pd.Series, multi: pd.Series, names: CorpusNames) -> dict[int, str]:
    """Rows whose bare name or acronym joins a full name: row index -> the full name's key."""
    own_persons: dict[str, set[str]] = {}
    for article, key in zip(df.loc[multi, "article_id"], keys[multi]):
        if key in names.person_keys:
            own_persons.setdefault(article, set()).add(key)
    target: dict[int, str] = {}
    for i, key, label, name, article in zip(df.index, keys, df["label"], df["entity"].astype(str), df["article_id"]):
        if multi[i]:
            continue
        found = None
        if _is_acronym(name):
            letters = name.replace(".", "").upper()
            candidates = names.attested.get(letters, set())
            found = next(iter(candidates)) if len(candidates) == 1 else None
        elif label == "PERSON" or (label == "ORG" and key in names.bare_persons):
            candidates = names.by_last.get(key) or names.by_first.get(key, set())
            mine = own_persons.get(article, set())
            # an article with its own person of that name left the bare name apart on purpose
            if len(candidates) == 1 and not (names.by_last.get(key, set()) | names.by_first.get(key, set())) & mine:
                found = next(iter(candidates))
        if found:
            target[i] = found
    return target


def _name_rank(entity: str, key: str, usage: list[int]) -> tuple:
    """How well a written form names its entity: not in capitals, in full, plain (no title
    or initial), in most articles, most mentioned; the form itself breaks ties."""
    return (not entity.isupper(), " " in entity, entity.casefold() == key, usage[0], usage[1], entity)


def _other_forms(name: str, forms: list[str]) -> list[str]:
    """Distinct written forms other than the name itself (case folded), in order."""
    seen, out = {name.casefold()}, []
    for form in forms:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            out.append(form)
    return out


def _index_words(keys: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Full names by their last word (surname) and by their first word (first name)."""
    by_last: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    for k in keys:
        words = k.split()
        by_last.setdefault(words[-1], set()).add(k)
        by_first.setdefault(words[0], set()).add(k)
    return by_last, by_first


def _acronym_index(keys: Iterable[str], aliases_of: Iterable[str]) -> dict[str, set[str]]:
    """Multi-word names (their keys) by the acronyms written beside them (their aliases)."""
    attested: dict[str, set[str]] = {}
    for key, aliases in zip(keys, aliases_of):
        for a in _aliases(aliases):
            if _is_acronym(a):
                attested.setdefault(a.replace(".", "").upper(), set()).add(key)
    return attested

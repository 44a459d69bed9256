"""Entities: spaCy's mentions cleaned, grouped into canonical entities and relabelled.

Raw NER mentions are not fit to count: the small English pipeline tags a surname in a
headline as an organisation, a city as a nationality, and splits one person into `Erdogan`
and `Recep Tayyip Erdogan`. Here mentions are grouped within an article (short forms join
their full name, acronyms their expansion, `the`/possessives folded, the dateline joins its
place) and each group's label is decided by the evidence of all its mentions.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .articles import block_of, block_spans
from .cues import is_cue_lemma
from .source_patterns import HONORIFICS

# Labels counted by default. Numbers, dates, times, money, quantities and ordinals are
# facts about the story, not who or what it is about.
DEFAULT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
ALL_LABELS = DEFAULT_LABELS + ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LANGUAGE")

# `the town of Saraqeb`, `Idlib province`: nouns that make a name a place.
PLACE_NOUNS = frozenset(
    "town city village province region district capital country state county area territory "
    "neighbourhood neighborhood suburb island port municipality governorate border outskirts".split()
)
# Lower-case words that may stand inside a name's initials: `Committee of the Red Cross`.
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "&"})
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass
class Mention:
    """One occurrence of a name in the text."""

    text: str  # cleaned surface form: `UN Human Rights Council`, not `the UN Human Rights Council`
    label: str
    start: int
    end: int
    paragraph: int
    votes: Counter = field(default_factory=Counter)


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


def clean_name(text: str) -> str:
    """Fold what is not part of a name: leading articles, possessives, stray punctuation."""
    text = re.sub(r"\s+", " ", text).strip(" \t\n,;:.!?\"'()[]\u201c\u201d\u2018\u2019-\u2014")
    text = _LEADING.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def collect_mentions(doc: Doc, dateline: str | None = None) -> list[Mention]:
    """Cleaned mentions with their label votes; the dateline becomes a place mention."""
    mentions: list[Mention] = []
    spans = block_spans(doc.text)
    dateline_span = None
    if dateline:
        first_para = doc.text.find("\n\n")
        at = doc.text.find(dateline, first_para if first_para >= 0 else 0)
        if at >= 0:
            dateline_span = (at, at + len(dateline))
            m = Mention(dateline, "GPE", at, at + len(dateline), block_of(spans, at))
            m.votes["GPE"] += 3  # datelines name the place the story was filed from
            mentions.append(m)
    for ent in doc.ents:
        if dateline_span and ent.start_char < dateline_span[1] and dateline_span[0] < ent.end_char:
            continue
        name = clean_name(ent.text)
        if not re.search(r"[^\W\d_]", name):
            continue
        m = Mention(name, ent.label_, ent.start_char, ent.end_char, block_of(spans, ent.start_char))
        m.votes[ent.label_] += 1
        for label, weight in context_votes(ent).items():
            m.votes[label] += weight
        mentions.append(m)
    return mentions


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
    if root.dep_ == "nsubj" and is_cue_lemma(head.lemma_) and ent.label_ in ("PERSON", "ORG"):
        votes[ent.label_] += 1
    return votes


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha()).upper()


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z&.]{1,7}", name.replace(".", ""))) and name.replace(".", "").isupper()


def _tokens(name: str) -> list[str]:
    return [t for t in re.findall(r"[\w\-]+", name.casefold()) if t not in HONORIFICS]


def group_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions that name the same thing, in order of first appearance.

    Same text (case and articles folded); a short name whose words end a longer person's
    name (`Erdogan` in `Recep Tayyip Erdogan`) when exactly one such person exists; an
    acronym matching the initials of a longer name (`ICRC`).
    """
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        key = " ".join(_tokens(m.text)) or m.text.casefold()
        groups.setdefault(key, []).append(m)
    keys = sorted(groups, key=lambda k: -len(k.split()))
    merged: dict[str, str] = {}
    for key in keys:
        words = key.split()
        label = _vote(groups[key])
        target = None
        # a shorter name joins the one longer person name it ends (or begins, for first names)
        if label in ("PERSON", "ORG", "GPE", "NORP") and len(words) <= 2:
            longer = [k for k in keys if len(k.split()) > len(words) and _vote(groups[k]) == "PERSON"
                      and (k.split()[-len(words):] == words)]
            longer = sorted({merged.get(k, k) for k in longer})
            if len(longer) == 1:
                target = longer[0]
        if target is None and _is_acronym(groups[key][0].text):
            expansions = sorted({merged.get(k, k) for k in keys if len(k.split()) > 1
                                 and _initials(groups[k][0].text) == groups[key][0].text.replace(".", "").upper()})
            if len(expansions) == 1:
                target = expansions[0]
        if target is not None:
            merged[key] = target
    out: dict[str, list[Mention]] = {}
    for key, ms in groups.items():
        out.setdefault(merged.get(key, key), []).extend(ms)
    return sorted((sorted(ms, key=lambda m: m.start) for ms in out.values()), key=lambda ms: ms[0].start)


def _vote(mentions: list[Mention]) -> str:
    total: Counter = Counter()
    for m in mentions:
        total.update(m.votes)
    longest = max(mentions, key=lambda m: len(m.text)).label
    return max(total, key=lambda label: (total[label], label == longest))


def canonical_name(mentions: list[Mention], label: str) -> str:
    """The fullest written form: most words, then most frequent; not all-caps if avoidable."""
    forms = Counter(m.text for m in mentions)
    def rank(form: str) -> tuple:
        return (not _is_acronym(form), not form.isupper(), len(_tokens(form)), forms[form], -len(form))
    best = max(forms, key=rank)
    if best.isupper() and label in ("GPE", "LOC") and len(best) > 4:
        best = best.title()  # a dateline (`GENEVA`) is the only mention
    if label == "PERSON":
        words = best.split()
        while words and words[0].lower().rstrip(".") in HONORIFICS:
            words = words[1:]
        best = " ".join(words) or best
    return best


def group_entities(doc: Doc, dateline: str | None = None, labels: tuple[str, ...] | None = DEFAULT_LABELS) -> list[Entity]:
    """Canonical entities of one parsed article, most mentioned first.

    `labels` keeps only entities whose decided label is listed (None keeps all).
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

"""What resolution knows about one article while it reads the quotes in order: the sources
established so far, the named subjects a pronoun can go back to, each person's role, owner and
the gender name, titles and role lean to."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..articles import block_of
from ..entities import Entity
from ..gender import GENDERED_TITLES, Evidence, leaning, name_evidence, noun_evidence, title_evidence
from .nouns import _person_name, _titles_before, looks_like_person


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

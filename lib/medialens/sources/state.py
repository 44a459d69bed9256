"""What resolution knows about one article while it reads the quotes in order: the sources
established so far, the named subjects a pronoun can go back to, each person's role, owner and
the gender name, titles and role lean to."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..entities import Entity
from ..index import ArticleIndex
from ..gender import GENDERED_TITLES, Evidence, leaning, name_evidence, noun_evidence, title_evidence
from ..quotes import Quote
from .nouns import _person_name, _titles_before, looks_like_person
from .roles import person_owners, person_roles


@dataclass
class Resolved:
    """A canonical source as established at one mention in the article."""

    canonical: str
    type: str
    role: str | None
    position: int  # character offset of the mention
    paragraph: int = -1
    gender: str = "unknown"  # what name, title and role say, before any pronoun is read
    # the document a body spoke through (`a Quinnipiac University poll`), so that `the poll`
    # later finds the body
    document: str = ""


@dataclass
class ArticleState:
    """What resolution knows about one article while it reads the quotes in order."""

    index: ArticleIndex
    entities: list[Entity]
    people: list[Entity]
    roles: dict[str, str]
    owners: dict[str, str]
    priors: dict[str, list[Evidence]]
    history: list[Resolved] = field(default_factory=list)
    subjects: list[Resolved] = field(default_factory=list)

    @classmethod
    def read(cls, ix: ArticleIndex, quotes: list[Quote], entities: list[Entity]) -> "ArticleState":
        """The state before the first quote: people, their roles, owners and gender priors, and
        the named subjects outside reported content."""
        doc = ix.doc
        people = [e for e in entities if looks_like_person(e)]
        roles = person_roles(doc, entities)
        state = cls(ix, entities, people, roles, person_owners(doc, entities, ix.text), _priors(doc, people, roles))
        # a name inside what somebody is reported to have said is talked about, not talking:
        # in `Earnest said that Obama has long called for ... He said`, `He` is Earnest
        reported = [(_reported_from(q), q.end) for q in quotes]
        state.subjects = [r for r in _subject_mentions(state) if not any(s <= r.position < e for s, e in reported)]
        return state

    @property
    def doc(self) -> Doc:
        return self.index.doc

    @property
    def text(self) -> str:
        return self.index.text

    def paragraph(self, offset: int) -> int:
        return self.index.paragraph_of(offset)

    def prior_gender(self, name: str) -> str:
        """The gender name, titles and role lean to: what a pronoun must agree with."""
        return leaning(self.priors.get(name, []))


def _reported_from(q: Quote) -> int:
    """Where the reported content of `q` begins, for finding antecedents. In `Ban Ki-moon
    condemned what he called a "brazen breach"`, a quote reaching back over its own speaker
    holds the antecedent before that speaker; in `Clinton is expected to implore Sanders ...`,
    reported speech with no speaker opens with the subject its content is said of, the
    sentence's subject, before its cue. Neither is what somebody is reported to have said."""
    if q.speaker_start is not None and q.speaker_end is not None and q.start <= q.speaker_start < q.end:
        return q.speaker_end
    if q.kind == "indirect" and q.speaker is None and q.cue_start is not None and q.start <= q.cue_start < q.end:
        return q.cue_start
    return q.start


def _priors(doc: Doc, people: list[Entity], roles: dict[str, str]) -> dict[str, list[Evidence]]:
    """Gender evidence of each named person before any pronoun is read: name, titles, role."""
    out: dict[str, list[Evidence]] = {}
    for e in people:
        name = _person_name(e)
        # a title before a mention, or one the tagger took into it (`Mrs May`), which the
        # mention keeps and the entity's name does not
        titles = [t for m in e.mentions for t in _titles_before(doc, m.start) or [m.title or ""]]
        titles += [w for w in e.name.split()[:1] if w.lower().rstrip(".") in GENDERED_TITLES]
        evidence = name_evidence(name) + title_evidence(titles) + noun_evidence([roles.get(name, "")])
        out.setdefault(name, []).extend(evidence)
    return out


def _subject_mentions(art: ArticleState) -> list[Resolved]:
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

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

`resolve_speakers` is the whole pass. The rest of the package, in the order a quote meets it:
`state` (what is known of the article), `mention` (the speaker mention prepared), `sieves` (the
ordered steps that decide its source, each recorded on the quote as `speaker_rule`),
`antecedents` (the earlier source a pronoun, surname or description points back to), `nouns`
(types and names), `roles`, `affiliation` and `describe` (one row per person, one description
per source). The spaCy component is in `components.py`.
"""
from __future__ import annotations

from collections import defaultdict

from ..entities import Entity, group_entities
from ..index import ArticleIndex
from ..lexicon.people import PERSON_PRONOUNS
from ..quotes import Quote
from .affiliation import affiliation_of
from .describe import _describe_sources, _merge_people
from .nouns import INDIVIDUAL_TYPES, SOURCE_TYPES, clean_mention, head_type, is_person_noun, looks_like_person
from .roles import clean_role, person_owners, person_roles
from .sieves import SIEVES, STOP, Sieve, resolve_mention, sieves_named
from .state import ArticleState, Resolved

__all__ = [
    "INDIVIDUAL_TYPES",
    "SOURCE_TYPES",
    "Resolved",
    "SIEVES",
    "STOP",
    "affiliation_of",
    "clean_mention",
    "clean_role",
    "head_type",
    "is_person_noun",
    "looks_like_person",
    "person_owners",
    "person_roles",
    "resolve_speakers",
    "sieves_named",
]


def resolve_speakers(ix: ArticleIndex, quotes: list[Quote], entities: list[Entity] | None = None,
                     sieves: tuple[Sieve, ...] = SIEVES) -> list[Quote]:
    """Fill each quote's `speaker_canonical`, `speaker_type` and `speaker_role`, in place.

    Also sets `speaker_affiliation` and `speaker_gender` (gender for individuals only; None for
    organisations and groups), and `speaker_rule`: the sieve that decided (see `sieves.py`),
    or `carried`. Walks the quotes in text order, so
    a pronoun or a description resolves to the source most recently established; a quote
    carried over from the previous one shares its source. Quotes a model proposed
    (`decided_by` = `model`) are resolved the same way but establish no source, so they never
    change whom a rule quote is resolved to. Unresolvable speakers stay
    `unknown`. Every quote of one source gets the same role, affiliation and gender.
    `sieves` are tried in their order on each mention. Returns the quotes.
    """
    if entities is None:
        entities = group_entities(ix.doc, labels=None)
    state = ArticleState.read(ix, [q for q in quotes if q.decided_by == "rule"], entities)
    pronouns: dict[str, list[str]] = defaultdict(list)
    descriptions: dict[str, list[str]] = defaultdict(list)
    previous: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        if q.carried and previous is not None:
            q.speaker_canonical, q.speaker_type, q.speaker_role = previous.speaker_canonical, previous.speaker_type, previous.speaker_role
            q.speaker_rule = "carried"
            previous = q
            continue
        resolved, rule = resolve_mention(q, state, sieves) if q.speaker and q.speaker_start is not None else (None, None)
        if rule is not None:
            q.speaker_rule = rule
        if resolved is not None:
            _take_source(q, resolved, state, pronouns, descriptions)
        if q.decided_by == "rule" and q.speaker is not None:
            # as `quotes._carry_speakers` does, a quote naming nobody is passed over
            previous = q
    _merge_people(quotes, state.people)
    _describe_sources(quotes, state, pronouns, descriptions)
    return quotes


def _take_source(q: Quote, resolved: Resolved, state: ArticleState, pronouns: dict[str, list[str]],
                 descriptions: dict[str, list[str]]) -> None:
    """Give `q` its resolved source and tidy its role; a rule quote also adds the source to the
    article's history."""
    q.speaker_canonical, q.speaker_type = resolved.canonical, resolved.type
    q.raw_role = q.speaker_role
    q.speaker_role = clean_role(q.speaker_role)
    if q.speaker_role and q.speaker_role in resolved.canonical or not q.speaker_role and q.speaker_rule in ("apposition_name", "body_entity", "capitalised_name"):
        # the "role" in apposition was the name itself, or the description the name stands
        # beside is the role (`the Labour MP for Bristol West, Thangam Debbonaire`), or the
        # title before a name the tagger took for a body's (`BJP spokesperson Sambit Patra`) or
        # missed (`Det Ch Insp Claire Smith`)
        q.speaker_role = resolved.role
    if q.decided_by != "rule":
        return
    mention = clean_mention(q.speaker or "").lower()
    if mention in PERSON_PRONOUNS:
        pronouns[resolved.canonical].append(mention)
    descriptions[resolved.canonical].append(q.speaker or "")
    state.history.append(Resolved(resolved.canonical, resolved.type, q.speaker_role or resolved.role,
                                  q.speaker_start if q.speaker_start is not None else q.start,
                                  state.paragraph(q.speaker_start or q.start), resolved.gender, resolved.document))


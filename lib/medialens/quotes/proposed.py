"""Reported speech the rules leave, proposed by a learned model.

The rules of `reported.py` report what a verb of `lexicon/cues.py` says; annotated news also
attributes stances and acts with a plain object (`Ryan endorsed Trump`, `she compared abortion
to the Holocaust`, `Cruz is calling for his rivals to drop out`), an open vocabulary no list
closes. So every verb outside quote marks whose content no quote has taken is a candidate; a
logistic regression over what the parse says of it (`candidate_features`: the verb, how its
content hangs on it, its subject) gives the chance that it is an attribution with the right
speaker, and the candidates at PROPOSE_AT or above become quotes, most likely first, none
overlapping another. Such a quote is `decided_by` the model and carries its confidence.

The model is `reported_model.json` beside the package (the format of `confidence.py`), trained
by `medialens train` on the verbs the rules leave in annotated articles (`train.py`).
"""
from __future__ import annotations

from typing import Iterator, NamedTuple

from spacy.tokens import Span, Token

from ..confidence import REPORTED_MODEL, QuoteModel, probability, shipped_model
from ..index import ArticleIndex
from ..lexicon.cues import content_relations, is_cue_lemma
from ..lexicon.sources import is_person_noun
from .content import _content_span, _trim
from .quote import Quote
from .reported import _adjunct_of_cue, _reported_text
from .speakers import _attach_cue, is_passive_reporting_frame, speaker_token

# The chance a candidate must reach to become a quote, chosen on fold 0 of PolNeAR train held
# out from training: the lowest at which quote precision stays within 0.002 of the rules' alone
# (end-to-end F1 +0.4; at 0.3, +0.7 but precision -0.7), since a wrong row costs a reader more
# than a missed one.
PROPOSE_AT = 0.4
# What follows a direct object and is still said of it (`compared abortion to the Holocaust`,
# where the parser often calls `to` a dative).
SAID_OF = frozenset({"as", "for", "of", "on", "to", "with", "against"})
# The lexicon's frame (`lexicon/frames.tsv`) a candidate's relation stands for.
FRAME_OF = {"dobj+": "dobj", "pass": "dobj"}
MODALS = frozenset({"will", "would", "could", "should", "might", "can", "may", "to"})
LENGTH_BUCKETS = (1, 2, 3, 5, 8, 13, 21, 40)


class Candidate(NamedTuple):
    """A verb that may attribute `content`; `relation` says how the content hangs on the verb
    (`ccomp`, `xcomp`, `dobj`, `dobj+` (the object and what is said of it), `prep:for` and the
    like, `pass`: a passive's subject)."""

    verb: Token
    content: Span
    relation: str


def candidates(ix: ArticleIndex, found: list[Quote]) -> Iterator[Candidate]:
    """The verbs of the article the rules leave, in text order, each with what it may attribute.

    Left out, since the rules decided them: a verb inside quote marks, the cue of a quote in
    `found` or a participle hung on one (`"...," he said, referring to Idlib` says what the
    quote is about), a frame that passes on another verb's words (`was quoted as saying`), a verb of the cue lexicon the rules found a content for and turned down
    (`declined to comment`, `attacked the so-called "deal"`), and one whose content hangs on it
    through a relation its lexicon frames do not list. Also left out: a content that
    a quote in `found` overlaps, that holds quote marks (what they mean is the rules' to say),
    that runs into another paragraph, or that is a lone pronoun (`criticized it` says nothing
    of what was criticized).
    """
    taken = [(q.start, q.end) for q in found]
    cues = {q.cue_start for q in found}
    for verb in ix.doc:
        if (verb.pos_ != "VERB" or verb.i in ix.in_marks or verb.idx in cues or _adjunct_of_cue(verb, found)
                or is_passive_reporting_frame(verb)):
            continue
        if _content_span(ix, verb) is not None:
            continue  # a cue whose content the rules weighed
        found_content = _candidate_content(verb)
        if found_content is None:
            continue
        content, relation = found_content
        lemma = verb.lemma_.lower()
        if is_cue_lemma(lemma, has_clause=True) or content_relations(lemma):
            # the lexicon says through which relations the verb reports: `saw the river rise`
            # (`see` reports `as`) and `ruled the roost` (`rule` reports a clause) report nothing
            if FRAME_OF.get(relation, relation) not in content_relations(lemma):
                continue
        start, end = content.start_char, content.end_char
        if (_overlaps(taken, start, end) or any(m.start - 1 < end and start < m.end + 1 for m in ix.marked)
                or "\n" in ix.text[start:end] or len(content) == 1 and content[0].pos_ == "PRON"):
            continue
        yield Candidate(verb, content, relation)


def _candidate_content(verb: Token) -> tuple[Span, str] | None:
    """What `verb` may attribute and how it hangs on it: the first of a clausal complement after
    it, its direct object (with what is said of it), its first preposition's object, its
    passive subject."""
    doc = verb.doc
    after = [c for c in verb.children if c.i > verb.i]
    for dep in ("ccomp", "xcomp"):
        clause = next((c for c in after if c.dep_ == dep), None)
        if clause is not None:
            span = _trim(doc[clause.left_edge.i : clause.right_edge.i + 1])
            return (span, dep) if span is not None else None
    obj = next((c for c in after if c.dep_ == "dobj"), None)
    if obj is not None:
        said_of = [d.right_edge.i for d in verb.children if d.i > obj.i
                   and (d.dep_ in ("oprd", "ccomp", "xcomp", "dative") or d.dep_ == "prep" and d.lower_ in SAID_OF)]
        end = max([obj.right_edge.i] + said_of)
        return doc[obj.left_edge.i : end + 1], "dobj+" if end > obj.right_edge.i else "dobj"
    for prep in after:
        if prep.dep_ == "prep":
            pobj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                return doc[pobj.left_edge.i : pobj.right_edge.i + 1], f"prep:{prep.lower_}"
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is not None:
        return doc[subject.left_edge.i : subject.right_edge.i + 1], "pass"
    return None


def _bucket(value: int) -> str:
    return next((f"<={e}" for e in LENGTH_BUCKETS if value <= e), f">{LENGTH_BUCKETS[-1]}")


def candidate_features(ix: ArticleIndex, candidate: Candidate) -> list[str]:
    """The features of a candidate as `name=value` strings (crossed ones join two with `*`): the
    verb's lemma, tag and dependency, whether the cue lexicon knows it, how the content hangs on
    it, the content's length and head, the verb's subject, negation and modals."""
    verb, content, relation = candidate
    lemma = verb.lemma_.lower()
    known = is_cue_lemma(lemma, has_clause=True) or bool(content_relations(lemma))
    head, head_entity = content.root.pos_, content.root.ent_type_ or "none"
    found = [
        f"lemma={lemma}", f"relation={relation}", f"lemma*relation={lemma}*{relation}", f"tag={verb.tag_}",
        f"dep={verb.dep_}", f"lexicon={known}", f"words={_bucket(len(content))}", f"content_head={head}",
        f"content_entity={head_entity}", f"relation*content_head={relation}*{head}*{head_entity}",
        f"verb_head={verb.head.pos_}*{verb.dep_}",
    ]
    subject = speaker_token(ix, verb)
    if subject is None:
        found.append("subject=none")
    else:
        kind = subject.lower_ if subject.pos_ == "PRON" else subject.pos_
        found += [f"subject={kind}", f"subject_entity={subject.ent_type_ or 'none'}",
                  f"subject_person_noun={is_person_noun(subject.lemma_.lower())}",
                  f"lemma*subject={lemma}*{'PRON' if subject.pos_ == 'PRON' else subject.ent_type_ or subject.pos_}"]
    if any(c.dep_ == "neg" for c in verb.children):
        found.append("negated")
    found += [f"modal={c.lower_}" for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS]
    if verb.dep_ == "ROOT":
        found.append("root")
    if ix.headline and ix.paragraph_of(verb.idx) == 0:
        found.append("headline")
    return found


def proposed_quotes(ix: ArticleIndex, found: list[Quote], model: QuoteModel | None = None) -> list[Quote]:
    """The reported quotes `model` (default: the shipped `reported_model.json`) proposes among
    the candidates `found` leaves (see `chosen`); in text order."""
    model = model or shipped_model(REPORTED_MODEL)
    return chosen(ix, [(probability(candidate_features(ix, c), model), c) for c in candidates(ix, found)])


def chosen(ix: ArticleIndex, scored: list[tuple[float, Candidate]]) -> list[Quote]:
    """The quotes of the `(chance, candidate)` pairs at PROPOSE_AT or above, most likely first,
    each taking its content unless an accepted one overlaps it; in text order."""
    taken: list[tuple[int, int]] = []
    out: list[Quote] = []
    for p, c in sorted((s for s in scored if s[0] >= PROPOSE_AT), key=lambda s: -s[0]):
        if _overlaps(taken, c.content.start_char, c.content.end_char):
            continue
        taken.append((c.content.start_char, c.content.end_char))
        out.append(candidate_quote(ix, c, p))
    return sorted(out, key=lambda q: q.start)


def candidate_quote(ix: ArticleIndex, candidate: Candidate, confidence: float | None = None) -> Quote:
    """The indirect quote a candidate makes: its content, its verb as cue and that verb's subject as
    speaker, `decided_by` the model."""
    start, text = _reported_text(ix, candidate.content, candidate.verb)
    q = Quote("indirect", text, start, candidate.content.end_char, ix.paragraph_of(start), decided_by="model", confidence=confidence)
    _attach_cue(ix, q, candidate.verb)
    return q


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)

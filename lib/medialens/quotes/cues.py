"""Cues: the word that ties a quote to its source (`said`, `according to`, `in a CNN poll`),
and the cue as a phrase (`said in a statement`). The word lists are in `lexicon.cues`."""
from __future__ import annotations

from spacy.tokens import Token

from ..lexicon.cues import ACCORDING_TO, POLL_NOUNS, QUOTE_ONLY_VERBS, SPEECH_NOUNS, is_cue_lemma
from ..marks import MarkedSpan, _inside


def find_cue(tokens: list[Token], quoted: list[MarkedSpan], headline: bool = False) -> Token | None:
    """The cue among `tokens`: a speech verb outside quote marks, or `according` of `according to`.

    Tokens are given nearest-first. In a headline, whose verb is often not a speech verb
    (`Lavrov rejects ... as 'capitulating ...'`), the main verb serves as cue.
    """
    # a verb of a clause describing someone (`one resident, who asked not to be named, told
    # reporters`) frames the quote only when no other verb does
    for describing in (False, True):
        for t in tokens:
            if _inside(t.idx, quoted) or _describes_a_noun(t) or (t.dep_ == "relcl") != describing:
                continue
            if _is_according_to(t):
                return t
            if t.pos_ in ("VERB", "AUX") and (_is_cue_verb(t) or t.lemma_.lower() in QUOTE_ONLY_VERBS):
                return t
            if t.lemma_ == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children):
                return t  # `as The New Yorker put it, "the operator"`
    if headline:
        for t in tokens:
            if t.dep_ == "ROOT" and t.pos_ == "VERB" and not _inside(t.idx, quoted):
                return t
    return None


def _describes_a_noun(t: Token) -> bool:
    """`in a written statement`, `Rubio's proposed credit`: a participle inside a noun phrase
    opened by a determiner or possessive describes the noun; the frame stands further off
    (`Trump told the Post in a written statement`). Without one (`Trump described families
    ...` read as an adjective of `families`) the parse is more likely wrong than the verb."""
    return t.dep_ == "amod" and t.i < t.head.i and any(c.dep_ in ("det", "poss") and c.i < t.i for c in t.head.children)


def _is_according_to(t: Token) -> bool:
    return t.lower_ == ACCORDING_TO[0] and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == ACCORDING_TO[1]


def _is_cue_verb(verb: Token) -> bool:
    """`is_cue_lemma` of the verb, looking at its children only for clause-only verbs."""
    return is_cue_lemma(verb.lemma_) or (is_cue_lemma(verb.lemma_, has_clause=True) and _has_clause(verb))


def _poll_object(t: Token) -> Token | None:
    """The poll of `in a CNN poll`, when `t` is that `in`."""
    if t.lower_ != "in" or t.dep_ != "prep":
        return None
    return next((c for c in t.children if c.dep_ == "pobj" and c.lemma_.lower() in POLL_NOUNS), None)


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)


def cue_text(cue: Token) -> str:
    """The cue as a phrase: `said`, `told`, `according to`, `was quoted as saying`."""
    if _is_according_to(cue):
        return "according to"
    # `said in a statement`, `wrote in an op-ed`: the channel is part of the cue
    for prep in cue.rights:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            objs = [o for o in prep.children if o.dep_ == "pobj" and _speech_noun(o)]
            if objs and objs[0].i - prep.i <= 4:
                return f"{cue.text} {cue.doc[prep.i : objs[0].i + 1].text}"
    return cue.text


def _speech_noun(noun: Token) -> bool:
    """`statement`, `interview`, `op-ed` (which the tokenizer splits): a channel of speech."""
    words = [t for t in noun.lefts if t.dep_ != "det"]
    compound = noun.doc[words[0].i : noun.i + 1].text.lower() if words else ""
    return noun.lemma_.lower() in SPEECH_NOUNS or compound in SPEECH_NOUNS

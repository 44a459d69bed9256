"""The speaker's mention as written: `speaker_phrase` gives the core of the mention a
speaker's head token heads (a name, or the noun phrase without clauses) and its role;
`speaker_mention` the mention with titles, appositions and the clauses that say who the
speaker is."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..index import ArticleIndex
from ..lexicon.cues import is_cue_lemma
from ..lexicon.quoting import BARE_TITLES
from ..lexicon.sources import HONORIFICS
from .datelines import dateline_end
from .words import subtree_of_word

# A speaker phrase longer than this is cut to its name (a parse gone astray, not a mention).
MAX_MENTION_WORDS = 25


def speaker_phrase(ix: ArticleIndex, head: Token) -> tuple[int, int, str | None]:
    """`(start, end, role)` of the speaker mention headed by `head`.

    A name inside the phrase is the mention (`ICRC spokeswoman Ruth Hetherington` gives `Ruth
    Hetherington`, role `ICRC spokeswoman`); otherwise the noun phrase without relative
    clauses and appositions (`A Turkish security official`). An apposition (`Yusef Hamoud,
    spokesman for the National Army`) is the role.
    """
    role_parts = _apposition_role(head)
    ent = ix.entity_of(head)
    if ent is not None and ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
        ent = None
    if ent is not None and ent.label_ == "PERSON":
        pre_text = _role_before_name(head, ent, dateline_end(ix, head.idx))
        if pre_text is not None:
            role_parts.insert(0, pre_text)
        return ent.start_char, ent.end_char, "; ".join(role_parts) or None
    span = _head_phrase(head)
    return span.start_char, span.end_char, "; ".join(role_parts) or None


def _apposition_role(head: Token) -> list[str]:
    """The first apposition of `head` without its relative clauses, as a one-item list."""
    appos = [c for c in head.children if c.dep_ == "appos"]
    if not appos:
        return []
    tokens = [t for t in appos[0].subtree if t.dep_ not in ("relcl",)]
    return [head.doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,")]


def _role_before_name(head: Token, ent: Span, opening: int = 0) -> str | None:
    """`ICRC spokeswoman` of `ICRC spokeswoman Ruth Hetherington`: the words before the name,
    after any dateline ending at `opening`, without an article; none when they are only `Mr.`
    or the like."""
    pre = [t for t in head.lefts if t.i < ent.start and t.dep_ in ("compound", "amod", "nmod", "poss", "det")]
    if not pre:
        return None
    start_tok = _past_quoted_clause(head, min(t.left_edge.i for t in pre))
    while start_tok < ent.start and head.doc[start_tok].idx < opening:
        start_tok += 1
    pre_text = head.doc[start_tok : ent.start].text.strip(" ,")
    pre_text = re.sub(r"^(the|a|an)\s+", "", pre_text, flags=re.I)
    if pre_text and not pre_text.lower().rstrip(".") in BARE_TITLES:
        return pre_text
    return None


def _past_quoted_clause(head: Token, start: int) -> int:
    """`start`, or the token after a closing quote mark between it and `head` when the words
    before that mark hold a verb: in `"It's unanimous," councilmember Mark Levine said` the
    parser can hang the quote on the title, but what was said is no part of who said it. A
    quoted name before the head without a verb stays (`"Meet the Press" host Chuck Todd`); one
    with a verb goes with the quote (`"Dancing with the Stars" judge Len Goodman` gives `judge
    Len Goodman`), the price of telling the two apart by their words alone."""
    doc = head.doc
    for k in range(head.i - 1, start - 1, -1):
        if doc[k].is_quote and any(t.pos_ in ("VERB", "AUX") for t in doc[start:k]):
            return k + 1
    return start


def _head_phrase(head: Token) -> Span:
    """The noun phrase of `head` without the appositions, clauses and punctuation after it,
    up to the first gap."""
    doc = head.doc
    skip = {t.i for c in head.children if c.dep_ in ("appos", "relcl", "acl", "punct") and c.i > head.i for t in c.subtree}
    keep = sorted({t for t in subtree_of_word(head) if t.i not in skip}, key=lambda t: t.i)
    # stop at the first gap: a trailing clause separated by commas is not part of the name
    first, last = keep[0].i, head.i
    for t in keep:
        if t.i > head.i and t.i == last + 1:
            last = t.i
    first = _with_lone_first_word(doc, first)
    span = doc[first : last + 1]
    while len(span) > 1 and span[-1].is_punct and not _closes_a_bracket(list(span)):
        span = span[:-1]
    while len(span) > 1 and span[0].is_punct and not _opens_a_title(span):
        span = span[1:]  # a closing mark the parser hung on the speaker (`," Ramos, 58, told`)
    return span


def _with_lone_first_word(doc, first: int) -> int:
    """`first`, moved back over each word before it that the parser made a sentence of its own
    (`Mrs May told`, `Sir Alex Ferguson said`, `NHS England said`): a title without its full
    stop, as British style writes it, or a name's first word."""
    while first > 0 and (doc[first - 1].is_title and doc[first - 1].lower_ in HONORIFICS or _lone_name_word(doc[first - 1])):
        first -= 1
    return first


def _lone_name_word(token: Token) -> bool:
    """A capitalised proper noun opening a sentence, which the parser made a sentence of its own."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (token.pos_ == "PROPN" and token.dep_ == "ROOT" and not list(token.children) and token.is_alpha and (token.is_title or token.is_upper)
            and token.whitespace_ == " " and (before is None or before.is_space or before.text in ".!?"))


def _closes_a_bracket(tokens: list[Token]) -> bool:
    """The last token closes a bracket the tokens open: `the Office for National Statistics (ONS)`."""
    return tokens[-1].text == ")" and any(t.text == "(" for t in tokens)


def _opens_a_title(span: Span) -> bool:
    """`“Daily Show” host Trevor Noah`: the phrase opens with a mark it also closes."""
    first = span[0].text
    closing = {"\u201c": "\u201d", "\u2018": "\u2019", '"': '"', "'": "'"}.get(first)
    # a quote's marks close after its punctuation (`“It’s unanimous,” councilmember ...`)
    return closing is not None and any(t.text == closing and not span.doc[t.i - 1].is_punct for t in span[1:])


def _mention_tokens(ix: ArticleIndex, head: Token, clauses: list[Token], kept: list[Token]) -> list[Token]:
    """The tokens of `head`'s phrase after the dateline, without the `clauses` not `kept`, and
    without punctuation at either end (but the mark opening a title) nor a conjunction left
    at its end by a clause taken out (`who wore a hat and [said ...]`)."""
    doc, opening = head.doc, dateline_end(ix, head.idx)
    drop = {t.i for c in clauses if c not in kept for t in c.subtree}
    tokens = [t for t in subtree_of_word(head) if t.i not in drop and t.idx >= opening]
    first = _past_quoted_clause(head, tokens[0].i)
    tokens = [t for t in tokens if t.i >= first]
    tokens = [doc[i] for i in range(_with_lone_first_word(doc, tokens[0].i), tokens[0].i) if doc[i].idx >= opening] + tokens
    while len(tokens) > 1 and (tokens[-1].is_punct and not _closes_a_bracket(tokens) or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space) and not _opens_a_title(doc[tokens[0].i : tokens[-1].i + 1]):
        tokens = tokens[1:]
    return tokens


def speaker_mention(ix: ArticleIndex, head: Token, start: int, end: int, cue: Token | None = None) -> tuple[int, int]:
    """`(start, end)` of the speaker as written: the noun phrase headed by `head` with its
    titles and appositions (`Dean, a former party chairman,`; `Rep. Gwen Moore (D-Wis.)`) and
    the clauses that say who the speaker is (`officials briefed on the talks`, `members who
    spoke with reporters`, `Mr. Schmidt, who bought the property in 2006,`), which is how
    newswire describes an unnamed source. A clause that attributes (holding `cue`, or another
    speech verb with its clause: `voters who said they were angry`) or holds quoted words is
    left out. Past `MAX_MENTION_WORDS`, only a clause set off by a comma after the head is
    kept; past it still, or in another paragraph, `start:end`, the name or head phrase.
    """
    doc = head.doc
    clauses = [c for c in head.subtree if c.dep_ in ("relcl", "acl") and c.i > head.i]
    # a clause holding this cue, another speech verb with its clause (`voters who said they were
    # angry`, `a poll that shows ...`) or quoted words is an attribution, not a description
    describing = [c for c in clauses if not any(
        t.i in ix.in_marks or cue is not None and t.i == cue.i
        or is_cue_lemma(t.lemma_, has_clause=True) and any(g.dep_ in ("ccomp", "xcomp") for g in t.children) for t in c.subtree)]
    tokens = _mention_tokens(ix, head, clauses, describing)
    if len(tokens) > MAX_MENTION_WORDS:
        set_off = [c for c in describing if c.dep_ == "relcl" and c.head.i == head.i and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","]
        tokens = _mention_tokens(ix, head, clauses, set_off)
    m_start, m_end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if len(tokens) > MAX_MENTION_WORDS or "\n" in ix.text[m_start:m_end]:
        return start, end
    return min(m_start, start), max(m_end, end)

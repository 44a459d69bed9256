"""Mentions: spaCy's names in an article, cleaned and with the evidence of their label.

Credits and bylines are dropped, articles, possessives and trailing figures folded, a
title-case headline mention cut back to the name the body writes, and each mention carries
votes for its label from the words around it (`the town of X`, `Mr. X`, a subject that speaks).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from ..article import block_of, block_spans
from ..lexicon.cues import is_cue_lemma
from ..lexicon.entities import CREDIT_NAMES, DEFAULT_LABELS, PLACE_NOUNS, TRAILING_FUNCTION_WORDS
from ..pipeline import doc_text
from ..lexicon.people import OFFICE_TITLES, POST_NOMINALS, RANKS
from ..lexicon.sources import ANONYMOUS_PLURALS, GROUP_NOUNS, HONORIFICS
from ..names import is_acronym

# Labels whose names never end in a figure: `Trump 47.3 percent`, `Obama’s 2008` are tagging slips.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

# Abbreviations whose final period belongs to the name: `U.S.`, `Donald Trump Jr.`.
_KEEP_PERIOD = re.compile(r"(?:\b[A-Za-z]\.[A-Za-z]\.|\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St|Bros)\.)$")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)

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


# Patterns used per mention, compiled once.
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


def is_name_form(name: str, label: str) -> bool:
    """True when a cleaned mention is written as a name can be.

    It has a letter (never `--` or `'`), and a name of one of the name labels (`DEFAULT_LABELS`)
    has a capital letter somewhere and is more than a function word: `n’t`, `the`, `The`,
    `mosques`, `jihadist` or `election matchup` are tagging slips on common words, while `de
    Blasio` and `iPhone` are names. Dates and figures (`last week`, `two`) are written in lower
    case and stay.
    """
    if not _LETTER.search(name):
        return False
    if label not in DEFAULT_LABELS:
        return True
    return any(c.isupper() for c in name) and name.casefold() not in TRAILING_FUNCTION_WORDS


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
    return _without_trailing_words(_POSSESSIVE.sub("", text).strip())


def _without_trailing_words(text: str) -> str:
    """`Office of the Secretary of` → `Office of the Secretary`, `State Department - before` →
    `State Department`: a name ends on a name word, never on a lower-case function word or a
    dash."""
    words = text.split()
    while len(words) > 1 and (words[-1] in TRAILING_FUNCTION_WORDS or not any(c.isalnum() for c in words[-1])):
        words.pop()
    return " ".join(words) if len(words) < len(text.split()) else text


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


def _trim_ranks(ent: Span) -> Span:
    """`Constable Sarah Crew` → `Sarah Crew`, `Det Supt Evans` → `Evans`: ranks the tagger took
    into a person's name are left to the role, and ranks alone (`Det Ch Insp`, tagged a person
    while the name after them is not) leave nothing. One rank before a one-word name (`Major
    Garrett`, `Marshal Owusu-Abeyie`) may be the first name, and stays."""
    if ent.label_ != "PERSON":
        return ent
    doc, start = ent.doc, ent.start
    while start < ent.end and doc[start].lower_.rstrip(".") in _RANK_WORDS and doc[start].is_title:
        start += 1
    ranks, words = start - ent.start, len(doc[start : ent.end].text.split())
    if ranks == 0 or ranks == 1 and words < 2:
        return ent
    return doc[start : ent.end]


_RANK_WORDS = RANKS | OFFICE_TITLES.keys()


def _without_post_nominals(name: str) -> str:
    """`Paul Watson KC` → `Paul Watson`, `Sarah Storey DBE` → `Sarah Storey`: honours and ranks
    written after a person's name are not part of it. The mention still covers them, so the
    speaker phrase `Paul Watson KC` stays one name."""
    words = name.split()
    while len(words) > 1 and words[-1].rstrip(".,") in POST_NOMINALS:
        words.pop()
    return " ".join(words).rstrip(",")


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
        span = _trim_ranks(_trim_figures(ent))
        name = clean_name(span.text)
        if ent.label_ == "PERSON":
            name = _without_post_nominals(name)
        if not len(span):
            continue
        if not is_name_form(name, ent.label_) or _people_opening_a_sentence(span):
            continue
        m = Mention(name, ent.label_, span.start_char, span.end_char, block)
        before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
        first = name.split()[0].lower().rstrip(".")
        m.title = first if first in HONORIFICS and len(name.split()) > 1 else before if before in HONORIFICS else None
        m.votes[ent.label_] += 1
        for label, weight in context_votes(ent).items():
            m.votes[label] += weight
        if previous is not None and is_acronym(name) and ent.start >= 1 and doc[ent.start - 1].text == "(" \
                and previous[0].end == ent.start - 1 and ent.end < len(doc) and doc[ent.end].text == ")":
            m.expands = previous[1].text
        mentions.append(m)
        previous = (ent, m)
    return _trim_headline(text, mentions)


def _people_opening_a_sentence(ent: Span) -> bool:
    """`Campaigners said ...`, `Aides said ...`: a plural noun for people, capitalised only because
    it opens the sentence, that the tagger took for a person's or a body's name. A party's people
    (`Republicans`, tagged NORP) are a name."""
    return (len(ent) == 1 and ent.label_ in ("PERSON", "ORG") and ent[0].is_sent_start
            and (ent[0].lower_ in GROUP_NOUNS or ent[0].lower_ in ANONYMOUS_PLURALS))


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
    if ent.label_ not in DEFAULT_LABELS:
        return votes  # a figure or a date (`a 2,000-mile border`, `the 7th district`) is no place
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        votes["GPE"] += 3
    if any(t.lemma_.lower() in PLACE_NOUNS for t in [head] if root.dep_ == "compound") or (
        ent.end < len(ent.doc) and ent.doc[ent.end].lemma_.lower() in PLACE_NOUNS and root.dep_ == "compound"
    ):
        votes["GPE"] += 3
    if ent.label_ in ("NORP", "ORG", "PERSON"):
        for p in _place_partners(root):
            votes[p.ent_type_] += 3
    if ent.start > 0 and ent.doc[ent.start - 1].lower_.rstrip(".") in HONORIFICS or _aged(ent):
        votes["PERSON"] += 3
    if root.dep_ == "nsubj" and is_cue_lemma(head.lemma_):
        # a speaker is a person or an organisation; a country that "said" stays a place
        # (metonymy), so the vote only breaks ties for names the tagger called a place
        votes[ent.label_ if ent.label_ in ("PERSON", "ORG") else "PERSON"] += 1
    return votes


def _aged(ent: Span) -> bool:
    """`Maria, 34, has lived ...`: newswire gives a person's age in commas after the name. Not
    in a list of names and figures (`Florida, 29, and Ohio, 18,`: electoral votes, seats)."""
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 2].text not in (",", "."):
        return False
    age = doc[ent.end + 1].text
    if not (age.isdigit() and 0 < int(age) < 120):
        return False
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    after = doc[ent.end + 3] if ent.end + 3 < len(doc) else None
    listed = before in (",", "and", "or") or after is not None and (
        after.lower_ in ("and", "or") or after.pos_ == "PROPN" and ent.end + 4 < len(doc) and doc[ent.end + 4].text == ",")
    return not listed


def _place_partners(root) -> list:
    """The places a name is coordinated or in apposition with, when they vouch for a place.

    `Damascus and Aleppo`, `Saraqeb, Idlib`: a name listed with places is a place. A list of
    names is of one kind, so it takes the kind most of its other members have: in `Rubio, Cruz
    and Kasich` a surname the tagger called a place does not make places of the others. A
    name set off by a dash or brackets is not in apposition with the place before it: that is
    the dateline (`INDIANAPOLIS - Ted Cruz, who ...`, `Philadelphia (AFP) - President Barack
    Obama`).
    """
    partners = [root.head] if root.dep_ in ("conj", "appos") and root.head.i != root.i else []
    partners += [c for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "appos" and _set_off(root.head, root):
        partners = partners[1:]
    places = [p for p in partners if p.ent_type_ in ("GPE", "LOC")]
    if not places:
        return []
    taken = {root.i} | {p.i for p in partners}
    members = partners + [t for t in _coordination(root) if t.i not in taken]
    people = sum(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in members)
    located = sum(t.ent_type_ in ("GPE", "LOC") for t in members)
    return places if located > people else []


def _coordination(token) -> list:
    """Every member of the list a token is in (`Trump, Cruz, Kasich, and Rubio`), itself included."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    out, todo = [], [first]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return out


def _set_off(a, b) -> bool:
    """True when a dash or a bracket stands between two tokens."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in ("(", ")", "-", "\u2013", "\u2014", "--") for t in a.doc[lo + 1 : hi])

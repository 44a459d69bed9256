"""Speaker resolution of one mention."""
from __future__ import annotations

import re

from ..entities import entity_at
from ..gender import GENDERED_TITLES, decide, noun_evidence
from ..lexicon.people import FIRST_PERSON, PERSON_PRONOUNS, PLURAL_PRONOUNS, RELATIVE_PRONOUNS, THING_PRONOUNS
from ..lexicon.sources import NEW_SOURCE_DETERMINERS, ORGANISATION_NOUNS
from ..pipeline import text_slice
from ..quotes import Quote, speaker_phrase
from .antecedents import _definite, _full_name_in_text, _person_by_first_name, _person_by_surname, _resolve_description, _resolve_pronoun
from .nouns import _is_anonymous_name, _name_words, _person_name, _strip_determiner, _titles_before, clean_mention, head_type, looks_like_person
from .roles import clean_role
from .state import Resolved, _Article


def _resolve_one(q: Quote, art: _Article) -> Resolved | None:
    doc = art.doc
    start, end = q.speaker_start, q.speaker_end
    # the parser can run an unpunctuated headline into the first sentence: a speaker
    # phrase never crosses a paragraph break, so keep the part nearest the cue
    cut = text_slice(doc, start, end).rfind("\n")
    if cut >= 0:
        start += cut + 1
    mention = clean_mention(text_slice(doc, start, end))
    lower = mention.lower()
    position = start
    paragraph = art.paragraph(position)
    if lower in PERSON_PRONOUNS or lower in THING_PRONOUNS or lower in PLURAL_PRONOUNS:
        return _resolve_pronoun(lower, position, art)
    if lower in FIRST_PERSON or not mention:
        return None
    block_start = art.spans[paragraph][0] if paragraph < len(art.spans) else 0
    if mention.isupper() and not art.text[block_start:start].strip() and re.match(r"\s*[:\u2014\u2013-]", art.text[end:end + 3]):
        return None  # `GENEVA:` opening a paragraph is a dateline, never a speaker
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span.root
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        # `..., said Norman Ham, who ...` is handled by quotes.py; here `X, who said ...`
        head = head.head.head
        start, end, _ = speaker_phrase(head)
        mention = clean_mention(text_slice(doc, start, end))
        span = doc.char_span(start, end, alignment_mode="expand")
    last = span[-1]
    titled = all(t.pos_ in ("PROPN", "NOUN", "ADJ", "PART", "DET") or t.is_punct and t.text in ".-" for t in span)
    if head is not last and last.pos_ == "PROPN" and titled:
        # `Turkish President Recep Tayyip Erdogan`: a name ending the phrase is its head,
        # whatever a parse confused by a run-on headline says
        named = entity_at(art.entities, last.idx, last.idx + len(last))
        if named is not None and looks_like_person(named):
            head = last
    # the name must be the phrase's head: in `Turkey's president` Turkey is not the speaker
    entity = entity_at(art.entities, head.idx, head.idx + len(head))
    if (head.pos_ == "NOUN" or head.pos_ == "PROPN") and entity is None:
        # `A lawyer for the news outlets, David Schulz, said`: the name in apposition is the
        # speaker, the description its role (also `Speaker of the House Newt Gingrich`, which
        # the parser reads as a title with the name in apposition)
        for a in (c for c in head.children if c.dep_ == "appos"):
            named = entity_at(art.entities, a.idx, a.idx + len(a))
            if named is not None and looks_like_person(named):
                name = _person_name(named)
                role = art.roles.get(name) or clean_role(mention.split(",")[0])
                return Resolved(name, "person", role, position, paragraph, art.prior_gender(name))
    title = next((t for t in _titles_before(doc, head.idx) + _titles_before(doc, span.start_char)), None)
    title_gender = GENDERED_TITLES.get(title.lower(), "unknown") if title else "unknown"
    if entity is not None and looks_like_person(entity):
        name = _person_name(entity)
        if len(_name_words(name)) == 1:  # a surname alone joins the full name
            fuller = _person_by_surname(_name_words(name), position, title_gender, art)
            name = _person_name(fuller) if fuller is not None else (_full_name_in_text(art.text, name) or name)
        return Resolved(name, "person", art.roles.get(name), position, paragraph, art.prior_gender(name))
    if entity is not None and len(entity.name.split()) == 1 and head.pos_ == "PROPN":
        by_first = _person_by_first_name(entity.name, art)
        if by_first is not None:
            name = _person_name(by_first)
            return Resolved(name, "person", art.roles.get(name), position, paragraph, art.prior_gender(name))
    if entity is not None and entity.label in ("ORG", "GPE", "FAC"):
        kind = "anonymous" if _is_anonymous_name(doc, start, end) and head.pos_ == "NOUN" else "organisation"
        return Resolved(entity.name, kind, None, position, paragraph)
    if entity is not None and entity.label == "NORP" and head.tag_ in ("NNS", "NNPS"):
        return Resolved(clean_mention(_strip_determiner(mention)), "group", None, position, paragraph)
    if head.pos_ == "PROPN" and head.text[:1].isupper() and not head.text.isupper():
        fuller = _person_by_surname([head.lower_], position, title_gender, art)
        if fuller is not None:
            name = _person_name(fuller)
            return Resolved(name, "person", art.roles.get(name), position, paragraph, art.prior_gender(name))
        full = _full_name_in_text(art.text, head.text)
        if full or title:
            return Resolved(full or head.text, "person", None, position, paragraph, title_gender)
        # a capitalised name that NER missed, subject of speech: a person more often than not,
        # unless the parser saw an organisation in it; headlines capitalise every word, so
        # there a capital says nothing
        if head.tag_ == "NNPS" and head_type(head) == "group":
            return Resolved(clean_mention(_strip_determiner(mention)), "group", None, position, paragraph)
        if (head.ent_type_ in ("", "PERSON") and paragraph > 0 and head.tag_ != "NNPS" and not head_type(head) == "organisation"
                and not any(t.lower_ in ORGANISATION_NOUNS for t in span)):
            return Resolved(clean_mention(mention), "person", None, position, paragraph)
    if head.pos_ == "PROPN" and head.text.isupper() and len(head.text) > 1:
        return Resolved(clean_mention(_strip_determiner(mention)), "organisation", None, position, paragraph)
    determiner = next((d for d in NEW_SOURCE_DETERMINERS if lower.startswith(d + " ")), None)
    if determiner is None and _definite(mention):
        found = _resolve_description(mention, head, position, art)
        if found is not None:
            return Resolved(found.canonical, found.type, found.role, position, paragraph, found.gender)
    kind = head_type(head)
    if kind == "unknown":
        return None
    canonical = clean_mention(_strip_determiner(mention))
    canonical = canonical[:1].upper() + canonical[1:] if canonical[:1].islower() and kind != "anonymous" else canonical
    if determiner is not None:
        taken = {h.canonical for h in art.history}
        n = 2
        base = canonical
        while canonical in taken:
            canonical, n = f"{base} ({n})", n + 1
    gender = decide(noun_evidence([mention])) if kind == "anonymous" else "unknown"
    return Resolved(canonical, kind, None, position, paragraph, gender)

"""The codebook: what each contract table holds and what each of its columns means, in one place,
so the spreadsheet's codebook sheet and the output folder's README.txt say the same (the README's
codebook is the longer account of the same columns)."""
from __future__ import annotations

# What one row of each contract table is.
TABLES: dict[str, str] = {
    "articles": "one row per article read",
    "entities": "one row per canonical entity (person, organisation, place, ...) per article",
    "quotes": "one row per quote",
    "sources": "one row per source (who is quoted) per article",
    "rejects": "one row per input that could not be read, or was read with a repair",
}

_SPEAKER_TYPES = ("person (named), anonymous (an unnamed individual), organisation (a body speaking as itself), "
                  "group (an unnamed collective) or unknown")
_GENDER = ("female, male or unknown: the gender the text presents (first name, title, role noun, pronouns), "
           "never self-identification; empty for organisations and groups")

# Table -> column -> meaning, every column of every contract table, in the tables' order.
COLUMNS: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "the article's id: its file name without suffix, or the record's id",
        "headline": "the headline (the first non-empty line of a .txt file)",
        "dateline": "the wire dateline, when the article has one (GENEVA)",
        "date": "the publication date, when the input or its file name gives it",
        "outlet": "the outlet, when the input or its file name gives it",
        "paragraphs": "number of body paragraphs",
        "words": "number of words of the headline and body",
        "source_path": "the file the article was read from",
        "byline": "the author, when the input gives it",
        "url": "the article's address, when the input gives it",
        "article_text": "the headline and paragraphs joined by blank lines, into which every offset points "
                        "(Parquet only: too long for a spreadsheet cell)",
    },
    "entities": {
        "article_id": "the article naming the entity",
        "entity": "the entity's canonical name, the same across the corpus",
        "label": "spaCy's entity label: PERSON, ORG, GPE (countries, cities), LOC (other places), "
                 "NORP (nationalities, groups), FAC, EVENT, PRODUCT, WORK_OF_ART, LAW",
        "mentions": "times the article mentions it, in any of its forms",
        "first_paragraph": "the paragraph of its first mention (0 is the headline)",
        "in_headline": "whether the headline names it",
        "aliases": "its other written forms in the article, separated by '; '",
    },
    "quotes": {
        "article_id": "the article of the quote",
        "quote_id": "the quote's id: the article's id and the quote's start and end offsets (a1-q1534-1602)",
        "kind": "direct (in quote marks), mixed (a quoted fragment inside reported speech) or indirect (reported speech)",
        "text": "what was said, without speaker and cue; a direct quote's quoted words only",
        "start": "character offset of the quote's first word in article_text",
        "end": "character offset just after the quote's last word in article_text",
        "paragraph": "the quote's paragraph (0 is the headline, 1 the first body paragraph)",
        "in_headline": "whether the quote is in the headline",
        "cue": "the word or phrase that reports it (said, told, according to); empty when none",
        "speaker": "the source's phrase as written (he, the Turkish official)",
        "speaker_canonical": "the source it resolves to, one name per person across the corpus, or unknown",
        "speaker_type": _SPEAKER_TYPES,
        "speaker_role": "the source's role as the text gives it (Turkish President, spokesman for ...)",
        "speaker_start": "character offset of the speaker's phrase in article_text; empty when none",
        "speaker_end": "character offset just after the speaker's phrase; empty when none",
        "cue_start": "character offset of the cue in article_text; empty when none",
        "confidence": "0-1: the estimate that this row is right, text and speaker; for a row a rule decided, the quote "
                      "model's, from what the row records (kind, speaker rule, cue, speaker type, length, where speaker "
                      "and cue stand); for a row the model proposed, the proposing model's; both learned on annotated US "
                      "political news (MODEL_CARD.md); for filtering and sorting, not a guarantee",
        "speaker_rule": "the step of speaker resolution that decided the speaker (person_entity, pronoun, carried, ...); "
                        "empty when none found one",
        "decided_by": "rule: found by the rules (quote marks, cue words, sentence frames); model: reported speech a "
                      "learned model proposed among the verbs the rules leave (a stance or act such as `endorsed "
                      "Trump`); filter on it to keep only what the rules found",
        "words": "words of text (for a direct quote, only quoted words)",
        "speaker_affiliation": "the organisation, party or country the source speaks for, when the text says",
        "speaker_gender": _GENDER,
    },
    "sources": {
        "article_id": "the article quoting the source",
        "speaker_canonical": "the source, one name per person across the corpus",
        "speaker_type": _SPEAKER_TYPES,
        "speaker_role": "the first role the article gives the source",
        "quotes": "the source's quotes in the article (direct + indirect + mixed)",
        "direct": "its direct quotes",
        "indirect": "its indirect quotes",
        "mixed": "its mixed quotes",
        "words": "words of all its quotes in the article",
        "affiliation": "the organisation, party or country the source speaks for, when the text says",
        "gender": _GENDER,
    },
    "rejects": {
        "source_path": "the file (and line or record) that could not be read",
        "reason": "why, or what was repaired",
    },
}


def codebook_rows(columns: dict[str, list[str]] | None = None) -> list[dict[str, str]]:
    """The codebook as rows `{table, column, meaning}`, table by table in the contract's order;
    with `columns` (table -> the columns it has), only those tables and columns, so a table
    written without some columns is described as it is. Raises KeyError for a column the
    codebook does not know."""
    wanted = columns if columns is not None else {t: list(cs) for t, cs in COLUMNS.items()}
    return [{"table": t, "column": c, "meaning": COLUMNS[t][c]} for t in COLUMNS if t in wanted for c in wanted[t]]

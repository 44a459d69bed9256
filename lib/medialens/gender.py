"""Gender of sources, as newsroom audits (GMMP, the Gender Gap Tracker) report it.

The text's own evidence is collected and combined; nothing is asked of the source:

- the first name, looked up in gender-guesser's offline name list (Jörg Michael's dictionary of
  about 48,000 first names with their usage by country; `Ruth` → female, `Sergei` → male,
  `Chris` → mostly male);
- a title before the name (`Mr. Trump`, `Mrs. May`, `Ms. Warren`);
- a gendered role noun (`spokeswoman`, `chairman`, `congresswoman`);
- the pronouns that refer to the source (`he said`, `she added`).

Each piece of evidence votes `female` or `male`, strong or weak. The result is `unknown` when
the strong votes disagree or when there is no strong vote (a name used mostly, but not
overwhelmingly, for one gender is weak). This is an estimate of how the text presents a person,
with the limits of its sources: binary name lists, built mostly from European and North American
name usage, and never the person's self-identification.

gender-guesser is GPLv3 and optional (`pip install "medialens[gender]"`); medialens itself is MIT.
Without it, first names give no evidence, the other three kinds still count, and more sources
are `unknown` (`first_name_list_available`, `name_list_note`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .lexicon.people import GENDERED_TITLES
from .lexicon.sources import HONORIFICS

# Role nouns that carry gender. Neutral forms (`spokesperson`, `chair`) are deliberately absent.
GENDERED_NOUNS = {
    "spokesman": "male", "spokeswoman": "female", "chairman": "male", "chairwoman": "female",
    "congressman": "male", "congresswoman": "female", "businessman": "male", "businesswoman": "female",
    "councilman": "male", "councilwoman": "female", "assemblyman": "male", "assemblywoman": "female",
    "alderman": "male", "alderwoman": "female", "policeman": "male", "policewoman": "female",
    "man": "male", "woman": "female", "boy": "male", "girl": "female", "mother": "female",
    "father": "male", "wife": "female", "husband": "male", "daughter": "female", "son": "male",
    "sister": "female", "brother": "male", "grandmother": "female", "grandfather": "male",
    "widow": "female", "widower": "male", "actress": "female", "king": "male", "queen": "female",
    "prince": "male", "princess": "female", "lady": "female",
}

PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "himself": "male",
                  "she": "female", "her": "female", "hers": "female", "herself": "female"}

# gender-guesser's answers, as (gender, strength).
_GUESSER = {"male": ("male", "strong"), "female": ("female", "strong"),
            "mostly_male": ("male", "weak"), "mostly_female": ("female", "weak")}


@dataclass(frozen=True)
class Evidence:
    """One clue to a source's gender: `female` or `male`, `strong` or `weak`, and where from."""

    gender: str
    strength: str
    kind: str  # name, title, noun, pronoun


class _NoNameList:
    """Stands in for gender-guesser's detector when it is not installed: every name unknown."""

    def get_gender(self, name: str, country: str | None = None) -> str:
        return "unknown"


@lru_cache(maxsize=1)
def _detector():
    """gender-guesser's detector (case-insensitive), or a stand-in that knows no name when
    gender-guesser is not installed. Callers ask `get_gender(name[, country])` either way."""
    try:
        import gender_guesser.detector
    except ImportError:
        return _NoNameList()
    # loading the name list takes about a second: done once, on first use
    return gender_guesser.detector.Detector(case_sensitive=False)


def first_name_list_available() -> bool:
    """True when gender-guesser's first-name list is installed (`medialens[gender]`), so first
    names count as evidence; False when they give none."""
    return not isinstance(_detector(), _NoNameList)


NAME_LIST_MISSING = (
    "First names were not used to infer gender (gender-guesser is not installed; "
    "`pip install \"medialens[gender]\"` adds it), so more sources are `unknown`; titles, "
    "role nouns and pronouns still count."
)


def name_list_note() -> str:
    """One line for a report to show when first names gave no evidence (see
    `NAME_LIST_MISSING`), or the empty string when gender-guesser's list is installed."""
    return "" if first_name_list_available() else NAME_LIST_MISSING


_GIVEN_NAME = re.compile(r"[^\W\d_][\w'\u2019-]*")


def first_name(name: str) -> str | None:
    """The first name of a full name: titles and initials skipped (`Mr. J. Robert Smith` → `Robert`).

    A single word is a surname (`Erdogan`), so it has no first name.
    """
    words = [w.strip(".,") for w in name.split()]
    words = [w for w in words if w and w.lower().rstrip(".") not in HONORIFICS]
    if len(words) < 2:
        return None
    for w in words[:-1]:
        if len(w.rstrip(".")) > 1 and _GIVEN_NAME.fullmatch(w):
            return w.split("-")[0]
    return None


def name_evidence(name: str) -> list[Evidence]:
    """What the first name says, from gender-guesser's list: `[Evidence]`, or `[]` for no first
    name, a name the list calls androgynous or does not know, or no list installed."""
    given = first_name(name)
    if not given:
        return []
    answer = _GUESSER.get(_detector().get_gender(given))
    return [Evidence(answer[0], answer[1], "name")] if answer else []


def title_evidence(titles: Iterable[str]) -> list[Evidence]:
    """What titles written before the name say (`Mr.`, `Mrs.`, `Ms.`; `Dr.` says nothing)."""
    out = []
    for t in titles:
        g = GENDERED_TITLES.get(t.lower().rstrip("."))
        if g:
            out.append(Evidence(g, "strong", "title"))
    return out


def noun_evidence(phrases: Iterable[str]) -> list[Evidence]:
    """What gendered role nouns in the source's descriptions say (`ICRC spokeswoman`)."""
    out = []
    for phrase in phrases:
        words = re.findall(r"[a-z]+", (phrase or "").lower())
        for w in words:
            g = GENDERED_NOUNS.get(w)
            if g:
                out.append(Evidence(g, "strong", "noun"))
    return out


def pronoun_evidence(pronouns: Iterable[str]) -> list[Evidence]:
    """What the pronouns that refer to the source say (`he`, `her`)."""
    return [Evidence(PRONOUN_GENDER[p.lower()], "strong", "pronoun") for p in pronouns if p.lower() in PRONOUN_GENDER]


def decide(evidence: Iterable[Evidence]) -> str:
    """`female`, `male` or `unknown` from the evidence.

    Strong votes decide, and they must agree: a name contradicted by a pronoun or a title is
    left `unknown` rather than overruled, since either may be the text's or the list's
    mistake. Weak votes (a name used mostly, but not overwhelmingly, for one gender) are
    never enough alone and never outvote a strong one (`Lee`, listed as mostly male, in
    `spokeswoman Lee Ann Cho`).
    """
    genders = Counter(e.gender for e in evidence if e.strength == "strong")
    if len(genders) != 1:
        return "unknown"
    (gender,) = genders
    return gender


def leaning(evidence: Iterable[Evidence]) -> str:
    """The gender the evidence leans to, weak votes included, for agreement checks only.

    A pronoun should not be linked to `Mary Jones` when it is `he`, even though gender-guesser
    lists Mary as only mostly female; reported gender still uses the stricter `decide`.
    """
    evidence = list(evidence)
    strong = decide(evidence)
    if strong != "unknown":
        return strong
    genders = Counter(e.gender for e in evidence)
    return next(iter(genders)) if len(genders) == 1 else "unknown"


def infer_gender(name: str, titles: Iterable[str] = (), descriptions: Iterable[str] = (), pronouns: Iterable[str] = (),
                 use_name: bool = True) -> str:
    """Gender of a source from its name, titles, descriptions and pronouns: female, male or unknown.

    >>> infer_gender("Ruth Hetherington", descriptions=["ICRC spokeswoman"])
    'female'
    """
    evidence = name_evidence(name) if use_name else []
    evidence += title_evidence(titles) + noun_evidence(descriptions) + pronoun_evidence(pronouns)
    return decide(evidence)

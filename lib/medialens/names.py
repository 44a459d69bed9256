"""Names as keys: the forms two spellings of one name share, and one spelling per person.

`Mr. Donald J. Trump`, `Donald Trump` and `DONALD TRUMP` are one name. Three keys say so, for
three uses:

- `name_key` is the key of an entity of any label (`donald j trump`, `united states`,
  `republican`), the one the entities table groups by, within an article and across the corpus,
  once `join_middle_initials` has folded the middle initials that tell no two people apart;
- `person_words` are the words of a person's name that identify the person (`donald`, `trump`),
  the ones a surname or first name alone is matched against;
- `person_key` is the first and last of those words (`('donald', 'trump')`), so that a middle
  name or initial does not split one person in two.

`join_spellings` gives every spelling of a person the one spelling the whole set of names uses,
in one article (the sources of an article) or across a corpus (the sources of all articles).
Only word lists are imported here, so any module may use it.
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from typing import Iterable, Mapping

from .lexicon.sources import HONORIFICS

_WORDS = re.compile(r"[\w\-']+")
# `O’Neill` and `O'Neill` are one spelling: the typographic apostrophe is read as the plain one.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")


def is_acronym(name: str) -> bool:
    """True for a name written as the letters of an acronym: `ICRC`, `U.N.`, `AT&T`."""
    return bool(_ACRONYM.fullmatch(name.replace(".", "")))


def name_words(text: str) -> list[str]:
    """The words of a name, case folded, without honorifics: `Mr. Trump` → `['trump']`; an
    apostrophe inside a word keeps it whole (`Michael O’Hanlon` → `['michael', "o'hanlon"]`)."""
    # a symbol inside a word (`PeÃ±a`, as a mis-decoded `Peña` reads) is dropped, not taken for
    # a break: `Ã` and `a` are no initials
    text = "".join(c for c in text if not unicodedata.category(c).startswith("S"))
    words = (t.strip("'") for t in _WORDS.findall(text.casefold().translate(_APOSTROPHES)))
    return [t for t in words if t and t not in HONORIFICS]


# a corpus names the same few thousand people over and over: each spelling is keyed once
@lru_cache(maxsize=1 << 16)
def name_key(text: str, label: str = "") -> str:
    """The form two mentions of one name share: case and honorifics folded.

    `Mr. Trump` → `trump`, `Donald J. Trump` → `donald j trump` (a middle initial tells
    `George W. Bush` from `George P. Bush`; `join_middle_initials` folds it where it tells
    nobody apart); a nationality's plural is its singular (`Republicans` → `republican`), as a
    group and its members are one entity; an acronym is its letters (`U.S.` and `US` → `us`).
    """
    if is_acronym(text):
        return text.replace(".", "").casefold()
    words = name_words(text)
    if label == "NORP" and words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words) or text.casefold()


def _without_initials(key: str) -> tuple[str, tuple[str, ...]]:
    """A name key without its middle initials, and those initials: `george w bush` →
    (`george bush`, ('w',)); a key of two words or fewer has none."""
    words = key.split()
    if len(words) <= 2:
        return key, ()
    middle = words[1:-1]
    plain = [words[0], *(w for w in middle if len(w) > 1), words[-1]]
    return " ".join(plain), tuple(w for w in middle if len(w) == 1)


def join_middle_initials(keys: Iterable[str]) -> dict[str, str]:
    """Each name key of `keys` -> the key it is one name with, for keys that differ only in
    their middle initials.

    `donald j trump` joins `donald trump` when the keys hold no other initial for that name;
    `george w bush` and `george p bush` are two people, so both stay, and a bare `george bush`
    beside them stays apart as it could be either. A set of keys with one initial and no plain
    form keeps it (`george w bush` is listed as written). Keys that join nothing are left out.
    """
    keys = set(keys)
    variants: dict[str, set[tuple[str, ...]]] = {}
    for key in keys:
        plain, initials = _without_initials(key)
        variants.setdefault(plain, set()).add(initials)
    out: dict[str, str] = {}
    for key in keys:
        plain, initials = _without_initials(key)
        written = variants[plain] - {()}
        if initials and len(written) == 1 and key != plain:
            out[key] = plain if () in variants[plain] else key
    return {k: v for k, v in out.items() if k != v}


def without_titles(name: str) -> str:
    """A name without the honorifics before it (`Mr. Donald Trump` → `Donald Trump`); a title
    that is all the name there is stays (`Mr.`)."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def person_words(name: str) -> list[str]:
    """A person's name without titles and initials: `Mr. Donald J. Trump` → donald, trump."""
    words = [w.strip(".,'").casefold() for w in name.translate(_APOSTROPHES).split()]
    return [w for w in words if w and w not in HONORIFICS and len(w) > 1]


def person_key(name: str) -> tuple[str, ...]:
    """`Donald J. Trump` and `Donald Trump` share the key (donald, trump); `Trump` is (trump,)."""
    words = person_words(name)
    return (words[0], words[-1]) if len(words) > 1 else tuple(words)


def join_spellings(weights: Mapping[str, float]) -> dict[str, str]:
    """Each person's name (the keys of `weights`) -> the one spelling it is listed under.

    Names with the same `person_key` (`Donald J. Trump`, `Donald Trump`) take the spelling of
    most weight (mentions or quotes, as the caller counts them), then the longer, then the
    last in alphabetical order (any fixed choice, so that a run gives the same names every time). A bare name (`Trump`) then joins the one full name ending with
    it, and stays as it is when several do (`Donald Trump`, `Melania Trump`) or none does.
    """
    by_key: dict[tuple[str, ...], list[str]] = {}
    for name in weights:
        by_key.setdefault(person_key(name), []).append(name)
    target: dict[str, str] = {}
    for group in by_key.values():
        best = max(group, key=lambda n: (weights[n], len(n), n))
        target.update(dict.fromkeys(group, best))
    by_surname: dict[str, set[str]] = {}
    for key, group in by_key.items():
        if len(key) == 2:
            by_surname.setdefault(key[1], set()).add(target[group[0]])
    for key, group in by_key.items():
        fuller = by_surname.get(key[0], set()) if len(key) == 1 else set()
        if len(fuller) == 1:
            target.update(dict.fromkeys(group, next(iter(fuller))))
    return target

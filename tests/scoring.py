"""Matching rules of the reference scorer, for tests: normalised text and token overlap."""
from __future__ import annotations

import re
import unicodedata


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def overlap(a: str, b: str) -> float:
    """Shared tokens over the shorter side; 0 below a quarter of the longer side."""
    ta, tb = set(re.findall(r"\w+", norm(a))), set(re.findall(r"\w+", norm(b)))
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    if shared < 0.25 * max(len(ta), len(tb)):
        return 0.0
    return shared / min(len(ta), len(tb))

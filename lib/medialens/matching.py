"""Matching a predicted quote to a gold one: normalised texts, token overlap, the same speaker.

The rules of the project's reference scorer, so that figures are comparable (see `evaluate`).
"""
from __future__ import annotations

import re
import unicodedata

MATCH_SHORTER = 0.6  # shared tokens over the shorter side
MATCH_LONGER = 0.25  # shared tokens over the longer side, so a fragment cannot stand for a long quote
TITLE_WORDS = frozenset({"a", "an", "the", "mr", "mrs", "ms", "dr", "president", "minister"})


def norm(text: str | None) -> str:
    """Case, quote marks and white space folded: the form texts are compared in."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def tokens(text: str | None) -> set[str]:
    """The set of word tokens of a normalised text."""
    return set(re.findall(r"\w+", norm(text)))


def overlap(a: str | None, b: str | None) -> float:
    """Shared tokens over the shorter side, or 0.0 when they cover under a quarter of the longer."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    if shared < MATCH_LONGER * max(len(ta), len(tb)):
        return 0.0
    return shared / min(len(ta), len(tb))


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """True when a predicted speaker name counts as the gold one (rules in the module docstring)."""
    g, p = norm(gold), norm(pred)
    if not g:  # the text names no source: right when none is claimed
        return p in ("", "unknown")
    if not p:
        return False
    if g == p:
        return True
    gt = [t for t in re.findall(r"\w+", g) if t not in TITLE_WORDS]
    pt = [t for t in re.findall(r"\w+", p) if t not in TITLE_WORDS]
    if not gt or not pt:
        return False
    if gt[-1] == pt[-1]:
        return True
    return set(gt) <= set(pt) or (set(pt) <= set(gt) and len(pt) >= 2)


def speaker_ok(gold_quote: dict, pred: dict) -> bool:
    """Whether a matched prediction names the gold quote's speaker."""
    if norm(gold_quote.get("speaker_canonical")) != norm(gold_quote.get("speaker", "")):
        return same_speaker(gold_quote.get("speaker_canonical"), pred.get("speaker_canonical", ""))
    return same_speaker(gold_quote.get("speaker"), pred.get("speaker", "")) or same_speaker(
        gold_quote.get("speaker"), pred.get("speaker_canonical", "")
    )

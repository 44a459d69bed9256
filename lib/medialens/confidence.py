"""How sure a quote row is: the share of rows of its kind, decided by its speaker rule, that were
right (text and speaker) on annotated news the rules are not scored on.

The table, `confidence.tsv`, is measured by `benchmarks/confidence.py` on PolNeAR train (US
political news, 2015-16): read it as a calibrated guess for similar news, not a guarantee.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quotes import Quote


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], float]:
    lines = files(__package__).joinpath("confidence.tsv").read_text(encoding="utf-8").strip().splitlines()[1:]
    return {(kind, rule): float(share) for kind, rule, _, share in (line.split("\t") for line in lines)}


def confidence_of(kind: str, rule: str | None) -> float:
    """The confidence of a row of `kind` whose speaker `rule` decided (None: no sieve did)."""
    table = _table()
    return table.get((kind, rule or "none"), table.get((kind, "*"), 0.5))


def quote_confidence(quote: Quote) -> float:
    """`confidence_of` the quote's kind and speaker rule, between 0 and 1."""
    return confidence_of(quote.kind, quote.speaker_rule)

"""Every string inside what a reader yields, for tests that check them all."""
from __future__ import annotations

from typing import Iterator

from medialens.article import Article, Reject, Skip


def strings_in(value) -> Iterator[str]:
    """Every string inside an Article, Reject or Skip (or a dict, list or tuple of them), meta
    values and keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings_in(k)
            yield from strings_in(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from strings_in(v)
    elif isinstance(value, (Article, Reject, Skip)):
        for v in vars(value).values():
            yield from strings_in(v)

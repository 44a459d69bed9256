"""Shared fixtures: the parsed seed article, and a private cache for every test."""
from __future__ import annotations

import json
import pytest

from locations import FIXTURES, SEEDS


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Tests never read or fill the user's cache."""
    monkeypatch.setenv("MEDIALENS_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def nlp():
    from medialens.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((FIXTURES / "000_7c365add9fe75bb6.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory):
    """The five tables of the seed corpus, extracted once per session without cache."""
    from medialens.extract import extract

    return extract(SEEDS, out=tmp_path_factory.mktemp("seed_out"), cache=False, workers=1, progress=False)

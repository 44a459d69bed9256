"""The notebooks as committed, and as run by the plain papermill CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from locations import SEEDS

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs_and_with_one_parameters_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    tagged = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    source = "".join(tagged[0]["source"])
    assert "corpus" in source and "out" in source
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_quote_notebook_runs_under_the_papermill_cli_and_filters_by_kind(tmp_path):
    out = tmp_path / "out"
    nb = Path(__file__).parents[1] / "notebooks" / "02_quotes.ipynb"
    subprocess.run(
        [sys.executable, "-m", "papermill", str(nb), str(tmp_path / "run.ipynb"), "-p", "corpus", str(SEEDS),
         "-p", "out", str(out), "-p", "kinds", "direct", "--no-progress-bar"],
        check=True, cwd=tmp_path, capture_output=True,
    )
    selected = pd.read_csv(out / "quotes_selected.csv")
    assert len(selected) > 0 and set(selected["kind"]) == {"direct"}
    assert (out / "charts" / "quote_kinds.png").stat().st_size > 0
    assert (out / "quotes.parquet").exists()

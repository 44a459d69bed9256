"""medialens as a wheel: built from this checkout, installed into a new virtual environment
with nothing else, and run from a folder that is not a checkout.

This is the slowest test (a minute or more: the install, then five notebooks), so it is one
test. pip's own cache makes repeated installs fast; the versions installed are the ones
requirements.txt pins, so the wheel is tried with the set the rest of the tests use.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from locations import SEEDS
from medialens.paths import is_checkout, notebooks_dir, package_checkout

ROOT = Path(__file__).parents[1]
# What a wheel is built from (see pyproject.toml, setup.py and MANIFEST.in)
SOURCES = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "lib", "notebooks"]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run(cmd: list, cwd: Path, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run a command; on failure, fail the test with the command's own output."""
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def pinned_versions(folder: Path) -> Path:
    """requirements.txt as a pip constraints file: its pins without the editable checkout."""
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    constraints = folder / "constraints.txt"
    constraints.write_text("\n".join(l for l in lines if l.strip() and not l.lstrip().startswith(("#", "-"))) + "\n")
    return constraints


def test_in_a_checkout_the_notebooks_are_its_own():
    assert package_checkout() == ROOT
    assert notebooks_dir() == ROOT / "notebooks"


def test_only_a_medialens_project_counts_as_a_checkout(tmp_path):
    for name in ("medialens", "another"):
        folder = tmp_path / name
        (folder / "notebooks").mkdir(parents=True)
        (folder / "pyproject.toml").write_text(f'[project]\nname = "{name}"\n')
    assert is_checkout(tmp_path / "medialens")
    assert not is_checkout(tmp_path / "another")
    assert not is_checkout(tmp_path)


def test_a_wheel_installed_anywhere_runs_the_report_with_its_own_notebooks(tmp_path):
    # build from a copy, so the checkout gets no build/ or egg-info folder
    src = tmp_path / "src"
    src.mkdir()
    leftovers = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=leftovers)
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, src], cwd=src)
    (wheel,) = dist.glob("medialens-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        packaged = sorted(Path(n).name for n in zf.namelist() if n.startswith("medialens/notebooks/"))
    assert packaged == NOTEBOOKS

    # a new environment with the wheel and what it declares, and nothing of this checkout
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", pinned_versions(tmp_path), wheel],
        cwd=tmp_path)

    # a working folder that is no checkout, with a corpus
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copytree(SEEDS, work / "seeds")
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", JUPYTER_DATA_DIR=str(tmp_path / "jupyter"))

    assert "report" in run([python, "-m", "medialens", "--help"], cwd=work, env=env).stdout
    where = run([python, "-c", "import medialens.paths as p; print(p.notebooks_dir())"], cwd=work, env=env).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # the wheel's own copies, not the checkout's

    run([venv / "bin" / "medialens", "report", "seeds", "--out", "out"], cwd=work, env=env)
    executed = sorted(p.name for p in (work / "out" / "notebooks").glob("*.ipynb"))
    assert executed == NOTEBOOKS and len(executed) == len(NOTEBOOKS) >= 5
    page = (work / "out" / "report.html").read_text(encoding="utf-8")
    assert page.count('<section class="notebook"') == len(NOTEBOOKS)
    assert (work / "out" / "sources.csv").exists()
    assert "No hand annotations cover this corpus" in page  # the checkout's gold is not there: not scored

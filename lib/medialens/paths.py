"""Where things are: the project folder, the default corpus, the outputs folder, the notebooks.

Notebooks run with different working directories (nbval: the notebook's folder; papermill:
the caller's; JupyterLab: the working copies in `outputs/lab/`), so relative paths in
parameters are resolved here, not by the kernel.

medialens is used from a checkout (installed editable, `pip install -e .`) or installed from a
wheel anywhere. A checkout is a folder whose `pyproject.toml` names the project `medialens` and
which has `notebooks/`; an installed wheel carries the notebooks inside the package.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

PROJECT = "medialens"


def is_checkout(folder: Path) -> bool:
    """True when `folder` is a medialens checkout: its pyproject.toml names the project
    medialens and it has a `notebooks/` folder. Another project's pyproject never counts."""
    try:
        with open(folder / "pyproject.toml", "rb") as f:
            name = tomllib.load(f).get("project", {}).get("name")
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return name == PROJECT and (folder / "notebooks").is_dir()


@lru_cache(maxsize=1)
def package_checkout() -> Path | None:
    """The checkout this package was imported from (an editable install: `lib/medialens/`
    inside it), or None for an installed wheel."""
    folder = Path(__file__).resolve().parents[2]
    return folder if is_checkout(folder) else None


def project_root() -> Path:
    """The project folder relative paths are resolved against.

    The checkout the package was imported from; else the nearest checkout at or above the
    current folder (a wheel installed beside a checkout); else the current folder.
    """
    checkout = package_checkout()
    if checkout is not None:
        return checkout
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if is_checkout(folder):
            return folder
    return here


def resolve(path: str | Path) -> Path:
    """An absolute path for a user-given one: as is when it exists from the current folder,
    else relative to the project root (so `seeds` works from `notebooks/` too). A glob is
    returned unchanged, for the corpus reader to expand."""
    p = Path(path).expanduser()
    if any(ch in str(path) for ch in "*?["):
        return p
    if p.is_absolute() or p.exists():
        return p.resolve()
    return project_root() / p


def notebooks_dir() -> Path:
    """The folder of the suite's notebooks (`00_overview.ipynb`, ...).

    In a checkout, its `notebooks/` (what you edit is what runs); in an installed wheel, the
    copies packaged as `medialens/notebooks/`. Never a folder found from the current folder,
    so `medialens report` runs the same notebooks wherever it is started.
    """
    checkout = package_checkout()
    if checkout is not None:
        return checkout / "notebooks"
    packaged = resources.files(PROJECT) / "notebooks"
    # wheels install as plain folders, so this is a real path papermill can open
    return Path(str(packaged))

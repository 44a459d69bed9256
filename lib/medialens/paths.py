"""Where things are: the project folder, the default corpus, the outputs folder.

Notebooks run with different working directories (nbval: the notebook's folder; papermill:
the caller's), so relative paths in parameters are resolved here, not by the kernel.
"""
from __future__ import annotations

from pathlib import Path


def project_root() -> Path:
    """The checkout that holds `pyproject.toml` and `notebooks/` (editable installs), else cwd."""
    for folder in (Path(__file__).resolve().parents[2], *Path.cwd().resolve().parents, Path.cwd().resolve()):
        if (folder / "pyproject.toml").exists() and (folder / "notebooks").is_dir():
            return folder
    return Path.cwd()


def resolve(path: str | Path) -> Path:
    """An absolute path for a user-given one: as is when it exists from the current folder,
    else relative to the project root (so `seeds` works from `notebooks/` too)."""
    p = Path(path).expanduser()
    if p.is_absolute() or p.exists() or any(ch in str(path) for ch in "*?["):
        return p.resolve() if not any(ch in str(path) for ch in "*?[") else p
    return project_root() / p


def notebooks_dir() -> Path:
    return project_root() / "notebooks"

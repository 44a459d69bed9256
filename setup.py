"""Build hook: the notebooks in `notebooks/` go into the wheel as `medialens/notebooks/`.

Everything else is in pyproject.toml. The notebooks stay at the top of the checkout, where
people open them; an installed wheel needs its own copies so `medialens report` runs them from
any folder (`medialens.paths.notebooks_dir`). An editable install reads the checkout's own.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


class build_py_with_notebooks(build_py):
    """setuptools' build_py, then the suite's notebooks copied into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "medialens" / "notebooks"
        self.mkpath(str(target))
        for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
            self.copy_file(str(notebook), str(target / notebook.name))


setup(cmdclass={"build_py": build_py_with_notebooks})

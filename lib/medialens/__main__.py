"""`python -m medialens ARGS`: the `medialens` command, for when its script is not on PATH."""
from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())

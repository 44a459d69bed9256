"""Where the tests' data lives: the seed corpus and the hand-annotated fixtures."""
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).parents[1] / "seeds"

"""Re-exports `medialens.article` names for modules not yet moved to import them from there."""
from .article import block_of, block_spans

__all__ = ["block_of", "block_spans"]

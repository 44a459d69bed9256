"""medialens: entities, quotes and sources in news articles."""
__version__ = "0.1.0"

"""The cue lexicon now lives in `medialens.lexicon.cues`; this name is kept for the modules
that still import it from here."""
from .lexicon.cues import is_cue_lemma

__all__ = ["is_cue_lemma"]

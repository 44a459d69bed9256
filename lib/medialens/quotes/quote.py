"""The `Quote` record and the three quote kinds. A leaf module, so that every rule module can
build quotes without importing the package that runs them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon.quoting import KINDS  # noqa: F401  (re-exported)


@dataclass
class Quote:
    """One attributed quote. Offsets are into the Doc's text (an Article's `text`).

    `speaker` is the mention as written, with titles and appositions (`Dean, a medical
    doctor,`), at `mention_start:mention_end` when that is longer than its core;
    `speaker_start`/`speaker_end` locate the core, the name or head phrase that speaker
    resolution starts from; `cue_start` is the offset of the cue word.
    """

    kind: str
    text: str
    start: int
    end: int
    paragraph: int
    cue: str | None = None
    cue_start: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    speaker_canonical: str = "unknown"
    speaker_type: str = "unknown"
    carried: bool = False
    speaker_affiliation: str | None = None
    speaker_gender: str | None = None
    raw_role: str | None = None  # the role as found at the mention, before the sources package tidies it
    speaker_rule: str | None = None  # the step of speaker resolution that decided the speaker
    decided_by: str = "rule"  # `model` for reported speech the learned model proposed (quotes/proposed.py)
    confidence: float | None = None  # that model's confidence; rule quotes are scored as table rows
    mention_start: int | None = None
    mention_end: int | None = None

    @property
    def in_headline(self) -> bool:
        return self.paragraph == 0

    @property
    def speaker_span(self) -> tuple[int | None, int | None]:
        """Where `speaker`, the mention as written, stands in the text."""
        if self.mention_start is not None:
            return self.mention_start, self.mention_end
        return self.speaker_start, self.speaker_end

    @property
    def words(self) -> int:
        return len(re.findall(r"\w+(?:['\u2019]\w+)?", self.text))

"""Whether a process still runs, for tests that check a run leaves none behind."""
from __future__ import annotations

from pathlib import Path


def alive(pid: int) -> bool:
    """True while process `pid` exists and is not a zombie waiting to be reaped (Linux /proc)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"

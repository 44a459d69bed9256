"""The output folder of a run: one run writes it at a time, and its tables change all together.

A run writes its tables into a staging folder inside `out` (`out/.medialens-run-*`, on the same
file system, so moving a file out of it is a rename). Only when every table is complete, entity
pass included, does it mark the staging folder complete and move each file into place; a run
that fails or is killed before that leaves the previous tables exactly as they were. A run that
is killed while moving the files leaves a complete staging folder behind, and the next run
over the same folder finishes the move before it starts, so the tables are never left mixed
from two runs. Staging folders of runs that died before completing are deleted by the next run.

Two runs writing one folder at once would mix their tables, so the folder is locked
(`out/.medialens.lock`, an advisory `flock`) for the whole run; a second run logs a message
naming the lock and waits for the first to finish (the notebooks of a batch report, run side by
side, each bring their tables up to date in the same folder this way).
"""
from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

LOCK_FILE = ".medialens.lock"
STAGING_PREFIX = ".medialens-run-"
# Written last into a staging folder: from then on its files are the run's result and may be
# moved into place, by this run or, if it is killed while moving them, by the next one.
COMPLETE = "COMPLETE"

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; runs are not protected from each other there
    fcntl = None


class OutputError(OSError):
    """The output folder cannot be written, or another run is writing it; the message says which
    folder and why in one line."""


log = logging.getLogger("medialens")


@contextmanager
def staged_output(out: str | Path) -> Iterator[Path]:
    """Lock `out` (created if needed) and give a fresh staging folder inside it.

    The caller writes its tables into the staging folder and calls `publish` when they are
    all complete; whatever happens, the staging folder is removed and the lock released on exit.
    Waits while another run holds the folder's lock. Raises OutputError naming the folder when
    it cannot be created or written.
    """
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = open(out / LOCK_FILE, "a+b")
    except OSError as e:
        raise OutputError(f"cannot write the tables to {out}: {_why(e)}") from None
    try:
        _lock(lock, out)
        recover(out)
        try:
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        except OSError as e:
            raise OutputError(f"cannot write the tables to {out}: {_why(e)}") from None
        try:
            yield staging
        finally:
            if not (staging / COMPLETE).exists():
                shutil.rmtree(staging, ignore_errors=True)
            # else the move was cut short (the disk, a signal that got through): `recover`, here
            # or in the next run, finishes it from the complete staging folder
            else:
                recover(out)
    finally:
        lock.close()  # closing the file releases the lock


@contextmanager
def settled_output(out: str | Path) -> Iterator[None]:
    """Hold the lock of the existing folder `out` while its tables are read, once the move a
    killed run left unfinished is done, so no run replaces them in between. A folder whose lock
    cannot be taken (read-only, not a folder) is read as it is. Raises OSError when that move
    fails."""
    out = Path(out)
    try:
        lock = open(out / LOCK_FILE, "a+b")
    except OSError:
        yield
        return
    try:
        _lock(lock, out)
        recover(out)
        yield
    finally:
        lock.close()


def _lock(handle, out: Path) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.warning("%s is being written by another medialens run (it holds %s); waiting for it to finish",
                    out, out / LOCK_FILE)
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)


def publish(staging: Path, out: Path) -> None:
    """Move every file of a finished staging folder into `out`, replacing the previous ones.

    Ctrl-C and SIGTERM are held back while the files move (a few renames), so an interrupted
    run never leaves the tables half moved; they take effect as soon as the move is done.
    """
    with _signals_held():
        (staging / COMPLETE).touch()
        _move_all(staging, out)
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no POSIX signal masks (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def recover(out: Path) -> None:
    """Finish the move of a complete staging folder left by a killed run, and delete incomplete
    ones. Call only while holding the lock."""
    # oldest first, so the newest complete run is the one left in place
    for entry in sorted(out.glob(f"{STAGING_PREFIX}*"), key=_age):
        if (entry / COMPLETE).exists():
            _move_all(entry, out)
        shutil.rmtree(entry, ignore_errors=True)


def _age(path: Path) -> tuple[float, str]:
    try:
        return path.stat().st_mtime, path.name
    except OSError:
        return 0.0, path.name


def _move_all(staging: Path, out: Path) -> None:
    for item in sorted(staging.iterdir()):
        if item.name != COMPLETE:
            os.replace(item, out / item.name)


def _why(error: OSError) -> str:
    reasons = {
        FileExistsError: "it is a file, not a folder",
        NotADirectoryError: "a part of the path is a file, not a folder",
    }
    for kind, reason in reasons.items():
        if isinstance(error, kind):
            return reason
    return (error.strerror or type(error).__name__).lower()

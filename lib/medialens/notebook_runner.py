"""A process that executes the notebooks handed to it, one after another, with papermill.

    python -m medialens.notebook_runner

Reads one job per line on standard input, a JSON object `{"notebook", "target", "parameters",
"timeout", "kernel"}`, executes `notebook` into `target` in `target`'s folder, and answers on
standard output with one JSON line, `{"target", "error"}` (`error` None when it ran). It stops
at the end of its input. A report keeps one such process per notebook it runs at a time, so
papermill and what it imports (nbformat's schema checks alone take a second) load once per
process rather than once per notebook; a process runs one notebook at a time, so papermill's
`cwd`, a process-wide chdir, never races.
"""
from __future__ import annotations

import json
import os
import sys


# How often a notebook's kernel is started when it dies before replying (see `run_jobs`).
KERNEL_STARTS = 3
KERNEL_DIED = "Kernel died before replying to kernel_info"


def run_jobs(lines, answer) -> None:
    """Execute each JSON job of `lines` (see the module docstring) and `answer` (a callable
    taking a dict) each one's outcome, in order."""
    import papermill as pm

    for line in lines:
        if not line.strip():
            continue
        job = json.loads(line)
        for attempt in range(KERNEL_STARTS):
            try:
                pm.execute_notebook(job["notebook"], job["target"], parameters=job["parameters"], kernel_name=job["kernel"],
                                    progress_bar=False, cwd=os.path.dirname(job["target"]),
                                    execution_timeout=job["timeout"])
                error = None
            except Exception as exc:  # a notebook's failure is this job's answer, not the process's end
                said = str(exc).strip().splitlines()
                error = f"{type(exc).__name__}: {said[-1]}" if said else type(exc).__name__
                # jupyter_client picks a kernel's ports by binding and releasing them, so two
                # kernels starting at once can take the same port and one dies before its first
                # reply; no cell has run, so starting it again is safe
                if KERNEL_DIED in str(exc) and attempt + 1 < KERNEL_STARTS:
                    continue
            break
        answer({"target": job["target"], "error": error})


def main() -> None:
    # answers go to the real standard output; anything papermill or a library prints goes to
    # standard error instead, so it never mixes with them
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def answer(outcome: dict) -> None:
        replies.write(json.dumps(outcome) + "\n")
        replies.flush()

    run_jobs(sys.stdin, answer)


if __name__ == "__main__":
    main()

"""The Dask engine: the same extraction, mapped over chunks of articles on a cluster.

`medialens extract CORPUS --out DIR --engine dask --scheduler tcp://HOST:8786` reads the corpus
and consults the cache on this machine, sends each chunk of articles still to parse to the
cluster as one task (`extract.extract_chunk`, the function the local engine runs), and writes
the results, in input order, to the same Parquet and CSV tables. Without `--scheduler` a small
`LocalCluster` is started here and stopped at the end.

Every worker must have medialens and the spaCy model installed: the run checks that each
worker has the same library code and model as this machine before sending it anything, since
rows made by other rules would be cached and mixed in silently.
"""
from __future__ import annotations

import logging
from contextlib import ExitStack

from .cache import code_version
from .pipeline import model_id

# The LocalCluster started when no scheduler is given: separate processes (spaCy's parser
# holds the GIL), one thread each, and a memory limit that fits the small pipeline.
LOCAL_WORKERS = 2
LOCAL_MEMORY = "2GiB"


class ClusterMismatch(RuntimeError):
    """Raised when a Dask worker runs other medialens code or another model than this machine."""


def _worker_versions() -> tuple[str, str]:
    return code_version(), model_id()


def dask_client(stack: ExitStack, scheduler: str | None = None):
    """A `distributed.Client` for `scheduler`, or for a LocalCluster started here.

    Both are closed when `stack` closes.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        return stack.enter_context(Client(scheduler))
    cluster = stack.enter_context(
        LocalCluster(
            n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True, memory_limit=LOCAL_MEMORY,
            dashboard_address=None, silence_logs=logging.ERROR,
        )
    )
    return stack.enter_context(Client(cluster))


def check_workers(client) -> int:
    """Number of worker threads; raises ClusterMismatch when a worker's code or model differ."""
    here = _worker_versions()
    try:
        there = client.run(_worker_versions)
    except Exception as e:  # typically: medialens or the model is not installed on a worker
        raise ClusterMismatch(f"a Dask worker cannot run medialens: {type(e).__name__}: {e}") from e
    if not there:
        raise ClusterMismatch("the Dask cluster has no workers")
    for address, versions in there.items():
        if tuple(versions) != here:
            raise ClusterMismatch(
                f"Dask worker {address} runs medialens {versions[0]} with {versions[1]}; this machine runs "
                f"{here[0]} with {here[1]}: install the same medialens and model on every worker"
            )
    return sum(client.nthreads().values())


def dask_submitter(stack: ExitStack, scheduler: str | None = None):
    """`(submit, slots)`: a function sending a list of articles to the cluster as one task
    (returning a future), and the number of tasks the cluster runs at once."""
    from .extract import extract_chunk

    client = dask_client(stack, scheduler)
    slots = check_workers(client)
    # pure=False: two identical chunks are still two pieces of work (their rows are cached apart)
    return (lambda articles: client.submit(extract_chunk, articles, pure=False)), slots

"""The Dask engine: the same extraction on a cluster, the same tables."""
from __future__ import annotations

import pytest
from test_extract import assert_same_tables, write_corpus

from medialens import cli, cluster, engines
from medialens import extract as ex
from medialens.tables import read_tables


def test_dask_engine_on_a_local_cluster_writes_the_same_tables_as_the_local_engine(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "wire", ["01_port_strike", "02_drought", "04_vaccine", "05_floods"])
    local = ex.extract(corpus, out=tmp_path / "local", cache=False, workers=1, progress=False)

    def not_here(articles):
        raise AssertionError("the dask engine parsed in the driver process")

    monkeypatch.setattr(engines, "inline", not_here)
    # the source digest is taken when first needed; take it now, from the files the workers import
    cluster.code_version.cache_clear()
    assert cli.main(["extract", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--no-cache", "-q"]) == 0
    assert_same_tables(local, read_tables(tmp_path / "dask"))
    assert len(local.quotes) >= 6


class _Cluster:
    """Stands in for a `distributed.Client` whose workers report their versions."""

    def __init__(self, versions):
        self.versions = versions

    def run(self, fn):
        return {f"tcp://10.0.0.{n}:4000": v for n, v in enumerate(self.versions, 1)}

    def nthreads(self):
        return {f"tcp://10.0.0.{n}:4000": 2 for n, _ in enumerate(self.versions, 1)}


def test_a_worker_running_other_medialens_code_is_refused_before_any_work():
    here = cluster._worker_versions()
    assert cluster.check_workers(_Cluster([here, here])) == 4
    with pytest.raises(cluster.ClusterMismatch, match="10.0.0.2"):
        cluster.check_workers(_Cluster([here, ("0.0.9+abc", here[1])]))


def test_scheduler_address_selects_the_dask_engine():
    args = cli.build_parser().parse_args(["extract", "seeds", "--out", "o", "--scheduler", "tcp://127.0.0.1:8786"])
    assert args.scheduler == "tcp://127.0.0.1:8786" and args.engine == "local"  # _extract switches to dask
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["extract", "seeds", "--out", "o", "--engine", "spark"])

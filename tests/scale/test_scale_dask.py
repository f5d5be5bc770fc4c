"""The ingest job on a Dask cluster started here (2 worker processes, every
listener on 127.0.0.1, no dashboard): the parse steps run in the workers and
the tables equal those of an in-process run over the same files."""
from __future__ import annotations

import os

import pytest
from dagster import DagsterInstance

from pipeline.defs.run import run_ingest, run_summary
from pipeline.defs.executors import DASK, ExecutorChoice
from pipeline.tables.publish import all_table_info

from scale_helpers import all_tables

pytestmark = pytest.mark.slow          # a Dask cluster

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

LOOPBACK = "tcp://127.0.0.1:"


@pytest.fixture
def cluster():
    # workers start the parse pool's processes: they must not be daemons
    with dask.config.set({"distributed.worker.daemon": False}):
        with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                      host="127.0.0.1", dashboard_address=None) as c:
            yield c


def parse_step_pids(result) -> dict[str, int]:
    return {e.step_key: e.event_specific_data.metadata["pid"].value
            for e in result.all_events
            if e.is_successful_output and ".parse_" in (e.step_key or "")}


def test_ingest_on_dask_equals_a_local_run(sample_raw, tmp_path, cluster):
    local = run_ingest(sample_raw, tmp_path / "local", instance=DagsterInstance.ephemeral())
    assert local.success

    with distributed.Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
        addresses = [cluster.scheduler_address, *client.scheduler_info()["workers"]]
    assert len(worker_pids) == 2
    assert all(a.startswith(LOOPBACK) for a in addresses), addresses
    assert cluster.dashboard_link is None or "127.0.0.1" in cluster.dashboard_link

    home = tmp_path / "dagster_home"
    home.mkdir()
    # no compute-log capture: it runs a `tail -F` per step and stops it with SIGTERM, which
    # the workers' children ignore once earlier tests of the session have run, so each step
    # then waits 30 s for its tail to exit (the suite's other ingests use no such capture)
    (home / "dagster.yaml").write_text(
        "compute_logs:\n  module: dagster._core.storage.noop_compute_log_manager\n"
        "  class: NoOpComputeLogManager\n", encoding="utf-8")
    choice = ExecutorChoice(kind=DASK, shards=2, dask_address=cluster.scheduler_address)
    result = run_ingest(sample_raw, tmp_path / "dask", executor=choice,
                        instance=DagsterInstance.local_temp(str(home)))
    assert result.success

    pids = parse_step_pids(result)
    assert set(pids) == {"parsed_documents.parse_0", "parsed_documents.parse_1"}
    assert set(pids.values()) <= worker_pids and os.getpid() not in pids.values()

    assert run_summary(result)["documents_added"] == run_summary(local)["documents_added"] > 0
    assert all_tables(tmp_path / "dask") == all_tables(tmp_path / "local")
    assert {i.name: i.version for i in all_table_info(tmp_path / "dask")} == \
        {i.name: i.version for i in all_table_info(tmp_path / "local")}


def test_executor_follows_the_environment(monkeypatch):
    monkeypatch.setenv("VNPLAN_EXECUTOR", "dask")
    monkeypatch.delenv("VNPLAN_DASK_ADDRESS", raising=False)
    monkeypatch.delenv("VNPLAN_PARSE_SHARDS", raising=False)
    choice = ExecutorChoice.from_env()
    assert (choice.kind, choice.shards, choice.dask_address) == ("dask", 4, None)
    local = choice.local_dask_cluster()
    assert (local["host"], local["dashboard_address"], local["processes"]) == \
        ("127.0.0.1", None, True)
    assert choice.executor_def().name == "dask"
    monkeypatch.setenv("VNPLAN_EXECUTOR", "threads")
    with pytest.raises(ValueError, match="VNPLAN_EXECUTOR"):
        ExecutorChoice.from_env()
    monkeypatch.delenv("VNPLAN_EXECUTOR")
    assert ExecutorChoice.from_env() == ExecutorChoice()

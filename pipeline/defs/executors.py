"""Which executor runs the ingest job, and over how many parse steps (from the environment).

- VNPLAN_EXECUTOR=in_process (the default): one process; one batch flows step
  to step, a process per step would cost more than it saves;
- VNPLAN_EXECUTOR=multiprocess: a process per step (the parse shards run side
  by side);
- VNPLAN_EXECUTOR=dask: dagster-dask's executor, on the scheduler at
  VNPLAN_DASK_ADDRESS (`tcp://host:8786`), or else on a local cluster of
  VNPLAN_DASK_WORKERS (2) worker processes listening on 127.0.0.1 only;
- VNPLAN_EXECUTOR=k8s: dagster-k8s's `k8s_job_executor`, a Kubernetes Job per
  step (install the `deploy` extra; configured by the run launcher, see
  docs/deploy.md).

VNPLAN_PARSE_SHARDS sets the number of parse steps (default 1 in process,
4 otherwise).
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from dagster import in_process_executor, multiprocess_executor

EXECUTOR_ENV, SHARDS_ENV = "VNPLAN_EXECUTOR", "VNPLAN_PARSE_SHARDS"
DASK_ADDRESS_ENV, DASK_WORKERS_ENV = "VNPLAN_DASK_ADDRESS", "VNPLAN_DASK_WORKERS"
IN_PROCESS, MULTIPROCESS, DASK, K8S = "in_process", "multiprocess", "dask", "k8s"
EXECUTORS = (IN_PROCESS, MULTIPROCESS, DASK, K8S)
LOOPBACK = "127.0.0.1"
DEFAULT_SHARDS = {IN_PROCESS: 1, MULTIPROCESS: 4, DASK: 4, K8S: 8}


@dataclass(frozen=True)
class ExecutorChoice:
    """Which executor runs the ingest job, and over how many parse steps."""

    kind: str = IN_PROCESS
    shards: int = 1
    dask_address: str | None = None     # an existing scheduler; None: a local cluster
    dask_workers: int = 2

    def __post_init__(self):
        if self.kind not in EXECUTORS:
            raise ValueError(f"{EXECUTOR_ENV}={self.kind!r}: one of {', '.join(EXECUTORS)}")

    @classmethod
    def from_env(cls) -> "ExecutorChoice":
        kind = os.environ.get(EXECUTOR_ENV, "").strip() or IN_PROCESS
        shards = os.environ.get(SHARDS_ENV, "").strip()
        return cls(kind=kind, shards=int(shards) if shards else DEFAULT_SHARDS.get(kind, 1),
                   dask_address=os.environ.get(DASK_ADDRESS_ENV, "").strip() or None,
                   dask_workers=int(os.environ.get(DASK_WORKERS_ENV, "").strip() or 2))

    @property
    def in_process(self) -> bool:
        return self.kind == IN_PROCESS

    def local_dask_cluster(self) -> dict:
        """LocalCluster arguments: worker processes, every listener on loopback, no dashboard."""
        return {"n_workers": self.dask_workers, "processes": True, "threads_per_worker": 1,
                "host": LOOPBACK, "dashboard_address": None}

    def executor_def(self):
        if self.kind == IN_PROCESS:
            return in_process_executor
        if self.kind == MULTIPROCESS:
            return multiprocess_executor
        if self.kind == K8S:
            from dagster_k8s import k8s_job_executor
            return k8s_job_executor
        from dagster_dask import dask_executor
        cluster = ({"existing": {"address": self.dask_address}} if self.dask_address
                   else {"local": self.local_dask_cluster()})
        return dask_executor.configured({"cluster": cluster})

    def as_kwargs(self) -> dict:
        return asdict(self)

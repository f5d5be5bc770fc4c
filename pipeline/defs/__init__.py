"""The Dagster floor: definitions by domain over the Dagster-free library.

`definitions` is the code location (`dagster dev -m pipeline.defs.definitions`);
each domain is a folder of assets, checks, jobs, sensors and schedules
(`ingest`, `references`, `quality`, `reports`); `resources` and `executors`
serve them all; `run` executes the ingest job from Python (the CLI, benchmarks).
"""

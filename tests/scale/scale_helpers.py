"""Helpers of the scale tests: tables compared without their clock columns."""
from __future__ import annotations

from pipeline.tables.publish import read_table
from pipeline.tables.schemas import TABLES
from pipeline.tables import SORT_KEYS

# columns set from the clock of the run (ingestion time): differ between two runs
CLOCK_COLUMNS = frozenset({"first_seen", "last_seen"})


def comparable(root, name: str, version: int | None = None) -> list[dict]:
    """The table's rows, clock columns dropped, in a fixed order."""
    table = read_table(root, name, version)
    keep = [c for c in table.column_names if c not in CLOCK_COLUMNS]
    table = table.select(keep)
    keys = [k for k in SORT_KEYS.get(name, (TABLES[name].key,)) if k in keep]
    if table.num_rows:
        table = table.sort_by([(k, "ascending") for k in keys])
    return table.to_pylist()


def all_tables(root) -> dict[str, list[dict]]:
    """Every table's rows but the runs log (its run ids and times are each run's own)."""
    return {name: comparable(root, name) for name in TABLES if name != "runs"}

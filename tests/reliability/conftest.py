"""Fixtures of the reliability tests (helpers live in reliability_helpers.py,
file builders in bad_files.py)."""
from __future__ import annotations

import pytest

from reliability_helpers import Zygote


@pytest.fixture(scope="session")
def zygote():
    """A warm process that forks ingest runs (see zygote.py)."""
    z = Zygote()
    yield z
    z.close()

"""`vnplan ui` (what `make ui` runs) stops Dagster cleanly on SIGTERM and SIGINT,
also started in the background of a script (SIGINT ignored), and its instance
does not show the first-visit community pop-up."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from users_fixtures import REPO

pytestmark = pytest.mark.slow          # starts the Dagster webserver and daemon
START_S, STOP_S = 180, 40


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_home(home: Path) -> list[int]:
    """Processes whose environment names this DAGSTER_HOME (the UI's whole tree)."""
    mark = f"DAGSTER_HOME={home}".encode()
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if mark in (d / "environ").read_bytes().split(b"\0"):
                    found.append(int(d.name))
            except OSError:
                continue
    return found


def _ignore_sigint():          # what `cmd &` in a non-interactive shell does
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_ui_stops_on_a_signal(tmp_path, sig):
    home, raw = tmp_path / "dagster_home", tmp_path / "raw"
    raw.mkdir()
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "VNPLAN_RAW_DIR": str(raw),
           "VNPLAN_PROCESSED_DIR": str(tmp_path / "processed")}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "ui", "--port", str(port)],
                            env=env, cwd=REPO, preexec_fn=_ignore_sigint,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_S
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
                assert time.monotonic() < deadline, "the UI did not start"
                time.sleep(1)
        assert (home / "dagster.yaml").is_file()           # the repository's settings
        query = json.dumps({"query": "{ shouldShowNux }"}).encode()
        answer = urllib.request.urlopen(urllib.request.Request(
            f"http://127.0.0.1:{port}/graphql", data=query,
            headers={"Content-Type": "application/json"}), timeout=30)
        assert json.load(answer)["data"]["shouldShowNux"] is False
        started = time.monotonic()
        proc.send_signal(sig)
        assert proc.wait(STOP_S) == 0
        assert time.monotonic() - started < STOP_S
        time.sleep(1)
        assert _with_home(home) == []                      # webserver and daemon gone too
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _with_home(home):
            os.kill(pid, signal.SIGKILL)

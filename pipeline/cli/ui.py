"""`vnplan ui`: the Dagster UI (`dagster dev -w workspace.yaml`) that stops when asked.

`dagster dev` maps SIGTERM to whatever SIGINT does (for Kubernetes); started in
the background of a script (`make ui &`), SIGINT is ignored, so SIGTERM was
ignored too, and its webserver and daemon then waited a minute each before
being killed. This command runs `dagster dev` in its own process group with
SIGINT and SIGTERM at their defaults, and on SIGTERM or SIGINT asks it to stop
(SIGINT: it shuts its webserver and daemon down), waits up to GRACE_S, then
kills the whole group: it never outlives its caller.

DAGSTER_HOME defaults to the repository's dagster_home/; an instance folder
without a dagster.yaml gets the repository's (telemetry and the first-visit
"Join the Dagster community" pop-up off).
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.tables.storage import REPO_ROOT

GRACE_S = 20.0            # `dagster dev` stops its webserver and daemon in a few seconds
POLL_S = 0.2
INSTANCE_YAML = REPO_ROOT / "dagster_home" / "dagster.yaml"


def add_ui_subcommand(subparsers) -> None:
    p = subparsers.add_parser("ui", help="the Dagster UI (assets, checks, sensor, schedule)",
                              description="Run `dagster dev` on the vnplan code location; "
                                          "SIGTERM or SIGINT (Ctrl-C) stops it and its "
                                          "webserver and daemon.")
    p.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    p.add_argument("--port", type=int, default=3000, help="default: 3000")
    p.set_defaults(func=cmd_ui)


def instance_home() -> Path:
    """DAGSTER_HOME (default dagster_home/), with a dagster.yaml in it."""
    home = Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / "dagster_home").expanduser()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists() and INSTANCE_YAML.is_file():
        shutil.copyfile(INSTANCE_YAML, home / "dagster.yaml")
    return home


def _defaults() -> None:
    """In the child before exec: SIGINT and SIGTERM at their defaults (not ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(proc: subprocess.Popen, grace_s: float) -> None:
    """Ask `dagster dev` to stop, then kill its process group if it has not."""
    for sig, wait_s in ((signal.SIGINT, grace_s), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig) if sig == signal.SIGKILL else proc.send_signal(sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=wait_s)
            break
        except subprocess.TimeoutExpired:
            continue
    try:                                   # the webserver and daemon go with it
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_ui(args: list[str], grace_s: float = GRACE_S) -> int:
    """Run `dagster dev ARGS` until it exits or SIGTERM/SIGINT arrives."""
    home = instance_home()
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    asked: list[int] = []

    def on_signal(signum, frame):
        asked.append(signum)

    old = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        proc = subprocess.Popen([sys.executable, "-m", "dagster", "dev", *args], env=env,
                                cwd=REPO_ROOT, start_new_session=True, preexec_fn=_defaults)
        while proc.poll() is None and not asked:
            time.sleep(POLL_S)
        if proc.poll() is None:
            print(f"vnplan ui: stopping Dagster ({signal.Signals(asked[0]).name})",
                  file=sys.stderr, flush=True)
            _stop(proc, grace_s)
            return 0
        return proc.returncode
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def cmd_ui(args: argparse.Namespace) -> int:
    return run_ui(["-w", str(REPO_ROOT / "workspace.yaml"), "-h", args.host,
                   "-p", str(args.port)])

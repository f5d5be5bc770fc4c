"""Headless Chromium for the tests (Debian's `chromium`, installed by `make
system-deps`): a page rendered to PNG, and its DOM after rendering. The flags
keep it offline (no background networking, updates, sync) with a fresh
profile each time; a test skips when Chromium is not installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")
TIMEOUT_S = 120


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (make system-deps installs it)")
    return path


def _run(url: str, *args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="vnplan-chromium-") as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, timeout=TIMEOUT_S)


def screenshot(url: str, png: Path, width: int = 1400, height: int = 1800) -> Path:
    """The page at `url` (a file:// or http:// URL) rendered to `png`."""
    done = _run(url, f"--window-size={width},{height}", f"--screenshot={png}")
    assert png.is_file(), done.stderr.decode(errors="replace")[-2000:]
    return png


def dom(url: str) -> str:
    """The page's DOM as Chromium built it."""
    done = _run(url, "--dump-dom")
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done.stdout.decode("utf-8")

"""Headless Chromium from Debian's packages, for the review page's browser test.

``ensure_chromium`` is idempotent: with ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``
present it does nothing; otherwise it installs Debian's ``chromium`` and ``chromium-driver``
with apt-get (running ``apt-get update`` first only if the install cannot find them). Nothing
is downloaded from anywhere but the system's package archive, and a machine where that fails
raises ``BrowserUnavailable``, which the test turns into a failure, never a skip.

Run ``python -m tests.browser`` to install ahead of the test run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PACKAGES = ["chromium", "chromium-driver"]
# Flags known to work on these machines: no sandbox as root, no GPU, and no background traffic
# (there is no network beyond the package archives here).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class BrowserUnavailable(RuntimeError):
    """Chromium is missing and could not be installed from the system packages."""


def ensure_chromium() -> float:
    """Install chromium and its driver if missing; returns the seconds the install took."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return 0.0
    if os.geteuid() != 0:
        raise BrowserUnavailable(
            f"{CHROMIUM} or {CHROMEDRIVER} is missing and this user cannot install them: "
            f"run `sudo apt-get install -y {' '.join(PACKAGES)}`"
        )
    started = time.monotonic()
    install = ["apt-get", "install", "-y", *PACKAGES]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if _run(install, env) != 0:
        # A fresh machine has no package lists yet: fetch them once, then try again.
        _run(["apt-get", "update"], env)
        if _run(install, env) != 0:
            raise BrowserUnavailable(f"`{' '.join(install)}` failed; see the output above")
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        raise BrowserUnavailable(
            f"installed {PACKAGES} but {CHROMIUM} or {CHROMEDRIVER} is missing"
        )
    return time.monotonic() - started


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator[WebDriver]:
    """A headless Chromium driven through Debian's chromedriver, with a fresh profile."""
    ensure_chromium()
    with tempfile.TemporaryDirectory(prefix="review-chromium-") as profile:
        options = Options()
        options.binary_location = str(CHROMIUM)
        for flag in [*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]:
            options.add_argument(flag)
        # Giving the driver's path skips Selenium Manager, which would try to download one.
        driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
        try:
            yield driver
        finally:
            driver.quit()


def _run(command: list[str], env: dict[str, str]) -> int:
    print("+", " ".join(command), flush=True)
    try:
        return subprocess.run(command, env=env, timeout=900, check=False).returncode
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"{command[0]}: {exc}", flush=True)
        return 1


if __name__ == "__main__":
    print(f"chromium ready ({ensure_chromium():.1f}s spent installing)")

"""Real-browser fixtures: Debian's Chromium driven by Playwright, against the real server.

The dashboard is started the way a user starts it (the installed
`timeline-dashboard` script, as a subprocess on a free port of 127.0.0.1);
its log is printed when it fails to come up. Every test records the page's
network requests and console: a request to another host or a console error
fails the test. Without Chromium the tests skip with the reason, unless `CI`
is set: then they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import missing

import timeline

CHROMIUM = Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 45.0
LOCAL_SCHEMES = ("data", "blob", "about", "file")
"""Schemes that never reach the network."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def require_chromium() -> None:
    if CHROMIUM.is_file():
        return
    missing(f"Chromium is not at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    require_chromium()
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True,
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900},
            "accept_downloads": True, "locale": "en-GB"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dashboard_script() -> str:
    found = shutil.which("timeline-dashboard", path=str(Path(sys.executable).parent)) or \
        shutil.which("timeline-dashboard")
    assert found, "the `timeline-dashboard` script is not installed: pip install -e '.[test]'"
    return found


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    process.kill()
    pytest.fail(f"timeline-dashboard did not come up at {url} (exit status {process.poll()}); "
                f"its output:\n{log.read_text(encoding='utf-8', errors='replace')}")


@pytest.fixture(scope="session")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Start `timeline-dashboard --claims PATH` and return its base URL; stopped at the end."""
    processes: list[subprocess.Popen] = []

    def start(claims: Path) -> str:
        port = free_port()
        log = tmp_path_factory.mktemp("server") / "dashboard.log"
        with log.open("w") as stream:  # a file, not a pipe: the request log must never block
            process = subprocess.Popen(
                [dashboard_script(), "--claims", str(claims), "--port", str(port)],
                stdout=stream, stderr=subprocess.STDOUT)
        processes.append(process)
        url = f"http://127.0.0.1:{port}/"
        wait_until_serving(url, process, log)
        return url

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def bundled() -> timeline.Dataset:
    """The bundled claims: expectations are computed from them, never hard-coded."""
    return timeline.load(timeline.bundled_claims_path())


@pytest.fixture(scope="session")
def app_url(serve, bundled: timeline.Dataset) -> str:
    return serve(Path(bundled.path))


class PageLog:
    """What the page did: every request URL, and console errors and uncaught exceptions."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES
                and urlsplit(url).hostname != "127.0.0.1"]


@pytest.fixture(autouse=True)
def page_log(request: pytest.FixtureRequest) -> Iterator[PageLog]:
    """Record the page's traffic and console; fail if it left 127.0.0.1 or logged an error."""
    log = PageLog()
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.on("request", lambda req: log.requests.append(req.url))
        page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error"
                else None)
        page.on("pageerror", lambda error: log.errors.append(f"uncaught: {error}"))
    yield log
    assert log.foreign_requests() == [], "requests left 127.0.0.1"
    assert log.errors == [], "the browser console has errors"

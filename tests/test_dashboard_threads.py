"""The dashboard under a threaded server (gunicorn --threads, as docs/deploying.md runs it)."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

from dashboard.app import create_app


def test_a_threaded_server_serves_the_scripts_to_its_first_requests_at_once(write_claims):
    """Dash sets an app up on its first request, marking that done before it registers its
    scripts: requests arriving together on a new worker's threads were refused them."""
    path = write_claims()
    page = create_app(path).server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', page)
    assert scripts
    for _ in range(3):
        server = create_app(path).server
        start = threading.Barrier(len(scripts))

        def fetch(url: str, server=server, start=start) -> int:
            client = server.test_client()
            start.wait()
            return client.get(url).status_code

        with ThreadPoolExecutor(len(scripts)) as pool:
            assert set(pool.map(fetch, scripts)) == {200}

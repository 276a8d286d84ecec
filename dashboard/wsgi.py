"""WSGI entry point: `gunicorn -w 2 -b 127.0.0.1:8050 dashboard.wsgi:server`.

The claims come from $TIMELINE_CLAIMS, else ./claims.yaml, else the bundled
copy (as for every `timeline` command). An invalid file stops the worker with
the validator's messages.
"""

from __future__ import annotations

from dashboard.app import create_app

app = create_app()
server = app.server

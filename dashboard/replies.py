"""Whole callback replies, kept per claims file and request, served again without Dash.

Every server callback of the dashboard is a pure function of the request's body
(its inputs and state) and the claims file (see `dashboard.answers`): the same
body against the same file always gets the same reply. So a reply is kept, as
the bytes Dash sent, under the file's digest and a hash of the body, and the
same request later is answered from it before Dash parses anything: no JSON
decoding, no callback, no serialising a figure again. This is the cache an HTTP
proxy would keep if callbacks were GETs. Bounded in bytes per app (so per
gunicorn worker), least recently used first out; a saved file changes the
digest, so replies to the old file are never served again and age out.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from dash import Dash
from flask import Response, g, request

from dashboard.answers import Answers
from dashboard.live import LiveDataset

REPLY_BYTES = 32 * 2**20
"""Kept per worker: some hundreds of views' replies at 10,000 claims (a chart's reply
is tens to hundreds of kilobytes, see `timeline.lod`), thousands on a small file."""


class Reply(NamedTuple):
    body: bytes
    status: int
    mimetype: str | None


def keep_replies(app: Dash, live: LiveDataset, kept_bytes: int = REPLY_BYTES) -> None:
    """Answer repeated callback requests from kept replies (call once per app)."""
    path = app.config.requests_pathname_prefix + "_dash-update-component"
    replies: Answers[Reply] = Answers(kept_bytes, weigh=lambda reply: len(reply.body))

    @app.server.before_request
    def reply_again() -> Response | None:
        if request.method != "POST" or request.path != path:
            return None
        key = (live.current().digest, hashlib.sha256(request.get_data()).digest())
        kept = replies.find(key)
        if kept is None:
            g.reply_key = key
            return None
        return Response(kept.body, status=kept.status, mimetype=kept.mimetype)

    @app.server.after_request
    def keep(response: Response) -> Response:
        key = g.pop("reply_key", None)
        if key is not None and response.status_code in (200, 204):
            replies.keep(key, Reply(response.get_data(), response.status_code,
                                    response.mimetype))
        return response

"""Security headers on every response.

The page loads nothing from other hosts, so the Content-Security-Policy allows
only this origin: scripts from files plus Dash's one inline bootstrap script,
pinned by its hash. Styles must allow inline `style` attributes and elements
(plotly and AG Grid set them at run time). Only `/embed` may be framed by
other sites; every other page refuses to be framed (clickjacking).
"""

from __future__ import annotations

from dash import Dash
from flask import Response, request

POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
          "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
          "frame-ancestors {ancestors}")


def content_security_policy(app: Dash, embeddable: bool) -> str:
    hashes = " ".join(app.csp_hashes())  # already quoted: 'sha256-…'
    return POLICY.format(hashes=hashes, ancestors="*" if embeddable else "'none'")


def add_security_headers(app: Dash) -> None:
    """Register the headers on the app's Flask server (call once per app)."""

    @app.server.after_request
    def secure(response: Response) -> Response:
        embeddable = app.strip_relative_path(request.path) == "embed"
        response.headers["Content-Security-Policy"] = content_security_policy(app, embeddable)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not embeddable:
            response.headers["X-Frame-Options"] = "DENY"
        return response

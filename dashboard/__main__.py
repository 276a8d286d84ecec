"""`timeline-dashboard` (or `python -m dashboard`): serve the dashboard locally.

Binds 127.0.0.1 by default; debug and Dash's dev tools stay off unless
`--debug`. An invalid claims file stops the start with the validator's
messages, one `file:line: claim <id>: message` per line, and exit status 1
(2 when the file cannot be read at all, as for `timeline`).
"""

from __future__ import annotations

from pathlib import Path

import click

from dashboard.app import create_app
from timeline import ClaimsError
from timeline.cli import claims_location, claims_option


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@claims_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 shares the dashboard with your network.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535))
@click.option("--debug", is_flag=True, help="Dash dev tools and auto-reload (never on a server).")
def main(claims_path: Path | None, host: str, port: int, debug: bool) -> None:
    """Serve the position-timeline dashboard: stance timeline, claims, CSV and charts."""
    try:
        app = create_app(claims_location(claims_path, always=True))
    except ClaimsError as error:
        for line in error.report_lines():
            click.echo(line, err=True)
        raise SystemExit(error.exit_status) from None
    click.echo(f"Position timeline dashboard: http://{host}:{port}/", err=True)
    app.run(host=host, port=port, debug=debug, dev_tools_disable_version_check=True)


if __name__ == "__main__":
    main()

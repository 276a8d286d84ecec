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
from timeline import ClaimsError, UnreadableFile

EXIT_INVALID, EXIT_USAGE = 1, 2


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--claims", "claims_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Claims file [default: $TIMELINE_CLAIMS, ./claims.yaml, "
              "or the bundled copy].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; 0.0.0.0 shares the dashboard with your network.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(1, 65535))
@click.option("--debug", is_flag=True, help="Dash dev tools and auto-reload (never on a server).")
def main(claims_path: Path | None, host: str, port: int, debug: bool) -> None:
    """Serve the position-timeline dashboard: stance timeline, claims, CSV and charts."""
    try:
        app = create_app(claims_path)
    except ClaimsError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        if not isinstance(error, UnreadableFile):
            count = len(error.problems)
            click.echo(f"{count} problem{'s' * (count != 1)} found", err=True)
        status = EXIT_USAGE if isinstance(error, UnreadableFile) else EXIT_INVALID
        raise SystemExit(status) from None
    click.echo(f"Position timeline dashboard: http://{host}:{port}/", err=True)
    app.run(host=host, port=port, debug=debug, dev_tools_disable_version_check=True)


if __name__ == "__main__":
    main()

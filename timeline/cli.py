"""The `timeline` command: thin click commands over the library.

Each command checks its arguments, calls the library and renders the result.
Bad data exits 1 with one `path:line: claim <id>: message` line per problem;
unusable arguments or unreadable files exit 2. Never a traceback.
"""

from __future__ import annotations

import functools
import gc
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

import timeline
from timeline.dataset import LIST_SEPARATOR
from timeline.dates import PartialDate
from timeline.overlaps import nested_quotes
from timeline.paths import find_claims, sources_folder
from timeline.problems import ClaimsError
from timeline.schema import json_schema
from timeline.shift_rule import rule_text
from timeline.verify import quote_locations, verify_also_in, verify_quotes

if TYPE_CHECKING:  # commands import pandas and plotly when they run: `validate`, `verify`,
    import pandas as pd  # `schema` and `--help` start without them (a second or so)

    from timeline.filters import ClaimFilter

EXIT_INVALID, EXIT_USAGE = 1, 2


class TimelineGroup(click.Group):
    """Turns library errors into messages and exit codes instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClaimsError as error:
            for line in error.report_lines():
                click.echo(line, err=True)
            ctx.exit(error.exit_status)
        except BrokenPipeError:  # `timeline export | head`
            sys.stderr.close()
            ctx.exit(0)


def claims_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--claims FILE and --sample, passed on as `claims_path` (None: find it)."""

    @functools.wraps(command)
    def wrapper(claims_path: Path | None, sample: bool, **kwargs: Any) -> Any:
        if sample and claims_path is not None:
            raise click.UsageError("give --claims or --sample, not both")
        return command(claims_path=SAMPLE if sample else claims_path, **kwargs)

    wrapper = click.option("--sample", is_flag=True,
                           help="Read the bundled sample dataset.")(wrapper)
    return click.option(
        "--claims", "claims_path", type=click.Path(dir_okay=False, path_type=Path),
        default=None, help="Claims file [default: $TIMELINE_CLAIMS, else claims.yaml here "
        "or in a folder above, else the bundled sample].")(wrapper)


SAMPLE = Path("<sample>")
"""What `--sample` passes on as the claims path."""


OUTPUT_PATH = click.Path(dir_okay=False, allow_dash=True, path_type=Path)
STDOUT = Path("-")
"""`-o -`: standard output, as Unix tools read a dash."""


def output_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-o", "--output", type=OUTPUT_PATH,
                        help="Write to FILE (atomically) instead of standard output.")(command)


def _partial_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Any:
    try:
        return None if value is None else PartialDate.parse(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filter flags shared by export, chart and report; passes `claim_filter`."""
    options = [
        click.option("--topic", "topics", multiple=True, help="Topic id (repeatable)."),
        click.option("--speaker", "speakers", multiple=True, help="Speaker id (repeatable)."),
        click.option("--source", "sources", multiple=True, help="Source id (repeatable)."),
        click.option("--since", callback=_partial_date, help="Said on or after YYYY[-MM[-DD]]."),
        click.option("--until", callback=_partial_date, help="Said on or before YYYY[-MM[-DD]]."),
        click.option("--search", default="", help="Text in quote, translation or summary."),
    ]

    @functools.wraps(command)
    def wrapper(topics: tuple[str, ...], speakers: tuple[str, ...], sources: tuple[str, ...],
                since: PartialDate | None, until: PartialDate | None, search: str,
                **kwargs: Any) -> Any:
        claim_filter = timeline.ClaimFilter(topics, speakers, sources, since, until, search)
        return command(claim_filter=claim_filter, **kwargs)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def claims_location(claims_path: Path | None, always: bool = False) -> Path:
    """The claims file `--claims`/`--sample` ask for, else the one found. Says on standard
    error which file was found, and why when it is the sample: a file the user did not
    name is never read silently (`always`: name a named one too)."""
    location = find_claims(None if claims_path in (None, SAMPLE) else claims_path,
                           sample=claims_path == SAMPLE)
    if location.notice:
        click.echo(f"timeline: {location.notice}", err=True)
    elif always or claims_path is None:
        click.echo(f"timeline: reading {location.path}", err=True)
    return location.path


def load_dataset(claims_path: Path | None) -> timeline.Dataset:
    """Load the claims file (see `claims_location`), printing validation notes
    (deprecated fields) on standard error."""
    dataset = timeline.load(claims_location(claims_path))
    for note in dataset.notes:
        click.echo(str(note), err=True)
    return dataset


def filtered_frame(dataset: timeline.Dataset, claim_filter: ClaimFilter) -> pd.DataFrame:
    unknown = claim_filter.unknown_values(dataset)
    if unknown:
        raise click.UsageError("; ".join(unknown))
    return claim_filter.apply(dataset.frame())


def emit(content: str | bytes, output: Path | None) -> None:
    if output is None or output == STDOUT:
        click.echo(content, nl=False)
        return
    try:
        timeline.write_atomic(output, content)
    except OSError as error:
        raise click.FileError(str(output), error.strerror) from None


@click.group(cls=TimelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="position-timeline")
def main() -> None:
    """Curated claim records: how stated views shift over time, with the evidence."""


def run() -> None:
    """The `timeline` console script: `main`, then the end of the process without the
    garbage collector's last search for cycles among every object left (pydantic's
    schemas, the records), a measured part of a quick command's time (see
    docs/performance.md) that frees nothing the system does not reclaim when the
    process ends. Objects are still freed as their last reference goes."""
    try:
        main()
    finally:
        gc.freeze()


@main.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@claims_option
@output_option
def validate(path: Path | None, claims_path: Path | None, output: Path | None) -> None:
    """Check a claims file; print every problem as FILE:LINE: claim ID: MESSAGE."""
    try:
        dataset = load_dataset(path or claims_path)
        nested = nested_quotes(dataset)
        if nested:
            raise ClaimsError(nested)
    except ClaimsError as error:
        if output in (None, STDOUT):
            raise
        fail_with(error.report_lines(), output, error.exit_status)
    counts = ", ".join(counted(len(records), name) for records, name in (
        (dataset.claims, "claim"), (dataset.topics, "topic"), (dataset.speakers, "speaker"),
        (dataset.sources, "source"), (dataset.events, "event"), (dataset.codings, "coding"))
        if records or name not in ("event", "coding"))
    emit(f"{dataset.path}: OK — {counts}, {date_span(dataset)}\n", output)


def fail_with(lines: list[str], output: Path | None, status: int) -> NoReturn:
    """A failed check's lines: to standard error, or with `-o` to the file (for a CI
    artefact); then the check's exit status."""
    if output in (None, STDOUT):
        for line in lines:
            click.echo(line, err=True)
    else:
        emit("".join(f"{line}\n" for line in lines), output)
    raise SystemExit(status)


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Start a dataset in FOLDER: a claims file with one example, its source, a codebook."""
    from timeline.starter import FolderNotEmpty, create_dataset

    try:
        written = create_dataset(folder)
    except (FolderNotEmpty, OSError) as error:
        raise _UnusableArgument(str(error)) from None
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && timeline validate && timeline verify && "
               "timeline-dashboard")


def date_span(dataset: timeline.Dataset) -> str:
    """First → last claim date, in the order `Dataset.frame` sorts the claims."""
    if not dataset.claims:
        return "no dates"
    dates = sorted(dataset.claims, key=lambda claim: (claim.date.start, claim.date.end, claim.id))
    return f"{dates[0].date} → {dates[-1].date}"


@main.command()
@output_option
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the claims file (for editors and CI)."""
    import json  # here: no other command needs it, and `validate` starts on every save

    emit(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output)


def table_format_option(command: Callable[..., Any]) -> Callable[..., Any]:
    command = click.option("--by", type=click.Choice(["organization", "speaker"]),
                           default="organization", show_default=True,
                           help="Group claims by organization or by speaker.")(command)
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                        default="table", show_default=True)(command)


def shift_rule_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--min-step, --reversal-share and --coder-noise/--no-coder-noise, passed on as the
    `rule` for the dataset (DATA.md, "Shifts")."""
    from timeline.shift_rule import MIN_STEP, REVERSAL_SHARE

    @functools.wraps(command)
    def wrapper(min_step: float, reversal_share: float, coder_noise: bool, **kwargs: Any) -> Any:
        return command(rule_settings=(min_step, reversal_share, coder_noise), **kwargs)

    options = [
        click.option("--min-step", type=click.FloatRange(min=0), default=MIN_STEP,
                     show_default=True, help="Least move of the mean stance that is a shift."),
        click.option("--reversal-share", type=click.FloatRange(0, 1, max_open=True),
                     default=REVERSAL_SHARE, show_default=True, help="A reversal needs more "
                     "than this share of each point's codes on its side of zero."),
        click.option("--coder-noise/--no-coder-noise", default=True, show_default=True,
                     help="Where the data has second codings, a move smaller than the "
                     "topic's mean coder disagreement is no shift."),
    ]
    for option in options:
        wrapper = option(wrapper)
    return wrapper


def rule_for(dataset: timeline.Dataset, settings: tuple[float, float, bool]
             ) -> timeline.ShiftRule:
    from timeline.shift_rule import dataset_shift_rule

    return dataset_shift_rule(dataset, *settings)


def render_table(table: pd.DataFrame, fmt: str, footer: str = "") -> str:
    """`table` as CSV, JSON or a text table; a text table ends with `footer`, if any."""
    if fmt == "csv":
        from timeline.export import table_csv

        return table_csv(table)
    if fmt == "json":
        return table.to_json(orient="records", force_ascii=False, indent=2) + "\n"
    if not len(table):
        return "(no rows)\n"
    ids = [column for column in table.columns if column.endswith("_id")]
    shown = table.assign(**{column: table[column].map(first_of_several) for column in ids})
    # wider tables wrap into blocks of columns; CSV and JSON carry the full ids
    text = shown.to_string(index=False, line_width=TERMINAL_WIDTH - 2) + "\n"
    return text + (f"\n{textwrap.fill(footer, TERMINAL_WIDTH - 2)}\n" if footer else "")


TERMINAL_WIDTH = 100
ID_WIDTH = 32
"""Characters of an id a terminal table shows (the rest as …)."""


def first_of_several(ids: str) -> str:
    """`a;b;c` as `a (+2)`: a point of many claims, readable in a terminal's table."""
    first, *rest = ids.split(LIST_SEPARATOR)
    more = f" (+{len(rest)})" if rest else ""
    room = ID_WIDTH - len(more)
    return (first if len(first) <= room else first[:room - 1] + "…") + more


@main.command()
@claims_option
@filter_options
@table_format_option
@shift_rule_options
@output_option
def shifts(claims_path: Path | None, claim_filter: ClaimFilter, by: str, fmt: str,
           rule_settings: tuple[float, float, bool], output: Path | None) -> None:
    """List stance moves: each point against the previous one per group and topic, with
    the claims on each side and the move's kind (reversal, shift, drift or steady)."""
    dataset = load_dataset(claims_path)
    rule = rule_for(dataset, rule_settings)
    table = timeline.detect_shifts(filtered_frame(dataset, claim_filter), by, rule)  # type: ignore[arg-type]
    emit(render_table(table, fmt, footer=rule_text(rule)), output)


@main.command()
@claims_option
@filter_options
@table_format_option
@shift_rule_options
@output_option
def summary(claims_path: Path | None, claim_filter: ClaimFilter, by: str, fmt: str,
            rule_settings: tuple[float, float, bool], output: Path | None) -> None:
    """Then vs. now: first and latest stance per topic, net change and its kind."""
    dataset = load_dataset(claims_path)
    rule = rule_for(dataset, rule_settings)
    table = timeline.topic_summary(filtered_frame(dataset, claim_filter), by, rule)  # type: ignore[arg-type]
    emit(render_table(table, fmt, footer=rule_text(rule)), output)


@main.command()
@claims_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonld"]), default="csv",
              show_default=True)
@click.option("--excel", is_flag=True, help="CSV with a BOM so Excel shows Chinese correctly.")
@output_option
def export(claims_path: Path | None, claim_filter: ClaimFilter, fmt: str, excel: bool,
           output: Path | None) -> None:
    """Export the (filtered) claims as CSV, JSON or JSON-LD."""
    dataset = load_dataset(claims_path)
    frame = filtered_frame(dataset, claim_filter)
    if fmt == "csv":
        text = timeline.claims_csv(frame, excel=excel)
    elif fmt == "json":
        text = timeline.claims_json(frame, dataset)
    else:
        text = timeline.claims_jsonld(frame, dataset)
    emit(text, output)


def topics_or_headline(dataset: timeline.Dataset, claim_filter: ClaimFilter) -> list[str]:
    """The filter's topics, else the dashboard's default lanes (one chart, two outputs)."""
    from timeline.figures import default_topics

    return list(claim_filter.topics) or default_topics(dataset)


CHART_FORMATS = ["png", "svg", "pdf", "html"]


def chart_format(output: Path) -> str:
    """The format a file name asks for (`.svg`, `.PDF`, `.htm`), else PNG."""
    suffix = output.suffix.lower().lstrip(".")
    return "html" if suffix == "htm" else suffix if suffix in CHART_FORMATS else "png"


@main.command()
@claims_option
@filter_options
@shift_rule_options
@click.option("--format", "fmt", type=click.Choice(CHART_FORMATS),
              help="[default: from the file name's extension, else png]")
@click.option("--width", type=click.IntRange(200, 8000), default=1200, show_default=True,
              help="Width in CSS pixels.")
@click.option("--height", type=click.IntRange(200, 8000), help="Height [default: fits the lanes "
              "and the title and source lines].")
@click.option("--scale", type=click.FloatRange(0.25, 8), default=1.0, show_default=True,
              help="Pixel density for PNG (2 = retina).")
@click.option("--plotlyjs", help="HTML only: reference this plotly.js URL/path instead of "
              "inlining it.")
@click.option("--events/--no-events", default=True, show_default=True,
              help="Draw the events the sources name on the lanes they concern.")
@click.option("--link-base", metavar="URL", help="The dashboard's address: the chart links to "
              "this view there [default: the dataset header's url, when it has one].")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path),
              help="FILE, a folder, or - for standard output [default: a name that says what "
              "the chart shows, e.g. open-source_2024-02_2026-01.png, here].")
def chart(claims_path: Path | None, claim_filter: ClaimFilter, fmt: str | None, width: int,
          height: int | None, scale: float, plotlyjs: str | None, link_base: str | None,
          events: bool, rule_settings: tuple[float, float, bool], output: Path | None) -> None:
    """Save the stance timeline (default: the featured topics) as PNG, SVG, PDF or HTML,
    with its title, filters, sources, credit and a link to the view drawn on it; rings
    mark shifts by the rule the options set (DATA.md, "Shifts")."""
    from timeline.figures import WEBGL_MAX_SIDE
    from timeline.images import ImageExportError, figure_html, figure_image
    from timeline.publication import chart_filter, file_name, published_chart

    dataset = load_dataset(claims_path)
    frame = filtered_frame(dataset, claim_filter)
    lanes = topics_or_headline(dataset, claim_filter)
    shown = chart_filter(claim_filter, lanes)
    if output is None or output.is_dir():
        named = file_name(dataset, shown.apply(frame), shown, fmt or "png")
        output = (output or Path()) / named
        click.echo(f"timeline: writing {output}", err=True)
    fmt = fmt or chart_format(output)
    # images draw SVG markers (vector, and kaleido's WebGL canvas is 2 x scale times the
    # image); a page only while its canvas fits (see WEBGL_MAX_SIDE)
    webgl = fmt == "html" and max(width, height or 0) <= WEBGL_MAX_SIDE
    base = dataset.header.url if link_base is None and dataset.header else link_base
    fig = published_chart(dataset, frame, lanes, claim_filter, base or "", width, webgl, height,
                          events, rule_for(dataset, rule_settings))
    if fmt == "html":
        fig.update_layout(width=width)
        emit(figure_html(fig, plotlyjs), output)
        return
    try:
        image = figure_image(fig, fmt, width, None, scale)  # type: ignore[arg-type]
    except ImageExportError as error:
        raise click.ClickException(str(error)) from None
    emit(image, output)


@main.command()
@claims_option
@filter_options
@shift_rule_options
@click.option("-o", "--output", required=True, type=OUTPUT_PATH, help="FILE, or - for "
              "standard output.")
def report(claims_path: Path | None, claim_filter: ClaimFilter,
           rule_settings: tuple[float, float, bool], output: Path) -> None:
    """Write one standalone, offline HTML report (then vs. now, charts, shifts, claims) on
    every topic, the featured ones first, unless --topic says which."""
    from timeline.report import report_html, report_topics

    dataset = load_dataset(claims_path)
    frame = filtered_frame(dataset, claim_filter)
    emit(report_html(dataset, frame, report_topics(dataset, claim_filter),
                     claim_filter=claim_filter, rule=rule_for(dataset, rule_settings)), output)


@main.command()
@claims_option
@click.option("--sources", "sources_dir", envvar="TIMELINE_SOURCES",
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with the source texts [env: TIMELINE_SOURCES; default: the "
              "header's `sources`, else sources/ beside the claims file].")
@click.option("--locations", is_flag=True, help="Also print where each quote was found: its "
              "source's line and the nearest heading above it.")
@output_option
def verify(claims_path: Path | None, sources_dir: Path | None, locations: bool,
           output: Path | None) -> None:
    """Check that every claim's and event's quote occurs verbatim in its source's text file."""
    dataset = load_dataset(claims_path)
    if sources_dir is None:
        sources_dir = sources_folder(dataset.path, dataset.header and dataset.header.sources)
        if not sources_dir.is_dir():
            raise _UnusableArgument(f"no source texts at {sources_dir}: give --sources DIR, "
                                    "or name the folder in the header's `sources`")
    misses = verify_quotes(dataset, sources_dir) + verify_also_in(dataset, sources_dir)
    found = [str(f.problem(dataset.path, dataset.lines.get(f.record)))
             for f in quote_locations(dataset, sources_dir)] if locations else []
    if misses:
        if found and output in (None, STDOUT):
            click.echo("\n".join(found))
        fail_with((found if output not in (None, STDOUT) else []) +
               [str(miss.problem(dataset.path)) for miss in misses], output, EXIT_INVALID)
    repeats = sum(len(claim.also_in) for claim in dataset.claims)
    events = f", all {len(dataset.events)} event quotes" if dataset.events else ""
    emit("".join(f"{line}\n" for line in found) +
         f"all {len(dataset.claims)} quotes found verbatim in {sources_dir}{events}, and "
         f"all {repeats} also_in repeats\n", output)


@main.command()
@claims_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--table", "part", type=click.Choice(["agreement", "confusion", "disagreements"]),
              default="agreement", show_default=True, help="CSV only: which table.")
@click.option("--round", "coding_round", type=click.IntRange(min=1),
              help="The coding round [default: the latest].")
@click.option("--coder", "coders", multiple=True,
              help="Only this coder's codings (repeatable) [default: every coder].")
@output_option
def reliability(claims_path: Path | None, claim_filter: ClaimFilter, fmt: str, part: str,
                coding_round: int | None, coders: tuple[str, ...], output: Path | None
                ) -> None:
    """How far coders agree: Krippendorff's alpha (ordinal), exact and within-one agreement
    per topic and overall, the confusion table and every disagreement with both notes."""
    from timeline.reliability import TooFewCodings
    from timeline.reliability import reliability as measure
    from timeline.reliability_text import reliability_json, reliability_table

    dataset = load_dataset(claims_path)
    try:
        unknown = set(coders) - {c.coder for c in dataset.codings}
        if unknown:
            raise click.UsageError(f"no codings by {', '.join(sorted(unknown))}")
        result = measure(dataset, filtered_frame(dataset, claim_filter), coding_round, coders)
    except TooFewCodings as error:
        click.echo(f"timeline: {error}", err=True)
        raise SystemExit(EXIT_INVALID) from None
    if fmt == "csv":
        table = getattr(result, part)
        emit(table.to_csv(index=part == "confusion", lineterminator="\n"), output)
    else:
        emit(reliability_json(result) if fmt == "json" else reliability_table(result), output)


class _UnusableArgument(click.ClickException):
    """One `Error: …` line and exit 2, like every argument a command cannot use."""

    exit_code = EXIT_USAGE


@main.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@click.option("--source", "source_id", help="Source id [default: the source whose `file` is "
              "TRANSCRIPT's name].")
@click.option("--speaker", "speaker_id", help="Keep only this speaker's turns [default: every "
              "known speaker's, and unattributed answers (A：)].")
@click.option("--label", help="The text's label for --speaker's turns when it does not name "
              "them (e.g. 'Speaker 2', '说话人 1').")
@click.option("--top", type=click.IntRange(min=0), help="How many candidates to print (0: all) "
              "[default: 20, or one candidate in five when that is more].")
@claims_option
@output_option
def suggest(transcript: Path, source_id: str | None, speaker_id: str | None, label: str | None,
            top: int | None, claims_path: Path | None, output: Path | None) -> None:
    """Suggest claims from a transcript, as ranked YAML stubs to paste into claims.yaml.

    Keeps the speaker's own turns, drops passages already quoted and ranks the rest by
    the topics' keywords; `stance: null` is yours to code. Never writes claims.yaml.
    """
    from timeline.suggest import SuggestError, render_stubs, resolve, shown, suggest_claims

    dataset = load_dataset(claims_path)
    try:
        text = transcript.read_text(encoding="utf-8-sig")
        source, speaker = resolve(dataset, transcript.name, source_id, speaker_id)
        candidates = shown(suggest_claims(text, dataset, source, speaker, label=label), top)
    except OSError as error:
        raise _UnusableArgument(f"cannot read {transcript}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise _UnusableArgument(f"{transcript} is not UTF-8 text — save it as UTF-8") from None
    except SuggestError as error:
        raise _UnusableArgument(str(error)) from None
    emit(render_stubs(candidates, transcript.name), output)

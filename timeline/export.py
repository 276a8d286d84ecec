"""CSV, JSON and JSON-LD renderings of the filtered claims, and atomic file writing.

Quotes come from the open web, so text cells that a spreadsheet would run as a
formula are neutralised; files are replaced atomically so an interrupted
export never leaves half a file where a good one was.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from timeline.analysis import GroupBy, detect_shifts
from timeline.dataset import LIST_SEPARATOR, Dataset
from timeline.schema import Event, Source, Speaker

EXPORT_COLUMNS = [
    "id", "date", "speaker", "organization", "topic", "stance", "quote", "translation",
    "summary", "source", "source_title", "source_date", "location",
    "date_precision", "speaker_name", "topic_label", "stance_note", "source_url", "also_in",
    "tags", "language", "translated_from", "close_call", "coders", "date_start", "date_end",
]
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would evaluate (`=HYPERLINK(…)`) with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def export_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The exported columns; `date_start`/`date_end` as ISO days, which spreadsheets and
    pandas read as dates as they are (`date` keeps the precision it was given)."""
    table = frame[EXPORT_COLUMNS].copy()
    for column in ("date_start", "date_end"):
        table[column] = table[column].dt.strftime("%Y-%m-%d")
    return table


def claims_csv(frame: pd.DataFrame, excel: bool = False) -> str:
    """The export's CSV text; `excel` adds a BOM so Excel reads the Chinese as UTF-8."""
    table = export_table(frame)
    text_columns = [c for c in EXPORT_COLUMNS if c != "stance"]
    table[text_columns] = table[text_columns].map(neutralise)
    return (BOM if excel else "") + table.to_csv(index=False, lineterminator="\n")


def table_csv(table: pd.DataFrame) -> str:
    """CSV for derived tables (shifts, summaries); ids and dates only, nothing to neutralise."""
    return table.to_csv(index=False, lineterminator="\n")


def claims_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Plain dicts for JSON: list fields as lists, nothing else transformed."""
    records = export_table(frame).to_dict(orient="records")
    for record in records:
        for field in ("also_in", "tags"):
            record[field] = record[field].split(LIST_SEPARATOR) if record[field] else []
    return records


def claims_json(frame: pd.DataFrame, dataset: Dataset) -> str:
    """The dataset's header, the (filtered) claims and the events of their topics."""
    document = {"dataset": dataset_record(dataset), "claims": claims_records(frame),
                "events": [e.model_dump(mode="json", exclude_defaults=True)
                           for e in events_for(dataset, set(frame["topic"]))]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def dataset_record(dataset: Dataset) -> dict[str, Any]:
    header = dataset.header.model_dump(mode="json", exclude_none=True) if dataset.header else {}
    return {**header, "title": dataset.title, "language": dataset.language}


def events_for(dataset: Dataset, topics: set[str]) -> list[Event]:
    """The events that concern any of `topics` (an event naming no topic concerns all)."""
    return [e for e in dataset.events if not e.topics or topics.intersection(e.topics)]


JSONLD_CONTEXT: list[Any] = [
    "https://schema.org",
    {"tl": "urn:position-timeline:vocab:",
     "shiftsFrom": {"@id": "tl:shiftsFrom", "@type": "@id"}},
]


def claims_jsonld(frame: pd.DataFrame, dataset: Dataset, by: GroupBy = "organization") -> str:
    """schema.org `Claim`s, plus `shiftsFrom` links to the claim(s) each one shifts from."""
    shifted_from = _shift_links(frame, by)
    graph = [_jsonld_claim(row, dataset, shifted_from.get(row["id"], []))
             for row in frame.to_dict(orient="records")]
    graph += [_jsonld_event(e, dataset) for e in events_for(dataset, set(frame["topic"]))]
    document = {"@context": JSONLD_CONTEXT, "@graph": graph}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _shift_links(frame: pd.DataFrame, by: GroupBy) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for row in detect_shifts(frame, by).itertuples():
        for target in row.to_id.split(LIST_SEPARATOR):
            links[target] = row.from_id.split(LIST_SEPARATOR)
    return links


def _jsonld_claim(row: dict[str, Any], dataset: Dataset, shifts_from: list[str]) -> dict[str, Any]:
    appearance = _appearance(dataset.source[row["source"]], dataset)
    claim = {
        "@type": "Claim", "@id": f"#{row['id']}", "identifier": row["id"],
        "text": row["quote"], "inLanguage": row["language"], "description": row["summary"],
        "datePublished": row["date"], "appearance": appearance,
        "author": _jsonld_agent(dataset.speaker[row["speaker"]]),
        "about": {"@type": "Thing", "identifier": row["topic"], "name": row["topic_label"]},
        "tl:stance": row["stance"], "tl:stanceNote": row["stance_note"],
    }
    if row["translation"]:
        claim["tl:translation"] = {"@value": row["translation"], "@language": dataset.language}
    if row["location"]:
        claim["tl:location"] = row["location"]
    if shifts_from:
        claim["shiftsFrom"] = [f"#{ident}" for ident in shifts_from]
    return claim


def _appearance(source: Source, dataset: Dataset) -> dict[str, Any]:
    return {"@type": "CreativeWork", "name": source.title, "publisher": source.outlet,
            "inLanguage": dataset.source_language[source.id],
            **({"datePublished": str(source.published)} if source.published else {}),
            **({"url": source.url} if source.url else {})}


def _jsonld_agent(speaker: Speaker) -> dict[str, Any]:
    """A `Person` with their affiliation, or an `Organization` speaking as one."""
    agent: dict[str, Any] = {"@type": "Organization" if speaker.kind == "organization"
                             else "Person", "name": speaker.name}
    if speaker.names:
        agent["alternateName"] = list(speaker.names.values())
    if speaker.role:
        agent["jobTitle" if speaker.kind == "person" else "description"] = speaker.role
    if speaker.organization and speaker.organization != speaker.name:
        agent["affiliation" if speaker.kind == "person" else "parentOrganization"] = {
            "@type": "Organization", "name": speaker.organization}
    return agent


def _jsonld_event(event: Event, dataset: Dataset) -> dict[str, Any]:
    """An `Event` with the source that names it and the words it names it with."""
    return {"@type": "Event", "@id": f"#{event.id}", "identifier": event.id,
            "name": event.label, "startDate": str(event.date),
            "about": [{"@type": "Thing", "identifier": t} for t in event.topics],
            "subjectOf": _appearance(dataset.source[event.source], dataset),
            "tl:quote": event.quote}


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 minus the umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str],
                 content: str | bytes | Callable[[BinaryIO], object]) -> None:
    """Write text (as UTF-8), bytes, or what `content(stream)` writes to a temporary file
    beside `path`, then rename it in (a writer need not hold the whole file in memory)."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(content):
                content(stream)
            else:
                stream.write(content.encode("utf-8") if isinstance(content, str) else content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

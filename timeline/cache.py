"""A cache of validated datasets, keyed by the file's content hash.

Validating 100,000 claims takes seconds; a dashboard restarted on an unchanged
file should not pay that again. The key covers the file's bytes and the
code that validates and tabulates them, so any edit — or a new version of the
rules or of the table's columns — validates afresh.
Entries are pickles written by this library into the user's own cache folder;
a cache that cannot be read or written is simply skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from timeline.dataset import Dataset
from timeline.export import write_atomic
from timeline.load import parse_claims, read_bytes
from timeline.schema import json_schema

ENTRY_FORMAT = "3"
"""Changed whenever what an entry holds changes shape (2: records share their sets of
given fields; 3: keyed by the code too), so entries written before are validated afresh."""
BUILT_BY = ("schema.py", "validate.py", "load.py", "dataset.py", "languages.py", "dates.py")
"""The modules whose code decides what an entry holds: the records and the frame."""


def code_key(code: bytes) -> str:
    """What every entry's key starts from: the entry format, the code that builds an
    entry, and the schema."""
    schema = json.dumps(json_schema(), sort_keys=True).encode()
    return hashlib.sha256(ENTRY_FORMAT.encode() + code + schema).hexdigest()


def built_by_code() -> bytes:
    return b"".join((Path(__file__).parent / name).read_bytes() for name in BUILT_BY)


_SCHEMA_KEY = code_key(built_by_code())


def cache_folder() -> Path:
    """$TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/position-timeline, else ~/.cache/…"""
    if os.environ.get("TIMELINE_CACHE_DIR"):
        return Path(os.environ["TIMELINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "position-timeline"


def load_cached(path: str | os.PathLike[str], folder: Path | None = None) -> Dataset:
    """Like `load_claims`, but reuses the validated dataset when the bytes are unchanged."""
    data = read_bytes(Path(path))
    key = hashlib.sha256(_SCHEMA_KEY.encode() + data).hexdigest()
    entry = (folder or cache_folder()) / f"{key}.pickle"
    cached = _read(entry)
    if cached is not None:
        return cached.read_from(str(path))  # the same bytes may sit under another name
    dataset = parse_claims(data, str(path))
    dataset.frame()  # cached on the dataset, so the entry holds the table too (seconds at 100k)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, lambda stream: pickle.dump(  # streamed: a 100k entry is ~100 MB
            dataset, stream, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only home or a full disk only costs the next start some time
    return dataset


def _read(entry: Path) -> Dataset | None:
    try:
        with entry.open("rb") as stream:
            value = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return value if isinstance(value, Dataset) else None

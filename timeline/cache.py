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
import subprocess
import sys
from pathlib import Path

from timeline.dataset import Dataset
from timeline.export import write_atomic
from timeline.load import parse_claims, read_bytes
from timeline.problems import ClaimsError
from timeline.schema import json_schema

try:  # where there is no fcntl (Windows), processes starting at once each validate
    import fcntl
except ImportError:  # pragma: no cover - depends on the system
    fcntl = None  # type: ignore[assignment]

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
    """Like `load_claims`, but reuses the validated dataset when the bytes are unchanged.

    A large file missing from the cache is validated by a separate process that writes
    the entry, which this one then reads (see `build_apart`)."""
    data = read_bytes(Path(path))
    key = hashlib.sha256(_SCHEMA_KEY.encode() + data).hexdigest()
    entry = (folder or cache_folder()) / f"{key}.pickle"
    cached = _read(entry)
    if cached is None and len(data) >= APART_BYTES and build_apart(data, str(path), entry):
        cached = _read(entry)
    if cached is not None:
        return cached.read_from(str(path))  # the same bytes may sit under another name
    dataset = build(data, str(path))
    write_entry(entry, dataset)
    return dataset


APART_BYTES = 8 * 2**20
"""Files from this size (some 10,000 claims) are validated for the cache in a process of
their own. Parsing and validating keeps every value of the file and its line numbers at
once; the interpreter rarely gives that memory back to the system, so a dashboard that
validated 100,000 claims itself would hold it for as long as it runs. Reading the entry
back costs far less. A smaller file is not worth starting Python for."""


def build(data: bytes, path: str) -> Dataset:
    """The dataset of `data` with its table made, as an entry holds it."""
    dataset = parse_claims(data, path)
    dataset.frame()  # cached on the dataset, so the entry holds the table too (seconds at 100k)
    return dataset


def write_entry(entry: Path, dataset: Dataset) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, lambda stream: pickle.dump(  # streamed: a 100k entry is ~100 MB
            dataset, stream, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only home or a full disk only costs the next start some time


def build_apart(data: bytes, path: str, entry: Path) -> bool:
    """Have a child process validate `data` and write its `entry`; whether it did.

    Processes starting on one new file at once (a server's workers) take turns, so one
    validates and the others read its entry. An invalid file, a cache that cannot be
    written or a child that fails leaves the caller to validate it in-process, which
    reports the problems as always.
    """
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with open(entry.parent / "building.lock", "wb") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if entry.exists():
                return True
            here = str(Path(__file__).resolve().parent.parent)  # the child runs this code
            paths = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
            done = subprocess.run([sys.executable, "-m", "timeline.cache", path, str(entry)],
                                  input=data, capture_output=True, check=False,
                                  env={**os.environ, "PYTHONPATH": paths})
    except OSError:
        return False
    return done.returncode == 0


def main(argv: list[str]) -> int:
    """`python -m timeline.cache PATH ENTRY`: validate the bytes on stdin (the file PATH's)
    and write their cache entry to ENTRY; exit 1 when they are invalid."""
    path, entry = argv
    try:
        dataset = build(sys.stdin.buffer.read(), path)
    except ClaimsError:
        return 1
    write_entry(Path(entry), dataset)
    return 0


def _read(entry: Path) -> Dataset | None:
    try:
        with entry.open("rb") as stream:
            value = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return value if isinstance(value, Dataset) else None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

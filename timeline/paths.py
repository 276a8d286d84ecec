"""Where the claims file and its source texts are when the user does not say.

The claims file: `$TIMELINE_CLAIMS`, else `claims.yaml` in the working folder or
the nearest folder above it (as git finds its repository), else the sample
shipped inside the package, with a notice: a user outside any dataset must see
that they are looking at the sample, not their own data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ENV_VAR = "TIMELINE_CLAIMS"
CLAIMS_NAME = "claims.yaml"
SOURCES_NAME = "sources"
"""The folder of source texts beside a claims file, when its header names none."""


@dataclass(frozen=True)
class ClaimsLocation:
    path: Path
    notice: str = ""
    """Why this file, when the user did not name it and it is not theirs."""


def bundled_claims_path() -> Path:
    """The packaged sample; in a source checkout, the repository's own claims.yaml."""
    packaged = Path(str(resources.files("timeline").joinpath("data", CLAIMS_NAME)))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / CLAIMS_NAME


def find_claims(given: str | os.PathLike[str] | None = None, sample: bool = False,
                start: Path | None = None) -> ClaimsLocation:
    """The claims file to read: `given`, the sample when asked, else as the module says."""
    if given is not None:
        return ClaimsLocation(Path(given))
    if sample:
        return ClaimsLocation(bundled_claims_path())
    if os.environ.get(ENV_VAR):
        return ClaimsLocation(Path(os.environ[ENV_VAR]))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CLAIMS_NAME).is_file():
            return ClaimsLocation(folder / CLAIMS_NAME)
    return ClaimsLocation(bundled_claims_path(), f"no {CLAIMS_NAME} in {here} or a folder "
                          "above it: showing the bundled sample (use --claims FILE, "
                          "or `timeline init DIR` to start a dataset)")


def default_claims_path() -> Path:
    return find_claims().path


def sources_folder(claims_path: str | os.PathLike[str], declared: str | None) -> Path:
    """The source texts' folder: the header's (relative to the claims file), else
    `sources/` beside the claims file."""
    return Path(claims_path).resolve().parent / (declared or SOURCES_NAME)

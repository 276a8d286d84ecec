"""Where the claims file is when the user does not say.

Order: `$TIMELINE_CLAIMS`, then `./claims.yaml`, then the copy shipped inside
the installed package (so `pip install .` gives a working tool anywhere).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

ENV_VAR = "TIMELINE_CLAIMS"


def bundled_claims_path() -> Path:
    """The packaged dataset; in a source checkout, the repository's own claims.yaml."""
    packaged = Path(str(resources.files("timeline").joinpath("data", "claims.yaml")))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "claims.yaml"


def default_claims_path() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    local = Path("claims.yaml")
    return local if local.is_file() else bundled_claims_path()

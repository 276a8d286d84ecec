"""`timeline init`: a working dataset to start from, in a new folder.

The starter is a real example (a public-domain speech, its excerpt and one claim
from it), so `validate`, `verify` and the dashboard work on it at once and a
curator sees every part of the format filled in before replacing it.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

STARTER_FILES = ("claims.yaml", "CODEBOOK.md", "sources")


class FolderNotEmpty(Exception):
    """The folder holds files: `init` never overwrites a curator's work."""


def create_dataset(folder: Path) -> list[Path]:
    """Copy the starter into `folder` (made if missing, else it must be empty); the
    paths written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FolderNotEmpty(f"{folder} is not an empty folder: init writes only into a new "
                             "or empty one")
    folder.mkdir(parents=True, exist_ok=True)
    starter = resources.files("timeline").joinpath("starter")
    with resources.as_file(starter) as source:
        for name in STARTER_FILES:
            if (source / name).is_dir():
                shutil.copytree(source / name, folder / name)
            else:
                shutil.copy2(source / name, folder / name)
    return sorted(p for p in folder.rglob("*") if p.is_file())

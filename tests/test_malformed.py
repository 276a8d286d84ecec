"""Every malformed file in tests/malformed/ gets its specific `file:line: message` and exit 1.

Each file's first line says what it must produce: `# expect: LINE: MESSAGE`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

FOLDER = Path(__file__).parent / "malformed"
CASES = sorted(FOLDER.glob("*.yaml"))


def test_the_folder_holds_enough_cases():
    assert len(CASES) >= 20


def expected(path: Path) -> str:
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("# expect: "), f"{path.name} lacks its '# expect:' line"
    return header.removeprefix("# expect: ")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_validate_reports_the_specific_problem(path: Path):
    result = run_cli("validate", path.name, cwd=FOLDER)
    assert result.returncode == 1, result.stderr
    assert f"{path.name}:{expected(path)}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert result.stdout == ""

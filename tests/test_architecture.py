"""Dependencies flow one way: dashboard → timeline. A scan of imports keeps it so."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    found = sorted((ROOT / package).rglob("*.py"))
    assert found, f"no modules found in {package}/"
    return found


def test_library_never_imports_the_dashboard_or_dash():
    for path in modules("timeline"):
        assert not imports_of(path) & {"dashboard", "dash", "dash_ag_grid"}, path


def test_only_the_cli_imports_click():
    users = {p.name for p in modules("timeline") if "click" in imports_of(p)}
    assert users <= {"cli.py"}, users

"""The `timeline` command, run as a user runs it (the installed console script)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pandas as pd
from conftest import CLAIMS, ROOT, claim, claims_document, require_sources, run_cli

import timeline
from timeline.analysis import SHIFT_COLUMNS
from timeline.schema import json_schema


def test_validate_clean_file_prints_a_summary(write_claims):
    path = write_claims()
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"{path}: OK — 2 claims, 2 topics, 2 speakers, 2 sources, "
                             "2024-02 → 2025-07\n")


def test_validate_accepts_the_path_as_option_too(write_claims):
    assert run_cli("validate", "--claims", str(write_claims())).returncode == 0


def test_invalid_data_exits_1_and_lists_every_problem(write_claims):
    path = write_claims(claims_document([
        claim("x-1", "2024-02", 7, source="talk-2024"),
        claim("x-2", "2024-02", 1, topic="nope", source="talk-2024"),
    ]))
    result = run_cli("shifts", "--claims", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith(f"{path}:") and "claim x-1: stance 7" in line for line in lines)
    assert any("claim x-2: unknown topic 'nope'" in line for line in lines)
    assert lines[-1] == "2 problems found" and "Traceback" not in result.stderr


def test_unreadable_file_and_bad_arguments_exit_2(tmp_path, write_claims):
    missing = run_cli("validate", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "cannot read file" in missing.stderr
    folder = run_cli("validate", str(tmp_path))
    assert folder.returncode == 2 and "Traceback" not in folder.stderr
    path = str(write_claims())
    assert run_cli("export", "--claims", path, "--since", "someday").returncode == 2
    unknown = run_cli("export", "--claims", path, "--topic", "open-sorce")
    assert unknown.returncode == 2 and "did you mean 'open-source'" in unknown.stderr
    assert run_cli("export", "--claims", path, "--format", "xml").returncode == 2


def test_shifts_csv(write_claims):
    result = run_cli("shifts", "--claims", str(write_claims()), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        ",".join(SHIFT_COLUMNS),
        "Moonshot AI,open-source,yang-2024-closed,yang-2025-open,2024-02,2025-07,1,1,-2.0,1.0,"
        "3.0,reversal"]


def test_shifts_take_the_rule_from_options_and_say_it_under_a_table(write_claims):
    path = str(write_claims())
    strict = run_cli("shifts", "--claims", path, "--format", "json", "--min-step", "3.5")
    assert [row["kind"] for row in json.loads(strict.stdout)] == ["drift"]
    table = run_cli("shifts", "--claims", path, "--no-coder-noise").stdout
    assert "\nshift: the mean stance moved at least 1 step" in table
    refused = run_cli("shifts", "--claims", path, "--reversal-share", "1")
    assert refused.returncode == 2 and "--reversal-share" in refused.stderr


def test_summary_json(write_claims):
    result = run_cli("summary", "--claims", str(write_claims()), "--format", "json",
                     "--by", "speaker")
    rows = json.loads(result.stdout)
    assert [(r["group"], r["kind"], r["net_change"]) for r in rows] == [
        ("yang-zhilin", "reversal", 3.0)]


def test_tables_fit_a_terminal_and_name_the_first_of_several_claims():
    """On the bundled data a point often stands for ten claims: the table names the first
    and counts the rest (CSV and JSON keep every id)."""
    for command in ("shifts", "summary"):
        result = run_cli(command, "--claims", str(CLAIMS))
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(map(len, lines)) <= 300, command  # was 1,000 and more
        assert re.search(r"yang-2024-\S+ \(\+\d+\)", result.stdout), command


def test_shifts_and_summary_take_the_export_filters(write_claims):
    path = str(write_claims())
    assert run_cli("shifts", "--claims", path, "--format", "csv", "--until", "2024"
                   ).stdout.splitlines() == [",".join(SHIFT_COLUMNS)]
    rows = json.loads(run_cli("summary", "--claims", path, "--format", "json",
                              "--topic", "open-source", "--since", "2025").stdout)
    assert [(r["first_id"], r["points"]) for r in rows] == [("yang-2025-open", 1)]


def test_export_filters_and_writes_atomically(tmp_path, write_claims):
    out = tmp_path / "claims.csv"
    result = run_cli("export", "--claims", str(write_claims()), "--since", "2025", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    frame = pd.read_csv(out)
    assert frame["id"].tolist() == ["yang-2025-open"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_search_matches_chinese_and_english(write_claims):
    path = str(write_claims())
    for text in ("引文yang-2024", "summary YANG-2024"):
        result = run_cli("export", "--claims", path, "--search", text)
        assert pd.read_csv(io.StringIO(result.stdout))["id"].tolist() == ["yang-2024-closed"]


def test_export_json_and_jsonld(write_claims):
    path = str(write_claims())
    document = json.loads(run_cli("export", "--claims", path, "--format", "json").stdout)
    records = document["claims"]
    assert [r["id"] for r in records] == ["yang-2024-closed", "yang-2025-open"]
    graph = json.loads(run_cli("export", "--claims", path, "--format", "jsonld").stdout)["@graph"]
    assert graph[1]["shiftsFrom"] == ["#yang-2024-closed"]


def test_default_claims_path_order(tmp_path, write_claims):
    other = write_claims(claims_document([claim("only-one", "2024-02", 0,
                                                source="talk-2024")]), name="other.yaml")
    by_env = run_cli("validate", cwd=tmp_path, env={"TIMELINE_CLAIMS": str(other)})
    assert "OK — 1 claim," in by_env.stdout
    write_claims()  # ./claims.yaml in the working directory
    local = run_cli("validate", cwd=tmp_path, env={"TIMELINE_CLAIMS": ""})
    assert local.stdout.startswith(f"{tmp_path.resolve()}/claims.yaml: OK — 2 claims")
    below = tmp_path / "notes" / "drafts"
    below.mkdir(parents=True)
    found_above = run_cli("shifts", cwd=below, env={"TIMELINE_CLAIMS": ""})
    assert f"reading {tmp_path.resolve()}/claims.yaml" in found_above.stderr
    elsewhere = tmp_path.parent / "elsewhere"
    elsewhere.mkdir()
    sample = run_cli("validate", cwd=elsewhere, env={"TIMELINE_CLAIMS": ""})
    assert sample.returncode == 0 and "claims.yaml: OK" in sample.stdout
    assert "showing the bundled sample" in sample.stderr
    asked = run_cli("validate", "--sample", cwd=tmp_path, env={"TIMELINE_CLAIMS": ""})
    assert str(timeline.bundled_claims_path()) in asked.stdout and not asked.stderr


def test_schema_command_matches_the_committed_schema():
    result = run_cli("schema")
    assert json.loads(result.stdout) == json_schema()
    committed = json.loads((ROOT / "claims.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: timeline schema > claims.schema.json"
    assert CLAIMS.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=./claims.schema.json")


def test_help_for_every_command():
    for command in ("validate", "schema", "shifts", "summary", "export", "verify"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "Usage:" in result.stdout


HEAVY = ("pandas", "plotly", "dash", "py3langid")
IMPORTED_HEAVY = f"""
import atexit, sys
atexit.register(lambda: print("heavy:", *sorted(m for m in {HEAVY} if m in sys.modules),
                              file=sys.stderr))
sys.argv[0] = "timeline"
from timeline.cli import run
run()
"""
"""What the console script runs, printing on exit which of HEAVY it imported."""


def heavy_imports(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", IMPORTED_HEAVY, *args], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stderr.splitlines()[-1].split()[1:]


def test_quick_commands_import_no_pandas_plotly_or_dash(write_claims):
    """`validate`, `verify`, `schema` and `--help` run on every save and in hooks: they
    start without the heavy imports (a second of their time)."""
    path = str(write_claims())
    assert heavy_imports("validate", path) == []
    assert heavy_imports("verify", "--claims", str(CLAIMS), "--sources",
                         str(require_sources())) == []
    assert heavy_imports("schema") == []
    assert heavy_imports("--help") == []
    assert heavy_imports("validate", "--help") == []
    assert "pandas" in heavy_imports("export", "--claims", path)  # the probe sees imports


def test_validate_never_loads_the_language_model(write_claims):
    """Detecting a language loads py3langid's model: `validate` checks no language, so it
    starts without it even where no source gives its language (and `export` must detect)."""
    document = claims_document()
    for source in document["sources"]:
        source.pop("language", None)
    path = str(write_claims(document))
    assert "py3langid" not in heavy_imports("validate", path)
    assert "py3langid" in heavy_imports("export", "--claims", path)


def test_init_makes_a_dataset_that_validates_verifies_and_serves(tmp_path):
    from dashboard.app import create_app

    folder = tmp_path / "my-dataset"
    made = run_cli("init", str(folder))
    assert made.returncode == 0, made.stderr
    assert {p.name for p in folder.rglob("*") if p.is_file()} >= {"claims.yaml", "CODEBOOK.md"}
    validated = run_cli("validate", cwd=folder, env={"TIMELINE_CLAIMS": ""})
    assert validated.returncode == 0 and "OK — 1 claim," in validated.stdout, validated.stderr
    verified = run_cli("verify", cwd=folder, env={"TIMELINE_CLAIMS": "", "TIMELINE_SOURCES": ""})
    assert verified.returncode == 0, verified.stderr
    assert f"found verbatim in {folder.resolve()}/sources" in verified.stdout
    page = create_app(folder / "claims.yaml").server.test_client().get("/")
    assert page.status_code == 200
    again = run_cli("init", str(folder))
    assert again.returncode == 2 and "not an empty folder" in again.stderr


def test_verify_reports_missing_sources_without_a_traceback(tmp_path, write_claims):
    path = write_claims()
    result = run_cli("verify", "--claims", str(path), env={"TIMELINE_SOURCES": ""})
    assert result.returncode == 2 and f"no source texts at {tmp_path}/sources" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_command_that_prints_takes_o(tmp_path, write_claims):
    path = str(write_claims())
    for args in (["schema"], ["export", "--claims", path], ["shifts", "--claims", path],
                 ["summary", "--claims", path]):
        out = tmp_path / f"{args[0]}.out"
        result = run_cli(*args, "-o", str(out))
        assert result.returncode == 0 and not result.stdout and out.stat().st_size > 0, args


def test_terminal_tables_fit_100_columns():
    for command in ("summary", "shifts"):
        result = run_cli(command, "--claims", str(CLAIMS))
        assert result.returncode == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= 100, command


def test_verify_locates_misses_as_validate_does(tmp_path, write_claims):
    (tmp_path / "talk.txt").write_text("Something else entirely.", encoding="utf-8")
    document = claims_document()
    for source in document["sources"]:
        source["file"] = "talk.txt"
    path = write_claims(document)
    result = run_cli("verify", "--claims", str(path), "--sources", str(tmp_path))
    assert result.returncode == 1
    for line in result.stderr.splitlines():
        assert re.match(rf"{re.escape(str(path))}:\d+: claim [\w-]+: quote not found", line), line


def test_validate_and_verify_write_their_report_with_o(tmp_path, write_claims):
    good, report = write_claims(), tmp_path / "report.txt"
    assert run_cli("validate", str(good), "-o", str(report)).returncode == 0
    assert report.read_text(encoding="utf-8").startswith(f"{good}: OK — 2 claims")
    bad = write_claims(claims_document([claim("x", "2024-02", 9, source="talk-2024")]),
                       name="bad.yaml")
    failed = run_cli("validate", str(bad), "-o", str(report))
    assert failed.returncode == 1 and not failed.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert re.match(rf"{re.escape(str(bad))}:\d+: claim x: stance 9", lines[0])
    assert lines[-1] == "1 problem found"
    (tmp_path / "talk.txt").write_text("Nothing quoted here.", encoding="utf-8")
    document = claims_document()
    for source in document["sources"]:
        source["file"] = "talk.txt"
    missing = run_cli("verify", "--claims", str(write_claims(document, name="v.yaml")),
                      "--sources", str(tmp_path), "-o", str(report))
    assert missing.returncode == 1 and "quote not found" in report.read_text(encoding="utf-8")

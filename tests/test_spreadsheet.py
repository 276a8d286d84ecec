"""Exported CSV opened in LibreOffice Calc with formula evaluation on: payloads stay text."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

from conftest import claim, claims_document, missing

import timeline

PAYLOADS = ["=1+1", "=HYPERLINK(\"http://example.com\";\"x\")", "+1+1", "-1+1", "@SUM(1;1)"]
# separator, quote, UTF-8, from line 1, …, token 13 = evaluate formulas (a careless user's setting)
IMPORT = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def calc_round_trip(source: Path, folder: Path) -> list[list[str]]:
    """What LibreOffice shows in each cell after importing `source` (formulas evaluated)."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        missing("LibreOffice is not installed (apt-get install libreoffice-calc)")
    out = folder / "out"
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", EXPORT, f"--infilter={IMPORT}", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, timeout=180)
    with (out / source.name).open(encoding="utf-8") as stream:
        return list(csv.reader(stream))


def test_formula_payloads_are_read_back_as_text(write_claims, tmp_path):
    claims = [claim(f"p{i}", "2024-02", 0, source="talk-2024", summary=text, quote=text)
              for i, text in enumerate(PAYLOADS)]
    frame = timeline.load(write_claims(claims_document(claims))).frame()
    exported = tmp_path / "claims.csv"
    timeline.write_atomic(exported, timeline.claims_csv(frame))
    control = tmp_path / "control.csv"  # the same cells without neutralising
    control.write_text("summary\n" + "\n".join(f'"{p}"' for p in PAYLOADS) + "\n",
                       encoding="utf-8")
    header, *rows = calc_round_trip(exported, tmp_path)
    summaries = [row[header.index("summary")] for row in rows]
    assert summaries == ["'" + p for p in PAYLOADS]
    assert [row[header.index("stance")] for row in rows] == ["0"] * len(PAYLOADS)
    evaluated = [row[0] for row in calc_round_trip(control, tmp_path)[1:]]
    assert evaluated[0] == "2", "the check must be able to see an evaluated formula"

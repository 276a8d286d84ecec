"""`pip install .` gives a working tool outside the repository, with the bundled data."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from conftest import CLAIMS, ROOT


def test_installed_copy_works_outside_the_repo(tmp_path: Path):
    env_dir = tmp_path / "venv"
    # an environment of its own, as a new user makes it: nothing borrowed from this one
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--disable-pip-version-check", str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    timeline = str(env_dir / "bin" / "timeline")
    result = subprocess.run([timeline, "validate"], cwd=outside, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert str(env_dir) in result.stdout and "site-packages" in result.stdout
    shifts = subprocess.run([timeline, "shifts", "--format", "csv"], cwd=outside,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert shifts.stdout.startswith("group,topic,from_id,to_id")
    exported = subprocess.run([timeline, "export", "--format", "csv"], cwd=outside,
                              capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    bundled = (env_dir / "lib").glob("python3*/site-packages/timeline/data/claims.yaml")
    assert next(bundled).read_bytes() == CLAIMS.read_bytes()
    assert exported.stdout.count("\n") > 1
    site = next((env_dir / "lib").glob("python3*/site-packages"))
    for font in ("timeline/fonts/NotoSansSC-subset.ttf",
                 "dashboard/assets/fonts/NotoSansSC-subset.woff2"):  # see docs/fonts.md
        assert (site / font).read_bytes() == (ROOT / font).read_bytes()
        assert (site / font).with_name("OFL.txt").is_file()
    assert (site / "timeline/fonts/timeline-fonts.conf").is_file()

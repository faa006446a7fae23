"""The contracts ship with the package: installed from a wheel, away from the checkout, they still load."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_carries_schemas_and_unit_definitions_and_they_load_when_installed(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("foi_volumes-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "schemas/sql/staging.sql",
        "schemas/sql/marts.sql",
        "schemas/frames.py",
        "pipeline/volumes/units.txt",
        "pipeline/stages/templates/report.html.j2",
        "pipeline/stages/templates/report.css",
        "pipeline/stages/templates/report.js",
    } <= names
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import schemas, pipeline.volumes as v; "
        f"assert schemas.__file__.startswith({str(site)!r}), schemas.__file__; "
        "print(len(schemas.sql('marts')) > 100, v.parse_volume('5.6Tb').primary.value)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(site), "PATH": ""},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "5600000000000.0"]

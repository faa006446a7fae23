"""The contracts ship with the package: installed from a wheel, away from the checkout, they still load."""

from __future__ import annotations

import shutil
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


def test_make_clean_leaves_the_checkout_as_cloned(tmp_path):
    """In a copy of the checkout's top level: a venv, what `pip wheel` and `pip install -e` leave (build/,
    the egg-info) and a run's outputs all go; the sources, the code and outputs/.gitkeep stay."""
    from pipeline.run import run

    from .conftest import MINIMAL_ANSWER, manifest_entry

    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    (tmp_path / "raw" / "sources.toml").write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    (tmp_path / "outputs").mkdir()
    (tmp_path / "outputs" / ".gitkeep").write_text("", encoding="utf-8")
    kept = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    run(tmp_path / "raw" / "sources.toml", tmp_path / "outputs")
    for made in (".venv/bin", "build/lib/pipeline", "dist", "foi_volumes.egg-info"):
        (tmp_path / made).mkdir(parents=True)
    (tmp_path / "build" / "lib" / "pipeline" / "cli.py").write_text("", encoding="utf-8")
    (tmp_path / "foi_volumes.egg-info" / "PKG-INFO").write_text("", encoding="utf-8")
    (tmp_path / ".venv" / ".installed").write_text("", encoding="utf-8")

    subprocess.run(["make", "--silent", "clean"], cwd=tmp_path, check=True, capture_output=True)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == kept

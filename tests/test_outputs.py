"""The output directory as a user meets it (issue 11): an unwritable ``--out`` is one line, ``load`` after
``run`` leaves no link pointing at nothing, and a file of the user's own is never replaced without a word.

Every case checks the promise that goes with it: the previous outputs are whole, and a failed run
leaves no half-written generation behind.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.plumbing.provenance import sha256
from pipeline.run import run

from .conftest import MINIMAL_ANSWER


def cli(*args: str, quiet: bool = True):
    """The command, quiet unless asked: what is left on stderr is the summary and the errors."""
    return CliRunner().invoke(main, [*args, *(["--quiet"] if quiet else [])], catch_exceptions=False)


def whole(out: Path) -> dict:
    """The published set is whole: every file its manifest lists is there with its hash."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {name: sha256(out / name) for name in manifest["outputs"]} == manifest["outputs"]
    return manifest


def generations(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "runs").iterdir()) if (out / "runs").is_dir() else []


def dangling(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_symlink() and not p.exists())


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("prepare", "out_of", "message"),
    [
        (
            lambda tmp: None,
            lambda tmp: Path("/dev/null/out"),
            "/dev/null/out: cannot write the outputs (Not a directory)",
        ),
        (
            lambda tmp: (tmp / "out").mkdir() or (tmp / "out" / "runs").write_text("mine"),
            lambda tmp: tmp / "out",
            "runs: cannot write the outputs (File exists)",
        ),
        (
            lambda tmp: (tmp / "out" / "current").mkdir(parents=True),
            lambda tmp: tmp / "out",
            "current: cannot write the outputs (Is a directory)",
        ),
    ],
    ids=["out-under-a-file", "runs-is-a-file", "current-is-a-directory"],
)
def test_unwritable_out_is_one_line_and_exit_1(make_source, tmp_path, prepare, out_of, message):
    prepare(tmp_path)
    out = out_of(tmp_path)
    line = one_line_error(cli("load", "--manifest", str(make_source(MINIMAL_ANSWER)), "--out", str(out)))
    assert line.endswith(message)
    if out.is_dir():
        assert not (out / "volumes.duckdb").exists()
        assert [g for g in generations(out) if (out / "runs" / g).is_dir()] == []  # nothing half-written


def test_a_write_failing_mid_run_is_one_line_and_leaves_the_previous_outputs_whole(
    make_source, tmp_path, monkeypatch
):
    manifest, out = make_source(MINIMAL_ANSWER), tmp_path / "out"
    run(manifest, out, reports=False)
    before, kept = whole(out), generations(out)

    def full_disk(con, directory, *about):
        (directory / "totals.csv").write_text("kind,datasets\n", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device", str(directory / "datasets.csv"))

    monkeypatch.setattr("pipeline.run.write_reports", full_disk)
    line = one_line_error(cli("run", "--manifest", str(manifest), "--out", str(out)))
    assert line.endswith("datasets.csv: cannot write the outputs (No space left on device)")
    assert whole(out) == before
    assert generations(out) == kept


def test_load_after_run_leaves_no_link_pointing_at_nothing(make_source, tmp_path):
    manifest, out = str(make_source(MINIMAL_ANSWER)), tmp_path / "out"
    assert cli("run", "--manifest", manifest, "--out", str(out)).exit_code == 0
    assert (out / "totals.csv").is_file()
    reports = sorted(p.name for p in out.iterdir() if p.is_symlink())
    reports = [n for n in reports if n not in ("current", "manifest.json", "volumes.duckdb")]
    loaded = cli("load", "--manifest", manifest, "--out", str(out), quiet=False)
    assert loaded.exit_code == 0, loaded.output
    assert dangling(out) == []
    assert sorted(p.name for p in out.iterdir() if p.is_symlink()) == [
        "current",
        "manifest.json",
        "volumes.duckdb",
    ]
    assert f"publish: removed {', '.join(reports)}: an earlier run's outputs" in loaded.stderr
    whole(out)


@pytest.mark.parametrize(
    ("command", "name", "make_own", "kind"),
    [
        ("run", "totals.csv", lambda path: path.write_text("my own notes\n", encoding="utf-8"), "a file"),
        ("load", "volumes.duckdb", lambda path: path.symlink_to("/etc/hostname"), "a file"),
        ("load", "volumes.duckdb", lambda path: path.mkdir(), "a directory"),
    ],
    ids=["own-file", "own-link", "own-directory"],
)
def test_a_file_of_the_users_own_in_out_is_refused_not_replaced(
    make_source, tmp_path, command, name, make_own, kind
):
    manifest, out = make_source(MINIMAL_ANSWER), tmp_path / "out"
    run(manifest, out, reports=False)
    before = (out / "manifest.json").read_text(encoding="utf-8")
    (out / name).unlink(missing_ok=True)
    make_own(out / name)
    mine = sorted((p.name, p.is_symlink(), p.is_dir()) for p in out.iterdir())
    line = one_line_error(cli(command, "--manifest", str(manifest), "--out", str(out)))
    assert line.endswith(
        f"{name}: {kind} that is not one of the outputs' links is where {name} goes: move it, or"
        " choose another --out (nothing was published)"
    )
    assert sorted((p.name, p.is_symlink(), p.is_dir()) for p in out.iterdir()) == mine
    if name == "totals.csv":
        assert (out / name).read_text(encoding="utf-8") == "my own notes\n"
    assert (out / "manifest.json").read_text(encoding="utf-8") == before  # still the previous outputs
    assert len(generations(out)) == 1  # the refused generation was removed

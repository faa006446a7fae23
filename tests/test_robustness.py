"""Issue 4: messy documents are read, runs are atomic, locked, reproducible, and strict mode gates.

The lock and kill cases use real subprocesses: the same command a user runs.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.plumbing.provenance import sha256
from pipeline.run import build_tables, run
from pipeline.stages.report import REPORTS

from .conftest import MINIMAL_ANSWER, ROOT, manifest_entry

MESSY = [
    pytest.param(
        MINIMAL_ANSWER.replace("Circa", "Circa\u00a0").encode("cp1252") + "Teachers’ £".encode("cp1252"),
        "cp1252",
        id="windows-1252-curly-quote-pound",
    ),
    pytest.param(MINIMAL_ANSWER.encode("latin-1"), "utf-8", id="ascii-as-latin-1"),
    pytest.param(b"\xef\xbb\xbf" + MINIMAL_ANSWER.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(MINIMAL_ANSWER.replace("\n", "\r\n").encode("utf-8"), "utf-8", id="crlf"),
    pytest.param(
        MINIMAL_ANSWER.replace("\n\n", "\n \n\t\n\n\n").replace("\n", "   \n").encode("utf-8"),
        "utf-8",
        id="blank-runs-trailing-space",
    ),
    pytest.param(
        MINIMAL_ANSWER.replace("5,000", "5\u00a0000").replace("\n", "\u00a0\n").encode("utf-8"),
        "utf-8",
        id="nbsp",
    ),
]


@pytest.mark.parametrize(("document", "encoding"), MESSY)
def test_messy_documents_are_read_and_their_encoding_recorded(make_source, document, encoding):
    tables = build_tables(make_source(document))
    assert tables.datasets["dataset_name"].tolist() == ["Pupil Records", "File Share"]
    assert tables.figures["value"].tolist() == [5000, 1.5e12]
    assert tables.sources["encoding"].tolist() == [encoding]


def pipeline_cmd(*args):
    return [sys.executable, "-m", "pipeline", *args]


def outputs_consistent(out: Path) -> dict:
    """The published set is whole: every file its manifest lists is there with the same hash."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["outputs"].items():
        assert sha256(out / name) == digest, name
    return manifest


def big_answer(rows: int) -> str:
    body = "".join(
        f"System {n}\n\nPurpose {n}.\n\nCirca {n * 7 + 1000:,} personal records.\n\n" for n in range(rows)
    )
    return MINIMAL_ANSWER + "\n" + body


def test_killed_run_leaves_the_previous_outputs_whole(tmp_path):
    (tmp_path / "a.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(big_answer(3000), encoding="utf-8")
    (tmp_path / "a.toml").write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    (tmp_path / "b.toml").write_text(manifest_entry("b", "b.txt"), encoding="utf-8")
    out = tmp_path / "out"
    run(tmp_path / "a.toml", out)
    before = outputs_consistent(out)
    started = time.monotonic()
    full = subprocess.run(
        pipeline_cmd("run", "--manifest", str(tmp_path / "b.toml"), "--out", str(tmp_path / "timing")),
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    duration = time.monotonic() - started
    assert full.returncode == 0
    seen = set()
    for fraction in (0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        proc = subprocess.Popen(
            pipeline_cmd("run", "--manifest", str(tmp_path / "b.toml"), "--out", str(out)),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = outputs_consistent(out)
        assert after["inputs"] in (
            before["inputs"],
            json.loads((tmp_path / "timing" / "manifest.json").read_text())["inputs"],
        )
        seen.add(next(iter(after["inputs"])))
    assert "a" in seen  # at least one kill landed before publishing, and left the old set whole


def test_second_writer_waits_for_the_lock_then_times_out(tmp_path):
    manifest = tmp_path / "sources.toml"
    (tmp_path / "a.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    manifest.write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        blocked = subprocess.run(
            pipeline_cmd("run", "--manifest", str(manifest), "--out", str(out), "--lock-timeout", "1"),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        waiting = subprocess.Popen(
            pipeline_cmd("run", "--manifest", str(manifest), "--out", str(out), "--lock-timeout", "60"),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = []
        while not any("waiting for another run" in line for line in said):  # it has reached the lock
            said.append(waiting.stderr.readline())
            assert said[-1], f"exited before waiting: {''.join(said)}"
        time.sleep(1)
        assert waiting.poll() is None  # still waiting while the lock is held
        assert not (out / "volumes.duckdb").exists()
    _, err = waiting.communicate(timeout=60)
    err = "".join(said) + err
    assert blocked.returncode == 1
    assert f"waiting for another run writing {out} to finish" in blocked.stderr
    assert blocked.stderr.strip().splitlines()[-1] == (
        f"Error: {out}: another run is still writing here after 1s; try again later"
    )
    assert waiting.returncode == 0, err
    assert "waiting for another run" in err
    outputs_consistent(out)


def test_two_runs_give_byte_identical_csvs_and_report(tmp_path):
    from .conftest import FIXTURES

    first = outputs_consistent(run(FIXTURES / "sources.toml", tmp_path / "one")[1][0].parent)
    second = outputs_consistent(run(FIXTURES / "sources.toml", tmp_path / "two")[1][0].parent)
    csvs = {name for name in first["outputs"] if name.endswith(".csv")}
    assert len(csvs) == len(REPORTS)
    assert {n: first["outputs"][n] for n in csvs} == {n: second["outputs"][n] for n in csvs}
    assert first["outputs"]["report.html"] == second["outputs"]["report.html"]
    assert first["inputs"] == second["inputs"]
    assert set(first["versions"]) >= {"foi-volumes", "python", "pandas", "pint", "pandera", "duckdb", "click"}


def invoke(*args: str):
    from click.testing import CliRunner

    from pipeline.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_strict_is_a_gate_before_publishing(tmp_path):
    (tmp_path / "a.txt").write_text(
        MINIMAL_ANSWER + "\nOdd One\n\nPurpose.\n\nsee annex B\n", encoding="utf-8"
    )
    (tmp_path / "sources.toml").write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", "--manifest", str(tmp_path / "sources.toml"), "--out", str(out)]
    fresh = invoke(*args, "--strict")
    assert fresh.exit_code == 2
    assert "unparsed: a line 26: 'see annex B'" in fresh.stderr
    assert fresh.stderr.splitlines()[-1] == (
        f"strict: 1 unparsed, 0 quarantined: nothing published (the outputs in {out} are as they were)"
    )
    assert not out.exists()  # not even the lock: the gate comes before the outputs are touched
    assert invoke(*args).exit_code == 0
    before, kept = outputs_consistent(out), sorted((out / "runs").iterdir())
    strict = invoke(*args, "--strict")
    assert strict.exit_code == 2
    assert "wrote " not in strict.stderr
    assert outputs_consistent(out) == before and sorted((out / "runs").iterdir()) == kept


def test_strict_counts_a_source_left_out_by_keep_going(tmp_path):
    (tmp_path / "good.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(
        manifest_entry("good", "good.txt") + manifest_entry("bad", "bad.txt"), encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["run", "--keep-going", "--strict", "--manifest", str(manifest), "--out", str(out)]
    result = invoke(*args)
    assert result.exit_code == 2
    assert "strict: 0 unparsed, 0 quarantined, 1 source(s) left out: nothing published" in result.stderr
    assert not out.exists()


def test_strict_passes_on_the_shipped_source(tmp_path, dfe_manifest):
    result = invoke("run", "--strict", "--manifest", str(dfe_manifest), "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr


def test_outputs_readable_by_others(tmp_path, make_source):
    run(make_source(MINIMAL_ANSWER), tmp_path / "out", reports=False)
    assert os.stat(tmp_path / "out" / "current").st_mode & 0o005 == 0o005


def test_ctrl_c_exits_130_and_leaves_the_previous_outputs_whole(tmp_path):
    """A real SIGINT, sent once the run is waiting for the writer's lock (a moment the test can see)."""
    (tmp_path / "a.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    out = tmp_path / "out"
    run(manifest, out, reports=False)
    before = outputs_consistent(out)
    with open(out / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        proc = subprocess.Popen(
            pipeline_cmd("run", "--manifest", str(manifest), "--out", str(out), "--lock-timeout", "60"),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            # as in a terminal, even when the tests run where SIGINT is ignored (a background job)
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        said = []
        while not any("waiting for another run" in line for line in said):
            said.append(proc.stderr.readline())
            assert said[-1], f"exited before waiting: {''.join(said)}"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.splitlines()[-1] == "interrupted: nothing half-written was published"
    assert "Traceback" not in err and "Aborted!" not in err
    assert outputs_consistent(out) == before


def test_ctrl_c_while_writing_removes_the_half_written_generation(make_source, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pipeline.cli import main

    manifest, out = make_source(MINIMAL_ANSWER), tmp_path / "out"
    run(manifest, out, reports=False)
    before, kept = outputs_consistent(out), sorted((out / "runs").iterdir())

    def interrupted(con, directory, *about):
        (directory / "totals.csv").write_text("kind,datasets\n", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr("pipeline.run.write_reports", interrupted)
    result = CliRunner().invoke(main, ["run", "-q", "--manifest", str(manifest), "--out", str(out)])
    assert result.exit_code == 130
    assert result.stderr == "interrupted: nothing half-written was published\n"
    assert outputs_consistent(out) == before and sorted((out / "runs").iterdir()) == kept


def test_a_run_whose_stderr_is_closed_still_publishes(tmp_path):
    """`run 2>&1 | head -3`: the reader goes away; progress must not stop the job (`load`: the same
    progress and summary, without the reports' time)."""
    (tmp_path / "a.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        pipeline_cmd("load", "--manifest", str(manifest), "--out", str(out)),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    proc.stderr.close()  # closed before the first line: every write to stderr meets a broken pipe
    assert proc.wait(timeout=120) == 0
    assert outputs_consistent(out)["counts"]["loaded"] == 2
    assert (out / "volumes.duckdb").is_file()

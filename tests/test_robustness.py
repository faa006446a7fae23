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


def test_strict_exits_2_when_anything_was_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(
        MINIMAL_ANSWER + "\nOdd One\n\nPurpose.\n\nsee annex B\n", encoding="utf-8"
    )
    (tmp_path / "sources.toml").write_text(manifest_entry("a", "a.txt"), encoding="utf-8")
    args = ["run", "--manifest", str(tmp_path / "sources.toml"), "--out", str(tmp_path / "out")]
    lax = subprocess.run(pipeline_cmd(*args), cwd=ROOT, capture_output=True, text=True)
    strict = subprocess.run(pipeline_cmd(*args, "--strict"), cwd=ROOT, capture_output=True, text=True)
    assert lax.returncode == 0
    assert strict.returncode == 2
    assert "unparsed: a line 26: 'see annex B'" in strict.stderr
    assert "strict: 1 unparsed, 0 quarantined" in strict.stderr


def test_strict_passes_on_the_shipped_source(tmp_path):
    result = subprocess.run(
        pipeline_cmd("run", "--strict", "--out", str(tmp_path)), cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_outputs_readable_by_others(tmp_path):
    run(ROOT / "raw" / "sources.toml", tmp_path)
    assert os.stat(tmp_path / "current").st_mode & 0o005 == 0o005

"""The ``parse`` command's own speed, against the parser in process and against ``import pint``.

``python benchmarks/command_speed.py [--n 100000] [--runs 5]`` writes the parser benchmark's corpus
(:func:`benchmarks.parser_speed.corpus`), then, ``--runs`` times, interleaved so that a busy machine
weighs on each alike, and each process pinned to the same core:

- the in-process rate: a fresh interpreter parses the corpus once after a warm-up;
- ``python -m pipeline parse --json -`` with the corpus on stdin, to a pipe that is read (not to
  /dev/null, where writes cost nothing): its rate over the whole command, and after its cold start;
- the cold start: ``parse --json "5 TB"``, and ``python -c "import pint"`` beside it.

It prints each round and the medians: the command's rate as a share of the in-process rate, and the
cold start as a multiple of ``import pint``, each ratio taken within a round. Wall time of each
process, as a user waits for it. No test depends on these figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.parser_speed import corpus, cpu_model  # noqa: E402

IN_PROCESS = """
import sys, time
from benchmarks.parser_speed import corpus
from pipeline.volumes import parse_volume
texts = corpus(int(sys.argv[1]), 2016)
for text in texts[:2000]:
    parse_volume(text)
start = time.perf_counter()
for text in texts:
    parse_volume(text)
print(time.perf_counter() - start)
"""


def _pinned() -> list[str]:
    """``taskset -c CORE`` where there is one, so every process of a round runs on the same core."""
    if not hasattr(os, "sched_getaffinity"):
        return []
    core = max(os.sched_getaffinity(0))  # the parser benchmark takes the first
    return ["taskset", "-c", str(core)] if _has("taskset") else []


def _has(program: str) -> bool:
    return any((Path(p) / program).is_file() for p in os.environ.get("PATH", "").split(os.pathsep))


def _wall(command: list[str], stdin: Path | None = None) -> float:
    """Seconds until ``command`` exits, its stdout read through a pipe to the end."""
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as f:
        proc = subprocess.Popen(command, stdin=f, stdout=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout is not None
        while proc.stdout.read(1 << 20):
            pass
        if proc.wait() != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/command_speed.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--n", type=int, default=100_000, help="distinct strings (default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="interleaved rounds (default 5)")
    args = parser.parse_args(argv)
    pin, py = _pinned(), sys.executable
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; each process {'pinned' if pin else 'not pinned'}")
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts.txt"
        texts.write_text("".join(t + "\n" for t in corpus(args.n, 2016)), encoding="utf-8")
        rows = []
        for run in range(1, args.runs + 1):
            inside = float(
                subprocess.run(
                    [*pin, py, "-c", IN_PROCESS, str(args.n)],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=ROOT,
                ).stdout
            )
            start = _wall([*pin, py, "-m", "pipeline", "parse", "--json", "5 TB"])
            pint = _wall([*pin, py, "-c", "import pint"])
            whole = _wall([*pin, py, "-m", "pipeline", "parse", "--json", "-"], texts)
            row = (args.n / inside, args.n / whole, args.n / (whole - start), start, pint)
            rows.append(row)
            print(
                f"round {run}: in process {row[0]:,.0f}/s; parse --json - {row[1]:,.0f}/s"
                f" ({row[2]:,.0f}/s after its start); cold start {start:.2f}s, import pint {pint:.2f}s"
            )
    inside, whole, after, start, pint = (statistics.median(r[i] for r in rows) for i in range(5))
    # the ratios are taken round by round, then their median: a round's runs share the host's load
    share, share_after, slower = (
        statistics.median(r[a] / r[b] for r in rows) for a, b in ((1, 0), (2, 0), (3, 4))
    )
    print(
        f"median: parse --json - {whole:,.0f}/s, {share:.0%} of in process ({inside:,.0f}/s);"
        f" {after:,.0f}/s after its cold start, {share_after:.0%}; cold start {start:.2f}s,"
        f" {slower:.2f}x import pint ({pint:.2f}s)"
    )


if __name__ == "__main__":
    main()

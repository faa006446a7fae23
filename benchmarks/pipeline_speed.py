"""End to end, as a user runs it: ``python -m pipeline run`` on CSV registers of 10k, 100k and 1M rows.

``python benchmarks/pipeline_speed.py [--sizes 10000 100000 1000000] [--runs 3]`` writes each register
(a realistic mix: one volume string in ten distinct, drawn from the parser benchmark's corpus; and, at
the largest size, every string distinct) into a temporary folder, then for each runs the pipeline in
a fresh process ``--runs`` times and prints the median wall time, rows a second, the seconds each
stage took (from the time each progress line reached stderr), the peak memory of the run's process,
and the same file read by a bare DuckDB pass (``read_csv``, one ``regexp_extract``, a sum) with the
ratio of the two. No test depends on these figures.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.parser_speed import corpus, cpu_model

STAGES = ("extract", "validate", "parse", "load", "report", "wrote")


def write_register(path: Path, rows: int, distinct: int, seed: int = 7) -> None:
    """A register of ``rows`` datasets whose volume cells draw on ``distinct`` phrasings."""
    pool = corpus(distinct, 2016)
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Dataset", "Publisher", "Description", "Volume"])
        for i in range(rows):
            w.writerow(
                [
                    f"Dataset {i}",
                    f"Body {i % 50}",
                    f"Purpose of dataset {i % 1000}.",
                    pool[rng.randrange(distinct)],
                ]
            )


def manifest(folder: Path, name: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        f'[[sources]]\nid = "register"\npath = "{name}.csv"\nbody = "Registry"\nreference = "R"\n'
        'as_at = 2020-01-01\nurl = "https://example.invalid"\n',
        encoding="utf-8",
    )
    return path


def run_once(manifest: Path, out: Path, engine: list[str]) -> tuple[float, dict[str, float], float]:
    """Wall seconds, seconds per stage, and the peak resident memory (MB) of the run's process (its
    worker processes, forked from it, count as the largest of them)."""
    start = time.perf_counter()
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "run",
        "--manifest",
        str(manifest),
        "--out",
        str(out),
        *engine,
    ]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    marks: list[tuple[str, float]] = []
    assert proc.stderr is not None
    for line in proc.stderr:
        stage = line.split(":", 1)[0].strip()
        if stage in STAGES:
            marks.append((stage, time.perf_counter() - start))
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"the run failed: {' '.join(command)}")
    stages: dict[str, float] = {}
    previous = 0.0
    for stage, at in marks:
        stages[stage] = stages.get(stage, 0.0) + at - previous
        previous = at
    return wall, stages, usage.ru_maxrss / 1024


BARE_SQL = (
    "SELECT count(*), sum(TRY_CAST(replace(regexp_extract(Volume, '([0-9][0-9,]*)', 1), ',', '') AS DOUBLE))"
    " FROM read_csv('{path}', all_varchar = true)"
)


def bare_duckdb(path: Path) -> float:
    """Seconds for DuckDB alone, in a fresh process, to read the file and sum a number from each cell."""
    code = (
        "import duckdb, sys, time; t = time.perf_counter();"
        " duckdb.connect().execute(sys.argv[1]).fetchall(); print(time.perf_counter() - t)"
    )
    sql = BARE_SQL.format(path=str(path).replace("'", "''"))
    return float(
        subprocess.run([sys.executable, "-c", code, sql], capture_output=True, text=True, check=True).stdout
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/pipeline_speed.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--engine", nargs=argparse.REMAINDER, default=[], help="extra run options (--engine dask ...)"
    )
    args = parser.parse_args(argv)
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [(f"mix-{n}", n, max(1, n // 10)) for n in args.sizes]
        cases.append((f"distinct-{args.sizes[-1]}", args.sizes[-1], args.sizes[-1]))
        for name, rows, distinct in cases:
            write_register(folder / f"{name}.csv", rows, distinct)
            toml = manifest(folder, name)
            results = [run_once(toml, folder / f"out-{name}", args.engine) for _ in range(args.runs)]
            walls = [w for w, _, _ in results]
            wall = statistics.median(walls)
            stages = {s: statistics.median(r[1].get(s, 0.0) for r in results) for s in STAGES}
            peak = max(m for _, _, m in results)
            bare = statistics.median(bare_duckdb(folder / f"{name}.csv") for _ in range(args.runs))
            shown = ", ".join(f"{s} {t:.2f}s" for s, t in stages.items() if t)
            print(
                f"{name}: {rows:,} rows ({distinct:,} distinct volume texts): median {wall:.2f}s"
                f" ({rows / wall:,.0f} rows a second; runs {', '.join(f'{w:.2f}' for w in walls)}),"
                f" peak memory {peak:,.0f} MB; bare DuckDB pass {bare:.2f}s, ratio {wall / bare:.1f}x"
            )
            print(f"  stages: {shown}")


if __name__ == "__main__":
    main()

"""The parser's speed against another copy of the package, measured in pairs.

``python benchmarks/parser_paired.py --base /tmp/parser-base [--rounds 7] [--n 100000] [--seed 2016]``
compares this tree's parser with the one in ``--base`` (a folder holding another copy of the project,
with its own ``pipeline/``: an export of an earlier commit, ``git archive REV | tar -x -C DIR``).

Wall clock: the benchmark corpus of ``benchmarks/parser_speed.py`` (made once, here, and handed to
both) is parsed in fresh subprocesses, one per package and round, alternating which runs first, each
with its own tree first on ``sys.path`` and pinned to one core, warmed up on the first 2,000 cells and
then timed over ``--passes`` passes of the whole corpus. Each round prints both rates and their ratio
(this tree's over the base's); the median ratio is the figure to quote. On a machine other work
loads, a single run says little; a pair run seconds apart says how the two compare under the same load.

``--callgrind`` instead runs each package under ``valgrind --tool=callgrind`` on the first
``--cells`` cells (3,000 unless told) and prints instructions a cell: the instructions of that run
less those of a run that imports, reads the corpus and warms up the same way but parses no cell, so
import, compiling the grammar and start-up are left out. Instruction counts hardly move with the
load on the machine, so they decide between two versions where wall clock cannot. Hash
randomisation is fixed (``PYTHONHASHSEED=0``) so repeated runs count alike.

Standard library only (and the two packages); not part of ``make test`` or ``make bench``, since the
base copy exists only where someone made it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent
WARM_UP = 2000


def _worker(tree: str, cells_file: str, parse: int, passes: int) -> None:
    """In a fresh process: import the package from ``tree``, warm up, parse; print strings a second."""
    sys.path.insert(0, tree)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    # imported here, after the tree named is first on the path: its package, not this one
    import pipeline
    from pipeline.volumes import parse_volume

    where = Path(pipeline.__file__).resolve()
    if not where.is_relative_to(Path(tree).resolve()):
        raise SystemExit(f"imported {where}, not the package in {tree}")
    with open(cells_file, encoding="utf-8") as f:
        cells = json.load(f)
    for text in cells[:WARM_UP]:  # compile the grammar, build the unit registry and caches
        parse_volume(text)
    if parse == 0:
        return
    todo = cells[:parse]
    start = time.perf_counter()
    for _ in range(passes):
        for text in todo:
            parse_volume(text)
    print(f"{len(todo) * passes / (time.perf_counter() - start):.1f}")


def _run(tree: Path, cells_file: str, parse: int, passes: int, wrap: list[str] | None = None) -> str:
    """Run :func:`_worker` for ``tree`` in a fresh interpreter (under ``wrap``, if given); its output."""
    command = [*(wrap or []), sys.executable, str(Path(__file__).resolve()), "--worker", str(tree)]
    command += ["--cells-file", cells_file, "--parse", str(parse), "--passes", str(passes)]
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return done.stdout


def _instructions(tree: Path, cells_file: str, parse: int, out_dir: str) -> int:
    """The instructions callgrind counts for a worker that parses ``parse`` cells of ``tree``."""
    out = os.path.join(out_dir, f"callgrind.{tree.name}.{parse}")
    _run(tree, cells_file, parse, 1, ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"])
    with open(out, encoding="utf-8") as f:
        for line in f:
            if m := re.match(r"(?:summary|totals):\s+([0-9]+)", line):
                return int(m[1])
    raise SystemExit(f"no instruction total in {out}")


def paired(base: Path, cells_file: str, n: int, rounds: int, passes: int) -> None:
    """Alternate fresh runs of both packages; print each round and the medians."""
    ratios: list[float] = []
    rates: dict[str, list[float]] = {"base": [], "this": []}
    for r in range(1, rounds + 1):
        order = [("base", base), ("this", TREE)]
        if r % 2 == 0:
            order.reverse()
        got = {name: float(_run(tree, cells_file, n, passes)) for name, tree in order}
        for name in got:
            rates[name].append(got[name])
        ratios.append(got["this"] / got["base"])
        first = order[0][0]
        print(
            f"round {r} ({first} first): base {got['base']:,.0f}, this {got['this']:,.0f} strings/s, "
            f"ratio {ratios[-1]:.3f}",
            flush=True,
        )
    print(
        f"median: base {statistics.median(rates['base']):,.0f}, this {statistics.median(rates['this']):,.0f} "
        f"strings/s; median ratio {statistics.median(ratios):.3f} (this / base, {rounds} rounds)"
    )


def callgrind(base: Path, cells_file: str, cells: int) -> None:
    """Instructions a cell for both packages, start-up left out."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--callgrind needs valgrind on the PATH")
    per_cell = {}
    with tempfile.TemporaryDirectory() as out_dir:
        for name, tree in (("base", base), ("this", TREE)):
            idle = _instructions(tree, cells_file, 0, out_dir)
            busy = _instructions(tree, cells_file, cells, out_dir)
            per_cell[name] = (busy - idle) / cells
            at_rest = f"({busy:,} less {idle:,} at rest)"
            print(f"{name}: {per_cell[name]:,.0f} instructions a cell {at_rest}", flush=True)
    print(f"ratio {per_cell['this'] / per_cell['base']:.3f} (this / base, first {cells:,} cells)")


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments; run the worker, the paired wall-clock runs or the callgrind counts."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/parser_paired.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--base", type=Path, help="a folder holding another copy of the project")
    parser.add_argument("--rounds", type=int, default=7, help="paired rounds (default 7)")
    parser.add_argument("--passes", type=int, default=1, help="timed passes a run (default 1)")
    parser.add_argument("--n", type=int, default=100_000, help="distinct cells (default 100000)")
    parser.add_argument("--seed", type=int, default=2016, help="corpus seed (default 2016)")
    parser.add_argument("--callgrind", action="store_true", help="count instructions instead of timing")
    parser.add_argument("--cells", type=int, default=3000, help="cells under callgrind (default 3000)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--cells-file", help=argparse.SUPPRESS)
    parser.add_argument("--parse", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.cells_file, args.parse, args.passes)
        return
    if args.base is None or not (args.base / "pipeline" / "volumes").is_dir():
        parser.error("--base must name a folder holding another copy of the project (with pipeline/volumes)")
    if min(args.rounds, args.passes, args.n, args.cells) < 1:
        parser.error("--rounds, --passes, --n and --cells must be at least 1")

    sys.path.insert(0, str(TREE))
    from benchmarks.parser_speed import corpus  # this tree's corpus, handed to both

    cells = corpus(max(args.cells, WARM_UP) if args.callgrind else args.n, args.seed)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(cells, f)
    try:
        print(f"base {args.base.resolve()}; this {TREE}; corpus seed {args.seed}", flush=True)
        if args.callgrind:
            callgrind(args.base.resolve(), f.name, args.cells)
        else:
            paired(args.base.resolve(), f.name, len(cells), args.rounds, args.passes)
    finally:
        os.unlink(f.name)


if __name__ == "__main__":
    main()

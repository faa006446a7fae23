"""The output directory: one writer at a time, and a complete set of outputs or the previous one.

Each run writes into a fresh generation directory, ``OUT/runs/<id>/``. Only when every file is
written does a single atomic rename point ``OUT/current`` at it; ``OUT/volumes.duckdb``,
``OUT/datasets.csv``... are fixed links through ``current``. A run killed at any moment leaves
``current`` on the previous complete generation. An exclusive ``flock`` on ``OUT/.lock`` keeps
a second writer waiting; the kernel releases it when its holder dies, so a killed run never
leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError

CURRENT = "current"
RUNS = "runs"
LOCK = ".lock"


@contextmanager
def locked(out: Path, timeout: float, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold the exclusive writer's lock on ``out``; wait up to ``timeout`` seconds for it."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot open the lock file ({exc.strerror})", path) from None
    try:
        deadline = time.monotonic() + timeout
        waiting = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waiting:
                    on_wait(f"waiting for another run writing {out} to finish (up to {timeout:g}s)...")
                    waiting = True
                if time.monotonic() >= deadline:
                    raise OutputError(
                        f"another run is still writing here after {timeout:g}s; try again later", out
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class Generation:
    """A generation being written; :func:`writing` fills ``published`` once it is live."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.published: list[Path] = []


@contextmanager
def writing(out: Path, lock_timeout: float, on_wait: Callable[[str], None]) -> Iterator[Generation]:
    """Under the lock, a fresh generation to write into; published when the block succeeds,
    removed when it fails."""
    with locked(out, lock_timeout, on_wait):
        generation = Generation(new_generation(out))
        try:
            yield generation
        except BaseException:
            shutil.rmtree(generation.path, ignore_errors=True)
            raise
        generation.published = publish(out, generation.path)


def new_generation(out: Path) -> Path:
    """A fresh, empty generation directory under ``out/runs``."""
    runs = out / RUNS
    runs.mkdir(parents=True, exist_ok=True)
    generation = Path(tempfile.mkdtemp(dir=runs, prefix=time.strftime("%Y%m%dT%H%M%S-")))
    generation.chmod(0o755)  # mkdtemp's 0700 would hide the outputs from other readers
    return generation


def current(out: Path) -> Path | None:
    """The published generation, if there is one."""
    link = out / CURRENT
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def publish(out: Path, generation: Path) -> list[Path]:
    """Make ``generation`` the current outputs in one atomic step; return the stable paths."""
    for path in generation.iterdir():
        with open(path, "rb") as f:
            os.fsync(f.fileno())
    tmp = out / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(generation, out), tmp)
    os.replace(tmp, out / CURRENT)
    stable = []
    for path in sorted(generation.iterdir()):
        link = out / path.name
        target = os.path.join(CURRENT, path.name)
        if not (link.is_symlink() and os.readlink(link) == target):
            if link.is_dir() and not link.is_symlink():
                raise OutputError("is a directory, cannot link an output there", link)
            if link.exists() or link.is_symlink():
                link.unlink()
            os.symlink(target, link)
        stable.append(link)
    prune(out)
    return stable


def prune(out: Path) -> None:
    """Remove every generation but the current one (and any a killed run left half-written)."""
    keep = current(out)
    runs = out / RUNS
    if not runs.is_dir():
        return
    for path in runs.iterdir():
        if path.resolve() != keep:
            shutil.rmtree(path, ignore_errors=True)

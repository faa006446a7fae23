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
from .provenance import display_path

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
    """A generation being written; :func:`writing` fills ``published`` and ``removed`` once it is live."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.published: list[Path] = []
        self.removed: list[Path] = []  # links of the previous outputs that this generation does not hold


@contextmanager
def writing(out: Path, lock_timeout: float, on_wait: Callable[[str], None]) -> Iterator[Generation]:
    """Under the lock, a fresh generation to write into; published when the block succeeds,
    removed when it fails (or is interrupted) before it went live.

    This is the one place where an ``OSError`` on the outputs (a read-only place, ``--out`` under a
    file, a full disk...) becomes an :class:`OutputError`: one line naming the path, no traceback.
    """
    try:
        with locked(out, lock_timeout, on_wait):
            generation = Generation(new_generation(out))
            try:
                yield generation
                generation.published, generation.removed = publish(out, generation.path)
            except BaseException:
                if current(out) != generation.path.resolve():  # never remove the live generation
                    shutil.rmtree(generation.path, ignore_errors=True)
                raise
    except OSError as exc:
        raise unwritable(exc, out) from None


def unwritable(exc: OSError, out: Path) -> OutputError:
    """The :class:`OutputError` for an ``OSError`` met writing under ``out``.

    >>> str(unwritable(NotADirectoryError(20, "Not a directory", "/dev/null/out"), Path("/dev/null/out")))
    '/dev/null/out: cannot write the outputs (Not a directory)'
    """
    named = exc.filename2 or exc.filename  # a rename names its target second
    path = named if isinstance(named, (str, Path)) else out
    return OutputError(
        f"cannot write the outputs ({exc.strerror or exc.__class__.__name__})", display_path(Path(path))
    )


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


def publish(out: Path, generation: Path) -> tuple[list[Path], list[Path]]:
    """Make ``generation`` the current outputs in one atomic step.

    Returns the stable paths, and the links of the previous outputs that were removed because this
    generation does not hold them (``load`` after ``run``: the CSVs of the old database), so no link
    is left pointing at nothing. A file of the user's own where an output's link goes is refused
    before anything changes: it is never replaced without a word.
    """
    names = sorted(p.name for p in generation.iterdir())
    for name in names:
        link = out / name
        if (link.exists() or link.is_symlink()) and not _ours(out, name):
            kind = "a directory" if link.is_dir() and not link.is_symlink() else "a file"
            raise OutputError(
                f"{kind} that is not one of the outputs' links is where {name} goes: move it, or choose"
                " another --out (nothing was published)",
                display_path(link),
            )
    for name in names:
        with open(generation / name, "rb") as f:
            os.fsync(f.fileno())
    tmp = out / f".{CURRENT}.{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(generation, out), tmp)
    try:
        os.replace(tmp, out / CURRENT)
    except OSError:
        tmp.unlink()
        raise
    stable = []
    for name in names:
        link = out / name
        if not link.is_symlink():
            os.symlink(os.path.join(CURRENT, name), link)
        stable.append(link)
    removed = [p for p in sorted(out.iterdir()) if p.name not in names and _ours(out, p.name)]
    for link in removed:
        link.unlink()
    prune(out)
    return stable, removed


def _ours(out: Path, name: str) -> bool:
    """Whether ``out/name`` is an output's fixed link (``name -> current/name``)."""
    link = out / name
    return link.is_symlink() and os.readlink(link) == os.path.join(CURRENT, name)


def prune(out: Path) -> None:
    """Remove every generation but the current one (and any a killed run left half-written)."""
    keep = current(out)
    runs = out / RUNS
    if not runs.is_dir():
        return
    for path in runs.iterdir():
        if path.resolve() != keep:
            shutil.rmtree(path, ignore_errors=True)

"""What a run records about itself: sha256 of inputs and outputs, row counts, tool and library versions
(``manifest.json`` in each generation)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "manifest.json"


def display_path(path: Path) -> str:
    """``path`` as a user would type it: relative to the working directory when it is under it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_run_manifest(
    generation: Path, inputs: dict[str, dict], counts: dict[str, int], versions: dict[str, str]
) -> Path:
    """``manifest.json``: what went in and came out (sha256 each), the row counts and the versions.

    ``inputs`` maps a name to ``{"path", "sha256"}``. The manifest holds no timestamps, so two runs
    over the same inputs give the same manifest wherever the outputs themselves are byte-identical.
    """
    body = {
        "inputs": dict(sorted(inputs.items())),
        "outputs": {p.name: sha256(p) for p in sorted(generation.iterdir()) if p.name != MANIFEST},
        "counts": counts,
        "versions": versions,
    }
    path = generation / MANIFEST
    path.write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def versions() -> dict[str, str]:
    """The versions of the tool, Python and every library that shapes the outputs."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from pipeline import __version__

    found = {"foi-volumes": __version__, "python": platform.python_version()}
    for name in ("pandas", "numpy", "pint", "pandera", "duckdb", "click", "matplotlib", "jinja2"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found

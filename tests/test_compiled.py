"""The compiled reader (mypyc, built by ``make``) reads every text as the source does, and never runs stale.

Where no compiler built it, the source is compared with itself and the staleness check is tried on a
stand-in build; under ``CI=true`` the reader must be compiled, so the speed the README quotes is the
one tested.
"""

from __future__ import annotations

import doctest
import json
import os
import random
import shutil
import subprocess
import sys
from importlib import machinery
from pathlib import Path

import pytest

import pipeline.volumes as volumes
from pipeline.volumes import DEFAULT_POLICY, Policy, parse_volume

from .conftest import ROOT

CORPUS = ROOT / "tests" / "corpus" / "parses.jsonl"
POLICIES = [DEFAULT_POLICY, Policy(storage_prefixes="binary", days_per_year=365, bare_number="unparsed")]
#: pieces of volume text, mixed and mutated below: where a wrong annotation would raise in the build
PIECES = [*"0123456789,.-/ ^x+%()kKmMbBtTgG", " TB", " GB", " records", " million", " per day", " a year",
          " approx ", " circa ", "c.", " over ", " up to ", " between ", " and ", " to ", "–", " thousand",
          " of which ", " x 10^", "e+", "point ", " Mbit", " KiB", "£", "s.40(2)", " 2015", " (2016)", "; ",
          "<br>", " several", " tens of thousands", "\u00a0", "İ", "½", " gigbytes", " milion", '"',
          " each"]  # fmt: skip


@pytest.fixture(scope="module")
def source():
    """``reader.py`` itself, loaded beside whatever :mod:`pipeline.volumes.reader` is."""
    module = volumes.load_source("pipeline.volumes._reader_source")
    yield module
    del sys.modules["pipeline.volumes._reader_source"]


def _texts() -> list[str]:
    corpus = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(2016)
    mixed = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))) for _ in range(6000)]
    mutated = []
    for text in rng.sample(corpus, 2000):
        chars = list(text)
        for _ in range(rng.randint(1, 3)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(PIECES))
        mutated.append("".join(chars))
    return sorted(set(corpus)) + mixed + mutated


def test_the_compiled_and_the_source_reader_read_every_text_alike(source):
    texts = _texts()
    for policy in POLICIES:
        for text in texts:
            assert parse_volume(text, policy) == source.parse_volume(text, policy), text
    assert len(texts) > 10_000


def test_the_reader_doctests_pass_on_the_source(source):
    """pytest cannot collect a compiled module's doctests (pyproject leaves reader.py out), so here."""
    lines = Path(source.__file__).read_text(encoding="utf-8").splitlines()
    examples = sum(line.lstrip().startswith(">>> ") for line in lines)
    failed, attempted = doctest.testmod(source, optionflags=doctest.ELLIPSIS)
    assert (failed, attempted) == (0, examples) and examples > 0


def test_a_build_older_than_its_source_is_not_used(tmp_path):
    """After an edit or a pull the source runs, until ``make`` compiles it again."""
    package = tmp_path / "pipeline"
    shutil.copytree(ROOT / "pipeline", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    here = package / "volumes"
    built = [here / f"reader{s}" for s in machinery.EXTENSION_SUFFIXES if (here / f"reader{s}").exists()]
    if not built:  # never compiled here: a stand-in build, which must not even be loaded
        built = [here / f"reader{machinery.EXTENSION_SUFFIXES[0]}"]
        built[0].write_bytes(b"not a shared library")
    source = here / "reader.py"
    older = source.stat().st_mtime - 60
    for b in built:
        os.utime(b, (older, older))
    code = "import pipeline.volumes as v, pipeline.volumes.reader as r; print(v.COMPILED, r.__file__)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )  # fmt: skip
    assert out.stdout.split() == ["False", str(source)]


def test_pure_runs_the_source_whatever_is_compiled():
    code = "import pipeline.volumes as v, pipeline.volumes.reader as r; print(v.COMPILED, r.__file__)"
    env = {**os.environ, "FOI_VOLUMES_PURE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True, env=env
    )
    assert out.stdout.split() == ["False", str(ROOT / "pipeline" / "volumes" / "reader.py")]


def test_a_fresh_build_is_used():
    """A build at least as new as ``reader.py`` runs (unless told not to); under ``CI=true`` there must be
    one: ``make`` compiles the reader where mypyc and a C compiler are, and CI has both."""
    source = (ROOT / "pipeline" / "volumes" / "reader.py").stat().st_mtime
    builds = volumes.compiled_readers()
    fresh = bool(builds) and all(b.stat().st_mtime >= source for b in builds)
    if os.environ.get("CI") == "true":
        assert fresh, "the reader is not compiled: make did not build it (see .venv/mypyc.log)"
    expected = fresh and not os.environ.get("FOI_VOLUMES_PURE")
    running = volumes.COMPILED
    assert running == expected

"""The README's examples are true: each `$ .venv/bin/python -m pipeline ...` block's output is what the
command prints today (run on the shipped DfE answer). Change the code, and this says which example
to update."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from pipeline.run import run

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PROMPT = "$ .venv/bin/python -m pipeline "


def examples() -> list[tuple[str, str]]:
    """``(arguments, expected stdout)`` for every documented pipeline command."""
    found = []
    for block in README.split("```")[1::2]:  # the insides of fenced blocks
        block = block.split("\n", 1)[1]  # drop the info string ("sh", "python"...)
        for chunk in re.split(r"^(?=\$ )", block, flags=re.MULTILINE):
            if chunk.startswith(PROMPT):
                command, _, output = chunk.partition("\n")
                found.append((command[len(PROMPT) :], output.rstrip("\n") + "\n" if output.strip() else ""))
    return found


@pytest.fixture(scope="module")
def workdir(tmp_path_factory, dfe_manifest):
    work = tmp_path_factory.mktemp("readme")
    run(dfe_manifest, work / "outputs")
    run(FIXTURES / "sources.toml", work / "two-bodies")  # the README's comparison of two bodies
    return work


def test_readme_has_examples():
    commands = [args.split()[0] for args, _ in examples()]
    assert {"query", "parse"} <= set(commands)


@pytest.mark.parametrize(("args", "expected"), examples(), ids=[a[:60] for a, _ in examples()])
def test_readme_example_output_is_current(workdir, args, expected):
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", *shlex.split(args)],
        cwd=workdir,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == expected


def test_every_header_word_is_listed_in_the_readme():
    from pipeline.readers.headers import PHRASES

    section = README.split("### Header words", 1)[1].split("\n## ", 1)[0]
    missing = [p for phrases in PHRASES.values() for p in phrases if f"`{p}`" not in section]
    assert missing == []


def test_every_format_is_in_the_readme():
    from pipeline.readers import FORMATS

    section = README.split("### Formats", 1)[1].split("\n### ", 1)[0]
    assert [f for f in FORMATS if f"`{f}`" not in section] == []

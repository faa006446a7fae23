"""Adding a source to raw/ as the README describes leaves `make test` green (issue 11, item 7).

Tests about the DfE answer read the ``dfe_manifest`` fixture, the shipped manifest's DfE entry alone;
only the manifest's own test reads raw/sources.toml whole. The first test shows the fixture holds when
a user has added a source; the second keeps every test module on it.
"""

from __future__ import annotations

import ast
import shutil

import pytest

from pipeline.plumbing.manifest import load_manifest
from pipeline.readers import FORMATS
from pipeline.run import build_tables

from .conftest import DFE_ID, MINIMAL_ANSWER, RAW_MANIFEST, ROOT, dfe_only

#: An entry as the README's "Adding a source" shows (its id one no user would pick).
ADDED = """
[[sources]]
id = "ho-added-by-a-test"       # lower-case, unique
path = "ho-added-by-a-test.txt" # relative to the manifest
body = "Home Office"
reference = "FOI 01234"
as_at = 2017-04-01
url = "https://example.invalid/ho"

[sources.policy]
storage_prefixes = "binary"
"""


def test_the_dfe_manifest_is_the_dfe_entry_alone_whatever_a_user_adds(tmp_path, dfe_manifest):
    raw = tmp_path / "raw"
    shutil.copytree(RAW_MANIFEST.parent, raw)
    (raw / "ho-added-by-a-test.txt").write_text(MINIMAL_ANSWER.replace("Pupil", "Visa"), encoding="utf-8")
    with open(raw / "sources.toml", "a", encoding="utf-8") as manifest:
        manifest.write(ADDED)
    ids = [s.id for s in load_manifest(raw / "sources.toml", tuple(FORMATS))]
    assert DFE_ID in ids and ids[-1] == "ho-added-by-a-test"

    alone = dfe_only(raw / "sources.toml", tmp_path / "dfe")
    assert alone.read_text(encoding="utf-8") == dfe_manifest.read_text(encoding="utf-8")
    tables = build_tables(alone)
    assert tables.sources["source_id"].tolist() == [DFE_ID]
    assert tables.counts == {
        "extracted": 53,
        "loaded": 53,
        "quarantined": 0,
        "cells": 53,
        "figures": 54,
        "unparsed": 0,
    }
    assert tables.sources.equals(build_tables(dfe_manifest).sources)


def _readers_of_the_whole_manifest(tree: ast.Module) -> list[str]:
    """Where a module names the shipped manifest (``RAW_MANIFEST`` other than through ``dfe_only``,
    ``ROOT / "raw" / ...``), or runs a command that reads sources without ``--manifest`` (its default is
    the shipped manifest)."""
    found = []
    through_dfe_only = {
        id(arg)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dfe_only"
        for arg in node.args
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "RAW_MANIFEST" and id(node) not in through_dfe_only:
            found.append(f"line {node.lineno}: RAW_MANIFEST")
        elif isinstance(node, ast.BinOp) and ast.unparse(node) == "ROOT / 'raw'":
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call):
            words = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if words[:1] in (["run"], ["load"], ["extract"]) and not {"--manifest", "--help"} & set(words):
                found.append(f"line {node.lineno}: {ast.unparse(node)[:60]} (the default manifest)")
    return found


@pytest.mark.parametrize(
    "module",
    sorted(p.name for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_shipped_sources.py"),
)
def test_tests_read_the_dfe_entry_not_the_whole_shipped_manifest(module):
    tree = ast.parse((ROOT / "tests" / module).read_text(encoding="utf-8"))
    found = _readers_of_the_whole_manifest(tree)
    if module == "test_manifest.py":  # the manifest's own test reads it whole, once
        assert [f.split(": ", 1)[1] for f in found] == ["RAW_MANIFEST"]
    else:
        assert found == [], "use the dfe_manifest fixture (tests/conftest.py)"

"""The parser regression corpus: every output over a few thousand phrasings, committed and compared.

``tests/corpus/parses.jsonl`` holds one line per (text, policy): the text, the policy's name, where
the text comes from, every figure (kind, value, bounds, qualifier, role, span, rule, and the flags,
policy note and reason where set; see :func:`figure_data`) and the numbers set aside. The texts are

- ``bench``: the first :data:`BENCH_SAMPLE` cells of the benchmark's generator under its default
  seed (``benchmarks/parser_speed.py``), the same cells ``make bench`` times first;
- ``phrasings:<id>``: every phrasing of the table-driven tests (``tests/test_parse_phrasings.py``,
  its ``TABLES``), known gaps included;
- ``catalogue:<file>``: the 120 real catalogue cells in ``tests/corpus/catalogue-cells.csv`` (a copy
  of ``../shared/sources/catalogues/cells.csv``: short cells, with the file each comes from),

each parsed under every policy of :data:`POLICIES`. Lines are sorted by text, then policy.

A grammar change shows here as a diff to review like code: the test fails listing every line that
changed, appeared or went. After a deliberate change, ``UPDATE_GOLDEN=1 make test`` rewrites the file
(the convention of the golden CSVs); say in the commit how many lines changed and why each is right.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from benchmarks.parser_speed import corpus as bench_corpus
from pipeline.volumes import Figure, Policy, parse_volume

from .conftest import CATALOGUES
from .test_parse_phrasings import TABLES

CORPUS = Path(__file__).resolve().parent / "corpus"
GOLDEN_LINES = CORPUS / "parses.jsonl"
CATALOGUE_CELLS = CORPUS / "catalogue-cells.csv"

#: The benchmark's first cells under its default seed: (how many, seed).
BENCH_SAMPLE = (2500, 2016)
#: Every text is parsed under each: the defaults, and every other choice at once.
POLICIES = {
    "default": Policy(),
    "binary": Policy(storage_prefixes="binary", days_per_year=365, bare_number="unparsed"),
}
#: At most this many differences are spelt out in a failure (all are counted).
SHOWN = 200


def catalogue_cells() -> list[tuple[str, str]]:
    """The real catalogue cells, (file, text) each, in the order of the CSV."""
    with CATALOGUE_CELLS.open(newline="", encoding="utf-8") as f:
        return [(row["file"], row["volume_text"]) for row in csv.DictReader(f)]


def texts() -> dict[str, list[str]]:
    """Every text of the corpus, with its origins (sorted, each once)."""
    origins: dict[str, set[str]] = {}
    for text in bench_corpus(*BENCH_SAMPLE):
        origins.setdefault(text, set()).add("bench")
    for table in TABLES.values():
        for param in table:
            origins.setdefault(param.values[0], set()).add(f"phrasings:{param.id}")
    for file, text in catalogue_cells():
        origins.setdefault(text, set()).add(f"catalogue:{file}")
    return {text: sorted(where) for text, where in origins.items()}


def figure_data(f: Figure) -> dict:
    """A figure as the corpus writes it: its kind, value and bounds (a figure without a value has none),
    qualifier, role, span and rule; its flags, policy note and reason when set. The unit (the kind's)
    and the surface (the text at the span) are left out."""
    data: dict = {"kind": f.kind}
    if f.value is not None:  # the unit is the kind's (a property test checks), left out
        data.update(value=f.value, lower=f.lower, upper=f.upper)
    data.update(qualifier=f.qualifier, role=f.role, span=[f.start, f.end], rule=f.rule)
    if f.subset:
        data["subset"] = True
    if f.assumed_unit:
        data["assumed_unit"] = True
    if f.policy:
        data["policy"] = f.policy
    if f.reason is not None:
        data["reason"] = f.reason
    return data


def lines() -> dict[tuple[str, str], str]:
    """Every line of the corpus as the parser reads it now, by (text, policy name)."""
    out = {}
    for text, origins in texts().items():
        for name, policy in POLICIES.items():
            parse = parse_volume(text, policy)
            line = {
                "text": text,
                "policy": name,
                "origins": origins,
                "figures": [figure_data(f) for f in parse.figures],
                "ignored": [[start, end, why] for start, end, why in parse.ignored],
            }
            out[(text, name)] = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
    return dict(sorted(out.items()))


def read_golden() -> dict[tuple[str, str], str]:
    """The committed lines, by (text, policy name)."""
    out = {}
    for line in GOLDEN_LINES.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        out[(data["text"], data["policy"])] = line
    return out


def differences(golden: dict[tuple[str, str], str], now: dict[tuple[str, str], str]) -> list[str]:
    """Each line that changed, appeared or went, as a reviewer reads it: the old line, then the new."""
    out = []
    for key in sorted(golden.keys() | now.keys()):
        before, after = golden.get(key), now.get(key)
        if before == after:
            continue
        label = f"{key[0]!r} [{key[1]}]"
        if before is None:
            out.append(f"new {label}\n  + {after}")
        elif after is None:
            out.append(f"gone {label}\n  - {before}")
        else:
            out.append(f"changed {label}\n  - {before}\n  + {after}")
    return out


def test_corpus_outputs_are_unchanged():
    now = lines()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_LINES.write_text("".join(line + "\n" for line in now.values()), encoding="utf-8")
    diffs = differences(read_golden(), now)
    shown = "\n".join(diffs[:SHOWN]) + (f"\n... and {len(diffs) - SHOWN} more" if len(diffs) > SHOWN else "")
    assert not diffs, (
        f"{len(diffs)} corpus lines differ from {GOLDEN_LINES.name} (UPDATE_GOLDEN=1 rewrites it, "
        f"after review):\n{shown}"
    )


def test_corpus_covers_bench_phrasings_and_catalogue():
    golden = read_golden()
    origins = {tuple(json.loads(line)["origins"]) for line in golden.values()}
    kinds = {where.split(":", 1)[0] for group in origins for where in group}
    assert kinds == {"bench", "phrasings", "catalogue"}
    assert len(golden) == len(POLICIES) * len(texts()) >= 2 * 2500
    assert list(golden) == sorted(golden), "lines sorted by text, then policy"


def test_corpus_differences_name_each_changed_line():
    golden = {("5 TB", "default"): '{"a": 1}', ("gone", "default"): "{}"}
    now = {("5 TB", "default"): '{"a": 2}', ("new", "default"): "{}"}
    assert [d.split("\n", 1)[0] for d in differences(golden, now)] == [
        "changed '5 TB' [default]",
        "gone 'gone' [default]",
        "new 'new' [default]",
    ]


def test_catalogue_copy_is_the_shared_cells():
    if not CATALOGUES.is_dir():
        pytest.skip(f"the real catalogues are not here ({CATALOGUES}): the copy cannot be compared")
    with (CATALOGUES / "cells.csv").open(newline="", encoding="utf-8") as f:
        shared = [(row["file"], row["volume_text"]) for row in csv.DictReader(f)]
    assert catalogue_cells() == shared
    assert len(shared) == 120

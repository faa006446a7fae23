"""The ``column_unit`` policy: a unit named in a table's column header applies to the bare numbers
below it ("Size (GB)" over "250" is 250 GB), never to a number that states its own unit."""

from __future__ import annotations

import pytest

from pipeline.volumes import Policy, parse_volume

GB, GIB = 1e9, 2**30


@pytest.mark.parametrize(
    ("text", "unit", "prefixes", "kind", "value", "qualifier", "assumed"),
    [
        ("250", "gb", "decimal", "storage", 250 * GB, "exact", True),
        ("250", "gb", "binary", "storage", 250 * GIB, "exact", True),
        ("1.5", "tib", "decimal", "storage", 1.5 * 2**40, "exact", True),
        ("450000", "records", "decimal", "records", 450_000, "exact", True),
        ("about 3", "gb", "decimal", "storage", 3 * GB, "approximate", True),
        ("over 400,000", "records", "decimal", "records", 400_000, "lower_bound", True),
        ("250 records", "gb", "decimal", "records", 250, "exact", False),  # the cell's own unit wins
        ("2 TB", "records", "decimal", "storage", 2e12, "exact", False),
        ("Not known", "gb", "decimal", "unknown", None, "unknown", False),
    ],
    ids=[
        "gb-decimal",
        "gb-binary-policy",
        "tib-always-binary",
        "records",
        "hedged",
        "lower-bound",
        "own-count-wins",
        "own-storage-wins",
        "unknown-untouched",
    ],
)
def test_column_unit_reads_bare_numbers(text, unit, prefixes, kind, value, qualifier, assumed):
    f = parse_volume(text, Policy(storage_prefixes=prefixes, column_unit=unit)).primary
    assert (f.kind, f.qualifier, f.assumed_unit) == (kind, qualifier, assumed)
    assert f.value == (pytest.approx(value) if value is not None else None)
    if assumed:
        assert f.rule.endswith("+column")
        assert f"unit from the column header={unit}" in f.policy


def test_column_unit_comes_before_the_bare_number_policy():
    f = parse_volume("250", Policy(bare_number="unparsed", column_unit="records")).primary
    assert (f.kind, f.value) == ("records", 250)


def test_column_unit_must_be_a_unit():
    with pytest.raises(ValueError, match="column_unit"):
        Policy(column_unit="furlongs")

"""Stage 2, ``parse_rows``: one row per figure with its provenance; a text repeated within a source is
parsed once (million-row registers repeat a few phrasings), under that source's policy."""

from __future__ import annotations

import pandas as pd

from pipeline.stages import parse as stage
from pipeline.volumes import Policy

TB = 1e12


def rows(*cells: tuple, unit: str | None = None) -> pd.DataFrame:
    """Extracted rows: (source_id, row, dataset_name, volume_text) each, in a column named Volume."""
    frame = pd.DataFrame.from_records(cells, columns=["source_id", "row", "dataset_name", "volume_text"])
    return frame.assign(
        volume_index=0, volume_column="Volume", location=[f"line {r}" for r in frame["row"]], column_unit=unit
    )


def test_a_text_repeated_in_a_source_is_parsed_once_under_its_policy(monkeypatch):
    calls = []
    real = stage.parse_volume

    def counting(text, policy):
        calls.append((text, policy.storage_prefixes))
        return real(text, policy)

    monkeypatch.setattr(stage, "parse_volume", counting)
    frame = stage.parse_rows(
        rows(
            ("dfe", 10, "Troops to Teachers", "Exact volume unknown."),
            ("dfe", 11, "Junior ISA", "Exact volume unknown."),
            ("ho", 4, "Warehouse", "5 Tb of data"),
            ("dfe", 12, "Collect", "5 Tb of data"),
            ("dfe", 13, "Office", "5 Tb of data"),
        ),
        {"ho": Policy(storage_prefixes="binary")},
    )

    assert calls == [
        ("Exact volume unknown.", "decimal"),
        ("5 Tb of data", "binary"),
        ("5 Tb of data", "decimal"),
    ]
    assert frame["row"].tolist() == [10, 11, 4, 12, 13]
    assert frame["location"].tolist() == ["line 10", "line 11", "line 4", "line 12", "line 13"]
    assert frame["dataset_name"].tolist() == [
        "Troops to Teachers",
        "Junior ISA",
        "Warehouse",
        "Collect",
        "Office",
    ]
    assert frame["kind"].tolist() == ["unknown", "unknown", "storage", "storage", "storage"]
    assert frame["value"].tolist()[2:] == [5 * 2.0**40, 5 * TB, 5 * TB]
    assert frame["policy"].tolist()[2:] == [
        "TB=2^40 B (binary)",
        "TB=10^12 B (decimal)",
        "TB=10^12 B (decimal)",
    ]


def test_every_figure_of_a_repeated_text_is_repeated_with_its_own_provenance():
    text = "Circa 85,000 personal records, with circa 54,000 in the public domain."
    frame = stage.parse_rows(rows(("dfe", 1, "Edubase", text), ("dfe", 2, "Edubase copy", text)))
    assert frame[["row", "figure", "role", "value"]].values.tolist() == [
        [1, 0, "primary", 85_000.0],
        [1, 1, "secondary", 54_000.0],
        [2, 0, "primary", 85_000.0],
        [2, 1, "secondary", 54_000.0],
    ]


def test_a_column_unit_reads_the_bare_numbers_of_that_column_only():
    frame = stage.parse_rows(rows(("s", 1, "A", "250"), ("s", 2, "B", "3 TB"), unit="gb"))
    assert frame[["kind", "value", "assumed_unit"]].values.tolist() == [
        ["storage", 250e9, True],
        ["storage", 3e12, False],
    ]
    assert frame["policy"].tolist()[0] == "unit from the column header=gb; TB=10^12 B (decimal)"


def test_a_blank_volume_cell_is_no_volume_given():
    frame = stage.parse_rows(rows(("s", 1, "A", "")))
    assert frame[["kind", "rule", "reason"]].values.tolist() == [
        ["unknown", "blank", "no volume given (blank)"]
    ]

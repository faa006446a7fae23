"""Stage 2, ``parse_rows``: one row per figure with its provenance; a text repeated within a source is
parsed once (million-row registers repeat a few phrasings), under that source's policy."""

from __future__ import annotations

import pandas as pd

from pipeline.stages import parse as stage
from pipeline.volumes import Policy

TB = 1e12


def rows(*cells: tuple[str, int, str, str]) -> pd.DataFrame:
    """Extracted rows: (source_id, source_line, dataset_name, volume_text) each."""
    return pd.DataFrame.from_records(
        cells, columns=["source_id", "source_line", "dataset_name", "volume_text"]
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
    assert frame["source_line"].tolist() == [10, 11, 4, 12, 13]
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
    assert frame[["source_line", "figure", "role", "value"]].values.tolist() == [
        [1, 0, "primary", 85_000.0],
        [1, 1, "secondary", 54_000.0],
        [2, 0, "primary", 85_000.0],
        [2, 1, "secondary", 54_000.0],
    ]

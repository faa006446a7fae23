"""The whole pipeline: the shipped DfE answer into DuckDB, golden CSVs, quarantine and conservation.

Golden files live in tests/golden/. After a deliberate change to the outputs, regenerate them with
``UPDATE_GOLDEN=1 make test`` and review the diff like code.
"""

from __future__ import annotations

import os

import duckdb
import pandas as pd
import pint
import pytest

from pipeline.plumbing.errors import ConservationError
from pipeline.run import build_tables, run
from pipeline.stages.report import REPORTS
from pipeline.stages.validate import check_conservation

from .conftest import FIXTURES, GOLDEN, MINIMAL_ANSWER


@pytest.fixture(scope="module")
def shipped(tmp_path_factory, dfe_manifest):
    out = tmp_path_factory.mktemp("outputs")
    tables, _ = run(dfe_manifest, out)
    con = duckdb.connect(str(out / "volumes.duckdb"), read_only=True)
    yield con, tables, out
    con.close()


def scalar(con, sql):
    return con.execute(sql).fetchall()[0]


def test_shipped_run_holds_53_dfe_datasets(shipped):
    con, tables, _ = shipped
    assert scalar(con, "SELECT count(*) FROM datasets WHERE source_id = 'dfe-2016-0027740'") == (53,)
    counts = {"extracted": 53, "loaded": 53, "quarantined": 0, "cells": 53, "figures": 54, "unparsed": 0}
    assert tables.counts == counts


@pytest.mark.parametrize(
    ("kind", "count", "total"),
    [
        ("records", 24, 80_583_000),
        ("storage", 13, 87_590_000_000_000),
        ("unknown", 14, None),
        ("record_rate", 2, 438_300 + 29_000),
    ],
)
def test_primary_figures_by_kind(shipped, kind, count, total):
    con = shipped[0]
    n, s = scalar(
        con, f"SELECT count(*), sum(value) FROM measures WHERE role = 'primary' AND kind = '{kind}'"
    )
    assert n == count
    assert s == (pytest.approx(total) if total is not None else None)


def test_rates_approximate_count_and_edubase_subset(shipped):
    con = shipped[0]
    rates = con.execute(
        "SELECT dataset_name, records_per_year, records_per_year_qualifier FROM datasets "
        "WHERE records_per_year IS NOT NULL ORDER BY row"
    ).fetchall()
    assert rates == [
        ("School to School (S2S)", pytest.approx(438_300), "approximate"),
        ("NCA Tools - ** (6 systems)", 29_000, "exact"),
    ]
    assert scalar(
        con, "SELECT count(*) FROM measures WHERE role = 'primary' AND qualifier = 'approximate'"
    ) == (23,)
    edubase = con.execute(
        "SELECT role, subset, value FROM measures WHERE dataset_name = 'Edubase' ORDER BY figure"
    ).fetchall()
    assert edubase == [("primary", False, 85_000), ("secondary", True, 54_000)]
    assert scalar(con, "SELECT records FROM datasets WHERE dataset_name = 'Edubase'") == (85_000,)


def test_every_figure_carries_provenance(shipped):
    con = shipped[0]
    missing = scalar(
        con,
        """
        SELECT count(*) FROM measures
        WHERE source_id IS NULL OR row IS NULL OR location NOT LIKE 'line %' OR volume_text IS NULL
           OR rule IS NULL OR rule = ''
           OR surface <> volume_text[span_start + 1 : span_end]""",
    )
    assert missing == (0,)
    policy = scalar(con, "SELECT DISTINCT policy FROM measures WHERE kind = 'storage'")
    assert policy == ("TB=10^12 B (decimal)",)


def test_database_quantities_are_pint_compatible(shipped):
    """Units in the database are the registry's own: values convert, kinds do not mix."""
    from pipeline.volumes.units import registry

    con = shipped[0]
    ureg = registry()
    rows = con.execute("SELECT value, unit FROM measures WHERE unit IS NOT NULL").fetchall()
    quantities = [ureg.Quantity(v, u) for v, u in rows]
    tb = sum((q for q in quantities if q.check("[information]")), ureg.Quantity(0, "byte")).to("terabyte")
    assert tb.magnitude == pytest.approx(87.59)
    record = next(q for q in quantities if q.check("[record]"))
    storage = next(q for q in quantities if q.check("[information]"))
    with pytest.raises(pint.DimensionalityError):
        record + storage


def test_relations_have_the_contract_columns(shipped):
    con = shipped[0]
    measures = [r[0] for r in con.execute("DESCRIBE measures").fetchall()]
    for column in (
        "source_id",
        "dataset_name",
        "volume_text",
        "kind",
        "value",
        "unit",
        "lower",
        "upper",
        "qualifier",
        "role",
        "location",
        "row",
        "volume_column",
    ):
        assert column in measures
    datasets = [r[0] for r in con.execute("DESCRIBE datasets").fetchall()]
    assert datasets[:15] == [
        "source_id",
        "body",
        "as_at",
        "dataset_name",
        "purpose",
        "records",
        "records_qualifier",
        "storage_bytes",
        "storage_tb",
        "storage_qualifier",
        "records_per_year",
        "records_per_year_qualifier",
        "volume_status",
        "volume_note",
        "primary_kind",
    ]


def test_comparable_metrics_rank_band_and_scale(shipped):
    con = shipped[0]
    top = con.execute(
        "SELECT dataset_name, records_rank_in_source, records_rank_overall, records_band, "
        "round(records_log10, 3) FROM datasets WHERE records_rank_in_source <= 2 "
        "ORDER BY records_rank_in_source"
    ).fetchall()
    assert top == [
        ("Nation Pupil Database-Achievement and Attainment Tables", 1, 1, "10M and over", 7.327),
        ("National Pupil Database - SQL servers", 2, 2, "10M and over", 7.301),
    ]
    outlook = con.execute(
        "SELECT storage_tb, storage_band, storage_rank_in_source FROM datasets "
        "WHERE dataset_name = 'Office Exchange (Outlook)'"
    ).fetchall()
    assert outlook == [(56.0, "10-100 TB", 1)]
    bands = dict(
        con.execute(
            "SELECT records_band, count(*) FROM datasets WHERE records IS NOT NULL GROUP BY ALL"
        ).fetchall()
    )
    assert bands == {"10M and over": 4, "1M-10M": 3, "100k-1M": 5, "10k-100k": 7, "under 10k": 5}


def test_disclosure_shares(shipped):
    row = (
        shipped[0]
        .execute(
            "SELECT datasets, exact, approximate, bound_only, unknown, share_with_volume, "
            "share_unknown FROM disclosure"
        )
        .fetchall()
    )
    assert row == [(53, 16, 23, 0, 14, round(39 / 53, 4), round(14 / 53, 4))]


def test_totals_say_what_they_are(shipped):
    totals = pd.read_csv(shipped[2] / "totals.csv")
    records = totals[totals["kind"] == "records"].iloc[0]
    assert records["total"] == 80_583_000
    assert (records["exact"], records["approximate"]) == (2, 22)
    assert "not a count of distinct people" in records["note"]
    assert totals[totals["kind"] == "unknown"]["datasets"].tolist() == [14]


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("fixture-outputs")
    run(FIXTURES / "sources.toml", out)
    return out


@pytest.mark.parametrize("name", list(REPORTS))
def test_csvs_match_golden_files(fixture_run, name):
    produced = (fixture_run / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def test_two_runs_write_identical_csvs(fixture_run, tmp_path):
    run(FIXTURES / "sources.toml", tmp_path)
    for name in REPORTS:
        assert (tmp_path / name).read_bytes() == (fixture_run / name).read_bytes()


def test_formula_text_is_neutralised_in_csv_but_raw_in_duckdb(fixture_run):
    names = pd.read_csv(fixture_run / "datasets.csv", dtype=str)["dataset_name"]
    assert '\'=HYPERLINK("http://example.invalid","Payroll")' in names.tolist()
    assert not names.str.match(r"[=+\-@]").any()
    con = duckdb.connect(str(fixture_run / "volumes.duckdb"), read_only=True)
    names = [r[0] for r in con.execute("SELECT dataset_name FROM datasets").fetchall()]
    con.close()
    assert any(n.startswith("=HYPERLINK(") for n in names)


def test_bad_rows_are_quarantined_with_reasons_and_the_run_goes_on(make_source):
    text = (
        MINIMAL_ANSWER
        + "\nPupil Records\n\nA second row with the same name.\n\n200 records\n"
        + "\nLong One\n\nPurpose.\n\n"
        + "Circa 5,000 records " * 110
        + "\n"
        + "\nCut Short\n\nIts purpose.\n"
    )
    tables = build_tables(make_source(text))
    reasons = dict(zip(tables.quarantine["dataset_name"], tables.quarantine["reason"], strict=True))
    assert reasons == {
        "Pupil Records": "dataset name repeated within the source",
        "Long One": "volume_text length out of bounds (None, 2000)",
        "Cut Short": "row does not fit the table: the table ends after 2 of the row's 3 cells (lines 34-36)",
    }
    assert tables.counts["loaded"] == 2
    assert tables.counts["extracted"] == tables.counts["loaded"] + tables.counts["quarantined"] == 5


def test_a_dataset_with_every_volume_cell_blank_is_unknown_not_lost(make_source):
    manifest = make_source("Dataset\tRecords\tSize (GB)\nA\t\t\nB\t450000\t\n", name="t.txt")
    tables = build_tables(manifest)
    figures = tables.figures[["dataset_name", "volume_column", "kind", "value", "reason"]]
    assert figures.astype(object).where(figures.notna(), None).values.tolist() == [
        ["A", "Records", "unknown", None, "no volume given (blank)"],
        ["B", "Records", "records", 450_000, None],
    ]
    assert tables.counts["loaded"] == 2


def test_conservation_violation_is_an_error(make_source):
    t = build_tables(make_source(MINIMAL_ANSWER))
    with pytest.raises(ConservationError, match="1 datasets lost"):
        check_conservation(t.extracted, t.datasets.iloc[:1], t.figures.iloc[:1], t.quarantine)
    with pytest.raises(ConservationError, match="volume cells without figures"):
        check_conservation(t.extracted, t.datasets, t.figures.iloc[:1], t.quarantine)


def test_binary_policy_from_the_manifest_reaches_the_figures(make_source):
    tables = build_tables(make_source(MINIMAL_ANSWER, policy='storage_prefixes = "binary"'))
    storage = tables.figures[tables.figures["kind"] == "storage"].iloc[0]
    assert storage["value"] == 1.5 * 2**40
    assert storage["policy"] == "TB=2^40 B (binary)"

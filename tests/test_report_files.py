"""The report files written by DuckDB: in their declared order at any size, safe for spreadsheets.

The big CSVs are written from their Parquet copies, read in the copies' order; these tests use
enough rows for DuckDB to read the copy in parallel (several row groups), where an order lost on
the way shows.
"""

from __future__ import annotations

import csv

import duckdb
import pytest

from pipeline.run import run
from pipeline.stages.report import ORDER, copy_csv

from .conftest import FIXTURES

ROWS = 300_000  # three Parquet row groups of 122,880 rows: read by more than one thread


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """A database whose ``measures`` view has ROWS figures, some texts a spreadsheet would run, and
    its Parquet copy written in :data:`ORDER`."""
    folder = tmp_path_factory.mktemp("big")
    con = duckdb.connect(str(folder / "volumes.duckdb"))
    con.execute(
        f"""CREATE TABLE figures AS
        SELECT 'register' AS source_id, i::INTEGER AS row, 0 AS volume_index, 0 AS figure,
               CASE i % 7 WHEN 0 THEN '=HYPERLINK("x")' WHEN 1 THEN '-5 records' WHEN 2 THEN chr(9) || 'tab'
                          WHEN 3 THEN '' ELSE 'Circa ' || i || ' records' END AS volume_text,
               i * 1.5 AS value, i % 2 = 0 AS subset
        FROM range({ROWS}) t(i) ORDER BY hash(i)"""  # stored out of order: only the copy's order counts
    )
    con.execute("CREATE VIEW measures AS SELECT * FROM figures")
    parquet = folder / "measures.parquet"
    con.execute(f"COPY (SELECT * FROM measures ORDER BY {ORDER['measures']}) TO '{parquet}' (FORMAT parquet)")
    yield con, folder, parquet
    con.close()


def test_a_csv_written_from_its_parquet_copy_keeps_the_copys_order(big):
    con, folder, parquet = big
    path = folder / "measures.csv"
    assert copy_csv(con, "measures", path, parquet) == ROWS
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == ROWS
    assert [int(r["row"]) for r in rows] == list(range(ROWS))


def test_a_csv_from_its_parquet_copy_is_the_same_bytes_as_from_its_view(big):
    con, folder, parquet = big
    copy_csv(con, "measures", folder / "a.csv", parquet)
    copy_csv(con, "measures", folder / "b.csv")
    assert (folder / "a.csv").read_bytes() == (folder / "b.csv").read_bytes()


@pytest.mark.parametrize(
    ("row", "written"),
    [(0, '\'=HYPERLINK("x")'), (1, "'-5 records"), (2, "'\ttab"), (3, ""), (4, "Circa 4 records")],
    ids=["formula", "minus", "tab", "empty", "plain"],
)
def test_text_a_spreadsheet_would_run_is_behind_an_apostrophe(big, row, written):
    con, folder, parquet = big
    path = folder / "measures.csv"
    if not path.exists():
        copy_csv(con, "measures", path, parquet)
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if int(r["row"]) == row:
                assert r["volume_text"] == written
                return
    raise AssertionError(f"row {row} not written")


def test_a_csv_longer_than_a_spreadsheet_opens_is_said_at_the_end_of_the_run(monkeypatch, tmp_path):
    """A spreadsheet cuts a CSV off at its last row without a word that a reader would not miss: the
    run says which files are too long and where to read them whole. (The limit made small here.)"""
    monkeypatch.setattr("pipeline.stages.report.SPREADSHEET_ROWS", 12)
    tables, _ = run(FIXTURES / "sources.toml", tmp_path / "out")
    long = {w.split(" ", 1)[0]: w for w in tables.warnings if "a spreadsheet opens 11 and cuts off" in w}
    assert {"datasets.csv", "measures.csv", "largest.csv"} <= set(long) and "bodies.csv" not in long
    assert long["measures.csv"].startswith(f"measures.csv has {tables.counts['figures']:,} rows")
    assert long["measures.csv"].endswith("read it whole from measures.parquet or volumes.duckdb")
    assert long["largest.csv"].endswith("read it whole from volumes.duckdb")


def test_report_says_a_csv_is_too_long_even_when_quiet(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import main

    out = tmp_path / "out"
    run(FIXTURES / "sources.toml", out, reports=False)
    monkeypatch.setattr("pipeline.stages.report.SPREADSHEET_ROWS", 12)
    result = CliRunner().invoke(main, ["report", "--out", str(out), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "warning: measures.csv has " in result.stderr
    assert "read it whole from measures.parquet or volumes.duckdb" in result.stderr

"""The report files written by DuckDB: in their declared order at any size, safe for spreadsheets.

The big CSVs are written from their Parquet copies, read in the copies' order; these tests use
enough rows for DuckDB to read the copy in parallel (several row groups), where an order lost on
the way shows.
"""

from __future__ import annotations

import csv

import duckdb
import pytest

from pipeline.stages.report import ORDER, copy_csv

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
    path = copy_csv(con, "measures", folder / "measures.csv", parquet)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == ROWS
    assert [int(r["row"]) for r in rows] == list(range(ROWS))


def test_a_csv_from_its_parquet_copy_is_the_same_bytes_as_from_its_view(big):
    con, folder, parquet = big
    via_copy = copy_csv(con, "measures", folder / "a.csv", parquet).read_bytes()
    via_view = copy_csv(con, "measures", folder / "b.csv").read_bytes()
    assert via_copy == via_view


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

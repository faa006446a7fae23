"""Finding the datasets table and mapping its columns, the step every format shares.

Header phrasings are table-driven, by origin: the DfE answer, other FOI answers and registers, and the
real catalogues in ../shared/sources/catalogues. A new phrasing is a row in headers.PHRASES and a case here.
"""

from __future__ import annotations

import re

import pytest

from pipeline.plumbing.errors import SourceError
from pipeline.readers import Cell, Reading, Table
from pipeline.readers.find import Columns, Hints, find_tables
from pipeline.readers.headers import classify

# fmt: off
HEADERS = [
    # the DfE answer
    ("Name of Dataset", "name", None),
    ("Purpose of Dataset", "purpose", None),
    ("Volume of Data Held\n(as at 17 June 2016)", "volume", None),
    # other FOI answers and registers
    ("Dataset", "name", None),
    ("System", "name", None),
    ("Name of system", "name", None),
    ("Information Asset", "name", None),
    ("Bulk Personal Dataset", "name", None),
    ("Title", "name", None),
    ("Description", "purpose", None),
    ("Use", "purpose", None),
    ("Size", "volume", None),
    ("Size (GB)", "volume", "gb"),
    ("Size in TB", "volume", "tb"),
    ("Approximate size", "volume", None),
    ("Number of records", "volume", "records"),
    ("No. of records:", "volume", "records"),
    ("Records held", "volume", "records"),
    ("Number of records / size", "volume", "records"),
    ("Volume (records)", "volume", "records"),
    ("Volume (number of records)", "volume", "records"),
    ("Public body", "body", None),
    # the real catalogues
    ("title", "name", None),
    ("fileSize", "volume", None),
    ("statisticalPopulation", "volume", "records"),
    ("publisher", "body", None),
    ("Identifier (link to specification)", "name", None),
    ("Statistical Population", "volume", "records"),
    ("source name", "name", None),
    ("Sample size at recruitment", "volume", "records"),
    ("participants_included", "volume", "records"),
    ("dataset", "name", None),
    ("n", "volume", "records"),
    # not headers
    ("Oracle RightNow Cloud Service", None, None),
    ("Circa 160,000 personal records.", None, None),
    ("populationType", None, None),
    ("Owner", None, None),
    ("", None, None),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "role", "unit"), HEADERS, ids=[t.split("\n")[0] or "empty" for t, _, _ in HEADERS]
)
def test_header_cells_are_classified(text, role, unit):
    cell = classify(text)
    assert (cell.role, cell.unit) == (role, unit)


def table(*rows: tuple[str, ...], where: str = "sheet 'Data'") -> Table:
    return Table(
        rows=[[Cell(t, f"{where} row {n}") for t in r] for n, r in enumerate(rows, start=1)], where=where
    )


def test_title_rows_above_the_header_and_the_as_at_date_in_a_title():
    t = table(
        ("Bulk personal datasets held (as at 31 March 2017)", "", ""),
        ("", "", ""),
        ("System", "Description", "Records"),
        ("Payroll", "Staff pay.", "12,400"),
    )
    (found,) = find_tables(Reading([t], "xlsx"))
    assert found.header[0].where == "sheet 'Data' row 3"
    assert [c.text for c in found.rows[0].cells] == ["Payroll", "Staff pay.", "12,400"]
    assert found.as_at == "31 March 2017"


def test_totals_notes_repeated_headers_and_blank_rows_are_not_datasets():
    t = table(
        ("Dataset", "Purpose", "Volume"),
        ("A", "a.", "1 TB"),
        ("", "", ""),
        ("Dataset", "Purpose", "Volume"),
        ("B", "b.", "2 TB"),
        ("Total", "", "3 TB"),
        ("* Figures are estimates as at the date of the request.", "", ""),
    )
    (found,) = find_tables(Reading([t], "xlsx"))
    assert [r.cells[0].text for r in found.rows] == ["A", "B"]
    assert [s.reason for s in found.skipped] == [
        "the header, repeated",
        "a total row, not a dataset",
        "a note, not a dataset",
    ]


def test_every_volume_column_is_kept_and_the_other_columns_are_attributes():
    t = table(("Name", "Owner", "Records", "Size (TB)", "Copies"), ("A", "HR", "5", "2", "3"))
    (found,) = find_tables(Reading([t], "xlsx"))
    m = found.mapping
    assert (m.name, m.purpose, m.body) == (0, None, None)
    assert [(v.header, v.unit) for v in m.volumes] == [("Records", "records"), ("Size (TB)", "tb")]
    assert m.attributes == [(1, "Owner"), (4, "Copies")]


def test_the_better_ranked_name_column_wins_then_the_leftmost():
    t = table(("Identifier", "Name of system", "Title", "Volume"), ("X1", "Payroll", "Pay", "1 TB"))
    (found,) = find_tables(Reading([t], "xlsx"))
    assert found.mapping.name == 1


def test_a_table_without_a_datasets_header_is_passed_over():
    layout = table(("Our ref: 1234", "Date: 1 May 2017"), where="table 1")
    data = table(("Dataset", "Size"), ("A", "1 TB"), where="table 2")
    (found,) = find_tables(Reading([layout, data], "html"))
    assert found.table is data


def test_hints_pick_the_table_the_header_row_and_the_columns():
    first = table(("Dataset", "Size"), ("A", "1 TB"), where="sheet 'One'")
    second = table(
        ("x", "y", "z"), ("Code", "Study", "N people"), ("S1", "Cohort", "5000"), where="sheet 'Two'"
    )
    hints = Hints(table=2, header_row=2, columns=Columns(name="Study", volume=("N people",)))
    (found,) = find_tables(Reading([first, second], "xlsx"), hints)
    assert found.table is second
    assert [c.text for c in found.rows[0].cells] == ["S1", "Cohort", "5000"]
    assert (found.mapping.name, [v.index for v in found.mapping.volumes]) == (1, [2])


@pytest.mark.parametrize(
    ("hints", "message"),
    [
        (
            Hints(columns=Columns(name="Dataset", volume=("Size", "Records"))),
            "the volume column 'Records' is not in",
        ),
        (Hints(table=3), "table = 3, but the document has 1 table(s)"),
        (Hints(table=1, header_row=9), "header_row = 9 is not a row of this table"),
    ],
    ids=["missing-column", "missing-table", "missing-header-row"],
)
def test_hints_that_name_what_is_not_there_are_errors(hints, message):
    t = table(("Dataset", "Size"), ("A", "1 TB"))
    with pytest.raises(SourceError, match=re.escape(message)):
        find_tables(Reading([t], "xlsx"), hints)


def test_no_table_says_which_rows_came_nearest():
    t = table(("Dataset", "Owner"), ("A", "HR"))
    with pytest.raises(SourceError) as info:
        find_tables(Reading([t], "xlsx"))
    assert "nearest: sheet 'Data' row 1: Dataset | Owner (name only)" in str(info.value)

"""Stage 1: documents -> dataset rows. The real DfE text first, then what the stage adds to the readers:
one row per volume cell, problem rows kept for quarantine, and errors that name the file."""

from __future__ import annotations

import json

import pytest

from pipeline.plumbing.errors import SourceError
from pipeline.readers.find import Columns, Hints
from pipeline.stages.extract import COLUMNS, as_at_date, extract_document

from .conftest import DFE, MINIMAL_ANSWER, dfe_rows


@pytest.fixture(scope="module")
def dfe():
    return extract_document(DFE.read_bytes(), "dfe-2016-0027740", name=DFE.name)


def test_dfe_table_has_53_datasets_with_every_cell(dfe):
    assert len(dfe.rows) == 53
    assert all(set(row) == set(COLUMNS) for row in dfe.rows)
    assert [(r["dataset_name"], r["purpose"], r["volume_text"]) for r in dfe.rows] == dfe_rows()
    assert [r["row"] for r in dfe.rows] == list(range(1, 54))
    assert (dfe.format, dfe.encoding) == ("foi-text", "utf-8")


def test_dfe_locations_point_at_the_cells(dfe):
    lines = DFE.read_text(encoding="utf-8").split("\n")
    first = dfe.rows[0]
    assert (first["row_location"], first["location"]) == ("line 92", "line 96")
    for row in dfe.rows:  # the volume cell's line holds the volume text; the name's, the name
        assert lines[int(row["location"].split()[-1]) - 1].strip() == row["volume_text"]
        assert lines[int(row["row_location"].split()[-1]) - 1].strip() == row["dataset_name"]


def test_dfe_as_at_date_comes_from_the_table_header(dfe):
    assert dfe.as_at == "2016-06-17"
    assert dfe.tables == [
        "the document, header at line 85: name='Name of Dataset', purpose='Purpose of Dataset', "
        "volume='Volume of Data Held (as at 17 June 2016)'"
    ]


def test_table_ends_at_prose_not_at_the_end_of_the_letter(dfe):
    assert not any("copyright" in row["dataset_name"] for row in dfe.rows)
    (end,) = dfe.skipped
    assert end.where == "line 410"
    assert end.reason.startswith("the table ends here: 11 paragraphs after it")


def test_header_note_on_its_own_paragraph_is_not_a_dataset():
    text = MINIMAL_ANSWER.replace(
        "Volume of Data Held\n(as at 1 April 2017)", "Volume\n\n(as at 1 April 2017)"
    )
    result = extract_document(text.encode(), "s")
    assert [r["dataset_name"] for r in result.rows] == ["Pupil Records", "File Share"]
    assert result.as_at == "2017-04-01"


def test_truncated_table_keeps_the_partial_row_as_a_problem():
    text = MINIMAL_ANSWER + "\nLast System\n\nIts purpose.\n"
    last = extract_document(text.encode(), "s").rows[-1]
    assert last["dataset_name"] == "Last System"
    assert last["problem"] == "the table ends after 2 of the row's 3 cells (lines 22-24)"
    assert json.loads(last["attributes"]) == {"cells": ["Last System", "Its purpose."]}


def test_missing_header_is_a_source_error_saying_where_the_words_are():
    with pytest.raises(SourceError, match="no datasets table") as info:
        extract_document(b"Dear Sir,\n\nWe hold no such information.\n", "s")
    assert "README ('Header words')" in str(info.value)


def test_one_row_per_volume_cell_and_blank_cells_left_out():
    text = "Dataset\tRecords\tSize (GB)\tOwner\nA\t450000\t250\tHR\nB\t\t\tIT\nC\t\t12\t\n"
    rows = extract_document(text.encode(), "s").rows
    cells = [
        (r["row"], r["volume_index"], r["volume_column"], r["volume_text"], r["column_unit"]) for r in rows
    ]
    assert cells == [
        (1, 0, "Records", "450000", "records"),
        (1, 1, "Size (GB)", "250", "gb"),
        (2, 0, "Records", "", "records"),  # every volume cell blank: one row, an empty text
        (3, 1, "Size (GB)", "12", "gb"),
    ]
    assert [json.loads(r["attributes"]) for r in rows] == [
        {"Owner": "HR"},
        {"Owner": "HR"},
        {"Owner": "IT"},
        {},
    ]
    assert {r["location"] for r in rows if r["row"] == 1} == {"line 2"}


def test_manifest_columns_pick_the_volume_columns_and_the_body():
    text = "Title,Publisher,fileSize,populationType\nX,NHS A,500MB,Approx 750 people\n"
    hints = Hints(columns=Columns(volume=("fileSize", "populationType"), body="Publisher"))
    rows = extract_document(text.encode(), "s", name="c.csv", hints=hints).rows
    assert [(r["volume_column"], r["volume_text"], r["body"]) for r in rows] == [
        ("fileSize", "500MB", "NHS A"),
        ("populationType", "Approx 750 people", "NHS A"),
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("17 June 2016", "2016-06-17"),
        ("1st April 2017.", "2017-04-01"),
        ("31/03/2017", "2017-03-31"),
        ("soon", None),
    ],
    ids=["day-month-year", "ordinal", "slashes", "not-a-date"],
)
def test_as_at_dates(text, iso):
    assert as_at_date(text) == iso

"""The text reader: the paragraph layout made safe, and tables of lines. Every case is the real DfE
table (53 rows) with the stray paragraphs real copies of letters carry: a figure must never land in
the wrong row. A case that cannot be read in step becomes one quarantined problem row, its lines named.
"""

from __future__ import annotations

import pytest

from pipeline.readers import ReadOptions
from pipeline.readers.find import find_tables
from pipeline.readers.text import read_text

from .conftest import dfe_rows
from .documents.text import paragraph_answer

ROWS = dfe_rows()


def read_rows(text: str, encoding: str = "utf-8"):
    """``(good rows as (name, purpose, volume), problem rows as (first cell, problem), set aside)``."""
    (found,) = find_tables(read_text(text.encode(encoding), ReadOptions()))
    good = [tuple(c.text for c in r.cells[:3]) for r in found.rows if r.problem is None]
    problems = [(r.cells[0].text, r.problem) for r in found.rows if r.problem is not None]
    return good, problems, [(s.text, s.reason) for s in found.skipped]


STRAYS = [
    pytest.param({20: ["Page 1 of 2"]}, {}, "a page header or footer", id="page-footer-between-rows"),
    pytest.param({}, {(20, 1): ["Page 1 of 2"]}, "a page header or footer", id="page-footer-inside-a-row"),
    pytest.param({30: ["- 3 -"]}, {}, "a page header or footer", id="page-number"),
    pytest.param({12: ["OFFICIAL"]}, {}, "a page header or footer", id="protective-marking"),
    pytest.param(
        {25: ["Name of Dataset", "Purpose of Dataset", "Volume of Data Held"]},
        {},
        "the header, repeated",
        id="header-repeated-on-a-new-page",
    ),
    pytest.param(
        {40: ["Please note: the volumes below are estimates."]},
        {},
        "a note inside the table",
        id="note-inside-the-table",
    ),
]


@pytest.mark.parametrize(("between", "within", "reason"), STRAYS)
def test_page_furniture_and_notes_are_set_aside_and_every_row_stays_in_step(between, within, reason):
    good, problems, skipped = read_rows(paragraph_answer(ROWS, between=between, within=within))
    assert good == ROWS
    assert problems == []
    assert reason in [why for _, why in skipped]


@pytest.mark.parametrize(
    "closing",
    [
        ["Please note that the figures above are estimates.", "FOI Team"],
        ["FOI Team", "Department for Education"],
        ["Yours sincerely,", "J Smith", "Information Rights Team"],
        ["Kind regards", "Freedom of Information Officer"],
        ["If you are unhappy with the way we have handled your request, you may ask for an internal review."],
    ],
    ids=["please-note", "foi-team", "yours-sincerely", "kind-regards", "if-you-are-unhappy"],
)
def test_sign_offs_after_the_table_are_not_datasets(closing):
    good, problems, skipped = read_rows(paragraph_answer(ROWS, closing=closing))
    assert good == ROWS
    assert problems == []
    assert skipped[-1][1].startswith("the table ends here")


@pytest.mark.parametrize(
    ("between", "within", "bad_row", "problem"),
    [
        pytest.param(
            {10: ["Section B: executive agencies"]},
            {},
            10,
            "1 paragraph where a row has 3: a stray paragraph, or a cell missing",
            id="stray-heading-between-rows",
        ),
        pytest.param(
            {},
            {(5, 2): ["Held on the shared drive."]},
            5,
            "4 paragraphs where a row has 3: a stray paragraph, or a cell in two",
            id="purpose-in-two-paragraphs",
        ),
    ],
)
def test_a_stray_paragraph_is_one_problem_row_and_the_rows_after_it_stay_in_step(
    between, within, bad_row, problem
):
    good, problems, _ = read_rows(paragraph_answer(ROWS, between=between, within=within))
    expected = ROWS[:bad_row] + ROWS[bad_row + 1 :] if within else ROWS
    assert good == expected
    ((_, why),) = problems
    assert why.startswith(problem)

    assert why.endswith(")") and "(line" in why  # the lines to look at


def test_a_missing_cell_is_one_problem_row_and_the_rows_after_it_stay_in_step():
    rows = [list(r) for r in ROWS]
    del rows[30][1]  # row 31 lost its purpose paragraph
    good, problems, _ = read_rows(paragraph_answer(rows))
    assert good == ROWS[:30] + ROWS[31:]
    ((first, why),) = problems
    assert first == ROWS[30][0]
    assert why.startswith("2 paragraphs where a row has 3")


def test_a_shift_never_names_a_dataset_after_a_volume():
    """Without the check, one lost paragraph made every later dataset a volume ('35GB') and every
    purpose a volume cell; now no good row has a name that reads as a volume."""
    rows = [list(r) for r in ROWS]
    del rows[2][1]
    good, problems, _ = read_rows(paragraph_answer(rows))
    assert [name for name, _, _ in good] == [r[0] for i, r in enumerate(ROWS) if i != 2]
    assert len(problems) == 1


def test_windows_1252_crlf_copy_reads_the_same():
    text = paragraph_answer(ROWS).replace("\n", "\r\n")
    good, problems, _ = read_rows(text, "cp1252")
    assert good == ROWS
    assert problems == []


@pytest.mark.parametrize("style", ["tabs", "pipes", "spaces"])
@pytest.mark.parametrize(
    "header",
    [("System", "Description", "Size"), ("Information asset", "Use", "Number of records / size")],
    ids=["system-description-size", "asset-use-records-size"],
)
def test_tables_of_lines_read_every_row(style, header):
    from .documents.text import line_table

    text = line_table(ROWS, header, style)
    (found,) = find_tables(read_text(text.encode(), ReadOptions()))
    assert [tuple(c.text for c in r.cells[:3]) for r in found.rows] == ROWS
    assert [found.header[m].text for m in (found.mapping.name, found.mapping.purpose)] == list(header[:2])
    first = 7 if style == "pipes" else 6  # three lines of letter, a blank, the header (and its rule)
    assert found.rows[0].cells[0].where == f"line {first}"

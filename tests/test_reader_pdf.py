"""The PDF reader on letters built in the test (tests/documents/pdf.py): a table over three pages
with its header repeated, cells wrapped, footers and letter text around it; two tables on a page;
a table without ruling lines; an answer written as paragraphs; scans, truncated, corrupt and
encrypted files. The DfE rows must come back exactly: every cell, in order, nothing shifted."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from pipeline.plumbing.errors import SourceError
from pipeline.readers.formats import read
from pipeline.readers.model import Reading, ReadOptions, Table
from pipeline.readers.pdf import pdf_paragraphs, read_pdf, rejoin
from tests.conftest import dfe_rows
from tests.documents.pdf import (
    LETTER_AFTER,
    LETTER_BEFORE,
    RUNNING_HEADER,
    encrypted_pdf,
    page_count,
    paragraphs_pdf,
    scanned_pdf,
    table_letter_pdf,
    tables_pdf,
)

HEADER = ("System", "Description", "Size")  # not DfE's words: the reader must not depend on them


def texts(table: Table) -> list[tuple[str, ...]]:
    return [tuple(cell.text for cell in row) for row in table.rows]


@pytest.fixture(scope="module")
def dfe_pdf() -> bytes:
    return table_letter_pdf(HEADER, dfe_rows())


@pytest.fixture(scope="module")
def dfe_reading(dfe_pdf: bytes) -> Reading:
    return read_pdf(dfe_pdf, ReadOptions())


# --- the acceptance test: the 53 DfE rows through a three-page letter -----------------------------


def test_dfe_rows_read_back_exactly_joined_across_pages(dfe_pdf: bytes, dfe_reading: Reading) -> None:
    assert page_count(dfe_pdf) >= 3
    [table] = dfe_reading.tables
    assert texts(table)[0] == HEADER
    assert texts(table)[1:] == dfe_rows()


def test_repeated_headers_are_set_aside_with_their_page(dfe_pdf: bytes, dfe_reading: Reading) -> None:
    [table] = dfe_reading.tables
    pages = page_count(dfe_pdf)
    assert [(s.where, s.text, s.reason) for s in table.skipped] == [
        (f"page {p}, table 1, row 1", "System | Description | Size", f"header repeated on page {p}")
        for p in range(2, pages + 1)
    ]


def test_letter_text_footers_and_running_headers_are_not_cells(dfe_reading: Reading) -> None:
    cells = [cell.text for row in dfe_reading.tables[0].rows for cell in row]
    assert not [c for c in cells if "Page " in c or RUNNING_HEADER in c or "Dear" in c or "copyright" in c]


def test_where_names_the_page_table_and_row_a_person_counts(dfe_pdf: bytes, dfe_reading: Reading) -> None:
    """Each row's ``page P, table T, row R`` is the R-th row of the T-th table printed on page P
    (checked against pdfplumber's own view of that page), all cells of a row sharing it."""
    [table] = dfe_reading.tables
    pages = page_count(dfe_pdf)
    assert table.where == f"page 1, table 1, continued on pages 2-{pages}"
    assert table.rows[0][0].where == "page 1, table 1, row 1"
    assert table.rows[1][0].where == "page 1, table 1, row 2"
    seen_pages = set()
    with pdfplumber.open(io.BytesIO(dfe_pdf)) as pdf:
        for row in table.rows:
            assert len({cell.where for cell in row}) == 1
            page, t, r = (int(part.split()[1]) for part in row[0].where.split(", "))
            printed = pdf.pages[page - 1].find_tables()[t - 1].extract()[r - 1]
            assert tuple(rejoin(c) for c in printed) == tuple(cell.text for cell in row), row[0].where
            seen_pages.add(page)
    assert seen_pages == set(range(1, pages + 1))
    first_on_page_2 = next(row for row in table.rows if row[0].where.startswith("page 2"))
    assert first_on_page_2[0].where == "page 2, table 1, row 2"  # row 1 is the repeated header


def test_read_through_the_format_interface(dfe_pdf: bytes) -> None:
    reading = read(dfe_pdf, name="answer.pdf")
    assert reading.format == "pdf" and texts(reading.tables[0])[1:] == dfe_rows()


def test_a_continued_table_without_a_repeated_header_is_joined() -> None:
    reading = read_pdf(table_letter_pdf(HEADER, dfe_rows(), repeat_rows=0), ReadOptions())
    [table] = reading.tables
    assert texts(table)[1:] == dfe_rows() and table.skipped == []
    first_on_page_2 = next(row for row in table.rows if row[0].where.startswith("page 2"))
    assert first_on_page_2[0].where == "page 2, table 1, row 1"


# --- wrapped cells --------------------------------------------------------------------------------

REJOIN_CASES = [
    ("Oracle RightNow Cloud\nService", "Oracle RightNow Cloud Service"),
    ("a cell\nover\nthree lines", "a cell over three lines"),
    ("Nation Pupil Database-\nAchievement", "Nation Pupil Database-Achievement"),
    ("manage-\nment information", "manage-ment information"),
    ("Post-\n16 education", "Post-16 education"),
    ("NCA Tools -\n** (6 systems)", "NCA Tools - ** (6 systems)"),
    ("1,200 -\n1,500 records", "1,200 - 1,500 records"),
    ("\u00a0Circa 5,000\u00a0\n  personal records. \n", "Circa 5,000 personal records."),
    ("", ""),
]


@pytest.mark.parametrize(
    ("pdf_text", "expected"),
    REJOIN_CASES,
    ids=[
        "wrap",
        "three-lines",
        "hyphen-upper",
        "hyphen-lower-kept",
        "hyphen-digit",
        "spaced-dash",
        "spaced-range",
        "spaces-cleaned",
        "empty",
    ],
)
def test_rejoin(pdf_text: str, expected: str) -> None:
    assert rejoin(pdf_text) == expected


def test_lines_broken_after_a_hyphen_in_the_pdf_keep_the_hyphen_without_a_space() -> None:
    rows = [
        ("Nation Pupil Database-<br/>Achievement and Attainment Tables", "Pupil achieve-<br/>ments.", "1 TB"),
        ("NCA Tools -<br/>** (6 systems)", "A group of<br/>6 systems.", "29,000 personal<br/>records."),
        ("Post-<br/>16", "Analysis.", "Exact volume unknown."),
    ]
    table = read_pdf(table_letter_pdf(HEADER, rows, pages_at_least=1, markup=True), ReadOptions()).tables[0]
    assert texts(table)[1:] == [
        ("Nation Pupil Database-Achievement and Attainment Tables", "Pupil achieve-ments.", "1 TB"),
        ("NCA Tools - ** (6 systems)", "A group of 6 systems.", "29,000 personal records."),
        ("Post-16", "Analysis.", "Exact volume unknown."),
    ]


# --- several tables -------------------------------------------------------------------------------

DATASETS = (
    ("Name", "Volume"),
    [("Pupil Records", "Circa 5,000 personal records."), ("File Share", "1.5 TB")],
)
OFFICES = (("Code", "Office", "Staff"), [("X1", "Leeds", "12"), ("X2", "York", "4")])


def test_two_unrelated_tables_on_one_page() -> None:
    reading = read_pdf(tables_pdf([DATASETS, OFFICES]), ReadOptions())
    assert [t.where for t in reading.tables] == ["page 1, table 1", "page 1, table 2"]
    assert texts(reading.tables[0]) == [DATASETS[0], *DATASETS[1]]
    assert texts(reading.tables[1]) == [OFFICES[0], *OFFICES[1]]
    assert [row[0].where for row in reading.tables[1].rows] == [
        f"page 1, table 2, row {r}" for r in (1, 2, 3)
    ]


def test_tables_on_consecutive_pages_with_text_between_are_not_joined() -> None:
    other = (("Name", "Volume"), [("Payroll", "12,400 staff records"), ("CRM", "Exact volume unknown.")])
    reading = read_pdf(
        tables_pdf([DATASETS, other], new_page=True, between="Annex B: agencies"), ReadOptions()
    )
    assert [t.where for t in reading.tables] == ["page 1, table 1", "page 2, table 1"]
    assert texts(reading.tables[1]) == [other[0], *other[1]]


def test_a_new_table_at_the_top_of_the_next_page_with_other_columns_is_not_joined() -> None:
    reading = read_pdf(tables_pdf([DATASETS, OFFICES], new_page=True, between=None), ReadOptions())
    assert [t.where for t in reading.tables] == ["page 1, table 1", "page 2, table 1"]


# --- a table drawn without ruling lines -----------------------------------------------------------


@pytest.mark.parametrize("font_size", [10, 7], ids=["10pt", "7pt-rows-padded-apart"])
def test_a_table_without_ruling_lines_over_three_pages(font_size: float) -> None:
    """pdfplumber's "text" strategy takes the letter into the table and cuts words: the reader's
    own column finder reads it; the letter, footers and running headers stay out. At 7 pt the
    builder pads rows far apart to fill three pages: rows still line up, so they are one table."""
    data = table_letter_pdf(HEADER, dfe_rows(), grid=False, font_size=font_size)
    reading = read_pdf(data, ReadOptions())
    [table] = reading.tables
    assert texts(table) == [HEADER, *dfe_rows()]
    assert [s.reason for s in table.skipped] == ["header repeated on page 2", "header repeated on page 3"]


def test_a_short_table_without_lines_in_a_one_page_letter() -> None:
    rows = dfe_rows()[:4]
    [table] = read_pdf(table_letter_pdf(HEADER, rows, grid=False, pages_at_least=1), ReadOptions()).tables
    assert texts(table) == [HEADER, *rows]
    assert [row[0].where for row in table.rows] == [f"page 1, table 1, row {r}" for r in range(1, 6)]


# --- an answer written as paragraphs --------------------------------------------------------------


def test_a_pdf_without_tables_gives_its_paragraphs() -> None:
    answer = ["Dear S Smith,", "Name of Dataset", "Purpose of Dataset", "Volume of Data Held"]
    answer += [text for row in dfe_rows()[:30] for text in row]
    data = paragraphs_pdf(answer)
    assert page_count(data) == 3
    cells, skipped = pdf_paragraphs(data)
    assert [c.text for c in cells] == answer
    assert cells[0].where == "page 1, line 1"
    on_page_2 = next(c for c in cells if c.where.startswith("page 2"))
    assert on_page_2.where == "page 2, line 2"  # line 1 is the running header
    assert {s.text for s in skipped} == {RUNNING_HEADER, "Page 1 of 3", "Page 2 of 3", "Page 3 of 3"}
    (table,) = read_pdf(data, ReadOptions()).tables  # the paragraph reader makes the rows
    assert [tuple(c.text for c in row) for row in table.rows[1:]] == dfe_rows()[:30]
    assert {s.text for s in skipped} <= {s.text for s in table.skipped}


def test_a_paragraph_broken_by_the_page_end_is_one_paragraph() -> None:
    long = " ".join(["The Department holds these records under its statutory duties"] * 12) + "."
    answer = [f"Paragraph {n} of the letter." for n in range(1, 37)] + [long, "Yours sincerely,"]
    data = paragraphs_pdf(answer)
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the long paragraph does straddle the page end
        page_1, page_2 = (p.extract_text() for p in pdf.pages[:2])
    assert "statutory duties" in page_1 and "statutory duties" in page_2.split("\n", 2)[1]
    cells, skipped = pdf_paragraphs(data)
    assert [c.text for c in cells] == answer
    assert next(c for c in cells if c.text == long).where.startswith("page 1, line ")
    # two pages: the header on page 2 alone is set aside because it stands apart at the top
    assert [s.text for s in skipped] == ["Page 1 of 2", RUNNING_HEADER, "Page 2 of 2"]
    with pytest.raises(SourceError, match="its 38 paragraphs hold no datasets header"):
        read_pdf(data, ReadOptions())


def test_a_framed_letterhead_is_not_a_table() -> None:
    answer = ["Name of Dataset", "Purpose of Dataset", "Volume of Data Held", *dfe_rows()[0]]
    letterhead = ["Department for Education", "Sanctuary Buildings, London"]
    data = paragraphs_pdf(answer, framed=letterhead)
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # pdfplumber does see a ruled table there
        assert [len(t.extract()) for t in pdf.pages[0].find_tables()] == [2]
    cells, _ = pdf_paragraphs(data)
    assert [c.text for c in cells] == [*letterhead, *answer]
    (table,) = read_pdf(data, ReadOptions()).tables
    assert [c.text for c in table.rows[1]] == list(dfe_rows()[0])


# --- documents that cannot be read ----------------------------------------------------------------


def test_a_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(SourceError, match=r"no text layer \(a scanned document\?\): run OCR on it first"):
        read_pdf(scanned_pdf(pages=2), ReadOptions())


def test_scanned_pages_after_a_typed_one_are_named() -> None:
    with pytest.raises(SourceError, match=r"^page 2: pages 2, 3 of the PDF have no text layer") as err:
        read_pdf(scanned_pdf(pages=2, text_page=True), ReadOptions())
    assert err.value.where == "page 2" and "OCR" in err.value.message


@pytest.mark.parametrize("keep", [0.3, 0.9, -12], ids=["third", "most", "without-eof-marker"])
def test_a_truncated_pdf(dfe_pdf: bytes, keep: float) -> None:
    cut = dfe_pdf[: int(len(dfe_pdf) * keep)] if keep > 0 else dfe_pdf[: int(keep)]
    with pytest.raises(SourceError, match="the PDF is truncated"):
        read(cut, name="answer.pdf")


def test_a_corrupt_pdf() -> None:
    with pytest.raises(
        SourceError, match=r"the PDF is corrupt or truncated \(.*\): download or copy it again"
    ):
        read_pdf(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n", ReadOptions())


def test_an_encrypted_pdf_that_needs_a_password() -> None:
    with pytest.raises(SourceError, match="the PDF is encrypted and needs a password to open"):
        read(encrypted_pdf("secret"), name="answer.pdf")


def test_an_encrypted_pdf_that_opens_without_a_password_is_read() -> None:
    [table] = read_pdf(encrypted_pdf(""), ReadOptions()).tables
    assert texts(table) == [
        ("Name", "Volume"),
        ("Pupil Records", "Circa 5,000 personal records."),
        ("File Share", "1.5 TB"),
    ]


def test_letter_text_is_the_builders() -> None:
    """The letter text the tests look for is in the PDF, so its absence from the cells means something."""
    with pdfplumber.open(io.BytesIO(table_letter_pdf(HEADER, dfe_rows()[:2], pages_at_least=1))) as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    assert LETTER_BEFORE[:40] in text and LETTER_AFTER[:40] in text and "Page 1 of 1" in text


def test_the_builder_refuses_a_word_wider_than_its_column() -> None:
    """The layout would break the word inside, which no reader can undo: the builder says so."""
    with pytest.raises(ValueError, match=r"'Enterprise' is wider than its 2\.0 cm column"):
        table_letter_pdf(HEADER, dfe_rows(), col_widths=(2, 10, 5))

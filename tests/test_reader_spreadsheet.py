"""The spreadsheet reader (XLSX, ODS; XLS goes through the same calamine calls): sheets, row numbers as the
application shows them, typed values as text, merged cells, hidden sheets, the sheet option, unreadable
files; then the real catalogues against their gold extract.

Workbooks are built in the tests: XLSX with openpyxl (:mod:`tests.documents.xlsx`), ODS by hand
(:mod:`tests.documents.ods`). A new value case goes in ``VALUES``; a new unreadable file in ``UNREADABLE``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile

import pytest

from pipeline.plumbing.errors import SourceError
from pipeline.readers import Cell, Reading, ReadOptions, detect, read
from pipeline.readers.spreadsheet import read_spreadsheet
from tests.conftest import CATALOGUES, dfe_rows
from tests.documents.ods import Covered, Error, Merged, ods_workbook
from tests.documents.xlsx import BLANK_FORMATTED_ROWS, TITLE_ROWS, table_workbook


def xlsx(build) -> bytes:
    """The bytes of an openpyxl workbook that ``build(book)`` fills in."""
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def patch_sheet(data: bytes, part: str, old: str, new: str) -> bytes:
    """The XLSX with one replacement made in one part's XML (for what openpyxl will not write)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == part:
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode(), 1)
            target.writestr(info, content)
    return out.getvalue()


def texts(reading: Reading, table: int = 0) -> list[list[str]]:
    return [[cell.text for cell in row] for row in reading.tables[table].rows]


def wheres(reading: Reading, table: int = 0) -> list[str]:
    return [row[0].where for row in reading.tables[table].rows]


def read_xlsx(data: bytes, sheet: str | int | None = None) -> Reading:
    return read_spreadsheet(data, ReadOptions(sheet=sheet))


# -- layout: sheets, titles, row numbers ---------------------------------------------------------------------


def test_table_on_the_second_sheet_under_title_rows():
    data = table_workbook(
        ["Name", "Purpose", "Volume"], [("Pupils", "Census", "30000"), ("Staff", "HR", "5.6Tb")]
    )
    reading = read_xlsx(data)
    assert [t.where for t in reading.tables] == ["sheet 'Contents'", "sheet 'Bulk datasets'"]
    assert texts(reading, 1) == [
        [TITLE_ROWS[0], "", ""],
        [TITLE_ROWS[1], "", ""],
        ["", "", ""],  # the blank row between the titles and the header stays
        ["Name", "Purpose", "Volume"],
        ["Pupils", "Census", "30000"],
        ["Staff", "HR", "5.6Tb"],
    ]  # and the blank formatted rows below are gone
    assert wheres(reading, 1) == [f"sheet 'Bulk datasets' row {n}" for n in range(1, 7)]
    assert all(cell.where == row[0].where for row in reading.tables[1].rows for cell in row)
    assert reading.format == "xlsx"


def test_builder_writes_whole_numbers_as_numbers_and_formats_rows_below():
    import openpyxl

    data = table_workbook(
        ["Name", "Volume"], [("Pupils", "30000"), ("Leading zero", "007"), ("Big", "1,000")]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Bulk datasets"]
    assert [sheet.cell(r, 2).value for r in (5, 6, 7)] == [30000, "007", "1,000"]
    assert sheet.max_row == 7 + BLANK_FORMATTED_ROWS and sheet.cell(8, 1).fill.fgColor.rgb.endswith("DDEBF7")
    assert texts(read_xlsx(data), 1)[-3:] == [["Pupils", "30000"], ["Leading zero", "007"], ["Big", "1,000"]]


def test_data_from_row_4_column_c_keeps_the_sheets_row_numbers():
    from openpyxl.styles import PatternFill

    def build(book):
        sheet = book.active
        sheet.title = "Data"
        sheet["A1"].fill = PatternFill("solid", fgColor="FFFF00")  # formatted, no value: not the start
        for r, row in enumerate(
            [("Name", "Volume"), ("Pupils", 30000), (None, None), ("Staff", "2 TB")], start=4
        ):
            for c, value in enumerate(row, start=3):
                sheet.cell(r, c, value)
        for r in range(8, 200):
            sheet.cell(r, 3).fill = PatternFill("solid", fgColor="FFFF00")

    reading = read_xlsx(xlsx(build))
    assert texts(reading) == [["Name", "Volume"], ["Pupils", "30000"], ["", ""], ["Staff", "2 TB"]]
    assert wheres(reading) == [
        "sheet 'Data' row 4",
        "sheet 'Data' row 5",
        "sheet 'Data' row 6",
        "sheet 'Data' row 7",
    ]


def test_rows_of_blank_strings_below_the_data_are_dropped_and_rows_are_one_width():
    def build(book):
        sheet = book.active
        sheet.append(["Name", "Volume", "Notes"])
        sheet.append(["Pupils", "5 TB"])
        for r in range(3, 50):
            sheet.cell(r, 1, " ")  # a value of spaces only: no text
        sheet.cell(30, 5, "\u00a0")

    reading = read_xlsx(xlsx(build))
    assert texts(reading) == [["Name", "Volume", "Notes"], ["Pupils", "5 TB", ""]]


# -- values --------------------------------------------------------------------------------------------------

VALUES = [
    pytest.param(30000, "30000", id="int"),
    pytest.param(30000.0, "30000", id="int-valued-float"),
    pytest.param(15704944165, "15704944165", id="big-int-exact"),
    pytest.param(0.5, "0.5", id="float"),
    pytest.param(1234.5678, "1234.5678", id="float-digits"),
    pytest.param(-3, "-3", id="negative"),
    pytest.param(dt.date(2016, 6, 17), "2016-06-17", id="date"),
    pytest.param(dt.datetime(2016, 6, 17, 9, 30), "2016-06-17 09:30:00", id="datetime"),
    pytest.param(dt.time(9, 30), "09:30:00", id="time"),
    pytest.param(True, "TRUE", id="true"),
    pytest.param(False, "FALSE", id="false"),
    pytest.param("#N/A", "#N/A", id="error-na"),
    pytest.param("#REF!", "#REF!", id="error-ref"),
    pytest.param("#DIV/0!", "#DIV/0!", id="error-div0"),
    pytest.param("\u00a074874\u00a0", "74874", id="nbsp-wrapped-number"),
    pytest.param("6070\n", "6070", id="trailing-newline"),
    pytest.param("17,198 births<br>\n13,818 births", "17,198 births<br>\n13,818 births", id="literal-br"),
    pytest.param("a\r\nb", "a\nb", id="crlf"),
    pytest.param("Circa 5,000 personal records", "Circa 5,000 personal records", id="text"),
]


@pytest.mark.parametrize(("value", "expected"), VALUES)
def test_cell_values_read_as_a_person_types_them(value, expected):
    def build(book):
        sheet = book.active
        sheet.append(["Name", "Volume"])
        sheet.append(["Dataset", value])

    (table,) = read_xlsx(xlsx(build)).tables
    assert table.rows[1] == [Cell("Dataset", "sheet 'Sheet' row 2"), Cell(expected, "sheet 'Sheet' row 2")]


def test_hyperlinked_cell_reads_its_displayed_text():
    def build(book):
        sheet = book.active
        sheet["A1"] = "Outpatient Appointments (SMR00)"
        sheet["A1"].hyperlink = "#'SMR00'!A1"
        sheet["A2"] = "NHS Digital"
        sheet["A2"].hyperlink = "https://digital.nhs.uk/"

    assert texts(read_xlsx(xlsx(build))) == [["Outpatient Appointments (SMR00)"], ["NHS Digital"]]


def test_error_cells_among_many_are_placed_in_their_own_cells():
    def build(book):
        sheet = book.active
        for r in range(1, 41):
            sheet.append([f"Dataset {r}", "#N/A" if r % 13 == 0 else r * 1000, "#REF!" if r == 40 else ""])

    rows = texts(read_xlsx(xlsx(build)))
    assert [r for r, row in enumerate(rows, start=1) if "#N/A" in row] == [13, 26, 39]
    assert rows[38] == ["Dataset 39", "#N/A", ""] and rows[39] == ["Dataset 40", "40000", "#REF!"]


def test_merged_volume_is_in_its_top_left_cell_only():
    def build(book):
        sheet = book.active
        sheet.append(["Name", "Volume"])
        for name in ("Pupils", "Schools", "Teachers"):
            sheet.append([name, None])
        sheet["B2"] = "Circa 8 million records"
        sheet.merge_cells("B2:B4")

    assert texts(read_xlsx(xlsx(build))) == [
        ["Name", "Volume"],
        ["Pupils", "Circa 8 million records"],
        ["Schools", ""],
        ["Teachers", ""],
    ]


def test_merged_range_hiding_contents_reads_them_empty():
    """A file may keep values under a merged range (LibreOffice's "keep the contents of hidden cells");
    the application shows only the top-left one, and so does the reader, even for a whole-column merge."""

    def build(book):
        sheet = book.active
        sheet.append(["Name", "Volume"])
        sheet.append(["Pupils", "8 million"])
        sheet.append(["Schools", "hidden 8 million"])
        sheet.append(["Teachers", "500,000"])

    merges = '<mergeCells count="2"><mergeCell ref="B2:B3"/><mergeCell ref="D1:D1048576"/></mergeCells>'
    data = patch_sheet(xlsx(build), "xl/worksheets/sheet1.xml", "</sheetData>", "</sheetData>" + merges)
    assert texts(read_xlsx(data)) == [
        ["Name", "Volume"],
        ["Pupils", "8 million"],
        ["Schools", ""],
        ["Teachers", "500,000"],
    ]


# -- sheets: hidden, chosen by the option, missing -----------------------------------------------------------


def four_sheets() -> bytes:
    def build(book):
        book.active.title = "Contents"
        book.active["A1"] = "Cover note"
        book.create_sheet("Bulk datasets")["B2"] = "Name"
        hidden = book.create_sheet("Workings")
        hidden["A1"], hidden.sheet_state = "draft figures", "hidden"
        very = book.create_sheet("Lookup")
        very["A1"], very.sheet_state = "codes", "veryHidden"
        book.create_sheet("Notes")  # empty

    return xlsx(build)


def test_hidden_and_empty_sheets_are_skipped_and_recorded():
    reading = read_xlsx(four_sheets())
    assert [t.where for t in reading.tables] == ["sheet 'Contents'", "sheet 'Bulk datasets'"]
    assert [(s.where, s.reason) for s in reading.tables[0].skipped] == [
        ("sheet 'Workings'", "a hidden sheet: not read unless the sheet option names it"),
        ("sheet 'Lookup'", "a very hidden sheet: not read unless the sheet option names it"),
        ("sheet 'Notes'", "no cell with a value"),
    ]
    assert reading.tables[1].skipped == []


@pytest.mark.parametrize(
    ("sheet", "where", "text"),
    [
        pytest.param("Bulk datasets", "sheet 'Bulk datasets' row 2", "Name", id="exact-name"),
        pytest.param(
            "bulk  DATASETS ", "sheet 'Bulk datasets' row 2", "Name", id="case-and-space-insensitive"
        ),
        pytest.param(2, "sheet 'Bulk datasets' row 2", "Name", id="position"),
        pytest.param("2", "sheet 'Bulk datasets' row 2", "Name", id="position-as-text"),
        pytest.param("Workings", "sheet 'Workings' row 1", "draft figures", id="hidden-when-named"),
        pytest.param(4, "sheet 'Lookup' row 1", "codes", id="very-hidden-by-position"),
    ],
)
def test_sheet_option_reads_only_that_sheet(sheet, where, text):
    (table,) = read_xlsx(four_sheets(), sheet).tables
    assert table.rows == [[Cell(text, where)]]
    assert table.where == where.rsplit(" row ", 1)[0] and table.skipped == []


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        pytest.param("Datasets", "no sheet 'Datasets' in the workbook", id="name"),
        pytest.param(6, "no sheet at position 6 in the workbook", id="position"),
        pytest.param(0, "no sheet at position 0 in the workbook", id="position-zero"),
    ],
)
def test_missing_sheet_names_it_and_lists_the_sheets(sheet, message):
    with pytest.raises(SourceError) as raised:
        read_xlsx(four_sheets(), sheet)
    assert str(raised.value) == (
        f"{message}; its sheets are 1 'Contents', 2 'Bulk datasets', 3 'Workings' (hidden sheet),"
        " 4 'Lookup' (very hidden sheet), 5 'Notes'"
    )


def test_named_empty_sheet_is_an_error_naming_it():
    with pytest.raises(SourceError, match=r"^sheet 'Notes': the sheet has no cell with a value$"):
        read_xlsx(four_sheets(), "Notes")


def test_workbook_whose_only_values_are_hidden_says_so():
    def build(book):
        book.active["A1"] = None
        hidden = book.create_sheet("Data")
        hidden["A1"], hidden.sheet_state = "Name", "hidden"

    with pytest.raises(SourceError, match=r"no sheet with a value outside its hidden sheets \('Data'\)"):
        read_xlsx(xlsx(build))


# -- what cannot be read -------------------------------------------------------------------------------------


def encrypted_workbook() -> bytes:
    """What Excel writes for a password-protected XLSX: an OLE compound file whose directory names an
    ``EncryptionInfo`` stream (UTF-16) beside ``EncryptedPackage`` (a synthetic header, not real
    encryption)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le")
    return header.ljust(512, b"\0") + directory.ljust(1024, b"\0") + bytes(range(256)) * 8


def two_sheet_workbook() -> bytes:
    return table_workbook(["Name", "Volume"], [("Pupils", "30000")])


def corrupt_sheet_xml() -> bytes:
    return patch_sheet(two_sheet_workbook(), "xl/worksheets/sheet2.xml", "<sheetData>", "<sheetData><row r=")


def empty_workbook() -> bytes:
    return xlsx(lambda book: book.create_sheet("Second"))


def not_a_workbook_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return out.getvalue()


UNREADABLE = [
    pytest.param(encrypted_workbook, r"^the workbook is password-protected \(encrypted\)", id="encrypted"),
    pytest.param(
        lambda: two_sheet_workbook()[:3000], r"^the workbook is corrupt or truncated", id="truncated"
    ),
    pytest.param(
        lambda: two_sheet_workbook()[:-100], r"^the workbook is corrupt or truncated", id="truncated-end"
    ),
    pytest.param(
        lambda: b"Name,Volume\nPupils,30000\n",
        r"^the bytes are not an XLSX, XLS or ODS workbook but text",
        id="csv-named-xlsx",
    ),
    pytest.param(
        lambda: b"<html><table><tr><td>x</td></tr></table>",
        r"but text \(a CSV or web page",
        id="html-named-xls",
    ),
    pytest.param(
        lambda: b"\x00\x01\x02garbage" * 100,
        r"^the bytes are not an XLSX, XLS or ODS workbook \(is the file corrupt",
        id="binary",
    ),
    pytest.param(not_a_workbook_zip, r"^a ZIP archive that is not a workbook", id="zip-not-workbook"),
    pytest.param(
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        r"^the xls workbook cannot be read \(.*\): is it corrupt",
        id="broken-ole",
    ),
    pytest.param(
        corrupt_sheet_xml,
        r"^sheet 'Bulk datasets': the sheet cannot be read \(.*\): is the file corrupt\?$",
        id="corrupt-sheet-xml",
    ),
    pytest.param(empty_workbook, r"^the workbook has no sheet with a value$", id="empty-workbook"),
]


@pytest.mark.parametrize(("make", "message"), UNREADABLE)
def test_unreadable_files_are_one_clear_source_error(make, message):
    data = make()
    with pytest.raises(SourceError, match=message) as raised:
        read_xlsx(data)
    assert "\n" not in str(raised.value)
    with pytest.raises(SourceError, match=message):  # the same message through the interface
        read(data, "xlsx")


def test_detect_refuses_the_encrypted_workbook_before_any_reader():
    with pytest.raises(SourceError, match="password-protected"):
        detect(encrypted_workbook(), "datasets.xlsx")


def test_reading_imports_no_spreadsheet_library_until_a_workbook_is_read():
    code = (
        "import sys, pipeline.readers.spreadsheet as s, pipeline.readers as r; "
        "assert 'python_calamine' not in sys.modules and 'lxml' not in sys.modules; print('ok')"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        == "ok\n"
    )


# -- ODS -----------------------------------------------------------------------------------------------------


def ods_book() -> bytes:
    table = [
        ["Name", "Purpose", "Volume", "As at", "Live"],
        ["Pupils", "Census\nand returns", 30000, dt.date(2016, 6, 17), True],
        ["Schools", "Register", Merged("Circa 8 million records", 2), None, False],
        ["Teachers", "Workforce", Covered("hidden contents"), None, None],
        ["Big", "Linked", 15704944165, Error("#N/A"), None],
        [None, None, None, None, None],
        ["Half", "Sample", 0.5, None, None],
    ]
    return ods_workbook(
        [("Cover", [["Bulk personal datasets"]]), ("Bulk datasets", table), ("Workings", [["draft"]])],
        hidden=["Workings"],
        top=3,
        left=2,
        blank_rows_below=500,
    )


def test_ods_is_detected_and_read_with_the_sheets_row_numbers():
    data = ods_book()
    assert detect(data) == "ods" and detect(two_sheet_workbook()) == "xlsx"
    reading = read(data, "ods")
    assert reading.format == "ods"
    assert [t.where for t in reading.tables] == ["sheet 'Cover'", "sheet 'Bulk datasets'"]
    assert [(s.where, s.reason) for s in reading.tables[0].skipped] == [
        ("sheet 'Workings'", "a hidden sheet: not read unless the sheet option names it")
    ]
    assert texts(reading, 1) == [
        ["Name", "Purpose", "Volume", "As at", "Live"],
        ["Pupils", "Census\nand returns", "30000", "2016-06-17", "TRUE"],
        ["Schools", "Register", "Circa 8 million records", "", "FALSE"],
        ["Teachers", "Workforce", "", "", ""],  # the covered cell's hidden contents are not read
        ["Big", "Linked", "15704944165", "#N/A", ""],
        ["", "", "", "", ""],
        ["Half", "Sample", "0.5", "", ""],
    ]
    assert wheres(reading, 1) == [f"sheet 'Bulk datasets' row {n}" for n in range(4, 11)]
    assert wheres(reading, 0) == ["sheet 'Cover' row 4"]


def test_encrypted_ods_is_refused():
    data = patch_sheet(
        ods_book(),
        "META-INF/manifest.xml",
        "</manifest:manifest>",
        "<manifest:encryption-data/></manifest:manifest>",
    )
    with pytest.raises(SourceError, match=r"^the workbook is password-protected"):
        read(data, "ods")


def test_ods_sheet_option_and_its_hidden_sheet():
    (table,) = read(ods_book(), "ods", ReadOptions(sheet="workings")).tables
    assert table.rows == [[Cell("draft", "sheet 'Workings' row 4")]]


# -- rendering the DfE table ---------------------------------------------------------------------------------


def test_dfe_rows_rendered_as_a_workbook_read_back_exactly():
    rows = dfe_rows()
    data = table_workbook(["System", "Description", "Size"], rows)
    (_, table) = read(data, name="answer.xlsx").tables
    assert [cell.text for cell in table.rows[3]] == ["System", "Description", "Size"]
    body = table.rows[4:]
    assert len(body) == 53
    assert [tuple(cell.text for cell in row) for row in body] == rows
    assert (
        body[0][0].where == "sheet 'Bulk datasets' row 5"
        and body[-1][0].where == "sheet 'Bulk datasets' row 57"
    )


# -- the real catalogues -------------------------------------------------------------------------------------

needs_catalogues = pytest.mark.skipif(
    not CATALOGUES.is_dir(), reason=f"the real catalogues are not here ({CATALOGUES})"
)


def gold_spreadsheets() -> list[dict[str, str]]:
    if not CATALOGUES.is_dir():
        return []
    with (CATALOGUES / "gold-extract.csv").open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if ".xlsx" in row["file"]]


def data_rows(reading: Reading, sheet: str | None, name_column: str) -> tuple[list[str], list[list[Cell]]]:
    """The header and the rows below it with any text, from the named sheet's table (the only one if
    None): the header is the first row holding ``name_column``."""
    (table,) = [t for t in reading.tables if sheet is None or t.where == f"sheet '{sheet}'"]
    header_at = next(i for i, row in enumerate(table.rows) if name_column in [c.text for c in row])
    header = [cell.text for cell in table.rows[header_at]]
    return header, [row for row in table.rows[header_at + 1 :] if any(cell.text for cell in row)]


@needs_catalogues
@pytest.mark.parametrize(
    "gold", gold_spreadsheets(), ids=lambda g: f"{g['file'].split('.xlsx')[0]}-{g['volume_column']}"
)
def test_real_catalogue_matches_the_gold_extract(gold):
    path, _, sheet = gold["file"].partition("#")
    reading = read((CATALOGUES / path).read_bytes(), name=path)
    header, rows = data_rows(reading, sheet or None, gold["name_column"])
    name, volume = header.index(gold["name_column"]), header.index(gold["volume_column"])

    def cell(row: list[Cell], col: int) -> str:
        return row[col].text if col < len(row) else ""

    assert len(rows) == int(gold["rows"])
    assert (cell(rows[0], name), cell(rows[0], volume)) == (
        gold["first_name"].strip(),
        gold["first_volume"].strip(),
    )
    assert (cell(rows[-1], name), cell(rows[-1], volume)) == (
        gold["last_name"].strip(),
        gold["last_volume"].strip(),
    )


@needs_catalogues
def test_phs_dictionary_sheets_and_locations():
    reading = read((CATALOGUES / "phs-edris-covid19-data-dictionary-v13.xlsx").read_bytes())
    assert len(reading.tables) == 32 and reading.tables[1].where == "sheet 'Dataset Overview'"
    overview = reading.tables[1]
    assert len(overview.rows) == 30  # header and 29 rows; the used range to row 184 is blank formatting
    assert overview.rows[1][0] == Cell(
        "Outpatient Appointments and Attendances - Scottish Morbidity Record (SMR00)",
        "sheet 'Dataset Overview' row 2",
    )  # a hyperlink to the sheet 'SMR00': its displayed text
    assert overview.rows[-1][0] == Cell("Vaccination Data", "sheet 'Dataset Overview' row 30")
    statistical = [c.text for c in overview.rows[0]].index("Statistical Population")
    assert overview.rows[1][statistical].text.startswith("Approximately 4.4 million records per year")


@needs_catalogues
def test_ukllc_cells_keep_their_text():
    sources = read((CATALOGUES / "ukllc-all-sources-in.xlsx").read_bytes())
    header, rows = data_rows(sources, None, "source name")
    sample = header.index("Sample size at recruitment")
    by_where = {row[sample].where: row[sample].text for row in rows}
    assert by_where["sheet 'Sheet1' row 2"] == "30000"  # a numeric cell
    assert by_where["sheet 'Sheet1' row 15"] == "23,960 individuals<br>\n5,573 families"
    tables = read((CATALOGUES / "ukllc-database-tables.xlsx").read_bytes())
    header, rows = data_rows(tables, None, "table")
    invited = header.index("participants_invited")
    by_where = {row[invited].where: row[invited].text for row in rows}
    assert by_where["sheet 'Sheet1' row 322"] == "74874"  # wrapped in non-breaking spaces
    assert by_where["sheet 'Sheet1' row 325"] == "6070"  # with a trailing newline
    assert by_where["sheet 'Sheet1' row 306"] == "2856 in 2006; 2698 in 2015"
    assert not any(re.search(r"\.0$", text) for text in by_where.values())

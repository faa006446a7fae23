"""The Word reader (pipeline.readers.word) on documents built in the test with python-docx.

Merges are made with python-docx's own ``merge`` (the XML Word writes); what python-docx cannot write
(content controls, tracked changes, rows that start after the first grid column) is added as XML.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile

import pytest

from pipeline.plumbing.errors import SourceError
from pipeline.readers import Cell, ReadOptions, detect, read
from pipeline.readers.word import body_paragraphs, read_docx
from tests.conftest import dfe_rows
from tests.documents.docx import add_table, fill, save, table_letter

HEADER = ["Name of the system", "Why we hold it", "How much\n(17 June 2016)"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def texts(data: bytes) -> list[list[list[str]]]:
    """Every table of a document as lists of cell texts."""
    return [[[c.text for c in row] for row in t.rows] for t in read_docx(data, ReadOptions()).tables]


def new_document():
    import docx

    document = docx.Document()
    document.add_paragraph("Dear Requester,")
    return document


def xml(fragment: str):
    """An element from WordprocessingML written with the ``w:`` prefix."""
    from docx.oxml import parse_xml

    return parse_xml(re.sub(r"^<([\w:]+)", rf'<\1 xmlns:w="{W}"', fragment))


# -- the DfE answer as a Word letter ------------------------------------------------------------------


def test_dfe_rows_read_back_from_a_letter():
    reading = read(table_letter(HEADER, dfe_rows()))
    assert reading.format == "docx" and reading.encoding is None
    (table,) = reading.tables
    assert table.where == "table 1"
    assert [c.text for c in table.rows[0]] == HEADER
    assert [tuple(c.text for c in row) for row in table.rows[1:]] == dfe_rows()
    assert [row[0].where for row in table.rows] == [f"table 1, row {m}" for m in range(1, 55)]
    assert all(len({c.where for c in row}) == 1 for row in table.rows)


def test_the_letters_paragraphs_are_not_read_when_it_has_a_table():
    reading = read_docx(table_letter(HEADER, dfe_rows()[:3]), ReadOptions())
    words = " ".join(c.text for t in reading.tables for row in t.rows for c in row)
    assert "Dear Requester" not in words and "Yours sincerely" not in words and "received on" not in words
    assert len(reading.tables) == 1


def test_format_detected_as_docx():
    assert detect(table_letter(HEADER, dfe_rows()[:3])) == "docx"
    assert detect(table_letter(HEADER, dfe_rows()[:3]), "answer.docx") == "docx"


def test_two_tables_in_document_order():
    extra = [["Archived system", "Closed in 2015", "Circa 100 records"], ["Old share", "Files", "2 TB"]]
    reading = read_docx(table_letter(HEADER, dfe_rows()[:2], extra_tables=[extra]), ReadOptions())
    first, second = reading.tables
    assert (first.where, second.where) == ("table 1", "table 2")
    assert [[c.text for c in row] for row in second.rows] == extra
    assert [row[0].where for row in second.rows] == ["table 2, row 1", "table 2, row 2"]


# -- cell text ----------------------------------------------------------------------------------------


def test_a_cell_of_several_paragraphs_line_breaks_and_tabs():
    document = new_document()
    table = add_table(document, [["Name", "Volume"], ["National Pupil Database\n(NPD)", ""]])
    cell = table.rows[1].cells[1]
    cell.paragraphs[0].add_run("Circa 20 million")
    cell.paragraphs[0].add_run().add_break()  # a line break inside one paragraph
    cell.paragraphs[0].add_run("pupil records\tapprox.")
    cell.add_paragraph("")  # an empty paragraph: no blank line
    cell.add_paragraph("  (as at 2016)  ")
    assert texts(save(document)) == [
        [
            ["Name", "Volume"],
            ["National Pupil Database\n(NPD)", "Circa 20 million\npupil records approx.\n(as at 2016)"],
        ]
    ]


def test_a_table_inside_a_cell_is_text_of_that_cell_and_not_a_table():
    document = new_document()
    table = add_table(document, [["Name", "Volume"], ["NPD", "By year:"], ["ILR", "7,000"]])
    inner = table.rows[1].cells[1].add_table(rows=2, cols=2)
    for row, values in zip(inner.rows, [["2015", "5,000"], ["2016", "6,000\n(est.)"]], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            fill(cell, value)
    table.rows[1].cells[1].add_paragraph("in all")
    assert texts(save(document)) == [
        [["Name", "Volume"], ["NPD", "By year:\n2015 5,000\n2016 6,000 (est.)\nin all"], ["ILR", "7,000"]]
    ]


def test_text_in_content_controls_tracked_insertions_hyperlinks_and_fields_deleted_text_not():
    document = new_document()
    table = add_table(document, [["Name", "Volume"], ["NPD", ""]])
    p = table.rows[1].cells[1].paragraphs[0]._p
    p.append(
        xml('<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">Circa </w:t></w:r></w:sdtContent></w:sdt>')
    )
    p.append(xml('<w:ins w:id="1" w:author="FOI"><w:r><w:t xml:space="preserve">5,000 </w:t></w:r></w:ins>'))
    p.append(xml('<w:del w:id="2" w:author="FOI"><w:r><w:delText>9,999 </w:delText></w:r></w:del>'))
    p.append(xml('<w:hyperlink><w:r><w:t xml:space="preserve">records </w:t></w:r></w:hyperlink>'))
    p.append(xml('<w:fldSimple w:instr="DATE"><w:r><w:t>(2016)</w:t></w:r></w:fldSimple>'))
    assert texts(save(document))[0][1] == ["NPD", "Circa 5,000 records (2016)"]


# -- merged cells -------------------------------------------------------------------------------------


def test_a_horizontal_merge_gives_its_text_once_and_same_texts_unmerged_stay():
    document = new_document()
    table = add_table(
        document,
        [
            ["Name", "Purpose", "Volume"],
            ["Store", "", "7,000"],
            ["Circa 5,000", "Circa 5,000", "Circa 5,000"],
        ],
    )
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Store (all purposes)"
    assert texts(save(document)) == [
        [
            ["Name", "Purpose", "Volume"],
            ["Store (all purposes)", "", "7,000"],
            ["Circa 5,000", "Circa 5,000", "Circa 5,000"],
        ]
    ]


def test_a_vertical_merge_gives_its_text_once_and_keeps_the_cells_below_in_their_columns():
    document = new_document()
    table = add_table(
        document,
        [
            ["Name", "Purpose", "Volume"],
            ["NPD", "Research", "5,000"],
            ["", "Analysis", "6,000"],
            ["ILR", "Funding", "1"],
        ],
    )
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 0).paragraphs[0].text = "NPD"
    for paragraph in table.cell(1, 0).paragraphs[1:]:  # merge() moves the texts together: keep one
        paragraph._p.getparent().remove(paragraph._p)
    assert texts(save(document)) == [
        [
            ["Name", "Purpose", "Volume"],
            ["NPD", "Research", "5,000"],
            ["", "Analysis", "6,000"],
            ["ILR", "Funding", "1"],
        ]
    ]


def test_a_merge_both_ways():
    document = new_document()
    table = add_table(document, [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]])
    merged = table.cell(0, 0).merge(table.cell(1, 1))
    merged.text = "Merged"
    assert texts(save(document)) == [[["Merged", "", "c"], ["", "", "f"], ["g", "h", "i"]]]


def test_a_vertical_merge_in_a_middle_column_with_a_merge_of_the_same_text_elsewhere():
    document = new_document()
    rows = [
        ["Name", "Held on", "Volume"],
        ["X", "Shared drive", "1 TB"],
        ["Y", "", "2 TB"],
        ["Z", "Shared drive", "3 TB"],
    ]
    table = add_table(document, rows)
    merged = table.cell(1, 1).merge(table.cell(2, 1))
    merged.text = "Shared drive"
    assert texts(save(document)) == [
        [
            ["Name", "Held on", "Volume"],
            ["X", "Shared drive", "1 TB"],
            ["Y", "", "2 TB"],
            ["Z", "Shared drive", "3 TB"],
        ]
    ]


def test_a_row_starting_after_the_first_grid_column_keeps_its_cells_in_their_columns():
    document = new_document()
    table = add_table(document, [["Name", "Purpose", "Volume"], ["Research", "5,000", ""]])
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[-1])
    tr.insert(0, xml('<w:trPr><w:gridBefore w:val="1"/></w:trPr>'))
    assert texts(save(document)) == [[["Name", "Purpose", "Volume"], ["", "Research", "5,000"]]]


def test_a_continued_vertical_merge_with_nothing_above_reads_its_own_text():
    document = new_document()
    table = add_table(document, [["Name", "Volume"], ["NPD", "5,000"]])
    table.rows[0].cells[0]._tc.get_or_add_tcPr().append(xml("<w:vMerge/>"))
    assert texts(save(document)) == [[["Name", "Volume"], ["NPD", "5,000"]]]


# -- the body's structure -----------------------------------------------------------------------------


def test_a_table_inside_a_content_control_and_rows_deleted_with_track_changes():
    document = new_document()
    table = add_table(document, [["Name", "Volume"], ["NPD", "5,000"], ["Old", "9,999"], ["ILR", "6,000"]])
    table.rows[2]._tr.get_or_add_trPr().append(xml('<w:del w:id="3" w:author="FOI"/>'))
    tbl = table._tbl
    sdt = xml("<w:sdt><w:sdtPr/><w:sdtContent/></w:sdt>")
    tbl.addprevious(sdt)
    sdt[1].append(tbl)
    (read_table,) = read_docx(save(document), ReadOptions()).tables
    assert [[c.text for c in row] for row in read_table.rows] == [
        ["Name", "Volume"],
        ["NPD", "5,000"],
        ["ILR", "6,000"],
    ]
    assert [row[0].where for row in read_table.rows] == ["table 1, row 1", "table 1, row 2", "table 1, row 4"]
    ((where, text, reason),) = [(s.where, s.text, s.reason) for s in read_table.skipped]
    assert (where, text) == ("table 1, row 3", "Old | 9,999") and "deleted" in reason


def test_trailing_empty_rows_dropped():
    document = new_document()
    add_table(document, [["Name", "Volume"], ["", ""], ["NPD", "5,000"], ["", ""], ["", ""]])
    assert texts(save(document)) == [[["Name", "Volume"], ["", ""], ["NPD", "5,000"]]]


# -- letters without a table --------------------------------------------------------------------------


def test_body_paragraphs_of_a_letter_without_a_table():
    import docx

    document = docx.Document()
    document.add_heading("FOI 2016-0027740", level=1)
    for text in ["Dear Requester,", "", "Name of Dataset", "Purpose of Dataset", "Volume of Data Held"]:
        document.add_paragraph(text)
    document.add_paragraph("Pupil Records").add_run().add_break()
    document.add_paragraph("Circa 5,000\u00a0records.")
    body = docx.Document(io.BytesIO(save(document))).element.body
    assert body_paragraphs(body) == [
        Cell("FOI 2016-0027740", "paragraph 1"),
        Cell("Dear Requester,", "paragraph 2"),
        Cell("Name of Dataset", "paragraph 3"),
        Cell("Purpose of Dataset", "paragraph 4"),
        Cell("Volume of Data Held", "paragraph 5"),
        Cell("Pupil Records", "paragraph 6"),
        Cell("Circa 5,000 records.", "paragraph 7"),
    ]


def test_a_letter_with_only_a_letterhead_table_keeps_the_table_and_reads_its_paragraphs():
    import docx

    document = new_document()
    add_table(document, [["Department for Education", "Our ref: 2016-0027740"]])
    document.add_paragraph("Name of Dataset")
    reading = read_docx(save(document), ReadOptions())
    assert [[c.text for c in row] for row in reading.tables[0].rows] == [
        ["Department for Education", "Our ref: 2016-0027740"]
    ]
    body = docx.Document(io.BytesIO(save(document))).element.body
    assert [c.text for c in body_paragraphs(body)] == [
        "Dear Requester,",
        "Department for Education",
        "Our ref: 2016-0027740",
        "Name of Dataset",
    ]


def test_an_empty_document_is_a_source_error():
    import docx

    with pytest.raises(SourceError, match="no table and no text"):
        read_docx(save(docx.Document()), ReadOptions())


# -- what is not a .docx ------------------------------------------------------------------------------


def _rezip(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = change(info.filename, old.read(info.filename))
            if content is not None:
                new.writestr(copy.copy(info), content)
    return out.getvalue()


def _workbook() -> bytes:
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _not_docx_cases() -> list[tuple[bytes, str, str]]:
    letter = table_letter(HEADER, dfe_rows()[:3])
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return [
        (b"Dear Requester, this is plain text", "not a ZIP package", "text"),
        (letter[: len(letter) // 2], "corrupt or truncated", "truncated"),
        (b"PK\x03\x04" + b"\x00" * 200, "corrupt or truncated", "zip-header-only"),
        (_workbook(), "not a Word document", "a-workbook"),
        (plain_zip.getvalue(), "without a Word part", "a-plain-zip"),
        (
            _rezip(letter, lambda n, c: None if n == "word/document.xml" else c),
            "without a Word part",
            "no-document-part",
        ),
        (
            _rezip(letter, lambda n, c: c[:400] if n == "word/document.xml" else c),
            "XML is not well formed",
            "broken-xml",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word 97-2003", "doc-or-encrypted"),
        (b"%PDF-1.7\n", "not a ZIP package", "pdf"),
    ]


@pytest.mark.parametrize(
    ("data", "message"), [c[:2] for c in _not_docx_cases()], ids=[c[2] for c in _not_docx_cases()]
)
def test_what_is_not_a_readable_docx_is_a_clear_source_error(data, message):
    with pytest.raises(SourceError, match=message):
        read_docx(data, ReadOptions())
    with pytest.raises(SourceError):
        read(data, "docx")


def test_a_letter_without_a_table_gives_its_paragraphs_to_the_paragraph_reader():
    import docx

    document = docx.Document()
    for text in ["Dear Requester,", "Name of Dataset", "Volume of Data Held", "NPD", "Circa 5,000 records"]:
        document.add_paragraph(text)
    (table,) = read(save(document)).tables
    assert [[(c.text, c.where) for c in row] for row in table.rows] == [
        [("Name of Dataset", "paragraph 2"), ("Volume of Data Held", "paragraph 3")],
        [("NPD", "paragraph 4"), ("Circa 5,000 records", "paragraph 5")],
    ]
    document = docx.Document()
    for text in ["Dear Requester,", "We hold no such datasets.", "Yours sincerely"]:
        document.add_paragraph(text)
    with pytest.raises(SourceError, match="no table, and its 3 paragraphs hold no datasets header"):
        read(save(document))


def test_a_document_whose_content_is_an_embedded_file_says_so():
    import docx

    document = docx.Document()
    document.element.body.insert(0, xml('<w:altChunk xmlns:r="http://x" r:id="rId99"/>'))
    with pytest.raises(SourceError, match="embedded file"):
        read_docx(save(document), ReadOptions())


def test_a_strict_open_xml_document_says_so():
    letter = table_letter(HEADER, dfe_rows()[:2])
    strict = _rezip(
        letter,
        lambda name, content: (
            content.replace(W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            if name == "word/document.xml"
            else content
        ),
    )
    with pytest.raises(SourceError, match="Strict Open XML"):
        read_docx(strict, ReadOptions())

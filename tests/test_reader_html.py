"""The HTML reader (pipeline.readers.web) on pages built in the test.

Cell text cases go in CELL_TEXTS (markup inside one <td> -> the text a browser shows); decoding cases in
ENCODINGS; grids with spans in the span tests. Every page is a string written here or a page of
tests.documents.html.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.plumbing.errors import SourceError
from pipeline.readers import Cell, ReadOptions, detect, read
from pipeline.readers.find import find_tables
from pipeline.readers.web import decode_html, page_paragraphs, parse_html, read_html
from tests.conftest import dfe_rows
from tests.documents.html import table_page

HEADER = ["Dataset", "What it is used for", "Approximate size\n(June 2016)"]


def html(data: str | bytes, **options: str) -> list[list[list[str]]]:
    """Every table of a page as lists of cell texts."""
    page = data.encode("utf-8") if isinstance(data, str) else data
    reading = read_html(page, ReadOptions(**options))  # type: ignore[arg-type]
    return [[[cell.text for cell in row] for row in table.rows] for table in reading.tables]


def grid(body: str) -> list[list[str]]:
    """The table of a page whose <table> holds ``body`` (a layout table may be followed by the
    paragraph reader's reading of the same text)."""
    return html(f"<!DOCTYPE html><html><body><table>{body}</table></body></html>")[0]


# -- the DfE answer as a web page ---------------------------------------------------------------------


def test_dfe_rows_read_back_from_a_letter_page():
    reading = read(table_page(HEADER, dfe_rows()))
    assert reading.format == "html" and reading.encoding == "utf-8"
    layout, datasets = reading.tables
    assert layout.where == "table 1" and [c.text for c in layout.rows[0]] == [
        "Our reference: 2016-0027740",
        "17 June 2016",
    ]
    assert datasets.where == "table 2"
    assert [c.text for c in datasets.rows[0]] == HEADER
    assert [tuple(c.text for c in row) for row in datasets.rows[1:]] == dfe_rows()
    assert [row[0].where for row in datasets.rows] == [f"table 2, row {m}" for m in range(1, 55)]
    assert all(len({c.where for c in row}) == 1 for row in datasets.rows)


def test_chrome_of_the_page_gives_no_cell_and_no_table():
    reading = read_html(table_page(HEADER, dfe_rows()[:2]), ReadOptions())
    texts = " ".join(c.text for t in reading.tables for row in t.rows for c in row)
    for chrome in ("999,999", "9,999", "WhatDoTheyKnow", "Browse requests", "12 TB", "Alaveteli", "Follow"):
        assert chrome not in texts
    assert len(reading.tables) == 2  # the table the script writes is markup in a script, not a table


def test_extra_tables_follow_in_document_order():
    extra = [[["Archived system", "Closed 2015", "Circa 100 records"]], [["a", "b"], ["c", "d"]]]
    tables = html(table_page(HEADER, dfe_rows()[:3], extra_tables=extra))
    assert len(tables) == 4
    assert tables[2] == extra[0] and tables[3] == extra[1]


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252"])
def test_format_detected_as_html(encoding):
    assert detect(table_page(HEADER, dfe_rows()[:3], encoding=encoding)) == "html"
    assert detect(table_page(HEADER, dfe_rows()[:3]), "answer.html") == "html"


# -- cell text ----------------------------------------------------------------------------------------

CELL_TEXTS = [
    ("<p>Pupil records</p><p>held centrally</p>", "Pupil records\nheld centrally", "paragraphs"),
    ("Circa<br>5,000", "Circa\n5,000", "br"),
    ("Circa<br/>5,000<BR>records", "Circa\n5,000\nrecords", "br-spellings"),
    ("  Circa \n\t  5,000 \r\n  records  ", "Circa 5,000 records", "whitespace-collapses"),
    ("<div>a</div>b<div>c</div>", "a\nb\nc", "divs-and-loose-text"),
    ("<ul><li>one</li><li>two</li></ul>", "one\ntwo", "list-items"),
    ("a<br><br>b", "a\n\nb", "blank-line-from-two-br"),
    ("<p>a<br></p><p>b</p>", "a\nb", "br-ending-a-paragraph"),
    ("<p>\n  Circa 5,000\n</p>\n<p>\n  (2016)\n</p>", "Circa 5,000\n(2016)", "indented-paragraphs"),
    ("<b>5</b>,<i>000</i> <span>records</span>", "5,000 records", "inline-elements-join"),
    ("5&nbsp;000", "5 000", "nbsp-is-a-space"),
    ("<p>&nbsp;</p><p>Circa 5,000</p><p>&nbsp;</p>", "Circa 5,000", "word-spacer-paragraphs"),
    ("<pre>a   b\nc</pre>", "a   b\nc", "pre-keeps-spaces"),
    ("&amp; &lt;b&gt; &pound;5 &#8211; &#x2014;", "& <b> £5 – —", "entities"),
    ("5,000<script>var x = '9,999';</script><style>td {}</style>", "5,000", "script-and-style"),
    ("<template>9,999</template><noscript>8,888</noscript>5,000", "5,000", "template-and-noscript"),
    ("5,000<!-- 9,999 records -->", "5,000", "comment"),
    ("<span hidden>9,999</span>5,000", "5,000", "hidden"),
    ("<span aria-hidden='true'>*</span>5,000", "*5,000", "aria-hidden-is-still-shown"),
    ("<h3>Volume</h3>Circa 5,000", "Volume\nCirca 5,000", "heading"),
    ("a<hr>b", "a\nb", "rule"),
    ("", "", "empty"),
    ("<p></p>", "", "empty-paragraph"),
]


@pytest.mark.parametrize(("markup", "text"), [c[:2] for c in CELL_TEXTS], ids=[c[2] for c in CELL_TEXTS])
def test_cell_text_as_a_browser_shows_it(markup, text):
    rows = grid(f"<tr><th>Name</th><th>Volume</th></tr><tr><td>NPD</td><td>{markup}</td></tr>")
    assert rows == [["Name", "Volume"], ["NPD", text]]


def test_cells_holding_paragraphs_and_br_in_a_datasets_table():
    rows = grid(
        "<tr><th>Name of dataset</th><th>Volume<br>(as at 1 April 2017)</th></tr>"
        "<tr><td><p>National Pupil Database</p><p>(NPD)</p></td><td><p>Circa 20 million<br>"
        "pupil records</p></td></tr>"
    )
    assert rows == [
        ["Name of dataset", "Volume\n(as at 1 April 2017)"],
        ["National Pupil Database\n(NPD)", "Circa 20 million\npupil records"],
    ]


# -- rows and sections --------------------------------------------------------------------------------


def test_thead_tbody_tfoot_in_document_order_with_their_rows_where():
    page = (
        "<table><caption>Bulk personal datasets</caption>"
        "<thead><tr><th>Name</th><th>Volume</th></tr></thead>"
        "<tbody><tr><td>NPD</td><td>5,000</td></tr><tr><td>ILR</td><td>6,000</td></tr></tbody>"
        "<tfoot><tr><td>Total</td><td>11,000</td></tr></tfoot></table>"
    )
    (table,) = read_html(page.encode(), ReadOptions()).tables
    assert [[(c.text, c.where) for c in row] for row in table.rows] == [
        [("Bulk personal datasets", "table 1, caption")],
        [("Name", "table 1, row 1"), ("Volume", "table 1, row 1")],
        [("NPD", "table 1, row 2"), ("5,000", "table 1, row 2")],
        [("ILR", "table 1, row 3"), ("6,000", "table 1, row 3")],
        [("Total", "table 1, row 4"), ("11,000", "table 1, row 4")],
    ]


def test_trailing_empty_rows_dropped_middle_ones_kept_ragged_rows_stay_short():
    rows = grid(
        "<tr><td>Name</td><td>Purpose</td><td>Volume</td></tr><tr><td></td><td> </td></tr>"
        "<tr><td>NPD</td></tr><tr><td>&nbsp;</td></tr><tr></tr>"
    )
    assert rows == [["Name", "Purpose", "Volume"], ["", ""], ["NPD"]]


# -- spans --------------------------------------------------------------------------------------------


def test_rowspan_pushes_the_cells_below_to_the_right_and_colspan_leaves_empty_cells():
    rows = grid(
        "<tr><th>Name</th><th>Purpose</th><th>Volume</th></tr>"
        "<tr><td rowspan='2'>NPD</td><td>Research</td><td>5,000</td></tr>"
        "<tr><td>Analysis</td><td>6,000</td></tr>"
        "<tr><td colspan='2'>Store (all purposes)</td><td>7,000</td></tr>"
        "<tr><td>X</td><td rowspan='3'>Shared drive</td><td>1 TB</td></tr>"
        "<tr><td>Y</td><td>2 TB</td></tr>"
        "<tr><td>Z</td><td>3 TB</td></tr>"
        "<tr><td colspan='3'>Circa 5,000 records in all</td></tr>"
    )
    assert rows == [
        ["Name", "Purpose", "Volume"],
        ["NPD", "Research", "5,000"],
        ["", "Analysis", "6,000"],
        ["Store (all purposes)", "", "7,000"],
        ["X", "Shared drive", "1 TB"],
        ["Y", "", "2 TB"],
        ["Z", "", "3 TB"],
        ["Circa 5,000 records in all", "", ""],
    ]


def test_a_block_spanning_rows_and_columns():
    rows = grid(
        "<tr><td rowspan=2 colspan=2>Merged</td><td>a</td></tr><tr><td>b</td></tr>"
        "<tr><td>c</td><td>d</td><td>e</td></tr>"
    )
    assert rows == [["Merged", "", "a"], ["", "", "b"], ["c", "d", "e"]]


SPAN_CASES = [
    ("<tr><td rowspan=0>all</td><td>a</td></tr><tr><td>b</td></tr><tr><td>c</td></tr>",
     [["all", "a"], ["", "b"], ["", "c"]], "rowspan-0-to-the-end-of-the-section"),
    ("<tbody><tr><td rowspan=5>x</td><td>a</td></tr><tr><td>b</td></tr></tbody>"
     "<tbody><tr><td>c</td><td>d</td></tr></tbody>",
     [["x", "a"], ["", "b"], ["c", "d"]], "rowspan-stops-at-its-section"),
    ("<tr><td rowspan=9>x</td><td>a</td></tr>", [["x", "a"]], "rowspan-past-the-last-row"),
    ("<tr><td colspan=x>a</td><td colspan=0>b</td><td colspan='2px'>c</td><td>d</td></tr>",
     [["a", "b", "c", "", "d"]], "unreadable-spans-read-as-html-does"),
    ("<tr><td>a</td><td rowspan=2>b</td></tr><tr><td colspan=2>c</td><td>d</td></tr>",
     [["a", "b"], ["c", "", "d"]], "overlapping-span-keeps-the-first"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "rows"), [c[:2] for c in SPAN_CASES], ids=[c[2] for c in SPAN_CASES])
def test_span_edge_cases(body, rows):
    assert grid(body) == rows


# -- nested tables ------------------------------------------------------------------------------------


def test_a_table_inside_a_cell_is_text_of_that_cell_and_not_a_table():
    tables = html(
        "<table><tr><th>Name</th><th>Volume</th></tr>"
        "<tr><td>NPD</td><td>By year:<table><tr><td>2015</td><td>5,000</td></tr>"
        "<tr><td>2016</td><td><p>6,000</p></td></tr></table></td></tr>"
        "<tr><td>ILR</td><td>7,000</td></tr></table>"
        "<table><tr><td>after</td><td>it</td></tr><tr><td>c</td><td>d</td></tr></table>"
    )
    assert tables == [
        [["Name", "Volume"], ["NPD", "By year:\n2015 5,000\n2016 6,000"], ["ILR", "7,000"]],
        [["after", "it"], ["c", "d"]],
    ]


def test_tables_in_template_noscript_and_script_are_not_tables():
    tables = html(
        "<template><table><tr><td>9</td><td>9</td></tr><tr><td>9</td><td>9</td></tr></table></template>"
        "<noscript><table><tr><td>8</td><td>8</td></tr><tr><td>8</td><td>8</td></tr></table></noscript>"
        "<script>document.write('<table><tr><td>7</td></tr></table>')</script>"
        "<table><tr><td>Name</td><td>Volume</td></tr><tr><td>NPD</td><td>5,000</td></tr></table>"
    )
    assert tables == [[["Name", "Volume"], ["NPD", "5,000"]]]


# -- malformed and hostile markup ---------------------------------------------------------------------

MALFORMED = [
    ("<table><tr><td>Name<td>Volume<tr><td>NPD<td>5,000</table>", "unclosed-cells-and-rows"),
    ("<table><tr><td>Name</td><td>Volume</td></tr><tr><td>NPD</td><td>5,000", "unclosed-table-at-the-end"),
    ("<table><tr><td><p>Name<td><p>Volume</tr><tr><td><b>NPD<td><i>5,000</table>", "unclosed-p-b-i"),
    ("</div><table></span><tr><td>Name</td><td>Volume</td></tr></p><tr><td>NPD</td><td>5,000</td>"
     "</tr></table></body></html>", "stray-end-tags"),
    ("<TABLE><TR><TD>Name<TD>Volume<TR><TD>NPD<TD>5,000</TABLE>", "upper-case-tags"),
    ("<table><td>Name</td><td>Volume</td><tr><td>NPD</td><td>5,000</td></tr></table>", "cells-without-a-tr"),
]  # fmt: skip


@pytest.mark.parametrize("markup", [c[0] for c in MALFORMED], ids=[c[1] for c in MALFORMED])
def test_malformed_markup_still_reads(markup):
    assert html(markup) == [[["Name", "Volume"], ["NPD", "5,000"]]]


HOSTILE = [
    "<td><script>alert(1)</script>5,000</td>",
    "<td>5,000<img src=x onerror=alert(1)></td>",
    "<td><svg onload=alert(1)><circle r='1'/></svg>5,000</td>",
    "<td><iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>5,000</td>",
    "<td><style>@import 'javascript:alert(1)';</style>5,000</td>",
    "<td><script>document.write('</td><td>alert')</script>5,000</td>",
    "<td><a href='javascript:alert(1)'>5,000</a></td>",
    "<td><object data='x.swf'><param name=alert value=1></object>5,000</td>",
]


HOSTILE_IDS = [
    "script",
    "img-onerror",
    "svg",
    "iframe",
    "style",
    "script-with-tags",
    "javascript-link",
    "object",
]


@pytest.mark.parametrize("cell", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_markup_is_only_text_and_never_leaks_a_script(cell):
    rows = grid(f"<tr><td>Name</td><td>Volume</td></tr><tr><td>NPD</td>{cell}</tr>")
    assert rows[1] == ["NPD", "5,000"]
    assert "alert" not in repr(rows)


def test_a_page_nested_deeper_than_the_parser_reads_is_an_error_not_a_cut_page():
    page = (
        "<table><tr><td>Name</td><td>Volume</td></tr>"
        + "<div>" * 3000
        + "<tr><td>NPD</td><td>5,000</td></tr>"
    )
    with pytest.raises(SourceError, match="cannot be read to its end"):
        read_html(page.encode(), ReadOptions())


# -- encodings ----------------------------------------------------------------------------------------

CP1252_TEXT = "Circa 5,000 pupils’ records – £2"
ENCODINGS = [
    (f'<meta charset="windows-1252"><table><tr><td>{CP1252_TEXT}</td></tr></table>'.encode("cp1252"),
     None, CP1252_TEXT, "windows-1252", "meta-charset"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
     f"<table><tr><td>{CP1252_TEXT}</td></tr></table>".encode("cp1252"),
     None, CP1252_TEXT, "windows-1252", "http-equiv-latin-1-read-as-browsers-do"),
    (f"<table><tr><td>{CP1252_TEXT}</td></tr></table>".encode("cp1252"),
     None, CP1252_TEXT, "windows-1252", "no-declaration-not-utf8"),
    (f"<table><tr><td>{CP1252_TEXT}</td></tr></table>".encode(),
     None, CP1252_TEXT, "utf-8", "no-declaration-utf8"),
    ('<meta charset="windows-1252"><table><tr><td>caf\u00e9</td></tr></table>'.encode(),
     None, "caf\u00c3\u00a9", "windows-1252", "meta-beats-a-utf8-guess"),
    (b"\xef\xbb\xbf" + '<meta charset="windows-1252"><table><tr><td>caf\u00e9</td></tr></table>'.encode(),
     None, "caf\u00e9", "utf-8", "bom-beats-meta"),
    ("\ufeff<table><tr><td>caf\u00e9 \u2013</td></tr></table>".encode("utf-16-le"),
     None, "caf\u00e9 \u2013", "utf-16-le", "utf-16-bom"),
    (f'<meta charset="utf-8"><table><tr><td>{CP1252_TEXT}</td></tr></table>'.encode("cp1252"),
     None, CP1252_TEXT, "windows-1252", "stale-utf8-label"),
    (f"<!-- {'x' * 1100} --><meta charset='windows-1252'><table><tr><td>caf\u00e9</td></tr></table>".encode(),
     None, "caf\u00e9", "utf-8", "meta-after-the-first-kb-ignored"),
    ('<meta charset="windows-1252"><table><tr><td>caf\u00e9</td></tr></table>'.encode(),
     "utf-8", "caf\u00e9", "utf-8", "option-overrides-meta"),
    (b"<table><tr><td>a\x81b</td></tr></table>", None, "a\x81b", "windows-1252", "unassigned-1252-byte"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "option", "text", "encoding"), [c[:4] for c in ENCODINGS], ids=[c[4] for c in ENCODINGS]
)
def test_decoding(data, option, text, encoding):
    reading = read_html(data, ReadOptions(encoding=option))
    assert reading.encoding == encoding
    assert reading.tables[0].rows[0][0].text == text


def test_a_windows_1252_letter_page_reads_like_the_utf8_one():
    rows = [*dfe_rows()[:5], ("Pupils’ records – archive", "Café £ checks", "Circa 5,000 records")]
    page = table_page(HEADER, rows, encoding="windows-1252")
    assert b"\x92" in page and b"\x96" in page  # the curly quote and en dash as Windows-1252 bytes
    reading = read(page)
    assert reading.encoding == "windows-1252"
    assert [tuple(c.text for c in row) for row in reading.tables[1].rows[1:]] == rows


@pytest.mark.parametrize(
    ("option", "message"),
    [("ascii", "does not decode as ascii"), ("klingon", "unknown encoding 'klingon'")],
    ids=["wrong", "unknown"],
)
def test_an_encoding_option_that_does_not_fit_is_an_error(option, message):
    with pytest.raises(SourceError, match=message):
        read_html("<table><tr><td>£5</td></tr></table>".encode(), ReadOptions(encoding=option))


def test_decode_html_names_the_codec_it_used():
    assert decode_html(b"<p>plain") == ("<p>plain", "utf-8")
    assert decode_html(b"<p>\xa35", "latin-1") == ("<p>£5", "iso8859-1")


# -- pages without a table ----------------------------------------------------------------------------

REQUEST_PAGE = """<!DOCTYPE html>
<html>
<head><title>Bulk datasets - WhatDoTheyKnow</title><script>var n = 1;</script></head>
<body>
<header><a href="/">WhatDoTheyKnow</a></header>
<nav><a href="/">Home</a> <a href="/help">Help</a></nav>
<div id="content">
  <h1>Bulk personal datasets</h1>
  <div class="correspondence_text">
    <p>Dear Requester,</p>
    <p>Name of Dataset</p>
    <p>Purpose of Dataset</p>
    <p>Volume of Data Held<br>
       (as at 1 April 2017)</p>
    <p>Pupil Records</p>
    <p>Holding
       pupil data.</p>
    <p>Circa 5,000 personal records.</p>
    <div>File Share<span hidden>9,999</span></div>
    <div>Shared drive.<span aria-hidden="true">icon</span></div>
    <div><p>1.5 TB</p>
      Yours sincerely,</div>
    <ul><li>FOI Team</li></ul>
    <blockquote>Quoted request</blockquote>
  </div>
  <form><label>Search</label><button>Go</button></form>
  <aside>Related requests</aside>
  <p hidden>A hidden note</p>
</div>
<footer><p>Powered by Alaveteli</p></footer>
<script>
  document.write("<p>Injected</p>");
</script>
</body>
</html>
"""


def test_page_paragraphs_in_order_with_their_lines():
    assert page_paragraphs(parse_html(REQUEST_PAGE)) == [
        Cell("Bulk personal datasets", "line 8"),
        Cell("Dear Requester,", "line 10"),
        Cell("Name of Dataset", "line 11"),
        Cell("Purpose of Dataset", "line 12"),
        Cell("Volume of Data Held\n(as at 1 April 2017)", "line 13"),
        Cell("Pupil Records", "line 15"),
        Cell("Holding pupil data.", "line 16"),
        Cell("Circa 5,000 personal records.", "line 18"),
        Cell("File Share", "line 19"),
        Cell("Shared drive.", "line 20"),
        Cell("1.5 TB", "line 21"),
        Cell("Yours sincerely,", "line 22"),
        Cell("FOI Team", "line 23"),
        Cell("Quoted request", "line 24"),
    ]


def test_page_paragraphs_of_a_layout_table_are_its_cells():
    page = (
        "<table><tr><td>Dear Requester,</td></tr>\n"
        "<tr><td><p>Name of Dataset</p><p>Purpose</p></td></tr></table>"
    )
    assert [(c.text, c.where) for c in page_paragraphs(parse_html(page))] == [
        ("Dear Requester,", "line 1"),
        ("Name of Dataset", "line 2"),
        ("Purpose", "line 2"),
    ]


def test_page_paragraphs_count_lines_past_a_long_script():
    page = "<p>one</p>\n<script>\n\n\nx()\n</script>\n<p>two</p> <b>three</b>\n\n<div>\n\n  four</div>"
    assert [(c.text, c.where) for c in page_paragraphs(parse_html(page))] == [
        ("one", "line 1"),
        ("two", "line 7"),
        ("three", "line 7"),
        ("four", "line 11"),
    ]


# -- what cannot be read ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("", "empty"),
        ("<!-- only a comment -->", "empty"),
        (
            "<html><head><title>x</title><script>var a = 1;</script></head><body> </body></html>",
            "no table and no text",
        ),
        (
            "<html><body><nav>Home</nav><table><tr><td> </td></tr></table></body></html>",
            "no table and no text",
        ),
    ],
    ids=["empty-bytes", "comment-only", "no-text", "empty-table-and-chrome"],
)
def test_a_page_with_nothing_to_read_is_a_source_error(page, message):
    with pytest.raises(SourceError, match=message):
        read_html(page.encode(), ReadOptions())


def test_errors_keep_their_message_through_formats_read():
    with pytest.raises(SourceError, match="no table and no text"):
        read(b"<!DOCTYPE html><html><body><script>x()</script></body></html>")


def test_layout_tables_are_returned_beside_a_datasets_table():
    tables = html(
        "<table><tr><td>Ref 1</td><td>17 June 2016</td></tr></table>"
        "<table><tr><td>one</td></tr><tr><td>column</td></tr></table>"
        "<table><tr><td>Name</td><td>Volume</td></tr><tr><td>NPD</td><td>5,000</td></tr></table>"
    )
    assert tables == [
        [["Ref 1", "17 June 2016"]],
        [["one"], ["column"]],
        [["Name", "Volume"], ["NPD", "5,000"]],
    ]


def test_pages_with_a_byte_order_mark_are_detected_and_read_as_html():
    page = "<!DOCTYPE html><table><tr><td>Name</td><td>Volume</td></tr><tr><td>NPD</td><td>café</td></tr>"
    for data, encoding in [
        (b"\xef\xbb\xbf" + page.encode(), "utf-8"),
        (("\ufeff" + page).encode("utf-16-le"), "utf-16-le"),
    ]:
        assert detect(data) == "html"
        reading = read(data)
        assert reading.encoding == encoding and reading.tables[0].rows[1][1].text == "café"


# -- the paragraph reader's call site -----------------------------------------------------------------


def test_a_page_without_a_table_gives_its_paragraphs_to_the_paragraph_reader():
    reading = read(REQUEST_PAGE.encode())
    (table,) = reading.tables
    assert table.header == 0
    assert [[c.text for c in row] for row in table.rows] == [
        ["Name of Dataset", "Purpose of Dataset", "Volume of Data Held\n(as at 1 April 2017)"],
        ["Pupil Records", "Holding pupil data.", "Circa 5,000 personal records."],
        ["File Share", "Shared drive.", "1.5 TB"],
    ]
    assert table.rows[1][0].where == "line 15"  # the line of the page it is on
    (found,) = find_tables(reading)
    assert [r.cells[0].text for r in found.rows] == ["Pupil Records", "File Share"]


def test_layout_tables_come_before_the_paragraph_table():
    page = (
        "<table><tr><td>Ref: 1</td><td>17 June 2016</td></tr></table>\n<p>Name of Dataset</p>\n"
        "<p>Volume</p>\n<p>Pupil Records</p>\n<p>5,000 records</p>"
    )
    reading = read_html(page.encode(), ReadOptions())
    assert [t.where for t in reading.tables] == ["table 1", ""]
    assert [[c.text for c in row] for row in reading.tables[1].rows] == [
        ["Name of Dataset", "Volume"],
        ["Pupil Records", "5,000 records"],
    ]


def test_paragraphs_without_a_datasets_header():
    page = REQUEST_PAGE.replace("<p>Name of Dataset</p>", "<p>Our answer</p>")
    with pytest.raises(SourceError, match="paragraphs hold no datasets header"):
        read(page.encode())
    page = "<table><tr><td>Ref: 1</td><td>17 June 2016</td></tr></table><p>Thank you</p>"
    assert html(page) == [[["Ref: 1", "17 June 2016"]]]  # the finder reports no datasets table


# -- properties ---------------------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = [
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "p", "div", "br", "b", "pre", "li",
    "nav", "span hidden", "td colspan=3", "td rowspan=0", "th rowspan=2 colspan=2", "template", "noscript",
]  # fmt: skip
MARKUP = st.lists(
    st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t.split()[0]}>"),
        st.sampled_from(["5,000", " ", "\n", "&nbsp;", "\u2013", "&", "<", ">", "<!--", "-->", "\x00"]),
        st.just("<script>HIDDEN</script>"),
        st.just("<style>HIDDEN</style>"),
        st.text(max_size=5),
    ),
    max_size=40,
).map("".join)
#: Markup, half the time inside a table's cell (where a script's text would reach a cell).
PAGES = st.tuples(st.sampled_from(["", "<table><tr><td>"]), MARKUP).map("".join)


def numbered(markup: str) -> str:
    """Each script's or style's text made a token of its own: HIDDEN0, HIDDEN1..."""
    parts = markup.split("HIDDEN")
    return "".join(part + (f"HIDDEN{k}" if k < len(parts) - 1 else "") for k, part in enumerate(parts))


@PROPERTY_SETTINGS
@given(PAGES)
@example(
    "<table><tr><td><?<script>HIDDEN</script>"
)  # a bogus "<?" comment ends at ">": text, as in a browser
@example("<table><tr><td><script>HIDDEN</script><style>HIDDEN</style>")
def test_any_markup_reads_or_is_a_source_error_and_no_script_reaches_a_cell(markup):
    markup = numbered(markup)
    data = markup.encode("utf-8", errors="replace")
    try:
        reading = read_html(data, ReadOptions())
    except SourceError:
        return
    # The tokens the parser put in <script> and <style> elements (one after a bogus "<?" is text, as in a
    # browser: "<?<script>" is a bogus comment ending at its ">").
    root = parse_html(data.decode())
    hidden = {
        token for el in root.iter("script", "style") for token in re.findall(r"HIDDEN\d+", el.text or "")
    }
    for n, table in enumerate(reading.tables, 1):
        for row in table.rows:
            for cell in row:
                assert cell.where.startswith(f"table {n}, ") or table.where == ""
                assert cell.text == cell.text.strip() and "\r" not in cell.text
                assert not hidden & set(re.findall(r"HIDDEN\d+", cell.text))


SPANS = st.lists(
    st.lists(st.tuples(st.integers(1, 3), st.integers(1, 3)), min_size=1, max_size=4), max_size=6
)


@PROPERTY_SETTINGS
@given(SPANS)
def test_every_cell_text_lands_once_in_its_own_row_and_colspans_alone_give_its_column(rows):
    body = "".join(
        "<tr>"
        + "".join(f"<td colspan={c} rowspan={r}>r{m}c{k}</td>" for k, (c, r) in enumerate(row))
        + "</tr>"
        for m, row in enumerate(rows)
    )
    page = f"<table><tr><th>Name</th><th>Volume</th></tr><tr><th>a</th><th>b</th></tr>{body}</table>"
    (table,) = read_html(page.encode(), ReadOptions()).tables
    grid = [[c.text for c in row] for row in table.rows[2:]]
    for m, row in enumerate(rows):
        for k, _ in enumerate(row):
            found = [(i, j) for i, texts in enumerate(grid) for j, t in enumerate(texts) if t == f"r{m}c{k}"]
            assert [i for i, _ in found] == [m]
    for m, row in enumerate(rows):  # no rowspan reaches a row: columns are the sums of the colspans before
        if all(r == 1 for earlier in rows[:m] for _, r in earlier):
            columns = [grid[m].index(f"r{m}c{k}") for k in range(len(row))]
            assert columns == [sum(c for c, _ in row[:k]) for k in range(len(row))]

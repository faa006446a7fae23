"""Minimal valid OpenDocument spreadsheets, written by hand (openpyxl writes no ODS): a ZIP whose first
member is ``mimetype``, stored uncompressed, then a manifest and ``content.xml``.

A sheet is a list of rows of values: ``str`` (``"\\n"`` is a line break typed in the cell), ``int`` and
``float``, ``bool``, ``datetime.date``, None (an empty cell), or one of the markers below for what
spreadsheets hold beyond plain values.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


@dataclass(frozen=True)
class Error:
    """A formula's error value, as LibreOffice saves it (``#N/A``, ``#DIV/0!``)."""

    text: str


@dataclass(frozen=True)
class Merged:
    """A value merged down over ``rows`` rows: the rows below must hold :class:`Covered` in its column."""

    value: object
    rows: int


@dataclass(frozen=True)
class Covered:
    """A cell hidden under a merged one; ``text`` is content the file keeps there (None: none)."""

    text: str | None = None


def ods_workbook(
    sheets: Sequence[tuple[str, Sequence[Sequence[object]]]],
    *,
    hidden: Sequence[str] = (),
    top: int = 0,
    left: int = 0,
    blank_rows_below: int = 0,
) -> bytes:
    """An ODS with ``sheets`` (name, rows) in order; ``hidden`` names hidden sheets. Each sheet's rows
    start after ``top`` empty rows and ``left`` empty columns (written as repeated empty cells, as
    LibreOffice writes them); ``blank_rows_below`` empty rows follow, repeated in one row element."""
    tables = []
    for name, rows in sheets:
        style = ' table:style-name="hidden"' if name in hidden else ""
        body = []
        if top:
            body.append(
                f'<table:table-row table:number-rows-repeated="{top}"><table:table-cell/></table:table-row>'
            )
        for row in rows:
            pad = f'<table:table-cell table:number-columns-repeated="{left}"/>' if left else ""
            body.append(f"<table:table-row>{pad}{''.join(_cell(value) for value in row)}</table:table-row>")
        if blank_rows_below:
            body.append(
                f'<table:table-row table:number-rows-repeated="{blank_rows_below}">'
                '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
            )
        quoted = escape(name, {'"': "&quot;"})
        tables.append(f'<table:table table:name="{quoted}"{style}>{"".join(body)}</table:table>')
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NS} office:version="1.2">'
        '<office:automatic-styles><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style></office:automatic-styles>'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
        archive.writestr("content.xml", content)
    return out.getvalue()


def _paragraphs(text: str) -> str:
    lines = [escape(line) for line in text.split("\n")]
    return f"<text:p>{'<text:line-break/>'.join(lines)}</text:p>"


def _cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Covered):
        inner = _paragraphs(value.text) if value.text is not None else ""
        kind = ' office:value-type="string"' if value.text is not None else ""
        return f"<table:covered-table-cell{kind}>{inner}</table:covered-table-cell>"
    if isinstance(value, Merged):
        return _cell(value.value).replace(
            "<table:table-cell", f'<table:table-cell table:number-rows-spanned="{value.rows}"', 1
        )
    if isinstance(value, Error):
        return (
            '<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value=""'
            f' calcext:value-type="error">{_paragraphs(value.text)}</table:table-cell>'
        )
    if isinstance(value, bool):
        flag = str(value).lower()
        return _typed(f'office:value-type="boolean" office:boolean-value="{flag}"', flag.upper())
    if isinstance(value, (int, float)):
        return _typed(f'office:value-type="float" office:value="{value!r}"', f"{value:,}")
    if isinstance(value, dt.date):
        return _typed(f'office:value-type="date" office:date-value="{value:%Y-%m-%d}"', f"{value:%d/%m/%Y}")
    return f'<table:table-cell office:value-type="string">{_paragraphs(str(value))}</table:table-cell>'


def _typed(attributes: str, shown: str) -> str:
    """A typed cell: its value in attributes, the text the application shows in a paragraph."""
    return f"<table:table-cell {attributes}><text:p>{escape(shown)}</text:p></table:table-cell>"

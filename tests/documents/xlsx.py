"""XLSX workbooks in the layouts real answers use, written with openpyxl.

:func:`table_workbook` renders a datasets table the way a public body's spreadsheet often holds it: on
the second sheet (the first is a cover note), under title rows and a blank row, a bold header, the rows,
then blank rows that carry formatting but no value (the used range runs past the data). Cells that are
whole numbers are stored as numbers, as a spreadsheet stores ``30000`` typed into a cell.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

#: The title rows above the table unless told otherwise.
TITLE_ROWS = ("Bulk personal datasets held", "Freedom of Information request: as at 17 June 2016")
#: How many blank formatted rows follow the table.
BLANK_FORMATTED_ROWS = 5

_INTEGER = re.compile(r"(?:0|[1-9][0-9]{0,14})")


def table_workbook(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sheet: str = "Bulk datasets",
    first_sheet: str | None = "Contents",
    title_rows: Sequence[str] = TITLE_ROWS,
    numeric: bool = True,
) -> bytes:
    """An XLSX holding ``header`` and ``rows`` on sheet ``sheet``.

    ``first_sheet`` (None for none) is a sheet before it with a short cover note; ``title_rows`` are one
    cell each in column A above the table, then a blank row, then the header (none: the header is row 1).
    With ``numeric``, a cell that is a whole number (``"30000"``, no sign, separator or leading zero) is
    written as a number, so the reader must give it back as the same text.
    """
    import openpyxl
    from openpyxl.styles import Border, Font, PatternFill, Side

    book = openpyxl.Workbook()
    cover = book.active
    if first_sheet is None:
        table = cover
        table.title = sheet
    else:
        cover.title = first_sheet
        cover["A1"] = "Bulk personal datasets"
        cover["A3"] = f"The datasets are listed on the sheet '{sheet}'."
        table = book.create_sheet(sheet)
    for i, title in enumerate(title_rows, start=1):
        table.cell(i, 1, title).font = Font(bold=i == 1, size=14 if i == 1 else 11)
    top = len(title_rows) + 2 if title_rows else 1
    for col, name in enumerate(header, start=1):
        table.cell(top, col, name).font = Font(bold=True)
    for r, row in enumerate(rows, start=top + 1):
        for col, text in enumerate(row, start=1):
            table.cell(r, col, int(text) if numeric and _INTEGER.fullmatch(text) else text)
    fill, line = PatternFill("solid", fgColor="DDEBF7"), Side(style="thin")
    below = top + len(rows) + 1
    for r in range(below, below + BLANK_FORMATTED_ROWS):
        for col in range(1, len(header) + 1):
            blank = table.cell(r, col)
            blank.fill, blank.border = fill, Border(bottom=line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

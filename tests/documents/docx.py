"""Word letters built in the test with python-docx: paragraphs, the datasets table, a sign-off.

A line break in a cell's text becomes a paragraph of its own in the cell (a multi-paragraph cell, as
people type them in Word). ``extra_tables`` follow the datasets table (tables 2, 3...).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any


def fill(cell: Any, text: str) -> None:
    """Put ``text`` in a python-docx cell, a paragraph for each of its lines."""
    first, *others = text.split("\n")
    cell.paragraphs[0].text = first
    for line in others:
        cell.add_paragraph(line)


def add_table(document: Any, rows: Sequence[Sequence[str]]) -> Any:
    """A table of ``rows`` at the end of ``document`` (rows as long as the longest)."""
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=False):
            fill(cell, text)
    return table


def save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def table_letter(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str = "Freedom of Information request 2016-0027740",
    extra_tables: Sequence[Sequence[Sequence[str]]] = (),
) -> bytes:
    """A letter whose one datasets table (``table 1``) holds ``header`` and ``rows``."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph("Dear Requester,")
    document.add_paragraph(
        "Thank you for your request for information, received on 20 May 2016. We hold 53 bulk "
        "personal datasets; the volume of each is given in the table below."
    )
    add_table(document, [list(header), *[list(row) for row in rows]])
    for extra in extra_tables:
        document.add_paragraph("A further table:")
        add_table(document, extra)
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Freedom of Information Team\nDepartment for Education")
    return save(document)

"""What a document reader falls back to when it has no grid to offer: its paragraphs.

A web page or a Word letter may give its datasets as paragraphs ("Name of Dataset", "Purpose", "Volume",
then three paragraphs a dataset), the layout the text answers use. The readers for those formats then
hand their paragraphs, each a :class:`Cell` with a location, to the paragraph reader of the text format
(``pipeline.readers.text.paragraph_table``), which finds the header and groups the paragraphs into rows.

They do so when the document has no table, and also when every table it has is a layout table (fewer than
two rows with two cells of text: a letterhead, a reference box, a page wrapped in a one-cell table): no
datasets table can be one of those, so the paragraphs are the only place the datasets can be. The layout
tables are still returned: the shared table finder decides.
"""

from __future__ import annotations

from pipeline.plumbing.errors import SourceError

from .model import Cell, Table
from .text import paragraph_table


def is_layout(table: Table) -> bool:
    """Whether a table cannot be a datasets table: fewer than two rows with two non-empty cells.

    >>> is_layout(Table([[Cell("Our ref: 123", "table 1, row 1"), Cell("17 June 2016", "table 1, row 1")]]))
    True
    >>> is_layout(Table([[Cell("Name", "r1"), Cell("Volume", "r1")], [Cell("NPD", "r2"), Cell("5", "r2")]]))
    False
    """
    return sum(sum(1 for cell in row if cell.text) >= 2 for row in table.rows) < 2


def with_paragraphs(tables: list[Table], paragraphs: list[Cell], document: str) -> list[Table]:
    """``tables`` and, after them, the datasets table the paragraph reader finds in ``paragraphs``.

    Layout tables alone are returned when the paragraphs hold no datasets header (the table finder then
    reports that the document has no datasets table); a ``document`` ("page", "Word document") with
    nothing at all to read is a SourceError here.
    """
    if not paragraphs:
        if any(table.rows for table in tables):
            return tables
        raise SourceError(f"the {document} has no table and no text")
    found = paragraph_table(paragraphs)
    if found is not None:
        return [*tables, found]
    if tables:
        return tables
    raise SourceError(
        f"the {document} has no table, and its {len(paragraphs)} paragraphs hold no datasets header",
        where=paragraphs[0].where,
    )

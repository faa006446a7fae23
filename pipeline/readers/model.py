"""What every reader returns: tables of cells, each cell with a location a person can find.

A reader turns a document's bytes into a :class:`Reading`: one or more :class:`Table` objects, each
a list of rows, each row a list of :class:`Cell`. A reader does not decide which table holds the
datasets or which column is which: that is one step shared by every format
(:mod:`pipeline.readers.find`). It only has to give every cell's text as a person reads it and
say where the cell is:

- ``line 212``: text and CSV (the line the cell, or the CSV record, starts on);
- ``sheet 'Bulk datasets' row 14``: spreadsheets (the row number the spreadsheet shows);
- ``page 2, table 1, row 5``: PDF;
- ``table 1, row 5``: HTML and Word documents.

Cell text conventions, the same for every reader (:func:`clean` applies them):

- non-breaking, thin and other unusual spaces are plain spaces; zero-width characters go;
  line endings are ``\\n``; leading and trailing white space is stripped. Line breaks typed
  inside a cell stay (``"a\\nb"``); lines a layout wrapped (a PDF cell, a paragraph) are
  rejoined with a space by the reader;
- a number stored as a number reads as a person would type it (:func:`number_text`): ``30000``,
  never ``30000.0``; ``0.5``; a date as ``2016-06-17``;
- an empty cell is ``""``; rows may be shorter than the header (missing cells are empty).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple


class Cell(NamedTuple):
    """A cell's text and where it is. A named tuple: readers make one per cell of million-row sheets,
    and a tuple is several times cheaper to make than a frozen dataclass."""

    text: str  # cleaned (see the module docstring)
    where: str  # "line 212" | "sheet 'Bulk datasets' row 14" | "page 2, table 1, row 5" | "table 1, row 5"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A piece of a table a reader or the table finder set aside, and why ("a page footer")."""

    where: str
    text: str
    reason: str


@dataclass
class Table:
    """One table of a document: its rows in document order, header rows (and titles above) included."""

    rows: list[list[Cell]]
    #: Where the table is, for messages: "sheet 'Dataset Overview'", "page 1, table 1", "table 2";
    #: "" when the document is one table (a CSV file, a text answer).
    where: str = ""
    #: Rows or paragraphs the reader set aside (page footers, repeated headers, notes), with reasons.
    skipped: list[Skipped] = field(default_factory=list)
    #: Set by a reader that has already found the header (the paragraph layout must, to know how many
    #: paragraphs make a row): the index in ``rows`` of the header row.
    header: int | None = None
    #: Rows that do not fit the table (the paragraph layout: a cell missing, a stray paragraph), by
    #: index in ``rows``, with why: they are quarantined with that reason, never read as datasets.
    problems: dict[int, str] = field(default_factory=dict)


@dataclass
class Reading:
    """A document read: its tables, the format it was read as, and the text encoding if it had one."""

    tables: list[Table]
    format: str
    encoding: str | None = None


@dataclass(frozen=True)
class ReadOptions:
    """What the manifest may tell a reader. Readers ignore options that do not apply to them."""

    #: Spreadsheets: the sheet to read, by name or 1-based position; None reads every sheet (one
    #: table each) and lets the table finder choose.
    sheet: str | int | None = None
    #: Text formats: the encoding to decode with; None detects it.
    encoding: str | None = None


_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean(text: str | None) -> str:
    """A cell's text by the conventions above.

    >>> clean("\\u00a0 6070\\r\\n"), clean("a\\u200b\\u2009b\\r\\nc "), clean(None)
    ('6070', 'a b\\nc', '')
    """
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", _SPACES.sub(" ", text)).strip()


def number_text(value: object) -> str:
    """A value a spreadsheet stored, as a person would type it.

    >>> [number_text(v) for v in (30000.0, 30000, 0.5, 15704944165.0, 1e-7, True, None)]
    ['30000', '30000', '0.5', '15704944165', '1e-07', 'TRUE', '']
    >>> number_text(dt.date(2016, 6, 17)), number_text(dt.datetime(2016, 6, 17, 9, 30))
    ('2016-06-17', '2016-06-17 09:30:00')
    >>> number_text(dt.datetime(2016, 6, 17))
    '2016-06-17'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str):
        return clean(value)
    return clean(str(value))

"""Stage 1's readers: a document's bytes -> tables of cells, each cell with a location a person can find.

:func:`read` is the one interface (:mod:`.formats`); :mod:`.model` says what a reader returns. Which
table holds the datasets and which column is which is one step shared by every format
(:mod:`.find`, driven by the header words of :mod:`.headers`). Importing this package loads no
format library: each reader imports its own when a document of its format is read.
"""

from .formats import DESCRIPTIONS, FORMATS, detect, read
from .model import Cell, Reading, ReadOptions, Skipped, Table, clean, number_text

__all__ = [
    "DESCRIPTIONS",
    "FORMATS",
    "Cell",
    "ReadOptions",
    "Reading",
    "Skipped",
    "Table",
    "clean",
    "detect",
    "number_text",
    "read",
]

"""Format ``csv``: comma, semicolon, tab or pipe separated values, as spreadsheets and registers export them.

Decoded like any text (UTF-8 with or without a byte-order mark, Windows-1252, UTF-16 as Excel's
"Unicode text" saves it); the delimiter sniffed from the first records; quoted cells may run over
several lines (the line break is kept in the cell). Each cell's location is the line its record
starts on. Title rows above the header are kept as rows: the table finder skips them.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from pipeline.plumbing.errors import SourceError

from .decoding import decode_text
from .model import Cell, Reading, ReadOptions, Table, clean

DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_RECORDS = 50
#: The longest cell read (the csv module's own limit, 128 KiB, is less than real catalogues hold).
FIELD_LIMIT = 64 * 1024 * 1024


def read_csv(data: bytes, options: ReadOptions) -> Reading:
    """The one table of a delimited file."""
    text, encoding = decode_text(data, options.encoding)
    delimiter = sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    start = 1
    limit = csv.field_size_limit(FIELD_LIMIT)  # catalogues hold cells of several hundred KB of prose
    try:
        for record in reader:
            where = f"line {start}"
            rows.append([Cell(clean(value), where) for value in record])
            start = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f"not readable as CSV: {exc}", line=start) from None
    finally:
        csv.field_size_limit(limit)
    while rows and not any(c.text for c in rows[-1]):
        rows.pop()
    return Reading(tables=[Table(rows=rows)], format="csv", encoding=encoding)


def sniff(text: str) -> str:
    """The delimiter that splits the first records most consistently into the most columns.

    >>> sniff("a;b;c\\n1;2,5;3\\n"), sniff("name,size\\n\\"x, y\\",5\\n")
    (';', ',')
    >>> sniff("a\\tb\\n1\\t2\\n"), sniff("one\\n")
    ('\\t', ',')
    """
    best, best_score = ",", (0.0, 0)
    text = text[:65536]
    for delimiter in DELIMITERS:
        counts = []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            for record in reader:
                if any(v.strip() for v in record):
                    counts.append(len(record))
                if len(counts) >= _SAMPLE_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        width, seen = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (seen / len(counts), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best

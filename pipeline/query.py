"""``python -m pipeline query``: SQL against the outputs, rendered as a table, CSV or JSON lines."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import duckdb

from .plumbing.errors import PipelineError
from .sql import connect
from .volumes.formatting import plain


def run_query(db: Path, sql: str, fmt: str) -> str:
    """The result of ``sql`` on the database at ``db`` (read-only) as ``fmt``: table, csv or json."""
    con = connect(db)
    try:
        relation = con.sql(sql)
        if relation is None:
            return ""
        columns, rows = relation.columns, relation.fetchall()
    except duckdb.Error as exc:
        raise PipelineError(f"query failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "json":
        return "".join(
            json.dumps(dict(zip(columns, map(_jsonable, row), strict=True)), ensure_ascii=False) + "\n"
            for row in rows
        )
    return format_table(columns, rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(plain(value))


def _jsonable(value: object) -> object:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (int, float, str, bool, list, dict)) or value is None:
        return value
    return str(value)


def to_csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def format_table(columns: list[str], rows: list[tuple]) -> str:
    """An aligned text table: numbers to the right, text to the left.

    >>> print(format_table(["name", "records"], [("ECHO", 1e7), ("Edubase", 85000.0)]), end="")
    name     records
    -------  --------
    ECHO     10000000
    Edubase     85000
    """
    cells = [[_cell(v) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[i], (int, float)) or row[i] is None for row in rows) and bool(rows)
        for i in range(len(columns))
    ]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [
        line([c.ljust(w) for c, w in zip(columns, widths, strict=True)]),
        "  ".join("-" * w for w in widths),
    ]
    out += [line(r) for r in cells]
    return "\n".join(out) + "\n"

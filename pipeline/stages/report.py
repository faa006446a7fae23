"""Stage 5, report: mart views -> CSVs for auditors, written so any spreadsheet reads them safely;
Parquet copies, the chart, and the page that carries the whole run (:mod:`.html_report`).

Numbers are written in full (5600000000000, not 5.6e+12); text that a spreadsheet would run as
a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe, as
the OWASP advice on CSV injection says. DuckDB keeps the raw text.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import duckdb

#: CSV file -> the mart view it is written from.
REPORTS = {
    "bodies.csv": "bodies",
    "totals.csv": "totals",
    "datasets.csv": "dataset_list",
    "measures.csv": "measures",
    "disclosure.csv": "disclosure",
    "largest.csv": "largest",
    "quarantine.csv": "quarantine",
}
#: Parquet copies for other engines (Arrow, Spark, R...), typed as in DuckDB.
PARQUET = {"measures.parquet": "measures", "datasets.parquet": "datasets"}
CHART = "volumes.png"
#: The one page of the run (:mod:`.html_report`), written last: it embeds the chart.
HTML_REPORT = "report.html"
#: UTF-8 with a byte-order mark: Excel and LibreOffice then read "Teachers’" as written, not "Teachersâ€™".
CSV_ENCODING = "utf-8-sig"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: object) -> object:
    """Text a spreadsheet shows as text, never runs.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("Circa 5,000")
    ("'=HYPERLINK(1)", 'Circa 5,000')
    """
    if isinstance(text, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def format_number(value: object) -> object:
    """A float in full, without a needless ".0" or an exponent.

    >>> format_number(5.6e12), format_number(438300.0), format_number(2.5), format_number(None)
    ('5600000000000', '438300', '2.5', None)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    return value


def to_csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with floats formatted in full and text made spreadsheet-safe."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_float_dtype(series):
            out[column] = series.astype(object).map(format_number)
        elif pd.api.types.is_string_dtype(series) or series.dtype == object:
            out[column] = series.map(spreadsheet_safe)
    return out


def write_reports(
    con: duckdb.DuckDBPyConnection, out_dir: Path, run_manifest: dict[str, Any] | None = None
) -> list[Path]:
    """Write the CSVs, the Parquet copies, the chart and ``report.html`` from the open DuckDB connection
    ``con``; ``run_manifest`` (inputs, counts, versions) is what the page says of the run itself."""
    from .chart import write_chart
    from .html_report import write_html_report

    written = []
    for filename, view in REPORTS.items():
        frame = con.execute(f"SELECT * FROM {view}").df()
        path = out_dir / filename
        to_csv_frame(frame).to_csv(path, index=False, lineterminator="\n", encoding=CSV_ENCODING)
        written.append(path)
    for filename, view in PARQUET.items():
        path = out_dir / filename
        quoted = str(path).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {view}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)")
        written.append(path)
    chart = write_chart(con, out_dir / CHART)
    written.append(chart)
    written.append(write_html_report(con, out_dir / HTML_REPORT, run_manifest or {}, chart))
    return written

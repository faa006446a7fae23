"""Stage 5, report: mart views -> CSVs for auditors, written so any spreadsheet reads them safely;
Parquet copies, the chart, and the page that carries the whole run (:mod:`.html_report`).

Numbers are written in full (5600000000000, not 5.6e+12); text that a spreadsheet would run as
a formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe, as
the OWASP advice on CSV injection says. DuckDB keeps the raw text.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
#: The order each relation is written in. A view's own ORDER BY is not kept by a query over it once
#: DuckDB reads in parallel, so the files say theirs: reruns give the same bytes at any size.
ORDER = {
    "bodies": "body",
    "totals": "source_id, body, array_position(['records', 'storage', 'record_rate', 'storage_rate', 'items',"
    " 'unknown', 'withheld', 'unparsed'], kind)",
    "dataset_list": "source_id, row",
    "datasets": "source_id, row",
    "measures": "source_id, row, volume_index, figure",
    "disclosure": "source_id, body",
    "largest": "source_id, body,"
    " array_position(['records', 'storage', 'record_rate', 'storage_rate', 'items'], kind), rank, row",
    "quarantine": "source_id, row",
}
#: Parquet copies for other engines (Arrow, Spark, R...), typed as in DuckDB.
PARQUET = {"measures.parquet": "measures", "datasets.parquet": "datasets"}
CHART = "volumes.png"
#: The one page of the run (:mod:`.html_report`), written last: it embeds the chart.
HTML_REPORT = "report.html"
#: UTF-8 with a byte-order mark: Excel and LibreOffice then read "Teachers’" as written, not "Teachersâ€™".
CSV_ENCODING = "utf-8-sig"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_select(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """A SELECT of ``relation`` whose columns DuckDB writes as a spreadsheet should read them:
    numbers in full (as :func:`pipeline.volumes.formatting.plain`), text that would run as a formula
    behind an apostrophe, booleans ``True``/``False``, empty text an empty field."""

    columns = []
    for name, kind, *_ in con.execute(f"DESCRIBE {relation}").fetchall():
        q = '"' + name.replace('"', '""') + '"'
        if kind in ("DOUBLE", "FLOAT"):
            columns.append(
                f"CASE WHEN {q} = trunc({q}) AND abs({q}) < 1e21 THEN CAST(CAST({q} AS HUGEINT) AS VARCHAR)"
                f" ELSE CAST({q} AS VARCHAR) END AS {q}"
            )
        elif kind == "BOOLEAN":
            columns.append(f"CASE {q} WHEN true THEN 'True' WHEN false THEN 'False' END AS {q}")
        elif kind == "VARCHAR":
            starts = ", ".join(f"'{c}'" if c not in "\t\r" else f"chr({ord(c)})" for c in _FORMULA_START)
            columns.append(
                f"nullif(CASE WHEN left({q}, 1) IN ({starts}) THEN '''' || {q} ELSE {q} END, '') AS {q}"
            )
        else:
            columns.append(q)
    return f"SELECT {', '.join(columns)} FROM {relation} ORDER BY {ORDER[relation]}"


def copy_csv(con: duckdb.DuckDBPyConnection, relation: str, path: Path) -> Path:
    """Write ``relation`` as a CSV at ``path`` with DuckDB (no frame in memory), a byte-order mark first."""
    raw = path.with_name(f".{path.name}.part")
    quoted = str(raw).replace("'", "''")
    options = "FORMAT csv, HEADER, DELIMITER ',', NEW_LINE '\\n'"
    con.execute(f"COPY ({csv_select(con, relation)}) TO '{quoted}' ({options})")

    with open(path, "wb") as out, open(raw, "rb") as body:
        out.write("\ufeff".encode())
        shutil.copyfileobj(body, out, 1 << 20)
    raw.unlink()
    return path


def write_reports(
    con: duckdb.DuckDBPyConnection, out_dir: Path, run_manifest: dict[str, Any] | None = None
) -> list[Path]:
    """Write the CSVs, the Parquet copies, the chart and ``report.html`` from the open DuckDB connection
    ``con``; ``run_manifest`` (inputs, counts, versions) is what the page says of the run itself."""
    from .chart import write_chart
    from .html_report import write_html_report

    written = []
    for filename, view in REPORTS.items():
        written.append(copy_csv(con, view, out_dir / filename))

    for filename, view in PARQUET.items():
        path = out_dir / filename
        quoted = str(path).replace("'", "''")
        ordered = f"SELECT * FROM {view} ORDER BY {ORDER[view]}"
        con.execute(f"COPY ({ordered}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)")
        written.append(path)
    chart = write_chart(con, out_dir / CHART)
    written.append(chart)
    written.append(write_html_report(con, out_dir / HTML_REPORT, run_manifest or {}, chart))
    return written

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

from .load import DATABASE

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
    "measures": "source_id, row, volume_index, figure",
    "figure_rows": "source_id, row, volume_index, figure",
    "dataset_wide": "source_id, row",
    "disclosure": "source_id, body",
    "largest": "source_id, body,"
    " array_position(['records', 'storage', 'record_rate', 'storage_rate', 'items'], kind), rank, row",
    "quarantine": "source_id, row",
}
#: Parquet copies for other engines (Arrow, Spark, R...), typed as in DuckDB: the rows of ``measures``
#: and ``datasets``, from the relations those views order (sorted here, once).
PARQUET = {"measures.parquet": "figure_rows", "datasets.parquet": "dataset_wide"}
#: CSVs written from a Parquet copy rather than from their view: the copy is already in order, and a
#: single file is read in its order, so a million rows are sorted once, not once a file.
#: (``dataset_list`` is a choice of the columns of ``datasets``, as its view says.)
FROM_PARQUET = {"measures.csv": "measures.parquet", "datasets.csv": "datasets.parquet"}
CHART = "volumes.png"
#: The one page of the run (:mod:`.html_report`), written last: it embeds the chart.
HTML_REPORT = "report.html"
#: UTF-8 with a byte-order mark: Excel and LibreOffice then read "Teachers’" as written, not "Teachersâ€™".
CSV_ENCODING = "utf-8-sig"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The same as one regular expression (RE2 reads ``\t`` and ``\r``). Not ``left(x, 1) IN (...)``:
#: DuckDB plans an IN list of six as a join, and a join does not keep the order of the rows it reads
#: (duckdb/duckdb#24398), which the CSVs written from a Parquet copy rely on.
_FORMULA_PATTERN = (
    "^[" + "".join({"-": "\\-", "\t": "\\t", "\r": "\\r"}.get(c, c) for c in _FORMULA_START) + "]"
)


def csv_select(con: duckdb.DuckDBPyConnection, relation: str, ordered: Path | None = None) -> str:
    """A SELECT of ``relation`` whose columns DuckDB writes as a spreadsheet should read them:
    numbers in full (as :func:`pipeline.volumes.formatting.plain`), text that would run as a formula
    behind an apostrophe, booleans ``True``/``False``, empty text an empty field. In :data:`ORDER`, or
    read from ``ordered``, a Parquet file holding those columns in that order already."""

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
            columns.append(
                f"nullif(CASE WHEN regexp_matches({q}, '{_FORMULA_PATTERN}') THEN '''' || {q} ELSE {q} END,"
                f" '') AS {q}"
            )
        else:
            columns.append(q)
    if ordered is not None:  # one file, read in its order (DuckDB keeps a single table's order)
        return f"SELECT {', '.join(columns)} FROM read_parquet({_sql_path(ordered)})"
    return f"SELECT {', '.join(columns)} FROM {relation} ORDER BY {ORDER[relation]}"


def _sql_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


#: The most rows a spreadsheet opens, its header one of them (Excel; LibreOffice Calc the same): past
#: it the rest are cut off, with at most a notice a reader may miss.
SPREADSHEET_ROWS = 1_048_576


def copy_csv(con: duckdb.DuckDBPyConnection, relation: str, path: Path, ordered: Path | None = None) -> int:
    """Write ``relation`` as a CSV at ``path`` with DuckDB (no frame in memory), a byte-order mark first;
    from ``ordered`` if given (see :func:`csv_select`). Returns the rows written."""
    raw = path.with_name(f".{path.name}.part")
    options = "FORMAT csv, HEADER, DELIMITER ',', NEW_LINE '\\n'"
    (rows,) = con.execute(
        f"COPY ({csv_select(con, relation, ordered)}) TO {_sql_path(raw)} ({options})"
    ).fetchone()  # type: ignore[misc]

    with open(path, "wb") as out, open(raw, "rb") as body:
        out.write("\ufeff".encode())
        shutil.copyfileobj(body, out, 1 << 20)
    raw.unlink()
    return int(rows)


def write_reports(
    con: duckdb.DuckDBPyConnection,
    out_dir: Path,
    run_manifest: dict[str, Any] | None = None,
    warnings: list[str] | None = None,
) -> list[Path]:
    """Write the CSVs, the Parquet copies, the chart and ``report.html`` from the open DuckDB connection
    ``con``; ``run_manifest`` (inputs, counts, versions) is what the page says of the run itself. A CSV
    too long for a spreadsheet adds a line to ``warnings``."""
    from .chart import write_chart
    from .html_report import write_html_report

    parquet = []
    for filename, view in PARQUET.items():
        path = out_dir / filename
        query = f"SELECT * FROM {view} ORDER BY {ORDER[view]}"
        con.execute(f"COPY ({query}) TO {_sql_path(path)} (FORMAT parquet, COMPRESSION zstd)")
        parquet.append(path)
    written = []
    for filename, view in REPORTS.items():
        ordered = out_dir / FROM_PARQUET[filename] if filename in FROM_PARQUET else None
        rows = copy_csv(con, view, out_dir / filename, ordered)
        written.append(out_dir / filename)
        if rows >= SPREADSHEET_ROWS and warnings is not None:
            whole = f"{FROM_PARQUET[filename]} or " if filename in FROM_PARQUET else ""
            warnings.append(
                f"{filename} has {rows:,} rows: a spreadsheet opens {SPREADSHEET_ROWS - 1:,} and cuts off the"
                f" rest; read it whole from {whole}{DATABASE}"
            )
    written += parquet
    chart = write_chart(con, out_dir / CHART)
    written.append(chart)
    written.append(write_html_report(con, out_dir / HTML_REPORT, run_manifest or {}, chart))
    return written

"""Stages 1-3 for large CSV sources, in DuckDB: memory does not grow with the rows.

A registry or catalogue of a million rows is too big to hold as Python cells and pandas frames. For
a CSV source of at least :data:`BULK_BYTES`, the same steps run here instead, with DuckDB doing the
set work:

1. the head of the file is read as the CSV reader reads it, and the shared table finder
   (:mod:`pipeline.readers.find`) finds the header and maps the columns, exactly as for any source;
2. DuckDB reads the whole file (``read_csv``, in order), cleans the cells as :func:`readers.clean`
   does, and passes over blank rows; rows that might be set aside (a repeated header, a total, a
   note) are few, and are judged in Python by :func:`readers.find.set_aside`, the same function;
3. the extracted cells are checked against the ``ExtractedRows`` contract with SQL generated from
   its pandera model (:func:`contract_checks`), the repeated names with a window;
4. each distinct volume text is parsed once, in chunks, by an engine (worker processes here, or a
   Dask cluster: :mod:`pipeline.stages.engines`); each chunk of figures is validated with the pandera
   ``Figures`` model at its boundary and inserted;
5. figures are joined back to their cells, and datasets, figures and quarantine land in the staging
   tables; conservation is checked with SQL.

Locations are lines (``line 1234``) when the file has no blank line and no line break inside a cell,
so that a record's line follows from its position; otherwise ``record 1234 after the header``.
Sources in other encodings than UTF-8, or smaller, take the in-memory path.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

from pipeline.plumbing.errors import ConservationError, SourceError
from pipeline.plumbing.manifest import Source
from pipeline.plumbing.provenance import display_path, sha256
from pipeline.readers import ReadOptions, detect
from pipeline.readers.delimited import read_csv, sniff
from pipeline.readers.find import Found, find_tables, set_aside
from pipeline.volumes import Policy
from schemas.frames import ExtractedRows, Figures

from .extract import as_at_date, check_digest, source_row
from .validate import split_valid

if TYPE_CHECKING:
    import duckdb

    from .engines import Engine

#: CSV sources at least this big (bytes) take this path; ``FOI_BULK_BYTES`` overrides it.
BULK_BYTES = int(os.environ.get("FOI_BULK_BYTES", 4 * 1024 * 1024))
#: Distinct texts parsed and validated per chunk: memory is bounded by it, not by the rows.
CHUNK = 25_000
_HEAD = 1 << 20
_SPACES = "[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]"
_INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
Progress = Callable[[str], None]


@dataclass
class Plan:
    """How a large CSV source will be read: its table found from the head of the file."""

    source: Source
    delimiter: str
    header_line: int  # the line of the header row
    header: list[str]
    found: Found
    encoding: str


def plan(source: Source, threshold: int = BULK_BYTES) -> Plan | None:
    """The plan for ``source`` if it is a large UTF-8 CSV, else None (the in-memory path reads it)."""
    try:
        size = source.path.stat().st_size
    except OSError:
        return None
    if size < threshold or source.encoding not in (None, "utf-8", "utf-8-sig"):
        return None
    with open(source.path, "rb") as f:
        head = f.read(_HEAD)
    fmt = source.format or detect(head, source.path.name)
    if fmt != "csv":
        return None
    encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    cut = head[: head.rfind(b"\n") + 1] if len(head) == _HEAD else head
    try:
        text = cut.decode(encoding)
    except UnicodeDecodeError:
        return None  # Windows-1252 and the like: the in-memory reader detects them
    delimiter = sniff(text)
    try:
        (found,) = find_tables(read_csv(cut, ReadOptions(encoding=encoding)), source.hints)
    except SourceError as exc:
        raise exc.at(display_path(source.path)) from None
    header_line = int(found.header[0].where.split()[-1])
    if any("\n" in c.text for c in found.header):
        return None
    return Plan(source, delimiter, header_line, [c.text for c in found.header], found, encoding)


def contract_checks(model: type[pa.DataFrameModel] = ExtractedRows) -> list[tuple[str, str]]:
    """``(reason, SQL predicate that fails)`` for each column constraint of a pandera model, in the
    model's order, with the reasons the in-memory path gives (:mod:`pipeline.stages.validate`).

    >>> [r for r, _ in contract_checks()][:3]
    ['source_id is missing', 'row is missing', 'volume_index is missing']
    """
    checks = []
    for name, column in model.to_schema().columns.items():
        q = f'"{name}"'
        if not column.nullable:
            checks.append((f"{name} is missing", f"{q} IS NULL"))
        for check in column.checks:
            if check.name == "str_length":
                low, high = check.statistics.get("min_value"), check.statistics.get("max_value")
                parts = [f"length({q}) < {low}"] if low is not None else []
                parts += [f"length({q}) > {high}"] if high is not None else []
                checks.append((f"{name} length out of bounds ({low}, {high})", " OR ".join(parts)))
    return checks


def _clean(column: str) -> str:
    """SQL that cleans a cell as :func:`pipeline.readers.clean` does. The regular expressions run only
    on a cell that needs them (one scan finds those): most cells are clean already."""
    full = (
        f"trim(regexp_replace(regexp_replace(replace({column}, chr(13), ''), '{_INVISIBLE}', '', 'g'),"
        f" '{_SPACES}', ' ', 'g'), ' ' || chr(10) || chr(13))"
    )
    needs = f"'^[ \\n\\r]|[ \\n\\r]$|{_SPACES[:-1]}{_INVISIBLE[1:-1]}\\r]'"
    return (
        f"CASE WHEN {column} IS NULL THEN '' WHEN regexp_matches({column}, {needs}) THEN {full}"
        f" ELSE {column} END"
    )


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def load(
    con: duckdb.DuckDBPyConnection,
    p: Plan,
    manifest: Path,
    engine: Engine,
    progress: Progress,
) -> tuple[dict, dict[str, int]]:
    """Read, validate, parse and stage one large CSV source into the open database; returns its row
    of ``stg_sources`` and its counts."""
    s, m, width = p.source, p.found.mapping, len(p.header)
    digest = sha256(s.path)
    check_digest(s, digest)
    cols = [f"c{i}" for i in range(width)]
    _read_raw(con, p, cols)
    (records,) = con.execute("SELECT count(*) FROM bulk_raw").fetchone()  # type: ignore[misc]
    exact = _exact_lines(s.path, p.header_line, records)
    shown = _set_aside(con, p, cols, exact, progress)
    _extract(con, p, cols, exact, skips=bool(con.execute("SELECT count(*) FROM bulk_skip").fetchone()[0]))  # type: ignore[index]
    extracted, cells = con.execute("SELECT count(DISTINCT row), count(*) FROM bulk_extracted").fetchone()  # type: ignore[misc]
    _check_contract(con)

    # parse each distinct text once, in chunks, validating each chunk of figures at its boundary
    con.execute(
        """CREATE OR REPLACE TEMP TABLE bulk_texts AS
        SELECT text_id, any_value(volume_text) AS volume_text, any_value(column_unit) AS column_unit
        FROM bulk_extracted WHERE row NOT IN (SELECT row FROM bulk_bad) GROUP BY text_id ORDER BY text_id"""
    )
    (distinct,) = con.execute("SELECT count(*) FROM bulk_texts").fetchone()  # type: ignore[misc]
    figure_columns = [c for c in Figures.to_schema().columns if c not in _CELL_COLUMNS]
    con.execute(
        "CREATE OR REPLACE TEMP TABLE bulk_figures AS"
        f" SELECT {', '.join(figure_columns)}, 0::BIGINT AS text_id FROM stg_figures LIMIT 0"
    )
    con.execute("CREATE OR REPLACE TEMP TABLE bulk_bad_texts (text_id BIGINT, reason VARCHAR)")
    for figures, bad in engine.parse(_chunks(con, CHUNK), s.policy):
        _insert_chunk(con, figures, bad)
    progress(f"parse: {s.id}: {distinct:,} distinct texts of {cells:,} cells ({engine.describe()})")

    # figures joined back to their cells; datasets; quarantine
    con.execute(
        """INSERT INTO bulk_bad
        SELECT e.row, 'parse: ' || any_value(b.reason), 'parse'
        FROM bulk_extracted e JOIN bulk_bad_texts b USING (text_id)
        WHERE e.row NOT IN (SELECT row FROM bulk_bad)
        GROUP BY e.row"""
    )
    good = "WHERE e.row NOT IN (SELECT row FROM bulk_bad)"
    con.execute(
        f"""INSERT INTO stg_figures BY NAME
        SELECT e.source_id, e.row, e.volume_index, e.volume_column, e.location, e.dataset_name, e.volume_text,
               {", ".join("f." + c for c in figure_columns)}
        FROM bulk_extracted e JOIN bulk_figures f USING (text_id) {good}"""
    )
    con.execute(
        f"""INSERT INTO stg_datasets BY NAME
        SELECT e.source_id, e.row, e.row_location AS location, e.dataset_name, e.purpose, e.body, e.attributes
        FROM bulk_extracted e {good} AND e.first_cell"""
    )
    con.execute(
        """INSERT INTO stg_quarantine BY NAME
        SELECT e.source_id, e.row, e.location, b.stage, e.dataset_name, e.volume_text,
               regexp_replace(b.reason, '^parse: ', '') AS reason
        FROM bulk_bad b JOIN bulk_extracted e ON e.row = b.row AND e.first_cell"""
    )
    counts = _conserve(con, s.id, extracted, cells)

    meta = source_row(
        s,
        manifest,
        table_as_at=as_at_date(p.found.as_at),
        fmt="csv",
        tables=f"the document, header at line {p.header_line}: {m.describe(p.found.header)}",
        set_aside=shown,
        encoding=p.encoding,
        digest=digest,
    )
    for table in (
        "bulk_raw",
        "bulk_skip",
        "bulk_extracted",
        "bulk_bad",
        "bulk_texts",
        "bulk_figures",
        "bulk_bad_texts",
    ):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return meta, counts


def _read_raw(con: duckdb.DuckDBPyConnection, p: Plan, cols: list[str]) -> None:
    """The file's records after the header, in order, cells cleaned: ``bulk_raw(ordinal, c0...)``."""
    path = str(p.source.path).replace("'", "''")
    schema = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in cols) + "}"
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE bulk_raw AS
            SELECT row_number() OVER () AS ordinal, {", ".join(_clean(c) + " AS " + c for c in cols)}
            FROM read_csv('{path}', header = false, skip = {p.header_line}, columns = {schema},
                          delim = {_sql_text(p.delimiter)}, quote = '"', escape = '"', all_varchar = true,
                          null_padding = true, auto_detect = false, parallel = false)"""
        )
    except Exception as exc:  # duckdb's own CSV errors name the line
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise SourceError(f"not readable as CSV: {first}", display_path(p.source.path)) from None


def _set_aside(
    con: duckdb.DuckDBPyConnection, p: Plan, cols: list[str], exact: bool, progress: Progress
) -> int:
    """Rows that are no datasets into ``bulk_skip``: SQL finds the few that might be (blank, a header
    again, a total, one cell filled), :func:`set_aside` judges them. Returns how many were shown."""
    m = p.found.mapping
    header_key = [h.casefold() for h in p.header]
    filled = " + ".join(f"({c} <> '')::INT" for c in cols)
    name = cols[m.name]
    candidates = con.execute(
        f"""SELECT ordinal, {", ".join(cols)} FROM bulk_raw
        WHERE {filled} <= 1 OR lower({name}) = {_sql_text(header_key[m.name])} OR lower({name}) LIKE '%total%'
           OR lower({name}) LIKE '%sum%' OR lower({name}) = 'all datasets'"""
    ).fetchall()
    skipped = [(o, *why) for o, *texts in candidates if (why := set_aside(list(texts), header_key, m.name))]
    con.execute("CREATE OR REPLACE TEMP TABLE bulk_skip (ordinal BIGINT)")
    if skipped:
        con.executemany("INSERT INTO bulk_skip VALUES (?)", [(o,) for o, _, _ in skipped])
    shown = [(o, t, r) for o, t, r in skipped if r]
    for ordinal, text, reason in shown[:20]:
        at = f"line {ordinal + p.header_line}" if exact else f"record {ordinal} after the header"
        progress(f"  set aside: {at}: {text!r}: {reason}")
    if len(shown) > 20:
        progress(f"  set aside: ... and {len(shown) - 20} more rows")
    return len(shown)


def _extract(con: duckdb.DuckDBPyConnection, p: Plan, cols: list[str], exact: bool, skips: bool) -> None:
    """``bulk_extracted``: the rows of :data:`extract.COLUMNS`, one per volume cell (blank ones left out
    unless all are), with ``text_id`` (one per distinct text and unit) and ``first_cell``."""
    s, m = p.source, p.found.mapping
    row = "row_number() OVER (ORDER BY ordinal)" if skips else "ordinal"
    where = (
        f"'line ' || (ordinal + {p.header_line})" if exact else "'record ' || ordinal || ' after the header'"
    )

    def opt(i: int | None) -> str:
        return f"nullif({cols[i]}, '')" if i is not None else "NULL::VARCHAR"

    pairs = ", ".join(f"struct_pack(k := {_sql_text(h)}, v := {cols[i]})" for i, h in m.attributes)
    attributes = (
        f"to_json(map_from_entries(list_filter([{pairs}], lambda x: x.v <> '')))::VARCHAR"
        if pairs
        else "'{}'"
    )
    volumes = "[" + ", ".join(cols[v.index] for v in m.volumes) + "]"
    headers = "[" + ", ".join(_sql_text(v.header) for v in m.volumes) + "]"
    units = "[" + ", ".join(_sql_text(v.unit) if v.unit else "NULL::VARCHAR" for v in m.volumes) + "]"
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE bulk_extracted AS
        WITH rows AS (
            SELECT {row} AS row, {where} AS location, {cols[m.name]} AS dataset_name,
                   {opt(m.purpose)} AS purpose, {opt(m.body)} AS body, {attributes} AS attributes,
                   {volumes} AS volumes
            FROM bulk_raw {"WHERE ordinal NOT IN (SELECT ordinal FROM bulk_skip)" if skips else ""}
        ), cells AS (
            SELECT r.*, i - 1 AS volume_index, r.volumes[i] AS volume_text,
                   coalesce(list_position(list_transform(r.volumes, lambda v: v <> ''), true), 1) - 1 AS first
            FROM rows r, range(1, {len(m.volumes) + 1}) t(i)
        )
        SELECT {_sql_text(s.id)} AS source_id, row, volume_index,
               {headers}[volume_index + 1] AS volume_column, dataset_name, purpose, volume_text, location,
               location AS row_location, body, attributes, {units}[volume_index + 1] AS column_unit,
               NULL::VARCHAR AS problem, volume_index = first AS first_cell,
               dense_rank() OVER (ORDER BY volume_text, {units}[volume_index + 1] NULLS FIRST) AS text_id
        FROM cells WHERE volume_text <> '' OR volume_index = first"""
    )


def _check_contract(con: duckdb.DuckDBPyConnection) -> None:
    """``bulk_bad(row, reason, stage)``: the datasets that fail the ``ExtractedRows`` contract, checked
    in SQL generated from its pandera model, the reasons in the model's order."""
    failing = [
        f"SELECT row, {n} AS k, {_sql_text(reason)} AS reason FROM bulk_extracted WHERE {predicate}"
        for n, (reason, predicate) in enumerate(contract_checks())
    ]
    repeated = (
        f"SELECT row, {len(failing)} AS k, 'dataset name repeated within the source' AS reason"
        " FROM bulk_extracted WHERE first_cell"
        " QUALIFY row_number() OVER (PARTITION BY coalesce(body, ''), dataset_name ORDER BY row) > 1"
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE bulk_bad AS
        SELECT row, string_agg(reason, '; ' ORDER BY k) AS reason, 'extract' AS stage
        FROM (SELECT row, k, any_value(reason) AS reason FROM ({" UNION ALL ".join([*failing, repeated])})
              GROUP BY row, k)
        GROUP BY row"""
    )


_CELL_COLUMNS = (
    "source_id",
    "row",
    "volume_index",
    "volume_column",
    "location",
    "dataset_name",
    "volume_text",
)


def _chunks(con: duckdb.DuckDBPyConnection, size: int) -> Iterator[list[tuple[int, str, str | None]]]:
    """The distinct texts, ``size`` ids at a time (a chunk is a range of ``text_id``)."""
    (total,) = con.execute("SELECT coalesce(max(text_id), 0) FROM bulk_texts").fetchone()  # type: ignore[misc]
    for start in range(1, total + 1, size):
        yield con.execute(
            "SELECT text_id, volume_text, column_unit FROM bulk_texts"
            " WHERE text_id BETWEEN ? AND ? ORDER BY text_id",
            [start, start + size - 1],
        ).fetchall()


def _insert_chunk(con: duckdb.DuckDBPyConnection, figures: pd.DataFrame, bad: pd.DataFrame) -> None:
    con.register("chunk", figures)
    con.execute("INSERT INTO bulk_figures BY NAME SELECT * FROM chunk")
    con.unregister("chunk")
    if len(bad):
        con.register("chunk_bad", bad)
        con.execute("INSERT INTO bulk_bad_texts SELECT text_id, reason FROM chunk_bad")
        con.unregister("chunk_bad")


def parse_chunk(
    items: list[tuple[int, str, str | None]], policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse one chunk of distinct texts and validate the figures with the ``Figures`` model: the
    figures that pass (with their ``text_id``), and the texts that fail with the reasons. Pure, and
    picklable: engines run it in worker processes or on a Dask cluster."""
    from pipeline.volumes import parse_volume

    from .parse import _DTYPES, BLANK, FIGURE_COLUMNS

    policies: dict[str | None, Policy] = {}
    out: list[tuple] = []
    for text_id, text, unit in items:
        pol = policies.get(unit)
        if pol is None:
            pol = policies[unit] = policy if unit is None else dataclasses.replace(policy, column_unit=unit)
        parsed = parse_volume(text, pol) if text.strip() else BLANK
        for n, f in enumerate(parsed.figures):
            out.append(("", text_id, 0, "", "", "", text, n, *_figure_values(f)))
    frame = pd.DataFrame.from_records(out, columns=FIGURE_COLUMNS).astype(_DTYPES)
    valid, bad = split_valid(frame, Figures, "parse")
    figures = valid.rename(columns={"row": "text_id"}).drop(columns=[c for c in _CELL_COLUMNS if c != "row"])
    return figures, bad.rename(columns={"row": "text_id"})[["text_id", "reason"]]


def _figure_values(f) -> tuple:  # type: ignore[no-untyped-def]
    return (f.kind, f.value, f.unit, f.lower, f.upper, f.qualifier, f.role, f.subset, f.assumed_unit,
            f.start, f.end, f.surface, f.rule, f.policy, f.reason)  # fmt: skip


def _exact_lines(path: Path, header_line: int, records: int) -> bool:
    """Whether a record's line follows from its position: the file's lines after the header are its
    records, one each (no blank line, no line break inside a cell)."""
    lines, last, blank = 0, b"\n", False
    with open(path, "rb") as f:
        while block := f.read(1 << 22):
            lines += block.count(b"\n")
            if b"\n\n" in block or b"\n\r\n" in block or (last == b"\n" and block[:1] in (b"\n", b"\r")):
                blank = True
            last = block[-1:]
    if last != b"\n":
        lines += 1
    return not blank and lines == header_line + records


def _conserve(con: duckdb.DuckDBPyConnection, sid: str, extracted: int, cells: int) -> dict[str, int]:
    """The conservation check of the in-memory path, in SQL, for one bulk source."""
    q = _sql_text(sid)
    loaded, quarantined, figures, unparsed, figured_cells = con.execute(
        f"""SELECT (SELECT count(*) FROM stg_datasets WHERE source_id = {q}),
                   (SELECT count(*) FROM stg_quarantine WHERE source_id = {q}),
                   (SELECT count(*) FROM stg_figures WHERE source_id = {q}),
                   (SELECT count(*) FROM stg_figures WHERE source_id = {q} AND kind = 'unparsed'),
                   (SELECT count(*) FROM (SELECT DISTINCT row, volume_index FROM stg_figures
                                          WHERE source_id = {q}))"""
    ).fetchone()  # type: ignore[misc]
    loaded_cells = con.execute(
        "SELECT count(*) FROM bulk_extracted WHERE row NOT IN (SELECT row FROM bulk_bad)"
    ).fetchone()[0]  # type: ignore[index]
    problems = []
    if extracted != loaded + quarantined:
        problems.append(f"extracted {extracted} != loaded {loaded} + quarantined {quarantined}")
    if figured_cells != loaded_cells:
        problems.append(f"{abs(loaded_cells - figured_cells)} volume cells without figures")
    if problems:
        raise ConservationError(f"conservation check failed for {sid}: " + "; ".join(problems))
    return {
        "extracted": extracted,
        "loaded": loaded,
        "quarantined": quarantined,
        "cells": cells,
        "figures": figures,
        "unparsed": unparsed,
    }


__all__ = ["BULK_BYTES", "Plan", "contract_checks", "load", "parse_chunk", "plan"]

"""Stage 1, extract: a source document -> one row per volume cell of each dataset in its table.

The readers (:mod:`pipeline.readers`) turn the document's bytes into tables of located cells; the
shared step (:mod:`pipeline.readers.find`) finds the datasets table and maps its columns; this stage
turns each data row into rows of :data:`COLUMNS`: one per volume column (records and size side by
side are both parsed), keyed by the dataset's ordinal ``row`` in the source and the volume
``column``. A dataset whose volume cells are all blank keeps one row with an empty volume text (the
parse stage reads it as "no volume given"); a row the reader flagged as not fitting the table
carries its ``problem``, and validation quarantines it with that reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from pipeline.plumbing.errors import PipelineError, SourceError
from pipeline.plumbing.manifest import Source
from pipeline.plumbing.provenance import display_path, sha256
from pipeline.readers import ReadOptions, Skipped, read
from pipeline.readers.find import DataRow, Found, Hints, find_tables
from schemas.frames import ExtractedRows

#: The columns of an extracted row, from the stage boundary's contract (the pandera ``ExtractedRows``).
COLUMNS = tuple(ExtractedRows.to_schema().columns)
_DTYPES = {"row": "int64", "volume_index": "int64"}
#: With no row at all (every source read by the bulk path) text columns must still be text.
_EMPTY_DTYPES = {c: _DTYPES.get(c, "str") for c in COLUMNS}
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%B %Y", "%d.%m.%Y")

Progress = Callable[[str], None]


@dataclass
class Extraction:
    """What one document gave: its rows, how it was read, and what was set aside."""

    rows: list[dict] = field(default_factory=list)
    format: str = ""
    encoding: str | None = None
    as_at: str | None = None  # ISO date from the table's header or title, if it gives one
    tables: list[str] = field(default_factory=list)  # where each table was found, its header and mapping
    found: list[Found] = field(default_factory=list, repr=False)  # each table found: header, mapping
    skipped: list[Skipped] = field(default_factory=list)


def as_at_date(text: str | None) -> str | None:
    """The ISO date of an "as at" text ("17 June 2016", "31/03/2017", "1st April 2017").

    >>> as_at_date("17 June 2016"), as_at_date("1st April 2017."), as_at_date("end of year")
    ('2016-06-17', '2017-04-01', None)
    """
    if not text:
        return None
    raw = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip().rstrip(".)")).strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def as_at_gap(manifest_as_at: str, table_as_at: str | None) -> int | None:
    """Days from the manifest's ``as_at`` to the table's own "as at" date (ISO dates); None without one.

    >>> as_at_gap("2016-06-17", "2016-06-17"), as_at_gap("2017-06-17", "2016-06-17")
    (0, -365)
    >>> as_at_gap("2016-06-17", None) is None
    True
    """
    if table_as_at is None:
        return None
    return (datetime.fromisoformat(table_as_at) - datetime.fromisoformat(manifest_as_at)).days


def extract_document(
    data: bytes,
    source_id: str,
    *,
    fmt: str | None = None,
    name: str = "",
    options: ReadOptions | None = None,
    hints: Hints | None = None,
) -> Extraction:
    """Read a document's bytes into dataset rows (pure: no file is opened here)."""
    reading = read(data, fmt, options, name)
    found = find_tables(reading, hints)
    result = Extraction(format=reading.format, encoding=reading.encoding)
    n = 0
    for table in found:
        where = table.table.where or "the document"
        result.tables.append(
            f"{where}, header at {table.header[0].where}: {table.mapping.describe(table.header)}"
        )
        result.found.append(table)
        result.skipped.extend(table.skipped)
        result.as_at = result.as_at or as_at_date(table.as_at)
        for data_row in table.rows:
            n += 1
            result.rows.extend(_cells(source_id, n, table, data_row))
    if not result.rows:
        raise SourceError("the datasets table has a header but no rows", where=found[0].header[0].where)
    return result


def _cells(source_id: str, n: int, found: Found, data_row: DataRow) -> list[dict]:
    """The rows of one dataset: one per volume cell (blank cells left out unless all are blank)."""
    m, cells = found.mapping, data_row.cells
    if data_row.problem is not None:  # a stretch that does not fit the table: kept whole, quarantined
        filled = [c for c in cells if c.text]
        return [
            {
                "source_id": source_id,
                "row": n,
                "volume_index": 0,
                "volume_column": m.volumes[0].header,
                "dataset_name": cells[0].text,
                "purpose": None,
                "volume_text": filled[-1].text if filled else "",
                "location": (filled[-1] if filled else cells[0]).where,
                "row_location": cells[0].where,
                "body": None,
                "attributes": json.dumps(
                    {"cells": [c.text for c in cells[: len(cells) - _trailing_blanks(cells)]]},
                    ensure_ascii=False,
                    separators=(",", ":"),
                ),
                "column_unit": None,
                "problem": data_row.problem,
            }
        ]
    base = {
        "source_id": source_id,
        "row": n,
        "dataset_name": cells[m.name].text,
        "purpose": (cells[m.purpose].text or None) if m.purpose is not None else None,
        "row_location": cells[m.name].where,
        "body": (cells[m.body].text or None) if m.body is not None else None,
        "attributes": json.dumps(
            {h: cells[i].text for i, h in m.attributes if i < len(cells) and cells[i].text},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        "problem": None,
    }
    volumes = [(k, v) for k, v in enumerate(m.volumes) if cells[v.index].text] or [(0, m.volumes[0])]
    return [
        {
            **base,
            "volume_index": k,
            "volume_column": v.header,
            "volume_text": cells[v.index].text,
            "location": cells[v.index].where,
            "column_unit": v.unit,
        }
        for k, v in volumes
    ]


def _trailing_blanks(cells: list) -> int:
    n = 0
    while n < len(cells) and not cells[-1 - n].text:
        n += 1
    return n


def extract_sources(
    manifest: Path, sources: list[Source], progress: Progress, *, keep_going: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame, list[PipelineError]]:
    """``(sources frame, extracted rows, failed sources)`` for every source in the manifest.

    A source that cannot be read raises, naming its file, unless ``keep_going``: then it is left out
    and its error returned, so the others are still read.
    """
    meta, rows, failed = [], [], []
    for n, source in enumerate(sources, start=1):
        try:
            extraction = extract_source(source, manifest)
        except PipelineError as exc:
            if not keep_going:
                raise
            failed.append(exc)
            progress(f"extract: [{n}/{len(sources)}] {source.id}: FAILED: {exc}")
            continue
        rows.extend(extraction.rows)
        datasets = len({r["row"] for r in extraction.rows})
        how = extraction.format + (f", {extraction.encoding}" if extraction.encoding else "")
        progress(f"extract: [{n}/{len(sources)}] {source.id}: {datasets} rows ({how})")
        for table in extraction.tables:
            progress(f"  table: {table}")
        for s in extraction.skipped:
            progress(f"  set aside: {s.where}: {s.text!r}: {s.reason}")
        meta.append(
            source_row(
                source,
                manifest,
                table_as_at=extraction.as_at,
                fmt=extraction.format,
                tables="; ".join(extraction.tables),
                set_aside=len(extraction.skipped),
                encoding=extraction.encoding,
                digest=sha256(source.path),
            )
        )
    extracted = pd.DataFrame(rows, columns=list(COLUMNS)).astype(_DTYPES if rows else _EMPTY_DTYPES)
    return pd.DataFrame(meta), extracted, failed


def source_row(
    source: Source,
    manifest: Path,
    *,
    table_as_at: str | None,
    fmt: str,
    tables: str,
    set_aside: int,
    encoding: str | None,
    digest: str,
) -> dict:
    """A source's row of ``stg_sources``: what the manifest says and how the document was read."""
    return {
        "source_id": source.id,
        "body": source.body,
        "reference": source.reference,
        "as_at": source.as_at,
        "table_as_at": table_as_at,
        "as_at_gap_days": as_at_gap(source.as_at, table_as_at),
        "url": source.url,
        "format": fmt,
        "format_declared": source.format is not None,
        "tables": tables,
        "set_aside": set_aside,
        "path": os.path.relpath(source.path, manifest.parent),
        "encoding": encoding,
        "sha256": digest,
        "storage_prefixes": source.policy.storage_prefixes,
        "days_per_year": float(source.policy.days_per_year),
        "bare_number": source.policy.bare_number,
    }


def check_digest(source: Source, digest: str) -> None:
    """A document whose bytes changed since ``add`` recorded their sha256 is refused."""
    if source.sha256 is not None and digest != source.sha256:
        raise SourceError(
            f"the file changed since it was added: its sha256 is now {digest}, the manifest's is"
            f" {source.sha256[:12]}...; put the original back, or check this one and write its sha256"
            " in the manifest",
            display_path(source.path),
        )


#: The columns of a dataset, from its extracted rows (one row per volume cell: the first carries them).
DATASET_COLUMNS = ["source_id", "row", "location", "dataset_name", "purpose", "body", "attributes"]


def datasets_frame(rows: pd.DataFrame, exclude: pd.DataFrame) -> pd.DataFrame:
    """One row per dataset of the valid extracted ``rows``, leaving out those ``exclude`` lists."""
    datasets = rows.drop_duplicates(["source_id", "row"]).rename(columns={"location": "cell_location"})
    datasets = datasets.rename(columns={"row_location": "location"})
    if len(exclude):
        gone = datasets.set_index(["source_id", "row"]).index.isin(
            exclude.set_index(["source_id", "row"]).index
        )
        datasets = datasets[~gone]
    return datasets[DATASET_COLUMNS].reset_index(drop=True)


def extract_source(source: Source, manifest: Path) -> Extraction:
    """Read one source's document, naming its file in any error."""
    shown = display_path(source.path)
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read document ({exc.strerror or exc.__class__.__name__})", shown) from None
    check_digest(source, hashlib.sha256(data).hexdigest())
    try:
        return extract_document(
            data,
            source.id,
            fmt=source.format,
            name=source.path.name,
            options=ReadOptions(sheet=source.sheet, encoding=source.encoding),
            hints=source.hints,
        )
    except SourceError as exc:
        raise exc.at(shown) from None

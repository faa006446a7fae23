"""The stages in order: manifest -> extract -> validate -> parse -> validate -> load -> report.

:func:`build_tables` is everything up to the database, in memory; :func:`load` and :func:`report`
write; :func:`run` does all of it into a fresh directory and moves the finished outputs into place,
so a failed run leaves the previous outputs as they were.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from schemas.frames import ExtractedRows, Figures

from . import extract
from .documents import read_document
from .errors import ConservationError, SourceError
from .load import load_database
from .manifest import Source, load_manifest
from .parse import parse_rows
from .report import write_reports
from .validate import empty_quarantine, split_valid

DATABASE = "volumes.duckdb"


@dataclass
class Tables:
    """The validated frames of one run, and the counts that prove nothing was lost."""

    sources: pd.DataFrame
    extracted: pd.DataFrame
    datasets: pd.DataFrame
    figures: pd.DataFrame
    quarantine: pd.DataFrame
    counts: dict[str, int] = field(default_factory=dict)

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"sources": self.sources, "datasets": self.datasets, "figures": self.figures,
                "quarantine": self.quarantine}


def read_sources(manifest: Path) -> list[Source]:
    return load_manifest(manifest, tuple(extract.FORMATS))


def extract_sources(manifest: Path, sources: list[Source]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(sources frame, extracted rows)`` for every source in the manifest."""
    meta, rows = [], []
    for source in sources:
        doc = read_document(source.path, source.encoding)
        try:
            extraction = extract.FORMATS[source.format](doc.text, source.id)
        except SourceError as exc:
            raise SourceError(exc.message, source.path, exc.line) from None
        rows.extend(extraction.rows)
        meta.append({
            "source_id": source.id, "body": source.body, "reference": source.reference,
            "as_at": source.as_at, "table_as_at": extraction.as_at, "url": source.url,
            "format": source.format, "path": os.path.relpath(source.path, manifest.parent),
            "encoding": doc.encoding, "sha256": hashlib.sha256(source.path.read_bytes()).hexdigest(),
            "storage_prefixes": source.policy.storage_prefixes,
            "days_per_year": float(source.policy.days_per_year), "bare_number": source.policy.bare_number,
        })
    extracted = pd.DataFrame(rows, columns=list(extract.COLUMNS)).astype({"source_line": "int64"})
    return pd.DataFrame(meta), extracted


def build_tables(manifest: Path) -> Tables:
    """Extract, parse and validate every source; check that every extracted row is accounted for."""
    manifest = Path(manifest)
    sources = read_sources(manifest)
    sources_frame, extracted = extract_sources(manifest, sources)
    rows, bad_rows = split_valid(extracted, ExtractedRows, "extract")
    figures = parse_rows(rows, {s.id: s.policy for s in sources})
    figures, bad_figures = split_valid(figures, Figures, "parse")
    quarantine = pd.concat([q for q in (bad_rows, bad_figures) if len(q)] or [empty_quarantine()], ignore_index=True)
    parsed_cells = set(zip(bad_figures["source_id"], bad_figures["source_line"]))
    keep = [cell not in parsed_cells for cell in zip(rows["source_id"], rows["source_line"])]
    datasets = rows[keep].reset_index(drop=True)
    tables = Tables(sources_frame, extracted, datasets, figures, quarantine)
    tables.counts = check_conservation(tables)
    return tables


def check_conservation(t: Tables) -> dict[str, int]:
    """Every extracted row is a dataset with figures or a quarantined row: never both, never neither."""
    cells = lambda f: set(zip(f["source_id"], f["source_line"]))  # noqa: E731
    extracted, loaded, quarantined = cells(t.extracted), cells(t.datasets), cells(t.quarantine)
    with_figures = cells(t.figures)
    counts = {
        "extracted": len(t.extracted),
        "loaded": len(t.datasets),
        "quarantined": len(t.quarantine),
        "figures": len(t.figures),
        "unparsed": int((t.figures["kind"] == "unparsed").sum()),
    }
    problems = []
    if len(extracted) != counts["extracted"]:
        problems.append("two extracted rows share a source line")
    if loaded & quarantined:
        problems.append(f"{len(loaded & quarantined)} rows both loaded and quarantined")
    if loaded != with_figures:
        problems.append(f"{len(loaded ^ with_figures)} loaded rows without figures, or figures without a row")
    if extracted != loaded | quarantined:
        problems.append(f"{len(extracted - loaded - quarantined)} rows lost")
    if counts["extracted"] != counts["loaded"] + counts["quarantined"]:
        problems.append(f"extracted {counts['extracted']} != loaded {counts['loaded']} + quarantined {counts['quarantined']}")
    if problems:
        raise ConservationError("conservation check failed: " + "; ".join(problems))
    return counts


def load(tables: Tables, out_dir: Path) -> Path:
    """Write the database for ``tables`` into ``out_dir``, replacing any previous one atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".load-") as tmp:
        path = Path(tmp) / DATABASE
        load_database(path, tables.frames())
        os.replace(path, out_dir / DATABASE)
    return out_dir / DATABASE


def report(db_path: Path, out_dir: Path) -> list[Path]:
    """Write the auditor CSVs from the database at ``db_path`` into ``out_dir``."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return write_reports(con, out_dir)
    finally:
        con.close()


def run(manifest: Path, out_dir: Path) -> tuple[Tables, list[Path]]:
    """Every stage; outputs are built in a scratch directory and moved into ``out_dir`` at the end."""
    tables = build_tables(manifest)
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=out_dir, prefix=".run-"))
    try:
        load(tables, scratch)
        written = [scratch / DATABASE] + report(scratch / DATABASE, scratch)
        final = []
        for path in written:
            os.replace(path, out_dir / path.name)
            final.append(out_dir / path.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return tables, final


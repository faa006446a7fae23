"""The stages in order: manifest -> extract -> validate -> parse -> validate -> load -> report.

:func:`build_tables` is everything up to the database, in memory. :func:`run` writes a new
generation of outputs and publishes it in one step (see :mod:`pipeline.plumbing.outputs`), so a failed or
killed run leaves the previous outputs as they were; :func:`report` re-writes the CSVs alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from schemas.frames import ExtractedRows, Figures, Quarantine

from .plumbing import outputs, provenance
from .plumbing.documents import read_document
from .plumbing.errors import ConservationError, OutputError, SourceError
from .plumbing.manifest import Source, load_manifest
from .stages import extract
from .stages.load import load_database
from .stages.parse import parse_rows
from .stages.report import write_reports
from .stages.validate import empty_quarantine, split_valid

DATABASE = "volumes.duckdb"
Progress = Callable[[str], None]


def _silent(message: str) -> None:
    """The default progress reporter: says nothing."""


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
        return {
            "sources": self.sources,
            "datasets": self.datasets,
            "figures": self.figures,
            "quarantine": self.quarantine,
        }


def read_sources(manifest: Path) -> list[Source]:
    return load_manifest(manifest, tuple(extract.FORMATS))


def extract_sources(
    manifest: Path, sources: list[Source], progress: Progress = _silent
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(sources frame, extracted rows)`` for every source in the manifest."""
    meta, rows = [], []
    for n, source in enumerate(sources, start=1):
        doc = read_document(source.path, source.encoding)
        try:
            extraction = extract.FORMATS[source.format](doc.text, source.id)
        except SourceError as exc:
            raise SourceError(exc.message, source.path, exc.line) from None
        rows.extend(extraction.rows)
        progress(f"extract: [{n}/{len(sources)}] {source.id}: {len(extraction.rows)} rows ({doc.encoding})")
        meta.append(
            {
                "source_id": source.id,
                "body": source.body,
                "reference": source.reference,
                "as_at": source.as_at,
                "table_as_at": extraction.as_at,
                "url": source.url,
                "format": source.format,
                "path": os.path.relpath(source.path, manifest.parent),
                "encoding": doc.encoding,
                "sha256": provenance.sha256(source.path),
                "storage_prefixes": source.policy.storage_prefixes,
                "days_per_year": float(source.policy.days_per_year),
                "bare_number": source.policy.bare_number,
            }
        )
    extracted = pd.DataFrame(rows, columns=list(extract.COLUMNS)).astype({"source_line": "int64"})
    return pd.DataFrame(meta), extracted


def build_tables(manifest: Path, progress: Progress = _silent) -> Tables:
    """Extract, parse and validate every source; check that every extracted row is accounted for."""
    manifest = Path(manifest)
    sources = read_sources(manifest)
    sources_frame, extracted = extract_sources(manifest, sources, progress)
    rows, bad_rows = split_valid(extracted, ExtractedRows, "extract")
    progress(f"validate: {len(rows)} rows pass, {len(bad_rows)} quarantined")
    figures = parse_rows(rows, {s.id: s.policy for s in sources})
    progress(f"parse: {len(rows)} cells -> {len(figures)} figures")
    figures, bad_figures = split_valid(figures, Figures, "parse")
    progress(f"validate: {len(figures)} figures pass, {len(bad_figures)} cells quarantined")
    quarantine = pd.concat(
        [q for q in (bad_rows, bad_figures) if len(q)] or [empty_quarantine()], ignore_index=True
    )
    Quarantine.validate(quarantine)  # the quarantine's own contract: a failure here is a bug, raised
    parsed_cells = set(zip(bad_figures["source_id"], bad_figures["source_line"], strict=True))
    keep = [cell not in parsed_cells for cell in zip(rows["source_id"], rows["source_line"], strict=True)]
    datasets = rows[keep].reset_index(drop=True)
    tables = Tables(sources_frame, extracted, datasets, figures, quarantine)
    tables.counts = check_conservation(tables)
    return tables


def check_conservation(t: Tables) -> dict[str, int]:
    """Every extracted row is a dataset with figures or a quarantined row: never both, never neither."""

    def cells(frame: pd.DataFrame) -> set[tuple[str, int]]:
        return set(zip(frame["source_id"], frame["source_line"], strict=True))

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
        problems.append(
            f"extracted {counts['extracted']} != loaded {counts['loaded']}"
            f" + quarantined {counts['quarantined']}"
        )
    if problems:
        raise ConservationError("conservation check failed: " + "; ".join(problems))
    return counts


def run(
    manifest: Path,
    out: Path,
    *,
    reports: bool = True,
    lock_timeout: float = 600,
    on_wait: Callable[[str], None] = print,
    progress: Progress = _silent,
) -> tuple[Tables, list[Path]]:
    """Every stage into a new generation of ``out``, published only once it is complete.

    With ``reports=False`` the generation holds the database and ``manifest.json`` only.
    """
    manifest = Path(manifest)
    tables = build_tables(manifest, progress)
    with outputs.writing(out, lock_timeout, on_wait) as generation:
        load_database(generation.path / DATABASE, tables.frames())
        progress(f"load: {DATABASE}: {len(tables.datasets)} datasets, {len(tables.figures)} figures")
        if reports:
            _write_reports(generation.path, progress)
        inputs = {
            str(row.source_id): {"path": str(row.path), "sha256": str(row.sha256)}
            for row in tables.sources.itertuples()
        }
        inputs["sources.toml"] = {"path": manifest.name, "sha256": provenance.sha256(manifest)}
        provenance.write_run_manifest(generation.path, inputs, tables.counts, provenance.versions())
    return tables, generation.published


def report(
    out: Path,
    *,
    lock_timeout: float = 600,
    on_wait: Callable[[str], None] = print,
    progress: Progress = _silent,
) -> list[Path]:
    """Write the auditor CSVs from the current database into a new generation of ``out``."""
    with outputs.writing(out, lock_timeout, on_wait) as generation:
        published = outputs.current(out)
        if published is None or not (published / DATABASE).is_file():
            raise OutputError("no database: run `python -m pipeline load` or `run` first", out / DATABASE)
        os.link(published / DATABASE, generation.path / DATABASE)
        _write_reports(generation.path, progress)
        previous = json.loads((published / provenance.MANIFEST).read_text(encoding="utf-8"))
        provenance.write_run_manifest(
            generation.path, previous["inputs"], previous["counts"], provenance.versions()
        )
    return generation.published


def _write_reports(generation: Path, progress: Progress) -> list[Path]:
    con = duckdb.connect(str(generation / DATABASE), read_only=True)
    try:
        written = write_reports(con, generation)
        progress(f"report: {', '.join(p.name for p in written)}")
        return written
    finally:
        con.close()

"""The stages in order: manifest -> extract -> validate -> parse -> validate -> load -> report.

:func:`build_tables` is everything up to the database, in memory. :func:`run` writes a new
generation of outputs and publishes it in one step (see :mod:`pipeline.plumbing.outputs`), so a failed or
killed run leaves the previous outputs as they were; :func:`report` re-writes the CSVs, the chart and
``report.html`` alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from schemas.frames import DATASET, ExtractedRows, Figures, Quarantine

from .plumbing import outputs, provenance
from .plumbing.errors import OutputError, PipelineError
from .plumbing.manifest import Source, load_manifest
from .readers import FORMATS
from .stages import bulk as bulk_stage
from .stages.engines import Engine, LocalEngine
from .stages.extract import datasets_frame, extract_sources
from .stages.load import DATABASE, DUCKDB_CONFIG, load_database
from .stages.parse import parse_rows
from .stages.report import write_reports
from .stages.validate import as_at_warnings, check_conservation, empty_quarantine, split_valid

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
    failed: list[PipelineError] = field(default_factory=list)  # sources left out (run --keep-going)
    warnings: list[str] = field(default_factory=list)  # said at the end of the run; nothing stops for them
    #: Large CSV sources, read by the bulk path straight into the database (:mod:`pipeline.stages.bulk`):
    #: their rows are in no frame here; their counts join ``counts`` once they are loaded.
    bulk: list[bulk_stage.Plan] = field(default_factory=list)
    #: The first quarantined and unparsed cells of every source, as the end of a run lists them.
    listed: dict[str, pd.DataFrame] = field(default_factory=dict)

    def unread(self) -> dict[str, int]:
        """What ``run --strict`` refuses to publish: the cells unparsed, the datasets quarantined and the
        sources left out (``--keep-going``); all zero when everything was read."""
        c = self.counts
        return {"unparsed": c["unparsed"], "quarantined": c["quarantined"], "failed": len(self.failed)}

    def frames(self) -> dict[str, pd.DataFrame]:
        return {
            "sources": self.sources,
            "datasets": self.datasets,
            "figures": self.figures,
            "quarantine": self.quarantine,
        }


def read_sources(manifest: Path) -> list[Source]:
    return load_manifest(manifest, tuple(FORMATS))


def build_tables(
    manifest: Path,
    progress: Progress = _silent,
    *,
    keep_going: bool = False,
    bulk_bytes: int | None = None,
) -> Tables:
    """Extract, parse and validate every source; check that every extracted dataset is accounted for.

    With ``keep_going``, a source that cannot be read is left out (``Tables.failed``) and the others
    are still read; without it, the first such source stops the run before anything is written.
    CSV sources of ``bulk_bytes`` or more (:data:`bulk_stage.BULK_BYTES` by default) are only planned
    here (``Tables.bulk``): :func:`run` reads them straight into the database.
    """
    manifest = Path(manifest)
    threshold = bulk_stage.BULK_BYTES if bulk_bytes is None else bulk_bytes
    plans, in_memory, unplanned = [], [], []
    for source in read_sources(manifest):
        try:
            plan = bulk_stage.plan(source, threshold)
        except PipelineError as exc:
            if not keep_going:
                raise
            unplanned.append(exc)
            progress(f"extract: {source.id}: FAILED: {exc}")
            continue
        if plan is None:
            in_memory.append(source)
        else:
            plans.append(plan)
    sources = in_memory
    sources_frame, extracted, failed = extract_sources(manifest, sources, progress, keep_going=keep_going)
    failed = [*unplanned, *failed]
    rows, bad_rows = split_valid(extracted, ExtractedRows, "extract")
    datasets_read = rows.drop_duplicates(DATASET)
    progress(f"validate: {len(datasets_read)} datasets pass, {len(bad_rows)} quarantined")
    figures = parse_rows(rows, {s.id: s.policy for s in sources})
    progress(f"parse: {len(rows)} cells -> {len(figures)} figures")
    figures, bad_figures = split_valid(figures, Figures, "parse")
    progress(f"validate: {len(figures)} figures pass, {len(bad_figures)} datasets quarantined")
    quarantine = pd.concat(
        [q for q in (bad_rows, bad_figures) if len(q)] or [empty_quarantine()], ignore_index=True
    )
    Quarantine.validate(quarantine)  # the quarantine's own contract: a failure here is a bug, raised
    datasets = datasets_frame(rows, exclude=bad_figures)
    figures = figures[~_in(figures, bad_figures)].reset_index(drop=True)
    tables = Tables(
        sources_frame,
        extracted,
        datasets,
        figures,
        quarantine,
        failed=failed,
        warnings=as_at_warnings(sources_frame),
        bulk=plans,
    )
    tables.counts = check_conservation(extracted, datasets, figures, quarantine)
    return tables


def load_bulk(
    con: duckdb.DuckDBPyConnection, tables: Tables, manifest: Path, engine: Engine, progress: Progress
) -> None:
    """Read the bulk sources into the open database; their counts and sources join ``tables``; the
    first quarantined and unparsed cells of every source are noted for the end of the run."""
    for n, plan in enumerate(tables.bulk, start=1):
        progress(f"extract: [bulk {n}/{len(tables.bulk)}] {plan.source.id}: csv, {plan.encoding}, in DuckDB")
        meta, counts = bulk_stage.load(con, plan, manifest, engine, progress)
        row = pd.DataFrame([meta])
        con.register("incoming", row)
        con.execute("INSERT INTO stg_sources BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
        tables.sources = pd.concat([tables.sources, row], ignore_index=True) if len(tables.sources) else row
        tables.counts = {k: tables.counts.get(k, 0) + counts[k] for k in counts}
        tables.warnings += as_at_warnings(row)
        progress(f"load: {plan.source.id}: {counts['loaded']:,} datasets, {counts['figures']:,} figures")
    if tables.bulk:
        tables.listed = {
            "quarantine": con.execute(
                "SELECT source_id, location, reason FROM stg_quarantine"
                f" ORDER BY source_id, row LIMIT {LISTED}"
            ).df(),
            "unparsed": con.execute(
                "SELECT source_id, location, volume_text, reason FROM stg_figures WHERE kind = 'unparsed'"
                f" ORDER BY source_id, row, volume_index, figure LIMIT {LISTED}"
            ).df(),
        }


#: Quarantined and unparsed cells listed at the end of a run; the rest are counted (all are in the database).
LISTED = 20


class _NotPublished(Exception):
    """``run --strict`` found, once the bulk sources were loaded, that not everything was read."""


def _in(frame: pd.DataFrame, other: pd.DataFrame) -> np.ndarray:
    """Which rows of ``frame`` belong to a dataset of ``other``."""
    return frame.set_index(DATASET).index.isin(other.set_index(DATASET).index)


def run(
    manifest: Path,
    out: Path,
    *,
    reports: bool = True,
    lock_timeout: float = 600,
    on_wait: Callable[[str], None] = print,
    progress: Progress = _silent,
    keep_going: bool = False,
    strict: bool = False,
    engine: Engine | None = None,
    bulk_bytes: int | None = None,
) -> tuple[Tables, list[Path]]:
    """Every stage into a new generation of ``out``, published only once it is complete.

    With ``reports=False`` the generation holds the database and ``manifest.json`` only. With
    ``strict``, a run that did not read everything (:meth:`Tables.unread`) writes and publishes
    nothing, and returns no paths: a gate before publishing, so CI never ships a partial read.
    ``engine`` parses the bulk sources' distinct texts (worker processes on this machine by default).
    """
    manifest = Path(manifest)
    tables = build_tables(manifest, progress, keep_going=keep_going, bulk_bytes=bulk_bytes)
    if strict and any(tables.unread().values()):
        return tables, []
    engine = engine or LocalEngine()
    try:
        with outputs.writing(out, lock_timeout, on_wait) as generation:
            load_database(
                generation.path / DATABASE,
                tables.frames(),
                lambda con: load_bulk(con, tables, manifest, engine, progress),
            )
            progress(
                f"load: {DATABASE}: {tables.counts['loaded']} datasets, {tables.counts['figures']} figures"
            )
            if strict and any(tables.unread().values()):
                raise _NotPublished
            inputs = {
                str(row.source_id): {"path": str(row.path), "sha256": str(row.sha256)}
                for row in tables.sources.itertuples()
            }
            inputs["sources.toml"] = {"path": manifest.name, "sha256": provenance.sha256(manifest)}
            versions = provenance.versions()
            if reports:
                failed = [str(error) for error in tables.failed]
                about = {"inputs": inputs, "counts": tables.counts, "versions": versions, "failed": failed}
                _write_reports(generation.path, progress, about, tables.warnings)
            provenance.write_run_manifest(generation.path, inputs, tables.counts, versions)
    except _NotPublished:
        return tables, []
    finally:
        close = getattr(engine, "close", None)
        if close is not None:
            close()
    _say_removed(generation, progress)
    return tables, generation.published


def report(
    out: Path,
    *,
    lock_timeout: float = 600,
    on_wait: Callable[[str], None] = print,
    progress: Progress = _silent,
    warn: Progress | None = None,
) -> list[Path]:
    """Write the auditor CSVs from the current database into a new generation of ``out``; what a reader
    of them should know goes to ``warn`` (``progress`` if not given)."""
    with outputs.writing(out, lock_timeout, on_wait) as generation:
        published = outputs.current(out)
        if published is None or not (published / DATABASE).is_file():
            raise OutputError("no database: run `python -m pipeline load` or `run` first", out / DATABASE)
        os.link(published / DATABASE, generation.path / DATABASE)
        previous = json.loads((published / provenance.MANIFEST).read_text(encoding="utf-8"))
        about = {
            "inputs": previous["inputs"],
            "counts": previous["counts"],
            "versions": provenance.versions(),
        }
        warnings: list[str] = []
        _write_reports(generation.path, progress, about, warnings)
        for warning in warnings:
            (warn or progress)(f"warning: {warning}")
        provenance.write_run_manifest(generation.path, about["inputs"], about["counts"], about["versions"])
    _say_removed(generation, progress)
    return generation.published


def _say_removed(generation: outputs.Generation, progress: Progress) -> None:
    if generation.removed:
        names = ", ".join(p.name for p in generation.removed)
        progress(f"publish: removed {names}: an earlier run's outputs, which this one does not write")


def _write_reports(generation: Path, progress: Progress, about: dict, warnings: list[str]) -> list[Path]:
    """The reports from the generation's database; ``about`` is the run (inputs, counts, versions);
    what a reader of them should know goes into ``warnings``."""
    con = duckdb.connect(str(generation / DATABASE), read_only=True, config=DUCKDB_CONFIG)
    try:
        written = write_reports(con, generation, about, warnings)
        progress(f"report: {', '.join(p.name for p in written)}")
        return written
    finally:
        con.close()

"""Command line: ``python -m pipeline COMMAND``. Each command is a few lines calling one stage.

Data goes to stdout, progress and diagnostics to stderr. Errors in the user's inputs are one line
on stderr and exit 1 (2 for usage, and for ``run --strict`` when anything was not read); never a
traceback. Heavy libraries are imported inside the commands that need them, so ``parse`` starts
without pandas, pandera or duckdb.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .plumbing.errors import PipelineError
from .volumes.model import JULIAN_YEAR_DAYS

if TYPE_CHECKING:
    from .run import Tables

MANIFEST = click.option(
    "--manifest",
    type=click.Path(path_type=Path),
    default=Path("raw/sources.toml"),
    show_default=True,
    help="Sources to read (TOML, [[sources]] entries).",
)
OUT = click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("outputs"),
    show_default=True,
    help="Directory the run writes into.",
)


class Pipeline(click.Group):
    """Turns a :class:`PipelineError` from any command into one line on stderr and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            raise click.ClickException(str(exc)) from None


def say(message: str) -> None:
    click.echo(message, err=True)


@click.group(cls=Pipeline, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="foi-volumes")
def main() -> None:
    """foi-volumes: turn the free-text data volumes in FOI answers into typed, comparable figures.

    `run` does every stage; the other commands run one stage each.
    """


QUIET = click.option(
    "--quiet", "-q", is_flag=True, help="No progress on stderr (errors and the summary still show)."
)
LOCK_TIMEOUT = click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=600,
    show_default=True,
    help="Seconds to wait for another run writing the same OUT.",
)


@main.command()
@MANIFEST
@OUT
@LOCK_TIMEOUT
@QUIET
@click.option("--strict", is_flag=True, help="Exit 2 if any cell is unparsed or any row quarantined.")
@click.option(
    "--keep-going",
    is_flag=True,
    help="A source that cannot be read is reported and left out; the others are read and published, and"
    " the run exits 1 at the end. Without it, the first such source stops the run before anything is"
    " written.",
)
def run(manifest: Path, out: Path, lock_timeout: float, quiet: bool, strict: bool, keep_going: bool) -> None:
    """Extract, parse, validate, load and report every source into OUT.

    Outputs appear all at once when the run succeeds: OUT/volumes.duckdb, the CSVs and
    OUT/manifest.json (hashes of inputs and outputs, row counts, versions).
    """
    from .run import run as run_all

    tables, written = run_all(
        manifest,
        out,
        lock_timeout=lock_timeout,
        on_wait=say,
        progress=_progress(quiet),
        keep_going=keep_going,
    )
    _summarise(tables)
    say(f"wrote {len(written)} outputs in {out}: {', '.join(p.name for p in written)}")
    if tables.failed:
        say(f"keep-going: {len(tables.failed)} source(s) could not be read and were left out")
        sys.exit(1)
    if strict and (tables.counts["unparsed"] or tables.counts["quarantined"]):
        say(f"strict: {tables.counts['unparsed']} unparsed, {tables.counts['quarantined']} quarantined")
        sys.exit(2)


@main.command()
@MANIFEST
def extract(manifest: Path) -> None:
    """Print every source's volume cells as CSV: source_id, row, column, dataset_name, volume_text,
    location... (one row per volume cell of each dataset)."""
    from .run import read_sources
    from .stages.extract import extract_sources

    _, rows, _ = extract_sources(manifest, read_sources(manifest), say)
    rows.to_csv(sys.stdout, index=False, lineterminator="\n")
    datasets = len(rows.drop_duplicates(["source_id", "row"]))
    say(f"extracted {datasets} datasets, {len(rows)} volume cells")


@main.command()
@click.argument("texts", nargs=-1)
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON object per input: the primary figure and all measures."
)
@click.option(
    "--explain", is_flag=True, help="Show the spans, the rule that fired for each, and the policies applied."
)
@click.option(
    "--storage-prefixes",
    type=click.Choice(["decimal", "binary"]),
    default="decimal",
    show_default=True,
    help="How TB, Gb, MB... are read: powers of 1000 or of 1024.",
)
@click.option(
    "--days-per-year",
    type=float,
    default=JULIAN_YEAR_DAYS,
    show_default=True,
    help="Year length for daily and weekly rates.",
)
def parse(
    texts: tuple[str, ...], as_json: bool, explain: bool, storage_prefixes: str, days_per_year: float
) -> None:
    """Parse volume TEXTS (or '-' to read them from stdin, one per line) into figures.

    \b
    Example:
      python -m pipeline parse "Circa 5,000,000 personal records" "5.6Tb of data"
    """
    from .volumes import Policy, parse_volume
    from .volumes.explain import explain as explain_parse
    from .volumes.explain import summary, to_json_dict

    if not texts:
        raise click.UsageError("give volume texts to parse, or '-' to read them from stdin")
    try:
        policy = Policy(storage_prefixes=storage_prefixes, days_per_year=days_per_year)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    lines = (line.rstrip("\n") for line in sys.stdin) if texts == ("-",) else texts
    for text in lines:
        parsed = parse_volume(text, policy)
        if as_json:
            click.echo(json.dumps(to_json_dict(parsed), ensure_ascii=False))
        elif explain:
            click.echo(explain_parse(parsed, policy))
        else:
            click.echo(summary(parsed))


@main.command()
@MANIFEST
@OUT
@LOCK_TIMEOUT
@QUIET
def load(manifest: Path, out: Path, lock_timeout: float, quiet: bool) -> None:
    """Extract, parse and validate every source, and load OUT/volumes.duckdb (no CSVs)."""
    from .run import run as run_all

    tables, written = run_all(
        manifest, out, reports=False, lock_timeout=lock_timeout, on_wait=say, progress=_progress(quiet)
    )
    _summarise(tables)
    say(f"wrote {len(written)} outputs in {out}: {', '.join(p.name for p in written)}")


@main.command()
@OUT
@LOCK_TIMEOUT
@QUIET
def report(out: Path, lock_timeout: float, quiet: bool) -> None:
    """Write the auditor CSVs, Parquet copies and chart into OUT from OUT/volumes.duckdb."""
    from .run import report as write

    written = write(out, lock_timeout=lock_timeout, on_wait=say, progress=_progress(quiet))
    say(f"wrote {len(written)} outputs in {out}: {', '.join(p.name for p in written)}")


@main.command()
@click.argument("sql")
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("outputs/volumes.duckdb"),
    show_default=True,
    help="Database to query (opened read-only).",
)
@click.option("--csv", "fmt", flag_value="csv", help="Results as CSV.")
@click.option("--json", "fmt", flag_value="json", help="Results as JSON, one object per row.")
def query(sql: str, db: Path, fmt: str | None) -> None:
    """Run SQL against the outputs, read-only, with parse_volume(text) available.

    \b
    Example:
      python -m pipeline query "SELECT dataset_name, records FROM datasets
                                ORDER BY records DESC NULLS LAST LIMIT 5"
    """
    from .query import run_query

    click.echo(run_query(db, sql, fmt or "table"), nl=False)


@main.command()
@click.argument("document")
@click.option("--id", "sid", required=True, help="The new source's id: lower-case, unique in the manifest.")
@click.option("--body", required=True, help="The public body that answered.")
@click.option("--reference", help="The body's reference for the answer.  [default: the id]")
@click.option("--as-at", help="The day the figures describe, YYYY-MM-DD.  [default: the table's 'as at']")
@click.option("--url", help="Where the answer was published.  [default: the URL downloaded, else none]")
@click.option("--format", "fmt", help="The document's format (foi-text, csv, xlsx...).  [default: detected]")
@click.option("--sheet", help="A workbook's sheet, by name or position (1 is the first).")
@click.option("--name", help="The file name to give the copy.  [default: the document's own]")
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("raw/sources.toml"),
    show_default=True,
    help="The manifest to add to (created, with a header comment, if it does not exist).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=100_000_000,
    show_default=True,
    help="A download larger than this many bytes is refused.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=30.0,
    show_default=True,
    help="Seconds a download waits for the server to connect, or to send the next part.",
)
def add(
    document: str,
    sid: str,
    body: str,
    reference: str | None,
    as_at: str | None,
    url: str | None,
    fmt: str | None,
    sheet: str | None,
    name: str | None,
    manifest: Path,
    max_bytes: int,
    timeout: float,
) -> None:
    """Bring DOCUMENT (a file, or an http(s) URL to download) into the manifest: copy it into the
    manifest's folder, find its datasets table as `run` will, show what was found, and append a
    [[sources]] entry (with its sha256) leaving the rest of the manifest as it was."""
    from .plumbing.intake import Request
    from .plumbing.intake import add as add_source

    add_source(
        Request(document, sid, body, manifest, reference, as_at, url, fmt, sheet, name, max_bytes, timeout),
        say,
    )


#: Quarantined and unparsed cells listed at the end of a run; the rest are counted (all are in the database).
LISTED = 20


def _progress(quiet: bool) -> Callable[[str], None]:

    return (lambda message: None) if quiet else say


def _summarise(tables: Tables) -> None:
    c = tables.counts
    counted = f"{c['extracted']} extracted = {c['loaded']} loaded + {c['quarantined']} quarantined"
    say(f"datasets: {counted} (checked)")

    say(f"figures: {c['figures']}, of which {c['unparsed']} unparsed")
    for row in tables.quarantine.head(LISTED).itertuples():
        say(f"quarantined: {row.source_id} {row.location}: {row.reason}")
    if len(tables.quarantine) > LISTED:
        say(f"quarantined: ... and {len(tables.quarantine) - LISTED} more (the quarantine view)")

    unparsed = tables.figures[tables.figures["kind"] == "unparsed"]
    for row in unparsed.head(LISTED).itertuples():
        say(f"unparsed: {row.source_id} {row.location}: {row.volume_text!r}: {row.reason}")
    if len(unparsed) > LISTED:
        say(f"unparsed: ... and {len(unparsed) - LISTED} more (the unparsed view)")
    for error in tables.failed:
        say(f"failed: {error}")

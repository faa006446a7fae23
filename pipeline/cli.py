"""Command line: ``python -m pipeline COMMAND``. Each command is a few lines calling one stage.

Data goes to stdout, progress and diagnostics to stderr. Errors in the user's inputs are one line
on stderr and exit 1 (2 for usage, and for ``run --strict`` when anything was not read; 130 for
Ctrl-C); never a traceback. Progress to a closed stderr never stops a command. Heavy libraries are
imported inside the commands that need them, so ``parse`` starts without pandas, pandera or duckdb.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import itertools
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import click

from . import __version__
from .plumbing.errors import PipelineError
from .volumes.model import JULIAN_YEAR_DAYS

if TYPE_CHECKING:
    from .run import Tables
    from .volumes import Parse, Policy

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


#: The exit status of a command ended by Ctrl-C (SIGINT), as shells report it: 128 + 2.
INTERRUPTED = 130


class Pipeline(click.Group):
    """Turns a :class:`PipelineError` from any command into one line on stderr and exit 1, and Ctrl-C
    into exit 130 (click's own "Aborted!" exits 1, which a script cannot tell from an error)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PipelineError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            say("interrupted: nothing half-written was published")
            ctx.exit(INTERRUPTED)


def say(message: str) -> None:
    """A line on stderr. A closed stderr (``run 2>&1 | head -3``) never stops the work: from the first
    write that fails, stderr goes to the null device and the command carries on."""
    try:
        click.echo(message, err=True)
    except BrokenPipeError:
        _stderr_to_null()


def _stderr_to_null() -> None:
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (a test's capture): replace the object
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for the process)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)  # what is still buffered for stderr is flushed there too, at exit
    os.close(null)


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
@click.option(
    "--strict",
    is_flag=True,
    help="A gate for CI: if any cell is unparsed, any dataset quarantined or (with --keep-going) any source"
    " left out, publish nothing, say why and exit 2; the previous outputs stay as they were.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="A source that cannot be read is reported and left out; the others are read and published, and"
    " the run exits 1 at the end. Without it, the first such source stops the run before anything is"
    " written.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where large CSV sources' distinct volume texts are parsed: worker processes on this machine, or"
    " a Dask cluster (the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the scheduler to use (tcp://host:8786); without it, a local cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes (local engine; default: one a core) or local Dask workers (default 2).",
)
def run(
    manifest: Path,
    out: Path,
    lock_timeout: float,
    quiet: bool,
    strict: bool,
    keep_going: bool,
    engine: str,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Extract, parse, validate, load and report every source into OUT.

    Outputs appear all at once when the run succeeds: OUT/volumes.duckdb, the CSVs and
    OUT/manifest.json (hashes of inputs and outputs, row counts, versions). CSV sources over 4 MB
    are read by DuckDB straight into the database (FOI_BULK_BYTES sets the size), their distinct
    volume texts parsed once each by the --engine.
    """
    from .run import run as run_all
    from .stages.engines import DaskEngine, LocalEngine

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    parser = DaskEngine(scheduler, workers) if engine == "dask" else LocalEngine(workers)
    tables, written = run_all(
        manifest,
        out,
        lock_timeout=lock_timeout,
        on_wait=say,
        progress=_progress(quiet),
        keep_going=keep_going,
        strict=strict,
        engine=parser,
    )
    _summarise(tables)
    unread = tables.unread()
    if strict and any(unread.values()):
        left_out = f", {unread['failed']} source(s) left out" if unread["failed"] else ""
        say(
            f"strict: {unread['unparsed']} unparsed, {unread['quarantined']} quarantined{left_out}:"
            f" nothing published (the outputs in {out} are as they were)"
        )
        sys.exit(2)
    say(f"wrote {len(written)} outputs in {out}: {', '.join(p.name for p in written)}")
    if tables.failed:
        say(f"keep-going: {len(tables.failed)} source(s) could not be read and were left out")
        sys.exit(1)


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


class Texts(click.Command):
    """A command whose arguments are free text: one that starts with '-' without being an option
    (``"-5 records"``, ``"- 5,000"``, ``"--"`` aside) is a text, not "No such option". Cells like these
    are common; ``--`` still ends the options for a text that looks like one (``-- "-x records"``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = [p for p in self.get_params(ctx) if isinstance(p, click.Option)]
        names = {name for p in options for name in (*p.opts, *p.secondary_opts)}
        valued = {name for p in options if not p.is_flag and not p.count for name in p.opts}
        given: list[str] = []
        texts: list[str] = []
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                texts.extend(rest)
            elif arg in names or arg.split("=", 1)[0] in valued or re.match(r"--?[A-Za-z]", arg):
                given.append(arg)  # an option (an unknown one is click's to refuse)
                if arg in valued:
                    value = next(rest, None)  # its value, which may start with '-'
                    if value is None:  # missing: click says so
                        return super().parse_args(ctx, args)
                    given.append(value)
            else:
                texts.append(arg)
        try:
            return super().parse_args(ctx, [*given, "--", *texts])
        except click.NoSuchOption as exc:
            if exc.option_name.startswith("--"):  # a long option mistyped: click suggests the right one
                raise
            hint = f"A text that looks like an option goes after '--': parse -- {exc.option_name!r}"
            raise click.UsageError(f"{exc.format_message()} {hint}", ctx) from None


@main.command(cls=Texts)
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
    """Parse volume TEXTS (or '-' alone to read them from stdin, one per line) into figures.

    A text that starts with '-' is read as a text ("- 5,000", "-5 records"); put '--' before texts
    that look like an option ("-x records").

    \b
    Example:
      python -m pipeline parse "Circa 5,000,000 personal records" "5.6Tb of data"
    """
    from .volumes import Policy
    from .volumes.explain import explain as explain_parse
    from .volumes.explain import summary, to_json_line

    if not texts:
        raise click.UsageError("give volume texts to parse, or '-' to read them from stdin")
    if "-" in texts and len(texts) > 1:
        raise click.UsageError(
            "'-' reads the texts from stdin, so it goes alone: not with texts before or after it"
        )
    if as_json and explain:
        raise click.UsageError(
            "--json and --explain do not go together: --json already gives every figure's span, rule and"
            " policy; choose one"
        )
    try:
        policy = Policy(storage_prefixes=storage_prefixes, days_per_year=days_per_year)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    if as_json:
        render: Callable[[Parse], bytes] = to_json_line
    else:
        text_of = functools.partial(explain_parse, policy=policy) if explain else summary
        render = lambda parsed: (text_of(parsed) + "\n").encode()  # noqa: E731 (one line a parse)
    if texts == ("-",):
        typed = sys.stdin.isatty()
        _write_parses(_stdin_texts(typed), policy, render, flush_each=typed, source="stdin line")
    else:
        _write_parses(texts, policy, render, flush_each=False, source="text")


#: A byte stdin's or the command line's decoding could not read, kept as a lone surrogate
_UNDECODED = re.compile("[\udc80-\udcff]")
#: ``parse`` writes its output in blocks of this many bytes: what a pipe holds on Linux, so a block goes
#: whole into a pipe its reader has emptied meanwhile (a 1 MB block waited for the reader 15 times).
BLOCK = 1 << 16
#: ``parse -`` reads stdin in blocks of this many bytes (``read1``: what has come, up to this); a 1 MB
#: block, and the lines split from it, would not stay in the processor's cache beside the parser.
READ_BLOCK = 1 << 16


def _stdin_texts(typed: bool) -> Iterator[str]:
    """The lines of stdin, each without its newline, as ``for line in sys.stdin`` gives them: lines end
    where stdin's own text layer ends them (at "\\n" alone, but on Windows), decoded with its encoding
    and its ``errors``. Typed at a terminal (``typed``), line by line, each as it is entered; otherwise
    in blocks by :func:`_lines`, a quarter of the cost of a line by line read beside the parser (0.1 µs a
    text against 0.4)."""
    raw = getattr(sys.stdin, "buffer", None)
    if typed or raw is None:  # a person typing, or a stdin with no bytes under it (a StringIO)
        return (line.rstrip("\n") for line in sys.stdin)
    return _lines(raw, sys.stdin.encoding, sys.stdin.errors or "strict", universal=os.name == "nt")


def _lines(
    raw: BinaryIO, encoding: str, errors: str, *, universal: bool = False, block: int = READ_BLOCK
) -> Iterator[str]:
    """The lines of ``raw`` decoded, without their newline, as a text file opened with ``newline="\\n"``
    gives them (``universal``: ``newline=None``, so "\\r\\n" and "\\r" end lines too), read ``block``
    bytes at a time: a last line without a newline is a line, an empty line is an empty text, a character
    or a "\\r\\n" split by a block's end is joined, and a block is read as soon as it has come (a pipe
    is read as it is written, never to its end first).

    >>> import io
    >>> list(_lines(io.BytesIO(b"5 TB\\n\\n\\xc2\\xa35m\\r\\nlast"), "utf-8", "strict", block=3))
    ['5 TB', '', '£5m\\r', 'last']
    >>> list(_lines(io.BytesIO(b"a\\r\\nb\\rc"), "utf-8", "strict", universal=True, block=2))
    ['a', 'b', 'c']
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    decode = io.IncrementalNewlineDecoder(decoder, translate=True).decode if universal else decoder.decode
    read = getattr(raw, "read1", None) or raw.read  # a buffered file: what has come, up to a block
    return itertools.chain.from_iterable(_blocks_of_lines(read, decode, block))


def _blocks_of_lines(
    read: Callable[[int], bytes], decode: Callable[..., str], block: int
) -> Iterator[list[str]]:
    """The lines each block :func:`_lines` reads ends, the start of the next carried to the next block."""
    held: list[str] = []  # the start of a line not ended yet: more than one piece if longer than a block
    while chunk := read(block):
        text = decode(chunk)
        if "\n" not in text:
            held.append(text)
            continue
        split = text.split("\n")
        if held:
            split[0] = "".join([*held, split[0]])
        held = [split.pop()]
        yield split
    last = "".join([*held, decode(b"", True)]).split("\n")  # the decoder's last: a "\\r" it held ends a line
    if not last[-1]:  # the end of input, after a newline or with nothing at all, is not a line
        last.pop()
    yield last


def _write_parses(
    texts: Iterable[str],
    policy: Policy,
    render: Callable[[Parse], bytes],
    *,
    flush_each: bool,
    source: str,
) -> None:
    """Parse each text and write its ``render``ed line to stdout: in blocks of :data:`BLOCK` bytes, not a
    write a line (to a pipe, even stdout's own 8 KB blocks cost a third as much as the parse); at once
    when a person types them (``flush_each``). A reader that goes away (``parse - | head``) ends the
    command quietly, as ``head`` expects of the commands before it. A text with bytes its encoding
    cannot read (stdin and arguments keep them as lone surrogates, which no UTF-8 output can hold)
    ends the command with one line naming it (``source`` and its number), after the lines before it."""
    from .volumes import parse_volume

    out: BinaryIO = sys.stdout.buffer
    if not flush_each:  # stdout's own file, with a bigger buffer; not a file (a test's capture): as it is
        with contextlib.suppress(AttributeError, OSError, ValueError):
            out = open(sys.stdout.fileno(), "wb", buffering=BLOCK, closefd=False)  # noqa: SIM115 (flushed below)
    write = out.write
    try:
        for n, text in enumerate(texts, 1):
            try:
                write(render(parse_volume(text, policy)))
            except (TypeError, UnicodeEncodeError):  # orjson's refusal, or encode's
                bad = _UNDECODED.search(text)
                if bad is None:
                    raise
                out.flush()
                encoding = sys.stdin.encoding if source == "stdin line" else sys.getfilesystemencoding()
                raise click.ClickException(
                    f"{source} {n} is not {encoding} text (a byte it cannot read, at character "
                    f"{bad.start() + 1}); nothing after it was parsed"
                ) from None
            if flush_each:
                out.flush()
        out.flush()
    except BrokenPipeError:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())  # what is still buffered goes there at exit, not to a traceback
        os.close(null)


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

    written = write(out, lock_timeout=lock_timeout, on_wait=say, progress=_progress(quiet), warn=say)
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
@click.option("--csv", "as_csv", is_flag=True, help="Results as CSV.")
@click.option("--json", "as_json", is_flag=True, help="Results as JSON, one object per row.")
def query(sql: str, db: Path, as_csv: bool, as_json: bool) -> None:
    """Run SQL against the outputs, read-only, with parse_volume(text) available.

    \b
    Example:
      python -m pipeline query "SELECT dataset_name, records FROM datasets
                                ORDER BY records DESC NULLS LAST LIMIT 5"
    """
    from .query import run_query

    if as_csv and as_json:
        raise click.UsageError("--csv and --json do not go together: choose one")
    click.echo(run_query(db, sql, "csv" if as_csv else "json" if as_json else "table"), nl=False)


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


def _progress(quiet: bool) -> Callable[[str], None]:

    return (lambda message: None) if quiet else say


def _summarise(tables: Tables) -> None:
    from .run import LISTED

    c = tables.counts
    counted = f"{c['extracted']} extracted = {c['loaded']} loaded + {c['quarantined']} quarantined"
    say(f"datasets: {counted} (checked)")
    say(f"figures: {c['figures']}, of which {c['unparsed']} unparsed")
    quarantine = tables.listed.get("quarantine", tables.quarantine)
    for row in quarantine.head(LISTED).itertuples():
        say(f"quarantined: {row.source_id} {row.location}: {row.reason}")
    if c["quarantined"] > LISTED:
        say(f"quarantined: ... and {c['quarantined'] - LISTED} more (the quarantine view)")
    unparsed = tables.listed.get("unparsed", tables.figures[tables.figures["kind"] == "unparsed"])
    for row in unparsed.head(LISTED).itertuples():
        say(f"unparsed: {row.source_id} {row.location}: {row.volume_text!r}: {row.reason}")
    if c["unparsed"] > LISTED:
        say(f"unparsed: ... and {c['unparsed'] - LISTED} more (the unparsed view)")
    for error in tables.failed:
        say(f"failed: {error}")
    for warning in tables.warnings:
        say(f"warning: {warning}")

"""The command line as a user meets it: exact exit codes, one-line errors, data on stdout only."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import types

import pytest
from click.testing import CliRunner

from pipeline.cli import READ_BLOCK, _lines, main
from pipeline.stages.extract import COLUMNS
from pipeline.stages.report import CHART, HTML_REPORT, PARQUET, REPORTS
from pipeline.volumes import parse_volume
from pipeline.volumes.explain import to_json_dict, to_json_line

from .conftest import MINIMAL_ANSWER, ROOT, manifest_entry


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.mark.parametrize(
    "command",
    [[], ["run"], ["extract"], ["parse"], ["load"], ["report"], ["query"]],
    ids=["main", "run", "extract", "parse", "load", "report", "query"],
)
def test_every_command_has_help(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output
    help_text = result.output.split("Options:")[0]
    assert len(help_text.split("\n", 2)[-1].strip()) > 20  # a real description, not an empty docstring


def test_run_writes_every_output_under_out(cli, make_source, tmp_path):
    out = tmp_path / "out"
    result = cli("run", "--manifest", str(make_source(MINIMAL_ANSWER)), "--out", str(out))
    assert result.exit_code == 0, result.output
    files = {*REPORTS, *PARQUET, CHART, HTML_REPORT, "volumes.duckdb", "manifest.json"}
    assert {p.name for p in out.iterdir()} == files | {".lock", "current", "runs"}
    assert all((out / name).is_file() for name in files)
    assert result.stdout == ""
    assert "datasets: 2 extracted = 2 loaded + 0 quarantined (checked)" in result.stderr
    assert "parse: 2 cells -> 2 figures" in result.stderr  # progress, per stage


def test_quiet_run_shows_no_progress(cli, make_source, tmp_path):
    result = cli(
        "run", "--quiet", "--manifest", str(make_source(MINIMAL_ANSWER)), "--out", str(tmp_path / "out")
    )
    assert result.exit_code == 0
    assert "parse:" not in result.stderr
    assert result.stderr.startswith("datasets: 2 extracted")


@pytest.fixture
def database(make_source, tmp_path):
    from pipeline.run import run

    run(make_source(MINIMAL_ANSWER), tmp_path / "out")
    return str(tmp_path / "out" / "volumes.duckdb")


def test_query_prints_an_aligned_table(cli, database):
    result = cli(
        "query",
        "--db",
        database,
        "SELECT dataset_name, records, storage_tb FROM datasets ORDER BY row",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "dataset_name   records  storage_tb\n"
        "-------------  -------  ----------\n"
        "Pupil Records     5000\n"
        "File Share                     1.5\n"
    )


def test_query_parse_volume_in_sql_as_csv_and_json(cli, database):
    sql = "SELECT p.kind, p.value, p.qualifier FROM (SELECT parse_volume('about 2.3 million pupils') AS p)"
    assert (
        cli("query", "--db", database, "--csv", sql).stdout
        == "kind,value,qualifier\nrecords,2300000,approximate\n"
    )
    row = json.loads(
        cli("query", "--db", database, "--json", "SELECT parse_volume('Up to 3 TB') AS p").stdout
    )
    assert row == {
        "p": {
            "kind": "storage",
            "value": 3e12,
            "unit": "byte",
            "lower": None,
            "upper": 3e12,
            "qualifier": "upper_bound",
        }
    }


def test_query_is_read_only_and_errors_are_one_line(cli, database):
    result = cli("query", "--db", database, "DELETE FROM stg_figures")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: query failed: ") and result.stderr.count("\n") == 1
    bad = cli("query", "--db", database, "SELEC 1")
    assert bad.exit_code == 1 and "syntax error" in bad.stderr.lower()
    missing = cli("query", "--db", database + ".nope", "SELECT 1")
    assert missing.exit_code == 1 and "no database" in missing.stderr


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"", "answer.txt: document is empty"),
        (b"\x00\x01\x02binary", "answer.txt: document is binary, not text (NUL bytes)"),
        (b"Dear Sir,\n\nNothing here.\n", "answer.txt: no datasets table"),
    ],
    ids=["empty", "binary", "no-header"],
)
def test_bad_documents_are_one_line_exit_1(cli, make_source, tmp_path, document, message):
    result = cli("run", "--manifest", str(make_source(document)), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1
    assert lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.output


def test_missing_manifest_is_exit_1(cli, tmp_path):
    result = cli("run", "--manifest", str(tmp_path / "none.toml"), "--out", str(tmp_path))
    assert (result.exit_code, result.stderr) == (1, f"Error: {tmp_path / 'none.toml'}: manifest not found\n")


def test_report_without_database_is_exit_1(cli, tmp_path):
    result = cli("report", "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "no database" in result.stderr


def test_unknown_command_and_bad_option_are_usage_errors(cli):
    assert cli("frobnicate").exit_code == 2
    assert cli("parse", "--storage-prefixes", "octal", "1 TB").exit_code == 2
    assert cli("parse").exit_code == 2


def test_stages_one_at_a_time(cli, make_source, tmp_path):
    manifest, out = str(make_source(MINIMAL_ANSWER)), tmp_path / "out"
    extracted = cli("extract", "--manifest", manifest)
    assert extracted.exit_code == 0
    assert extracted.stdout.splitlines()[0] == ",".join(COLUMNS)
    assert len(extracted.stdout.splitlines()) == 3
    assert cli("load", "--manifest", manifest, "--out", str(out)).exit_code == 0
    assert (out / "volumes.duckdb").is_file() and not (out / "datasets.csv").exists()
    assert cli("report", "--out", str(out)).exit_code == 0
    assert (out / "datasets.csv").is_file()


def test_parse_json_one_object_per_input(cli):
    result = cli(
        "parse",
        "--json",
        "Circa 85,000 personal records, with circa 54,000 in the public domain",
        "5.6Tb of data",
    )
    assert result.exit_code == 0
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["kind"], first["value"], first["qualifier"]) == ("records", 85000, "approximate")
    assert [m["role"] for m in first["measures"]] == ["primary", "secondary"]
    assert (second["kind"], second["value"], second["unit"]) == ("storage", 5.6e12, "byte")


def test_parse_reads_stdin_with_dash(cli):
    result = cli("parse", "--json", "-", input="Exact volume unknown.\n2,000 records\n")
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert kinds == ["unknown", "records"]


def test_parse_json_lines_hold_every_figure_as_the_parser_gives_it(cli):
    texts = ["Circa 5,000,000 personal records and 2.3 TB", "Exact volume unknown", "£3m", "ünïcode 5 TB"]
    result = cli("parse", "--json", "-", input="".join(t + "\n" for t in texts))
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        to_json_dict(parse_volume(t)) for t in texts
    ]


def test_parse_stdin_written_in_blocks_reaches_a_reader_that_leaves_early():
    """`parse --json - < big | head -1`: more output than one block, the reader gone after one line;
    the command ends quietly, with no traceback."""
    lines = "".join(f"Circa {n:,} personal records\n" for n in range(1, 20_001)).encode()
    command = f"{sys.executable} -m pipeline parse --json - | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], input=lines, capture_output=True, cwd=ROOT, timeout=120
    )
    assert json.loads(done.stdout)["value"] == 1
    assert done.stderr == b"" and done.returncode == 0


def test_parse_answers_each_line_typed_at_a_terminal_at_once():
    """Typed at a terminal, `parse -` answers each line as it comes, not a block later: the second line
    is typed only once the first is answered."""
    import os
    import pty
    import select

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "parse", "--json", "-"],
        stdin=follower,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    os.close(follower)
    try:
        for typed, value in ((b"5 TB\n", 5e12), (b"2,000 records\n", 2000)):
            os.write(leader, typed)
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, f"no answer to {typed!r} while stdin was still open"
            answer = json.loads(proc.stdout.readline())
            assert (answer["text"], answer["value"]) == (typed.decode().rstrip("\n"), value)
    finally:
        os.write(leader, b"\x04")  # end of input
        proc.communicate(timeout=60)
        os.close(leader)
    assert proc.returncode == 0


#: Inputs for the stdin reader: newlines of each kind, at the end or not, empty lines, characters of 1 to 4
#: bytes, bytes that are not UTF-8, a line longer than a block.
STDIN_BYTES = [
    b"",
    b"\n",
    b"\n\n",
    b"5 TB",
    b"5 TB\n",
    b"5 TB\n\n2,000 records\n",
    b"5 TB\r\n2,000 records\r\nno newline",
    b"a\rb\rc\r",
    b"\r",
    b"\r\n",
    b"\r\r\n\n\r",
    "£5m é 😀 15 records\n€2bn\n".encode(),
    b"bad \xff\xfe utf-8 \xc3\n\xe2\x82 5 TB\n",
    b"x" * 70 + b"\n" + b"y" * 33,
]


@pytest.mark.parametrize("data", STDIN_BYTES, ids=range(len(STDIN_BYTES)))
@pytest.mark.parametrize("newline", ["\n", None], ids=["posix-stdin", "windows-stdin"])
@pytest.mark.parametrize("errors", ["surrogateescape", "replace"])
def test_stdin_read_in_blocks_gives_the_lines_stdin_gives_line_by_line(data, newline, errors):
    """`parse -` reads stdin in blocks and splits the lines itself: the same texts as `for line in
    sys.stdin` (with Python's stdin newline, "\\n" on POSIX and universal on Windows, and stdin's
    errors) for every block size, so a block's end inside a character, a "\\r\\n" or a line changes
    nothing."""
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors=errors, newline=newline)
    expected = [line.rstrip("\n") for line in stdin]
    for block in (1, 2, 3, 5, 64, READ_BLOCK):
        got = list(_lines(io.BytesIO(data), "utf-8", errors, universal=newline is None, block=block))
        assert got == expected, f"block of {block} bytes"


def test_stdin_read_in_blocks_raises_as_stdin_does_on_bytes_its_errors_refuse():
    with pytest.raises(UnicodeDecodeError):
        list(_lines(io.BytesIO(b"5 TB\n\xff\n"), "utf-8", "strict", block=2))


def test_stdin_read_in_blocks_is_streamed_a_block_at_a_time():
    """Each text is given as soon as its block has come: a pipe is never read to its end first."""
    reads: list[int] = []
    chunks = iter([b"5 TB\n2,0", b"00 records\n", b"last"])

    def read1(size: int) -> bytes:
        reads.append(size)
        return next(chunks, b"")

    texts = _lines(types.SimpleNamespace(read1=read1), "utf-8", "strict", block=8)
    assert (next(texts), reads) == ("5 TB", [8])
    assert (next(texts), reads) == ("2,000 records", [8, 8])
    assert list(texts) == ["last"]


def _parse_stdin_file(tmp_path, data: bytes, **env: str) -> list[dict]:
    """`python -m pipeline parse --json -` with ``data`` on stdin from a file, its lines read as JSON."""
    stdin = tmp_path / "stdin.txt"
    stdin.write_bytes(data)
    with stdin.open("rb") as f:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "parse", "--json", "-"],
            stdin=f,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, **env},
            timeout=120,
            check=True,
        )
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_parse_stdin_lines_as_python_reads_them_across_blocks(tmp_path):
    """The command itself, stdin a file: a "\\r" stays in its text (Python's stdin on POSIX ends lines at
    "\\n" alone), empty lines are texts, the last line needs no newline, and a block's end inside a "£"
    and inside a line changes nothing."""
    first = " " * (READ_BLOCK - 1) + "£5m"  # the "£" is the first block's last byte and the next one's first
    second = "Circa 5,000 records " + "x" * (READ_BLOCK + 10)  # a line across the second block's end
    texts = [first, second, "5 TB\r", "", "ünïcode 2,000 records", "no newline 7 TB"]
    lines = _parse_stdin_file(tmp_path, "\n".join(texts).encode())
    assert lines == [to_json_dict(parse_volume(text)) for text in texts]
    assert json.loads(to_json_line(parse_volume(first))) == lines[0]


@pytest.mark.parametrize(
    ("encoding", "data", "text"),
    [("latin-1", b"5 TB \xe9\n", "5 TB é"), ("utf-8:replace", b"5 TB \xff\n", "5 TB \ufffd")],
    ids=["latin-1", "utf-8-replace"],
)
def test_parse_stdin_decoded_with_stdins_own_encoding_and_errors(tmp_path, encoding, data, text):
    assert [line["text"] for line in _parse_stdin_file(tmp_path, data, PYTHONIOENCODING=encoding)] == [text]


@pytest.mark.parametrize("render", ["--json", "--explain", "summary"])
def test_parse_stdin_with_a_byte_its_encoding_cannot_read_ends_with_one_line(render):
    """Invalid UTF-8 on stdin: the lines before it answered, then one line naming the line, exit 1,
    no traceback (orjson and the encoder refused the lone surrogate the byte is kept as)."""
    flags = [] if render == "summary" else [render]
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "parse", *flags, "-"],
        input=b"5 TB\nabout \xff\xfe 3 GB\n7 GB\n", capture_output=True, cwd=ROOT, timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:surrogateescape"},
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "Error: stdin line 2 is not utf-8 text (a byte it cannot read, at character 7);"
        " nothing after it was parsed"
    ]
    assert b"5 TB" in done.stdout.splitlines()[0] and b"7 GB" not in done.stdout  # the first, no more


def test_parse_text_argument_with_an_undecodable_byte_is_named():
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"pipeline", b"parse", b"4 GB", b"\xff 5 TB"],
        capture_output=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout.decode()) == (1, "4 GB -> 4 GB (4,000,000,000 bytes) (exact)\n")
    assert done.stderr.decode().splitlines() == [
        "Error: text 2 is not utf-8 text (a byte it cannot read, at character 1); nothing after it was parsed"
    ]


def test_parse_policy_options(cli):

    result = cli("parse", "--json", "--storage-prefixes", "binary", "1 TB")
    assert json.loads(result.stdout)["value"] == 2**40


def test_parse_does_not_import_pandas_pandera_or_duckdb():
    code = (
        "import sys; from pipeline.cli import main; "
        "main(['parse', '--json', '5 TB'], standalone_mode=False); "
        "print(sorted(m for m in ('pandas', 'pandera', 'duckdb') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_module_entry_point_runs():
    out = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert (out.returncode, out.stdout.strip()) == (0, "foi-volumes, version 0.1.0")


def test_keep_going_reports_a_bad_source_publishes_the_others_and_exits_1(cli, tmp_path):
    (tmp_path / "good.txt").write_text(MINIMAL_ANSWER, encoding="utf-8")
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("good", "good.txt") + manifest_entry("bad", "bad.xlsx", fmt="xlsx"))
    out = tmp_path / "out"
    stopped = cli("run", "--manifest", str(manifest), "--out", str(out))
    assert stopped.exit_code == 1
    assert "bad.xlsx: " in stopped.stderr and "Traceback" not in stopped.stderr
    assert not (out / "volumes.duckdb").exists()  # stopped before anything was published
    kept = cli("run", "--manifest", str(manifest), "--out", str(out), "--keep-going")
    assert kept.exit_code == 1
    assert "extract: [2/2] bad: FAILED: " in kept.stderr
    assert "keep-going: 1 source(s) could not be read" in kept.stderr
    assert (out / "volumes.duckdb").exists()


@pytest.mark.parametrize(
    ("as_at", "answer", "gap", "warning"),
    [
        ("2017-04-01", MINIMAL_ANSWER, 0, None),
        ("2017-03-10", MINIMAL_ANSWER, 22, None),
        (
            "2016-04-01",
            MINIMAL_ANSWER,
            365,
            "warning: test-source: the manifest's as_at 2016-04-01 is 365 days before the table's own"
            ' "as at" date 2017-04-01: check which date the figures describe',
        ),
        (
            "2017-05-03",
            MINIMAL_ANSWER,
            -32,
            "warning: test-source: the manifest's as_at 2017-05-03 is 32 days after the table's own"
            ' "as at" date 2017-04-01: check which date the figures describe',
        ),
        ("2010-01-01", MINIMAL_ANSWER.replace("\n(as at 1 April 2017)", ""), None, None),
    ],
    ids=["same-day", "within-a-month", "a-year-early", "32-days-late", "no-table-date"],
)
def test_a_manifest_as_at_far_from_the_tables_is_said_at_the_end_and_recorded(
    cli, make_source, tmp_path, as_at, answer, gap, warning
):
    import duckdb

    manifest = make_source(answer)
    manifest.write_text(manifest.read_text().replace('as_at = "2017-04-01"', f'as_at = "{as_at}"'))
    out = tmp_path / "out"
    result = cli("load", "--quiet", "--manifest", str(manifest), "--out", str(out))
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert said == ([warning] if warning else [])
    if warning:  # at the end of the run: only the closing line after it
        assert result.stderr.splitlines()[-2] == warning
    con = duckdb.connect(str(out / "volumes.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT as_at::VARCHAR, as_at_gap_days FROM sources").fetchall() == [(as_at, gap)]
    finally:
        con.close()


@pytest.mark.parametrize(
    ("args", "read"),
    [
        # read as texts, not options: a minus sign is refused (no volume is below zero), a bullet is not
        (["parse", "--json", "-5 records", "- 5,000"], [("-5 records", None), ("- 5,000", 5000)]),
        (["parse", "- 5,000", "--json", "5 TB"], [("- 5,000", 5000), ("5 TB", 5e12)]),
        (["parse", "--json", "--", "-x records", "--json"], [("-x records", None), ("--json", None)]),
        (["parse", "--storage-prefixes=binary", "--json", "- 1 TB"], [("- 1 TB", 2**40)]),
    ],
    ids=["dash-texts", "options-after-texts", "double-dash", "option-with-equals"],
)
def test_parse_reads_texts_that_start_with_a_dash_as_texts(cli, args, read):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert [(d["text"], d["value"]) for d in map(json.loads, result.stdout.splitlines())] == read


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse", "-", "5TB"], "'-' reads the texts from stdin, so it goes alone"),
        (["parse", "5TB", "-"], "'-' reads the texts from stdin, so it goes alone"),
        (["parse", "--json", "--explain", "5TB"], "--json and --explain do not go together"),
        (
            ["parse", "-x"],
            "No such option '-x'. A text that looks like an option goes after '--': parse -- '-x'",
        ),
        (["query", "--csv", "--json", "SELECT 1"], "--csv and --json do not go together: choose one"),
    ],
    ids=["stdin-and-texts", "texts-and-stdin", "json-explain", "unknown-short-option", "csv-json"],
)
def test_combinations_that_would_drop_something_silently_are_usage_errors(cli, args, message):
    result = cli(*args, input="from stdin\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Error: {message}" in result.stderr


def test_errors_name_the_file_as_typed_and_the_place_in_it(cli, make_source, tmp_path, monkeypatch):
    """`path:line: what` for the manifest, `path: place: what` for a document (a sheet has no line)."""
    monkeypatch.chdir(tmp_path)
    manifest = make_source("Dear Sir,\n\nName of Dataset\n\nPurpose of Dataset\n\nVolume of Data Held\n")
    document = cli("load", "-q", "--manifest", manifest.name, "--out", "out")
    assert (document.exit_code, document.stderr) == (
        1,
        "Error: answer.txt: line 3: the datasets table has a header but no rows\n",
    )
    manifest.write_text(manifest.read_text().replace('format = "foi-text"', 'format = "nope"'))
    entry = cli("load", "-q", "--manifest", manifest.name, "--out", "out")
    assert entry.exit_code == 1
    assert entry.stderr.startswith("Error: sources.toml:2: source 'test-source': unknown format 'nope'")

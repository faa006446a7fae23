"""``python -m pipeline add``: a document brought into a manifest with one command.

A local file is copied in byte for byte, a URL downloaded from a server on 127.0.0.1 (no other
network); what was found is printed; the manifest keeps every byte it had and gains exactly one
entry, which ``run`` then reads. Every refusal is one line, exit 1, and leaves the manifest and its
folder as they were.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.plumbing.errors import AddError, ManifestError, SourceError
from pipeline.plumbing.intake import NEW_MANIFEST, Request, add
from pipeline.plumbing.manifest import load_manifest
from pipeline.readers import FORMATS
from pipeline.run import build_tables
from pipeline.sql import connect

from .conftest import DFE, RAW_MANIFEST, ROOT, dfe_rows
from .documents.xlsx import table_workbook

ROWS = dfe_rows()
HEADER = ("Name of dataset", "Purpose", "Volume")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(header=HEADER, **options) -> bytes:
    return table_workbook(header, ROWS, **options)


def as_csv(header=HEADER) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *ROWS])
    return out.getvalue().encode("utf-8")


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, ["add", *map(str, args)], catch_exceptions=False)

    return invoke


@pytest.fixture
def raw(tmp_path):
    """A copy of the shipped raw/ folder: the DfE answer and its manifest, comments and all."""
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(DFE, folder / DFE.name)
    shutil.copy(RAW_MANIFEST, folder / "sources.toml")
    return folder


@pytest.fixture
def incoming(tmp_path):
    """Where documents come from before they are added: a folder of their own."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    return folder


def listing(folder):
    return sorted(p.name for p in folder.iterdir())


def added_entry(before: str, after: str) -> dict:
    """The one entry ``after`` gained, having kept ``before`` byte for byte."""
    assert after.startswith(before)
    old, new = tomllib.loads(before).get("sources", []), tomllib.loads(after)["sources"]
    assert new[: len(old)] == old and len(new) == len(old) + 1
    return new[-1]


# -- a local workbook, end to end ----------------------------------------------------------------

FIRST_ROWS = """\
  first 5 of 53 datasets:
    sheet 'Bulk datasets' row 5: Oracle RightNow Cloud Service
      Volume: Circa 160,000 personal records. -> 160,000 records (approximate)
    sheet 'Bulk datasets' row 6: Enterprise Management Information System (EMIS)
      Volume: 2.2 Tb of data -> 2.2 TB (2,200,000,000,000 bytes) (exact)
    sheet 'Bulk datasets' row 7: Information Work Places 2 (IWP2)
      Volume: 5.6Tb of data. -> 5.6 TB (5,600,000,000,000 bytes) (exact)
    sheet 'Bulk datasets' row 8: Education Funding Agency (EFA) Information Exchange
      Volume: Circa 6,000 personal records. -> 6,000 records (approximate)
    sheet 'Bulk datasets' row 9: Department of State Function (DOSF)
      Volume: Circa 25,000 personal records. -> 25,000 records (approximate)
"""


def test_add_a_local_workbook_then_run_reads_it(cli, raw, incoming, tmp_path):
    document = incoming / "DfE datasets.xlsx"
    document.write_bytes(xlsx())
    manifest = raw / "sources.toml"
    before = manifest.read_text(encoding="utf-8")

    result = cli(
        document, "--id", "dfe-2016-xlsx", "--body", "Department for Education", "--manifest", manifest
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith(
        f"add: DfE datasets.xlsx: {len(document.read_bytes()) / 1000:.3g} KB, xlsx (detected)\n"
    )
    assert "  table: sheet 'Bulk datasets', header at sheet 'Bulk datasets' row 4\n" in err
    assert "  header: Name of dataset | Purpose | Volume\n" in err
    assert "  columns: name='Name of dataset', purpose='Purpose', volume='Volume'\n" in err
    assert "  datasets: 53\n" in err
    assert FIRST_ROWS in err
    assert "  as_at = 2016-06-17 (the table's own 'as at' date; --as-at gives another)\n" in err
    assert err.endswith(
        f"added: source 'dfe-2016-xlsx' (DfE datasets.xlsx, sha256 "
        f"{hashlib.sha256(document.read_bytes()).hexdigest()[:12]}...) to {manifest} at line 17;"
        f" `python -m pipeline run --manifest {manifest}` reads it\n"
    )

    assert (raw / "DfE datasets.xlsx").read_bytes() == document.read_bytes()  # copied byte for byte
    assert document.exists()  # and the original left where it was
    after = manifest.read_text(encoding="utf-8")
    assert after.splitlines()[16] == "[[sources]]"
    assert added_entry(before, after) == {
        "id": "dfe-2016-xlsx",
        "path": "DfE datasets.xlsx",
        "body": "Department for Education",
        "reference": "dfe-2016-xlsx",
        "as_at": dt.date(2016, 6, 17),
        "url": "",
        "sha256": hashlib.sha256(document.read_bytes()).hexdigest(),
    }
    assert listing(raw) == ["DfE datasets.xlsx", DFE.name, "sources.toml"]

    out = CliRunner().invoke(main, ["run", "--manifest", str(manifest), "--out", str(tmp_path / "out")])
    assert out.exit_code == 0, out.output
    assert "extract: [2/2] dfe-2016-xlsx: 53 rows (xlsx)\n" in out.stderr
    assert "datasets: 106 extracted = 106 loaded + 0 quarantined (checked)\n" in out.stderr
    totals = connect(tmp_path / "out" / "volumes.duckdb").sql(
        "SELECT source_id, kind, datasets, round(total) FROM totals ORDER BY kind, source_id"
    )
    assert totals.fetchall() == [
        (source, kind, datasets, total)
        for kind, datasets, total in [
            ("record_rate", 2, 467_300),
            ("records", 24, 80_583_000),
            ("storage", 13, 87_590_000_000_000),
            ("unknown", 14, None),
        ]
        for source in ("dfe-2016-0027740", "dfe-2016-xlsx")
    ]  # the workbook gives the text answer's figures exactly


def test_python_m_pipeline_add(raw, incoming, tmp_path):
    (incoming / "answer.xlsx").write_bytes(xlsx())
    manifest = raw / "sources.toml"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            *("add", "incoming/answer.xlsx", "--id", "a", "--body", "B", "--manifest", "raw/sources.toml"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert out.stderr.startswith("add: answer.xlsx: ")
    assert (
        "to raw/sources.toml at line 17; `python -m pipeline run --manifest raw/sources.toml` reads it"
        in out.stderr
    )
    assert load_manifest(manifest, tuple(FORMATS))[-1].path == raw / "answer.xlsx"


# -- what the entry records -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "options", "expected"),
    [
        pytest.param("answer.xlsx", xlsx, [], {}, id="xlsx-known-by-its-bytes"),
        pytest.param(
            "answer.csv", as_csv, ["--as-at", "2016-06-17"], {"format": "csv"}, id="csv-needs-its-name"
        ),
        pytest.param("answer.txt", DFE.read_bytes, [], {}, id="text-answer"),
        pytest.param("answer.xlsx", xlsx, ["--format", "xlsx"], {"format": "xlsx"}, id="format-given"),
        pytest.param(
            "answer.xlsx", xlsx, ["--sheet", "Bulk datasets"], {"sheet": "Bulk datasets"}, id="sheet-by-name"
        ),
        pytest.param("answer.xlsx", xlsx, ["--sheet", "2"], {"sheet": 2}, id="sheet-by-position"),
        pytest.param(
            "answer.xlsx",
            xlsx,
            ["--reference", "2016-0027740", "--url", "https://www.whatdotheyknow.com/request/x"],
            {"reference": "2016-0027740", "url": "https://www.whatdotheyknow.com/request/x"},
            id="reference-and-url",
        ),
        pytest.param(
            "answer.xlsx",
            lambda: xlsx(title_rows=()),
            ["--as-at", "2017-03-31"],
            {"as_at": dt.date(2017, 3, 31)},
            id="as-at-given",
        ),
        pytest.param(
            "answer.xlsx", xlsx, ["--name", "dfe-2016.xlsx"], {"path": "dfe-2016.xlsx"}, id="renamed"
        ),
    ],
)
def test_the_entry_records_what_run_needs(cli, raw, incoming, name, build, options, expected):
    (incoming / name).write_bytes(build())
    manifest = raw / "sources.toml"
    before = manifest.read_text(encoding="utf-8")
    result = cli(incoming / name, "--id", "new-source", "--body", "Body", "--manifest", manifest, *options)
    assert result.exit_code == 0, result.output
    entry = added_entry(before, manifest.read_text(encoding="utf-8"))
    defaults = {"path": name, "reference": "new-source", "url": "", "as_at": dt.date(2016, 6, 17)}
    assert {k: entry.get(k) for k in {*defaults, "format", "sheet"}} == {
        "format": None,
        "sheet": None,
        **defaults,
        **expected,
    }
    (source,) = [s for s in load_manifest(manifest, tuple(FORMATS)) if s.id == "new-source"]
    assert source.sha256 == hashlib.sha256((raw / entry["path"]).read_bytes()).hexdigest()


def test_a_missing_manifest_is_created_with_a_header_comment(cli, incoming, tmp_path):
    (incoming / "answer.xlsx").write_bytes(xlsx())
    manifest = tmp_path / "sources.toml"
    result = cli(incoming / "answer.xlsx", "--id", "a", "--body", "B", "--manifest", manifest)
    assert result.exit_code == 0, result.output
    text = manifest.read_text(encoding="utf-8")
    assert text.startswith(NEW_MANIFEST + "\n[[sources]]\n")
    assert all(line.startswith("#") for line in NEW_MANIFEST.splitlines())
    (source,) = load_manifest(manifest, tuple(FORMATS))
    assert (source.id, source.path) == ("a", tmp_path / "answer.xlsx")


def test_a_windows_manifest_keeps_its_line_ends(cli, raw, incoming):
    manifest = raw / "sources.toml"
    before = manifest.read_bytes().replace(b"\n", b"\r\n").rstrip(b"\r\n")  # CRLF, no final line end
    manifest.write_bytes(before)
    (incoming / "answer.xlsx").write_bytes(xlsx())
    assert cli(incoming / "answer.xlsx", "--id", "a", "--body", "B", "--manifest", manifest).exit_code == 0
    after = manifest.read_bytes()
    assert after.startswith(before + b"\r\n\r\n[[sources]]\r\n")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert [s.id for s in load_manifest(manifest, tuple(FORMATS))] == ["dfe-2016-0027740", "a"]


def test_a_document_already_in_the_folder_is_used_where_it_is(cli, raw):
    (raw / "answer.xlsx").write_bytes(xlsx())
    manifest = raw / "sources.toml"
    result = cli(raw / "answer.xlsx", "--id", "a", "--body", "B", "--manifest", manifest)
    assert result.exit_code == 0, result.output
    assert listing(raw) == ["answer.xlsx", DFE.name, "sources.toml"]
    assert load_manifest(manifest, tuple(FORMATS))[-1].path == raw / "answer.xlsx"


def test_run_refuses_a_document_changed_since_it_was_added(cli, raw, incoming):
    (incoming / "answer.xlsx").write_bytes(xlsx())
    manifest = raw / "sources.toml"
    assert cli(incoming / "answer.xlsx", "--id", "a", "--body", "B", "--manifest", manifest).exit_code == 0
    (raw / "answer.xlsx").write_bytes(xlsx(title_rows=("Bulk datasets, revised",)))
    digest = hashlib.sha256((raw / "answer.xlsx").read_bytes()).hexdigest()
    with pytest.raises(
        SourceError, match=f"answer.xlsx: the file changed since it was added: its sha256 is now {digest}"
    ):
        build_tables(manifest)


@pytest.mark.parametrize(
    ("value", "read_as"),
    [("ab" * 32, "ab" * 32), ("AB" * 32, "ab" * 32), ("abc", None), (64, None)],
    ids=["lower-case", "upper-case-read-as-lower", "too-short", "not-text"],
)
def test_the_manifest_checks_sha256(raw, value, read_as):
    manifest = raw / "sources.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + f"sha256 = {value!r}\n".replace("'", '"'), encoding="utf-8"
    )
    if read_as is None:
        with pytest.raises(
            ManifestError, match="sha256 must be the document's SHA-256 digest, 64 hexadecimal digits"
        ):
            load_manifest(manifest, tuple(FORMATS))
    else:
        assert load_manifest(manifest, tuple(FORMATS))[0].sha256 == read_as


# -- refusals: one line, exit 1, nothing written --------------------------------------------------


def _corrupt(incoming):
    (incoming / "answer.xlsx").write_bytes(xlsx()[:2000])
    return incoming / "answer.xlsx"


def _no_table(incoming):
    (incoming / "letter.txt").write_text(
        "Dear Requester,\n\nWe hold no such information.\n", encoding="utf-8"
    )
    return incoming / "letter.txt"


def _undated(incoming):
    (incoming / "answer.xlsx").write_bytes(xlsx(title_rows=()))
    return incoming / "answer.xlsx"


def _clash(raw, incoming, same: bool):
    (raw / "answer.xlsx").write_bytes(xlsx() if same else b"another document")
    (incoming / "answer.xlsx").write_bytes(xlsx())
    return incoming / "answer.xlsx"


def _workbook(incoming):
    (incoming / "answer.xlsx").write_bytes(xlsx())
    return incoming / "answer.xlsx"


REFUSALS = [
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "dfe-2016-0027740"),
        "{manifest}:7: source id 'dfe-2016-0027740' is already in the manifest: choose another --id",
        id="id-taken",
    ),
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "DfE 2016"),
        "--id 'DfE 2016': an id is lower-case letters, digits, '.', '_' or '-', starting with a letter or"
        " digit",
        id="id-invalid",
    ),
    pytest.param(
        lambda raw, inc: (_clash(raw, inc, same=False), "--id", "new"),
        "answer.xlsx is already in {raw}: give the copy another name with --name",
        id="file-name-taken",
    ),
    pytest.param(
        lambda raw, inc: (_clash(raw, inc, same=True), "--id", "new"),
        "answer.xlsx is already in {raw}: give the copy another name with --name",
        id="file-name-taken-by-the-same-bytes",
    ),
    pytest.param(
        lambda raw, inc: (DFE, "--id", "new"),
        "dfe-2016-0027740.txt is already in {raw}: give the copy another name with --name",
        id="file-name-of-a-source",
    ),
    pytest.param(
        lambda raw, inc: (raw / DFE.name, "--id", "new"),
        "{manifest}: dfe-2016-0027740.txt is already the path of source 'dfe-2016-0027740': give another"
        " --name",
        id="the-file-of-a-source",
    ),
    pytest.param(
        lambda raw, inc: (inc / "nowhere.xlsx", "--id", "new"),
        "{incoming}/nowhere.xlsx: file not found",
        id="document-missing",
    ),
    pytest.param(
        lambda raw, inc: (_corrupt(inc), "--id", "new"),
        "{incoming}/answer.xlsx: a ZIP container (an Office document?) that is corrupt or truncated",
        id="document-corrupt",
    ),
    pytest.param(
        lambda raw, inc: (_no_table(inc), "--id", "new"),
        "{incoming}/letter.txt: no datasets table: the document has no table",
        id="no-datasets-table",
    ),
    pytest.param(
        lambda raw, inc: (_undated(inc), "--id", "new"),
        "the table (header at sheet 'Bulk datasets' row 1) gives no 'as at' date: say which day the answer"
        " describes with --as-at YYYY-MM-DD",
        id="no-as-at-date",
    ),
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "new", "--as-at", "17/06/2016"),
        "--as-at '17/06/2016' is not a date written YYYY-MM-DD (2016-06-17)",
        id="as-at-not-iso",
    ),
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "new", "--as-at", "2016-02-30"),
        "--as-at '2016-02-30' is not a day that exists",
        id="as-at-no-such-day",
    ),
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "new", "--format", "rtf"),
        "--format 'rtf' is not a format read here (known: foi-text, csv, xlsx",
        id="format-unknown",
    ),
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "new", "--sheet", "Summary"),
        "{incoming}/answer.xlsx: ",  # the spreadsheet reader's own message follows
        id="sheet-missing",
    ),
    pytest.param(
        lambda raw, inc: (shutil.copy(DFE, inc / "answer.txt"), "--id", "new", "--sheet", "2"),
        "{incoming}/answer.txt: --sheet is for workbooks (xlsx, xls, ods); this document is foi-text",
        id="sheet-of-a-text",
    ),
    pytest.param(
        lambda raw, inc: (_workbook(inc), "--id", "new", "--name", "../answer.xlsx"),
        "--name '../answer.xlsx' must be a plain file name: no folder, not starting with '.'",
        id="name-with-a-folder",
    ),
    pytest.param(
        lambda raw, inc: ("ftp://example.org/answer.xlsx", "--id", "new"),
        "ftp://example.org/answer.xlsx: only http:// and https:// URLs are downloaded",
        id="url-not-http",
    ),
    pytest.param(
        lambda raw, inc: ("https:///answer.xlsx", "--id", "new"),
        "https:///answer.xlsx: the URL names no host",
        id="url-without-host",
    ),
]


@pytest.mark.parametrize(("arguments", "message"), REFUSALS)
def test_refusals_are_one_line_and_write_nothing(cli, raw, incoming, arguments, message):
    manifest = raw / "sources.toml"
    document, *options = arguments(raw, incoming)
    before, files = manifest.read_bytes(), listing(raw)
    result = cli(document, "--body", "B", "--manifest", manifest, *options)
    assert result.exit_code == 1
    expected = "Error: " + message.format(manifest=manifest, raw=raw, incoming=incoming)
    assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1, result.stderr
    assert (manifest.read_bytes(), listing(raw)) == (before, files)


@pytest.mark.parametrize(
    ("manifest_text", "message"),
    [
        ('[[sources]]\nid = "a"\npath = \n', "{manifest}:3: not valid TOML"),
        ('sources = "a list, one day"\n', "{manifest}: sources is not a list of [[sources]] tables"),
        ('sources = [{ id = "a" }]\n', "{manifest}: an entry cannot be appended to this manifest"),
    ],
    ids=["not-toml", "sources-not-a-list", "sources-an-inline-array"],
)
def test_a_manifest_add_cannot_append_to_is_refused(cli, raw, incoming, manifest_text, message):
    manifest = raw / "sources.toml"
    manifest.write_text(manifest_text, encoding="utf-8")
    files = listing(raw)
    result = cli(_workbook(incoming), "--id", "new", "--body", "B", "--manifest", manifest)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: " + message.format(manifest=manifest)), result.stderr
    assert (manifest.read_text(encoding="utf-8"), listing(raw)) == (manifest_text, files)


def test_a_manifest_changed_meanwhile_is_left_alone_and_the_copy_removed(raw, incoming):
    manifest = raw / "sources.toml"
    edited = manifest.read_text(encoding="utf-8") + "# edited by someone else meanwhile\n"

    def say(message):  # called once the document is read, before anything is written
        if not manifest.read_text(encoding="utf-8").endswith("meanwhile\n"):
            manifest.write_text(edited, encoding="utf-8")

    request = Request(str(_workbook(incoming)), "new", "B", manifest)
    with pytest.raises(
        AddError, match="the manifest changed while the document was being added: run add again"
    ):
        add(request, say)
    assert manifest.read_text(encoding="utf-8") == edited
    assert listing(raw) == [DFE.name, "sources.toml"]


def test_a_manifest_in_a_missing_folder_is_refused(cli, incoming, tmp_path):
    manifest = tmp_path / "nowhere" / "sources.toml"
    result = cli(_workbook(incoming), "--id", "new", "--body", "B", "--manifest", manifest)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {manifest}: the manifest's folder {manifest.parent} does not exist\n",
    )


def test_add_has_help(cli):
    result = cli("--help")
    assert result.exit_code == 0
    assert "Bring DOCUMENT (a file, or an http(s) URL to download) into the manifest" in result.output
    assert "--max-bytes" in result.output and "--timeout" in result.output


# -- downloads, from a server on 127.0.0.1 --------------------------------------------------------

SLEEP = 2.0  # how long /slow keeps quiet; the test's --timeout is much shorter


class Handler(BaseHTTPRequestHandler):
    """The routes the download tests fetch. HTTP/1.0: a body without Content-Length ends at close."""

    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        status, headers, body = self.routes.get(
            path, (404, {"Content-Type": "text/html"}, b"<p>Not here</p>")
        )
        if path == "/slow":
            time.sleep(SLEEP)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and path != "/streamed":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up, as it should
            self.wfile.write(body)

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture(scope="module")
def server():
    workbook, table = xlsx(), as_csv()
    Handler.routes = {
        "/files/answer.xlsx": (200, {"Content-Type": XLSX_TYPE}, workbook),
        "/export": (200, {"Content-Type": "text/csv; charset=utf-8"}, table),
        "/answer": (200, {"Content-Type": "text/plain; charset=utf-8"}, DFE.read_bytes()),
        "/download": (
            200,
            {
                "Content-Type": "application/octet-stream",
                "Content-Disposition": 'attachment; filename="../DfE datasets.xlsx";'
                " filename*=UTF-8''DfE%20datasets%20%E2%80%93%202016.xlsx",
            },
            workbook,
        ),
        "/old/answer": (302, {"Location": "/files/answer.xlsx"}, b""),
        "/announced": (200, {"Content-Type": XLSX_TYPE, "Content-Length": str(len(workbook))}, workbook),
        "/streamed": (200, {"Content-Type": XLSX_TYPE}, workbook),
        "/login.xlsx": (
            200,
            {"Content-Type": "text/html"},
            b"<html><body><form>Sign in</form></body></html>",
        ),
        "/slow": (200, {"Content-Type": XLSX_TYPE}, workbook),
        "/loop": (302, {"Location": "/loop"}, b""),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def fetch(cli, raw, server, monkeypatch):
    """``add`` a URL of the local server into ``raw``; no proxy stands between."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)

    def get(path, *options):
        return cli(
            f"{server}{path}", "--id", "web", "--body", "B", "--manifest", raw / "sources.toml", *options
        )

    return get


@pytest.mark.parametrize(
    ("path", "options", "file_name", "fmt", "served"),
    [
        pytest.param(
            "/files/answer.xlsx", [], "answer.xlsx", None, "/files/answer.xlsx", id="name-from-the-url"
        ),
        pytest.param(
            "/download?id=7", [], "DfE datasets – 2016.xlsx", None, "/download", id="content-disposition"
        ),
        pytest.param("/old/answer", [], "answer.xlsx", None, "/files/answer.xlsx", id="redirect"),
        pytest.param(
            "/export", ["--as-at", "2016-06-17"], "export.csv", "csv", "/export", id="content-type-csv"
        ),
        pytest.param("/answer", [], "answer.txt", None, "/answer", id="content-type-text"),
        pytest.param(
            "/files/answer.xlsx", ["--name", "dfe.xlsx"], "dfe.xlsx", None, "/files/answer.xlsx", id="renamed"
        ),
    ],
)
def test_download(fetch, raw, server, path, options, file_name, fmt, served):
    manifest = raw / "sources.toml"
    before = manifest.read_text(encoding="utf-8")
    result = fetch(path, *options)
    assert result.exit_code == 0, result.output
    assert re.search(r"^  datasets: 53\b", result.stderr, re.MULTILINE)
    assert f'  url = "{server}{path}" (the URL downloaded; --url gives another)\n' in result.stderr
    final = path if path.split("?")[0] == served else served  # where a redirect ended
    assert f"  downloaded: {server}{final} ({Handler.routes[served][1]['Content-Type']})\n" in result.stderr
    entry = added_entry(before, manifest.read_text(encoding="utf-8"))
    assert (entry["path"], entry.get("format"), entry["url"]) == (file_name, fmt, f"{server}{path}")
    data = (raw / file_name).read_bytes()
    assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert data == Handler.routes[served][2]  # byte for byte what the server sent
    assert listing(raw) == sorted([file_name, DFE.name, "sources.toml"])  # no temporary file left
    assert load_manifest(manifest, tuple(FORMATS))[-1].path == raw / file_name


DOWNLOAD_REFUSALS = [
    pytest.param("/missing.xlsx", [], "download failed: HTTP 404 Not Found", id="not-found"),
    pytest.param(
        "/announced",
        ["--max-bytes", "1000"],
        "download refused: {size} is more than the limit of 1 KB (--max-bytes)",
        id="too-large-by-content-length",
    ),
    pytest.param(
        "/streamed",
        ["--max-bytes", "1000"],
        "download stopped: more than the limit of 1 KB (--max-bytes)",
        id="too-large-streamed",
    ),
    pytest.param(
        "/slow",
        ["--timeout", "0.2"],
        "download timed out: the server sent nothing for 0.2 s (--timeout)",
        id="timeout",
    ),
    pytest.param("/loop", [], "download failed: too many redirects", id="redirect-loop"),
    pytest.param("/login.xlsx", [], "the page has no table and no text", id="a-page-not-the-document"),
]


@pytest.mark.parametrize(("path", "options", "message"), DOWNLOAD_REFUSALS)
def test_download_refusals_leave_nothing_behind(fetch, raw, server, path, options, message):
    manifest = raw / "sources.toml"
    before, files = manifest.read_bytes(), listing(raw)
    result = fetch(path, *options)
    assert result.exit_code == 1
    size = f"{len(Handler.routes['/announced'][2]) / 1000:.3g} KB"
    expected = f"Error: {server}{path}: {message.format(size=size)}"
    assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1, result.stderr
    assert (manifest.read_bytes(), listing(raw)) == (before, files)


def test_download_cannot_connect(cli, raw, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on: bound, never accepting
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        before, files = (raw / "sources.toml").read_bytes(), listing(raw)
        result = cli(
            f"http://127.0.0.1:{port}/a.xlsx", "--id", "w", "--body", "B", "--manifest", raw / "sources.toml"
        )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: http://127.0.0.1:{port}/a.xlsx: download failed: ConnectError")
    assert ((raw / "sources.toml").read_bytes(), listing(raw)) == (before, files)

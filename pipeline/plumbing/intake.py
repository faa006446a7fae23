"""``python -m pipeline add``: bring a document into a manifest with one command.

A local file is copied into the manifest's folder byte for byte; an http(s) URL is downloaded there,
streamed to a temporary file that is renamed into place only when it is complete, within a size limit
and a timeout. The document is then read exactly as ``run`` will read it
(:func:`pipeline.stages.extract.extract_document`), what was found is shown (format, where the table
is, its header, the column mapping, the first rows and their figures), and a ``[[sources]]`` entry is
appended to the manifest: every byte already in the manifest stays as it was, the entry (rendered by
tomlkit) follows it. Whatever stops ``add`` is one line, and then nothing is written: no document, no
entry, no temporary file left behind.

The helpers that decide (names, formats, dates, the entry's text) are pure, with doctests; reading,
downloading and writing are in :func:`add` and :func:`download`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from pipeline.readers.formats import _EXTENSIONS as KNOWN_SUFFIXES

from .errors import AddError, ManifestError, SourceError
from .manifest import ID_PATTERN, ID_RULE, _line_of_id, parse_toml
from .provenance import display_path

if TYPE_CHECKING:
    from pipeline.stages.extract import Extraction

#: Download limits unless told otherwise (``--max-bytes``, ``--timeout``).
MAX_BYTES = 100_000_000
TIMEOUT = 30.0
#: How many datasets the report shows with their figures.
FIRST_ROWS = 5
#: The file extension a document of each format is given when a download names none.
EXTENSIONS = {
    "foi-text": ".txt",
    "csv": ".csv",
    "xlsx": ".xlsx",
    "xls": ".xls",
    "ods": ".ods",
    "html": ".html",
    "docx": ".docx",
    "pdf": ".pdf",
}
#: The formats ``--sheet`` applies to.
WORKBOOKS = ("xlsx", "xls", "ods")
#: The file name endings ``detect`` knows: a download named otherwise is given its format's extension.
SUFFIXES = frozenset(KNOWN_SUFFIXES)
#: The formats a server's Content-Type names for a text body, whose bytes alone cannot tell CSV from an
#: answer's text (a binary format is known by its bytes; ``text/plain`` says nothing about the layout).
CONTENT_TYPES = {
    "text/csv": "csv",
    "application/csv": "csv",
    "text/tab-separated-values": "csv",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
#: The first lines of a manifest ``add`` creates.
NEW_MANIFEST = """\
# Sources the pipeline reads (python -m pipeline run --manifest THIS_FILE). Paths are relative to
# this file; code never edits the documents. Created by `python -m pipeline add`, which appends one
# [[sources]] entry per document: id, path, body, reference, as_at, url, sha256 (and format, sheet
# when needed). Optional per source: [sources.policy] storage_prefixes = "decimal" | "binary",
# days_per_year, bare_number = "records" | "unparsed". The README lists every key.
"""
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_LIMIT = 200

Say = Callable[[str], None]


@dataclass(frozen=True)
class Request:
    """What the user asked ``add`` to do (the command's arguments)."""

    document: str  # a path, or an http(s) URL to download
    id: str
    body: str
    manifest: Path
    reference: str | None = None  # None: the id
    as_at: str | None = None  # None: the table's own "as at" date
    url: str | None = None  # None: the URL downloaded, or "" for a local file
    format: str | None = None  # None: detected
    sheet: str | None = None
    name: str | None = None  # the file name in the manifest's folder; None: the document's own
    max_bytes: int = MAX_BYTES
    timeout: float = TIMEOUT


@dataclass(frozen=True)
class Added:
    """What ``add`` did: where the document is, the entry appended and the line it starts on."""

    path: Path
    entry: dict
    line: int


@dataclass(frozen=True)
class Download:
    """A completed download: the temporary file holding it, and what the server said about it."""

    part: Path
    name: str | None  # from Content-Disposition, else the URL's path; None if neither gives one
    content_type: str | None
    final_url: str  # after redirects


# -- pure helpers ------------------------------------------------------------------------------


def is_url(text: str) -> bool:
    """Whether ``text`` is a URL (any scheme) rather than a path.

    >>> is_url("https://example.org/a.xlsx"), is_url("ftp://example.org/a"), is_url("raw/a.xlsx")
    (True, True, False)
    """
    return bool(_URL.match(text))


def check_url(url: str) -> None:
    """Refuse a URL ``add`` will not download: only http and https, with a host.

    >>> check_url("https://example.org/a.xlsx")
    >>> check_url("ftp://example.org/a.xlsx")
    Traceback (most recent call last):
    ...
    pipeline.plumbing.errors.AddError: ftp://example.org/a.xlsx: only http:// and https:// URLs are downloaded
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise AddError("only http:// and https:// URLs are downloaded", url)
    if not parts.hostname:
        raise AddError("the URL names no host", url)


def safe_name(raw: str | None) -> str | None:
    """A file name fit for the manifest's folder from one a server or a URL gave: its last path part,
    without control characters or leading dots (never a hidden file, never outside the folder).

    >>> safe_name("../../etc/passwd"), safe_name("C:\\\\docs\\\\answer.xlsx"), safe_name(" .hidden.csv ")
    ('passwd', 'answer.xlsx', 'hidden.csv')
    >>> safe_name(".."), safe_name(""), safe_name("a\\x00b.pdf")
    (None, None, 'ab.pdf')
    """
    if not raw:
        return None
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".").strip()
    if not name:
        return None
    if len(name) > _NAME_LIMIT:
        suffix = Path(name).suffix[:16]
        name = name[: _NAME_LIMIT - len(suffix)] + suffix
    return name


def disposition_name(header: str | None) -> str | None:
    """The file name a Content-Disposition header gives (``filename*``, RFC 6266, before ``filename``).

    >>> disposition_name('attachment; filename="FOI answer.xlsx"')
    'FOI answer.xlsx'
    >>> disposition_name("attachment; filename=\\"reponse.csv\\"; filename*=UTF-8''r%C3%A9ponse.csv")
    'réponse.csv'
    >>> disposition_name('attachment; filename="../x.pdf"'), disposition_name("inline")
    ('x.pdf', None)
    """
    if not header:
        return None
    from email.message import Message
    from email.utils import collapse_rfc2231_value

    message = Message()
    message["content-disposition"] = header
    values = [v for k, v in message.get_params(header="content-disposition", failobj=[]) if k == "filename"]
    extended = [v for v in values if isinstance(v, tuple)]
    plain = [v for v in values if isinstance(v, str)]
    if extended:
        return safe_name(collapse_rfc2231_value(extended[0]))
    return safe_name(plain[0]) if plain else None


def url_name(url: str) -> str | None:
    """The file name at the end of a URL's path.

    >>> url_name("https://example.org/files/FOI%20answer.xlsx?download=1"), url_name("https://example.org/")
    ('FOI answer.xlsx', None)
    """
    return safe_name(unquote(urlsplit(url).path).rsplit("/", 1)[-1])


def content_type_format(content_type: str | None) -> str | None:
    """The format a Content-Type names, if it names one.

    >>> content_type_format("text/csv; charset=utf-8"), content_type_format("text/plain")
    ('csv', None)
    """
    if not content_type:
        return None
    return CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def choose_format(data: bytes, name: str, content_type: str | None = None) -> str:
    """A document's format: from its bytes (signatures, markup), then a server's Content-Type for a text
    body (a ``text/csv`` body is CSV whatever its name), then the file name (``.csv``, ``.tsv``).

    >>> choose_format(b"a,b\\n1,2\\n", "export", "text/csv; charset=utf-8")
    'csv'
    >>> choose_format(b"a,b\\n1,2\\n", "answer.csv"), choose_format(b"<html><table>", "x.csv", "text/csv")
    ('csv', 'html')
    """
    from pipeline.readers import detect

    hinted = content_type_format(content_type)
    if hinted is not None and detect(data) == "foi-text":
        return hinted
    return detect(data, name)


def needs_format(data: bytes, name: str, fmt: str) -> bool:
    """Whether the manifest must say ``format = fmt``: when the bytes alone, or the bytes and the file
    name as ``run`` sees them, would give another format.

    >>> needs_format(b"%PDF-1.7", "a.pdf", "pdf"), needs_format(b"a,b\\n", "a.csv", "csv")
    (False, True)
    >>> needs_format(b"a,b\\n", "export", "csv"), needs_format(b"Name\\n\\nVolume\\n", "a.txt", "foi-text")
    (True, False)
    """
    from pipeline.readers import detect

    try:
        return detect(data) != fmt or detect(data, name) != fmt
    except SourceError:
        return True


def iso_date(text: str) -> dt.date:
    """An ``--as-at`` date: YYYY-MM-DD, a day that exists.

    >>> iso_date("2016-06-17")
    datetime.date(2016, 6, 17)
    >>> iso_date("17/06/2016")
    Traceback (most recent call last):
    ...
    pipeline.plumbing.errors.AddError: --as-at '17/06/2016' is not a date written YYYY-MM-DD (2016-06-17)
    """
    if _DATE.fullmatch(text.strip()):
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise AddError(f"--as-at {text!r} is not a day that exists") from None
    raise AddError(f"--as-at {text!r} is not a date written YYYY-MM-DD (2016-06-17)")


def sheet_option(raw: str | None) -> str | int | None:
    """``--sheet``: a position when it is a whole number (1 is the first sheet), else a sheet's name.

    >>> sheet_option("2"), sheet_option("Bulk datasets"), sheet_option(None)
    (2, 'Bulk datasets', None)
    """
    if raw is None:
        return None
    if raw.strip().isdigit():
        if int(raw) < 1:
            raise AddError("--sheet must be a sheet's name or its position (1 is the first)")
        return int(raw)
    return raw


def human_size(n: int) -> str:
    """A byte count as people say it (decimal units).

    >>> human_size(100_000_000), human_size(1_500), human_size(20)
    ('100 MB', '1.5 KB', '20 bytes')
    """
    for size, unit in ((10**9, "GB"), (10**6, "MB"), (10**3, "KB")):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


def make_entry(
    *,
    sid: str,
    path: str,
    body: str,
    reference: str,
    as_at: dt.date,
    url: str,
    sha256: str,
    fmt: str | None = None,
    sheet: str | int | None = None,
) -> dict:
    """The ``[[sources]]`` entry, its keys in the order the shipped manifest writes them."""
    entry: dict = {"id": sid, "path": path}
    if fmt is not None:
        entry["format"] = fmt
    if sheet is not None:
        entry["sheet"] = sheet
    entry.update(body=body, reference=reference, as_at=as_at, url=url, sha256=sha256)
    return entry


def render_entry(entry: dict) -> str:
    """The entry as TOML, written by tomlkit (quoting and escapes are its business).

    >>> print(render_entry({"id": "a", "path": 'say "hi".csv', "as_at": dt.date(2016, 6, 17)}), end="")
    [[sources]]
    id = "a"
    path = "say \\"hi\\".csv"
    as_at = 2016-06-17
    """
    import tomlkit

    table = tomlkit.table()
    for key, value in entry.items():
        table.add(key, value)
    sources = tomlkit.aot()
    sources.append(table)
    document = tomlkit.document()
    document.append("sources", sources)
    return tomlkit.dumps(document)


def appended(old: str | None, entry_text: str) -> tuple[str, int]:
    """The manifest's new text and the line the entry starts on: the old text exactly as it was (a
    missing manifest: :data:`NEW_MANIFEST`), a line end if it lacked one, a blank line, the entry, its
    lines ended as the old text ends them.

    >>> appended("# sources\\n[[sources]]\\nid = 'a'", "[[sources]]\\nid = 'b'\\n")
    ("# sources\\n[[sources]]\\nid = 'a'\\n\\n[[sources]]\\nid = 'b'\\n", 5)
    >>> appended("id = 'a'\\r\\n", "[[sources]]\\n")
    ("id = 'a'\\r\\n\\r\\n[[sources]]\\r\\n", 3)
    """
    head = NEW_MANIFEST if old is None else old
    end = "\r\n" if "\r\n" in head else "\n"
    if head and not head.endswith("\n"):
        head += end
    if head.strip() and not head.endswith(end * 2):
        head += end
    return head + entry_text.replace("\n", end), head.count("\n") + 1


def first_rows(extraction: Extraction, limit: int = FIRST_ROWS) -> list[str]:
    """The first ``limit`` datasets as ``run`` will read them: where each is, its name, and each volume
    cell with its figures (under the default policy and the column's unit, as the parse stage reads it).
    """
    from pipeline.stages.parse import BLANK
    from pipeline.volumes import DEFAULT_POLICY, parse_volume
    from pipeline.volumes.explain import summary

    lines: list[str] = []
    seen: list[int] = []
    for row in extraction.rows:
        if row["row"] not in seen:
            if len(seen) == limit:
                break
            seen.append(row["row"])
            lines.append(f"    {row['row_location']}: {row['dataset_name']}")
        if row["problem"] is not None:
            lines.append(f"      quarantined: {row['problem']}")
            continue
        policy = DEFAULT_POLICY
        if row["column_unit"] is not None:
            policy = dataclasses.replace(policy, column_unit=row["column_unit"])
        text = row["volume_text"]
        figures = summary(parse_volume(text, policy)) if text.strip() else f"(blank) -> {summary(BLANK)[4:]}"
        lines.append(f"      {row['volume_column']}: {figures}")
    return lines


def report(extraction: Extraction, *, name: str, size: int, how: str) -> list[str]:
    """What ``add`` found in the document, as lines for stderr."""
    datasets = len({r["row"] for r in extraction.rows})
    encoding = f", {extraction.encoding}" if extraction.encoding else ""
    lines = [f"add: {name}: {human_size(size)}, {extraction.format}{encoding} ({how})"]
    for found in extraction.found:
        header = found.header
        lines.append(f"  table: {found.table.where or 'the document'}, header at {header[0].where}")
        lines.append("  header: " + " | ".join(c.text for c in header if c.text))
        lines.append(f"  columns: {found.mapping.describe(header)}")
        units = [f"{v.header!r}: bare numbers are {v.unit}" for v in found.mapping.volumes if v.unit]
        if units:
            lines.append(f"  units: {'; '.join(units)}")
        if found.mapping.attributes:
            kept = ", ".join(repr(h) for _, h in found.mapping.attributes)
            lines.append(f"  kept as attributes: {kept}")
    quarantined = len({r["row"] for r in extraction.rows if r["problem"] is not None})
    lines.append(
        f"  datasets: {datasets}"
        + (f", {quarantined} that do not fit the table (run quarantines them)" if quarantined else "")
        + (f"; {len(extraction.skipped)} set aside" if extraction.skipped else "")
    )
    lines.extend(f"  set aside: {s.where}: {s.text!r}: {s.reason}" for s in extraction.skipped[:FIRST_ROWS])
    if len(extraction.skipped) > FIRST_ROWS:
        lines.append(f"  set aside: ... and {len(extraction.skipped) - FIRST_ROWS} more")
    lines.append(f"  first {min(datasets, FIRST_ROWS)} of {datasets} datasets:")
    lines.extend(first_rows(extraction))
    return lines


# -- I/O at the edges --------------------------------------------------------------------------


def add(request: Request, say: Say) -> Added:
    """Bring ``request.document`` into ``request.manifest`` (see the module docstring); ``say`` shows
    what was found. Raises a :class:`PipelineError` (one line) having written nothing."""
    manifest = Path(request.manifest)
    given_as_at, sheet = _check_request(request)
    old, used_paths = _read_manifest(manifest, request.id)
    got = _Fetched(request, manifest.parent)
    try:
        got.fetch()
        found = _find(request, got, sheet, used_paths, manifest)
        as_at, as_at_why = _as_at(given_as_at, found.extraction)
        reference = request.reference if request.reference is not None else request.id
        url = request.url if request.url is not None else (got.url or "")
        digest = hashlib.sha256(got.data).hexdigest()
        entry = make_entry(
            sid=request.id,
            path=found.name,
            body=request.body,
            reference=reference,
            as_at=as_at,
            url=url,
            sha256=digest,
            fmt=found.fmt if found.record else None,
            sheet=sheet,
        )
        text, line = appended(old, render_entry(entry))
        _check_appended(text, entry, manifest)

        how = (
            "given"
            if request.format
            else "detected" + (", recorded: it needs the file name" if found.record else "")
        )
        for message in report(found.extraction, name=found.name, size=len(got.data), how=how):
            say(message)
        if got.url is not None:
            say(f"  downloaded: {got.final_url} ({got.content_type or 'no Content-Type'})")
        say(f"  as_at = {as_at.isoformat()} ({as_at_why})")
        if request.reference is None:
            say(f'  reference = "{reference}" (the id; --reference gives the body\'s own reference)')
        if request.url is None and got.url is not None:
            say(f'  url = "{url}" (the URL downloaded; --url gives another)')
        elif request.url is None:
            say('  url = "" (none given: --url says where the answer was published)')

        got.place(found.target)
        try:
            _replace_manifest(manifest, old, text)
        except BaseException:
            got.unplace(found.target)
            raise
    finally:
        got.discard()
    say(
        f"added: source {request.id!r} ({found.name}, sha256 {digest[:12]}...) to {display_path(manifest)}"
        f" at line {line}; `python -m pipeline run --manifest {display_path(manifest)}` reads it"
    )
    return Added(found.target, entry, line)


def _check_request(request: Request) -> tuple[dt.date | None, str | int | None]:
    """Refuse what is wrong in the arguments themselves; the ``--as-at`` date and ``--sheet``, read."""
    from pipeline.readers import FORMATS

    if not ID_PATTERN.match(request.id):
        raise AddError(f"--id {request.id!r}: an id is {ID_RULE}")
    if request.format is not None and request.format not in FORMATS:
        raise AddError(f"--format {request.format!r} is not a format read here (known: {', '.join(FORMATS)})")
    if request.name is not None and safe_name(request.name) != request.name:
        raise AddError(f"--name {request.name!r} must be a plain file name: no folder, not starting with '.'")
    if is_url(request.document):
        check_url(request.document)
    return (iso_date(request.as_at) if request.as_at is not None else None), sheet_option(request.sheet)


class _Fetched:
    """The document's bytes, from a local file or a download, and where they go in the folder. A
    download (or a local copy about to be placed) waits in a temporary ``part`` file until
    :meth:`place`; :meth:`discard` removes whatever was not placed."""

    def __init__(self, request: Request, folder: Path) -> None:
        self.request, self.folder = request, folder
        self.url = request.document if is_url(request.document) else None
        self.local = None if self.url is not None else Path(request.document)
        self.part: Path | None = None
        self.data = b""
        self.base = ""  # the file name before a download's extension is added
        self.content_type: str | None = None
        self.final_url: str | None = None
        self.placed = False  # whether place() put a copy at the target (unplace() removes it)
        self.shown = self.url or display_path(Path(request.document))  # how errors name the document

    def fetch(self) -> None:
        if self.url is not None:
            got = download(self.url, self.folder, self.request.max_bytes, self.request.timeout)
            self.part, self.content_type, self.final_url = got.part, got.content_type, got.final_url
            self.data = got.part.read_bytes()
            self.base = self.request.name or got.name or self.request.id
        else:
            assert self.local is not None
            self.data = _read_local(self.local)
            self.base = self.request.name or self.local.name

    def in_place(self, target: Path) -> bool:
        """Whether the local document already is ``target`` (it is in the manifest's folder)."""
        return self.local is not None and target.exists() and self.local.resolve() == target.resolve()

    def place(self, target: Path) -> None:
        if not self.in_place(target):
            self.part = self.part or _write_part(self.folder, self.data)
            _publish(self.part, target)
            self.part = None
            self.placed = True

    def unplace(self, target: Path) -> None:
        if self.placed:
            target.unlink(missing_ok=True)
            self.placed = False

    def discard(self) -> None:
        if self.part is not None:
            self.part.unlink(missing_ok=True)
            self.part = None


@dataclass
class _Found:
    name: str
    target: Path
    fmt: str
    record: bool  # whether the entry must say the format
    extraction: Extraction


def _find(
    request: Request, got: _Fetched, sheet: str | int | None, used_paths: dict[str, str], manifest: Path
) -> _Found:
    """The document's file name, format and table, read as ``run`` will read them."""
    from pipeline.readers import ReadOptions
    from pipeline.stages.extract import extract_document

    try:
        fmt = request.format or choose_format(got.data, got.base, got.content_type)
    except SourceError as exc:
        raise exc.at(got.shown) from None
    if sheet is not None and fmt not in WORKBOOKS:
        raise AddError(
            f"--sheet is for workbooks ({', '.join(WORKBOOKS)}); this document is {fmt}", got.shown
        )
    name = got.base
    if got.url is not None and request.name is None and Path(name).suffix.lower() not in SUFFIXES:
        name += EXTENSIONS[fmt]  # a download named "export", "12345" or "get.php": say what it is
    target = manifest.parent / name
    if not got.in_place(target) and (target.exists() or target.is_symlink()):
        raise AddError(
            f"{name} is already in {display_path(manifest.parent)}: give the copy another name with --name"
        )
    if _key(target) in used_paths:
        raise AddError(
            f"{name} is already the path of source {used_paths[_key(target)]!r}: give another --name",
            manifest,
        )
    record = request.format is not None or needs_format(got.data, name, fmt)
    try:
        extraction = extract_document(
            got.data, request.id, fmt=fmt if record else None, name=name, options=ReadOptions(sheet=sheet)
        )
    except SourceError as exc:
        raise exc.at(got.shown) from None
    return _Found(name, target, fmt, record, extraction)


def download(url: str, folder: Path, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT) -> Download:
    """Stream ``url`` into a temporary file in ``folder`` (following redirects), refusing a body larger
    than ``max_bytes`` (announced or sent) and a server silent for ``timeout`` seconds (to connect, or
    between one piece of the body and the next). On any failure the temporary file is removed."""
    import httpx

    from pipeline import __version__

    part = _new_part(folder)
    try:
        try:
            with (
                httpx.Client(
                    follow_redirects=True,
                    timeout=timeout,
                    headers={"User-Agent": f"foi-volumes/{__version__} (python -m pipeline add)"},
                ) as client,
                client.stream("GET", url) as response,
            ):
                if not response.is_success:
                    raise AddError(
                        f"download failed: HTTP {response.status_code} {response.reason_phrase}".rstrip(), url
                    )
                announced = response.headers.get("content-length", "")
                if announced.isdigit() and int(announced) > max_bytes:
                    raise AddError(
                        f"download refused: {human_size(int(announced))} is more than the limit of"
                        f" {human_size(max_bytes)} (--max-bytes)",
                        url,
                    )
                received = 0
                with part.open("wb") as out:
                    for chunk in response.iter_bytes():
                        received += len(chunk)
                        if received > max_bytes:
                            raise AddError(
                                f"download stopped: more than the limit of {human_size(max_bytes)}"
                                " (--max-bytes)",
                                url,
                            )
                        out.write(chunk)
                name = disposition_name(response.headers.get("content-disposition"))
                name = name or url_name(str(response.url)) or url_name(url)
                return Download(part, name, response.headers.get("content-type"), str(response.url))
        except httpx.TimeoutException:
            raise AddError(
                f"download timed out: the server sent nothing for {timeout:g} s (--timeout)", url
            ) from None
        except httpx.TooManyRedirects:
            raise AddError("download failed: too many redirects", url) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise AddError(f"download failed: {exc.__class__.__name__}: {exc}", url) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _read_manifest(manifest: Path, sid: str) -> tuple[str | None, dict[str, str]]:
    """The manifest's text (None when it does not exist yet: ``add`` creates it) and the paths its
    sources name (path -> id); refuses an id already there."""
    if not manifest.exists():
        if not manifest.parent.is_dir():
            raise ManifestError(
                f"the manifest's folder {display_path(manifest.parent)} does not exist", manifest
            )
        return None, {}
    try:
        text = manifest.read_bytes().decode("utf-8")  # as it is: line ends untranslated
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest ({exc.__class__.__name__})", manifest) from None
    sources = parse_toml(text, manifest).get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise ManifestError("sources is not a list of [[sources]] tables", manifest)
    if any(s.get("id") == sid for s in sources):
        raise ManifestError(
            f"source id {sid!r} is already in the manifest: choose another --id",
            manifest,
            _line_of_id(text, sid),
        )
    folder = manifest.parent
    return text, {_key(folder / str(s["path"])): str(s.get("id")) for s in sources if "path" in s}


def _key(path: Path) -> str:
    """A path as compared with the paths the manifest names."""
    return os.path.normcase(os.path.abspath(path))


def _read_local(path: Path) -> bytes:
    shown = display_path(path)
    if not path.exists():
        raise SourceError("file not found", shown)
    if not path.is_file():
        raise SourceError("not a file", shown)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read document ({exc.strerror or exc.__class__.__name__})", shown) from None


def _as_at(given: dt.date | None, extraction: Extraction) -> tuple[dt.date, str]:
    """The entry's ``as_at`` and why: the date given, else the table's own; else a refusal."""
    table = extraction.as_at
    if given is not None:
        differs = table is not None and table != given.isoformat()
        return given, "given" + (f"; the table says as at {table}" if differs else "")
    if table is not None:
        return dt.date.fromisoformat(table), "the table's own 'as at' date; --as-at gives another"
    where = extraction.found[0].header[0].where if extraction.found else "the document"
    raise AddError(
        f"the table (header at {where}) gives no 'as at' date: say which day the answer describes with"
        " --as-at YYYY-MM-DD"
    )


def _check_appended(text: str, entry: dict, manifest: Path) -> None:
    """The new manifest is TOML whose last source is exactly the entry (not so when the manifest holds
    ``sources`` as something other than an array of tables, say)."""
    try:
        sources = parse_toml(text, manifest).get("sources")
    except ManifestError as exc:
        raise ManifestError(
            f"an entry cannot be appended to this manifest ({exc.message})", manifest
        ) from None
    if not isinstance(sources, list) or not sources or sources[-1] != entry:
        raise ManifestError(
            "an entry appended to this manifest would not read back as a [[sources]] entry", manifest
        )


def _new_part(folder: Path) -> Path:
    """A new, empty temporary file in ``folder``: hidden, ``.part``, with the mode the umask gives."""
    for _ in range(100):
        part = folder / f".add-{secrets.token_hex(6)}.part"
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise AddError(f"cannot write in {display_path(folder)} ({exc.strerror})") from None
        return part
    raise AddError(f"cannot make a temporary file in {display_path(folder)}")  # pragma: no cover


def _write_part(folder: Path, data: bytes) -> Path:
    part = _new_part(folder)
    try:
        part.write_bytes(data)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def _publish(part: Path, target: Path) -> None:
    """Move the complete ``part`` to ``target`` without ever replacing a file already there."""
    try:
        os.link(part, target)
    except FileExistsError:
        raise AddError(
            f"{target.name} appeared in {display_path(target.parent)} meanwhile: nothing added"
        ) from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise AddError(f"{target.name} appeared in {display_path(target.parent)} meanwhile") from None
        os.replace(part, target)
        return
    part.unlink()


def _replace_manifest(manifest: Path, old: str | None, text: str) -> None:
    """Write the manifest's new text by an atomic rename, if nobody changed it since it was read."""
    current = manifest.read_bytes().decode("utf-8") if manifest.exists() else None
    if current != old:
        raise AddError("the manifest changed while the document was being added: run add again", manifest)
    part = _new_part(manifest.parent)
    try:
        part.write_text(text, encoding="utf-8", newline="")
        if old is not None:
            shutil.copymode(manifest, part)
        os.replace(part, manifest)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise AddError(
            f"cannot write the manifest ({exc.strerror or exc.__class__.__name__})", manifest
        ) from None
    except BaseException:
        part.unlink(missing_ok=True)
        raise


__all__ = ["Added", "Download", "Request", "add", "download"]

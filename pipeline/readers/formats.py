"""One interface, many formats: :func:`read` takes a document's bytes and returns its tables.

Each format is a function ``(data: bytes, options: ReadOptions) -> Reading`` in a module of this
package, named in :data:`FORMATS` and imported only when a document of that format is read (so
``import pipeline.readers`` loads no spreadsheet, HTML or PDF library). Decoding happens inside the
text readers: a binary format is never refused before its reader sees it.

When the manifest gives no ``format``, :func:`detect` reads it from the bytes (a ZIP's parts, a
PDF's or an OLE file's signature, HTML markup) and then from the file name.
"""

from __future__ import annotations

import codecs
import importlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from pipeline.plumbing.errors import SourceError

from .model import Reading, ReadOptions

#: format name -> "module:function" of its reader, relative to this package.
FORMATS: dict[str, str] = {
    "foi-text": "text:read_text",  # an answer as text: paragraphs, or tab, pipe or space-aligned rows
    "csv": "delimited:read_csv",  # CSV and TSV exports
    "xlsx": "spreadsheet:read_spreadsheet",
    "xls": "spreadsheet:read_spreadsheet",
    "ods": "spreadsheet:read_spreadsheet",
    "html": "web:read_html",
    "docx": "word:read_docx",
    "pdf": "pdf:read_pdf",
}
#: What each format is, for help texts and the README.
DESCRIPTIONS = {
    "foi-text": "an answer as plain text: a table as paragraphs (name, purpose, volume), or rows "
    "separated by tabs, pipes (Markdown) or runs of spaces",
    "csv": "comma, semicolon or tab separated values (the delimiter is sniffed)",
    "xlsx": "Excel workbook (.xlsx, .xlsm)",
    "xls": "Excel 97-2003 workbook (.xls)",
    "ods": "OpenDocument spreadsheet (.ods)",
    "html": "web page: <table> markup, or an answer written as paragraphs",
    "docx": "Word document: the table(s) of the letter",
    "pdf": "PDF with a text layer: tables over one or more pages",
}

_EXTENSIONS = {
    ".txt": "foi-text",
    ".text": "foi-text",
    ".md": "foi-text",
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table)\b", re.I | re.S
)


def reader(fmt: str) -> Callable[[bytes, ReadOptions], Reading]:
    """The reader function of format ``fmt`` (imported on first use)."""
    module, _, function = FORMATS[fmt].partition(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)


def detect(data: bytes, name: str | Path = "") -> str:
    """The format of a document, from its bytes and then its file name.

    >>> detect(b"%PDF-1.7 ..."), detect(b"<!DOCTYPE html><p>x"), detect(b"a,b\\n1,2\\n", "x.csv")
    ('pdf', 'html', 'csv')
    >>> detect(b"Name of Dataset\\n\\nPurpose\\n"), detect(b"x\\ty\\n", "answer.tsv")
    ('foi-text', 'csv')
    """
    suffix = Path(name).suffix.lower()
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data, suffix)
    if head.startswith(_OLE):
        if _ENCRYPTED in data:
            raise SourceError(
                "the document is password-protected (encrypted): save a copy without a password"
            )
        if suffix in (".xls", ""):
            return "xls"
        if suffix == ".doc":
            raise SourceError("a Word 97-2003 .doc is not read: save it as .docx or PDF")
        raise SourceError(f"an OLE compound file ({suffix}) is not a format read here")
    if _HTML.match(_text_head(data)):
        return "html"
    if suffix in _EXTENSIONS and _EXTENSIONS[suffix] in ("csv", "html", "foi-text"):
        return _EXTENSIONS[suffix]
    if suffix in _EXTENSIONS:  # a binary format's name on something that does not look like it
        raise SourceError(
            f"the file is named {suffix} but its bytes are not a {_EXTENSIONS[suffix]} document"
        )
    return "foi-text"


def _text_head(data: bytes) -> bytes:
    """The first 4 KB of a document as ASCII-compatible bytes, for markup sniffing: a UTF-8 byte order
    mark removed, UTF-16 (with its mark) decoded.

    >>> _text_head(b"\\xef\\xbb\\xbf<html>"), _text_head("\\ufeff<html>".encode("utf-16-be"))
    (b'<html>', b'<html>')
    """
    head = data[:4096]
    if head.startswith(codecs.BOM_UTF8):
        return head[len(codecs.BOM_UTF8) :]
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore").encode("ascii", errors="replace")
    return head


def _zip_format(data: bytes, suffix: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SourceError("a ZIP container (an Office document?) that is corrupt or truncated") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        mimetype = zipfile.ZipFile(io.BytesIO(data)).read("mimetype")
        if b"spreadsheet" in mimetype:
            return "ods"
        raise SourceError(
            f"an OpenDocument file that is not a spreadsheet ({mimetype.decode(errors='replace')})"
        )
    raise SourceError("a ZIP archive that is not an XLSX, ODS or DOCX document")


def read(data: bytes, fmt: str | None = None, options: ReadOptions | None = None, name: str = "") -> Reading:
    """Read a document's bytes as ``fmt`` (detected when None). Errors are :class:`SourceError`
    without the path (the caller adds it); a library's own failure on corrupt input becomes one too.
    """
    if not data.strip():
        raise SourceError("document is empty")
    fmt = fmt or detect(data, name)
    if fmt not in FORMATS:
        raise SourceError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    try:
        reading = reader(fmt)(data, options or ReadOptions())
    except SourceError:
        raise
    except Exception as exc:  # a library refusing bytes it cannot read: corrupt, truncated, not this format
        detail = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
        raise SourceError(
            f"cannot read as {fmt} ({exc.__class__.__name__}{': ' + detail if detail else ''}):"
            " is the file corrupt, truncated or another format?"
        ) from None
    reading.format = fmt
    return reading

"""The Word reader: a .docx letter's tables, or, in a letter without one, its paragraphs.

python-docx opens the package (content types, relationships, the main document part) and parses the
XML; the tables are read from the body's elements, so that what python-docx's table API leaves out
is not lost: tables and rows inside content controls (``w:sdt``), runs inside content controls,
tracked insertions and fields, and rows that begin after the first grid column (``w:gridBefore``).

Every top-level table of the body, in document order, is a :class:`Table` (``table N``; its rows
``table N, row M``). A cell's text is its paragraphs joined by line breaks (each stripped, the empty
ones left out), then ``clean``; a table inside a cell is text of that cell (its rows one line each, its
cells a space apart), never a table
of its own, so no row is read twice. Text deleted with track changes is not read (the document as
it stands with the changes accepted); a row deleted with track changes is set aside in
``Table.skipped``. Text boxes and headers and footers are not part of the body and are not read.

A merged cell gives its text once, at its first grid position, and empty cells at the others: a
horizontal span (``w:gridSpan``) in its own row, a vertical one (``w:vMerge``) in the rows below, so
later cells keep their columns. A merge is known from the XML elements (which ``w:tc`` starts the span
at each grid column), never by comparing texts: two neighbouring cells may hold the same words.

A letter whose tables are all layout tables (:func:`.fallback.is_layout`), or that has none, is read
as paragraphs as well (``paragraph N``: N counts the paragraphs with text, tables' included, in
document order; Word has no lines).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from pipeline.plumbing.errors import SourceError

from . import fallback
from .model import Cell, Reading, ReadOptions, Skipped, Table, clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Elements that only wrap the body's content (content controls, custom XML): read through them.
_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml"})
#: Elements whose runs are not the text the document shows: deleted or moved-away text, text boxes
#: (and the fallback copy Word keeps of each), a content control's properties.
_NOT_TEXT = frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{MC}Fallback", f"{W}sdtPr"})
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx(data: bytes, options: ReadOptions) -> Reading:
    """A Word document's tables (and its paragraphs, when it has no grid); see the module docstring."""
    body = getattr(_open(data).element, "body", None)
    if body is None:  # the main part is not WordprocessingML as python-docx reads it
        raise SourceError(
            "the .docx has no document body python-docx can read (a Strict Open XML document?):"
            " save it from Word as a Word Document (.docx)"
        )
    tables = [docx_table(tbl, n) for n, tbl in enumerate(_children(body, f"{W}tbl"), 1)]
    if tables and not all(fallback.is_layout(table) for table in tables):
        return Reading(tables=tables, format="docx")
    paragraphs = body_paragraphs(body)
    if not tables and not paragraphs and body.find(f".//{W}altChunk") is not None:
        raise SourceError(
            "the Word document's content is an embedded file (w:altChunk), which is not read:"
            " open it in Word and save it again"
        )
    tables = fallback.with_paragraphs(tables, paragraphs, "Word document")
    return Reading(tables=tables, format="docx")


def _open(data: bytes) -> Any:
    """The python-docx Document of ``data``, or a SourceError saying what the bytes are instead."""
    import docx
    from lxml import etree

    if data.startswith(_OLE):
        raise SourceError(
            "not a .docx: a Word 97-2003 .doc or a password-protected document"
            " (save it as .docx, without a password)"
        )
    if not data.startswith(b"PK"):
        raise SourceError("not a .docx: the bytes are not a ZIP package (is it another format?)")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, OSError):
        raise SourceError("the .docx is corrupt or truncated: its ZIP container cannot be read") from None
    except KeyError as exc:  # a part the package must have is missing
        raise SourceError(f"not a Word document: a ZIP archive without a Word part ({exc.args[0]})") from None
    except ValueError as exc:  # "file '...' is not a Word file, content type is '...'"
        kind = str(exc).rpartition("content type is ")[2].strip("'") or "not Word"
        raise SourceError(
            f"an Office document that is not a Word document (its content type is {kind})"
        ) from None
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"the .docx is corrupt: its XML is not well formed ({exc.msg})") from None


def _children(element: Any, *tags: str) -> Iterator[Any]:
    """The children of ``element`` with one of ``tags``, read through content controls and custom XML."""
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, *tags)


def _val(element: Any, path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` under ``element``; "" when it has none, None when absent."""
    found = element.find(path)
    return None if found is None else found.get(f"{W}val", "")


def _count(value: str | None, default: int = 1) -> int:
    """A span or a count of grid columns: an integer up to 1,000 (Word allows 63 columns), ``default``
    when absent or unreadable.

    >>> [_count(v) for v in ("3", None, "", "x", "0", "²", "99999")], _count(None, 0)
    ([3, 1, 1, 1, 1, 1, 1000], 0)
    """
    if not value or not (value.isascii() and value.isdigit()) or int(value) < default:
        return default
    return min(int(value), 1000)


def _excluded(element: Any, within: Any) -> bool:
    """Whether ``element`` is in a part of ``within`` that is not its shown text (see ``_NOT_TEXT``)."""
    for ancestor in element.iterancestors():
        if ancestor is within:
            return False
        if ancestor.tag in _NOT_TEXT or ancestor.tag == f"{W}p":
            return True
    return False


def paragraph_text(p: Any) -> str:
    """A paragraph's text as Word shows it: every run's (tabs, line breaks), in content controls,
    hyperlinks, fields and tracked insertions too; not deleted text, nor text boxes."""
    return "".join(run.text for run in p.iter(f"{W}r") if not _excluded(run, p))


def cell_text(tc: Any) -> str:
    """A cell's text: its paragraphs with text, each stripped, joined by line breaks (the empty
    paragraphs Word keeps in a cell, after a table inside it for one, make no blank line); a table
    inside the cell as lines, a row each; cleaned.
    """
    parts = []
    for block in _children(tc, f"{W}p", f"{W}tbl"):
        if block.tag == f"{W}p":
            parts.append(clean(paragraph_text(block)))
        else:
            for _, texts in table_grid(block):
                parts.append(" ".join(" ".join(t.split("\n")) for t in texts if t))
    return clean("\n".join(part for part in parts if part))


def table_grid(tbl: Any) -> list[tuple[Any, list[str]]]:
    """A table's rows as ``(w:tr, texts)`` on its grid: a merged cell's text at its first position.

    Each grid column remembers the ``w:tc`` that covers it in the row above; a ``w:vMerge`` cell that
    continues (``w:vMerge`` without ``w:val="restart"``) below such a cell is part of it and gives
    ``""`` (its own text if, unusually, it has any: nothing is dropped). A ``w:gridSpan`` gives ``""``
    at the positions after its first; ``w:gridBefore`` leading empty positions.
    """
    rows: list[tuple[Any, list[str]]] = []
    above: dict[int, Any] = {}  # grid column -> the w:tc that starts the cell covering it, row above
    for tr in _children(tbl, f"{W}tr"):
        col = _count(_val(tr, f"{W}trPr/{W}gridBefore"), default=0)
        texts = [""] * col
        covering: dict[int, Any] = {}
        for tc in _children(tr, f"{W}tc"):
            span = _count(_val(tc, f"{W}tcPr/{W}gridSpan"))
            merge = _val(tc, f"{W}tcPr/{W}vMerge")
            origin = above.get(col) if merge is not None and merge != "restart" else None
            if origin is None:
                origin = tc
                texts.append(cell_text(tc))
            else:  # below the start of a vertical merge: the text was given there
                texts.append(cell_text(tc) if _has_text(tc) else "")
            texts.extend([""] * (span - 1))
            for c in range(col, col + span):
                covering[c] = origin
            col += span
        above = covering
        rows.append((tr, texts))
    return rows


def _has_text(tc: Any) -> bool:
    return any(paragraph_text(p).strip() for p in tc.iter(f"{W}p") if not _excluded(p, tc))


def docx_table(tbl: Any, n: int) -> Table:
    """Table ``n`` of the body: its rows on the grid, deleted rows set aside, trailing empty rows dropped."""
    where = f"table {n}"
    rows: list[list[Cell]] = []
    skipped: list[Skipped] = []
    for m, (tr, texts) in enumerate(table_grid(tbl), 1):
        row_where = f"{where}, row {m}"
        if tr.find(f"{W}trPr/{W}del") is not None:
            text = " | ".join(t for t in texts if t)
            skipped.append(Skipped(row_where, text, "a row deleted (track changes)"))
            continue
        rows.append([Cell(t, row_where) for t in texts])
    while rows and not any(cell.text for cell in rows[-1]):
        rows.pop()
    return Table(rows=rows, where=where, skipped=skipped)


def body_paragraphs(body: Any) -> list[Cell]:
    """The body's paragraphs with text, in document order (tables' included), each at ``paragraph N``."""
    paragraphs: list[Cell] = []
    for p in body.iter(f"{W}p"):
        if _excluded(p, body):
            continue
        if text := clean(paragraph_text(p)):
            paragraphs.append(Cell(text, f"paragraph {len(paragraphs) + 1}"))
    return paragraphs

"""Spreadsheets (XLSX, XLSM, XLSB, XLS, ODS) -> one table per sheet, each row numbered as the application
shows it.

`python-calamine <https://github.com/dimastbk/python-calamine>`_ reads every one of these formats (a Rust
reader, many times faster than openpyxl on big sheets and light on memory). What this module adds:

- **Sheets.** One :class:`~.model.Table` per sheet, in workbook order, ``where = "sheet 'NAME'"``.
  Hidden and very hidden sheets, chart sheets and sheets with no value are not read unless the
  manifest's ``sheet`` option names them; each is recorded, with the reason, in the first table's
  ``skipped`` (the one place a whole workbook's notes can go). ``sheet`` names a sheet exactly, then
  ignoring case and spaces, or gives its 1-based position in workbook order (hidden sheets count, as
  in every library's numbering; the table's ``where`` names the sheet read, so a miscount shows).
- **Rows.** Every cell's ``where`` is ``sheet 'NAME' row N``, N the row number the application shows:
  calamine trims the empty rows and columns before the first value, and the trimmed rows are added
  back into N. The grid starts at the first column holding a value (empty columns to its left are
  not cells). Rows past the last value (a used range running far below the data, blank formatted
  rows) are dropped; blank rows between values stay, as rows of empty cells.
- **Values.** Numbers, dates and booleans through :func:`~.model.number_text` (``30000``, never
  ``30000.0``; ``2016-06-17``; ``TRUE``), text through :func:`~.model.clean`. A formula gives the
  value the application saved with it (a workbook written by a program that saved no values reads
  empty there). A hyperlinked cell gives its displayed text, not its address. Error values
  (``#N/A``, ``#REF!``) read as their text in XLSX, XLSM and ODS (calamine reads them as empty: they are
  recovered from the sheet's XML); in XLS and XLSB they read empty. In ODS a line break typed in a
  cell stays a line break (calamine drops it, joining the words either side).
- **Merged cells.** The value stays in the top-left cell of a merged range; the other cells of the
  range read empty, even when the file keeps hidden contents there (XLSX, XLS: calamine's merged
  ranges; ODS: covered cells). A volume merged over three rows is one volume, not three.
- **Errors.** A password-protected workbook, a corrupt or truncated file, bytes that are no workbook at
  all, an empty workbook and a ``sheet`` option naming no sheet are each a one-line
  :class:`~pipeline.plumbing.errors.SourceError`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from pipeline.plumbing.errors import SourceError

from .model import Cell, Reading, ReadOptions, Skipped, Table, clean, number_text

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_PASSWORD = "the workbook is password-protected (encrypted): save a copy without a password"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def read_spreadsheet(data: bytes, options: ReadOptions) -> Reading:
    """Read a workbook's sheets (all visible ones, or the one ``options.sheet`` names) as tables."""
    import python_calamine

    fmt = _container(data)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise SourceError(_PASSWORD) from None
    except python_calamine.CalamineError as exc:
        raise SourceError(
            f"the {fmt} workbook cannot be read ({_first_line(exc)}): is it corrupt or truncated?"
        ) from None
    with book:
        metadata = book.sheets_metadata
        names = [sheet.name for sheet in metadata]
        states = [_state(sheet, python_calamine) for sheet in metadata]
        if options.sheet is not None:
            wanted, set_aside = [_find_sheet(names, states, options.sheet)], []
        else:
            wanted = [i for i, state in enumerate(states) if not state]
            set_aside = [
                (i, f"{state}: not read unless the sheet option names it")
                for i, state in enumerate(states)
                if state
            ]
        fixes = _fixes(data, fmt, {names[i] for i in wanted})
        tables = []
        for i in wanted:
            where = f"sheet '{names[i]}'"
            try:
                table = _table(book.get_sheet_by_index(i), where, fixes.get(names[i], {}))
            except python_calamine.PasswordError:
                raise SourceError(_PASSWORD) from None
            except python_calamine.CalamineError as exc:
                raise SourceError(
                    f"the sheet cannot be read ({_first_line(exc)}): is the file corrupt?", where=where
                ) from None
            if table.rows:
                tables.append(table)
            elif options.sheet is not None:
                raise SourceError("the sheet has no cell with a value", where=where)
            else:
                set_aside.append((i, "no cell with a value"))
    if not tables:
        hidden = [f"'{names[i]}'" for i, state in enumerate(states) if "hidden" in state]
        raise SourceError(
            "the workbook has no sheet with a value"
            + (
                f" outside its hidden sheets ({', '.join(hidden)}): name one with the sheet option"
                if hidden
                else ""
            )
        )
    tables[0].skipped[:0] = [Skipped(f"sheet '{names[i]}'", "", reason) for i, reason in sorted(set_aside)]
    return Reading(tables=tables, format=fmt)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:160]


def _container(data: bytes) -> str:
    """The workbook's format from its bytes, refusing encrypted, truncated and non-workbook files with a
    message that says which (calamine only says "Cannot detect file format")."""
    if data.startswith(_OLE):
        if _ENCRYPTED in data:  # an encrypted XLSX is an OLE file holding an EncryptionInfo stream
            raise SourceError(_PASSWORD)
        return "xls"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype")[:200] if "mimetype" in names else b""
                manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError):
            raise SourceError(
                "the workbook is corrupt or truncated (its ZIP container cannot be opened)"
            ) from None
        if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
            return "xlsx"
        if mimetype and not mimetype.strip().startswith(_ODS_MIMETYPE):
            kind = mimetype.decode("ascii", errors="replace").strip()
            raise SourceError(f"an OpenDocument file that is not a spreadsheet ({kind})")
        if "content.xml" in names:
            if b"encryption-data" in manifest:
                raise SourceError(_PASSWORD)
            return "ods"
        raise SourceError("a ZIP archive that is not a workbook (no xl/workbook.xml or content.xml in it)")
    if data[:1] in (b"<", b"\xef") or b"\0" not in data[:4096]:
        raise SourceError(
            "the bytes are not an XLSX, XLS or ODS workbook but text (a CSV or web page saved under a"
            " spreadsheet's name?): give the manifest its real format"
        )
    raise SourceError(
        "the bytes are not an XLSX, XLS or ODS workbook (is the file corrupt or another format?)"
    )


def _state(sheet: Any, calamine: Any) -> str:
    """Why a sheet is not read unless named ("" when it is read)."""
    visible, typ = calamine.SheetVisibleEnum, calamine.SheetTypeEnum
    if sheet.visible == visible.VeryHidden:
        return "a very hidden sheet"
    if sheet.visible == visible.Hidden:
        return "a hidden sheet"
    if sheet.typ == typ.ChartSheet:
        return "a chart sheet"
    if sheet.typ != typ.WorkSheet:
        return "a dialog or macro sheet"
    return ""


def _find_sheet(names: list[str], states: list[str], wanted: str | int) -> int:
    """The index of the sheet ``wanted`` names: exactly, then ignoring case and spaces, then (a string of
    digits, from a manifest that quoted it) as a 1-based position.

    >>> names = ["Contents", "Bulk datasets", "2"]
    >>> _find_sheet(names, [""] * 3, "bulk  Datasets"), _find_sheet(names, [""] * 3, 1)
    (1, 0)
    >>> _find_sheet(names, [""] * 3, "2"), _find_sheet(names, [""] * 3, "3")
    (2, 2)
    """
    if isinstance(wanted, str):
        if wanted in names:
            return names.index(wanted)
        key = _sheet_key(wanted)
        matches = [i for i, name in enumerate(names) if _sheet_key(name) == key]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise SourceError(
                f"the sheet option {wanted!r} matches several sheets ({_listing(names, states, matches)}):"
                " give the exact name"
            )
        if wanted.strip().isdigit():
            wanted = int(wanted)
    if isinstance(wanted, int) and not isinstance(wanted, bool) and 1 <= wanted <= len(names):
        return wanted - 1
    what = f"no sheet {wanted!r}" if isinstance(wanted, str) else f"no sheet at position {wanted}"
    raise SourceError(f"{what} in the workbook; its sheets are {_listing(names, states, range(len(names)))}")


def _sheet_key(name: str) -> str:
    return "".join(name.split()).casefold()


def _listing(names: list[str], states: list[str], indexes: Any) -> str:
    return ", ".join(
        f"{i + 1} '{names[i]}'" + (f" ({states[i].removeprefix('a ')})" if states[i] else "") for i in indexes
    )


def _table(sheet: Any, where: str, fixes: dict[tuple[int, int], str]) -> Table:
    """A sheet's grid as rows of cells, numbered from the sheet's first row (see the module docstring)."""
    start = sheet.start
    if start is None:
        return Table(rows=[], where=where)
    top, left = start
    grid = sheet.to_python(skip_empty_area=True)
    for (at_row, at_col), fixed in fixes.items():  # error values, ODS cells calamine misreads (absolute)
        if 0 <= at_row - top < len(grid) and 0 <= at_col - left < len(grid[at_row - top]):
            grid[at_row - top][at_col - left] = fixed
    for (first_row, first_col), (last_row, last_col) in sheet.merged_cell_ranges or ():
        for r in range(max(first_row, top) - top, min(last_row - top + 1, len(grid))):
            values = grid[r]
            for c in range(max(first_col, left) - left, min(last_col - left + 1, len(values))):
                if (r + top, c + left) != (first_row, first_col):
                    values[c] = ""
    rows = []
    for i, values in enumerate(grid):
        grid[i] = []  # let each row of calamine's values go once it is read
        at = f"{where} row {top + i + 1}"
        rows.append([Cell(_text(value), at) for value in values])
    while rows and not any(cell.text for cell in rows[-1]):
        rows.pop()
    width = max(map(len, rows), default=0)
    while width and not any(len(row) >= width and row[width - 1].text for row in rows):
        width -= 1  # a column holding only blank strings past the last column with text
    if any(len(row) > width for row in rows):
        rows = [row[:width] for row in rows]
    return Table(rows=rows, where=where)


def _text(value: object) -> str:
    """:func:`~.model.number_text`, quicker on the two commonest values: plain text and whole numbers.

    >>> [_text(v) for v in ("Circa 5,000 ", "\\u00a030000\\u00a0", "a\\r\\nb", 30000.0, 0.5, "", True)]
    ['Circa 5,000', '30000', 'a\\nb', '30000', '0.5', '', 'TRUE']
    """
    if isinstance(value, str):
        # printable ASCII has none of the characters clean() replaces: only the stripping is left
        return value.strip() if value.isascii() and value.isprintable() else clean(value)
    if isinstance(value, float) and value.is_integer() and -1e16 < value < 1e16:
        return str(int(value))
    return number_text(value)


# -- what calamine misreads: error values (as empty); in ODS, line breaks and covered cells --------------


def _fixes(data: bytes, fmt: str, sheets: set[str]) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet, (row, column) -> text for the cells calamine reads wrong, 0-based like calamine."""
    if fmt not in ("xlsx", "ods"):
        return {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if fmt == "ods":
                return _ods_fixes(archive, sheets)
            return _xlsx_errors(archive, sheets)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, SyntaxError):  # lxml's too
        return {}  # calamine read the file; a part it did not need is no reason to refuse it


_XLSX_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\st\s*=\s*[\"']e[\"'][^>]*>")
_XLSX_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_XLSX_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_XLSX_CELL_END = re.compile(rb"</(?:\w+:)?c>")


def _xlsx_errors(archive: zipfile.ZipFile, sheets: set[str]) -> dict[str, dict[tuple[int, int], str]]:
    """The error values (``t="e"`` cells) of the named sheets of an XLSX, found in each sheet's XML (only a
    sheet whose XML holds an error cell is searched cell by cell)."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, part in _xlsx_sheet_parts(archive).items():
        if name not in sheets or not _contains(archive, part, (b't="e"', b"t='e'")):
            continue
        xml = archive.read(part)
        cells: dict[tuple[int, int], str] = {}
        for match in _XLSX_ERROR_CELL.finditer(xml):
            tag = match.group()
            ref = _XLSX_REF.search(tag)
            if ref is None or tag.endswith(b"/>"):
                continue
            end = _XLSX_CELL_END.search(xml, match.end())
            value = _XLSX_VALUE.search(xml, match.end(), end.start() if end else len(xml))
            if value:
                cells[int(ref.group(2)) - 1, _column(ref.group(1).decode())] = _unescape(value.group(1))
        if cells:
            found[name] = cells
    return found


def _xlsx_sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML part, from the workbook and its relationships."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    relations = {}
    for rel in etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser).iter("{*}Relationship"):
        target = rel.get("Target", "")
        relations[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = {}
    for sheet in etree.fromstring(archive.read("xl/workbook.xml"), parser).iter("{*}sheet"):
        rid = next((value for key, value in sheet.attrib.items() if etree.QName(key).localname == "id"), None)
        if rid in relations:
            parts[sheet.get("name", "")] = relations[rid]
    return parts


def _contains(archive: zipfile.ZipFile, part: str, needles: tuple[bytes, ...]) -> bool:
    """Whether a part of the archive holds any of ``needles``, read in chunks (a sheet may be large)."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if any(needle in window for needle in needles):
                return True
            tail = window[-16:]
    return False


def _column(letters: str) -> int:
    """A column's 0-based index from its letters.

    >>> _column("A"), _column("C"), _column("AA"), _column("XFD")
    (0, 2, 26, 16383)
    """
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return clean(text)


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_TRIGGERS = (b'value-type="error"', b"text:line-break", b"covered-table-cell")


def _ods_fixes(archive: zipfile.ZipFile, sheets: set[str]) -> dict[str, dict[tuple[int, int], str]]:
    """What calamine misreads in an ODS: error values (read empty), line breaks typed in a cell (dropped,
    joining the lines' words), and hidden contents of covered (merged-over) cells (read as values).
    ``content.xml`` is walked only when it holds one of them."""
    if not _contains(archive, "content.xml", _ODS_TRIGGERS):
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    for sheet, row, col, text in _ods_cells(archive):
        if sheet in sheets:
            found.setdefault(sheet, {})[row, col] = text
    return found


def _ods_cells(archive: zipfile.ZipFile) -> Iterator[tuple[str, int, int, str]]:
    """(sheet, row, column, text) of the ODS cells calamine misreads, counting repeated rows and columns
    as calamine does."""
    from lxml import etree

    row_tag, cell_tag, covered_tag = (
        f"{_ODS_TABLE}table-row",
        f"{_ODS_TABLE}table-cell",
        f"{_ODS_TABLE}covered-table-cell",
    )
    with archive.open("content.xml") as stream:
        sheet, row, col, depth = "", 0, 0, 0
        events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False, no_network=True)
        for event, element in events:
            tag = element.tag
            if tag == f"{_ODS_TABLE}table":
                if event == "start":
                    depth += 1
                    if depth == 1:
                        sheet, row = element.get(f"{_ODS_TABLE}name", ""), 0
                else:
                    depth -= 1
                    element.clear()
            elif depth != 1:
                continue
            elif tag == row_tag:
                if event == "start":
                    col = 0
                else:
                    row += int(element.get(f"{_ODS_TABLE}number-rows-repeated", "1"))
                    element.clear()
                    while element.getprevious() is not None:  # keep memory flat on long sheets
                        del element.getparent()[0]
            elif event == "end" and tag in (cell_tag, covered_tag):
                repeat = int(element.get(f"{_ODS_TABLE}number-columns-repeated", "1"))
                text = None
                if tag == covered_tag:
                    text = "" if len(element) or element.get(f"{_ODS_OFFICE}value-type") else None
                elif _ods_misread(element):
                    text = _ods_text(element)
                if text is not None and repeat <= 1024:
                    for c in range(col, col + repeat):
                        yield sheet, row, c, text
                col += repeat


def _ods_misread(cell: Any) -> bool:
    """Whether calamine misreads an ODS cell: an error value (calcext:value-type="error") or a line break."""
    errors = any(key.endswith("}value-type") and value == "error" for key, value in cell.items())
    return errors or cell.find(f".//{_ODS_TEXT}line-break") is not None


def _ods_text(cell: Any) -> str:
    """An ODS cell's text as the application shows it: paragraphs and line breaks as newlines, ``text:s``
    as its count of spaces, tabs as spaces."""
    paragraphs = []
    for paragraph in cell.iterchildren(f"{_ODS_TEXT}p", f"{_ODS_TEXT}h"):
        paragraphs.append("".join(_ods_inline(paragraph)))
    return clean("\n".join(paragraphs))


def _ods_inline(element: Any) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if child.tag == f"{_ODS_TEXT}s":
            yield " " * int(child.get(f"{_ODS_TEXT}c", "1"))
        elif child.tag == f"{_ODS_TEXT}tab":
            yield " "
        elif child.tag == f"{_ODS_TEXT}line-break":
            yield "\n"
        elif child.tag not in (f"{_ODS_OFFICE}annotation",):
            yield from _ods_inline(child)
        if child.tail:
            yield child.tail

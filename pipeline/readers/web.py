"""The HTML reader: a web page's ``<table>`` grids, or, on a page without one, its paragraphs.

Decoding is done here, as a browser does it (:func:`decode_html`): a byte order mark, then a
``<meta charset>`` (or ``http-equiv`` content type) in the first 1,024 bytes, then UTF-8, then
Windows-1252; ``ReadOptions.encoding`` overrides them all. The encoding used is recorded on the Reading.

Every top-level ``<table>`` is a :class:`Table` (``table N``, N counted in document order), its rows the
``<tr>`` of its ``<thead>``, ``<tbody>`` and ``<tfoot>`` in document order (``table N, row M``), its cells
the ``<td>`` and ``<th>``. A ``<caption>`` is a row of its own before them (``table N, caption``).
Cell text is what a browser shows (:func:`element_text`): white space in the markup collapses to one
space, ``<br>`` is a line break, block children (``<p>``, ``<div>``, ``<li>``...) are separated by line
breaks; ``<script>``, ``<style>``, ``<template>``, ``<noscript>``, comments and ``hidden`` elements give no
text. A span puts its text in its first position and empty cells in the others, in its own row and in
the rows below it, so later cells keep their columns (the HTML table model, :func:`table_grid`).

A table inside a table's cell is text of that cell, its rows one line each and its cells separated by a
space (as a browser's ``innerText``); it is neither rows of the outer table nor a table of its own, so no
row can be read twice. (A page laid out in a table that wraps the datasets table is therefore one
layout table: the table finder reports that it found no datasets table rather than guessing.)

A page whose tables are all layout tables (:func:`.fallback.is_layout`), or that has none, is read as
paragraphs as well (:func:`page_paragraphs`, ``line N``): a WhatDoTheyKnow request page gives its
answer that way. Nothing on the page is ever run: scripts are markup, read as nothing.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from typing import Any

from pipeline.plumbing.errors import SourceError

from . import fallback
from .model import Cell, Reading, ReadOptions, Table, clean

#: Elements whose content a browser never shows as text.
NOT_SHOWN = frozenset({"script", "style", "template", "noscript", "head", "title"})
#: What a page's reading text leaves out besides (navigation, banners, forms, decorations).
NOT_READ = NOT_SHOWN | {
    "nav", "header", "footer", "aside", "form", "button", "select", "textarea", "svg", "iframe", "object",
}  # fmt: skip
#: Elements that start and end a block: line breaks in a cell, paragraph ends on a page.
# fmt: off
BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "address", "article", "aside", "section", "header", "footer", "nav", "main", "figure", "figcaption", "hr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "form", "fieldset", "legend", "details", "summary",
    "center", "dialog", "menu",
})
# fmt: on
_CELLS = ("td", "th")
_SECTIONS = ("thead", "tbody", "tfoot", "table")
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space: a no-break space is not
_SPACES = re.compile(" +")
_NBSP = "\u00a0"
_LINE_LIMIT = 65535  # libxml2 stops counting source lines here
_PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.I)
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: Labels a browser reads as Windows-1252 (the WHATWG Encoding Standard maps them so).
_AS_1252 = frozenset({"cp1252", "iso8859-1", "ascii"})
_1252_UNDEFINED = {0xDC00 + byte: byte for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def read_html(data: bytes, options: ReadOptions) -> Reading:
    """A page's tables (and its paragraphs, when it has no grid); see the module docstring."""
    text, encoding = decode_html(data, options.encoding)
    root = parse_html(text)
    tables = [html_table(element, n) for n, element in enumerate(page_tables(root), 1)]
    if tables and not all(fallback.is_layout(table) for table in tables):
        return Reading(tables=tables, format="html", encoding=encoding)
    tables = fallback.with_paragraphs(tables, page_paragraphs(root), "page")
    return Reading(tables=tables, format="html", encoding=encoding)


# -- decoding -----------------------------------------------------------------------------------------


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """A page's text and the encoding it was decoded with.

    ``encoding`` (the manifest's) is used when given; otherwise a BOM, then a ``<meta>`` charset in
    the first 1,024 bytes (the labels browsers read as Windows-1252, such as ``iso-8859-1``, read so),
    then UTF-8, then Windows-1252, which decodes anything (its five unassigned bytes as the C1
    controls browsers give). A declared charset that the bytes do not decode under is passed over
    for the next rule: a server's stale label should not turn a cell's text into U+FFFD.

    >>> decode_html('<meta charset="windows-1252"><p>caf\\u00e9 \\u2013'.encode("cp1252"))[1]
    'windows-1252'
    >>> pages = ("\\ufeff<p>\\u00a3".encode("utf-8"), "<p>\\u00a3".encode("cp1252"))
    >>> [decode_html(page)[1] for page in pages]
    ['utf-8', 'windows-1252']
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise SourceError(f"unknown encoding {encoding!r} given for the page") from None
        try:
            return _decode(data, codec), _label(codec)
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"the page does not decode as {encoding} (byte {exc.start}: {data[exc.start : exc.end]!r})"
            ) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), codec
            except UnicodeDecodeError:
                data = data[len(bom) :]  # a mark the bytes after it belie: the other rules, without it
                break
    candidates = [c for c in (declared_charset(data), "utf-8") if c]
    for codec in dict.fromkeys(candidates):
        try:
            return _decode(data, codec), _label(codec)
        except UnicodeDecodeError:
            continue
    return _decode(data, "cp1252"), "windows-1252"


def declared_charset(data: bytes) -> str | None:
    """The codec a ``<meta>`` in the page's first 1,024 bytes names, as a browser takes it, or None.

    >>> [declared_charset(m) for m in (b'<meta charset="UTF-8">', b"<META http-equiv=Content-Type "
    ...  b"content='text/html; charset=ISO-8859-1'>", b'<meta charset="utf-16">', b'<meta charset=nope>')]
    ['utf-8', 'cp1252', 'utf-8', None]
    """
    head = _COMMENT.sub(b"", data[:_PRESCAN_BYTES])
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        codec = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    if codec.startswith("utf-16"):
        return "utf-8"  # a page read far enough to find its <meta> is not UTF-16 (WHATWG)
    if codec in _AS_1252:
        return "cp1252"
    return codec


def _decode(data: bytes, codec: str) -> str:
    if codec == "cp1252":  # as browsers: the 5 bytes Windows-1252 leaves unassigned are C1 controls
        return data.decode("cp1252", errors="surrogateescape").translate(_1252_UNDEFINED)
    return data.decode(codec)


def _label(codec: str) -> str:
    return "windows-1252" if codec == "cp1252" else codec


# -- parsing ------------------------------------------------------------------------------------------


def parse_html(text: str) -> Any:
    """The page's element tree (lxml), comments and processing instructions left out.

    libxml2 recovers from any malformed markup, but stops reading a page nested deeper than it
    allows (2,048 elements with ``huge_tree``): that is an error here, never a silently cut page.
    """
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True, no_network=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except etree.ParserError:
        raise SourceError("the page is empty: no elements and no text") from None
    fatal = [e for e in parser.error_log if e.level_name == "FATAL"]
    if fatal:
        first = fatal[0]
        raise SourceError(f"the page cannot be read to its end ({first.message})", where=f"line {first.line}")
    return root


def page_tables(root: Any) -> list[Any]:
    """The page's top-level ``<table>`` elements in document order: none inside another table, none
    inside markup a browser does not show (a ``<template>``, a ``<noscript>``)."""
    return [
        table
        for table in root.iter("table")
        if not any(a.tag == "table" or a.tag in NOT_SHOWN for a in table.iterancestors())
    ]


def _nearest(element: Any, tags: Iterable[str]) -> Any:
    """The nearest ancestor of ``element`` whose tag is one of ``tags`` (None at the root)."""
    wanted = set(tags)
    return next((a for a in element.iterancestors() if a.tag in wanted), None)


# -- tables -------------------------------------------------------------------------------------------


def table_rows(table: Any) -> list[tuple[Any, list[Any]]]:
    """The rows of ``table`` as ``(section, cells)``, in document order.

    A row is a ``<tr>`` whose nearest table is this one; its cells the ``<td>``/``<th>`` whose nearest
    row is it. Cells the parser left directly in the table (``<table><td>a<td>b``: libxml2 adds no
    ``<tr>``) make one row, as a browser makes them. The section (``<thead>``, ``<tbody>``,
    ``<tfoot>``, or the table) bounds the rows a ``rowspan`` reaches.
    """
    rows: list[tuple[Any, list[Any]]] = []
    by_tr: dict[Any, list[Any]] = {}
    implicit: list[Any] | None = None  # the row of stray cells being filled, if the last row is one
    for element in table.iter("tr", *_CELLS):
        if element.tag == "tr":
            if _nearest(element, ("table",)) is table:
                cells: list[Any] = []
                by_tr[element] = cells
                rows.append((_nearest(element, _SECTIONS), cells))
                implicit = None
            continue
        holder = _nearest(element, ("tr", "table"))
        if holder is table:
            if implicit is None:
                implicit = []
                rows.append((_nearest(element, _SECTIONS), implicit))
            implicit.append(element)
        elif holder in by_tr:
            by_tr[holder].append(element)
    return rows


def _span(value: str | None, limit: int, zero: int) -> int:
    """A ``colspan``/``rowspan`` as HTML reads it: its leading digits, 1 when unreadable, ``zero``
    for 0 (a ``rowspan="0"`` reaches the end of its section), at most ``limit``.

    >>> [_span(v, 1000, 1) for v in ("2", " 3 ", "2px", "x", None, "0", "99999")]
    [2, 3, 2, 1, 1, 1, 1000]
    """
    match = re.match(r"\s*(\d+)", value or "")
    if not match:
        return 1
    number = int(match.group(1))
    return zero if number == 0 else min(number, limit)


def table_grid(
    rows: list[tuple[Any, list[Any]]], text: Callable[[Any], str] | None = None
) -> list[list[str]]:
    """The texts of a table's rows on its grid: a span's text at its first position, ``""`` at the
    others, rows below a ``rowspan`` pushed right past it (the HTML table model). ``text`` gives a
    cell element's text (default :func:`element_text`).
    """
    text = text or element_text
    sections = [section for section, _ in rows]
    ends = [0] * len(rows)  # the index of the last row of each row's section
    end = len(rows) - 1
    for r in range(len(rows) - 1, -1, -1):
        if r < len(rows) - 1 and sections[r] is not sections[r + 1]:
            end = r
        ends[r] = end
    grid: list[dict[int, str]] = [{} for _ in rows]
    for r, (_, cells) in enumerate(rows):
        col = 0
        for cell in cells:
            while col in grid[r]:
                col += 1
            colspan = _span(cell.get("colspan"), 1000, 1)
            rowspan = _span(cell.get("rowspan"), 65534, ends[r] - r + 1)
            for below in range(r, min(r + rowspan - 1, ends[r]) + 1):
                for c in range(col, col + colspan):
                    grid[below].setdefault(c, "")  # a cell overlapping an earlier span keeps the span's
            grid[r][col] = text(cell)
            col += colspan
    return [[row.get(c, "") for c in range(max(row) + 1)] if row else [] for row in grid]


def html_table(table: Any, n: int) -> Table:
    """Table ``n`` of a page: its caption (if any) as a row, then its grid; trailing empty rows dropped."""
    where = f"table {n}"
    rows: list[list[Cell]] = []
    caption = next((c for c in table.iter("caption") if _nearest(c, ("table",)) is table), None)
    if caption is not None and (caption_text := element_text(caption)):
        rows.append([Cell(caption_text, f"{where}, caption")])
    for m, texts in enumerate(table_grid(table_rows(table)), 1):
        row_where = f"{where}, row {m}"
        rows.append([Cell(t, row_where) for t in texts])
    while rows and not any(cell.text for cell in rows[-1]):
        rows.pop()
    return Table(rows=rows, where=where)


# -- text ---------------------------------------------------------------------------------------------


class _Lines:
    """Text as a browser lays it out: collapsible white space, hard line breaks (``<br>``) and soft
    ones (block edges, which never make an empty line)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def add(self, text: str | None, pre: bool) -> None:
        if not text:
            return
        if not pre:
            self.current.append(_WHITESPACE.sub(" ", text))
            return
        first, *others = text.replace("\r\n", "\n").replace(" ", _NBSP).split("\n")
        self.current.append(first)
        for line in others:
            self.hard()
            self.current.append(line)

    def hard(self) -> None:
        self.lines.append("".join(self.current))
        self.current = []

    def soft(self) -> None:
        if self.has_text():
            self.hard()
        else:
            self.current = []

    def has_text(self) -> bool:
        """Whether the line being laid out has text (not only spaces)."""
        return any(part.strip(" " + _NBSP) for part in self.current)  # a "<p>&nbsp;</p>" spacer has none

    def blank(self) -> bool:
        """Whether nothing has been laid out since the last :meth:`take`."""
        return not self.has_text() and not any(line.strip(" " + _NBSP) for line in self.lines)

    def take(self) -> str:
        """The text so far (cleaned), and start afresh."""
        self.soft()
        text = "\n".join(_SPACES.sub(" ", line).strip(" ") for line in self.lines)
        self.lines = []
        return clean(text)


def _hidden(element: Any, aria: bool) -> bool:
    if element.get("hidden") is not None:
        return True
    return aria and (element.get("aria-hidden") or "").strip().lower() == "true"


def element_text(element: Any) -> str:
    """The text a browser shows for an element (a cell): see the module docstring.

    >>> import lxml.html
    >>> element_text(lxml.html.fragment_fromstring(
    ...     "<td><p>Pupil\\n   records</p><p>a<br>b</p><script>x()</script>c <b>d</b> </td>"))
    'Pupil records\\na\\nb\\nc d'
    """
    from lxml import etree

    lines = _Lines()
    pre = 0  # inside a <pre>: white space kept
    nested = 0  # inside a cell of a table inside this element: its row is one line
    shown: set[Any] = set()  # elements walked into (not skipped), to close them at their end

    def edge(tag: str) -> None:
        if nested and (tag in BLOCKS or tag == "br") and tag not in ("tr", "table"):
            lines.add(" ", False)
        elif tag == "br":
            lines.hard()
        elif tag in BLOCKS:
            lines.soft()

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if node is element:
            if event == "start":
                lines.add(node.text, pre > 0)
            continue
        if event == "start":
            if not tag or tag in NOT_SHOWN or _hidden(node, aria=False):
                walker.skip_subtree()
                continue
            shown.add(node)
            if tag in _CELLS:  # a cell of a table inside this one: a space apart from its neighbours
                lines.add(" ", False)
                nested += 1
            edge(tag)
            pre += tag == "pre"
            lines.add(node.text, pre > 0)
            continue
        if node in shown:
            if tag in _CELLS:
                lines.add(" ", False)
                nested -= 1
            elif tag != "br":
                edge(tag)
            pre -= tag == "pre"
        lines.add(node.tail, pre > 0)
    return lines.take()


def page_paragraphs(root: Any) -> list[Cell]:
    """A page's readable text as paragraphs, each a Cell at ``line N`` (the line its text starts on).

    Every block element (``p``, ``div``, ``li``, ``h1``-``h6``, ``blockquote``, ``pre``, ``td``...)
    ends a paragraph and starts another; ``<br>`` is a line break inside one. Scripts, styles,
    navigation, the page's header and footer, asides, forms, buttons, and elements marked
    ``hidden`` or ``aria-hidden="true"`` give none.

    >>> import lxml.html
    >>> page_paragraphs(lxml.html.document_fromstring(
    ...     "<nav>Home</nav>\\n<div>Dear Requester,\\n<p>Name of<br>Dataset</p>tail</div>"))
    [Cell(text='Dear Requester,', where='line 2'), Cell(text='Name of\\nDataset', where='line 3'), \
Cell(text='tail', where='line 3')]
    """
    from lxml import etree

    paragraphs: list[Cell] = []
    lines = _Lines()
    pre = 0
    line = 1  # the source line the walk is on
    start = 1  # the line the paragraph being read starts on
    shown: set[Any] = set()

    def add(text: str | None) -> None:
        nonlocal line, start
        if not text:
            return
        if lines.blank() and text.strip(" \t\n\r\f"):
            start = line + text[: len(text) - len(text.lstrip())].count("\n")
        lines.add(text, pre > 0)
        line += text.count("\n")

    def end_paragraph() -> None:
        if text := lines.take():
            paragraphs.append(Cell(text, f"line {start}"))

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            if node.sourceline is not None:
                line = node.sourceline if node.sourceline < _LINE_LIMIT else max(line, _LINE_LIMIT)
            if not tag or tag in NOT_READ or _hidden(node, aria=True):
                line += sum(text.count("\n") for text in node.itertext())
                walker.skip_subtree()
                continue
            shown.add(node)
            if tag == "br":
                lines.hard()
            elif tag in BLOCKS or tag in _CELLS:
                end_paragraph()
            if tag == "pre":
                pre += 1
            add(node.text)
            continue
        if node in shown:
            if tag in BLOCKS or tag in _CELLS:
                end_paragraph()
            if tag == "pre":
                pre -= 1
        if node is not root:
            add(node.tail)
    end_paragraph()
    return paragraphs

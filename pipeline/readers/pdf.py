"""PDF reader: the tables of a letter, joined across pages, each cell where a person finds it.

FOI answers arrive as PDF letters: paragraphs, then a datasets table that runs over several pages
with its header row repeated on each, cells wrapped over several lines, a footer ("Page 1 of 3") on
every page. :func:`read_pdf` returns the tables and ignores the letter around them:

- **Tables, page by page.** Ruled tables (drawn with grid lines) are found by pdfplumber's "lines"
  strategy. A page with no ruled table is searched for a table drawn without lines: runs of text
  lines split into columns by wide gaps that line up down the run (see :func:`_unruled_tables`;
  pdfplumber's own "text" strategy was tried first and rejected: on a letter page it takes the
  paragraphs above and below into the table, cuts words in two and clips the last column). Such a
  run counts as a table only if it looks like one: at least three rows with two or more non-empty
  cells. A one-row or one-column box (a framed letterhead) is not a table.
- **One table over several pages.** The last table on page k and the first on page k+1 are one
  table when they have the same number of columns and the page k+1 part starts near the top of its
  page: no text above it but in the page's header zone (its top 8%: a running header, a page
  number, a reference line). A heading above it ("Annex B") makes it a table of its own. Rows at
  the top of a continuation that repeat the table's first rows (the header) are set aside as
  ``Skipped(where, text, "header repeated on page 2")``, so a joined table holds each row once, in
  document order (the shared step would also drop a row equal to the header, but the reader
  knows why it is there).
- **Where a cell is:** ``page P, table T, row R`` read entirely on page P, as a person with the PDF
  open counts: the page the row is printed on, the table's number among the tables on that page
  (top to bottom), and the row's number in that table on that page, counting from its top row
  (a repeated header row is row 1 of a continuation). So the first data row on page 2 of a
  table repeated with its header is ``page 2, table 1, row 2``. The table's own ``where`` names the
  page and table it starts at, and the pages it continues on: ``page 1, table 1, continued on
  pages 2-3``.
- **Wrapped cells** are rejoined with one space a line (:func:`rejoin`); a line ending in a hyphen
  joined to a word is continued without a space, the hyphen kept (never de-hyphenated), then
  :func:`~pipeline.readers.model.clean`. A line break typed in a cell cannot be told from one the
  layout made, so every line break in a PDF cell becomes a space.
- **No table at all** (an answer written as paragraphs): the text is read as paragraphs, each a
  :class:`Cell` at ``page P, line L`` (L counts the page's text lines from the top, its running
  header included), running headers and footers and page numbers set aside, a paragraph broken by
  a page end joined again; the paragraph reader then finds the table in them.
- **What cannot be read** is a :class:`SourceError`: no text layer (a scan: OCR it first), a
  password, corrupt or truncated bytes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from pipeline.plumbing.errors import SourceError

from .model import Cell, Reading, ReadOptions, Skipped, Table, clean
from .text import paragraph_table

#: Words closer than this (in line heights) share a line segment; a wider gap is a column gap.
_COLUMN_GAP = 0.8
#: A line more than this (in line heights) below the one before starts a new paragraph or ends a
#: table drawn without lines.
_PARAGRAPH_GAP = 0.5
#: Rows of a table drawn without lines are at most this many line heights apart.
_ROW_SPACE = 3.0
#: Running headers and footers are in this top or bottom share of the page.
_MARGIN_BAND = 0.08
#: A page-number line: "Page 2 of 3", "2", "- 2 -", "2/3", "Page 2".
_PAGE_NUMBER = re.compile(r"(?:page\s*)?-?\s*\d+\s*-?(?:\s*(?:of|/)\s*\d+)?", re.I)
_LINE_END_HYPHEN = re.compile(r"\w-$")


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(slots=True)
class _Line:
    """A line of text on a page: its words left to right, and its box."""

    words: list[_Word]
    number: int = 0  # 1-based, counted down the page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(slots=True)
class _Part:
    """One table as found on one page: its cell texts (rejoined, cleaned) and its box."""

    page: int
    number: int  # the table's number on its page, top to bottom
    rows: list[list[str]]
    top: float
    bottom: float


@dataclass(slots=True)
class _Page:
    number: int
    height: float
    lines: list[_Line]
    parts: list[_Part] = field(default_factory=list)
    #: The numbers of its lines that are page furniture: running headers, footers, page numbers.
    running: set[int] = field(default_factory=set)
    scanned: bool = False  # no text, an image over most of the page


def rejoin(text: str | None) -> str:
    """A cell's text with the lines the layout wrapped joined again, then cleaned.

    Lines join with one space; a line ending in a hyphen attached to a word goes on without a
    space and keeps its hyphen (the hyphen was typed: "Database-Achievement", "Post-16"; a
    word the layout hyphenated keeps its hyphen too, since guessing which were typed is worse).
    A spaced dash (" -") is a word of its own and joins with a space.

    >>> rejoin("Oracle RightNow Cloud\\nService"), rejoin("Nation Pupil Database-\\nAchievement")
    ('Oracle RightNow Cloud Service', 'Nation Pupil Database-Achievement')
    >>> rejoin("manage-\\nment"), rejoin("NCA Tools -\\n** (6 systems)"), rejoin(None)
    ('manage-ment', 'NCA Tools - ** (6 systems)', '')
    """
    lines = [line.strip() for line in (text or "").split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
        elif _LINE_END_HYPHEN.search(out) and line[0].isalnum():
            out += line
        else:
            out += " " + line
    return clean(out)


def read_pdf(data: bytes, options: ReadOptions) -> Reading:
    """The tables of a PDF (joined across pages), or its paragraphs when it has no table (no option
    applies to PDF)."""
    pages = _pages(data)
    tables = _join(pages)
    if tables:
        return Reading(tables=tables, format="pdf")
    paragraphs, skipped = _paragraph_cells(pages)
    table = paragraph_table(paragraphs)
    if table is None:
        raise SourceError(
            f"the PDF has text but no table, and its {len(paragraphs)} paragraphs hold no datasets header"
            " (name, purpose, volume)"
        )
    table.skipped.extend(skipped)
    return Reading(tables=[table], format="pdf")


def pdf_paragraphs(data: bytes) -> tuple[list[Cell], list[Skipped]]:
    """The paragraphs :func:`read_pdf` hands the paragraph reader when a PDF has no table, and the
    running headers and footers it set aside."""
    return _paragraph_cells(_pages(data))


def _pages(data: bytes) -> list[_Page]:
    """The PDF's pages read, running headers marked, ruled tables found (or tables drawn without lines)."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    _check_complete(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_read_page(page) for page in pdf.pages]
    except PdfminerException as exc:
        raise _pdfminer_error(exc.args[0] if exc.args else exc) from None
    if not pages:
        raise SourceError("the PDF has no pages")
    _check_text_layer(pages)
    _mark_running(pages)
    for page in pages:
        if not page.parts:  # no ruled table: look for one drawn without lines
            page.parts = _unruled_tables(page)
    return pages


def _check_complete(data: bytes) -> None:
    """A PDF ends with ``%%EOF`` (give or take trailing white space or a few bytes of junk): one cut
    short may still open, with its last pages silently missing, so it is refused here."""
    if b"%%EOF" not in data[-1024:]:
        raise SourceError(
            "the PDF is truncated (it does not end with the %%EOF marker): download or copy it again"
        )


def _pdfminer_error(exc: BaseException) -> SourceError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(exc, PDFPasswordIncorrect):
        return SourceError(
            "the PDF is encrypted and needs a password to open: ask the sender for a copy without one,"
            " or save one without the password"
        )
    if isinstance(exc, PDFEncryptionError):
        return SourceError(f"the PDF's encryption cannot be read ({exc}): save a copy without encryption")
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else exc.__class__.__name__
    return SourceError(f"the PDF is corrupt or truncated ({detail}): download or copy it again")


def _read_page(page: Any) -> _Page:
    """A page's text lines and ruled tables (``page`` is a ``pdfplumber.page.Page``)."""
    words = [
        _Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        for w in page.extract_words()
    ]
    out = _Page(number=page.page_number, height=float(page.height), lines=_lines(words))
    if not words:
        covered = sum(float(im["width"]) * float(im["height"]) for im in page.images)
        out.scanned = covered >= 0.5 * float(page.width) * float(page.height)
        return out
    out.parts = _ruled_tables(page)
    return out


def _check_text_layer(pages: list[_Page]) -> None:
    """A PDF without text, or with pages that are only an image (scanned pages among typed ones,
    which may hold rows of the table), cannot be read without OCR."""
    advice = "run OCR on it first (ocrmypdf, or the scanner's 'searchable PDF' setting) and read that copy"
    if not any(page.lines for page in pages):
        raise SourceError(f"the PDF has no text layer (a scanned document?): {advice}")
    scanned = [page.number for page in pages if page.scanned]
    if scanned:
        listed = ("page " if len(scanned) == 1 else "pages ") + ", ".join(map(str, scanned))
        raise SourceError(
            f"{listed} of the PDF {'has' if len(scanned) == 1 else 'have'} no text layer, only an image"
            f" (scanned pages?): {advice}",
            where=f"page {scanned[0]}",
        )


def _lines(words: list[_Word]) -> list[_Line]:
    """Words grouped into lines (tops within 3 points, as pdfplumber groups them), top to bottom."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and word.top - lines[-1].words[0].top <= 3:
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    for n, line in enumerate(lines, 1):
        line.words.sort(key=lambda w: w.x0)
        line.number = n
    return lines


def _ruled_tables(page: Any) -> list[_Part]:
    """The tables drawn with ruling lines on a page, top to bottom, left to right."""
    found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    parts: list[_Part] = []
    for table in sorted(found, key=lambda t: (round(t.bbox[1]), t.bbox[0])):
        rows = [[rejoin(cell) for cell in row] for row in table.extract()]
        if len(rows) < 2 or max(len(r) for r in rows) < 2 or not any(any(r) for r in rows):
            continue  # a framed box, not a table
        parts.append(
            _Part(page.page_number, len(parts) + 1, rows, float(table.bbox[1]), float(table.bbox[3]))
        )
    return parts


def _segments(line: _Line) -> list[tuple[float, float]]:
    """The x-extents of a line's runs of words, split where the gap between words is a column gap."""
    gap = _COLUMN_GAP * line.height
    segments = [(line.words[0].x0, line.words[0].x1)]
    for word in line.words[1:]:
        if word.x0 - segments[-1][1] > gap:
            segments.append((word.x0, word.x1))
        else:
            segments[-1] = (segments[-1][0], max(segments[-1][1], word.x1))
    return segments


def _gaps(lines: list[_Line]) -> list[tuple[float, float]]:
    """The column gaps of a run of lines: white space wider than a column gap down the whole run."""
    height = max(line.height for line in lines)
    covered = sorted((w.x0, w.x1) for line in lines for w in line.words)
    gaps = []
    end = covered[0][1]
    for x0, x1 in covered[1:]:
        if x0 - end > _COLUMN_GAP * height:
            gaps.append((end, x0))
        end = max(end, x1)
    return gaps


def _unruled_tables(page: _Page) -> list[_Part]:
    """Tables drawn without lines: runs of lines whose words fall into the same columns.

    A run starts at a line split by a column gap. It goes on with the next line if that line is
    split too, its columns line up with the run's (it closes none of the run's column gaps) and
    no more than :data:`_ROW_SPACE` line heights of white space come between (rows may be
    padded); or if it sits within one column no more than a line's height below (a cell wrapped
    onto a line of its own). The run's columns are the
    gaps that stay white down all of it; a new row starts where the space between lines is wider
    than the closest spacing in the run (rows are padded, the lines of a cell are not). Accepted
    only if it looks like a table: three or more rows with at least two non-empty cells.
    """
    lines = [line for line in page.lines if line.number not in page.running]
    parts: list[_Part] = []
    i = 0
    while i < len(lines):
        if len(_segments(lines[i])) < 2:
            i += 1
            continue
        run = [lines[i]]
        j = i + 1
        while j < len(lines):
            line, before = lines[j], run[-1]
            space = (line.top - before.bottom) / max(line.height, before.height)
            if len(_segments(line)) >= 2:  # the next row, if its columns line up with the run's
                if space > _ROW_SPACE or len(_gaps([*run, line])) < len(_gaps(run)):
                    break
            elif space > 1 or _crosses_gap(line, _gaps(run)):  # a wrapped cell's line
                break
            run.append(line)
            j += 1
        part = _grid(run, page.number, len(parts) + 1)
        if part is not None:
            parts.append(part)
        i = j
    return parts


def _crosses_gap(line: _Line, gaps: list[tuple[float, float]]) -> bool:
    return any(line.x0 < g0 and line.x1 > g1 for g0, g1 in gaps)


def _grid(run: list[_Line], page: int, number: int) -> _Part | None:
    """A run of lines as a table's rows, or None when it does not look like a table."""
    gaps = _gaps(run)
    if not gaps:
        return None
    bounds = [(g0 + g1) / 2 for g0, g1 in gaps]
    pitches = [b.top - a.top for a, b in pairwise(run)]
    closest = min(pitches, default=0.0)
    rows: list[list[list[str]]] = []
    for k, line in enumerate(run):
        if k == 0 or pitches[k - 1] > closest + 0.25 * line.height:
            rows.append([[] for _ in range(len(bounds) + 1)])
        cells: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
        for word in line.words:
            column = sum(1 for b in bounds if (word.x0 + word.x1) / 2 > b)
            cells[column].append(word.text)
        for column, words in enumerate(cells):
            if words:
                rows[-1][column].append(" ".join(words))
    texts = [[rejoin("\n".join(lines)) for lines in row] for row in rows]
    if sum(1 for row in texts if sum(1 for t in row if t) >= 2) < 3:
        return None
    return _Part(page, number, texts, run[0].top, run[-1].bottom)


def _mark_running(pages: list[_Page]) -> None:
    """Mark each page's running headers and footers: lines in the top or bottom band of the page
    (:data:`_MARGIN_BAND`) that are page numbers; that recur (digits aside) at the same height on
    every page, or on every page after the first (a letterhead first page) when there are three
    pages or more; or that stand apart from the body, more than a line's height of white space
    between them and the nearest line toward the middle of the page (a header on page 2 only)."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    seen: dict[str, list[tuple[int, float]]] = {}
    for page in pages:
        for line in page.lines:
            if _in_band(line, page):
                seen.setdefault(key(line), []).append((page.number, line.top))
    for page in pages:
        others = [p.number for p in pages if p.number != page.number]
        for line in page.lines:
            if not _in_band(line, page):
                continue
            on = {n for n, top in seen[key(line)] if abs(top - line.top) <= 3}
            every = len(pages) >= 2 and set(others) <= on
            after_first = len(pages) >= 3 and page.number > 1 and {n for n in others if n > 1} <= on
            if every or after_first or _PAGE_NUMBER.fullmatch(line.text.strip()):
                page.running.add(line.number)
        _mark_apart(page, page.lines)
        _mark_apart(page, page.lines[::-1])


def _mark_apart(page: _Page, lines: list[_Line]) -> None:
    """Mark the lines at the edge of a page (``lines`` from that edge inward) that are in its band
    and set apart from the body by more than a line's height of white space."""
    band = 0
    while band < len(lines) and _in_band(lines[band], page):
        band += 1
    if band == 0 or band == len(lines):
        return
    edge, body = lines[band - 1], lines[band]
    if max(body.top - edge.bottom, edge.top - body.bottom) > max(edge.height, body.height):
        page.running.update(line.number for line in lines[:band])


def _in_band(line: _Line, page: _Page) -> bool:
    return line.bottom < _MARGIN_BAND * page.height or line.top > (1 - _MARGIN_BAND) * page.height


def _continues(before: _Part, after: _Part, page: _Page) -> bool:
    """Whether ``after`` (the first table on ``page``) continues ``before`` (the last table on the
    page before): the same number of columns, and nothing above ``after`` but the page's header
    zone (its top band: a running header, a page number, a reference line)."""
    if max(map(len, before.rows)) != max(map(len, after.rows)):
        return False
    return not [line for line in page.lines if line.bottom <= after.top + 1 and not _in_top_band(line, page)]


def _in_top_band(line: _Line, page: _Page) -> bool:
    return line.bottom < _MARGIN_BAND * page.height


def _join(pages: list[_Page]) -> list[Table]:
    """The pages' tables in document order, a table continued on the next page joined into one."""
    tables: list[Table] = []
    first: _Part | None = None  # the first part of the table being built
    last: _Part | None = None  # the part read last: the last table of its page
    for page in pages:
        for part in page.parts:
            if (
                first is not None
                and last is not None
                and part.number == 1
                and last.page == page.number - 1
                and _continues(last, part, page)
            ):
                _append(tables[-1], part, first)
                tables[-1].where = _where(first, part)
            else:
                tables.append(Table(rows=[], where=f"page {part.page}, table {part.number}"))
                _append(tables[-1], part, None)
                first = part
            last = part
    for table in tables:
        while table.rows and not any(cell.text for cell in table.rows[-1]):
            table.rows.pop()
    return tables


def _append(table: Table, part: _Part, first: _Part | None) -> None:
    repeated = 0
    if first is not None:
        while (
            repeated < min(len(part.rows), len(first.rows))
            and part.rows[repeated] == first.rows[repeated]
            and any(part.rows[repeated])
        ):
            repeated += 1
    for r, row in enumerate(part.rows, 1):
        where = f"page {part.page}, table {part.number}, row {r}"
        if r <= repeated:
            text = " | ".join(row)
            table.skipped.append(Skipped(where, text, f"header repeated on page {part.page}"))
        else:
            table.rows.append([Cell(text, where) for text in row])


def _where(first: _Part, last: _Part) -> str:
    pages = f"page {last.page}" if last.page == first.page + 1 else f"pages {first.page + 1}-{last.page}"
    return f"page {first.page}, table {first.number}, continued on {pages}"


def _paragraph_cells(pages: list[_Page]) -> tuple[list[Cell], list[Skipped]]:
    """The text of a PDF without tables as paragraphs, each a Cell at ``page P, line L`` (its
    first line), with the running headers, footers and page numbers set aside.

    A new paragraph starts after more than half a line of white space. A paragraph the page end
    broke is joined again: the last line of a page that reaches the right of the text (within a
    tenth of its width) and does not end a sentence continues on the next page.
    """
    paragraphs: list[tuple[str, list[str]]] = []  # (where, lines)
    skipped: list[Skipped] = []
    carry = False  # the last paragraph goes on at the top of the next page
    for page in pages:
        body = [line for line in page.lines if line.number not in page.running]
        skipped.extend(
            Skipped(f"page {page.number}, line {line.number}", line.text, "page header, footer or number")
            for line in page.lines
            if line.number in page.running
        )
        before: _Line | None = None
        for line in body:
            new = before is None and not carry
            if before is not None:
                new = line.top - before.bottom > _PARAGRAPH_GAP * max(line.height, before.height)
            if new or not paragraphs:
                paragraphs.append((f"page {page.number}, line {line.number}", [line.text]))
            else:
                paragraphs[-1][1].append(line.text)
            before = line
        if body:
            right = max(line.x1 for line in body)
            left = min(line.x0 for line in body)
            end = body[-1]
            carry = end.x1 >= right - 0.1 * (right - left) and not re.search(r"[.:;!?]$", end.text)
    cells = [Cell(rejoin("\n".join(lines)), where) for where, lines in paragraphs]
    return [c for c in cells if c.text], skipped

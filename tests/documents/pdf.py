"""PDF letters built with reportlab, in the layouts FOI answers arrive in.

:func:`table_letter_pdf` renders a table in a letter: a paragraph before and after, the table ruled
(or not) with its header repeated on each page, cells as wrapping paragraphs, a running header on
every page after the first and a footer "Page N of M" on every page, over at least
``pages_at_least`` pages. Cell text is set with plain spaces between words, so a reader that joins
a wrapped cell's lines with one space gets the text back exactly.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

LETTER_BEFORE = (
    "Dear S Smith, thank you for your request for information, which we received on 31 May 2016. "
    "The datasets the Department holds are listed below, with their purpose and their size."
)
LETTER_AFTER = (
    "The information supplied to you continues to be protected by copyright. If you are unhappy with "
    "the way your request has been handled, you may ask for an internal review within two months."
)
RUNNING_HEADER = "Our reference: 2016-0027740"


def _styles(font_size: float):
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    body = getSampleStyleSheet()["BodyText"]
    # splitLongWords=0: a word is never broken inside (no reader could tell where to rejoin it)
    return ParagraphStyle("cell", parent=body, fontSize=font_size, leading=font_size * 1.2, splitLongWords=0)


def _paragraph(text: str, style):
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def _build(story_of, footer: str | None, header: str | None) -> bytes:
    """Build a document twice: once to count its pages, once with "of M" in the footers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    def render(pages: int) -> tuple[bytes, int]:
        count = [0]

        def on_page(canvas, doc) -> None:
            count[0] = doc.page
            canvas.saveState()
            canvas.setFont("Helvetica", 9)
            if footer:
                canvas.drawCentredString(A4[0] / 2, 1 * cm, footer.format(page=doc.page, pages=pages))
            if header and doc.page > 1:
                canvas.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, header)
            canvas.restoreState()

        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm
        )
        doc.build(story_of(), onFirstPage=on_page, onLaterPages=on_page)
        return buf.getvalue(), count[0]

    _, pages = render(0)
    data, again = render(pages)
    assert again == pages
    return data


def _table(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    style,
    *,
    grid: bool,
    pad: float,
    col_widths: Sequence[float] | None,
    repeat_rows: int,
    markup: bool = False,
):
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Table, TableStyle

    def cell(text: str):
        return Paragraph(text, style) if markup else _paragraph(text, style)

    data = ([[cell(h) for h in header]] if header else []) + [[cell(c) for c in row] for row in rows]
    ncols = max(len(r) for r in data)
    widths = [w * cm for w in col_widths] if col_widths else [17 * cm / ncols] * ncols
    _check_words_fit([*([header] if header else []), *rows], widths, style)
    table = Table(data, colWidths=widths, repeatRows=repeat_rows if header else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def _check_words_fit(rows: Sequence[Sequence[str]], widths: Sequence[float], style) -> None:
    """Refuse a layout that would push a word over its column's edge (into the next cell)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for row in rows:
        for text, width in zip(row, widths, strict=False):
            for word in text.split():
                if stringWidth(word, style.fontName, style.fontSize) > width - 12:  # 6 pt padding a side
                    raise ValueError(f"{word!r} is wider than its {width / 28.35:.1f} cm column")


def table_letter_pdf(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    pages_at_least: int = 3,
    grid: bool = True,
    repeat_rows: int = 1,
    col_widths: Sequence[float] | None = (5, 7, 5),
    font_size: float = 10,
    footer: str | None = "Page {page} of {pages}",
    running_header: str | None = RUNNING_HEADER,
    before: str = LETTER_BEFORE,
    after: str = LETTER_AFTER,
    markup: bool = False,
) -> bytes:
    """A letter with one table over at least ``pages_at_least`` A4 pages (the rows are padded
    taller until the table spreads that far). ``col_widths`` in cm; ``markup`` lets cells hold
    reportlab paragraph markup (``<br/>`` to force a line break) instead of plain text."""
    from reportlab.platypus import Spacer

    style = _styles(font_size)
    if col_widths is not None and len(col_widths) != len(header):
        col_widths = None
    pad = 3.0
    while True:

        def story(pad: float = pad) -> list:
            table = _table(
                header,
                rows,
                style,
                grid=grid,
                pad=pad,
                col_widths=col_widths,
                repeat_rows=repeat_rows,
                markup=markup,
            )
            return [_paragraph(before, style), Spacer(1, 12), table, Spacer(1, 12), _paragraph(after, style)]

        data = _build(story, footer, running_header)
        if page_count(data) >= pages_at_least:
            return data
        pad += 6
        if pad > 200:
            raise ValueError(f"{len(rows)} rows cannot be spread over {pages_at_least} pages")


def tables_pdf(
    tables: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]],
    *,
    grid: bool = True,
    between: str | None = "A second table follows.",
    new_page: bool = False,
    footer: str | None = "Page {page} of {pages}",
) -> bytes:
    """Several tables, each (header, rows), one after the other with the line ``between`` before
    each but the first; with ``new_page``, each table but the first starts a new page."""
    from reportlab.platypus import PageBreak, Spacer

    style = _styles(10)

    def story() -> list:
        out: list = [_paragraph(LETTER_BEFORE, style), Spacer(1, 12)]
        for k, (header, rows) in enumerate(tables):
            if k and new_page:
                out.append(PageBreak())
            if k and between:
                out += [Spacer(1, 12), _paragraph(between, style), Spacer(1, 12)]
            out.append(_table(header, rows, style, grid=grid, pad=3, col_widths=None, repeat_rows=1))
        return [*out, Spacer(1, 12), _paragraph(LETTER_AFTER, style)]

    return _build(story, footer, None)


def paragraphs_pdf(
    paragraphs: Sequence[str],
    *,
    footer: str | None = "Page {page} of {pages}",
    running_header: str | None = RUNNING_HEADER,
    framed: Sequence[str] = (),
) -> bytes:
    """An answer written as paragraphs only (no table), with running headers and footers; with
    ``framed``, those lines first, ruled one above the other (a letterhead: a box, not a table)."""
    from reportlab.lib import colors
    from reportlab.platypus import Spacer, Table, TableStyle

    style = _styles(10)

    def story() -> list:
        out: list = [_paragraph(p, style) for p in paragraphs]
        if framed:
            box = Table([[_paragraph(line, style)] for line in framed])
            box.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            out = [box, Spacer(1, 12), *out]
        return out

    return _build(story, footer, running_header)


def scanned_pdf(pages: int = 1, *, text_page: bool = False) -> bytes:
    """Pages that are only an image (a scan without OCR); with ``text_page``, a typed page first."""
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (120, 170), 255)
    for x in range(10, 110):  # a few dark strokes, as a scanned line of text would be
        for y in (30, 50, 70):
            image.putpixel((x, y), 0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if text_page:
        c.drawString(72, 760, "Dear S Smith, please find our answer in the scanned pages attached.")
        c.showPage()
    for _ in range(pages):
        c.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A one-page letter encrypted with ``user_password`` ("" opens without one: owner password only)."""
    from reportlab.lib import pdfencrypt
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=pdfencrypt.StandardEncryption(user_password, "owner"))
    c.drawString(72, 780, "Dear S Smith,")
    table = Table(
        [["Name", "Volume"], ["Pupil Records", "Circa 5,000 personal records."], ["File Share", "1.5 TB"]]
    )
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    table.wrapOn(c, 400, 400)
    table.drawOn(c, 72, 680)
    c.showPage()
    c.save()
    return buf.getvalue()


def page_count(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)

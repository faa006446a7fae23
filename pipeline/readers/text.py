"""Format ``foi-text``: an answer as plain text, its table laid out as paragraphs or as lines.

Two layouts, both read from the same text:

- **Paragraphs** (:func:`paragraph_table`): each cell its own paragraph, a row every *k* paragraphs
  after *k* header paragraphs (the DfE answer: name, purpose, volume). Made safe: page headers and
  footers ("Page 1 of 2", "OFFICIAL") and a header repeated on a new page are set aside; the table
  ends at a sign-off or a paragraph of prose where a name belongs ("Yours sincerely", "Please note
  that the figures above are estimates."); and every row is checked to fit: its volume cell must
  read as a volume (or an unknown), its name cell must not. A stretch that does not fit (a missing
  cell, a stray paragraph) becomes one problem row, quarantined with its lines, and the rows after
  it are read in step again: a figure never lands in the wrong row.
- **Lines** (:func:`line_tables`): a table pasted from Word with tabs, a Markdown or pipe table, or
  columns aligned with runs of spaces: one row a line.

Paragraph cells are the paragraph's lines joined by single spaces; each cell's location is the line it
starts on. The web, Word and PDF readers hand their paragraphs to :func:`paragraph_table` too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .decoding import decode_text
from .headers import classify
from .model import Cell, Reading, ReadOptions, Skipped, Table, clean

#: A paragraph at a name position with at least this many words is prose: the table has ended.
PROSE_WORDS = 40

# fmt: off  (the phrases, a row each)
#: Paragraphs that are page furniture, never cells: set aside wherever they are in the table.
PAGE_FURNITURE = re.compile(
    r"""^(?:
      page\s+\d+(?:\s+of\s+\d+)?            # Page 1 of 2
    | \d+\s*(?:of|/)\s*\d+                  # 1 of 2, 1/2
    | [-–—]?\s*\d{1,3}\s*[-–—]?             # 2, - 2 -
    | \(?cont(?:inued|'d|inued\s+overleaf)?\)?\.?   # continued
    | (?:official|official[\s-]sensitive|unclassified|restricted|protect|not\s+protectively\s+marked)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
#: Paragraphs that close a letter: at a name position they end the table (unless rows follow them).
CLOSING = re.compile(
    r"""^(?:
      yours\s+(?:sincerely|faithfully|truly) | kind\s+regards | best\s+regards | regards\b
    | with\s+(?:best\s+|kind\s+)?(?:wishes|regards) | best\s+wishes | many\s+thanks | thank\s+you\b
    | please\s+(?:note|be\s+aware|contact|let\s+us|do\s+not) | note[s]?\s*[:.-] | n\.?\s?b\.?\s | \*
    | if\s+you\s+(?:are|have|would|require|need) | the\s+information\s+(?:supplied|provided)
    | copyright | ©
    | (?:the\s+)?(?:foi|freedom\s+of\s+information|information\s+rights|information\s+governance|
         data\s+protection|correspondence|access\s+to\s+information)\s+(?:team|unit|officer|office|manager)
    | (?:foi|freedom\s+of\s+information)\s+(?:request|reference|ref)\b | our\s+ref(?:erence)?\b
    | (?:we|i)\s+(?:hope|trust)\b | source\s*:
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# fmt: on
_NOTE = re.compile(r"^\(.*\)$")  # "(as at 31 March 2017)" on its own, under the header
_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")  # |---|:---:|
_SPACES2 = re.compile(r" {2,}")


def read_text(data: bytes, options: ReadOptions) -> Reading:
    """The tables of a text answer: its paragraph table, if it has one, and any tables of lines."""
    text, encoding = decode_text(data, options.encoding)
    lines = text.split("\n")
    tables = []
    para = paragraph_table(paragraphs(lines))
    if para is not None:
        tables.append(para)
    tables.extend(line_tables(lines))
    return Reading(tables=tables, format="foi-text", encoding=encoding)


def paragraphs(lines: Sequence[str], where: str = "line {}") -> list[Cell]:
    """Runs of non-blank lines, each joined by single spaces, with the line each starts on.

    >>> paragraphs(["a", "", " b ", "c", "", ""])
    [Cell(text='a', where='line 1'), Cell(text='b c', where='line 3')]
    """
    out: list[Cell] = []
    start, buf = 0, list[str]()
    for n, raw in enumerate([*lines, ""], start=1):
        line = clean(raw)
        if line:
            if not buf:
                start = n
            buf.append(line)
        elif buf:
            out.append(Cell(" ".join(buf), where.format(start)))
            buf = []
    return out


# --- paragraphs -------------------------------------------------------------------------------


def paragraph_table(paras: Sequence[Cell]) -> Table | None:
    """The datasets table of a document written as paragraphs, or None if it has no header.

    The header is the first run of two or more paragraphs that are header cells (see
    :mod:`.headers`) with a name and a volume among them. Returns a :class:`Table` whose row 0 is the
    header (``header=0``); problem rows (see the module docstring) are in ``problems``.
    """
    found = _header_run(paras)
    if found is None:
        return None
    start, k = found
    header = list(paras[start : start + k])
    body = start + k
    while body < len(paras) and _NOTE.match(paras[body].text):  # "(as at 31 March 2017)" on its own
        last = header[-1]
        header[-1] = Cell(f"{last.text} {paras[body].text}", last.where)
        body += 1
    roles = [classify(c.text).role for c in header]
    table = Table(rows=[header], header=0)
    _Rows(paras[body:], header, roles.index("name"), roles.index("volume"), table).read()
    return table


def _header_run(paras: Sequence[Cell]) -> tuple[int, int] | None:
    """(start, length) of the header paragraphs."""
    i = 0
    while i < len(paras):
        roles = []
        j = i
        while j < len(paras) and (role := classify(paras[j].text).role) is not None and role not in roles:
            roles.append(role)
            j += 1
        if len(roles) >= 2 and "name" in roles and "volume" in roles:
            return i, j - i
        i = j + 1 if j > i else i + 1
    return None


class _Rows:
    """Reads the paragraphs after the header into rows of ``k`` cells, checking that each fits."""

    def __init__(self, paras: Sequence[Cell], header: list[Cell], name: int, volume: int, table: Table):
        self.header_roles = [classify(c.text).role for c in header]
        self.k, self.name, self.volume, self.table = len(header), name, volume, table
        self.paras: list[Cell] = []
        for p in paras:  # page furniture is never a cell
            if PAGE_FURNITURE.match(p.text):
                table.skipped.append(Skipped(p.where, p.text, "a page header or footer"))
            else:
                self.paras.append(p)
        self._fits: dict[int, bool] = {}

    def read(self) -> None:
        i, paras, k = 0, self.paras, self.k
        while i < len(paras):
            if self._repeated_header(i):
                text = " / ".join(p.text for p in paras[i : i + k])
                self.table.skipped.append(Skipped(paras[i].where, text, "the header, repeated"))
                i += k
                continue
            if self._closes(i):
                if self._rows_follow(i + 1):  # a note inside the table, not its end
                    self.table.skipped.append(
                        Skipped(paras[i].where, paras[i].text, "a note inside the table")
                    )
                    i += 1
                    continue
                rest = len(paras) - i
                why = f"the table ends here: {rest} paragraph{'s' * (rest > 1)} after it, not read"
                self.table.skipped.append(Skipped(paras[i].where, _short(paras[i].text), why))
                return
            if i + k > len(paras):
                self._problem(paras[i:], f"the table ends after {len(paras) - i} of the row's {k} cells")
                return
            if self.fits(i):
                self.table.rows.append(list(paras[i : i + k]))
                i += k
                continue
            i = self._resync(i)

    def _resync(self, i: int) -> int:
        """Rows from ``i`` do not fit: find where they are in step again; the stretch between is one
        problem row (or an ordinary row, if it has exactly ``k`` cells and only its volume is unread).

        Of the places where rows are in step again, the nearest whose name cell reads like a name
        is taken: a purpose split over two paragraphs puts the purpose where the next name would be
        ("Portal for the collection of ..."), and the row read from there would be a false one.
        """
        paras, k = self.paras, self.k
        places = [
            j for j in range(i + 1, min(len(paras), i + 4 * k) + 1) if j == len(paras) or self._in_step(j)
        ]
        if places:
            j = min(places, key=lambda j: (self._unlike_a_name(j), j))
            n = j - i
            if n == k and not self._name_is_volume(i):
                self.table.rows.append(list(paras[i:j]))  # in step: only the volume is unreadable
            elif n == k:
                self._problem(paras[i:j], "the name cell reads as a volume: the rows here are out of step")
            else:
                what = "a cell missing" if n < k else "a cell in two"
                why = f"{n} paragraph{'s' * (n > 1)} where a row has {k}: a stray paragraph, or {what}"
                self._problem(paras[i:j], why)
            return j
        if self._name_is_volume(i):
            self._problem(paras[i : i + k], "the name cell reads as a volume: the rows here are out of step")
        else:
            self.table.rows.append(list(paras[i : i + k]))
        return i + k

    def _unlike_a_name(self, j: int) -> bool:
        """Whether the paragraph at ``j`` reads less like the names read so far than like a purpose: it
        ends with a full stop where names do not, or is far longer than they are."""
        if j >= len(self.paras):
            return False
        names = [row[self.name].text for row in self.table.rows[1:]] or [""]
        text = self.paras[j].text
        stops = sum(n.endswith(".") for n in names) / len(names)
        longest = max(len(n.split()) for n in names)
        return (text.endswith(".") and stops < 0.25) or len(text.split()) > max(12, 2 * longest)

    def _in_step(self, j: int) -> bool:
        """Rows are in step again at ``j``: a row fits there, and the next does too (or the table ends)."""
        end, k = len(self.paras), self.k
        return self.fits(j) and (j + k >= end or self._closes(j + k) or self.fits(j + k))

    def fits(self, i: int) -> bool:
        """Whether the ``k`` paragraphs from ``i`` make a row: the volume cell reads as a volume or an
        unknown, and the name cell is not a volume."""
        if i not in self._fits:
            from pipeline.volumes import parse_volume

            row = self.paras[i : i + self.k]
            ok = len(row) == self.k and parse_volume(row[self.volume].text).primary.kind != "unparsed"
            self._fits[i] = ok and not self._name_is_volume(i)
        return self._fits[i]

    def _name_is_volume(self, i: int) -> bool:
        from pipeline.volumes import parse_volume

        text = self.paras[i + self.name].text if i + self.name < len(self.paras) else ""
        f = parse_volume(text).primary
        return f.value is not None and (f.end - f.start) >= 0.6 * len(text.strip())

    def _rows_follow(self, i: int) -> bool:
        return i + 2 * self.k <= len(self.paras) and self.fits(i) and self.fits(i + self.k)

    def _closes(self, i: int) -> bool:
        if i >= len(self.paras):
            return False
        text = self.paras[i].text
        return bool(CLOSING.match(text)) or len(text.split()) >= PROSE_WORDS

    def _repeated_header(self, i: int) -> bool:
        row = self.paras[i : i + self.k]
        return len(row) == self.k and [classify(p.text).role for p in row] == self.header_roles

    def _problem(self, cells: Sequence[Cell], why: str) -> None:
        where = _span(cells[0].where, cells[-1].where)
        self.table.problems[len(self.table.rows)] = f"{why} ({where})"
        self.table.rows.append(list(cells))


def _span(first: str, last: str) -> str:
    """``line 120`` and ``line 126`` -> ``lines 120-126``.

    >>> _span("line 3", "line 3"), _span("line 3", "line 9"), _span("page 1, line 3", "page 2, line 1")
    ('line 3', 'lines 3-9', 'page 1, line 3 to page 2, line 1')
    """
    if first == last:
        return first
    if first.startswith("line ") and last.startswith("line "):
        return f"lines {first[5:]}-{last[5:]}"
    return f"{first} to {last}"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- lines ------------------------------------------------------------------------------------


def line_tables(lines: Sequence[str]) -> list[Table]:
    """Tables of one row a line: blocks of consecutive lines split by tabs, by pipes, or by runs of
    two or more spaces, in the same number (two or more) of columns.

    >>> [[c.text for c in row] for row in line_tables(["x", "Name\\tSize", "A\\t5 TB", "", "y"])[0].rows]
    [['Name', 'Size'], ['A', '5 TB']]
    >>> pipes = ["| Name | Size |", "|---|---|", "| A | 5 TB |"]
    >>> [[c.text for c in row] for row in line_tables(pipes)[0].rows]
    [['Name', 'Size'], ['A', '5 TB']]
    """
    tables: list[Table] = []
    block: list[tuple[int, list[str]]] = []
    splitter = None
    for n, raw in enumerate([*lines, ""], start=1):
        line = raw.rstrip(" \r\n")
        split = _splitter(line)
        if split is not None and (splitter is None or split is splitter or _PIPE_RULE.match(line.strip())):
            splitter = splitter or split
            if not _PIPE_RULE.match(line.strip()):
                block.append((n, splitter(line)))
            continue
        if len(block) >= 2:
            tables.append(Table(rows=[[Cell(c, f"line {n}") for c in cells] for n, cells in block]))
        block, splitter = [], None
        if split is not None:  # this line starts a block of another kind
            splitter = split
            block.append((n, split(line)))
    return tables


def _tabs(line: str) -> list[str]:
    return [clean(c) for c in line.split("\t")]


def _pipes(line: str) -> list[str]:
    return [clean(c) for c in line.strip().strip("|").split("|")]


def _aligned(line: str) -> list[str]:
    return [clean(c) for c in _SPACES2.split(line.strip())]


def _splitter(line: str) -> Callable[[str], list[str]] | None:
    """How ``line`` splits into two or more cells, if it does."""
    if "\t" in line and line.strip():
        return _tabs
    stripped = line.strip()
    if stripped.count("|") >= 2 or (
        stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1
    ):
        return _pipes
    if len(_SPACES2.split(stripped)) >= 2:
        return _aligned
    return None

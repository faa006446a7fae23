"""The one step every format shares: find the datasets table among a document's tables, find its
header row under any title rows, and map its columns (name, purpose, volumes, body; the rest kept
as attributes), from the header words of :mod:`.headers` or from the manifest's hints.

Every table with a datasets header is read (a letter may split its table in two); a manifest can
pick one (``table = 2``), the header row (``header_row = 4``) and the columns. Below the header,
blank rows are passed over, and a repeated header, a total row and a note are set aside with the
reason; every other row is a dataset, or a problem row the reader flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.plumbing.errors import SourceError

from .headers import PHRASES, ROLES, as_at, classify, normalise
from .model import Cell, Reading, Skipped, Table
from .text import CLOSING, PROSE_WORDS

#: How far down a table the header may be (title rows, a cover note above it).
HEADER_SEARCH_ROWS = 60
_TOTALS = frozenset(("total", "totals", "grand total", "overall total", "sum", "all datasets"))
_NUMBER = re.compile(r"(?:row|line) (\d+)$")


@dataclass(frozen=True)
class Columns:
    """Which header holds which role, as a manifest names them (``columns = {...}``)."""

    name: str | None = None
    purpose: str | None = None
    volume: tuple[str, ...] = ()
    body: str | None = None

    def named(self) -> dict[str, str]:
        found = {"name": self.name, "purpose": self.purpose, "body": self.body}
        return {role: header for role, header in found.items() if header is not None}


@dataclass(frozen=True)
class Hints:
    """What the manifest says about where the table is, when detection is wrong or ambiguous."""

    table: int | None = None  # 1-based, among the document's tables
    header_row: int | None = None  # the row or line number the document shows for the header
    columns: Columns = Columns()


@dataclass(frozen=True)
class VolumeColumn:
    index: int
    header: str
    unit: str | None  # the unit its bare numbers are read in ("records", "gb"), from the header


@dataclass
class Mapping:
    name: int
    purpose: int | None
    volumes: list[VolumeColumn]
    body: int | None
    attributes: list[tuple[int, str]]  # other columns: (index, header)

    def describe(self, header: list[Cell]) -> str:
        """``name='Dataset', purpose='Description', volume='Size (GB)'+'Records'``."""
        parts = [f"name={header[self.name].text!r}"]
        if self.purpose is not None:
            parts.append(f"purpose={header[self.purpose].text!r}")
        parts.append("volume=" + "+".join(repr(v.header) for v in self.volumes))
        if self.body is not None:
            parts.append(f"body={header[self.body].text!r}")
        return ", ".join(parts)


@dataclass
class DataRow:
    cells: list[Cell]  # as wide as the header at least
    problem: str | None = None


@dataclass
class Found:
    """A datasets table found: its header, the column mapping, its data rows, what was set aside."""

    table: Table
    header_index: int
    mapping: Mapping
    rows: list[DataRow] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    as_at: str | None = None  # the "as at" text of the header or a title row, if any

    @property
    def header(self) -> list[Cell]:
        return self.table.rows[self.header_index]


def find_tables(reading: Reading, hints: Hints | None = None) -> list[Found]:
    """Every datasets table of ``reading`` (or the one ``hints.table`` names), mapped."""
    hints = hints or Hints()
    tables = reading.tables
    if hints.table is not None:
        if not 1 <= hints.table <= len(tables):
            raise SourceError(f"table = {hints.table}, but the document has {len(tables)} table(s)")
        tables = [tables[hints.table - 1]]
    found: list[Found] = []
    near: list[SourceError] = []
    for table in tables:
        located = _locate(table, hints, near)
        if located is not None:
            index, mapping = located
            found.append(_read_rows(table, index, mapping))
    if not found:
        raise near[0] if near else SourceError(_not_found(reading, hints))
    return found


def _locate(table: Table, hints: Hints, near: list[SourceError]) -> tuple[int, Mapping] | None:
    """The header row's index and the mapping, or None if the table has no datasets header. A row
    that holds a column the manifest names but not the others adds its error to ``near``."""
    if hints.header_row is not None:
        for i, row in enumerate(table.rows):
            if _row_number(row) == hints.header_row:
                mapping = _mapping(row, hints.columns, strict=True, where=table.where)
                assert mapping is not None  # strict: it raises rather than return None
                return i, mapping
        if len(table.rows) and hints.table is not None:
            raise SourceError(
                f"header_row = {hints.header_row} is not a row of this table", where=table.where
            )
        return None
    candidates = (
        [table.header] if table.header is not None else range(min(len(table.rows), HEADER_SEARCH_ROWS))
    )
    for i in candidates:
        try:
            mapping = _mapping(table.rows[i], hints.columns, strict=False, where=table.where)
        except SourceError as exc:
            named = {*hints.columns.named().values(), *hints.columns.volume}
            if any(c.text in named for c in table.rows[i]):
                near.append(exc)
            continue
        if mapping is not None:
            return i, mapping
    return None


def _mapping(row: list[Cell], columns: Columns, *, strict: bool, where: str) -> Mapping | None:
    """Map a header row's cells to roles; None if it is no datasets header (``strict``: raise)."""
    headers = [c.text for c in row]
    chosen: dict[str, tuple[int, int]] = {}  # role -> (rank, index)
    volumes: list[VolumeColumn] = []
    for i, text in enumerate(headers):
        cell = classify(text)
        if cell.role is None:
            continue
        if cell.role == "volume":
            volumes.append(VolumeColumn(i, text, cell.unit))
        elif cell.role not in chosen or cell.rank < chosen[cell.role][0]:
            chosen[cell.role] = (cell.rank, i)
    picked = {role: index for role, (_, index) in chosen.items()}
    for role, header in columns.named().items():
        picked[role] = _column(headers, header, role, where)
    if columns.volume:
        volumes = []
        for header in columns.volume:
            i = _column(headers, header, "volume", where)
            volumes.append(VolumeColumn(i, headers[i], classify(headers[i]).unit))
    if "name" not in picked or not volumes:
        if strict:
            missing = "a name column" if "name" not in picked else "a volume column"
            raise SourceError(f"the header row has no {missing}: {_quote(headers)}", where=where)
        return None
    volume_at = {v.index for v in volumes}
    picked = {role: i for role, i in picked.items() if i not in volume_at or role == "name"}
    used = {*picked.values(), *volume_at}
    return Mapping(
        name=picked["name"],
        purpose=picked.get("purpose"),
        volumes=[v for v in volumes if v.index != picked["name"]],
        body=picked.get("body"),
        attributes=[(i, h or f"column {i + 1}") for i, h in enumerate(headers) if i not in used and h],
    )


def _column(headers: list[str], wanted: str, role: str, where: str) -> int:
    """The index of the header a manifest names: exact, then ignoring case and spacing."""
    for match in (
        lambda h: h == wanted,
        lambda h: " ".join(h.split()).casefold() == " ".join(wanted.split()).casefold(),
    ):
        for i, header in enumerate(headers):
            if match(header):
                return i
    for i, header in enumerate(headers):
        if normalise(header) == normalise(wanted) and normalise(wanted):
            return i
    raise SourceError(f"the {role} column {wanted!r} is not in the header {_quote(headers)}", where=where)


def _read_rows(table: Table, index: int, mapping: Mapping) -> Found:
    header = table.rows[index]
    width = len(header)
    header_key = [c.text.casefold() for c in header]
    found = Found(table=table, header_index=index, mapping=mapping, skipped=list(table.skipped))
    found.as_at = next(
        (
            a
            for c in [*header, *(c for row in table.rows[max(0, index - 5) : index] for c in row)]
            if (a := as_at(c.text))
        ),
        None,
    )
    for r in range(index + 1, len(table.rows)):
        cells = table.rows[r]
        if r in table.problems:
            found.rows.append(DataRow(_pad(cells, width), table.problems[r]))
            continue
        why = set_aside([c.text for c in cells], header_key, mapping.name)
        if why is None:
            found.rows.append(DataRow(_pad(cells, width)))
        elif why[1]:  # a blank row is passed over without a word
            found.skipped.append(Skipped(cells[0].where, *why))
    return found


def set_aside(texts: list[str], header_key: list[str], name: int) -> tuple[str, str] | None:
    """Why a row below the header is no dataset, as ``(what to show, reason)``; ``("", "")`` for a
    blank row; None for a dataset. Shared by the in-memory path and the bulk CSV path.

    >>> key = ["dataset", "volume"]
    >>> set_aside(["Total", "3 TB"], key, 0), set_aside(["A", "1 TB"], key, 0), set_aside(["", ""], key, 0)
    (('Total / 3 TB', 'a total row, not a dataset'), None, ('', ''))
    """
    if not any(texts):
        return "", ""
    width = len(header_key)
    if [t.casefold() for t in texts[:width]] == header_key and not any(texts[width:]):
        return " / ".join(texts[:width]), "the header, repeated"
    cell = texts[name] if name < len(texts) else ""
    if " ".join(cell.casefold().split()).strip(":.") in _TOTALS:
        return " / ".join(t for t in texts if t), "a total row, not a dataset"
    filled = [t for t in texts if t]
    if len(filled) == 1 and width > 1 and (CLOSING.match(filled[0]) or len(filled[0].split()) >= PROSE_WORDS):
        return filled[0][:80], "a note, not a dataset"
    return None


def _pad(cells: list[Cell], width: int) -> list[Cell]:
    if len(cells) >= width:
        return cells
    where = cells[0].where if cells else ""
    return [*cells, *(Cell("", where) for _ in range(width - len(cells)))]


def _row_number(row: list[Cell]) -> int | None:
    m = _NUMBER.search(row[0].where) if row else None
    return int(m.group(1)) if m else None


def _quote(headers: list[str]) -> str:
    shown = [h for h in headers if h][:12]
    return " | ".join(shown) + (" ..." if len([h for h in headers if h]) > 12 else "") if shown else "(empty)"


def _not_found(reading: Reading, hints: Hints) -> str:
    """Why no table was found: which rows looked most like a header, and where the words are listed."""
    seen = []
    for table in reading.tables:
        best = max(
            (row for row in table.rows[:HEADER_SEARCH_ROWS]),
            key=lambda row: sum(classify(c.text).role is not None for c in row),
            default=None,
        )
        if best is not None and any(classify(c.text).role for c in best):
            roles = sorted({r for c in best if (r := classify(c.text).role)})
            seen.append(f"{best[0].where}: {_quote([c.text for c in best])} ({', '.join(roles)} only)")
    what = "no datasets table: no header row with a name and a volume column"
    if not reading.tables:
        what = "no datasets table: the document has no table and no header paragraphs (name, purpose, volume)"
    detail = f"; nearest: {'; '.join(seen[:3])}" if seen else ""
    return (
        (
            f"{what}{detail}. The header words are listed in the README ('Header words'); name the columns in"
            " the manifest (columns = {{ name = ..., volume = [...] }}) if the table uses others"
        )
        .replace("{{", "{")
        .replace("}}", "}")
    )


__all__ = [
    "PHRASES",
    "ROLES",
    "Columns",
    "DataRow",
    "Found",
    "Hints",
    "Mapping",
    "VolumeColumn",
    "find_tables",
]

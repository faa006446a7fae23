"""Stage 1, extract: a source document -> one row per dataset.

Each format is a pure function ``(text) -> Extraction``; :data:`FORMATS` maps a manifest ``format``
to it, so CSV and Excel readers slot in beside ``foi-text``. Rows keep the 1-based line of their
volume cell in the raw file. A row with a cell missing (a truncated table) is still emitted, with
``None`` for what is missing: validation quarantines it with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.plumbing.errors import SourceError

COLUMNS = ("source_id", "dataset_name", "purpose", "volume_text", "source_line")

#: Header cell patterns for the three columns of a datasets table, matched on a whole paragraph.
HEADERS = {
    "name": re.compile(
        r"^(?:name(?: of(?: the)?(?: bulk)?(?: personal)?(?: data ?set)?)?"
        r"|(?:bulk )?(?:personal )?data ?set(?: name)?)$"
    ),
    "purpose": re.compile(r"^(?:the )?purposes?(?: of(?: the)? data ?set)?(?: held)?$"),
    "volume": re.compile(r"^(?:volume|size|quantity)(?: of(?: the)?(?: data| data ?set)?(?: held)?)?\b"),
}
#: A paragraph at a name position with at least this many words is prose: the table has ended.
PROSE_WORDS = 40
_NOTE = re.compile(r"^\(.*\)$")
_AS_AT = re.compile(r"as (?:at|of) ([^)]+)", re.IGNORECASE)
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%B %Y")


@dataclass(frozen=True)
class Paragraph:
    line: int  # 1-based line of its first line
    text: str  # its lines joined by single spaces


@dataclass
class Extraction:
    rows: list[dict] = field(default_factory=list)
    as_at: str | None = None  # ISO date from the table header, if it gives one


def paragraphs(text: str) -> list[Paragraph]:
    """Runs of non-blank lines, with the line each starts on.

    >>> paragraphs("a\\n\\n b \\nc\\n\\n\\n")
    [Paragraph(line=1, text='a'), Paragraph(line=3, text='b c')]
    """
    out: list[Paragraph] = []
    start, buf = 0, list[str]()
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.replace("\u00a0", " ").strip()
        if line:
            if not buf:
                start = n
            buf.append(line)
        elif buf:
            out.append(Paragraph(start, " ".join(buf)))
            buf = []
    if buf:
        out.append(Paragraph(start, " ".join(buf)))
    return out


def _header_kind(p: Paragraph) -> str | None:
    head = re.sub(r"\s*\(.*?\)\s*", " ", p.text).strip().lower()
    for kind, pattern in HEADERS.items():
        if pattern.match(head):
            return kind
    return None


def find_header(paras: list[Paragraph]) -> int | None:
    """Index of the first of three consecutive header paragraphs: name, purpose, volume."""
    for i in range(len(paras) - 2):
        if [_header_kind(p) for p in paras[i : i + 3]] == ["name", "purpose", "volume"]:
            return i
    return None


def as_at_date(header: str) -> str | None:
    """The ISO date in a header such as "Volume of Data Held (as at 17 June 2016)".

    >>> as_at_date("Volume of Data Held (as at 17 June 2016)")
    '2016-06-17'
    """
    m = _AS_AT.search(header)
    if not m:
        return None
    raw = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", m.group(1).strip().rstrip("."))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def extract_foi_text(text: str, source_id: str) -> Extraction:
    """Read the datasets table of an FOI answer laid out as paragraphs: name, purpose, volume.

    The table starts after its three header paragraphs and ends at the first paragraph of prose
    where a dataset name should be, or at the end of the document.
    """
    paras = paragraphs(text)
    start = find_header(paras)
    if start is None:
        raise SourceError("no datasets table: no 'Name / Purpose / Volume' header paragraphs found")
    header = paras[start + 2].text
    body = start + 3
    while body < len(paras) and _NOTE.match(paras[body].text):  # "(as at 31 March 2017)" on its own
        header += " " + paras[body].text
        body += 1
    result = Extraction(as_at=as_at_date(header))
    cells = paras[body:]
    i = 0
    while i < len(cells):
        name = cells[i]
        if len(name.text.split()) >= PROSE_WORDS:
            break
        row = cells[i : i + 3]
        purpose = row[1].text if len(row) > 1 else None
        volume = row[2].text if len(row) > 2 else None
        result.rows.append(
            {
                "source_id": source_id,
                "dataset_name": name.text,
                "purpose": purpose,
                "volume_text": volume,
                "source_line": row[-1].line,
            }
        )
        if len(row) < 3:
            break
        i += 3
    if not result.rows:
        raise SourceError("datasets table has a header but no rows")
    return result


FORMATS = {"foi-text": extract_foi_text}

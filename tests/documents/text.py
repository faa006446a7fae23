"""Text answers built from table rows: the paragraph layout of a letter (a cell a paragraph), with
paragraphs inserted where a PDF-to-text copy or a careless paste puts them, and tables of lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

DFE_HEADER = ("Name of Dataset", "Purpose of Dataset", "Volume of Data Held\n(as at 17 June 2016)")
OPENING = (
    "Dear Requester,",
    "Thank you for your request for information about the bulk personal datasets we hold.",
    "The following bulk datasets have been identified within the Department:",
)
CLOSING = (
    "The information supplied to you continues to be protected by copyright.",
    "Yours sincerely,",
    "FOI Team",
)


def paragraph_answer(
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = DFE_HEADER,
    *,
    between: Mapping[int, Sequence[str]] | None = None,
    within: Mapping[tuple[int, int], Sequence[str]] | None = None,
    closing: Sequence[str] = CLOSING,
) -> str:
    """A letter whose table is paragraphs. ``between[i]``: paragraphs before data row ``i`` (0-based);
    ``within[(i, j)]``: paragraphs before cell ``j`` of row ``i`` (a page break inside a row)."""
    between, within = between or {}, within or {}
    paras: list[str] = [*OPENING, *header]
    for i, row in enumerate(rows):
        paras.extend(between.get(i, ()))
        for j, cell in enumerate(row):
            paras.extend(within.get((i, j), ()))
            paras.append(cell)
    paras.extend(between.get(len(rows), ()))
    paras.extend(closing)
    return "\n\n".join(paras) + "\n"


def line_table(rows: Sequence[Sequence[str]], header: Sequence[str], style: str) -> str:
    """A table of one row a line: ``tabs``, ``pipes`` (Markdown) or ``spaces`` (aligned columns)."""
    table = [list(header), *map(list, rows)]
    if style == "tabs":
        lines = ["\t".join(r) for r in table]
    elif style == "pipes":
        lines = ["| " + " | ".join(r) + " |" for r in table]
        lines.insert(1, "|" + "|".join("---" for _ in header) + "|")
    else:
        widths = [max(len(r[c]) for r in table) for c in range(len(header))]
        lines = ["   ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table]
    return "\n".join([*OPENING, "", *lines, "", *CLOSING]) + "\n"

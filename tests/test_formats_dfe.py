"""The DfE table in every format an answer arrives in gives exactly the figures of the text answer.

Each document is built in the test from the 53 rows of the shipped answer, with header words other
than DfE's, in the layout that format's answers use (XLSX: second sheet, under title rows; PDF: three
pages, header repeated, wrapped cells; HTML: a page with navigation and a layout table first...). Each
goes through the whole pipeline up to the database (``build_tables``), one with ``format`` left out.
"""

from __future__ import annotations

import csv
import io

import pytest

from pipeline.run import build_tables

from .conftest import dfe_rows, manifest_entry
from .documents.docx import table_letter
from .documents.html import table_page
from .documents.pdf import table_letter_pdf
from .documents.text import line_table, paragraph_answer
from .documents.xlsx import table_workbook

ROWS = dfe_rows()
HEADER = ("System", "Description", "Size")


def as_csv_cp1252(rows, header) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    return out.getvalue().encode("cp1252")


def dfe_text_with_strays() -> bytes:
    between = {17: ["Page 1 of 3"], 18: ["Name of Dataset", "Purpose of Dataset", "Volume of Data Held"],
               36: ["- 2 -", "OFFICIAL"]}  # fmt: skip
    closing = ["Please note that the figures above are estimates.", "FOI Team", "Yours sincerely,"]
    return paragraph_answer(ROWS, between=between, closing=closing).encode("utf-8")


DOCUMENTS = [
    pytest.param("answer.xlsx", "xlsx", lambda: table_workbook(HEADER, ROWS), id="xlsx-second-sheet"),
    pytest.param(
        "answer.xlsx", None, lambda: table_workbook(("Dataset", "Use", "Volume"), ROWS), id="xlsx-detected"
    ),
    pytest.param("answer.docx", "docx", lambda: table_letter(HEADER, ROWS), id="docx"),
    pytest.param("answer.pdf", "pdf", lambda: table_letter_pdf(HEADER, ROWS), id="pdf-three-pages"),
    pytest.param("answer.html", "html", lambda: table_page(HEADER, ROWS), id="html"),
    pytest.param("answer.csv", "csv", lambda: as_csv_cp1252(ROWS, HEADER), id="csv-windows-1252"),
    pytest.param(
        "answer.txt", "foi-text", lambda: line_table(ROWS, HEADER, "tabs").encode(), id="tab-separated"
    ),
    pytest.param("answer.txt", "foi-text", dfe_text_with_strays, id="text-with-footer-header-sign-offs"),
]


@pytest.fixture(scope="module")
def text_answer(dfe_manifest):
    return build_tables(dfe_manifest)


@pytest.mark.parametrize(("name", "fmt", "build"), DOCUMENTS)
def test_the_dfe_table_in_each_format_gives_the_dfe_figures(tmp_path, text_answer, name, fmt, build):
    (tmp_path / name).write_bytes(build())
    entry = manifest_entry("dfe", name, fmt=fmt or "")
    if fmt is None:
        entry = entry.replace('format = ""\n', "")
    (tmp_path / "sources.toml").write_text(entry, encoding="utf-8")
    tables = build_tables(tmp_path / "sources.toml")

    assert tables.counts["loaded"] == 53
    assert tables.counts["quarantined"] == 0
    assert tables.datasets["dataset_name"].tolist() == [r[0] for r in ROWS]
    columns = ["dataset_name", "kind", "value", "lower", "upper", "qualifier", "role", "rule", "policy"]
    got = tables.figures[columns].astype(object).where(tables.figures[columns].notna(), None)
    want = text_answer.figures[columns].astype(object).where(text_answer.figures[columns].notna(), None)
    assert got.values.tolist() == want.values.tolist()
    primary = tables.figures[tables.figures["role"] == "primary"]
    by_kind = primary.groupby("kind")["value"].agg(["count", "sum"])
    assert by_kind.loc["records", "count"] == 24 and by_kind.loc["records", "sum"] == 80_583_000
    assert by_kind.loc["storage", "count"] == 13 and by_kind.loc["storage", "sum"] == pytest.approx(87.59e12)
    assert (primary["kind"] == "unknown").sum() == 14
    expected_format = fmt or "xlsx"
    assert tables.sources[["format", "format_declared"]].values.tolist() == [
        [expected_format, fmt is not None]
    ]

"""The CSV reader: encodings and delimiters as exports come, quoted cells over several lines, title rows,
and the two real CSV catalogues checked against gold-extract.csv."""

from __future__ import annotations

import csv
import io

import pytest

from pipeline.plumbing.errors import SourceError
from pipeline.readers import ReadOptions, detect, read
from pipeline.readers.delimited import read_csv
from pipeline.readers.find import Columns, Hints, find_tables

from .conftest import CATALOGUES, dfe_rows


def csv_bytes(rows, *, delimiter=",", encoding="utf-8", title=None) -> bytes:
    out = io.StringIO(newline="")
    if title:
        out.write(title + "\r\n\r\n")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def table_rows(data: bytes, hints: Hints | None = None):
    (found,) = find_tables(read_csv(data, ReadOptions()), hints)
    return found, [tuple(c.text for c in r.cells) for r in found.rows]


@pytest.mark.parametrize(
    ("delimiter", "encoding", "expected_encoding"),
    [
        (",", "cp1252", "cp1252"),
        (",", "utf-8-sig", "utf-8-sig"),
        (";", "utf-8", "utf-8"),
        ("\t", "utf-16", "utf-16"),  # Excel's "Unicode text": UTF-16 with a mark, tab-separated
        ("\t", "utf-16-le", "utf-16-le"),  # and without the mark
        ("|", "utf-8", "utf-8"),
    ],
    ids=["windows-1252", "utf-8-bom", "semicolons", "utf-16-tabs", "utf-16-no-bom", "pipes"],
)
def test_the_dfe_table_as_a_csv_export_reads_every_row(delimiter, encoding, expected_encoding):
    rows = dfe_rows()
    data = csv_bytes([("Dataset", "Description", "Size"), *rows], delimiter=delimiter, encoding=encoding)
    reading = read_csv(data, ReadOptions())
    assert reading.encoding == expected_encoding
    found, read_back = table_rows(data)
    assert read_back == rows
    assert found.rows[0].cells[0].where == "line 2"


def test_quoted_cells_over_several_lines_keep_their_break_and_the_record_its_first_line():
    data = (
        b'Dataset,Purpose,Volume\r\n"Case\r\nTracker","Appeals,\r\nand reviews","Approx. 2.5m\r\ncases"\r\n'
        b"B,b,1 TB\r\n"
    )

    found, rows = table_rows(data)
    assert rows == [("Case\nTracker", "Appeals,\nand reviews", "Approx. 2.5m\ncases"), ("B", "b", "1 TB")]
    assert [r.cells[0].where for r in found.rows] == ["line 2", "line 6"]  # three breaks inside record 1


def test_title_rows_above_the_header_are_passed_over():
    data = csv_bytes([("Dataset", "Size"), ("A", "1 TB")], title="Bulk datasets held, as at 31 March 2017")
    found, rows = table_rows(data)
    assert rows == [("A", "1 TB")]
    assert (found.header[0].where, found.as_at) == ("line 3", "31 March 2017")


def test_a_csv_is_detected_by_its_name_and_a_binary_one_refused():
    assert detect(b"a,b\n1,2\n", "export.csv") == "csv"
    with pytest.raises(SourceError, match="binary, not text"):
        read(b"\x00\x01\x02PK junk" * 40, "csv")


GOLD = (
    list(csv.DictReader((CATALOGUES / "gold-extract.csv").open(encoding="utf-8")))
    if CATALOGUES.is_dir()
    else []
)
CSV_GOLD = [g for g in GOLD if g["file"].endswith(".csv")]


@pytest.mark.skipif(not CATALOGUES.is_dir(), reason="../shared/sources/catalogues is not on this machine")
@pytest.mark.parametrize("gold", CSV_GOLD, ids=[f"{g['file'][:12]}-{g['volume_column']}" for g in CSV_GOLD])
def test_real_csv_catalogues_give_the_gold_rows(gold):
    data = (CATALOGUES / gold["file"]).read_bytes()
    hints = Hints(columns=Columns(name=gold["name_column"], volume=(gold["volume_column"],)))
    (found,) = find_tables(read(data, name=gold["file"]), hints)
    name, volume = found.mapping.name, found.mapping.volumes[0].index
    assert len(found.rows) == int(gold["rows"])
    first, last = found.rows[0].cells, found.rows[-1].cells
    assert (first[name].text, first[volume].text) == (
        gold["first_name"].strip(),
        gold["first_volume"].strip(),
    )
    assert (last[name].text, last[volume].text) == (gold["last_name"].strip(), gold["last_volume"].strip())


@pytest.mark.skipif(not CATALOGUES.is_dir(), reason="../shared/sources/catalogues is not on this machine")
@pytest.mark.parametrize(
    ("file", "name", "volumes", "body"),
    [
        ("hdruk-gateway-datasets-2020-10.csv", "title", ["fileSize", "statisticalPopulation"], "publisher"),
        ("bhfdsc-nhse-sde-data-overall-2025-07.csv", "dataset", ["n"], None),
    ],
    ids=["hdruk", "bhf"],
)
def test_real_csv_catalogues_are_mapped_without_hints(file, name, volumes, body):
    (found,) = find_tables(read((CATALOGUES / file).read_bytes(), name=file))
    header = [c.text for c in found.header]
    m = found.mapping
    assert header[m.name] == name
    assert [v.header for v in m.volumes] == volumes
    assert (header[m.body] if m.body is not None else None) == body

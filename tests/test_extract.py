"""Stage 1: documents -> dataset rows. Real DfE text first, then the layouts other answers use."""

from __future__ import annotations

import pytest

from pipeline.plumbing.documents import decode, read_document
from pipeline.plumbing.errors import SourceError
from pipeline.stages.extract import COLUMNS, extract_foi_text, find_header, paragraphs

from .conftest import DFE, MINIMAL_ANSWER


@pytest.fixture(scope="module")
def dfe():
    return extract_foi_text(read_document(DFE).text, "dfe-2016-0027740")


def test_dfe_table_has_53_datasets_with_every_cell(dfe):
    assert len(dfe.rows) == 53
    assert all(set(row) == set(COLUMNS) for row in dfe.rows)
    assert all(row["purpose"] and row["volume_text"] for row in dfe.rows)


def test_dfe_first_and_last_rows_and_their_lines(dfe):
    lines = DFE.read_text(encoding="utf-8").split("\n")
    first, last = dfe.rows[0], dfe.rows[-1]
    assert first["dataset_name"] == "Oracle RightNow Cloud Service"
    assert first["volume_text"] == "Circa 160,000 personal records."
    assert last["dataset_name"] == "EFA Data Programme (Modelling / Analyst Databases)"
    for row in dfe.rows:  # source_line points at the volume cell in the raw file
        assert lines[row["source_line"] - 1].strip() == row["volume_text"]


def test_dfe_as_at_date_comes_from_the_table_header(dfe):
    assert dfe.as_at == "2016-06-17"


def test_table_ends_at_prose_not_at_the_end_of_the_letter(dfe):
    assert not any("copyright" in row["dataset_name"] for row in dfe.rows)


def test_header_note_on_its_own_paragraph_is_not_a_dataset():
    text = MINIMAL_ANSWER.replace(
        "Volume of Data Held\n(as at 1 April 2017)", "Volume\n\n(as at 1 April 2017)"
    )
    result = extract_foi_text(text, "s")
    assert [r["dataset_name"] for r in result.rows] == ["Pupil Records", "File Share"]
    assert result.as_at == "2017-04-01"


@pytest.mark.parametrize(
    "header",
    [
        ("Name of Dataset", "Purpose of Dataset", "Volume of Data Held"),
        ("Dataset name", "Purpose", "Volume"),
        ("Name", "Purposes", "Size of dataset"),
        ("NAME OF DATASET", "PURPOSE OF DATASET", "VOLUME OF DATA HELD"),
    ],
    ids=["dfe", "short", "size", "upper-case"],
)
def test_header_variants_are_found(header):
    paras = paragraphs("Intro text.\n\n" + "\n\n".join(header) + "\n\nA\n\nB\n\nC\n")
    assert find_header(paras) == 1


def test_truncated_table_keeps_the_partial_row_for_quarantine():
    text = MINIMAL_ANSWER + "\nLast System\n\nIts purpose.\n"
    rows = extract_foi_text(text, "s").rows
    assert rows[-1] == {
        "source_id": "s",
        "dataset_name": "Last System",
        "purpose": "Its purpose.",
        "volume_text": None,
        "source_line": 24,
    }


def test_missing_header_is_a_source_error():
    with pytest.raises(SourceError, match="no datasets table"):
        extract_foi_text("Dear Sir,\n\nWe hold no such information.\n", "s")


def test_paragraph_lines_are_one_based_and_nbsp_is_a_space():
    assert paragraphs("\n\nA\u00a0B\nC\n\nD") == [
        paragraphs("x")[0].__class__(3, "A B C"),
        paragraphs("x")[0].__class__(6, "D"),
    ]


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Teachers’ Pension – £5".encode("cp1252"), "cp1252", "Teachers’ Pension – £5"),
        ("Café".encode("latin-1") + b"\x81", "latin-1", "Café\x81"),
        (b"\xef\xbb\xbfName\r\nx\r\n", "utf-8-sig", "Name\nx\n"),
        (b"Circa 5,000\r\n", "utf-8", "Circa 5,000\n"),
    ],
    ids=["windows-1252", "latin-1", "utf-8-bom-crlf", "utf-8-crlf"],
)
def test_documents_decode_and_record_their_encoding(tmp_path, data, encoding, expected):
    doc = decode(data, tmp_path / "d.txt")
    assert (doc.encoding, doc.text) == (encoding, expected)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "document is empty"),
        (b"  \n\n \r\n", "document is empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_unreadable_documents_name_the_file(tmp_path, data, message):
    with pytest.raises(SourceError, match=message) as info:
        decode(data, tmp_path / "d.txt")
    assert str(info.value).startswith(str(tmp_path / "d.txt") + ": ")

"""The manifest: each mistake a user can make is one error naming the file and, where it can, the line."""

from __future__ import annotations

import pytest

from pipeline.plumbing.errors import ManifestError
from pipeline.plumbing.manifest import load_manifest
from pipeline.readers import FORMATS
from pipeline.readers.find import Columns, Hints
from pipeline.volumes import Policy

from .conftest import DFE_ID, RAW_MANIFEST, manifest_entry

FORMAT_NAMES = tuple(FORMATS)


def test_shipped_manifest_reads():
    sources = load_manifest(RAW_MANIFEST, FORMAT_NAMES)  # whole: the sources a user added must read too
    (source,) = [s for s in sources if s.id == DFE_ID]
    assert source.path.is_file()
    assert source.policy == Policy()


def write(tmp_path, text, documents=("a.txt",)):
    for name in documents:
        (tmp_path / name).write_text("x", encoding="utf-8")
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_policy_is_read_per_source(tmp_path):
    path = write(
        tmp_path, manifest_entry("a", "a.txt", policy='storage_prefixes = "binary"\ndays_per_year = 365')
    )
    (source,) = load_manifest(path, FORMAT_NAMES)
    assert source.policy == Policy(storage_prefixes="binary", days_per_year=365)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('[[sources]]\nid = "a"\npath = \n', "not valid TOML", 3),
        ("title = 'no sources'\n", "no [[sources]] entries", None),
        (manifest_entry("a", "a.txt") + manifest_entry("a", "a.txt"), "source id 'a' is used twice", 10),
        (manifest_entry("a", "a.txt", fmt="rtf"), "unknown format 'rtf' (known: foi-text, csv, xlsx", 2),
        (manifest_entry("a", "missing.txt"), "file not found: missing.txt", 2),
        (
            '[[sources]]\nid = "a"\npath = "a.txt"\n',
            "source 'a' lacks body, reference, as_at, url",
            2,
        ),
        (manifest_entry("a", "a.txt").replace("url =", 'colour = "red"\nurl ='), "unknown keys: colour", 2),
        (manifest_entry("a", "a.txt", policy='storage_prefixes = "octal"'), "storage_prefixes must be", 2),
        (manifest_entry("a", "a.txt", policy="days_per_year = 36"), "days_per_year must be", 2),
        (manifest_entry("A b", "a.txt"), "id must be lower-case", 2),
        (
            manifest_entry("a", "a.txt").replace('as_at = "2017-04-01"', 'as_at = "17/06/2016"'),
            "as_at must be a date",
            2,
        ),
        (
            manifest_entry("a", "a.txt").replace('as_at = "2017-04-01"', 'as_at = "2016-02-30"'),
            "not a date that exists",
            2,
        ),
        (manifest_entry("a", "a.txt").replace("url =", "sheet = 0\nurl ="), "sheet must be", 2),
        (manifest_entry("a", "a.txt").replace("url =", "header_row = -1\nurl ="), "header_row must be", 2),
        (
            manifest_entry("a", "a.txt").replace("url =", 'columns = { size = "x" }\nurl ='),
            "unknown columns keys: size",
            2,
        ),
        (
            manifest_entry("a", "a.txt").replace("url =", "columns = { volume = [1] }\nurl ="),
            "columns.volume must be",
            2,
        ),
    ],
    ids=[
        "bad-toml",
        "no-sources",
        "duplicate-id",
        "unknown-format",
        "missing-file",
        "missing-keys",
        "unknown-key",
        "bad-policy",
        "bad-year",
        "bad-id",
        "as-at-not-iso",
        "as-at-no-such-day",
        "sheet-zero",
        "header-row-negative",
        "unknown-columns-key",
        "volume-not-text",
    ],
)
def test_manifest_mistakes_name_file_and_line(tmp_path, text, message, line):
    path = write(tmp_path, text)
    with pytest.raises(ManifestError) as info:
        load_manifest(path, FORMAT_NAMES)
    where = f"{path}:{line}: " if line else f"{path}: "
    assert str(info.value).startswith(where)
    assert message in str(info.value)


def test_missing_manifest(tmp_path):
    with pytest.raises(ManifestError, match="manifest not found"):
        load_manifest(tmp_path / "nope.toml", FORMAT_NAMES)


def test_format_may_be_left_out_and_the_table_described(tmp_path):
    entry = (
        manifest_entry("a", "a.txt")
        .replace('format = "foi-text"\n', "")
        .replace(
            "url =",
            'sheet = "Bulk datasets"\nheader_row = 3\ntable = 1\n'
            'columns = { name = "System", volume = ["Records", "Size (GB)"], body = "Owner" }\nurl =',
        )
    )
    (source,) = load_manifest(write(tmp_path, entry), FORMAT_NAMES)
    assert source.format is None
    assert source.sheet == "Bulk datasets"
    assert source.hints == Hints(
        table=1, header_row=3, columns=Columns(name="System", volume=("Records", "Size (GB)"), body="Owner")
    )


@pytest.mark.parametrize(
    "as_at", ['"2016-06-17"', "2016-06-17", "2016-06-17T00:00:00"], ids=["text", "toml-date", "toml-datetime"]
)
def test_as_at_is_an_iso_date_written_either_way(tmp_path, as_at):
    entry = manifest_entry("a", "a.txt").replace('as_at = "2017-04-01"', f"as_at = {as_at}")
    (source,) = load_manifest(write(tmp_path, entry), FORMAT_NAMES)
    assert source.as_at == "2016-06-17"

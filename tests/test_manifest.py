"""The manifest: each mistake a user can make is one error naming the file and, where it can, the line."""

from __future__ import annotations

import pytest

from pipeline.plumbing.errors import ManifestError
from pipeline.plumbing.manifest import load_manifest
from pipeline.stages.extract import FORMATS
from pipeline.volumes import Policy

from .conftest import RAW_MANIFEST, manifest_entry

FORMAT_NAMES = tuple(FORMATS)


def test_shipped_manifest_reads():
    (source,) = load_manifest(RAW_MANIFEST, FORMAT_NAMES)
    assert source.id == "dfe-2016-0027740"
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
        (manifest_entry("a", "a.txt", fmt="pdf"), "unknown format 'pdf' (known: foi-text)", 2),
        (manifest_entry("a", "missing.txt"), "file not found: missing.txt", 2),
        (
            '[[sources]]\nid = "a"\npath = "a.txt"\n',
            "source 'a' lacks format, body, reference, as_at, url",
            2,
        ),
        (manifest_entry("a", "a.txt").replace("url =", 'colour = "red"\nurl ='), "unknown keys: colour", 2),
        (manifest_entry("a", "a.txt", policy='storage_prefixes = "octal"'), "storage_prefixes must be", 2),
        (manifest_entry("a", "a.txt", policy="days_per_year = 36"), "days_per_year must be", 2),
        (manifest_entry("A b", "a.txt"), "id must be lower-case", 2),
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

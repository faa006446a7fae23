"""The chart: a valid, reasonably sized PNG, the same bytes for the same database, and labels that say
what the figures are. The label helpers have doctests in pipeline/chart.py."""

from __future__ import annotations

import struct
import subprocess
import sys

import duckdb
import pytest

from pipeline.run import run
from pipeline.stages.chart import draw_chart, write_chart

from .conftest import MINIMAL_ANSWER, manifest_entry

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """``(type, body)`` of every chunk of a PNG, checking the signature and that the chunks fill the file."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        chunks.append((data[at + 4 : at + 8], data[at + 8 : at + 8 + length]))
        at += 12 + length
    assert at == len(data), "truncated PNG"
    return chunks


def png_facts(data: bytes) -> tuple[int, int, list[bytes]]:
    """``(width, height, chunk types)``: IHDR must come first and IEND last."""
    chunks = png_chunks(data)
    types = [kind for kind, _ in chunks]
    assert types[0] == b"IHDR" and types[-1] == b"IEND"
    width, height = struct.unpack(">II", chunks[0][1][:8])
    return width, height, types


def database(manifest, out):
    run(manifest, out, reports=False)
    return duckdb.connect(str(out / "volumes.duckdb"), read_only=True)


@pytest.fixture(scope="module")
def dfe(tmp_path_factory, dfe_manifest):
    con = database(dfe_manifest, tmp_path_factory.mktemp("dfe"))
    yield con
    con.close()


def texts(ax) -> list[str]:
    """The words written on ``ax``, in drawing order (arrows are annotations without text)."""
    return [t.get_text() for t in ax.texts if t.get_text()]


def test_dfe_chart_is_a_png_of_expected_size(dfe, tmp_path):
    path = write_chart(dfe, tmp_path / "volumes.png")
    data = path.read_bytes()
    width, height, types = png_facts(data)
    assert width == 2040  # 17 in at 120 dpi
    assert 960 <= height <= 1400  # 8 in, plus a little for the 24 record bars
    assert 20_000 <= len(data) <= 2_000_000
    assert not {b"tEXt", b"iTXt", b"zTXt", b"tIME"} & set(types), "metadata would make the bytes vary"


def test_same_database_gives_the_same_bytes(dfe, tmp_path):
    first = write_chart(dfe, tmp_path / "first.png").read_bytes()
    second = write_chart(dfe, tmp_path / "second.png").read_bytes()
    assert first == second


def test_a_rebuilt_database_gives_the_same_bytes(dfe, tmp_path, dfe_manifest):
    again = database(dfe_manifest, tmp_path / "again")
    try:
        assert (
            write_chart(again, tmp_path / "again.png").read_bytes()
            == write_chart(dfe, tmp_path / "dfe.png").read_bytes()
        )
    finally:
        again.close()


def test_dfe_chart_labels_sizes_qualifiers_and_unknowns(dfe):
    records, storage, rates, side = draw_chart(dfe).axes[:4]
    assert records.get_title(loc="left") == "Datasets by records (24)"
    assert [t.get_text() for t in records.get_yticklabels()][:2] == [
        "Nation Pupil Database-Achievement\nand Attainment Tables",  # long names wrap, whole
        "National Pupil Database - SQL\nservers",
    ]
    assert texts(records)[:3] == ["~21.2M", "~20M", "~19.7M"]  # "Circa": approximate
    assert "45k" in texts(records)  # "45,000 personal records": exact, no mark
    assert storage.get_yticklabels()[0].get_text() == "Office Exchange (Outlook)"
    assert texts(storage)[0] == "56 TB"
    assert rates.get_title(loc="left") == "Datasets by records a year (2)"
    assert texts(rates) == ["~438k", "29k"]
    assert side.get_title(loc="left") == "Not drawn: 14 of 53 datasets"
    assert {"Volume not known (14)", "  Troops to Teachers"} <= set(texts(side))
    title = records.figure.get_suptitle()
    assert "Department for Education (as at 2016-06-17)" in title
    assert "as reported; datasets overlap" in title.lower()


def test_two_bodies_are_coloured_apart_with_their_dates(tmp_path):
    from .conftest import FIXTURES

    con = database(FIXTURES / "sources.toml", tmp_path / "out")
    try:
        fig = draw_chart(con)
    finally:
        con.close()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    (legend,) = legends
    assert legend.get_title().get_text() == "Body (as at)"
    assert [t.get_text() for t in legend.get_texts()] == [
        "Department for Education (2016-06-17)",
        "Example Agency (test fixture) (2017-03-31)",
    ]


BOUNDS = MINIMAL_ANSWER + "".join(
    f"\n{name}\n\nA purpose.\n\n{volume}\n"
    for name, volume in [
        ("Big Register", "Over 1 million personal records."),
        ("Small Register", "Up to 500 GB"),
        ("Spread Register", "Between 2 and 3 TB"),
    ]
)


def test_bounds_and_ranges_are_drawn_differently_from_exact_figures(make_source, tmp_path):
    con = database(make_source(BOUNDS), tmp_path / "out")
    try:
        records, storage = draw_chart(con).axes[:2]
    finally:
        con.close()
    assert texts(records) == ["≥1M", "~5k"]
    assert texts(storage) == ["2 TB–3 TB", "1.5 TB", "≤500 GB"]
    bars = {
        label.get_text(): patch
        for label, patch in zip(storage.get_yticklabels(), storage.patches, strict=True)
    }
    assert bars["Spread Register"].get_hatch() and bars["File Share"].get_hatch() is None
    assert bars["Small Register"].get_facecolor()[:3] == (1.0, 1.0, 1.0)  # a bound is a hollow bar
    assert bars["File Share"].get_facecolor() != bars["Small Register"].get_facecolor()
    assert len(storage.containers) == 4  # 3 bars, and 1 whisker: the range's


def test_a_source_with_only_unknown_volumes_still_charts(make_source, tmp_path):
    unknown = MINIMAL_ANSWER.replace("Circa 5,000 personal records.", "Not known.").replace(
        "1.5 TB", "Exact volume unknown."
    )
    con = database(make_source(unknown), tmp_path / "out")
    try:
        path = write_chart(con, tmp_path / "volumes.png")
        records, _, _, side = draw_chart(con).axes[:4]
    finally:
        con.close()
    width, height, _ = png_facts(path.read_bytes())
    assert (width, height) == (2040, 960)

    assert 20_000 <= path.stat().st_size <= 2_000_000
    assert texts(records) == ["No dataset gave a figure for records."]
    assert side.get_title(loc="left") == "Not drawn: 2 of 2 datasets"
    assert texts(side) == ["Volume not known (2)", "  Pupil Records", "  File Share"]


def test_importing_the_module_does_not_import_matplotlib():
    code = "import sys, pipeline.stages.chart; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_long_source_draws_only_its_largest_datasets(make_source, tmp_path):
    rows = "".join(f"System {n}\n\nPurpose {n}.\n\n{(n + 1) * 1000:,} records\n\n" for n in range(300))
    con = database(make_source(MINIMAL_ANSWER + "\n" + rows), tmp_path / "out")
    records = draw_chart(con).axes[0]
    con.close()
    assert records.get_title(loc="left") == "Datasets by records (largest 40 of 301)"
    assert [t.get_text() for t in records.get_yticklabels()][:2] == ["System 299", "System 298"]
    assert len(records.get_yticklabels()) == 40


def test_a_register_of_many_bodies_counts_them_and_names_each_bars_body(tmp_path):
    """Past seven bodies a colour would stand for several: the title counts the bodies, each bar's
    name says its body, and there is no key of colours."""
    rows = ["Dataset,Publisher,Description,Volume"]
    rows += [f"Register {n},Trust {n % 12},Patients of trust {n},{(n + 1) * 1000} records" for n in range(24)]
    (tmp_path / "register.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("register", "register.csv", fmt="csv"), encoding="utf-8")
    con = database(manifest, tmp_path / "out")
    try:
        fig = draw_chart(con)
    finally:
        con.close()
    records = fig.axes[0]
    assert (
        fig.get_suptitle().splitlines()[0]
        == "Volumes of data held by 12 bodies (as at 2017-04-01), by dataset"
    )
    assert records.get_yticklabels()[0].get_text() == "Register 23 · Trust 11"
    assert [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] == []
    assert len({bar.get_facecolor() for bar in records.patches}) == 1

"""The five real catalogues of ../shared/sources/catalogues, end to end: every data row of each is a
dataset or quarantined (the row counts of gold-extract.csv), each catalogue mapped as a manifest
would declare it. The readers' own tests check the cells against the gold file."""

from __future__ import annotations

import csv

import pytest

from pipeline.run import build_tables

from .conftest import CATALOGUES

pytestmark = pytest.mark.skipif(not CATALOGUES.is_dir(), reason="../shared/sources/catalogues is not here")

ENTRIES = {
    "hdruk-gateway-datasets-2020-10.csv": "",
    "phs-edris-covid19-data-dictionary-v13.xlsx": "",
    "ukllc-all-sources-in.xlsx": "",
    "ukllc-database-tables.xlsx": 'columns = { body = "source" }\n',
    "bhfdsc-nhse-sde-data-overall-2025-07.csv": 'columns = { volume = ["n", "n_id", "n_id_distinct"] }\n',
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    manifest = tmp_path_factory.mktemp("catalogues") / "sources.toml"
    entries = [
        f'[[sources]]\nid = "c{n}"\npath = "{CATALOGUES / name}"\nbody = "Catalogue {n}"\n'
        f'reference = "{name}"\nas_at = 2020-10-20\nurl = "https://example.invalid/{n}"\n{extra}'
        for n, (name, extra) in enumerate(ENTRIES.items())
    ]
    manifest.write_text("\n".join(entries), encoding="utf-8")
    return build_tables(manifest)


def test_every_catalogue_row_is_a_dataset_with_the_gold_count(tables):
    gold = {
        g["file"].split("#")[0]: int(g["rows"])
        for g in csv.DictReader((CATALOGUES / "gold-extract.csv").open())
    }
    read = tables.extracted.drop_duplicates(["source_id", "row"]).groupby("source_id").size()
    assert [read[f"c{n}"] for n in range(len(ENTRIES))] == [gold[name] for name in ENTRIES]
    assert (
        tables.counts["extracted"]
        == tables.counts["loaded"] + tables.counts["quarantined"]
        == sum(gold.values())
    )


def test_formats_are_detected_and_the_publisher_is_the_row_body(tables):
    assert tables.sources["format"].tolist() == ["csv", "xlsx", "xlsx", "xlsx", "csv"]
    hdr = tables.datasets[tables.datasets["source_id"] == "c0"]
    assert hdr["body"].str.contains("NIHR BIORESOURCE").any()


def test_several_volume_columns_each_give_figures(tables):
    bhf = tables.figures[(tables.figures["source_id"] == "c4") & (tables.figures["dataset_name"] == "chess")]
    assert bhf[["volume_column", "value", "assumed_unit"]].values.tolist() == [
        ["n", 110805, True],
        ["n_id", 110180, True],
        ["n_id_distinct", 100250, True],
    ]
    # "n" is a count header, so its numbers are records by it; the others by the bare-number policy
    assert bhf["policy"].tolist() == ["unit from the column header=records", *["bare number=records"] * 2]

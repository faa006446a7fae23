"""The bulk path for large CSV sources gives exactly what the in-memory path gives: the same staging
tables, row for row, on a CSV with every awkward case the in-memory tests cover. Sizes here are small;
``make bench`` runs the million-row sources."""

from __future__ import annotations

import csv
import io

import duckdb
import pandas as pd
import pytest

import schemas
from pipeline.run import build_tables, read_sources
from pipeline.stages import bulk
from pipeline.stages.engines import LocalEngine
from pipeline.stages.load import load_database

from .conftest import dfe_rows, manifest_entry

STAGING = ("stg_sources", "stg_datasets", "stg_figures", "stg_quarantine")


def awkward_csv(repeat: int = 20) -> bytes:
    """A register: several volume columns (one with a unit in its header), a publisher column, other
    columns, the DfE cells, blank, repeated, long and formula-looking cells, a total and a note."""
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Dataset", "Publisher", "Description", "Volume", "Size (GB)", "Owner"])
    for r in range(repeat):
        for n, (name, purpose, volume) in enumerate(dfe_rows()):
            w.writerow(
                [
                    f"{name} #{r}",
                    f"Body {n % 3}",
                    purpose,
                    volume,
                    str(n * 10) if n % 4 else "",
                    "Ops" if n % 2 else "",
                ]
            )
    w.writerow(["\u00a0Spaced\u200b name ", "Body 1", "p", " 5\u00a0000 records ", "", ""])
    w.writerow(["=HYPERLINK(1)", "", "", "12 TB", "", ""])
    w.writerow(["Only a name", "", "", "", "", ""])
    w.writerow(["Dataset", "Publisher", "Description", "Volume", "Size (GB)", "Owner"])  # header again
    w.writerow(["Oracle RightNow Cloud Service #0", "Body 0", "again", "5 records", "", ""])  # repeated name
    w.writerow(["Long", "", "", "Circa 5,000 records " * 120, "", ""])  # too long a volume
    w.writerow(["See annex", "", "", "see annex B", "", ""])
    w.writerow(["Total", "", "", "80 million records", "", ""])
    w.writerow(["* Figures are estimates as at the date of the request.", "", "", "", "", ""])
    return out.getvalue().encode("utf-8")


def staging(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    return sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk")
    (folder / "register.csv").write_bytes(awkward_csv())
    manifest = folder / "sources.toml"
    manifest.write_text(manifest_entry("reg", "register.csv", fmt="csv"), encoding="utf-8")
    memory = folder / "memory.duckdb"
    load_database(memory, build_tables(manifest).frames())
    (source,) = read_sources(manifest)
    plan = bulk.plan(source, threshold=0)
    assert plan is not None
    con = duckdb.connect(str(folder / "bulk.duckdb"))
    for name in schemas.DDL:
        con.execute(schemas.sql(name))
    meta, counts = bulk.load(con, plan, manifest, LocalEngine(2), lambda message: None)
    con.register("meta", pd.DataFrame([meta]))
    con.execute("INSERT INTO stg_sources BY NAME SELECT * FROM meta")
    con.execute(f"ATTACH '{memory}' AS memory (READ_ONLY)")
    yield con, counts
    con.close()


@pytest.mark.parametrize("table", STAGING)
def test_the_bulk_path_stages_what_the_in_memory_path_stages(both, table):
    con, _ = both
    assert staging(con, f"main.{table}") == staging(con, f"memory.{table}")


def test_the_bulk_counts_prove_every_row_is_accounted_for(both):
    con, counts = both
    assert counts["extracted"] == counts["loaded"] + counts["quarantined"] == 53 * 20 + 6
    reasons = con.execute("SELECT dataset_name, reason FROM stg_quarantine ORDER BY row").fetchall()
    assert reasons == [
        ("Oracle RightNow Cloud Service #0", "dataset name repeated within the source"),
        ("Long", "volume_text length out of bounds (None, 2000)"),
    ]


def test_a_small_or_other_source_takes_the_in_memory_path(tmp_path):
    (tmp_path / "a.csv").write_bytes(awkward_csv(1))
    (tmp_path / "b.csv").write_bytes(
        awkward_csv(1).decode().encode("cp1252", errors="replace").replace(b"Body", b"B\xe9dy")
    )
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("a", "a.csv", fmt="csv") + manifest_entry("b", "b.csv", fmt="csv"))
    a, b = read_sources(manifest)
    assert bulk.plan(a) is None  # below BULK_BYTES
    assert bulk.plan(b, threshold=0) is None  # not UTF-8: the in-memory reader detects Windows-1252


def test_contract_checks_are_the_pandera_models():
    reasons = [r for r, _ in bulk.contract_checks()]
    assert "dataset_name length out of bounds (1, 500)" in reasons
    assert "volume_text length out of bounds (None, 2000)" in reasons
    assert "purpose is missing" not in reasons  # nullable in the model


def test_engines_give_the_same_figures_in_process_and_in_workers():
    from pipeline.volumes import Policy

    cells = [(volume, unit) for _, _, volume in dfe_rows() for unit in (None, "gb")]
    texts = [(n + 1, volume, unit) for n, (volume, unit) in enumerate(cells)]

    chunks = [texts[i : i + 17] for i in range(0, len(texts), 17)]
    one = pd.concat([f for f, _ in LocalEngine(1).parse(chunks, Policy())], ignore_index=True)
    two = pd.concat([f for f, _ in LocalEngine(2).parse(chunks, Policy())], ignore_index=True)
    assert one.equals(two)
    assert len(one) == 2 * 54


def test_a_run_on_a_dask_cluster_of_two_workers_writes_the_same_bytes(tmp_path):
    """``run --engine dask``: the bulk source's texts parsed on two local Dask workers (processes), the
    outputs byte for byte those of the local engine."""
    from pipeline.run import run
    from pipeline.stages.engines import DaskEngine  # the test set-up installs the dask extra

    (tmp_path / "register.csv").write_bytes(awkward_csv(5))
    manifest = tmp_path / "sources.toml"
    manifest.write_text(manifest_entry("reg", "register.csv", fmt="csv"), encoding="utf-8")
    engine = DaskEngine(workers=2)
    tables, _ = run(manifest, tmp_path / "dask", engine=engine, bulk_bytes=0, reports=False)
    assert engine._client is None  # the run closed its cluster
    run(manifest, tmp_path / "local", engine=LocalEngine(2), bulk_bytes=0, reports=False)
    assert tables.counts["extracted"] == 53 * 5 + 6
    for relation in ("measures", "dataset_list", "quarantine"):
        got = [
            duckdb.connect(str(tmp_path / d / "volumes.duckdb"), read_only=True) for d in ("dask", "local")
        ]
        rows = [c.execute(f"SELECT * FROM {relation}").fetchall() for c in got]
        for c in got:
            c.close()
        assert rows[0] == rows[1], relation

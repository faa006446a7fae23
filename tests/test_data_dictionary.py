"""docs/data-dictionary.md stays true: every relation and file column it documents is what a run writes."""

from __future__ import annotations

import re

import duckdb
import pytest

from pipeline.run import run
from pipeline.stages.report import PARQUET, REPORTS

from .conftest import FIXTURES, ROOT

DICTIONARY = ROOT / "docs" / "data-dictionary.md"
SECTION = re.compile(r"^### `(\w+)`\n(.*?)(?=^##)", re.MULTILINE | re.DOTALL)
ROW = re.compile(r"^\| `(\w+)` \| (\w+) \|", re.MULTILINE)


def documented() -> dict[str, list[tuple[str, str]]]:
    text = DICTIONARY.read_text(encoding="utf-8") + "\n## end"
    return {name: ROW.findall(body) for name, body in SECTION.findall(text)}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("dictionary")
    run(FIXTURES / "sources.toml", out)
    return out


@pytest.fixture(scope="module")
def con(out):
    con = duckdb.connect(str(out / "volumes.duckdb"), read_only=True)
    yield con
    con.close()


def described(con, relation: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {relation}").fetchall()]


def test_every_relation_is_documented(con):
    relations = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    text = DICTIONARY.read_text(encoding="utf-8")
    assert sorted(r for r in relations if f"`{r}`" not in text) == []


TABLES = sorted(name for name, columns in documented().items() if columns)  # building blocks refer to others


def test_marts_have_column_tables():
    assert {
        "measures",
        "datasets",
        "totals",
        "disclosure",
        "largest",
        "quarantine",
        "unparsed",
        "sources",
    } <= set(TABLES)


@pytest.mark.parametrize("relation", TABLES)
def test_documented_columns_and_types_match_the_database(con, relation):
    assert documented()[relation] == described(con, relation)


def test_building_blocks_match_what_the_text_says(con):
    assert described(con, "dataset_figures") == described(con, "stg_figures")
    wide = [c for c, _ in described(con, "dataset_wide")]
    datasets = [c for c, _ in described(con, "datasets")]
    assert [c for c in datasets if c in wide] == wide
    # the Parquet copies are written from the relations these views order: the same columns
    assert described(con, "figure_rows") == described(con, "measures")
    assert described(con, "dataset_wide") == described(con, "datasets")


@pytest.mark.parametrize(("filename", "relation"), sorted(REPORTS.items()))
def test_csv_columns_are_their_relation(out, con, filename, relation):
    text = (out / filename).read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # a byte-order mark: spreadsheets read UTF-8 as written
    header = text[1:].split("\n", 1)[0]
    assert header.split(",") == [c for c, _ in described(con, relation)]
    assert f"`{filename}`" in DICTIONARY.read_text(encoding="utf-8")


@pytest.mark.parametrize(("filename", "relation"), sorted(PARQUET.items()))
def test_parquet_copies_are_typed_like_their_relation(out, con, filename, relation):
    parquet = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out / filename}')").fetchall()
    assert [(r[0], r[1]) for r in parquet] == described(con, relation)
    count = con.execute(f"SELECT count(*) FROM read_parquet('{out / filename}')").fetchall()
    assert count == con.execute(f"SELECT count(*) FROM {relation}").fetchall()


@pytest.mark.parametrize(
    ("table", "model"),
    [("stg_figures", "Figures"), ("stg_quarantine", "Quarantine")],
)
def test_staging_tables_hold_the_columns_of_their_stage_contract(con, table, model):
    """The pandera model is the one declaration of a frame's columns; the DDL must agree with it."""
    import schemas.frames

    assert [c for c, _ in described(con, table)] == list(getattr(schemas.frames, model).to_schema().columns)


def test_datasets_staging_holds_the_extracted_dataset_columns(con):
    from pipeline.stages.extract import DATASET_COLUMNS

    assert [c for c, _ in described(con, "stg_datasets")] == DATASET_COLUMNS

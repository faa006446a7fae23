"""Stage boundaries: validate a frame against its pandera model; failing datasets go to quarantine;
and the conservation check that proves no dataset was lost between the stages.

Never ``drop_invalid_rows``: every row that fails is kept, in the quarantine frame, with the
reasons pandera gave. A failure that is not about rows (a missing column) is a programming error
and is raised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import pandera.pandas as pa

if TYPE_CHECKING:
    import duckdb


from pipeline.plumbing.errors import ConservationError
from schemas.frames import DATASET

QUARANTINE_COLUMNS = ["source_id", "row", "location", "stage", "dataset_name", "volume_text", "reason"]


def _describe(column: object, check: object, problem: object) -> str:
    check = str(check)
    if check == "row does not fit the table":
        return f"{check}: {problem}"
    if check == "not_nullable":
        return f"{column} is missing"
    if check.startswith("str_length"):
        return f"{column} length out of bounds {check[len('str_length') :]}"
    if check.startswith("isin"):
        return f"{column} has a value not allowed"
    if " " in check:  # a named dataframe check: its name is the reason, whatever the column
        return check
    return f"{column}: {check}"


def split_valid(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], stage: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(valid rows, quarantine rows)``. A dataset (source_id, row) fails as a whole: all its cells."""
    try:
        valid = model.validate(frame, lazy=True)
        return valid, empty_quarantine()
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    rowwise = cases[cases["index"].notna()]
    if len(rowwise) < len(cases):
        raise RuntimeError(
            f"{model.__name__}: schema failure not tied to rows:\n{cases[cases['index'].isna()]}"
        )
    reasons: dict[tuple, list[str]] = {}
    for idx, column, check in zip(rowwise["index"], rowwise["column"], rowwise["check"], strict=True):
        bucket = reasons.setdefault((frame.at[idx, "source_id"], frame.at[idx, "row"]), [])
        text = _describe(column, check, frame.at[idx, "problem"] if "problem" in frame else None)
        if text not in bucket:
            bucket.append(text)
    keys = pd.Series(list(zip(frame["source_id"], frame["row"], strict=True)), index=frame.index)
    bad = keys.isin(reasons)
    firsts = frame[bad].drop_duplicates(DATASET)
    quarantine = pd.DataFrame(
        {
            "source_id": firsts["source_id"].to_numpy(),
            "row": firsts["row"].to_numpy(),
            "location": firsts["location"].to_numpy(),
            "stage": stage,
            "dataset_name": firsts["dataset_name"].to_numpy(),
            "volume_text": firsts["volume_text"].to_numpy(),
            "reason": [
                "; ".join(reasons[key]) for key in zip(firsts["source_id"], firsts["row"], strict=True)
            ],
        }
    )
    return frame[~bad].reset_index(drop=True), quarantine


def empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else "str") for c in QUARANTINE_COLUMNS})


def check_conservation(
    extracted: pd.DataFrame, datasets: pd.DataFrame, figures: pd.DataFrame, quarantine: pd.DataFrame
) -> dict[str, int]:
    """Every extracted dataset is loaded with figures for each of its volume cells, or quarantined:
    never both, never neither. Returns the counts; raises :class:`ConservationError` otherwise."""

    def keys(frame: pd.DataFrame, columns: list[str]) -> set[tuple]:
        return set(zip(*(frame[c] for c in columns), strict=True))

    extracted_sets = keys(extracted, DATASET)
    loaded, quarantined = keys(datasets, DATASET), keys(quarantine, DATASET)
    cells = ["source_id", "row", "volume_index"]
    loaded_cells = {c for c in keys(extracted, cells) if c[:2] in loaded}
    counts = {
        "extracted": len(extracted_sets),
        "loaded": len(datasets),
        "quarantined": len(quarantine),
        "cells": len(extracted),
        "figures": len(figures),
        "unparsed": int((figures["kind"] == "unparsed").sum()),
    }
    problems = []
    if len(loaded) != len(datasets) or len(quarantined) != len(quarantine):
        problems.append("a dataset is loaded or quarantined twice")
    if loaded & quarantined:
        problems.append(f"{len(loaded & quarantined)} datasets both loaded and quarantined")
    if loaded_cells != keys(figures, cells):
        odd = len(loaded_cells ^ keys(figures, cells))
        problems.append(f"{odd} volume cells without figures, or figures without a cell")
    if extracted_sets != loaded | quarantined:
        problems.append(f"{len(extracted_sets - loaded - quarantined)} datasets lost")
    if counts["extracted"] != counts["loaded"] + counts["quarantined"]:
        problems.append(
            f"extracted {counts['extracted']} != loaded {counts['loaded']}"
            f" + quarantined {counts['quarantined']}"
        )
    if problems:
        raise ConservationError("conservation check failed: " + "; ".join(problems))
    return counts


#: Each staging table's key: the run checks it (dbt's ``unique``) instead of an index a bulk load maintains.
KEYS = {
    "stg_sources": ("source_id",),
    "stg_datasets": ("source_id", "row"),
    "stg_figures": ("source_id", "row", "volume_index", "figure"),
}


def check_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Every staging table's key is unique: a breach is a bug, a :class:`ConservationError`."""
    for table, key in KEYS.items():
        (repeated,) = con.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY {', '.join(key)} HAVING count(*) > 1)"
        ).fetchone()  # type: ignore[misc]
        if repeated:
            raise ConservationError(f"{table}: {repeated} keys ({', '.join(key)}) appear more than once")

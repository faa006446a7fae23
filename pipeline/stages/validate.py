"""Stage boundaries: validate a frame against its pandera model; failing rows go to quarantine.

Never ``drop_invalid_rows``: every row that fails is kept, in the quarantine frame, with the
reasons pandera gave. A failure that is not about rows (a missing column) is a programming error
and is raised.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

QUARANTINE_COLUMNS = ["source_id", "source_line", "stage", "dataset_name", "volume_text", "reason"]
CELL = ["source_id", "source_line"]


def _describe(column: object, check: object) -> str:
    check = str(check)
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
    """``(valid rows, quarantine rows)``. A cell (source_id, source_line) fails as a whole."""
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
        bucket = reasons.setdefault((frame.at[idx, "source_id"], frame.at[idx, "source_line"]), [])
        text = _describe(column, check)
        if text not in bucket:
            bucket.append(text)
    bad = pd.Series(list(zip(frame["source_id"], frame["source_line"], strict=True)), index=frame.index).isin(
        reasons
    )
    firsts = frame[bad].drop_duplicates(CELL)
    quarantine = pd.DataFrame(
        {
            "source_id": firsts["source_id"].to_numpy(),
            "source_line": firsts["source_line"].to_numpy(),
            "stage": stage,
            "dataset_name": firsts["dataset_name"].to_numpy(),
            "volume_text": firsts["volume_text"].to_numpy(),
            "reason": [
                "; ".join(reasons[key])
                for key in zip(firsts["source_id"], firsts["source_line"], strict=True)
            ],
        }
    )
    return frame[~bad].reset_index(drop=True), quarantine


def empty_quarantine() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c == "source_line" else "str") for c in QUARANTINE_COLUMNS}
    )

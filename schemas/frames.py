"""Pandera models for each stage boundary. Rows failing them go to quarantine with the reason.

``strict=True`` everywhere: a stage that adds or loses a column is a programming error, raised,
not quarantined. Nullability is explicit on every field.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .kinds import KINDS, QUALIFIERS, ROLES
from .kinds import UNIT_OF_KIND as UNITS

#: Longest cell accepted. Generous, because catalogues write long descriptions; past these a cell is
#: a table misread (a document's prose taken for a cell), not a name, a purpose or a volume.
MAX_NAME = 500
MAX_PURPOSE = 50_000
MAX_VOLUME = 2_000
#: The dataset a row belongs to: its source and its ordinal there. A dataset fails as a whole.
DATASET = ["source_id", "row"]


class ExtractedRows(pa.DataFrameModel):
    """Stage 1 -> 2: one row per volume cell of each dataset, as read from the document."""

    source_id: Series[str] = pa.Field(nullable=False)
    row: Series[int] = pa.Field(nullable=False, ge=1)
    volume_index: Series[int] = pa.Field(nullable=False, ge=0)
    volume_column: Series[str] = pa.Field(nullable=False)
    dataset_name: Series[str] = pa.Field(nullable=False, str_length={"min_value": 1, "max_value": MAX_NAME})
    purpose: Series[str] = pa.Field(nullable=True, str_length={"max_value": MAX_PURPOSE})
    volume_text: Series[str] = pa.Field(nullable=False, str_length={"max_value": MAX_VOLUME})
    location: Series[str] = pa.Field(nullable=False)
    row_location: Series[str] = pa.Field(nullable=False)
    body: Series[str] = pa.Field(nullable=True)
    attributes: Series[str] = pa.Field(nullable=False)
    column_unit: Series[str] = pa.Field(nullable=True)  # checked by Policy when the parse stage reads it
    problem: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check(name="row does not fit the table")
    def fits_the_table(cls, df):
        return df["problem"].isna()

    @pa.dataframe_check(name="dataset name repeated within the source")
    def dataset_name_unique(cls, df):
        datasets = df.drop_duplicates(DATASET).assign(_body=lambda d: d["body"].fillna(""))
        later = datasets[datasets.duplicated(["source_id", "_body", "dataset_name"], keep="first")]
        return pd.Series(~df.set_index(DATASET).index.isin(later.set_index(DATASET).index), index=df.index)


class Figures(pa.DataFrameModel):
    """Stage 2 -> 3: one row per figure read from a volume cell, with its provenance."""

    source_id: Series[str] = pa.Field(nullable=False)
    row: Series[int] = pa.Field(nullable=False, ge=1)
    volume_index: Series[int] = pa.Field(nullable=False, ge=0)
    volume_column: Series[str] = pa.Field(nullable=False)
    location: Series[str] = pa.Field(nullable=False)
    dataset_name: Series[str] = pa.Field(nullable=False)
    volume_text: Series[str] = pa.Field(nullable=False)
    figure: Series[int] = pa.Field(nullable=False, ge=0)
    kind: Series[str] = pa.Field(nullable=False, isin=list(KINDS))
    value: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str] = pa.Field(nullable=True, isin=list(UNITS.values()))
    lower: Series[float] = pa.Field(nullable=True, ge=0)
    upper: Series[float] = pa.Field(nullable=True, ge=0)
    qualifier: Series[str] = pa.Field(nullable=False, isin=list(QUALIFIERS))
    role: Series[str] = pa.Field(nullable=False, isin=list(ROLES))
    subset: Series[bool] = pa.Field(nullable=False)
    assumed_unit: Series[bool] = pa.Field(nullable=False)
    span_start: Series[int] = pa.Field(nullable=False, ge=0)
    span_end: Series[int] = pa.Field(nullable=False, ge=0)
    surface: Series[str] = pa.Field(nullable=False)
    rule: Series[str] = pa.Field(nullable=False, str_length={"min_value": 1})
    policy: Series[str] = pa.Field(nullable=False)
    reason: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True

    @pa.dataframe_check(name="lower <= value <= upper")
    def bounds_hold(cls, df):
        low_ok = df["lower"].isna() | df["value"].isna() | (df["lower"] <= df["value"])
        high_ok = df["upper"].isna() | df["value"].isna() | (df["value"] <= df["upper"])
        return low_ok & high_ok

    @pa.dataframe_check(name="unit matches kind")
    def unit_matches_kind(cls, df):
        return df["unit"].fillna("") == df["kind"].map(UNITS).fillna("")

    @pa.dataframe_check(name="value present exactly when the kind is a quantity")
    def value_matches_kind(cls, df):
        return df["value"].notna() == df["kind"].isin(list(UNITS))

    @pa.dataframe_check(name="unknown or unparsed figure without a reason")
    def reason_given(cls, df):
        return df["kind"].isin(list(UNITS)) | df["reason"].notna()

    @pa.dataframe_check(name="one primary figure per cell")
    def one_primary(cls, df):
        cell = [df["source_id"], df["row"], df["volume_index"]]
        return df["role"].eq("primary").groupby(cell).transform("sum") == 1


class Quarantine(pa.DataFrameModel):
    """Rows that failed a boundary, with the stage and the reasons."""

    source_id: Series[str] = pa.Field(nullable=False)
    row: Series[int] = pa.Field(nullable=False, ge=1)
    location: Series[str] = pa.Field(nullable=False)
    stage: Series[str] = pa.Field(nullable=False, isin=["extract", "parse"])
    dataset_name: Series[str] = pa.Field(nullable=True)
    volume_text: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(nullable=False, str_length={"min_value": 1})

    class Config:
        strict = True

"""Stage 2, parse: extracted volume cells -> one row per figure, each with its provenance.

Each cell is read under its source's policy, with the unit its column header names (``Size (GB)``)
for the bare numbers in it. A text repeated within a source is parsed once (million-row registers
repeat a few phrasings). A dataset whose volume cells are all blank gets one ``unknown`` figure:
no volume given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd

from pipeline.volumes import DEFAULT_POLICY, Parse, Policy, parse_volume
from pipeline.volumes.reader import no_value
from schemas.frames import Figures

#: The columns and their dtypes, from the stage boundary's contract (the pandera ``Figures`` model).
FIGURE_COLUMNS = list(Figures.to_schema().columns)
_DTYPES = {
    name: str(column.dtype)
    for name, column in Figures.to_schema().columns.items()
    if not str(column.dtype).startswith("string")
}

#: Distinct texts kept per source: a large source repeats a few phrasings ("Not known", "N/A"), each
#: parsed once; past this many, a new text is parsed every time it comes (memory stays bounded).
MEMO_LIMIT = 100_000
#: The figure of a dataset whose volume cells are all blank.
BLANK = Parse("", (no_value("", "unknown", "no volume given (blank)", "blank"),))


def parse_rows(rows: pd.DataFrame, policies: Mapping[str, Policy] | None = None) -> pd.DataFrame:
    """Parse every row's ``volume_text`` under its source's policy; one output row per figure."""
    policies = policies or {}
    memos: dict[tuple[str, str | None], tuple[Policy, dict[str, Parse]]] = {}
    out: list[tuple] = []
    columns = ("source_id", "row", "volume_index", "volume_column", "location", "dataset_name", "volume_text")
    for sid, row, index, header, location, name, text, unit in zip(
        *(rows[c] for c in columns), rows["column_unit"], strict=True
    ):
        unit = None if pd.isna(unit) else unit
        entry = memos.get((sid, unit))
        if entry is None:
            policy = policies.get(sid, DEFAULT_POLICY)
            if unit is not None:
                policy = dataclasses.replace(policy, column_unit=unit)
            entry = memos[(sid, unit)] = (policy, {})
        policy, memo = entry
        parsed = memo.get(text)
        if parsed is None:
            parsed = parse_volume(text, policy) if text.strip() else BLANK
            if len(memo) < MEMO_LIMIT:
                memo[text] = parsed
        for n, f in enumerate(parsed.figures):
            out.append(
                (
                    sid,
                    row,
                    index,
                    header,
                    location,
                    name,
                    text,
                    n,
                    f.kind,
                    f.value,
                    f.unit,
                    f.lower,
                    f.upper,
                    f.qualifier,
                    f.role,
                    f.subset,
                    f.assumed_unit,
                    f.start,
                    f.end,
                    f.surface,
                    f.rule,
                    f.policy,
                    f.reason,
                )
            )
    frame = pd.DataFrame.from_records(out, columns=FIGURE_COLUMNS)
    return frame.astype(_DTYPES if out else {c: _DTYPES.get(c, "str") for c in FIGURE_COLUMNS})

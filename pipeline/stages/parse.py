"""Stage 2, parse: extracted rows -> one row per figure, each with its provenance."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pipeline.volumes import DEFAULT_POLICY, Parse, Policy, parse_volume

FIGURE_COLUMNS = [
    "source_id",
    "source_line",
    "dataset_name",
    "volume_text",
    "figure",
    "kind",
    "value",
    "unit",
    "lower",
    "upper",
    "qualifier",
    "role",
    "subset",
    "assumed_unit",
    "span_start",
    "span_end",
    "surface",
    "rule",
    "policy",
    "reason",
]
_DTYPES = {
    "source_line": "int64",
    "figure": "int64",
    "value": "float64",
    "lower": "float64",
    "upper": "float64",
    "subset": "bool",
    "assumed_unit": "bool",
    "span_start": "int64",
    "span_end": "int64",
}


#: Distinct texts kept per source: a large source repeats a few phrasings ("Not known", "N/A"), each
#: parsed once; past this many, a new text is parsed every time it comes (memory stays bounded).
MEMO_LIMIT = 100_000


def parse_rows(rows: pd.DataFrame, policies: Mapping[str, Policy] | None = None) -> pd.DataFrame:
    """Parse every row's ``volume_text`` under its source's policy; one output row per figure."""
    policies = policies or {}
    memos: dict[str, dict[str, Parse]] = {}
    out: list[tuple] = []
    for sid, line, name, text in zip(
        rows["source_id"], rows["source_line"], rows["dataset_name"], rows["volume_text"], strict=True
    ):
        memo = memos.get(sid)
        if memo is None:
            memo = memos[sid] = {}
        parsed = memo.get(text)
        if parsed is None:
            parsed = parse_volume(text, policies.get(sid, DEFAULT_POLICY))
            if len(memo) < MEMO_LIMIT:
                memo[text] = parsed
        for n, f in enumerate(parsed.figures):
            out.append(
                (
                    sid,
                    line,
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
    return frame.astype(_DTYPES)

"""Parses made readable: :func:`explain` for people, :func:`summary` for one line, :func:`to_json_dict`
and :func:`to_json_line` for machines.

Pure functions over a :class:`~.model.Parse`; nothing here parses or prints.
"""

from __future__ import annotations

import re

import orjson

from .formatting import in_unit
from .model import Figure, Parse, Policy

_CORRECTED = re.compile(r"corrected\(([^)>-]+)->([^)]+)\)")


def explain(parse: Parse, policy: Policy) -> str:
    """A multi-line account of ``parse``: the text, each figure under it, the rules, policies and the
    numbers ignored.

    >>> from pipeline.volumes import DEFAULT_POLICY, parse_volume
    >>> print(explain(parse_volume("5.6Tb of data (as at 31/03/16)"), DEFAULT_POLICY))
    text:    5.6Tb of data (as at 31/03/16)
    [1]      ^^^^^
    [1] primary: storage 5.6 TB (5,600,000,000,000 bytes), exact
        surface "5.6Tb" at 0-5, rule number+storage, policy TB=10^12 B (decimal)
    ignored: "31/03/16" at 21-29, a date
    policies: TB=10^12 B (decimal); year=365.25 days; bare number=records
    """
    shown = "".join(" " if c.isspace() else c for c in parse.text)
    lines = [f"text:    {shown}"]
    for n, f in enumerate(parse.figures, 1):
        lines.append(f"{f'[{n}]':<9}" + " " * f.start + "^" * max(f.end - f.start, 1))
    for n, f in enumerate(parse.figures, 1):
        role = f.role + (", subset" if f.subset else "")
        lines.append(f"[{n}] {role}: {f.kind} {_figure_value(f, policy)}, {_qualifier(f, policy)}")
        detail = f'surface "{f.surface}" at {f.start}-{f.end}, rule {f.rule}'
        if f.policy:
            detail += f", policy {f.policy}"
        if f.reason:
            detail += f", reason: {f.reason}"
        lines.append("    " + detail)
        for written, read in _CORRECTED.findall(f.rule):
            lines.append(f'    corrected: "{written}" read as "{read}", a near miss of the vocabulary')
    for start, end, why in parse.ignored:
        lines.append(f'ignored: "{parse.text[start:end]}" at {start}-{end}, {why}')
    lines.append(f"policies: {policy.storage_note}; {policy.year_note}; bare number={policy.bare_number}")
    return "\n".join(lines)


def summary(parse: Parse) -> str:
    """One line per parse: the text, then every figure, the primary first; a figure without a value
    gives its reason.

    >>> from pipeline.volumes import parse_volume
    >>> text = "Circa 85,000 personal records, with circa 54,000 in the public domain"
    >>> print(*summary(parse_volume(text)).split(" -> "), sep="\\n-> ")
    Circa 85,000 personal records, with circa 54,000 in the public domain
    -> 85,000 records (approximate) | secondary, subset: 54,000 records (approximate)
    >>> summary(parse_volume("Exact volume unknown."))
    'Exact volume unknown. -> unknown: Exact volume unknown'
    """
    parts = []
    for f in parse.figures:
        head = "" if f.role == "primary" else "secondary, subset: " if f.subset else "secondary: "
        if f.value is None:
            parts.append(f"{head}{f.kind}: {f.reason}")
        else:
            parts.append(f"{head}{_human(f.value, f.unit, None)} ({_qualifier(f, None)})")
    return f"{parse.text} -> " + " | ".join(parts)


def to_json_dict(parse: Parse) -> dict:
    """The parse as plain JSON-ready data: the primary figure's fields, and every figure under ``measures``.
    The fields are read by position, not by name: ``parse --json`` makes one a text, and so in 0.9 µs
    rather than 1.1.

    >>> from pipeline.volumes import parse_volume
    >>> d = to_json_dict(parse_volume("Over 2 TB"))
    >>> d["kind"], d["value"], d["qualifier"], d["lower"], d["measures"][0]["span"]
    ('storage', 2000000000000.0, 'lower_bound', 2000000000000.0, [0, 9])
    """
    text, figures, _ = parse
    p = figures[0]  # the primary, its fields by position: kind, value, unit, lower, upper, qualifier
    return {
        "text": text,
        "kind": p[0],
        "value": p[1],
        "unit": p[2],
        "lower": p[3],
        "upper": p[4],
        "qualifier": p[5],
        "measures": [f.as_dict() for f in figures],
    }


def to_json_line(parse: Parse) -> bytes:
    """:func:`to_json_dict` as one line of UTF-8 JSON, newline included, written by orjson: ``parse
    --json`` writes one a text, and the standard library's encoder cost as much as the parse.

    >>> from pipeline.volumes import parse_volume
    >>> to_json_line(parse_volume("5 TB"))[:56]
    b'{"text":"5 TB","kind":"storage","value":5000000000000.0,'
    """
    return orjson.dumps(to_json_dict(parse), option=orjson.OPT_APPEND_NEWLINE)


def _figure_value(f: Figure, policy: Policy | None) -> str:
    """The value in words, or "(no value)"."""
    return "(no value)" if f.value is None else _human(f.value, f.unit, policy)


def _qualifier(f: Figure, policy: Policy | None) -> str:
    """The qualifier, with the bounds of a range or a bound: "range from 10 records to 15 records"."""
    if f.qualifier not in ("range", "lower_bound", "upper_bound"):
        return f.qualifier
    ends = (("from", f.lower), ("to", f.upper))
    bounds = [f"{name} {_human(v, f.unit, policy)}" for name, v in ends if v is not None]
    return " ".join([f.qualifier, *bounds])


def _human(value: float, unit: str | None, policy: Policy | None) -> str:
    """A value in its unit, in words (:mod:`.formatting`, storage as the policy read it).

    >>> _human(5.6e12, "byte", None), _human(2**40, "byte", Policy(storage_prefixes="binary"))
    ('5.6 TB (5,600,000,000,000 bytes)', '1 TiB (1,099,511,627,776 bytes)')
    """
    return in_unit(value, unit, binary=policy is not None and policy.storage_prefixes == "binary")

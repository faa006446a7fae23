"""Explanations of a parse: the readable account, the one-line summary and the JSON form."""

from __future__ import annotations

import json

from pipeline.volumes import DEFAULT_POLICY, Policy, parse_volume
from pipeline.volumes.explain import explain, summary, to_json_dict


def test_explain_shows_span_rule_policy_and_ignored():
    text = "Circa 85,000 personal records, with circa 54,000 in the public domain (as at 31/03/16)"
    out = explain(parse_volume(text), DEFAULT_POLICY)
    lines = out.splitlines()
    assert lines[0] == "text:    " + text
    caret = lines[1][len("[1]      ") :]
    assert caret == "^" * len("Circa 85,000 personal records")
    assert lines[2].index("^") - len("[2]      ") == text.index("circa 54,000")
    assert "[1] primary: records 85,000 records, approximate" in out
    assert "[2] secondary, subset: records 54,000 records, approximate" in out
    assert "rule hedge+number+count" in out and "rule subset+hedge+number+inherit" in out
    at = text.index("31/03/16")
    assert f'ignored: "31/03/16" at {at}-{at + 8}, a date' in out
    assert out.endswith("policies: TB=10^12 B (decimal); year=365.25 days; bare number=records")


def test_explain_storage_in_human_form_under_each_policy():
    assert "storage 5.6 TB (5,600,000,000,000 bytes), exact" in explain(parse_volume("5.6Tb"), DEFAULT_POLICY)
    binary = Policy(storage_prefixes="binary")
    out = explain(parse_volume("1 TB", binary), binary)
    assert "storage 1 TiB (1,099,511,627,776 bytes), exact" in out
    assert "policies: TB=2^40 B (binary)" in out


def test_explain_ranges_bounds_and_unparsed():
    assert "range from 10,000,000 records to 15,000,000 records" in explain(
        parse_volume("10-15 million records"), DEFAULT_POLICY
    )
    assert "upper_bound to 50,000 records" in explain(parse_volume("Up to 50,000 records"), DEFAULT_POLICY)
    out = explain(parse_volume("See annex B"), DEFAULT_POLICY)
    assert "unparsed (no value), unknown" in out and "reason: no number" in out


def test_to_json_dict_primary_and_measures():
    d = to_json_dict(parse_volume("Circa 85,000 personal records, with circa 54,000 in the public domain."))
    assert {k: d[k] for k in ("kind", "value", "unit", "lower", "upper", "qualifier")} == {
        "kind": "records",
        "value": 85_000,
        "unit": "record",
        "lower": None,
        "upper": None,
        "qualifier": "approximate",
    }
    assert d["text"].startswith("Circa 85,000")
    first, second = d["measures"]
    assert (first["role"], first["subset"], first["span"], first["rule"]) == (
        "primary",
        False,
        [0, 29],
        "hedge+number+count",
    )
    assert (second["role"], second["subset"], second["value"], second["reason"]) == (
        "secondary",
        True,
        54_000,
        None,
    )
    assert {
        "kind",
        "value",
        "unit",
        "lower",
        "upper",
        "qualifier",
        "role",
        "subset",
        "rule",
        "policy",
        "span",
        "reason",
    } <= set(second)


def test_summary_is_one_line():
    assert (
        summary(parse_volume("Exact volume unknown."))
        == "Exact volume unknown. -> unknown: Exact volume unknown"
    )
    assert (
        summary(parse_volume("See annex B"))
        == "See annex B -> unparsed: no number, unit or unknown phrase recognised"
    )
    assert summary(parse_volume("2 TB; 3 million records")) == (
        "2 TB; 3 million records -> 2 TB (2,000,000,000,000 bytes) (exact)"
        " | secondary: 3,000,000 records (exact)"
    )


def test_explain_keeps_carets_under_the_span_when_the_text_has_line_breaks():
    text = "Circa\n85,000\trecords"
    lines = explain(parse_volume(text), DEFAULT_POLICY).splitlines()
    assert lines[0] == "text:    Circa 85,000 records"
    assert lines[1] == "[1]      " + "^" * len(text)


def test_explain_unknown_names_the_phrase():
    out = explain(parse_volume("Exact volume unknown."), DEFAULT_POLICY)
    assert "[1] primary: unknown (no value), unknown" in out
    assert 'surface "Exact volume unknown" at 0-20, rule unknown-phrase, reason: Exact volume unknown' in out


def test_to_json_dict_is_plain_json():
    for text in ("3.5 million people; 1.2 Tb", "See annex B", "Up to 1,500 visitors a week", ""):
        d = to_json_dict(parse_volume(text))
        assert json.loads(json.dumps(d)) == d
    d = to_json_dict(parse_volume("See annex B"))
    assert (d["kind"], d["value"], d["measures"][0]["reason"]) == (
        "unparsed",
        None,
        "no number, unit or unknown phrase recognised",
    )

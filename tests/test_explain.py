"""Explanations of a parse: the readable account, the one-line summary and the JSON form."""

from __future__ import annotations

import json

import orjson

from benchmarks.parser_speed import corpus
from pipeline.volumes import DEFAULT_POLICY, Parse, Policy, parse_volume
from pipeline.volumes.explain import explain, summary, to_json_dict, to_json_line


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


def _by_name(parse: Parse) -> dict:
    """The JSON form with every field read by its name, as it was first written: what the faster
    :func:`to_json_dict` (fields by position) must give."""
    p = parse.primary
    measures = [
        {
            "kind": f.kind,
            "value": f.value,
            "unit": f.unit,
            "lower": f.lower,
            "upper": f.upper,
            "qualifier": f.qualifier,
            "role": f.role,
            "subset": f.subset,
            "assumed_unit": f.assumed_unit,
            "span": [f.start, f.end],
            "surface": f.surface,
            "rule": f.rule,
            "policy": f.policy,
            "reason": f.reason,
        }
        for f in parse.figures
    ]
    fields = {"kind": p.kind, "value": p.value, "unit": p.unit, "lower": p.lower, "upper": p.upper}
    return {"text": parse.text, **fields, "qualifier": p.qualifier, "measures": measures}


#: Texts beside the benchmark's cells: empty, blank, unicode, unparsed, unknown, several figures, rates.
TRICKY = [
    "",
    "  ",
    "ünïcode 5 TB",
    "😀 12 records 😀",
    "\u00a05\u00a0TB",
    "“5,000” records",
    "5 TB\r",
    "£3m",
    "See annex B",
    "Exact volume unknown.",
    "Circa 85,000 personal records, with circa 54,000 in the public domain",
    "Circa 5,000,000 personal records and 2.3 TB",
    "10-15 records",
    "Up to 1,500 visitors a week",
    "1,000 records per day",
]


def test_json_line_is_every_field_by_name_byte_for_byte():
    """`parse --json` writes the same bytes as the fields read by name, for the benchmark's cells and
    the tricky ones, under the default policy and one that changes every reading it can."""
    other = Policy(storage_prefixes="binary", bare_number="unparsed", days_per_year=365)
    for policy, texts in ((DEFAULT_POLICY, [*corpus(20_000, 2016), *TRICKY]), (other, TRICKY)):
        for text in texts:
            parse = parse_volume(text, policy)
            expected = orjson.dumps(_by_name(parse), option=orjson.OPT_APPEND_NEWLINE)
            assert to_json_line(parse) == expected, text


def test_json_line_of_two_figures_exactly():
    line = to_json_line(parse_volume("Circa 85,000 personal records, with circa 54,000 in the public domain"))
    assert line == (
        b'{"text":"Circa 85,000 personal records, with circa 54,000 in the public domain","kind":"records",'
        b'"value":85000.0,"unit":"record","lower":null,"upper":null,"qualifier":"approximate","measures":['
        b'{"kind":"records","value":85000.0,"unit":"record","lower":null,"upper":null,"qualifier":"approximate",'
        b'"role":"primary","subset":false,"assumed_unit":false,"span":[0,29],'
        b'"surface":"Circa 85,000 personal records","rule":"hedge+number+count","policy":"","reason":null},'
        b'{"kind":"records","value":54000.0,"unit":"record","lower":null,"upper":null,"qualifier":"approximate",'
        b'"role":"secondary","subset":true,"assumed_unit":false,"span":[36,48],"surface":"circa 54,000",'
        b'"rule":"subset+hedge+number+inherit","policy":"","reason":null}]}\n'
    )

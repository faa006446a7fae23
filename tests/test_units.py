"""The unit layer: storage prefixes under each policy, rates to a year, and the registry itself."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.volumes import units, vocab

from .conftest import ROOT


@pytest.mark.parametrize(
    ("prefix", "binary", "size"),
    [
        ("", False, 1),
        ("", True, 1),
        ("kilo", False, 10**3),
        ("kilo", True, 2**10),
        ("mega", False, 10**6),
        ("mega", True, 2**20),
        ("giga", False, 10**9),
        ("giga", True, 2**30),
        ("tera", False, 10**12),
        ("tera", True, 2**40),
        ("peta", False, 10**15),
        ("peta", True, 2**50),
    ],
)
def test_bytes_per_decimal_and_binary(prefix, binary, size):
    assert units.bytes_per(prefix, binary) == size


@pytest.mark.parametrize(
    ("period", "days", "per_year"),
    [
        ("day", 365.25, 365.25),
        ("day", 365, 365),
        ("week", 365.25, 365.25 / 7),
        ("week", 365, 365 / 7),
        ("hour", 365.25, 365.25 * 24),
        ("month", 365.25, 12),
        ("month", 365, 12),
        ("quarter", 365.25, 4),
        ("year", 365.25, 1),
        ("year", 365, 1),
    ],
)
def test_per_year_follows_the_year_length(period, days, per_year):
    assert units.per_year(period, days) == pytest.approx(per_year, rel=1e-12)


def test_per_year_defaults_to_the_julian_year():
    assert units.per_year("day") == 365.25 == units.JULIAN_YEAR_DAYS


_EVERY_PREFIX = sorted({prefix for prefix, _ in [*vocab.STORAGE_UNITS.values(), *vocab.BIT_UNITS.values()]})
_EVERY_PERIOD = sorted(set(vocab.RATES.values()) - {"working day"})  # a working day: the policy's own count


@pytest.mark.parametrize("binary", [False, True], ids=["SI", "IEC"])
@pytest.mark.parametrize("prefix", _EVERY_PREFIX, ids=lambda p: p or "byte")
def test_bytes_per_is_the_registry_conversion_bit_for_bit(prefix, binary):
    """The parser's table and units.txt agree, for every prefix the vocabulary reads."""
    name = (prefix[:2] + "bi" if binary and prefix else prefix) + "byte"
    assert units.bytes_per(prefix, binary) == float(units.registry().Quantity(1, name).to("byte").magnitude)


@pytest.mark.parametrize("days", [365.25, 365, 366, 365.2425])
@pytest.mark.parametrize("period", _EVERY_PERIOD)
def test_per_year_is_the_registry_conversion_bit_for_bit(period, days):
    """The same for every period the vocabulary reads, under several year lengths."""
    ureg = units.registry()
    if period in ("year", "quarter", "month"):
        expected = float(ureg.Quantity(1, "year").to(period).magnitude)
    else:
        expected = float(days / ureg.Quantity(1, period).to("day").magnitude)
    assert units.per_year(period, days) == expected


def test_registry_has_records_information_and_time():
    ureg = units.registry()
    assert ureg is units.registry()  # one registry per process
    assert ureg.Quantity(5.6, "terabyte").to("byte").magnitude == pytest.approx(5.6e12)
    assert ureg.Quantity(1, "tebibyte").to("byte").magnitude == 2**40
    assert ureg.Quantity(1200, "record / day").to("record / year").magnitude == pytest.approx(438_300)
    assert str(ureg.Quantity(1, "record").dimensionality) == "[record]"
    with pytest.raises(Exception, match=r"[Cc]annot convert"):
        ureg.Quantity(1, "record").to("byte")


def test_parsing_imports_nothing_heavy():
    """No pint, pandas, pandera or duckdb at import, nor to parse storage and rates (the factors are
    exact tables); pint once a figure is asked for its quantity."""
    code = (
        "import sys; from pipeline.volumes import parse_volume; "
        "heavy = ('pint', 'pandas', 'pandera', 'duckdb'); "
        "print(sorted(m for m in heavy if m in sys.modules)); "
        "p = parse_volume('5.6Tb of data, growing 2 GiB a week; 1,200 records per hour'); "
        "print(sorted(m for m in heavy if m in sys.modules)); "
        "p.primary.quantity; "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:3] == ["[]", "[]", "['pint']"]

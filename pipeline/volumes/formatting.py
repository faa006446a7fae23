"""One way to write each number, everywhere: ``--explain``, the CSVs, ``query``, the chart and the page.

As pint keeps all its formatting in one module, so does this project: a figure read from one answer
reads the same in a terminal, a spreadsheet, a chart label and ``report.html``. Storage is written in
decimal units (kB, MB, GB, TB, PB, EB: powers of 1000) unless the policy that read it was binary
(KiB...: powers of 1024), to two decimals, beside the bytes in full.
"""

from __future__ import annotations

import math

DECIMAL_STORAGE = ((1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB"))
BINARY_STORAGE = ((2.0**60, "EiB"), (2.0**50, "PiB"), (2.0**40, "TiB"), (2.0**30, "GiB"), (2.0**20, "MiB"),
                  (2.0**10, "KiB"))  # fmt: skip
#: A unit's name in words, after a number.
UNIT_WORDS = {"record": "records", "record / year": "records a year", "item": "items", "byte": "bytes"}


def number(value: float) -> str:
    """A number in full with thousands separators; two decimals only when it has a fraction.

    >>> number(80583000.0), number(26089.2857), number(12), number(0.5)
    ('80,583,000', '26,089.29', '12', '0.50')
    """
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def plain(value: object) -> object:
    """A float in full for a CSV or a query: no separators, no needless ".0", no exponent.

    >>> plain(5.6e12), plain(438300.0), plain(2.5), plain(None), plain(float("nan")), plain("x")
    ('5600000000000', '438300', '2.5', None, None, 'x')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e21 else repr(value)
    return value


def storage(value: float, *, binary: bool = False, bytes_too: bool = True) -> str:
    """Bytes in the largest unit reached, to two decimals, beside the bytes in full.

    >>> storage(87_590_000_000_000.0), storage(2.0**40, binary=True)
    ('87.59 TB (87,590,000,000,000 bytes)', '1 TiB (1,099,511,627,776 bytes)')
    >>> storage(4398046511104.0, bytes_too=False), storage(512.0), storage(1234e15, bytes_too=False)
    ('4.4 TB', '512 bytes', '1.23 EB')
    """
    for size, name in BINARY_STORAGE if binary else DECIMAL_STORAGE:
        if value >= size:
            shown = f"{value / size:,.2f}".rstrip("0").rstrip(".")
            return f"{shown} {name}" + (f" ({number(value)} bytes)" if bytes_too else "")
    return f"{number(value)} bytes"


def in_unit(value: float, unit: str | None, *, binary: bool = False) -> str:
    """A value in its pint unit, in words: storage as :func:`storage`, rates "a year".

    >>> in_unit(5.6e12, "byte"), in_unit(438300.0, "record / year"), in_unit(26089.2857, "record / year")
    ('5.6 TB (5,600,000,000,000 bytes)', '438,300 records a year', '26,089.29 records a year')
    >>> in_unit(12e12, "byte / year"), in_unit(40000.0, "item"), in_unit(3.0, None)
    ('12 TB (12,000,000,000,000 bytes) a year', '40,000 items', '3')
    """
    if unit == "byte / year":
        return in_unit(value, "byte", binary=binary) + " a year"
    if unit == "byte":
        return storage(value, binary=binary)
    return f"{number(value)} {UNIT_WORDS.get(unit, unit) if unit else ''}".rstrip()


def qualifier_words(word: str | None) -> str:
    """A qualifier as a person reads it: ``lower_bound`` is "lower bound".

    >>> qualifier_words("lower_bound"), qualifier_words(None)
    ('lower bound', '')
    """
    return word.replace("_", " ") if word else ""


def _short(value: float, steps: tuple[tuple[float, str], ...], sep: str) -> str:
    """``value`` in the largest step it reaches, to three significant figures."""
    scale, suffix = next(((s, x) for s, x in steps if abs(value) >= s), steps[-1])
    shown = f"{value / scale:.3g}"
    if "e" in shown:  # beyond the largest step: write it out in full
        shown = f"{value / scale:,.0f}"
    return f"{shown}{sep}{suffix}".strip()


def short_count(value: float) -> str:
    """A count as a short label (a chart's axis and bar ends).

    >>> [short_count(v) for v in (2500, 10_000, 1e6, 21_230_000, 500, 1e9, 0)]
    ['2.5k', '10k', '1M', '21.2M', '500', '1bn', '0']
    """
    return _short(value, ((1e9, "bn"), (1e6, "M"), (1e3, "k"), (1, "")), "")


def short_bytes(value: float) -> str:
    """Bytes as a short label, in decimal units (1 TB = 10^12 bytes, as the pipeline reads TB).

    >>> [short_bytes(v) for v in (1e12, 5.6e12, 6.7e11, 1.9e10, 1e15, 512)]
    ['1 TB', '5.6 TB', '670 GB', '19 GB', '1 PB', '512 B']
    """
    return _short(value, (*DECIMAL_STORAGE[1:], (1, "B")), " ")

"""The project's one pint registry, built lazily from ``units.txt``, and the factors the parser uses.

Nothing here runs at import time: the registry is built on the first call to :func:`registry`.

The parser multiplies by two kinds of factor only: bytes in a prefixed byte (a power of 1000, or of
1024 for the IEC prefixes) and periods in a year (a calendar constant, or the year-length policy over
a period's days). Both are exact by definition, so :func:`bytes_per` and :func:`per_year` read them
from the tables below and the ``parse`` command starts without importing pint (which costs more than
the rest of its start together). ``units.txt`` stays the definition: ``tests/test_units.py`` checks
every entry against the registry's own conversion, bit for bit, so the two cannot drift.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .model import JULIAN_YEAR_DAYS

if TYPE_CHECKING:
    import pint

DEFINITIONS = "units.txt"

#: An SI prefix's power of 1000 ("tera": 4), as ``units.txt`` defines it; its IEC twin is the same
#: power of 1024 ("tebi": 2**40)
PREFIX_POWERS = {
    "": 0,
    "kilo": 1,
    "mega": 2,
    "giga": 3,
    "tera": 4,
    "peta": 5,
    "exa": 6,
    "zetta": 7,
    "yotta": 8,
}
#: Periods that are a fixed fraction of a year whatever its length: how many make one
PERIODS_A_YEAR = {"year": 1.0, "quarter": 4.0, "month": 12.0}
#: Periods measured in days: how many days one lasts (a year of them follows the year-length policy)
PERIOD_DAYS = {"day": 1.0, "week": 7.0, "hour": 1 / 24}


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The project's :class:`pint.UnitRegistry`, loaded from the package's definitions file."""
    import pint

    ureg: pint.UnitRegistry = pint.UnitRegistry(None, cache_folder=None)
    with resources.as_file(resources.files(__package__) / DEFINITIONS) as path:
        ureg.load_definitions(str(path))
    return ureg


@cache
def bytes_per(prefix: str, binary: bool) -> float:
    """Bytes in one ``prefix``-byte: ``bytes_per("tera", False)`` is 1e12, with ``binary`` 2**40.

    ``prefix`` is an SI prefix name ("" for a plain byte); ``binary`` swaps it for its IEC twin.

    >>> bytes_per("tera", False), bytes_per("tera", True), bytes_per("", True)
    (1000000000000.0, 1099511627776.0, 1.0)
    """
    return float((1024 if binary else 1000) ** PREFIX_POWERS[prefix])


@cache
def per_year(period: str, days_per_year: float = JULIAN_YEAR_DAYS) -> float:
    """How many ``period``s make a year, so that ``n`` per ``period`` is ``n * per_year(period)`` a year.

    Periods measured in days (hour, day, week) scale with the ``days_per_year`` policy; months and
    quarters are fractions of a year whatever its length.

    >>> per_year("week"), per_year("month"), per_year("day", 365)
    (52.17857142857143, 12.0, 365.0)
    """
    if period in PERIODS_A_YEAR:
        return PERIODS_A_YEAR[period]
    return float(days_per_year / PERIOD_DAYS[period])

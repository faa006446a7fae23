"""The project's one pint registry, built lazily from ``units.txt``, and the factors derived from it.

Nothing here runs at import time: the registry is built on the first call to :func:`registry`
and the per-unit factors are cached, so the parser pays for pint once per process, not per string.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .model import JULIAN_YEAR_DAYS

if TYPE_CHECKING:
    import pint

DEFINITIONS = "units.txt"


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
    """
    if prefix and binary:
        prefix = prefix[:2] + "bi"  # tera -> tebi, giga -> gibi, kilo -> kibi
    return float(registry().Quantity(1, prefix + "byte").to("byte").magnitude)


@cache
def per_year(period: str, days_per_year: float = JULIAN_YEAR_DAYS) -> float:
    """How many ``period``s make a year, so that ``n`` per ``period`` is ``n * per_year(period)`` a year.

    Periods measured in days (hour, day, week) scale with the ``days_per_year`` policy; months and
    quarters are fractions of a year whatever its length.
    """
    ureg = registry()
    if period in ("year", "month", "quarter"):
        return float(ureg.Quantity(1, "year").to(period).magnitude)
    return float(days_per_year / ureg.Quantity(1, period).to("day").magnitude)

"""What a parse returns: :class:`Figure` (one typed quantity), :class:`Parse` (all of a cell's),
:class:`Policy`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from schemas.kinds import KINDS, QUALIFIERS, ROLES, UNIT_OF_KIND

from .vocab import STORAGE_UNITS

#: The default year length for rates: the Julian year, the mean of leap and common years.
JULIAN_YEAR_DAYS = 365.25
#: What a column header may declare as the unit of its bare numbers.

COLUMN_UNITS = frozenset({"records", *STORAGE_UNITS})

__all__ = ["DEFAULT_POLICY", "KINDS", "QUALIFIERS", "ROLES", "UNIT_OF_KIND", "Figure", "Parse", "Policy"]


@dataclass(frozen=True)
class Policy:
    """How ambiguous volume text is read. Every figure records the policies that shaped it.

    - ``storage_prefixes``: "decimal" reads TB, Tb, GB, terabytes... as powers of 1000 (1 TB = 10^12
      bytes); "binary" as powers of 1024. Explicit IEC units (TiB, GiB) are always binary.
    - ``days_per_year``: the length of a year when a daily or weekly rate becomes a yearly one.
    - ``working_days_per_year``: the working days in a year, for a rate "per working day" (253: a
      year's weekdays less England's eight bank holidays).
    - ``bare_number``: "records" counts a number with no unit as records (marked ``assumed_unit``);
      "unparsed" leaves it unread.
    - ``column_unit``: the unit a table's column header names ("Size (GB)", "Number of records"),
      which a number with no unit of its own in that column is read in: ``"records"`` or a storage
      unit ("gb", "tb"...). It comes before ``bare_number``; the figure is marked ``assumed_unit``.
    """

    storage_prefixes: str = "decimal"
    days_per_year: float = JULIAN_YEAR_DAYS
    bare_number: str = "records"
    working_days_per_year: float = 253
    column_unit: str | None = None

    def __post_init__(self) -> None:
        if self.storage_prefixes not in ("decimal", "binary"):
            raise ValueError(f"storage_prefixes must be 'decimal' or 'binary', not {self.storage_prefixes!r}")
        if not 300 <= float(self.days_per_year) <= 400:
            raise ValueError(f"days_per_year must be a year's length in days, not {self.days_per_year!r}")
        if not 200 <= float(self.working_days_per_year) <= 366:
            days = self.working_days_per_year
            raise ValueError(f"working_days_per_year must be the working days in a year, not {days!r}")
        if self.bare_number not in ("records", "unparsed"):
            raise ValueError(f"bare_number must be 'records' or 'unparsed', not {self.bare_number!r}")
        if self.column_unit is not None and self.column_unit not in COLUMN_UNITS:
            raise ValueError(f"column_unit must be 'records' or a storage unit, not {self.column_unit!r}")

    @cached_property
    def storage_note(self) -> str:
        """How storage prefixes were read, as recorded on a figure."""
        return "TB=10^12 B (decimal)" if self.storage_prefixes == "decimal" else "TB=2^40 B (binary)"

    @cached_property
    def year_note(self) -> str:
        """The year length used for rates, as recorded on a figure."""
        return f"year={self.days_per_year:g} days"

    @cached_property
    def working_year_note(self) -> str:
        """The working days used for a rate per working day, as recorded on a figure."""
        return f"working year={self.working_days_per_year:g} days"


DEFAULT_POLICY = Policy()


class Figure(NamedTuple):
    """One quantity read from volume text, with everything needed to say why.

    ``value`` is in ``unit`` (records, bytes or records a year); ``lower``/``upper`` bound it where
    the text does (an exact figure is its own bounds). ``start``/``end`` is the span of the text
    that produced it, ``rule`` the grammar path that fired, ``policy`` the interpretation choices
    applied, and ``reason`` why a figure is unknown or unparsed.

    An immutable named tuple rather than a dataclass: the parser builds one or two per string,
    and a tuple costs a quarter of a frozen dataclass to make.
    """

    kind: str
    value: float | None
    unit: str | None
    lower: float | None
    upper: float | None
    qualifier: str
    role: str
    start: int
    end: int
    rule: str
    surface: str
    subset: bool = False
    assumed_unit: bool = False
    policy: str = ""
    reason: str | None = None

    @property
    def quantity(self):
        """The value as a pint Quantity in the project registry (None for unknown/unparsed)."""
        if self.value is None or self.unit is None:
            return None
        from .units import registry

        return registry().Quantity(self.value, self.unit)

    def as_dict(self) -> dict:
        """The figure as plain data, the span as ``[start, end]``. ``parse --json`` makes one a figure: the
        fields are unpacked in one step rather than read by name one by one (0.40 µs a figure against
        0.49). A field added to the class fails here until it is added; tests/test_explain.py compares
        every field with the field of that name."""
        (
            kind,
            value,
            unit,
            lower,
            upper,
            qualifier,
            role,
            start,
            end,
            rule,
            surface,
            subset,
            assumed,
            policy,
            reason,
        ) = self
        return {
            "kind": kind,
            "value": value,
            "unit": unit,
            "lower": lower,
            "upper": upper,
            "qualifier": qualifier,
            "role": role,
            "subset": subset,
            "assumed_unit": assumed,
            "span": [start, end],
            "surface": surface,
            "rule": rule,
            "policy": policy,
            "reason": reason,
        }


class Parse(NamedTuple):
    """All the figures in one volume text, the primary first, plus the numbers deliberately ignored
    (``(start, end, why)`` each)."""

    text: str
    figures: tuple[Figure, ...]
    ignored: tuple[tuple[int, int, str], ...] = ()

    @property
    def primary(self) -> Figure:
        """The figure that stands for the whole text (always the first)."""
        return self.figures[0]

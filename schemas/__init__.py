"""The contracts between stages: pandera models (:mod:`schemas.frames`) and DuckDB DDL (``sql/*.sql``).

Installed with the package (``pip install .``), so they are found the same way from a checkout or
a wheel. Importing this package is light: pandera is only imported by :mod:`schemas.frames`.
"""

from __future__ import annotations

from importlib import resources

#: DDL files, in the order a fresh database needs them: staging tables, then the marts on them.
DDL = ("staging", "marts")


def sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (resources.files(__name__) / "sql" / f"{name}.sql").read_text(encoding="utf-8")

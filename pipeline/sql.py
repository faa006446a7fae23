"""DuckDB for analysts: open the outputs read-only, with ``parse_volume(text)`` available in SQL.

In a notebook::

    from pipeline.sql import connect
    con = connect("outputs/volumes.duckdb")          # read-only, parse_volume registered
    con.sql("SELECT parse_volume('circa 2.3 million pupils').value").fetchall()

or, on a connection of your own: ``from pipeline.sql import register; register(con)``.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
from duckdb.func import FunctionNullHandling

from .plumbing.errors import PipelineError
from .volumes import DEFAULT_POLICY, Policy, parse_volume

#: The struct ``parse_volume`` returns: the primary figure of the text.
PARSE_VOLUME_TYPE = (
    "STRUCT(kind VARCHAR, value DOUBLE, unit VARCHAR, lower DOUBLE, upper DOUBLE, qualifier VARCHAR)"
)


def register(con: duckdb.DuckDBPyConnection, policy: Policy = DEFAULT_POLICY) -> duckdb.DuckDBPyConnection:
    """Register ``parse_volume(text)`` on ``con``; returns ``con``."""

    def parse_volume_sql(text: str | None) -> dict | None:
        if text is None:
            return None
        f = parse_volume(text, policy).primary
        return {
            "kind": f.kind,
            "value": f.value,
            "unit": f.unit,
            "lower": f.lower,
            "upper": f.upper,
            "qualifier": f.qualifier,
        }

    con.create_function(
        "parse_volume",
        parse_volume_sql,
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype(PARSE_VOLUME_TYPE),
        null_handling=FunctionNullHandling.SPECIAL,
        side_effects=False,
    )
    return con


#: Where ``make pipeline`` writes the database, from the repository's root.
DATABASE = Path("outputs") / "volumes.duckdb"


def find_database(start: str | Path | None = None) -> Path:
    """The database a notebook means, wherever it runs: ``FOI_VOLUMES_DB`` when set; otherwise
    ``outputs/volumes.duckdb`` in ``start`` (default: the working directory) or in the nearest folder
    above it that has one. So ``notebooks/explore.ipynb`` finds the repository's database from its own
    folder (Jupyter) as from the repository's root (nbclient, papermill)."""
    named = os.environ.get("FOI_VOLUMES_DB")
    if named:
        return Path(named)
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DATABASE).is_file():
            return folder / DATABASE
    raise PipelineError(
        f"no {DATABASE} here or in any folder above: run `make pipeline` in the repository, or set"
        " FOI_VOLUMES_DB to the database's path",
        here,
    )


def connect(path: str | Path = DATABASE, policy: Policy = DEFAULT_POLICY) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` read-only, with ``parse_volume`` registered."""
    path = Path(path)
    if not path.is_file():
        raise PipelineError("no database: run `make pipeline` first", path)
    return register(duckdb.connect(str(path), read_only=True), policy)

"""Stage 4, load: the validated frames -> a DuckDB database, staging tables then mart views.

The DDL is in ``schemas/sql``; this module only runs it and inserts the frames by column name.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

import schemas
from pipeline.plumbing.errors import OutputError

from .validate import check_keys

#: DuckDB's memory for building the database: past it, DuckDB spills to disk beside the database
#: (``FOI_DUCKDB_MEMORY`` overrides it), so a million-row source fits in a small machine.
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": os.environ.get("FOI_DUCKDB_MEMORY", "512MB")
}

#: The database a run writes, in its output folder.
DATABASE = "volumes.duckdb"

#: staging table <- frame name in :class:`pipeline.run.Tables`

STAGING = {
    "stg_sources": "sources",
    "stg_datasets": "datasets",
    "stg_figures": "figures",
    "stg_quarantine": "quarantine",
}


def load_database(
    path: Path,
    frames: dict[str, pd.DataFrame],
    also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> None:
    """Create the database at ``path`` (which must not exist) from ``frames`` keyed as :data:`STAGING`;
    ``also`` then loads more into the open database (the bulk path's sources). Every key is checked.
    DuckDB running out of memory or disk is one :class:`OutputError` line, not a traceback."""
    con = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    try:
        con.execute(schemas.sql("staging"))
        for table, key in STAGING.items():
            frame = frames[key]
            if not len(frame):  # every source went the bulk path: nothing here
                continue
            con.register("incoming", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
        if also is not None:
            also(con)
        check_keys(con)
        # the marts, their building blocks materialised from what was loaded: their views give the order,
        # so the tables need not keep one, which lets DuckDB spill their joins and windows to disk
        con.execute("SET preserve_insertion_order = false")
        for name in schemas.DDL[1:]:
            con.execute(schemas.sql(name))
        con.execute("CHECKPOINT")
    except (duckdb.OutOfMemoryException, duckdb.IOException) as exc:
        first = str(exc).strip().splitlines()[0]
        memory = isinstance(exc, duckdb.OutOfMemoryException)
        hint = " (FOI_DUCKDB_MEMORY gives DuckDB more, say 2GB)" if memory else ""
        raise OutputError(f"the database could not be built: {first}{hint}", path) from None
    finally:
        con.close()

"""Stage 4, load: the validated frames -> a DuckDB database, staging tables then mart views.

The DDL is in ``schemas/sql``; this module only runs it and inserts the frames by column name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

import schemas

from .validate import check_keys

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
    ``also`` then loads more into the open database (the bulk path's sources). Every key is checked."""
    con = duckdb.connect(str(path))
    try:
        for name in schemas.DDL:
            con.execute(schemas.sql(name))
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
        con.execute("CHECKPOINT")
    finally:
        con.close()

"""The closed vocabularies of a figure, declared once: the parser produces them, the pandera models
and the DuckDB DDL check them, the data dictionary documents them.

Plain constants, no imports: the parser (and ``python -m pipeline parse``) imports this without
pandera or duckdb.
"""

from __future__ import annotations

#: What a figure measures; the last three have no value. ``items`` counts things that are no records
#: about people (web pages, files, documents): kept and shown, never added to records.
KINDS = ("records", "storage", "record_rate", "storage_rate", "items", "withheld", "unknown", "unparsed")
#: How sure a figure is.
QUALIFIERS = ("exact", "approximate", "lower_bound", "upper_bound", "range", "unknown")
#: The figure that stands for the cell, and the others.
ROLES = ("primary", "secondary")
#: The unit each kind with a value is stated in.
UNIT_OF_KIND = {
    "records": "record",
    "storage": "byte",
    "record_rate": "record / year",
    "storage_rate": "byte / year",
    "items": "item",
}

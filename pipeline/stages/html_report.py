"""The page an auditor can send: ``report.html``, one self-contained file of the whole run.

What was read (the sources and the run's manifest), what was found (per body: dates, disclosure,
totals with their coverage; the chart; every dataset in a table that sorts and filters), how sure
each figure is (its qualifier beside it, and the words it came from with the matched span marked,
the rule and the policy), and what could not be read (unparsed cells, quarantined rows, the
validation at each stage boundary).

Everything the page shows comes from documents nobody here controls, so it is rendered by Jinja2
with autoescaping on, and a Content-Security-Policy lets only the page's own style and script run
(by their sha256) and load nothing but the inline chart: a dataset named ``<script>...`` is text.
The page is deterministic: the same database and run manifest give the same bytes (no clock, every
list in a fixed order), so two runs over the same inputs write the same page.

Data is read from the DuckDB marts; the rendering is pure (:func:`render_report` over a dict), and
Jinja2 is imported only when a page is rendered.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.volumes.formatting import number, qualifier_words, storage

if TYPE_CHECKING:
    import duckdb

TEMPLATES = "templates"
TEMPLATE = "report.html.j2"
STYLE, SCRIPT = "report.css", "report.js"

#: The volume statuses a dataset can have (``datasets.volume_status``), in the order they are shown.
STATUSES = ("exact", "approximate", "range", "bound", "unknown", "withheld", "unparsed")
_BOUNDARIES = (
    ("extract", "extract → parse", "ExtractedRows", "datasets read from the documents"),
    ("parse", "parse → load", "Figures", "datasets whose figures were read"),
)

#: Datasets a page shows at most: past that, the largest (its size stays fit to send and to open).
MAX_DATASETS = 2_000
#: Unparsed cells and quarantined rows a page lists at most (all are counted, and in the database).
MAX_LISTED = 500
#: The datasets shown (all, or the largest by any kind, rank by rank), in the page's temporary table.
SHOWN_SQL = """
CREATE OR REPLACE TEMP TABLE page_datasets AS
SELECT source_id, row FROM dataset_wide
ORDER BY least(coalesce(records_rank_overall, 1e18), coalesce(storage_rank_overall, 1e18),
               coalesce(records_per_year_rank_overall, 1e18)), source_id, row
LIMIT ?
"""
DATASETS_SQL = """
SELECT d.source_id, d.row, d.body, d.as_at, d.dataset_name, d.purpose, d.location, d.volume_status,
       d.volume_note, d.volume_text, d.records, d.records_qualifier, d.storage_bytes, d.storage_qualifier,
       d.records_per_year, d.records_per_year_qualifier
FROM dataset_wide d SEMI JOIN page_datasets USING (source_id, row) ORDER BY d.source_id, d.row
"""
#: The bounds of the figures that stand for a shown dataset, for the ranges among them.
RANGES_SQL = """
SELECT source_id, row, kind, lower, upper FROM dataset_figures SEMI JOIN page_datasets USING (source_id, row)
WHERE qualifier = 'range'
"""
FIGURES_SQL = """
SELECT source_id, row, volume_index, volume_column, location, volume_text, kind, value, lower, upper,
       qualifier, role, subset, assumed_unit, span_start, span_end, surface, rule, policy, reason
FROM stg_figures SEMI JOIN page_datasets USING (source_id, row) ORDER BY source_id, row, volume_index, figure
"""


# --- formatting: one way to write each number, everywhere on the page -----------------------------


def quantity(kind: str, value: float) -> str:
    """A figure in words: records, storage or records a year.

    >>> quantity("records", 2.5e6), quantity("record_rate", 438300.0), quantity("storage", 5.6e12)
    ('2,500,000 records', '438,300 records a year', '5.6 TB (5,600,000,000,000 bytes)')
    """
    if kind == "storage":
        return storage(value)
    return f"{number(value)} {'records a year' if kind == 'record_rate' else 'records'}"


def qualifier(
    word: str | None, kind: str = "records", lower: float | None = None, upper: float | None = None
) -> str:
    """How sure a figure is, in the CSVs' words (an underscore a space), a range with its ends.

    >>> qualifier("lower_bound"), qualifier("range", "records", 20000.0, 30000.0), qualifier(None)
    ('lower bound', 'range 20,000 to 30,000', '')
    >>> qualifier("range", "storage", 2e12, 3e12)
    'range 2 TB to 3 TB'
    """
    if not word:
        return ""
    if word == "range" and lower is not None and upper is not None:
        if kind == "storage":
            return f"range {storage(lower, bytes_too=False)} to {storage(upper, bytes_too=False)}"
        return f"range {number(lower)} to {number(upper)}"
    return qualifier_words(word)


def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage to one decimal.

    >>> share(39, 53), share(0, 0)
    ('73.6%', '–')
    """
    return f"{100 * part / whole:.1f}%" if whole else "–"


def marked(text: str, start: int, end: int) -> tuple[str, str, str]:
    """``text`` cut around its span ``start:end``: (before, span, after), for the template to mark.

    >>> marked("Circa 5,000 records (as at 2016)", 0, 19)
    ('', 'Circa 5,000 records', ' (as at 2016)')
    """
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return text[:start], text[start:end], text[end:]


def segments(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` in pieces, each marked or not: every span marked once, overlapping spans as one.

    >>> segments("12,400 staff records; 35 GB", [(0, 20), (22, 27)])
    [('12,400 staff records', True), ('; ', False), ('35 GB', True)]
    >>> segments("Up to 5 TB", [(0, 10), (6, 10)])
    [('Up to 5 TB', True)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(end, len(text))
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, at = [], 0
    for start, end in merged:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text) or not pieces:
        pieces.append((text[at:], False))
    return pieces


def bar(counts: list[tuple[str, int]], width: int = 1000) -> list[tuple[str, int, int, int]]:
    """A stacked bar of ``counts``: (name, count, x, width) per non-empty part, the widths adding up to
    ``width`` exactly (each part ends where its running total, rounded, ends).

    >>> bar([("exact", 1), ("approximate", 2), ("unknown", 0)], 300)
    [('exact', 1, 0, 100), ('approximate', 2, 100, 200)]
    """
    whole = sum(n for _, n in counts)
    parts, done, x = [], 0, 0
    for name, n in counts:
        done += n
        end = round(width * done / whole) if whole else 0
        if n:
            parts.append((name, n, x, end - x))
        x = end
    return parts


def csp(style: str, script: str) -> str:
    """The page's Content-Security-Policy: nothing loads but inline images, and only this page's own
    style and script (by their sha256) apply or run; no form posts, no base URL.

    >>> csp("a", "b").split("; ")[:2]
    ["default-src 'none'", 'img-src data:']
    """

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"

    return "; ".join(
        [
            "default-src 'none'",
            "img-src data:",
            f"style-src {digest(style)}",
            f"script-src {digest(script)}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def is_web_address(url: object) -> bool:
    """Whether ``url`` may be a link: http(s) only, so a ``javascript:`` address in a manifest stays text.

    >>> is_web_address("https://example.org/a"), is_web_address("javascript:alert(1)"), is_web_address(None)
    (True, False, False)
    """
    return isinstance(url, str) and url.lower().startswith(("https://", "http://"))


# --- the data the page shows, from the marts ---------------------------------------------------


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _present(value: object) -> bool:
    return value is not None and value == value  # NaN is not a figure


def report_data(
    con: duckdb.DuckDBPyConnection, run_manifest: dict[str, Any], max_datasets: int = MAX_DATASETS
) -> dict[str, Any]:
    """Everything the page shows, read from the marts of ``con`` and the run's ``run_manifest``
    (its ``inputs``, ``counts``, ``versions`` and, for ``run --keep-going``, ``failed``)."""
    con.execute(SHOWN_SQL, [max_datasets])
    ranges = {(r["source_id"], r["row"], r["kind"]): r for r in _records(con, RANGES_SQL)}
    figures: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for f in _records(con, FIGURES_SQL):
        f["marked"] = marked(f["volume_text"], f["span_start"], f["span_end"])
        f["shown"] = quantity(f["kind"], f["value"]) if _present(f["value"]) else "(no value)"
        f["how_sure"] = qualifier(f["qualifier"], f["kind"], f["lower"], f["upper"])
        figures.setdefault((f["source_id"], f["row"]), []).append(f)

    datasets = _records(con, DATASETS_SQL)
    for n, d in enumerate(datasets, 1):
        d["n"] = n
        note = d["volume_note"]  # an unknown's note is its own words: said once, in the text
        d["note"] = note if note and note.lower() not in str(d["volume_text"]).lower() else ""
        d["figures"] = figures.get((d["source_id"], d["row"]), [])
        d["cells"] = _cells(d["figures"])
        d["columns"] = [
            _figure_cell(d, kind, value, word, ranges.get((d["source_id"], d["row"], kind)))
            for kind, value, word in (
                ("records", "records", "records_qualifier"),
                ("storage", "storage_bytes", "storage_qualifier"),
                ("record_rate", "records_per_year", "records_per_year_qualifier"),
            )
        ]

    bodies = _records(con, "SELECT * FROM bodies ORDER BY body")
    for b in bodies:
        b["statuses"] = [(s, b["bound_only" if s == "bound" else s]) for s in STATUSES]
        b["bar"] = bar(b["statuses"])
        b["totals"] = [
            _total("records", b["records_total"], b["records_figures"], b["records_not_exact"]),
            _total("storage", b["storage_total_bytes"], b["storage_figures"], b["storage_not_exact"]),
            _total("record_rate", b["records_per_year_total"], b["records_per_year_figures"], None),
        ]
    quarantine = _records(con, f"SELECT * FROM quarantine LIMIT {int(MAX_LISTED)}")
    reasons = _records(con, "SELECT stage, reason, count(*) AS n FROM quarantine GROUP BY ALL ORDER BY ALL")
    counts = run_manifest.get("counts", {})
    (total,) = con.execute("SELECT count(*) FROM dataset_wide").fetchone()  # type: ignore[misc]
    (unparsed,) = con.execute("SELECT count(*) FROM unparsed").fetchone()  # type: ignore[misc]
    (quarantined,) = con.execute("SELECT count(*) FROM quarantine").fetchone()  # type: ignore[misc]
    return {
        "bodies": bodies,
        "datasets": datasets,
        "totals": {"datasets": total, "unparsed": unparsed, "quarantine": quarantined},
        "sources": _records(con, "SELECT * FROM sources"),
        "unparsed": _records(con, f"SELECT * FROM unparsed LIMIT {MAX_LISTED}"),
        "quarantine": quarantine,
        "validation": validation(counts, reasons),
        "counts": counts,
        "inputs": run_manifest.get("inputs", {}),
        "versions": run_manifest.get("versions", {}),
        "failed": list(run_manifest.get("failed", [])),
    }


def _total(kind: str, total: float | None, figures: int, not_exact: int | None) -> dict[str, Any]:
    """A body's sum of reported figures of one kind, split for the page: the figure, its unit, the bytes."""
    if not figures or total is None or total != total:
        return {"kind": kind, "figures": 0, "value": "–", "unit": "", "bytes": "", "not_exact": not_exact}
    if kind == "storage":
        value, unit = storage(total, bytes_too=False).split(" ")
        return {
            "kind": kind,
            "figures": figures,
            "value": value,
            "unit": unit,
            "bytes": f"{number(total)} bytes",
            "not_exact": not_exact,
        }
    unit = "records a year" if kind == "record_rate" else "records"
    return {
        "kind": kind,
        "figures": figures,
        "value": number(total),
        "unit": unit,
        "bytes": "",
        "not_exact": not_exact,
    }


def _cells(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A dataset's volume cells, in column order, each with the figures read from it."""
    cells: dict[int, dict[str, Any]] = {}
    for f in figures:
        cell = cells.setdefault(
            f["volume_index"],
            {
                "column": f["volume_column"],
                "text": f["volume_text"],
                "location": f["location"],
                "figures": [],
            },
        )
        cell["figures"].append(f)
    for cell in cells.values():
        cell["segments"] = segments(cell["text"], [(f["span_start"], f["span_end"]) for f in cell["figures"]])
    return list(cells.values())


def _figure_cell(
    dataset: dict[str, Any], kind: str, column: str, word: str, bounds: dict[str, Any] | None
) -> dict[str, Any]:
    """A records, storage or rate cell of the datasets table: the value in full, its qualifier, a sort key."""
    value = dataset[column]
    if not _present(value):
        return {"value": None, "text": "", "bytes": "", "qualifier": "", "sort": ""}
    lower, upper = (bounds["lower"], bounds["upper"]) if bounds else (None, None)
    return {
        "value": value,
        "text": storage(value, bytes_too=False) if kind == "storage" else number(value),
        "bytes": f"{number(value)} bytes" if kind == "storage" else "",
        "qualifier": qualifier(dataset[word], kind, lower, upper),
        "sort": repr(float(value)),
    }


def validation(counts: dict[str, int], quarantine: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each stage boundary: datasets checked, passed and quarantined there, and the checks that failed.

    >>> rows = [{"stage": "extract", "reason": "dataset name repeated within the source"}]
    >>> boundaries = validation({"extracted": 61}, rows)
    >>> [(b["boundary"], b["checked"], b["passed"], b["quarantined"]) for b in boundaries]
    [('extract → parse', 61, 60, 1), ('parse → load', 60, 60, 0)]
    >>> validation({"extracted": 61}, rows)[0]["failing"]
    [('dataset name repeated within the source', 1)]
    """
    failing: dict[str, dict[str, int]] = {stage: {} for stage, *_ in _BOUNDARIES}
    quarantined_at: dict[str, int] = {}
    for q in quarantine:  # one row a quarantined dataset, or a (stage, reason) with its count ``n``
        n = q.get("n", 1)
        quarantined_at[q["stage"]] = quarantined_at.get(q["stage"], 0) + n
        checks = failing.setdefault(q["stage"], {})
        for part in str(q["reason"]).split("; "):
            check = part.split(": ", 1)[0] if part.startswith("row does not fit the table") else part
            checks[check] = checks.get(check, 0) + n
    boundaries = []
    checked = counts.get("extracted", 0)
    for stage, boundary, model, what in _BOUNDARIES:
        quarantined = quarantined_at.get(stage, 0)
        boundaries.append(
            {
                "boundary": boundary,
                "model": model,
                "what": what,
                "checked": checked,
                "passed": checked - quarantined,
                "quarantined": quarantined,
                "failing": sorted(failing.get(stage, {}).items(), key=lambda kv: (-kv[1], kv[0])),
            }
        )
        checked -= quarantined
    return boundaries


# --- rendering ---------------------------------------------------------------------------------


def _resource(name: str) -> str:
    return (resources.files(__package__) / TEMPLATES / name).read_text(encoding="utf-8")


def render_report(data: dict[str, Any], chart_png: bytes | None) -> str:
    """The page for ``data`` (from :func:`report_data`), the chart inline as a PNG data URI."""
    import jinja2
    from markupsafe import Markup

    from pipeline import __version__

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_resource),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(number=number, storage=storage, quantity=quantity, share=share)
    env.tests["web_address"] = is_web_address
    style, script = _resource(STYLE), _resource(SCRIPT)
    chart = "data:image/png;base64," + base64.b64encode(chart_png).decode("ascii") if chart_png else None
    return env.get_template(TEMPLATE).render(
        **data,
        statuses=STATUSES,
        chart=chart,
        csp=csp(style, script),
        style=Markup(style),  # the package's own files, not data: inserted as they are
        script=Markup(script),
        version=__version__,
    )


def write_html_report(
    con: duckdb.DuckDBPyConnection, path: Path, run_manifest: dict[str, Any], chart: Path | None = None
) -> Path:
    """Write ``report.html`` at ``path`` from the marts of ``con``, the run's manifest and the chart PNG."""
    chart_png = chart.read_bytes() if chart is not None and chart.is_file() else None
    page = render_report(report_data(con, run_manifest), chart_png)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path

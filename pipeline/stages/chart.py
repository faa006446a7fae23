"""The one-picture summary: datasets by records, by storage and by records a year, on log scales,
as reported, coloured by body with the date each body's figures describe.

Each bar is the figure that stands for a dataset (the ``dataset_figures`` mart). How sure the
answer was is drawn, not hidden: exact figures are solid; "circa" figures are pale and hatched;
bounds ("over", "up to") are hollow with an arrow towards where the true value lies; ranges show
a whisker from low to high with the bar at the midpoint. The label at the end of each bar says the
same in words (``~``, ``≥``, ``≤``, ``low–high``). Datasets with no size to draw (volume unknown,
withheld or unreadable) are listed beside the bars, so every dataset is accounted for. Long
names wrap onto a second line rather than lose their end.

matplotlib is imported only when a chart is drawn. The figure is drawn on an Agg canvas without
pyplot (no global state), under matplotlib's default style whatever the user's matplotlibrc says,
and saved without a timestamp or version: the same database gives the same PNG bytes.
"""

from __future__ import annotations

import dataclasses
import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.volumes.formatting import short_bytes, short_count

if TYPE_CHECKING:
    import duckdb
    from matplotlib.axes import Axes

#: One colour a body (Okabe-Ito, readable with colour blindness). Past seven bodies (a pooled register
#: or catalogue) a colour would stand for several: every bar is then the first colour, each name says
#: its body, and there is no key.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Bodies a chart names one by one in its title; past that it counts them.
TITLE_BODIES = 3
NAME_WIDTH, SIDE_WIDTH = 34, 34  # characters a line of a name beside a bar (two lines), in the list
WIDTH_IN, DPI = 17.0, 120
MAX_BARS = 40  # per panel: the largest; a long tail is counted in the title, not drawn
_QUALIFIER_MARK = {"exact": "", "approximate": "~", "lower_bound": "≥", "upper_bound": "≤"}
#: A dataset with a figure but none drawn: zero, or only a kind the chart has no panel for.
_OTHER_NOT_DRAWN = "Zero, or storage a year or items only"
_NOT_DRAWN = {
    "unknown": "Volume not known",
    "withheld": "Volume withheld",
    "unparsed": "Text not understood",
}
KINDS = ("records", "storage", "record_rate")

#: The largest figures of each kind drawn: a top-N each (a heap over the figures, not a sort of them all).
_LARGEST = """(SELECT source_id, row, dataset_name, kind, value, lower, upper, qualifier FROM dataset_figures
 WHERE kind = '{kind}' AND value > 0 ORDER BY value DESC, source_id, row LIMIT {n})"""
FIGURES_SQL = f"""
SELECT b.body, f.dataset_name, f.kind, f.value, f.lower, f.upper, f.qualifier
FROM ({" UNION ALL ".join(_LARGEST.format(kind=k, n=MAX_BARS) for k in KINDS)}) f
JOIN dataset_bodies b USING (source_id, row)
ORDER BY f.kind, f.value DESC, f.source_id, f.row
"""
COUNTS_SQL = "SELECT kind, count(*) FROM dataset_figures WHERE value > 0 GROUP BY kind"
#: The datasets with no size to draw: how many for each reason, the groups in the order of their first
#: dataset, and the first of each group, as many as the side list has room for (``?``).
NOT_DRAWN_SQL = """
SELECT body, dataset_name, volume_status AS why, count(*) OVER (PARTITION BY volume_status) AS datasets,
       min((source_id, row)) OVER (PARTITION BY volume_status) AS first
FROM dataset_wide
WHERE coalesce(records, 0) <= 0 AND coalesce(storage_bytes, 0) <= 0 AND coalesce(records_per_year, 0) <= 0
QUALIFY row_number() OVER (PARTITION BY volume_status ORDER BY source_id, row) <= ?
ORDER BY first, source_id, row
"""
BODIES_SQL = "SELECT body, as_at, datasets FROM bodies ORDER BY body"


@dataclass(frozen=True)
class Bar:
    body: str
    name: str
    value: float
    lower: float | None
    upper: float | None
    qualifier: str


def value_label(bar: Bar, fmt: Callable[[float], str]) -> str:
    """The figure as the bar's end label, its qualifier in a symbol.

    >>> value_label(Bar("s", "n", 2.5e6, 2e6, 3e6, "range"), short_count)
    '2M–3M'
    >>> qualifiers = ("exact", "approximate", "lower_bound")
    >>> [value_label(Bar("s", "n", 1e6, None, None, q), short_count) for q in qualifiers]
    ['1M', '~1M', '≥1M']
    """
    if bar.qualifier == "range" and bar.lower is not None and bar.upper is not None:
        return f"{fmt(bar.lower)}–{fmt(bar.upper)}"
    return _QUALIFIER_MARK.get(bar.qualifier, "?") + fmt(bar.value)


def name_label(text: str, width: int = NAME_WIDTH) -> str:
    """A dataset's name beside its bar: on up to two lines of ``width``, cut only past those.

    >>> print(name_label("Nation Pupil Database-Achievement and Attainment Tables"))
    Nation Pupil Database-Achievement
    and Attainment Tables


    >>> name_label("ECHO")
    'ECHO'
    """
    lines = textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], truncate(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def truncate(text: str, width: int = NAME_WIDTH) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis.

    >>> truncate("Nation Pupil Database-Achievement and Attainment Tables", 24)
    'Nation Pupil Database-A…'
    >>> truncate("  ECHO\\n ")
    'ECHO'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def log_limits(values: list[float]) -> tuple[float, float]:
    """Log-axis limits: from the power of ten below ``values`` to a little past them, for end labels.

    >>> [round(math.log10(v), 2) for v in log_limits([2500, 1e6])]  # 10^3, and 10^6 plus 0.22 of 3 decades
    [3.0, 6.66]
    """
    low = 10.0 ** math.floor(math.log10(min(values)))
    top = max(values)
    return low, top * max(10.0, top / low) ** 0.22


def write_chart(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """Draw the datasets of the database open on ``con`` as a PNG at ``path``; returns ``path``."""
    import matplotlib.style

    with matplotlib.style.context("default"):  # the same picture whatever the user's matplotlibrc says
        draw_chart(con).savefig(path, format="png", metadata={"Software": None})
    return path


def draw_chart(con):
    """The chart of the database open on ``con``, as a matplotlib ``Figure`` on an Agg canvas."""
    import matplotlib.style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figures = con.execute(FIGURES_SQL).fetchall()
    bars = {
        kind: [Bar(b, n, v, lo, up, q) for b, n, k, v, lo, up, q in figures if k == kind] for kind in KINDS
    }
    counts = dict(con.execute(COUNTS_SQL).fetchall())
    bodies = [(body, str(as_at), n) for body, as_at, n in con.execute(BODIES_SQL).fetchall()]
    keyed = 1 < len(bodies) <= len(COLOURS)  # bodies told apart by colour, with a key
    colour = {body: COLOURS[i] if keyed else COLOURS[0] for i, (body, _, _) in enumerate(bodies)}
    if len(bodies) > len(COLOURS):  # too many for colours: each bar's name says its body
        bars = {
            k: [dataclasses.replace(b, name=f"{b.name} · {b.body}") for b in group]
            for k, group in bars.items()
        }

    rows = max(max(len(b) for b in bars.values()), 1)  # one row height in every panel, so the bars compare
    height = min(30.0, max(8.0, 2.8 + 0.3 * rows))
    capacity = int((height - 1.6) * 72 / 13)  # lines of the side list
    not_drawn = [
        (b, n, why, size) for b, n, why, size, _ in con.execute(NOT_DRAWN_SQL, [capacity]).fetchall()
    ]
    with matplotlib.style.context("default"):
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI, layout="constrained")
        FigureCanvasAgg(fig)
        grid = fig.add_gridspec(1, 4, width_ratios=(1, 1, 0.8, 0.6))
        panels = [
            ("records", "records", "records (log scale)", short_count),
            ("storage", "storage", "storage (log scale; 1 TB = 10¹² bytes)", short_bytes),
            ("record_rate", "records a year", "records a year (log scale)", short_count),
        ]
        for column, (kind, title, axis_label, fmt) in enumerate(panels):
            _draw_panel(
                fig.add_subplot(grid[0, column]),
                bars[kind],
                counts.get(kind, 0),
                title,
                axis_label,
                fmt,
                colour,
                rows,
            )
        _draw_side_list(fig.add_subplot(grid[0, 3]), not_drawn, bodies, colour, capacity, keyed)
        if keyed:  # the key goes low in the emptier panel: its bars stop short of the bottom
            emptiest = min(range(len(panels)), key=lambda i: len(bars[panels[i][0]]))
            fig.axes[emptiest].legend(
                handles=_body_handles(bodies, colour),
                title="Body (as at)",
                loc="lower right",
                fontsize=8,
                title_fontsize=8.5,
            )
        fig.suptitle(chart_title(bodies), fontsize=12.5, fontweight="bold")
        fig.legend(
            handles=_qualifier_handles(), loc="outside lower center", ncol=5, fontsize=8.5, frameon=False
        )
    return fig


def chart_title(bodies: list[tuple[str, str, int]], width: int = 140) -> str:
    """The figure's title: who reported and as at when, and the two caveats, wrapped to ``width``.

    >>> print(chart_title([("Department for Education", "2016-06-17", 53)]))
    Volumes of data held by Department for Education (as at 2016-06-17), by dataset
    As reported; datasets overlap, so the bars do not add up to a count of people.
    >>> chart_title([(f"Trust {n}", f"2020-0{n}-01", 5) for n in range(1, 6)]).splitlines()[0]
    'Volumes of data held by 5 bodies (as at 2020-01-01 to 2020-05-01), by dataset'
    """
    if len(bodies) > TITLE_BODIES:
        dates = sorted({as_at for _, as_at, _ in bodies})
        when = dates[0] if len(dates) == 1 else f"{dates[0]} to {dates[-1]}"
        who = f"{len(bodies)} bodies (as at {when})"
    else:
        who = "; ".join(f"{body} (as at {as_at})" for body, as_at, _ in bodies) or "no body"
    return "\n".join(
        [
            *textwrap.wrap(f"Volumes of data held by {who}, by dataset", width),
            "As reported; datasets overlap, so the bars do not add up to a count of people.",
        ]
    )


def _draw_panel(
    ax: Axes,
    bars: list[Bar],
    total: int,
    kind: str,
    axis_label: str,
    fmt: Callable[[float], str],
    colour: dict[str, str],
    rows: int,
) -> None:
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    shown = f"{len(bars)}" if len(bars) == total else f"largest {len(bars)} of {total:,}"
    ax.set_title(f"Datasets by {kind} ({shown})", fontsize=10.5, loc="left")
    if not bars:
        ax.text(
            0.5,
            0.5,
            f"No dataset gave a figure for {kind}.",
            ha="center",
            va="center",
            transform=ax.transAxes,
            fontsize=10,
            color="0.4",
        )
        ax.set_axis_off()
        return
    ax.set_xlabel(axis_label, fontsize=8.5, color="0.3")
    extent = [v for b in bars for v in (b.value, b.lower, b.upper) if v]
    low, high = log_limits(extent)
    nudge = (high / low) ** 0.04  # a fixed length on the log axis, for arrows and label gaps
    ax.set_xscale("log")
    ax.set_xlim(low, high)
    ax.set_ylim(rows - 0.4, -0.6)
    for y, bar in enumerate(bars):
        c = colour[bar.body]
        if bar.qualifier == "exact":
            style: dict[str, Any] = {"color": c}
        elif bar.qualifier in ("approximate", "range"):
            style = {"facecolor": c, "alpha": 0.45, "hatch": "////", "edgecolor": "white"}
        else:
            style = {"facecolor": "white", "edgecolor": c, "linewidth": 1.2}
        ax.barh(y, bar.value - low, left=low, height=0.72, **style)
        end = bar.value
        if bar.qualifier == "range" and bar.lower is not None and bar.upper is not None:
            ax.errorbar(
                bar.value,
                y,
                xerr=[[bar.value - bar.lower], [bar.upper - bar.value]],
                fmt="none",
                ecolor="black",
                elinewidth=1.1,
                capsize=3.5,
            )
            end = bar.upper
        elif bar.qualifier in ("lower_bound", "upper_bound"):
            head = bar.value * nudge if bar.qualifier == "lower_bound" else bar.value / nudge
            ax.annotate(
                "",
                xy=(head, y),
                xytext=(bar.value, y),
                arrowprops={"arrowstyle": "-|>", "color": c, "lw": 1.4, "shrinkA": 0, "shrinkB": 0},
            )
            end = max(end, head)
        ax.annotate(
            value_label(bar, fmt),
            xy=(end, y),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(range(len(bars)), [name_label(b.name) for b in bars], fontsize=7.5, linespacing=0.95)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(LogLocator(base=10))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt(v)))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.tick_params(axis="x", labelsize=8.5)
    ax.grid(axis="x", which="major", color="0.88", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _draw_side_list(
    ax: Axes,
    rows: list[tuple[str, str, str, int]],
    bodies: list[tuple[str, str, int]],
    colour: dict[str, str],
    capacity: int,
    keyed: bool,
) -> None:
    """The datasets with no size to draw, grouped by why, each group cut short to fit ``capacity`` lines.
    ``rows`` are ``(body, name, why, datasets of that why)``: the first of each group, up to ``capacity``."""
    ax.set_axis_off()
    groups: dict[str, list[tuple[str, str]]] = {}
    sizes: dict[str, int] = {}
    for body, name, why, size in rows:
        groups.setdefault(why, []).append((body, name))
        sizes[why] = size
    ax.set_title(
        f"Not drawn: {sum(sizes.values()):,} of {sum(n for _, _, n in bodies):,} datasets",
        fontsize=10.5,
        loc="left",
    )
    lines: list[tuple[str, str, str]] = []  # (text, colour, weight)
    room = capacity - 2 * len(groups)  # every group keeps its heading and a line saying what was cut
    for why, group in groups.items():
        shown, room = group[: max(room, 0)], room - sizes[why]
        lines.append((f"{_NOT_DRAWN.get(why, _OTHER_NOT_DRAWN)} ({sizes[why]:,})", "black", "bold"))
        lines += [
            ("  " + truncate(name, SIDE_WIDTH), colour[body] if keyed else "0.15", "normal")
            for body, name in shown
        ]
        if len(shown) < sizes[why]:
            lines.append((f"  … and {sizes[why] - len(shown):,} more", "0.4", "normal"))
    if not rows:
        lines.append(("Every dataset has a size drawn.", "0.4", "normal"))
    for i, (text, c, weight) in enumerate(lines):
        ax.annotate(
            text,
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, -4 - 13 * i),
            textcoords="offset points",
            va="top",
            fontsize=8.5,
            color=c,
            fontweight=weight,
        )


def _body_handles(bodies: list[tuple[str, str, int]], colour: dict[str, str]) -> list:
    from matplotlib.patches import Patch

    return [Patch(color=colour[body], label=f"{truncate(body)} ({as_at})") for body, as_at, _ in bodies]


def _qualifier_handles() -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    grey = "0.35"
    return [
        Patch(color=grey, label="exact"),
        Patch(facecolor=grey, alpha=0.45, hatch="////", edgecolor="white", label='approximate (~, "circa")'),
        Line2D(
            [],
            [],
            color="black",
            marker="|",
            markersize=9,
            linewidth=1.1,
            label="range (low–high, bar to midpoint)",
        ),
        Line2D(
            [],
            [],
            color=grey,
            marker=">",
            markersize=6,
            linewidth=1.4,
            label='lower bound (≥, "over"): hollow bar',
        ),
        Line2D(
            [],
            [],
            color=grey,
            marker="<",
            markersize=6,
            linewidth=1.4,
            label='upper bound (≤, "up to"): hollow bar',
        ),
    ]

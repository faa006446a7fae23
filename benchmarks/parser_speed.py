"""Parser throughput on one core.

``python benchmarks/parser_speed.py [--n 100000] [--runs 5] [--seed 2016]`` generates a corpus of distinct,
realistic volume cells from templates over the whole language (numbers in every notation, storage
and counted units, hedges, bounds, ranges, rates, dates and other non-volumes, several figures,
unknown, zero and unreadable cells), pins the process to one core, warms the parser up, then
parses the corpus ``--runs`` times and prints strings a second per run and their median.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time

from pipeline.volumes import parse_volume

SPACES = (" ", "\u00a0", "\u2009", "\u202f")
COUNT_NOUNS = (
    "records",
    "personal records",
    "people",
    "persons",
    "individuals",
    "pupils",
    "children",
    "learners",
    "citizens",
    "customers",
    "claimants",
    "staff",
    "cases",
    "entries",
    "profiles",
    "accounts",
    "staff records",
    "pupil records",
    "patient records",
    "data subjects",
    "service users",
)
STORAGE_UNITS = (
    "TB",
    "Tb",
    "tb",
    "GB",
    "Gb",
    "gb",
    "MB",
    "Mb",
    "KB",
    "PB",
    "terabytes",
    "Terabytes",
    "gigabytes",
    "megabytes",
    "GiB",
    "TiB",
    "MiB",
    "GBs",
    "Tbytes",
)
STORAGE_TAILS = ("", "", " of data", " data", " of disk space", " disk space", " of storage")
HEDGES = (
    "Circa",
    "circa",
    "c.",
    "c",
    "ca.",
    "Approx.",
    "approx",
    "Approximately",
    "approximately",
    "About",
    "Around",
    "Roughly",
    "Some",
    "Estimated",
    "An estimated",
    "Est.",
    "~",
    "In the region of",
)
HEDGES_AFTER = (" (approx)", " (approx.)", " or so", " approximately", " (estimated)")
LOWER = ("Over", "More than", "In excess of", "At least", "Upwards of", "Just over", ">")
UPPER = (
    "Up to",
    "Less than",
    "Fewer than",
    "Under",
    "Below",
    "No more than",
    "Maximum",
    "Almost",
    "Nearly",
    "<",
)
RATES = (
    "per day",
    "a day",
    "daily",
    "per week",
    "a week",
    "weekly",
    "per month",
    "a month",
    "monthly",
    "per year",
    "a year",
    "annually",
    "per annum",
    "each year",
    "p.a.",
    "/day",
)
CONTEXT = (
    "",
    "",
    "",
    ".",
    " (as at 31/03/16)",
    " as at 1 April 2015",
    " (as at 17 June 2016)",
    " since 2010",
    " in 2015/16",
    " (3 systems)",
    " and 400 data fields",
    ", kept for 7 years",
    " held.",
    " (s.40 applies)",
    " on 3 June 2012",
    " across 12 sites",
    " (95% complete)",
)
FRAMES = (
    "{}",
    "{}",
    "{}",
    "The system holds {}",
    "We hold {}",
    "Database contains {}",
    "{} held",
    "Processes {}",
    "Approximately: {}",
    "Total: {}",
)
UNKNOWN = (
    "Exact volume unknown",
    "Not known",
    "Unknown",
    "Not held",
    "Information not held",
    "N/A",
    "n/a",
    "Not available",
    "Not recorded",
    "Withheld",
    "Exempt",
    "Withheld under s.40(2)",
    "Exempt under section 31(1)(a)",
    "Volume not known",
    "TBC",
    "Not quantified",
)
ZERO = ("None", "Nil", "No records", "No records held", "Nil return", "0 records")
UNREADABLE = (
    "See attached spreadsheet",
    "Large",
    "Please refer to annex",
    "Paper files only",
    "Held on the shared drive",
    "Varies by year",
    "Lots",
)
SMALL_WORDS = ("two", "three", "four", "five", "eight", "ten", "twenty", "fifty")


def _count(rng: random.Random) -> str:
    """A number as an FOI officer might type it, for a count."""
    n = rng.choice((rng.randint(1, 999), rng.randint(1000, 99_999), rng.randint(100_000, 50_000_000)))
    style = rng.randrange(20)
    if style < 8:
        return f"{n:,}"
    if style < 10:
        return f"{n:,}".replace(",", rng.choice(SPACES))
    if style < 12:
        return str(n)
    if style < 14:
        return f"{rng.randint(1, 99) / rng.choice((1, 10)):g}{rng.choice(('k', 'K', 'm', 'M', 'bn', 'mn'))}"
    if style < 16:
        scale = rng.choice(("thousand", "million", "Million", "billion"))
        return f"{rng.randint(1, 999) / rng.choice((1, 10)):g} {scale}"
    if style < 19:
        lead = rng.choice(
            ("half a", "a", "two", "three quarters of a", "one and a half", rng.choice(SMALL_WORDS))
        )
        return f"{lead} {rng.choice(('thousand', 'million', 'hundred thousand'))}"
    return f"{n:,}".replace(",", ", ", 1) if n >= 1000 else f"{n}"  # a typo: "160, 000"


def _size(rng: random.Random) -> str:
    """A storage figure."""
    n = rng.choice(
        (f"{rng.randint(1, 999)}", f"{rng.randint(1, 999) / 10:g}", f"{rng.randint(1, 99) / 100:g}")
    )
    return f"{n}{rng.choice(('', ' '))}{rng.choice(STORAGE_UNITS)}{rng.choice(STORAGE_TAILS)}"


def _figure(rng: random.Random) -> str:
    """One figure: a count or a size, perhaps qualified, ranged or a rate."""
    shape = rng.randrange(12)
    if shape < 4:
        core = f"{_count(rng)} {rng.choice(COUNT_NOUNS)}"
    elif shape < 7:
        core = _size(rng)
    elif shape == 7:
        a = rng.randint(1, 50)
        scale = rng.choice(("", " thousand", " million", "k", "m"))
        core = (
            rng.choice(
                (
                    f"{a}-{a + rng.randint(1, 20)}{scale}",
                    f"between {a} and {a + rng.randint(1, 20)}{scale}",
                    f"{a}{scale} to {a + rng.randint(1, 20)}{scale}",
                )
            )
            + " "
            + rng.choice(COUNT_NOUNS)
        )
    elif shape == 8:
        verb = rng.choice(("", "processed ", "added "))
        core = f"{_count(rng)} {rng.choice(COUNT_NOUNS)} {verb}{rng.choice(RATES)}"
    elif shape == 9:
        core = f"{_count(rng)}{rng.choice(('+', ''))}"
    elif shape == 10:
        core = f"{rng.randint(1, 5000):,} {rng.choice(RATES)}"
    else:
        core = f"{_count(rng)} {rng.choice(COUNT_NOUNS)}{rng.choice(HEDGES_AFTER)}"
    lead = rng.randrange(6)
    if lead < 2:
        core = f"{rng.choice(HEDGES)} {core}"
    elif lead == 2:
        core = f"{rng.choice(LOWER + UPPER)} {core}"
    return core


def _cell(rng: random.Random) -> str:
    """One volume cell."""
    kind = rng.randrange(20)
    if kind < 12:
        return rng.choice(FRAMES).format(_figure(rng)) + rng.choice(CONTEXT)
    if kind < 14:
        first, second = _figure(rng), _figure(rng)
        joint = rng.choice(("; ", ", of which ", ", with ", " and ", " (", ", including "))
        return f"{first}{joint}{second}{')' if joint == ' (' else ''}{rng.choice(CONTEXT)}"
    if kind < 17:
        text = rng.choice(UNKNOWN) + rng.choice(
            (
                "",
                ".",
                " - estimated " + _figure(rng),
                " at present",
                f" (ref {rng.randint(100, 99999)})",
                rng.choice(CONTEXT),
            )
        )
        return text if rng.random() < 0.8 else text.upper()
    if kind < 18:
        return rng.choice(ZERO) + rng.choice(("", ".", " at present", rng.choice(CONTEXT)))
    return rng.choice(UNREADABLE) + rng.choice(
        ("", ".", f" (item {rng.randint(1, 999)})", rng.choice(CONTEXT))
    )


def corpus(n: int, seed: int) -> list[str]:
    """``n`` distinct volume cells, the same for the same seed.

    >>> cells = corpus(500, 1)
    >>> len(cells) == len(set(cells)) == 500, cells == corpus(500, 1)
    (True, True)
    """
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < n:
        seen[_cell(rng)] = None
    return list(seen)


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or the platform's description."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def pin_to_one_core() -> str:
    """Pin this process to one of the cores it may run on; say which (or why not)."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity here)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to core {core}"


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print one line per run, then the median."""
    parser = argparse.ArgumentParser(
        prog="python benchmarks/parser_speed.py", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--n", type=int, default=100_000, help="distinct strings in the corpus (default 100000)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the corpus (default 5)")
    parser.add_argument("--seed", type=int, default=2016, help="corpus seed (default 2016)")
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1:
        parser.error("--n and --runs must be at least 1")

    pinned = pin_to_one_core()
    cells = corpus(args.n, args.seed)
    for text in cells[:2000]:  # warm up: compile the grammar, build the unit registry
        parse_volume(text)
    print(f"python {platform.python_version()} on {cpu_model()}, {pinned}")
    print(
        f"corpus: {len(cells):,} distinct strings (seed {args.seed}), "
        f"{sum(map(len, cells)) / len(cells):.1f} characters on average"
    )
    rates = []
    for run in range(1, args.runs + 1):
        start = time.perf_counter()
        for text in cells:
            parse_volume(text)
        rate = len(cells) / (time.perf_counter() - start)
        rates.append(rate)
        print(f"run {run}: {rate:,.0f} strings/s")
    print(f"median: {statistics.median(rates):,.0f} strings/s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

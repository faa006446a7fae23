"""The header words of a datasets table, as data: which column holds the name, the purpose, the
volume(s) and the body. A new header phrasing is a new row here, not a new ``if``.

A header cell is normalised before it is looked up (:func:`normalise`): lower case; camelCase,
snake_case and kebab-case split into words; a parenthesis set aside (it may name a unit, "Size (GB)",
or a date, "(as at 17 June 2016)"); hedges and fillers dropped ("Approximate size" is "size"). A cell
that joins volume phrases ("Number of records / size") is a volume header.

Each role's phrases come in ranks: when two columns could hold the name ("Title" and "Identifier"),
the better-ranked wins, then the leftmost. Every volume column is kept: records and size side by side
are all parsed. The body is only taken from a column whose header says so plainly ("Publisher",
"Public body"); a manifest can name any other (``columns = { body = "Owner" }``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.volumes.vocab import STORAGE_UNITS

# Tables laid out by hand, a row per line of the language: the formatter leaves them be.
# fmt: off
#: Volume headers that name a count (a bare number below one is records).
COUNT_PHRASES = (
    "number of records", "no of records", "number of records held", "records", "records held",
    "record count", "count of records", "records count", "total records", "number of entries", "entries",
    "number of people", "number of individuals", "number of data subjects", "data subjects",
    "number of persons", "people", "individuals", "statistical population", "population size",
    "sample size", "sample size at recruitment", "cohort size", "participants", "number of participants",
    "participants invited", "participants included", "n", "count", "number", "number of cases", "cases",
    "number of pupils", "pupils", "number of patients", "patients",
)
#: role -> phrase -> rank (1 is the strongest). Phrases are normalised (see :func:`normalise`).
PHRASES: dict[str, dict[str, int]] = {
    "name": {
        **dict.fromkeys(
            (
                "name",
                "name of dataset",
                "name of data set",
                "dataset name",
                "data set name",
                "dataset",
                "data set",
                "datasets",
                "bulk dataset",
                "bulk data set",
                "bulk personal dataset",
                "bulk personal data set",
                "name of bulk dataset",
                "name of bulk personal dataset",
                "name of personal dataset",
                "personal dataset",
                "dataset title",
                "name of system",
                "system name",
                "name of database",
                "database name",
                "information asset",
                "information asset name",
                "name of information asset",
                "asset name",
                "source name",
                "data source name",
                "name of data source",
                "register",
                "register name",
                "name of register",
                "collection",
                "collection name",
                "data collection",
                "dataset or system",
                "system or dataset",
                "system dataset",
            ),
            1,
        ),
        **dict.fromkeys(
            (
                "title",
                "identifier",
                "system",
                "systems",
                "database",
                "databases",
                "table",
                "table name",
                "asset",
                "data asset",
                "data source",
                "service",
                "application",
                "data holding",
                "holding",
            ),
            2,
        ),
    },
    "purpose": {
        **dict.fromkeys(
            (
                "purpose",
                "purposes",
                "purpose of dataset",
                "purpose of data set",
                "purpose of the dataset",
                "purpose of system",
                "purpose of holding",
                "purpose held",
                "purposes held",
                "purpose for which the dataset is held",
                "purposes for which the dataset is held",
                "purpose of data held",
                "reason held",
                "reason for holding",
                "why held",
                "use",
                "uses",
                "used for",
                "business purpose",
                "purpose and use",
                "purpose use",
            ),
            1,
        ),
        **dict.fromkeys(
            (
                "description",
                "descriptions",
                "dataset description",
                "description of dataset",
                "description of data",
                "summary",
                "abstract",
                "short description",
                "short desc",
                "long description",
                "long desc",
                "aims",
                "aim",
                "details",
                "content",
                "contents",
                "description of content",
                "what it contains",
                "notes on the dataset",
            ),
            2,
        ),
    },
    "volume": {
        **dict.fromkeys(
            (
                "volume",
                "volumes",
                "volume of data",
                "volume of data held",
                "volume held",
                "data volume",
                "volume of dataset",
                "volume of records",
                "records volume",
                "size",
                "size of dataset",
                "size of data set",
                "size of the dataset",
                "dataset size",
                "data set size",
                "size of data",
                "data size",
                "file size",
                "size of file",
                "storage",
                "storage size",
                "storage used",
                "disk space",
                "quantity",
                "quantity of data",
                "amount of data",
                "how much data",
                "volume of data processed",
                "volume processed",
                "data held",
                "size held",
            ),
            1,
        ),
        **dict.fromkeys(COUNT_PHRASES, 1),
    },
    "body": dict.fromkeys(
        (
            "body",
            "public body",
            "public authority",
            "authority",
            "department",
            "government department",
            "publisher",
            "organisation responsible",
            "responsible body",
        ),
        1,
    ),
}
#: Volume phrases that name a count: a bare number below them is records ("Number of records": 450000).
COUNT_HEADERS = frozenset(COUNT_PHRASES)
#: Words dropped before a header is looked up: hedges, fillers, and "held"-like tails that add nothing.
FILLERS = (
    "approximate",
    "approx",
    "approximately",
    "estimated",
    "estimate",
    "est",
    "total",
    "current",
    "overall",
    "the",
    "a",
    "an",
    "bulk personal",
    "personal",
    "electronic",
)
#: Words inside a header's parenthesis (or after "in") that say its bare numbers count records.
COUNT_UNITS = frozenset(
    ("records", "record", "number", "number of records", "people", "count", "individuals")
)
# fmt: on

ROLES = tuple(PHRASES)
_FILLER = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, FILLERS), key=len, reverse=True)) + r")\b")
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_JOINERS = re.compile(r"\s*(?:/|&|\+|\band\b|\bor\b|,)\s*")
_IN_UNIT = re.compile(r"\b(?:in|as)\s+([a-z]+)\s*$")
_AS_AT = re.compile(r"\bas\s+(?:at|of|on)\b\s*:?\s*([^()\n]+)", re.IGNORECASE)


@dataclass(frozen=True)
class HeaderCell:
    """What a header cell says: its role (or None), rank, and the unit its bare numbers are in."""

    role: str | None
    rank: int = 9
    unit: str | None = None  # "records" or a storage unit key ("gb"), for the column_unit policy


def normalise(text: str) -> str:
    """A header cell's words, lower case, without its parenthesis, punctuation, hedges and fillers.

    >>> normalise("Volume of Data Held\\n(as at 17 June 2016)"), normalise("statisticalPopulation")
    ('volume of data held', 'statistical population')
    >>> normalise("participants_included"), normalise("Approximate Size (GB)*"), normalise("No. of records:")
    ('participants included', 'size', 'no of records')
    """
    text = _CAMEL.sub(" ", _PAREN.sub(" ", text)).lower()
    text = re.sub(r"[_\-–—.:;*?!#'\"’‘“”]+", " ", text)
    text = _FILLER.sub(" ", text)
    return " ".join(text.split())


@cache
def classify(text: str) -> HeaderCell:
    """The role of a header cell.

    >>> classify("Name of Dataset"), classify("Size (GB)"), classify("Number of records / size").role
    (HeaderCell(role='name', rank=1, unit=None), HeaderCell(role='volume', rank=1, unit='gb'), 'volume')
    >>> classify("Sample size at recruitment").unit, classify("Volume (records)").unit, classify("Dataset")
    ('records', 'records', HeaderCell(role='name', rank=1, unit=None))
    >>> classify("Oracle RightNow Cloud Service"), classify("")
    (HeaderCell(role=None, rank=9, unit=None), HeaderCell(role=None, rank=9, unit=None))
    """
    words = normalise(text)
    if not words or len(words) > 60:
        return HeaderCell(None)
    role, rank = _lookup(words)
    if role is None:  # "Number of records / size", "Records and size": joined volume phrases
        parts = [p for p in _JOINERS.split(words) if p]
        if len(parts) > 1 and all(_lookup(p)[0] == "volume" for p in parts):
            role, rank, words = "volume", 1, parts[0]
        elif (m := _IN_UNIT.search(words)) and _lookup(words[: m.start()].strip())[0] == "volume":
            role, rank, words = "volume", 1, words[: m.start()].strip()  # "size in gb"
    if role is None:
        return HeaderCell(None)
    unit = None
    if role == "volume":
        unit = _unit(text) or ("records" if words in _count_headers() else None)
    return HeaderCell(role, rank, unit)


def _lookup(words: str) -> tuple[str | None, int]:
    return _index().get(words, (None, 9))


@cache
def _index() -> dict[str, tuple[str, int]]:
    """Every phrase, normalised as a header is, -> (role, rank); a phrase listed twice keeps its first."""
    index: dict[str, tuple[str, int]] = {}
    for role, phrases in PHRASES.items():
        for phrase, rank in phrases.items():
            index.setdefault(normalise(phrase), (role, rank))
    return index


@cache
def _count_headers() -> frozenset[str]:
    return frozenset(normalise(p) for p in COUNT_HEADERS)


def _unit(text: str) -> str | None:
    """A unit the header names, in a parenthesis or after "in": "Size (GB)", "Size in TB", "(records)"."""
    low = text.lower()
    candidates = [next(g for g in m.groups() if g is not None) for m in _PAREN.finditer(low)]
    if m := _IN_UNIT.search(_PAREN.sub(" ", low).strip()):
        candidates.append(m.group(1))
    for candidate in candidates:
        words = " ".join(re.sub(r"[^a-z ]+", " ", candidate).split())
        key = words.replace(" ", "")
        if key in STORAGE_UNITS and key not in ("b", "byte", "bytes"):
            return key
        if words in COUNT_UNITS or words.startswith("number of"):
            return "records"
    return None


def as_at(text: str) -> str | None:
    """The date text after "as at" in a header or title ("Volume (as at 17 June 2016)" -> "17 June 2016").

    >>> as_at("Volume of Data Held\\n(as at 17 June 2016)"), as_at("Size"), as_at("Records as of: 31/03/2017")
    ('17 June 2016', None, '31/03/2017')
    """
    m = _AS_AT.search(text)
    return m.group(1).strip().rstrip(".") if m else None

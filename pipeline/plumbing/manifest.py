"""Read and check ``raw/sources.toml``: which documents to read, how, and under which policy.

Each ``[[sources]]`` entry needs ``id, path, body, reference, as_at, url``. The rest is optional:
``format`` (detected from the document when left out), ``encoding`` (text formats), ``sheet``
(a workbook's sheet, by name or 1-based position), ``table`` (which of the document's tables,
1-based), ``header_row`` (the row or line number of the header), ``columns`` (which header holds
the name, purpose, volume(s) and body: ``columns = { name = "System", volume = ["Records", "Size"] }``),
``sha256`` (the document's digest when it was added: a run refuses a file that has changed since)
and ``[sources.policy]``. ``as_at`` is an ISO date, written as TOML's own date or as text.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.readers.find import Columns, Hints
from pipeline.volumes.model import Policy

from .errors import ManifestError

REQUIRED = ("id", "path", "body", "reference", "as_at", "url")
OPTIONAL = ("format", "policy", "encoding", "sheet", "table", "header_row", "columns", "sha256")
POLICY_KEYS = ("storage_prefixes", "days_per_year", "working_days_per_year", "bare_number")
COLUMN_KEYS = ("name", "purpose", "volume", "body")
#: Makes the error of one source entry, naming the manifest, its line and the source.
Fail = Callable[[str], ManifestError]
#: What a source id may be (ID_RULE says it in words, for messages).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ID_RULE = "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Source:
    """One document to read, as the manifest declares it."""

    id: str
    path: Path
    body: str
    reference: str
    as_at: str  # ISO date
    url: str
    format: str | None = None  # None: detected from the document
    policy: Policy = field(default_factory=Policy)
    encoding: str | None = None
    sheet: str | int | None = None
    hints: Hints = field(default_factory=Hints)
    sha256: str | None = None  # the document's digest when it was added; None: not checked


def load_manifest(path: str | Path, formats: tuple[str, ...]) -> list[Source]:
    """The sources in the manifest at ``path``, checked; ``formats`` are the readable formats."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError("manifest not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest ({exc.__class__.__name__})", path) from None
    data = parse_toml(text, path)
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise ManifestError("no [[sources]] entries", path)
    sources: list[Source] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        source = _source(entry, n, path, text, formats)
        if source.id in seen:
            raise ManifestError(
                f"source id {source.id!r} is used twice", path, _line_of_id(text, source.id, 2)
            )
        seen.add(source.id)
        sources.append(source)
    return sources


def parse_toml(text: str, path: str | Path) -> dict:
    """The manifest's TOML, or a :class:`ManifestError` naming the line it stops being TOML at."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the message: "Invalid value (at line 3, column 8)"
        m = re.match(r"(.*?)\s*\(at line (\d+), column \d+\)$", str(exc))
        message, line = (m.group(1), int(m.group(2))) if m else (str(exc), None)
        raise ManifestError(f"not valid TOML: {message}", path, line) from None


def _source(entry: object, n: int, path: Path, text: str, formats: tuple[str, ...]) -> Source:
    if not isinstance(entry, dict):
        raise ManifestError(f"source #{n} is not a table", path)
    sid = entry.get("id")
    line = _line_of_id(text, sid) if isinstance(sid, str) else None
    where = f"source {sid!r}" if isinstance(sid, str) else f"source #{n}"

    def fail(message: str) -> ManifestError:
        return ManifestError(f"{where}: {message}", path, line)

    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise ManifestError(f"{where} lacks {', '.join(missing)}", path, line)
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ManifestError(f"{where} has unknown keys: {', '.join(unknown)}", path, line)
    bad = [k for k in REQUIRED if k != "as_at" and not isinstance(entry[k], str)]
    bad += [k for k in ("format", "encoding") if k in entry and not isinstance(entry[k], str)]
    if bad:
        raise fail(f"{', '.join(bad)} must be text")
    sid = entry["id"]
    if not ID_PATTERN.match(sid):
        raise fail(f"id must be {ID_RULE}")
    fmt = entry.get("format")
    if fmt is not None and fmt not in formats:
        raise fail(f"unknown format {fmt!r} (known: {', '.join(formats)}; or leave it out to detect it)")
    doc = (path.parent / entry["path"]).resolve()
    if not doc.is_file():
        raise fail(f"file not found: {entry['path']}")
    return Source(
        id=sid,
        path=doc,
        format=fmt,
        body=entry["body"],
        reference=entry["reference"],
        as_at=_as_at(entry["as_at"], fail),
        url=entry["url"],
        policy=_policy(entry.get("policy", {}), fail),
        encoding=entry.get("encoding"),
        sheet=_sheet(entry.get("sheet"), fail),
        hints=Hints(
            table=_positive(entry.get("table"), "table", fail),
            header_row=_positive(entry.get("header_row"), "header_row", fail),
            columns=_columns(entry.get("columns", {}), fail),
        ),
        sha256=_digest(entry.get("sha256"), fail),
    )


def _as_at(raw: object, fail: Fail) -> str:
    """An ISO date, from TOML's date (``as_at = 2016-06-17``) or text (``as_at = "2016-06-17"``)."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
        try:
            return dt.date.fromisoformat(raw.strip()).isoformat()
        except ValueError:
            raise fail(f"as_at {raw!r} is not a date that exists") from None
    raise fail(f"as_at must be a date, YYYY-MM-DD (as_at = 2016-06-17), not {raw!r}")


def _digest(raw: object, fail: Fail) -> str | None:
    """A sha256 as 64 hexadecimal digits (upper case read as lower)."""
    if raw is None:
        return None
    if isinstance(raw, str) and _SHA256.match(raw.strip().lower()):
        return raw.strip().lower()
    raise fail("sha256 must be the document's SHA-256 digest, 64 hexadecimal digits")


def _sheet(raw: object, fail: Fail) -> str | int | None:
    if raw is None or (isinstance(raw, str) and raw.strip()):
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
        return raw
    raise fail("sheet must be a sheet's name or its position (1 is the first)")


def _positive(raw: object, key: str, fail: Fail) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 1:
        return raw
    raise fail(f"{key} must be a whole number, 1 or more")


def _columns(raw: object, fail: Fail) -> Columns:
    if not isinstance(raw, dict):
        raise fail('columns must be a table: columns = { name = "...", volume = ["..."] }')
    unknown = sorted(set(raw) - set(COLUMN_KEYS))
    if unknown:
        raise fail(f"unknown columns keys: {', '.join(unknown)} (known: {', '.join(COLUMN_KEYS)})")
    volume = raw.get("volume", ())
    volume = (volume,) if isinstance(volume, str) else volume
    if not isinstance(volume, (list, tuple)) or not all(isinstance(v, str) and v for v in volume):
        raise fail("columns.volume must be a header's text or a list of them")
    for key in ("name", "purpose", "body"):
        if key in raw and not (isinstance(raw[key], str) and raw[key]):
            raise fail(f"columns.{key} must be a header's text")
    return Columns(
        name=raw.get("name"), purpose=raw.get("purpose"), volume=tuple(volume), body=raw.get("body")
    )


def _policy(raw: object, fail: Fail) -> Policy:
    if not isinstance(raw, dict):
        raise fail("policy must be a table")
    unknown = sorted(set(raw) - set(POLICY_KEYS))
    if unknown:
        raise fail(f"unknown policy keys: {', '.join(unknown)}")
    try:
        return Policy(**raw)
    except (TypeError, ValueError) as exc:
        raise fail(str(exc)) from None


def _line_of_id(text: str, sid: str, occurrence: int = 1) -> int | None:
    """1-based line of the ``occurrence``-th ``id = "sid"`` in the manifest text."""
    pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(sid)}[\"']", re.MULTILINE)
    matches = list(pattern.finditer(text))
    if len(matches) < occurrence:
        return None
    return text.count("\n", 0, matches[occurrence - 1].start()) + 1

"""Read and check ``raw/sources.toml``: which documents to read, in what format, under which policy."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.volumes.model import Policy

from .errors import ManifestError

REQUIRED = ("id", "path", "format", "body", "reference", "as_at", "url")
OPTIONAL = ("policy", "encoding")
POLICY_KEYS = ("storage_prefixes", "days_per_year", "bare_number")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Source:
    """One document to read, as the manifest declares it."""

    id: str
    path: Path
    format: str
    body: str
    reference: str
    as_at: str
    url: str
    policy: Policy = field(default_factory=Policy)
    encoding: str | None = None


def load_manifest(path: str | Path, formats: tuple[str, ...]) -> list[Source]:
    """The sources in the manifest at ``path``, checked; ``formats`` are the readable formats."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ManifestError("manifest not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"cannot read manifest ({exc.__class__.__name__})", path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 puts the position only in the message: "Invalid value (at line 3, column 8)"
        m = re.match(r"(.*?)\s*\(at line (\d+), column \d+\)$", str(exc))
        message, line = (m.group(1), int(m.group(2))) if m else (str(exc), None)
        raise ManifestError(f"not valid TOML: {message}", path, line) from None
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


def _source(entry: object, n: int, path: Path, text: str, formats: tuple[str, ...]) -> Source:
    if not isinstance(entry, dict):
        raise ManifestError(f"source #{n} is not a table", path)
    sid = entry.get("id")
    line = _line_of_id(text, sid) if isinstance(sid, str) else None
    where = f"source {sid!r}" if isinstance(sid, str) else f"source #{n}"
    missing = [k for k in REQUIRED if k not in entry]
    if missing:
        raise ManifestError(f"{where} lacks {', '.join(missing)}", path, line)
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ManifestError(f"{where} has unknown keys: {', '.join(unknown)}", path, line)
    bad = [k for k in REQUIRED if not isinstance(entry[k], str)]
    if bad:
        raise ManifestError(f"{where}: {', '.join(bad)} must be text", path, line)
    sid = entry["id"]
    if not _ID.match(sid):
        raise ManifestError(f"{where}: id must be lower-case letters, digits, '.', '_' or '-'", path, line)
    if entry["format"] not in formats:
        raise ManifestError(
            f"{where}: unknown format {entry['format']!r} (known: {', '.join(formats)})", path, line
        )
    doc = (path.parent / entry["path"]).resolve()
    if not doc.is_file():
        raise ManifestError(f"{where}: file not found: {entry['path']}", path, line)
    return Source(
        id=sid,
        path=doc,
        format=entry["format"],
        body=entry["body"],
        reference=entry["reference"],
        as_at=entry["as_at"],
        url=entry["url"],
        policy=_policy(entry.get("policy", {}), where, path, line),
        encoding=entry.get("encoding"),
    )


def _policy(raw: object, where: str, path: Path, line: int | None) -> Policy:
    if not isinstance(raw, dict):
        raise ManifestError(f"{where}: policy must be a table", path, line)
    unknown = sorted(set(raw) - set(POLICY_KEYS))
    if unknown:
        raise ManifestError(f"{where}: unknown policy keys: {', '.join(unknown)}", path, line)
    try:
        return Policy(**raw)
    except (TypeError, ValueError) as exc:
        raise ManifestError(f"{where}: {exc}", path, line) from None


def _line_of_id(text: str, sid: str, occurrence: int = 1) -> int | None:
    """1-based line of the ``occurrence``-th ``id = "sid"`` in the manifest text."""
    pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(sid)}[\"']", re.MULTILINE)
    matches = list(pattern.finditer(text))
    if len(matches) < occurrence:
        return None
    return text.count("\n", 0, matches[occurrence - 1].start()) + 1

"""One error hierarchy for everything a user can get wrong. The CLI turns these into one line, exit 1.

Parsing text never raises: unreadable volume text is a figure of kind ``unparsed``. These errors
are for inputs the pipeline cannot proceed with at all (a missing file, a malformed manifest...).
"""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """A problem with the user's inputs or outputs, reported as ``path:line: message``."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class ManifestError(PipelineError):
    """``sources.toml`` is missing, malformed, or names something impossible."""


class SourceError(PipelineError):
    """A source document cannot be read as its declared format (empty, binary, no table...)."""


class ConservationError(PipelineError):
    """Rows went missing between stages: extracted != loaded + quarantined."""


class OutputError(PipelineError):
    """The outputs cannot be written (locked by another run, unwritable directory...)."""

"""One error hierarchy for everything a user can get wrong. The CLI turns these into one line, exit 1.

Parsing text never raises: unreadable volume text is a figure of kind ``unparsed``. These errors
are for inputs the pipeline cannot proceed with at all (a missing file, a malformed manifest...).
Each names the file and, where it can, the place in it: a line (``path:12: ...``) or a place a
person can find in a document that has no lines (``path: sheet 'Bulk datasets': ...``).

They survive pickling (``__reduce__``), so a worker process can raise one and the parent report it.
"""

from __future__ import annotations

from pathlib import Path


class PipelineError(Exception):
    """A problem with the user's inputs or outputs, reported as ``path:line: message``.

    >>> str(SourceError("no datasets table", "raw/a.xlsx", where="sheet 'Data'"))
    "raw/a.xlsx: sheet 'Data': no datasets table"
    >>> import pickle; str(pickle.loads(pickle.dumps(ManifestError("bad", "s.toml", 3))))
    's.toml:3: bad'
    """

    def __init__(
        self, message: str, path: str | Path | None = None, line: int | None = None, where: str | None = None
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path if self.line is None else f"{self.path}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.where:
            parts.append(self.where)
        return ": ".join([*parts, self.message])

    def __reduce__(self) -> tuple[type[PipelineError], tuple[str, str | None, int | None, str | None]]:
        return self.__class__, (self.message, self.path, self.line, self.where)

    def at(self, path: str | Path) -> PipelineError:
        """The same error, naming ``path`` (a reader raises without knowing the file's name)."""
        return self.__class__(self.message, path, self.line, self.where)


class ManifestError(PipelineError):
    """``sources.toml`` is missing, malformed, or names something impossible."""


class SourceError(PipelineError):
    """A source document cannot be read as its format (empty, corrupt, encrypted, no table...)."""


class ConservationError(PipelineError):
    """Rows went missing between stages: extracted != loaded + quarantined."""


class AddError(PipelineError):
    """``add`` cannot bring a document in: a name taken, a download that failed, a date not given..."""


class OutputError(PipelineError):
    """The outputs cannot be written (locked by another run, unwritable directory...)."""

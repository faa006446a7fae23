"""Read a raw document's bytes into text, saying which encoding it was, or why it cannot be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError

#: Tried in order after a byte-order mark: strict UTF-8, then Windows-1252 (Word, Outlook), then
#: Latin-1, which decodes any byte and so always succeeds.
ENCODINGS = ("utf-8", "cp1252", "latin-1")


@dataclass(frozen=True)
class Document:
    path: Path
    text: str  # line endings normalised to "\n"
    encoding: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def decode(data: bytes, path: Path, encoding: str | None = None) -> Document:
    """Decode ``data`` (the bytes of ``path``) into a :class:`Document`.

    >>> decode("Circa 5,000\\r\\n".encode("cp1252"), Path("x.txt")).text
    'Circa 5,000\\n'
    """
    if not data.strip():
        raise SourceError("document is empty", path)
    if b"\x00" in data[:8192]:
        raise SourceError("document is binary, not text (NUL bytes)", path)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceError(f"cannot decode as {encoding}: {exc.__class__.__name__}", path) from None
    elif data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    else:
        for encoding in ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - latin-1, the last, decodes any byte
            raise AssertionError("no encoding decoded the document")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(path=path, text=text, encoding=encoding)


def read_document(path: Path, encoding: str | None = None) -> Document:
    """Read and decode the document at ``path``."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read document ({exc.strerror or exc.__class__.__name__})", path) from None
    return decode(data, Path(path), encoding)

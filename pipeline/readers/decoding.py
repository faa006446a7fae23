"""Bytes -> text for the text formats (plain text, CSV): which encoding it was, or why it is no text.

Tried in order: a byte-order mark (UTF-8, UTF-16 as Excel's "Unicode text" and Notepad save it);
UTF-16 without a mark, recognised by its NUL bytes; strict UTF-8; Windows-1252 (Word, Outlook,
Excel's CSV on Windows); Latin-1, which decodes any byte and so always succeeds.
"""

from __future__ import annotations

from pipeline.plumbing.errors import SourceError

ENCODINGS = ("utf-8", "cp1252", "latin-1")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding)``: line endings normalised to ``\\n``, a byte-order mark dropped.

    >>> decode_text("Teachers’ £5\\r\\n".encode("cp1252"))
    ('Teachers’ £5\\n', 'cp1252')
    >>> decode_text("\\ufeffName\\tSize\\r\\n".encode("utf-16-le"))
    ('Name\\tSize\\n', 'utf-16')
    >>> decode_text("a,b\\n".encode("utf-16-le"))
    ('a,b\\n', 'utf-16-le')
    """
    if not data.strip():
        raise SourceError("document is empty")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceError(f"cannot decode as {encoding}: {exc.__class__.__name__}") from None
    else:
        text, encoding = _detect(data)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise SourceError("document is binary, not text (NUL bytes): give its format in the manifest?")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _detect(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise SourceError(f"cannot decode as {name} (its byte-order mark says so)") from None
    head = data[:4096]
    if head.count(0) > len(head) // 4:  # UTF-16 without a mark: every other byte of ASCII text is NUL
        name = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            raise SourceError("document is binary, not text (NUL bytes)") from None
    for name in ENCODINGS:
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover

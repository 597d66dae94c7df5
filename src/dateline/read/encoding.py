"""Turn an article file's bytes into text, or say clearly why not.

UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. Anything
else is handed to charset-normalizer, which recognises the legacy encodings old
archives are kept in (Windows-1252, ISO-8859-x, KOI8-R…); when it cannot tell,
the file is refused rather than read as mojibake.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from dateline.errors import ReadError

__all__ = ["clean_strings", "decode", "strip_xml_invalid"]


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def decode(data: bytes, path: Path) -> str:
    """The text of ``data``, without characters XML cannot carry.

    C0 control characters (but tab and newlines), DEL, lone surrogates and the
    non-characters U+FFFE/U+FFFF have no place in news text and would make the
    feeds invalid XML, so they are removed here, once, for every output.
    Raises :class:`ReadError` (``encoding_unknown``) if the bytes are unreadable.
    """
    text = _clean_utf8(data)
    return text if text is not None else strip_xml_invalid(_decode(data, path))


#: The bytes of the characters :data:`_XML_INVALID` matches that UTF-8 writes in one byte.
_INVALID_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _clean_utf8(data: bytes) -> str | None:
    """The text of ``data`` if it is UTF-8 without a BOM and without a character XML
    cannot carry (most articles), else None.

    Checked on the bytes, where C loops do it: the pattern's scan of the text cost
    more than the rest of decoding (~20 us for a 600-word article). A surrogate is
    no valid UTF-8, so the strict decode refuses it; U+FFFE/U+FFFF are looked for
    as their three bytes.
    """
    if data.startswith(codecs.BOM_UTF8):
        return None
    # both non-characters start with 0xEF, which few texts hold at all: one search for
    # a byte (memchr), before two for three bytes (each slower than the decoding)
    if b"\xef" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data):
        return None
    if len(data.translate(None, _INVALID_BYTES)) != len(data):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def strip_xml_invalid(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    return _XML_INVALID.sub("", text)


def clean_strings(value: Any) -> Any:
    """The same, through YAML data: ``"\\u0000"`` in a quoted YAML string is a NUL too."""
    if isinstance(value, str):
        return strip_xml_invalid(value)
    if isinstance(value, list):
        return [clean_strings(v) for v in value]
    if isinstance(value, dict):
        return {clean_strings(k): clean_strings(v) for k, v in value.items()}
    return value


def _decode(data: bytes, path: Path) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # imported here: nearly every article is UTF-8, and the detector costs each worker
    # process ~10 ms to import
    from charset_normalizer import from_bytes  # noqa: PLC0415

    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # Short texts fit several Latin code pages equally well; Windows-1252 is
        # by far the most common in news archives, so it wins a tie.
        tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
        best = next((m for m in tied if m.encoding == "cp1252"), best)
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise ReadError(
            "the file is not UTF-8 and its encoding could not be recognised",
            path=path,
            code="encoding_unknown",
            hint="save it as UTF-8",
        )
    return str(best)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"the file starts with a {encoding.upper()} byte order mark but is not valid "
            f"{encoding.upper()} at byte {exc.start}",
            path=path,
            code="encoding_invalid",
            hint="re-save the file as UTF-8",
        ) from exc

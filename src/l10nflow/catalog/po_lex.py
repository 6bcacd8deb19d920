"""The lexical layer of the PO reader: charsets, quoted strings and their escapes.

Like gettext's ``po-lex.c``, escapes give *bytes* in the file's charset (``"\\xc3\\xa9"`` is
``é`` in a UTF-8 file, a hex escape keeps its last two digits, an octal one its low byte), and
the bytes of a run of escapes must decode in that charset. Strings are scanned with one regular
expression each and the whole file in one pass, so reading is linear in the input size.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from ..errors import ParseError
from ..model import Location

SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "?": "?",
    "'": "'",
}
# One quoted string: no unescaped quote inside, a backslash always escapes the next character.
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_ESCAPE_PIECE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.?)|[^\\]+", re.DOTALL)
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:+-]+)")
_REFERENCE = re.compile(r"\u2068([^\u2069]*)\u2069(?::(\d+))?|(\S+)")
# Longest line number taken as one (gettext reads it with strtoul; longer digits stay text).
_MAX_LINE_DIGITS = 18
# Python codecs that are not character sets of text files (gettext's iconv has none of them).
_NOT_CHARSETS = {"punycode", "idna", "unicode_escape", "raw_unicode_escape", "undefined"}


def scan_string(text: str, start: int, charset: str, path: str, lineno: int) -> tuple[str, int]:
    """The value of the ``"..."`` token at ``text[start]`` and the index after it."""
    match = _STRING.match(text, start)
    if match is None:
        raise ParseError("unterminated string (missing closing quote)", path, lineno)
    raw = match.group(1)
    value = raw if "\\" not in raw else _unescape(raw, charset, path, lineno)
    if "\0" in value:
        raise ParseError("a NUL character (\\0) in a string would cut it short", path, lineno)
    return value, match.end()


def _unescape(raw: str, charset: str, path: str, lineno: int) -> str:
    out: list[str] = []
    pending = bytearray()  # bytes of consecutive numeric escapes, decoded together

    def flush() -> None:
        if pending:
            try:
                out.append(pending.decode(charset))
            except UnicodeDecodeError:
                raise ParseError(
                    f"escape sequences give bytes {bytes(pending)!r} that are not valid {charset}",
                    path,
                    lineno,
                ) from None
            pending.clear()

    for match in _ESCAPE_PIECE.finditer(raw):
        piece = match.group()
        if piece[0] != "\\":
            flush()
            out.append(piece)
        elif piece[1:2] in tuple("01234567"):
            pending.append(int(piece[1:], 8) & 0xFF)
        elif piece[1:2] == "x" and len(piece) > 2:
            pending.append(int(piece[2:][-2:], 16))  # gettext keeps the low byte
        elif piece[1:] in SIMPLE_ESCAPES:
            flush()
            out.append(SIMPLE_ESCAPES[piece[1:]])
        else:
            raise ParseError(f"invalid escape sequence '{piece}' in string", path, lineno)
    flush()
    return "".join(out)


def text_charset(name: str) -> str | None:
    """The Python codec name for a charset name in a PO header, or None when there is none.

    Codecs that do not decode bytes to text (``base64``, ``rot13``...) or that are not the
    charset of a file (``punycode``, ``idna``) do not count.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def header_charset(data: bytes, path: str) -> str:
    """The charset the header of ``data`` names (UTF-8 when none or ``CHARSET``)."""
    end = data.find(b"\n\n")
    found = _CHARSET.search(data[: end if end >= 0 else len(data)])
    if found is None or found.group(1) == b"CHARSET":
        return "UTF-8"
    name = found.group(1).decode("ascii")
    if text_charset(name) is None:
        lineno = data.count(b"\n", 0, found.start()) + 1
        raise ParseError(f"unknown charset {name!r} in header", path, lineno)
    return name


def decode_po(data: bytes, path: str = "<bytes>") -> str:
    """Decode by the header's charset (UTF-8 by default; a UTF-8 BOM is allowed)."""
    data = data.removeprefix(codecs.BOM_UTF8)
    charset = header_charset(data, path)
    try:
        return data.decode(charset)
    except UnicodeDecodeError as error:
        lineno = data.count(b"\n", 0, error.start) + 1
        raise ParseError(
            f"bytes {data[error.start : error.end]!r} are not valid {charset}", path, lineno
        ) from None
    except (UnicodeError, ValueError, LookupError) as error:  # a codec that fails otherwise
        raise ParseError(f"cannot decode as {charset}: {error}", path) from None


def parse_references(rest: str) -> list[Location]:
    """The locations of a ``#:`` line (``rest``: what follows the marker)."""
    if "\u2068" not in rest:  # no isolated file name: words apart by spaces (what \S+ finds)
        return [_word_location(word) for word in rest.split()]
    return [_location(match) for match in _REFERENCE.finditer(rest)]


def parse_flags(rest: str) -> list[str]:
    """The flags of a ``#,`` line (``rest``: what follows the marker)."""
    return [f for f in (flag.strip() for flag in rest.split(",")) if f]


def _location(match: re.Match[str]) -> Location:
    if match.group(3) is None:
        line = match.group(2)
        if line and (not line.isascii() or len(line) > _MAX_LINE_DIGITS):
            return Location(f"{match.group(1)}:{line}")
        return Location(match.group(1), int(line) if line else None)
    return _word_location(match.group(3))


@lru_cache(maxsize=65536)
def _word_location(token: str) -> Location:
    """(Locations are immutable, and every locale's catalogue repeats the template's.)"""
    name, colon, line = token.rpartition(":")
    if colon and name and line.isascii() and line.isdigit() and len(line) <= _MAX_LINE_DIGITS:
        return Location(name, int(line))
    return Location(token)

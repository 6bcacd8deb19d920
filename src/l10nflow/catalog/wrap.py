"""Line wrapping of PO strings exactly like GNU gettext's ``msgcat`` (``write-po.c``).

gettext escapes a string, splits it after every ``\\n``, and wraps each piece with
libunistring's ``ulc_width_linebreaks``: break opportunities come from Unicode line breaking
(UAX #14 as implemented by libunistring) and widths are display widths (``uc_width``: combining
marks 0, East Asian wide 2).  polib and babel count code points and break only at spaces, so
their output differs from ``msgcat`` for Burmese, Thai and Chinese.

Two back ends compute the break positions:

* :class:`LibunistringBreaker` calls the very library ``msgcat`` uses (``libunistring.so.2``,
  present wherever gettext is installed) through :mod:`ctypes`; it is byte-exact by
  construction.
* :class:`PortableBreaker` is a pure-Python approximation (``uniseg`` for UAX #14 classes,
  ``wcwidth`` for widths, both optional) used when libunistring cannot be loaded (e.g.
  Windows without gettext).
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Protocol

# libunistring's UC_BREAK_* values (unilbrk.h).
BREAK_UNDEFINED = 0
BREAK_PROHIBITED = 1
BREAK_POSSIBLE = 2

# gettext writes these control characters as C escapes (write-po.c); the rest stay raw.
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}

NO_WRAP_WIDTH = 1 << 30


class Breaker(Protocol):
    def breaks(self, text: str, overrides: list[int], width: int, start_column: int) -> list[int]:
        """Indices of characters of ``text`` before which a line break goes."""


class LibunistringBreaker:
    """Break positions from libunistring's ``u8_width_linebreaks`` (what msgcat uses)."""

    def __init__(self, library: ctypes.CDLL) -> None:
        # gettext 0.21 on current systems calls the "_v2" entry point (libunistring >= 1.1
        # semantics); older libraries only have the first version.
        try:
            function = library.u8_width_linebreaks_v2
        except AttributeError:
            function = library.u8_width_linebreaks
        function.restype = ctypes.c_int
        function.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_char_p,
        ]
        self._function = function

    def breaks(self, text: str, overrides: list[int], width: int, start_column: int) -> list[int]:
        data = text.encode("utf-8")
        if len(data) == len(text):  # ASCII: one byte per character
            result = ctypes.create_string_buffer(len(data))
            self._function(
                data, len(data), width, start_column, 0, bytes(overrides), b"UTF-8", result
            )
            return [i for i, value in enumerate(result.raw) if value == BREAK_POSSIBLE]
        # One override byte per UTF-8 byte: the character's value on its first byte.
        override_bytes = bytearray(len(data))
        starts: list[int] = []
        offset = 0
        for char, override in zip(text, overrides, strict=True):
            starts.append(offset)
            override_bytes[offset] = override
            offset += len(char.encode("utf-8"))
        result = ctypes.create_string_buffer(len(data))
        self._function(
            data, len(data), width, start_column, 0, bytes(override_bytes), b"UTF-8", result
        )
        raw = result.raw
        return [index for index, start in enumerate(starts) if raw[start] == BREAK_POSSIBLE]


class PortableBreaker:
    """Pure-Python fallback: UAX #14 opportunities from ``uniseg`` and widths from
    ``wcwidth`` when installed (else: breaks after spaces, widths from unicodedata), filled
    with the same greedy algorithm as libunistring.  Measured: identical to msgcat on plain
    English, not on Burmese/Thai/CJK, which is why libunistring is preferred."""

    def breaks(self, text: str, overrides: list[int], width: int, start_column: int) -> list[int]:
        opportunities = _opportunities(text)
        result: list[int] = []
        last_break: int | None = None
        column = start_column
        piece_width = 0
        for index, char in enumerate(text):
            possible = opportunities[index] and index > 0
            if overrides[index] != BREAK_UNDEFINED:
                possible = overrides[index] == BREAK_POSSIBLE
            if possible:
                if last_break is not None and column + piece_width > width:
                    result.append(last_break)
                    column = 0
                last_break = index
                column += piece_width
                piece_width = 0
            piece_width += max(_char_width(char), 0)
        if last_break is not None and column + piece_width > width:
            result.append(last_break)
        return result


def _opportunities(text: str) -> list[bool]:
    try:
        from uniseg.linebreak import line_break_breakables
    except ImportError:
        return [index > 0 and text[index - 1] == " " for index in range(len(text))]
    return [bool(flag) for flag in line_break_breakables(text)] if text else []


def _char_width(char: str) -> int:
    try:
        from wcwidth import wcwidth
    except ImportError:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return int(wcwidth(char))


@lru_cache(maxsize=1)
def default_breaker() -> Breaker:
    """libunistring when it can be loaded, else the portable approximation."""
    for name in _libunistring_names():
        try:
            return LibunistringBreaker(ctypes.CDLL(name))
        except (OSError, AttributeError):
            continue
    return PortableBreaker()


def _libunistring_names() -> Iterator[str]:
    yield "libunistring.so.2"
    import ctypes.util  # only if that name fails: it imports subprocess (start-up time)

    found = ctypes.util.find_library("unistring")
    if found:
        yield found


# A C or Python printf directive; an invalid one ends before its first bad character.
_C_DIRECTIVE = re.compile(
    r"%(?:\d+\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv><PRI\w+>|[diouxXeEfFgGaAcsCSpn%])?"
)
_PYTHON_DIRECTIVE = re.compile(
    r"%(?P<name>\([^()]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?(?P<conv>[diouxXeEfFgGcrs%])?"
)
_DIRECTIVE_PATTERNS = {"c-format": _C_DIRECTIVE, "python-format": _PYTHON_DIRECTIVE}


def directive_interiors(value: str, flags: list[str]) -> set[int]:
    """Indices inside printf directives (all but their ``%``): gettext never breaks there."""
    inside: set[int] = set()
    for flag, pattern in _DIRECTIVE_PATTERNS.items():
        if flag not in flags and f"possible-{flag}" not in flags:
            continue
        for match in pattern.finditer(value):
            if not match["conv"]:
                break  # like gettext's parsers, stop at the first invalid directive
            inside.update(range(match.start() + 1, match.end()))
    return inside


_NEEDS_ESCAPE = re.compile('[\\\\"\a\b\f\n\r\t\v]')
# Characters that force a line break in UAX #14 (BK, CR, LF, NL classes) besides escapes.
_MANDATORY_BREAK = re.compile("[\u0085\u2028\u2029]")


def escape_portion(portion: str, no_break: frozenset[int] = frozenset()) -> tuple[str, list[int]]:
    """C-escape one ``\\n``-terminated piece; return it and gettext's break overrides.

    ``no_break`` holds indices of ``portion`` before which no break may go.
    """
    if not no_break and _NEEDS_ESCAPE.search(portion) is None:
        return portion, [BREAK_UNDEFINED] * len(portion)  # the common case, nothing to escape
    chars: list[str] = []
    overrides: list[int] = []
    for index, char in enumerate(portion):
        if index in no_break:
            overrides.append(BREAK_PROHIBITED)
            overrides.extend([BREAK_PROHIBITED] * (len(_escape(char)) - 1))
            chars.append(_escape(char))
            continue
        escaped = _ESCAPES.get(char)
        if escaped is None and char in '\\"':
            escaped = char
        if escaped is None:
            chars.append(char)
            overrides.append(BREAK_UNDEFINED)
        else:
            # Never break inside an escape sequence.
            chars.extend(("\\", escaped))
            overrides.extend((BREAK_UNDEFINED, BREAK_PROHIBITED))
    if portion.endswith("\n"):
        # Do not break just before the final "\n" either.
        overrides[-2] = BREAK_PROHIBITED
    return "".join(chars), overrides


def _escape(char: str) -> str:
    escaped = _ESCAPES.get(char)
    if escaped is None and char in '\\"':
        escaped = char
    return char if escaped is None else "\\" + escaped


def _fits(text: str, room: int) -> bool:
    """Whether ``text`` surely fits in ``room`` columns (no character is wider than 2)."""
    if _MANDATORY_BREAK.search(text):
        return False
    return (len(text) if text.isascii() else 2 * len(text)) <= room


def split_portions(value: str) -> list[str]:
    """Split after each newline; an empty string is one empty portion."""
    portions: list[str] = []
    start = 0
    while True:
        end = value.find("\n", start)
        if end < 0:
            if start < len(value) or not portions:
                portions.append(value[start:])
            return portions
        portions.append(value[start : end + 1])
        start = end + 1


def wrap_field(
    name: str,
    value: str,
    prefix: str = "",
    width: int = 79,
    wrap: bool = True,
    breaker: Breaker | None = None,
    flags: list[str] | None = None,
) -> list[str]:
    """The lines (without newline) gettext writes for ``name "value"`` after ``prefix``.

    ``flags`` are the entry's flags: format flags keep directives such as ``%5d`` unbroken.
    """
    breaker = breaker or default_breaker()
    lines: list[str] = []
    portions = split_portions(value)
    interiors = directive_interiors(value, flags or [])
    offset = 0
    column_after_break = len(prefix) + 1
    line_width = (width if wrap else NO_WRAP_WIDTH) - 1 - column_after_break
    first_line = True
    for number, portion in enumerate(portions):
        no_break = frozenset(i - offset for i in interiors if offset <= i < offset + len(portion))
        offset += len(portion)
        text, overrides = escape_portion(portion, no_break)
        if first_line:
            start_column = len(prefix) + len(name) + 2 - column_after_break
        else:
            start_column = len(prefix) + 1 - column_after_break
        if not text or _fits(text, line_width - start_column):
            positions: list[int] = []  # libunistring only breaks a line that is too wide
        else:
            positions = breaker.breaks(text, overrides, line_width, start_column)
        more_portions = number + 1 < len(portions)
        if first_line and text and (more_portions or start_column > line_width or positions):
            # Long or multi-line values start with `name ""` and continue below.
            lines.append(f'{prefix}{name} ""')
            first_line = False
            start_column = len(prefix) + 1 - column_after_break
            positions = breaker.breaks(text, overrides, line_width, start_column)
        head = f"{prefix}{name} " if first_line else prefix
        first_line = False
        pieces: list[str] = []
        previous = 0
        for position in [*positions, len(text)]:
            pieces.append(text[previous:position])
            previous = position
        lines.append(f'{head}"{pieces[0]}"')
        lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
    return lines

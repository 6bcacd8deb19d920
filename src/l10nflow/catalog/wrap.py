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
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Protocol

# libunistring's UC_BREAK_* values (unilbrk.h).
BREAK_UNDEFINED = 0
BREAK_PROHIBITED = 1
BREAK_POSSIBLE = 2

# gettext writes these control characters as C escapes (write-po.c); the rest stay raw.
_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}

NO_WRAP_WIDTH = 1 << 30


class Breaker(Protocol):
    def breaks(self, text: str, overrides: bytes, width: int, start_column: int) -> list[int]:
        """Indices of characters of ``text`` before which a line break goes; ``overrides``
        holds one ``BREAK_*`` value per character."""

    def fits(self, text: str, room: int) -> bool:
        """Whether ``text`` (escaped, one line) surely gets no break in ``room`` columns."""


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
        self._uc_width = library.uc_width
        self._uc_width.restype = ctypes.c_int
        self._uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
        # Display width of each character met so far, as u8_width_linebreaks counts it.
        self._widths: dict[str, int] = {}

    def _width_of(self, char: str) -> int:
        width = self._widths.get(char)
        if width is None:
            width = self._widths[char] = max(self._uc_width(ord(char), b"UTF-8"), 0)
        return width

    def fits(self, text: str, room: int) -> bool:
        """Exact: libunistring breaks only a line wider than the room it has."""
        if text.isascii():  # width 1 each (0 for controls: an over-estimate is safe)
            return len(text) <= room
        if 2 * len(text) <= room:  # no character is wider than 2
            return True
        if _CONTROL.search(text) is None and len(text.encode("ascii", "ignore")) > room:
            return False  # printable ASCII characters alone are too wide
        widths = self._widths
        try:  # summed in C once every character's width is known
            return sum(map(widths.__getitem__, text)) <= room
        except KeyError:
            for char in set(text).difference(widths):
                self._width_of(char)
            return sum(map(widths.__getitem__, text)) <= room

    def breaks(self, text: str, overrides: bytes, width: int, start_column: int) -> list[int]:
        data = text.encode("utf-8")
        ascii_only = len(data) == len(text)  # then byte offsets are character indices
        override_bytes = overrides if ascii_only else _byte_overrides(text, overrides, len(data))
        size = len(data)
        result = _buffer_type(size.bit_length())()
        self._function(data, size, width, start_column, 0, override_bytes, b"UTF-8", result)
        offsets = _offsets_of(result.raw[:size], BREAK_POSSIBLE)
        return offsets if ascii_only else _character_indices(data, offsets)


@cache
def _buffer_type(bits: int) -> type[ctypes.Array[ctypes.c_char]]:
    """A char array type of ``2**bits`` bytes. ``create_string_buffer`` makes a new array type
    for every new length (ctypes keeps them only weakly): 60 µs per call, most of a long
    msgid's wrapping."""
    return ctypes.c_char * (1 << bits)


def _offsets_of(raw: bytes, value: int) -> list[int]:
    """Where ``value`` occurs in ``raw`` (found in C: a line has only a few breaks)."""
    needle = bytes((value,))
    offsets: list[int] = []
    offset = raw.find(needle)
    while offset >= 0:
        offsets.append(offset)
        offset = raw.find(needle, offset + 1)
    return offsets


def _character_indices(data: bytes, offsets: list[int]) -> list[int]:
    """The character indices of the given (ascending, character-starting) UTF-8 offsets."""
    indices: list[int] = []
    index = previous = 0
    for offset in offsets:
        index += len(data[previous:offset].decode("utf-8"))
        indices.append(index)
        previous = offset
    return indices


def _byte_overrides(text: str, overrides: bytes, size: int) -> bytes:
    """One override byte per UTF-8 byte: each character's value on its first byte."""
    marked = sorted(
        _offsets_of(overrides, BREAK_PROHIBITED) + _offsets_of(overrides, BREAK_POSSIBLE)
    )
    override_bytes = bytearray(size)
    offset = previous = 0
    for index in marked:
        offset += len(text[previous:index].encode("utf-8"))
        previous = index
        override_bytes[offset] = overrides[index]
    return bytes(override_bytes)


class PortableBreaker:
    """Pure-Python fallback: UAX #14 opportunities from ``uniseg`` and widths from
    ``wcwidth`` when installed (else: breaks after spaces, widths from unicodedata), filled
    with the same greedy algorithm as libunistring.  Measured: identical to msgcat on plain
    English, not on Burmese/Thai/CJK, which is why libunistring is preferred."""

    def fits(self, text: str, room: int) -> bool:
        return _fits(text, room)

    def breaks(self, text: str, overrides: bytes, width: int, start_column: int) -> list[int]:
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


_ESCAPE_TABLE = {ord(char): "\\" + letter for char, letter in _ESCAPES.items()}
_ESCAPE_TABLE.update({ord("\\"): "\\\\", ord('"'): '\\"'})
_NEEDS_ESCAPE = re.compile('[\\\\"\a\b\f\n\r\t\v]')
# Characters that force a line break in UAX #14 (BK, CR, LF, NL classes) besides escapes.
_MANDATORY_BREAK = re.compile("[\u0085\u2028\u2029]")
# ASCII characters of display width 0 (uc_width gives -1, counted as 0).
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def escape_portion(portion: str, no_break: frozenset[int] = frozenset()) -> tuple[str, bytes]:
    """C-escape one ``\\n``-terminated piece; return it and gettext's break overrides (one
    ``BREAK_*`` byte per character of the escaped text).

    ``no_break`` holds indices of ``portion`` before which no break may go.
    """
    escapes = [match.start() for match in _NEEDS_ESCAPE.finditer(portion)]
    if not escapes and not no_break:
        return portion, bytes(len(portion))  # the common case, nothing to escape
    text = portion.translate(_ESCAPE_TABLE)
    overrides = bytearray(len(text))
    for shift, index in enumerate(escapes):
        # Never break inside an escape sequence: not before its letter.
        overrides[index + shift + 1] = BREAK_PROHIBITED
    for index in no_break:
        position = index + bisect_left(escapes, index)  # escapes before it add a character
        overrides[position] = BREAK_PROHIBITED
        if position + 1 < len(text) and text[position] == "\\":
            overrides[position + 1] = BREAK_PROHIBITED
    if portion.endswith("\n"):
        # Do not break just before the final "\n" either.
        overrides[-2] = BREAK_PROHIBITED
    return text, bytes(overrides)


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


def _breaks(
    breaker: Breaker, text: str, overrides: bytes, line_width: int, column: int
) -> list[int]:
    if not text or breaker.fits(text, line_width - column):
        return []  # libunistring only breaks a line that is too wide
    return breaker.breaks(text, overrides, line_width, column)


def _first_portion_layout(
    breaker: Breaker, text: str, overrides: bytes, line_width: int, column: int, alone: bool
) -> tuple[bool, list[int]]:
    """Whether the value starts with ``name ""`` on a line of its own (long or multi-line
    values do), and the breaks of its first portion."""
    if not text:
        return False, []
    if not alone or column > line_width:
        return True, _breaks(breaker, text, overrides, line_width, 0)
    if breaker.fits(text, line_width - column):
        return False, []
    # A line is broken iff it is too wide and has a break opportunity (the greedy fill of
    # u8_width_linebreaks), so breaks below `name ""`, with more room, imply breaks after it.
    below = breaker.breaks(text, overrides, line_width, 0)
    if below or breaker.breaks(text, overrides, line_width, column):
        return True, below
    return False, []


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
    if not value:
        return [f'{prefix}{name} ""']
    # Columns count from just after the opening quote of a continuation line.
    line_width = (width if wrap else NO_WRAP_WIDTH) - 2 - len(prefix)
    first_column = len(name) + 1
    if (
        breaker is None  # both breakers: ASCII has width 1 and fits if it is not wider
        and len(value) <= line_width - first_column
        and value.isascii()
        and _NEEDS_ESCAPE.search(value) is None
    ):
        return [f'{prefix}{name} "{value}"']
    breaker = breaker or default_breaker()
    if _NEEDS_ESCAPE.search(value) is None and breaker.fits(value, line_width - first_column):
        return [f'{prefix}{name} "{value}"']  # the common case: one line, nothing to escape
    lines: list[str] = []
    portions = split_portions(value)
    interiors = directive_interiors(value, flags) if flags else set()
    offset = 0
    head = f"{prefix}{name} "
    no_break: frozenset[int] = frozenset()
    for number, portion in enumerate(portions):
        if interiors:
            no_break = frozenset(
                i - offset for i in interiors if offset <= i < offset + len(portion)
            )
        offset += len(portion)
        text, overrides = escape_portion(portion, no_break)
        if number == 0:
            alone = len(portions) == 1
            header, positions = _first_portion_layout(
                breaker, text, overrides, line_width, first_column, alone
            )
            if header:
                lines.append(f'{prefix}{name} ""')
                head = prefix
        else:
            positions = _breaks(breaker, text, overrides, line_width, 0)
            head = prefix
        pieces = [
            text[start:end]
            for start, end in zip([0, *positions], [*positions, len(text)], strict=True)
        ]
        lines.append(f'{head}"{pieces[0]}"')
        lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
    return lines

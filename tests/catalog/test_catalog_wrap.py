"""The writer's fast paths wrap exactly like the plain algorithm, and like msgcat.

``_reference_wrap`` is the straightforward version: escape character by character, always ask
the breaker (libunistring's ``u8_width_linebreaks`` when present), twice for a first line that
may need ``name ""``. The fast paths (one line without any breaker call when the display width
fits, one breaker call for a long first line, escapes by ``str.translate``) must give the same
lines on any input.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from catalog_oracle import msgcat, needs_gettext
from hypothesis import given, settings
from hypothesis import strategies as st

from l10nflow.catalog import format_po, read_po
from l10nflow.catalog.wrap import (
    BREAK_PROHIBITED,
    BREAK_UNDEFINED,
    Breaker,
    PortableBreaker,
    default_breaker,
    directive_interiors,
    split_portions,
    wrap_field,
)

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_ESCAPES.update({"\\": "\\", '"': '"'})
REPO = Path(__file__).resolve().parents[2]


def _reference_escape(portion: str, no_break: frozenset[int]) -> tuple[str, bytes]:
    chars: list[str] = []
    overrides: list[int] = []
    for index, char in enumerate(portion):
        escaped = "\\" + _ESCAPES[char] if char in _ESCAPES else char
        first = BREAK_PROHIBITED if index in no_break else BREAK_UNDEFINED
        overrides += [first] + [BREAK_PROHIBITED] * (len(escaped) - 1)
        chars.append(escaped)
    if portion.endswith("\n"):
        overrides[-2] = BREAK_PROHIBITED
    return "".join(chars), bytes(overrides)


def _reference_wrap(
    name: str, value: str, prefix: str, width: int, flags: list[str], breaker: Breaker
) -> list[str]:
    breaks = breaker.breaks
    lines: list[str] = []
    interiors = directive_interiors(value, flags)
    line_width = width - 2 - len(prefix)
    portions = split_portions(value)
    offset, first_line = 0, True
    for number, portion in enumerate(portions):
        no_break = frozenset(i - offset for i in interiors if offset <= i < offset + len(portion))
        offset += len(portion)
        text, overrides = _reference_escape(portion, no_break)
        column = len(name) + 1 if first_line else 0
        positions = breaks(text, overrides, line_width, column) if text else []
        if first_line and text and (number + 1 < len(portions) or column > line_width or positions):
            lines.append(f'{prefix}{name} ""')
            first_line = False
            positions = breaks(text, overrides, line_width, 0)
        head = f"{prefix}{name} " if first_line else prefix
        first_line = False
        bounds = [0, *positions, len(text)]
        pieces = [text[start:end] for start, end in pairwise(bounds)]
        lines.append(f'{head}"{pieces[0]}"')
        lines.extend(f'{prefix}"{piece}"' for piece in pieces[1:])
    return lines


# Words of the scripts the project ships, and what needs escaping or special widths.
PIECES = [
    "army",
    "defectors",
    "said",
    "2,021",
    "-",
    "—",
    "“quoted”",
    '"',
    "\\",
    "\n",
    "\t",
    " ",
    "  ",
    "%d",
    "%5.2f",
    "%(name)s",
    "%",
    "ပြည်ထောင်စု",
    "မြန်မာ",
    "တပ်မတော်",
    "ทหาร",
    "ประเทศไทย",
    "军队",
    "缅甸军方",
    "é",
    "e\u0301",
    "\u200b",
    "\u00a0",
    "/",
    "(",
    ")",
    "!",
    "a" * 30,
    "https://example.org/a/very/long/path",
    "\u2028",
    "\x01",
    "😀",
]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(PIECES), max_size=40),
    name=st.sampled_from(["msgid", "msgstr", "msgstr[0]", "msgctxt", "msgid_plural"]),
    prefix=st.sampled_from(["", "#~ ", "#| ", "#~| "]),
    width=st.sampled_from([79, 79, 40, 20, 12, 10**9]),
    flags=st.sampled_from([[], ["c-format"], ["python-format"]]),
)
def test_fast_paths_wrap_like_the_plain_algorithm(
    words: list[str], name: str, prefix: str, width: int, flags: list[str]
) -> None:
    value = "".join(words)
    for breaker in (default_breaker(), PortableBreaker()):
        expected = _reference_wrap(name, value, prefix, width, flags, breaker)
        assert wrap_field(name, value, prefix, width, breaker=breaker, flags=flags) == expected


@needs_gettext
@pytest.mark.parametrize(
    "catalogue",
    sorted(p.relative_to(REPO).as_posix() for p in REPO.glob("locales/**/*.po*")),
)
def test_shipped_catalogues_are_written_as_msgcat_writes_them(
    tmp_path: Path, catalogue: str
) -> None:
    """Real Burmese, Thai and Chinese catalogues: every line as msgcat wraps it."""
    source = REPO / catalogue
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    assert format_po(read_po(copy)).encode("utf-8") == msgcat(copy)


@pytest.mark.parametrize(
    "unit",
    ["ab ", "a“b ", "မြန်မာ ", "军队", "ทหาร ", "e\u0301 ", "%d "],
)
def test_lines_at_the_edge_of_the_width_wrap_like_the_plain_algorithm(unit: str) -> None:
    """Values one column under, at and over the room a line has (where a fast path decides
    alone), for each keyword and prefix."""
    breaker = default_breaker()
    for name in ("msgid", "msgstr[0]"):
        for prefix in ("", "#~| "):
            for length in range(1, 90):
                value = (unit * 90)[:length]
                expected = _reference_wrap(name, value, prefix, 79, ["c-format"], breaker)
                got = wrap_field(name, value, prefix, 79, breaker=breaker, flags=["c-format"])
                assert got == expected, (name, prefix, value)

"""Line breaks as sentence boundaries in plain text ("text") and text extracted from PDF ("pdf").

In HTML (layout "html") a line break is only a space and this module is not used. Plain text
follows the reading of pySBD's cleaner (MIT), on which its test cases were written:

- a blank line always ends a sentence;
- a line break before a line of one or two letters is a word broken over lines ("W\\nA\\nRN");
- a line break before a "." that ends a sentence joins the dot to its line ("pricing\\n. Next");
- "text": a line ending in a space and followed by a lowercase letter or "(" is wrapped
  ("It was a cold \\nnight"); any other line break ends a sentence ("features\\ncontact
  manager", "at no cost\\nyou may copy it");
- "pdf": lines are wrapped where the next one starts lowercase or the line ends in a space
  ("This is a sentence\\ncut off in the middle because pdf.");
- in both, a line ending in a CJK comma or the particle "の", which never end a sentence, is
  wrapped when the next line follows without a space ("これは父の\\n家です。", pySBD's
  Japanese cleaner).

A Windows "\\r\\n" counts as one line break, a lone "\\r" as one too.
"""

from __future__ import annotations

import re
from functools import cache

LINE_LAYOUTS = ("text", "pdf")
_NEVER_LAST = frozenset("の、，")


@cache
def _line_break() -> re.Pattern[str]:
    # Spaces before the break, the break, and all whitespace after it (further breaks included).
    return re.compile(r"(?P<before>[^\S\r\n]*)(?:\r\n?|\n)(?P<rest>\s*)")


@cache
def _broken_word() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z]{1,2}(?:\r\n?|\n)")


def _newlines(whitespace: str) -> int:
    return whitespace.count("\n") + whitespace.count("\r") - whitespace.count("\r\n")


def _wrapped(text: str, match: re.Match[str], layout: str) -> bool:
    """Does the single line break of `match` continue the sentence?"""
    end = match.end()
    following = text[end]
    directly = not match.group("rest")  # the next line starts with no indent
    if directly and _broken_word().match(text, end):
        return True
    if following == "." and (end + 1 == len(text) or text[end + 1].isspace()):
        return True
    start = match.start()
    if directly and not match.group("before") and text[start - 1] in _NEVER_LAST:
        return True
    spaced = bool(match.group("before"))
    if layout == "text":
        return spaced and directly and (following.islower() or following == "(")
    return directly and (following.islower() or spaced)


def line_breaks(text: str, layout: str = "text") -> list[int]:
    """Offsets where a line break starts a new sentence (the next non-space character)."""
    if layout not in LINE_LAYOUTS:
        raise ValueError(f"line layout must be one of {LINE_LAYOUTS}, not {layout!r}")
    breaks: list[int] = []
    for match in _line_break().finditer(text):
        end = match.end()
        if end >= len(text) or match.start() == 0:
            continue
        if _newlines(match.group("rest")) == 0 and _wrapped(text, match, layout):
            continue
        breaks.append(end)
    return breaks


def at_line_start(text: str, offset: int) -> bool:
    """Is `offset` the first non-blank character of a line (the text's start included)?"""
    pos = offset
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos == 0 or text[pos - 1] in "\r\n"

"""Where a sentence break may not fall: inside brackets and quotations, right after list markers.

Both English and the script splitters (Burmese, Chinese, Japanese) use these spans: a break at
offset ``b`` is inside the span ``(start, end)`` when ``start < b <= end``, i.e. after its
opening mark and up to its closing mark. Unmatched marks are ignored, so a stray ")" in "1) The
first item" or an unclosed "(" never blocks the rest of the text, nor does a pair of them
more than MAX_PROTECTED characters apart.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from l10nflow.segment.sentence_lines import at_line_start

BRACKET_PAIRS = {"(": ")", "[": "]", "{": "}"}
# CJK brackets (title, quotation and corner brackets): never broken inside, in any mode.
CJK_PAIRS = {
    "（": "）",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "｛": "｝",
}
# Quotations whose marks differ at both ends; kept whole only when quotations are kept.
QUOTE_PAIRS = {"“": "”", "«": "»", "‹": "›", "„": "“"}


@cache
def _mark_pattern(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    marks = "".join(sorted({m for pair in pairs for m in pair}))
    return re.compile("[" + re.escape(marks) + "]")


def matched_spans(text: str, pairs: dict[str, str]) -> list[tuple[int, int]]:
    """(opening offset, closing offset) of every matched pair, nesting respected."""
    closers = {close: open_ for open_, close in pairs.items()}
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for match in _mark_pattern(tuple(pairs.items())).finditer(text):
        mark, at = match.group(), match.start()
        if mark in pairs and not (mark in closers and stack and stack[-1][0] == closers[mark]):
            stack.append((mark, at))
        elif mark in closers:
            opener = closers[mark]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == opener:
                    spans.append((stack[depth][1], at))
                    del stack[depth:]
                    break
    return spans


@cache
def _double_quote() -> re.Pattern[str]:
    return re.compile('"')


@cache
def _single_quoted() -> re.Pattern[str]:
    # An opening ' or ‘ after a space or bracket, up to a closing one after a word or mark.
    return re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=\w)[^\n]*?(?<=[\w.,!?;:…])['’](?!\w)")


def straight_quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of "..." pairs and of '...' or ‘...’ used as quotation marks, not apostrophes."""
    spans: list[tuple[int, int]] = []
    if '"' in text:
        doubles = [m.start() for m in _double_quote().finditer(text)]
        spans.extend(zip(doubles[::2], doubles[1::2], strict=False))
    if "'" in text or "‘" in text:
        spans.extend((m.start(), m.end() - 1) for m in _single_quoted().finditer(text))
    return spans


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(opening, closing) offsets of every quotation, curly, guillemet or straight."""
    return matched_spans(text, QUOTE_PAIRS) + straight_quote_spans(text)


@dataclass
class Protected:
    """Sorted spans where no sentence break may fall."""

    starts: list[int]
    ends: list[int]

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> Protected:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return cls([s for s, _ in merged], [e for _, e in merged])

    def covers(self, offset: int) -> bool:
        if not self.starts:
            return False
        index = bisect_left(self.starts, offset) - 1
        return index >= 0 and offset <= self.ends[index]


# A pair of marks this far apart is not a bracket or a quotation but two stray marks (an
# unclosed "(" in one paragraph, a ")" of a list item pages later): left out, so that it
# does not keep a whole run of sentences from being cut (and a run's breaks stay local).
MAX_PROTECTED = 2000


def protected_spans(text: str, keep_quotes: bool, cjk: bool = False) -> Protected:
    """Brackets always; CJK brackets in CJK text; quotations only when they are kept whole;
    none longer than MAX_PROTECTED characters."""
    pairs = dict(BRACKET_PAIRS)
    if cjk or any(ch in text for ch in "（「『《〈【〔［｛"):
        pairs.update(CJK_PAIRS)
    if keep_quotes:
        pairs.update(QUOTE_PAIRS)
    spans = matched_spans(text, pairs)
    if keep_quotes:
        spans.extend(straight_quote_spans(text))
    if len(text) > MAX_PROTECTED:
        spans = [(start, end) for start, end in spans if end - start <= MAX_PROTECTED]
    return Protected.of(spans)


# A list marker: "1.", "1)", "1.)", "(1)", "a.", "a)", "(a)", "iv)", optionally after "•" or "⁃",
# standing after whitespace (or at the start) and before whitespace. Found from its last mark
# (a "." or ")" before whitespace, a fast scan) and read backwards.
_MARK_END = re.compile(r"[.)](?=\s)")
_MARKER = re.compile(
    r"(?<!\S)(?P<bullet>[•⁃‣◦▪-]\s*)?(?P<open>\()?(?P<value>\d{1,2}|[a-z]|[ivx]{2,5})"
    r"(?P<punct>\.\)|\.|\))\Z"
)
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman(numeral: str) -> int:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


@dataclass(frozen=True)
class Marker:
    start: int  # where the item starts (bullet included)
    end: int  # just after the marker and the whitespace behind it
    kinds: tuple[tuple[str, int], ...]  # ("digit"|"letter"|"roman", value) readings
    style: str


def _readings(value: str) -> tuple[tuple[str, int], ...]:
    if value.isdigit():
        return (("digit", int(value)),)
    readings: list[tuple[str, int]] = []
    if len(value) == 1:
        readings.append(("letter", ord(value) - ord("a") + 1))
    if set(value) <= set("ivx"):
        readings.append(("roman", _roman(value)))
    return tuple(readings)


def _markers(text: str) -> list[Marker]:
    found: list[Marker] = []
    for mark in _MARK_END.finditer(text):
        match = _MARKER.search(text, max(0, mark.start() - 9), mark.end())
        if match is None:
            continue
        if match.group("open") and match.group("punct") != ")":
            continue
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        value = match.group("value")
        # "for 1. above, ..." is a reference, not an item: numbered items start with a capital.
        if value.isdigit() and match.group("punct") == "." and text[end : end + 1].islower():
            continue
        style = ("(" if match.group("open") else "") + match.group("punct")
        found.append(Marker(match.start(), end, _readings(value), style))
    return found


def _follows(previous: Marker, marker: Marker) -> bool:
    if previous.style != marker.style or marker.start <= previous.end:
        return False
    return any(
        kind == prev_kind and value == prev_value + 1
        for kind, value in marker.kinds
        for prev_kind, prev_value in previous.kinds
    )


def list_items(text: str, lines: bool = False) -> tuple[list[int], set[int]]:
    """Breaks before the items of inline lists, and offsets where no break may follow a marker.

    A list needs two markers in sequence ("1. … 2. …", "a) … b) …"); a single marker counts only
    at the start of the text ("4. Hotel rooms are ...", "1.) This is ..."), or with `lines` at
    the start of a line.
    """
    markers = _markers(text)
    starts: list[int] = []
    no_break_after: set[int] = set()
    leading = len(text) - len(text.lstrip())
    for index, marker in enumerate(markers):
        in_list = (index > 0 and _follows(markers[index - 1], marker)) or (
            index + 1 < len(markers) and _follows(marker, markers[index + 1])
        )
        alone = marker.start == leading or (lines and at_line_start(text, marker.start))
        if in_list or alone:
            no_break_after.add(marker.end)
            if in_list and marker.start > leading and not _inside_sentence(text, marker.start):
                starts.append(marker.start)
    return starts, no_break_after


def _inside_sentence(text: str, start: int) -> bool:
    """ "relating to: (a) the amount; (b) the quality; and (c) ...": items of a sentence.

    An item after a colon, semicolon or comma, or after "and"/"or", goes on with its sentence;
    after a full stop or with nothing before it ("1. The first item 2. The second item") it is
    a list of its own."""
    before = text[max(0, start - 8) : start].rstrip()  # a short window: no copy of the text
    return before.endswith((":", ";", ",", " and", " or"))

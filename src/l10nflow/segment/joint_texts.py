"""The msgid of a unit cut at joints, from its fragments' msgids, and its translation cut back
into fragment translations (see :mod:`l10nflow.segment.joints`).

A fragment's placeholders are numbered per tag from 1 in its chunk; in the whole unit each
fragment's come after the ones before it. A translation is cut where its placeholders pass
from one fragment's to the next, and each part is numbered again as its fragment: applied in
their chunks, the parts write what the whole translation writes in the whole page. A
translation that puts a placeholder of a later fragment before one of an earlier fragment
cannot be cut so: the page is then processed whole.
"""

from __future__ import annotations

import re

from l10nflow.segment.placeholders import PLACEHOLDER_RE

Counts = dict[str, int]  # placeholders (pairs and empty ones) by tag base


def placeholder_counts(msgid: str) -> Counts:
    """How many placeholders of each tag base ``msgid`` numbers (from 1, in order)."""
    counts: Counts = {}
    for match in PLACEHOLDER_RE.finditer(msgid):
        if not match.group(1):
            counts[match.group(2)] = int(match.group(3))
    return counts


def _renumbered(text: str, offsets: Counts) -> str:
    """``text`` with each placeholder's number raised by its base's offset."""
    if not offsets:
        return text

    def number(match: re.Match[str]) -> str:
        closing, base, digits, empty = match.groups()
        return f"<{closing}{base}{int(digits) + offsets.get(base, 0)}{empty}>"

    return PLACEHOLDER_RE.sub(number, text)


def join_fragments(fragments: list[str]) -> str:
    """The msgid of the unit whose fragments' msgids are ``fragments``, in order."""
    parts: list[str] = []
    offsets: Counts = {}
    for fragment in fragments:
        parts.append(_renumbered(fragment, offsets))
        for base, count in placeholder_counts(fragment).items():
            offsets[base] = offsets.get(base, 0) + count
    return "".join(parts)


class _Ranges:
    """Which fragment a placeholder of the whole unit belongs to, asked in order."""

    def __init__(self, fragments: list[str]) -> None:
        self.counts = [placeholder_counts(fragment) for fragment in fragments]
        self.offsets: list[Counts] = []
        total: Counts = {}
        for counts in self.counts:
            self.offsets.append(dict(total))
            for base, count in counts.items():
                total[base] = total.get(base, 0) + count

    def fragment(self, base: str, number: int, current: int) -> int | None:
        """The fragment of placeholder ``base``+``number``, from ``current`` on (None: it
        is an earlier one's, or no fragment's)."""
        for index in range(current, len(self.counts)):
            start = self.offsets[index].get(base, 0)
            if start < number <= start + self.counts[index].get(base, 0):
                return index
        return None


def split_translation(text: str, fragments: list[str]) -> list[str] | None:
    """``text``, the translation of the unit joined from ``fragments``, cut into one
    translation per fragment, numbered as it is; None if its placeholders are not in
    fragment order or not the unit's (the whole page judges it)."""
    ranges = _Ranges(fragments)
    parts: list[str] = []
    current, position = 0, 0
    pieces: list[str] = []
    for match in PLACEHOLDER_RE.finditer(text):
        closing, base, digits, empty = match.groups()
        index = ranges.fragment(base, int(digits), current)
        if index is None:
            return None
        pieces.append(text[position : match.start()])
        if index != current:
            parts.append("".join(pieces))
            parts += [""] * (index - current - 1)
            pieces, current = [], index
        local = int(digits) - ranges.offsets[index].get(base, 0)
        pieces.append(f"<{closing}{base}{local}{empty}>")
        position = match.end()
    pieces.append(text[position:])
    parts.append("".join(pieces))
    parts += [""] * (len(fragments) - len(parts))
    return parts

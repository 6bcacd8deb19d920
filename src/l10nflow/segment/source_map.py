"""Where the nodes of a page's tree lie in its source text: what :mod:`l10nflow.segment.align`
finds and :mod:`l10nflow.segment.splice` edits by."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lxml import etree

from l10nflow.segment.skeleton import SourceToken, text_offsets


class Unlocatable(Exception):
    """A change whose place in the source text is not known for sure."""


@dataclass(slots=True)
class TextSpan:
    """Where one tree text (an element's ``text`` or ``tail``) lies in the source."""

    source: str
    parts: list[SourceToken]
    # Decoded offsets of the cut points and their source offsets, made on the first need
    # (most texts map one to one and never need them).
    _table: tuple[list[int], list[int]] | None = None

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end

    def one_to_one(self) -> tuple[int, int]:
        """(length, source start) of a text that maps one to one onto its source (see
        :meth:`offset`); (-1, 0) for any other."""
        if len(self.parts) == 1:
            part = self.parts[0]
            if part.decoded is not None and len(part.decoded) == part.end - part.start:
                return part.end - part.start, part.start
        return -1, 0

    def offset(self, decoded: int) -> int | None:
        """The source offset of a cut ``decoded`` characters into the text (None: inside a
        character reference)."""
        parts = self.parts
        if len(parts) == 1:
            # A text whose decoding kept its length maps one to one (a reference or a CR LF
            # is always shorter than its source): no table needed, the common case.
            start, end = parts[0].start, parts[0].end
            decoded_text = parts[0].decoded
            if decoded_text is not None and len(decoded_text) == end - start:
                return start + decoded if 0 <= decoded <= end - start else None
        if self._table is None:
            self._table = self._cut_points()
        keys, raw = self._table
        at = bisect.bisect_left(keys, decoded)
        if at < len(keys) and keys[at] == decoded:
            return raw[at]
        if at == 0 or at >= len(keys):
            return None
        if keys[at] - keys[at - 1] != raw[at] - raw[at - 1]:
            return None  # inside a reference, or across a tag the parser ignored
        return raw[at - 1] + decoded - keys[at - 1]

    def _cut_points(self) -> tuple[list[int], list[int]]:
        keys: list[int] = []
        raw: list[int] = []
        for part in self.parts:
            base = keys[-1] if keys else 0
            for d, r in text_offsets(self.source[part.start : part.end], part.start):
                keys.append(base + d)
                raw.append(r)
        return keys, raw


@dataclass
class SourceMap:
    """Tokens of the source matched to tree nodes; lookups by node."""

    source: str
    start_tags: dict[etree._Element, SourceToken] = field(default_factory=dict)
    end_tags: dict[etree._Element, SourceToken] = field(default_factory=dict)
    # Where an element's content ends: stored for every element whose end tag is not the
    # next token (splice reads it only for an element without an end tag).
    content_end: dict[etree._Element, int] = field(default_factory=dict)
    nodes: dict[etree._Element, SourceToken] = field(default_factory=dict)  # comments, PIs
    # A tree text located in the source: its one source text (most), or the span of several.
    texts: dict[etree._Element, SourceToken | TextSpan] = field(default_factory=dict)  # .text
    tails: dict[etree._Element, SourceToken | TextSpan] = field(default_factory=dict)  # .tail

    def text_span(self, owner: etree._Element, tail: bool) -> TextSpan | None:
        found = (self.tails if tail else self.texts).get(owner)
        if found is None or type(found) is TextSpan:
            return found
        return TextSpan(self.source, [found])  # type: ignore[list-item]

    def one_to_one(self, owner: etree._Element, tail: bool) -> tuple[int, int]:
        """:meth:`TextSpan.one_to_one` of a located text; (-1, 0) for one not located too."""
        found = (self.tails if tail else self.texts).get(owner)
        if type(found) is SourceToken:
            decoded = found.decoded
            if decoded is not None and len(decoded) == found.end - found.start:
                return found.end - found.start, found.start
            return -1, 0
        return (-1, 0) if found is None else found.one_to_one()  # type: ignore[union-attr]

"""Walk the texts of a run in the source: each text after a node, taken in order and
located through the :class:`~l10nflow.segment.source_map.SourceMap` (see
:mod:`l10nflow.segment.splice`, which edits what it locates)."""

from __future__ import annotations

from lxml import etree

from l10nflow.segment.placeholders import Close, Invisible, Open, Text, Token
from l10nflow.segment.skeleton import SourceToken
from l10nflow.segment.source_map import SourceMap, TextSpan, Unlocatable

_NO_SPAN = (0, 0)


class TextCursor:
    """Walks the texts of a run: the text after each node, taken in order, located."""

    __slots__ = ("base", "limit", "map", "offset", "owner", "span", "tail")

    def __init__(self, source_map: SourceMap) -> None:
        self.map = source_map
        self.span: TextSpan | None = None  # a text that does not map one to one
        self.offset = 0  # characters of the current text taken so far
        # >= 0: the text maps one to one onto source[base:base+limit]; -1: it does not (see
        # span); -2: not looked up yet (at the first text taken).
        self.limit = -2
        self.base = 0
        self.owner: etree._Element | None = None
        self.tail = False

    def move(self, owner: etree._Element, tail: bool) -> None:
        self.owner, self.tail, self.span, self.offset, self.limit = owner, tail, None, 0, -2

    def check(self, tokens: list[Token]) -> None:
        """Walk past ``tokens`` (the middle of a unit): every text must be located and every
        element have its start tag, as :meth:`take` and :meth:`SourceEdits._node_span`
        would find, without their offsets. The cursor is kept in locals and texts mapped
        one to one are looked up inline: a unit may hold 100,000s of tokens."""
        found = self.map
        start_tags, nodes, texts, tails = found.start_tags, found.nodes, found.texts, found.tails
        owner, tail, offset, limit = self.owner, self.tail, self.offset, self.limit
        for token in tokens:
            kind = type(token)
            if kind is Text:
                length = len(token.text)  # type: ignore[union-attr]
                if limit == -2:  # the first text after a node: one source text, mostly
                    part = (tails if tail else texts).get(owner)  # type: ignore[arg-type]
                    decoded = part.decoded if type(part) is SourceToken else None
                    if decoded is not None and len(decoded) == part.end - part.start:  # type: ignore[union-attr]
                        limit, self.base = part.end - part.start, part.start  # type: ignore[union-attr]
                if limit >= 0 and offset + length <= limit:
                    offset += length
                    continue
                self._sync(owner, tail, offset, limit)
                self.take(length, False)  # any other text, or the error it makes
                offset, limit = self.offset, self.limit
                continue
            if kind is Close:
                owner, tail = token.element, True  # type: ignore[union-attr]
            elif kind is Invisible:
                if token.node not in nodes:  # type: ignore[union-attr]
                    raise Unlocatable("a comment the parser moved")
                owner, tail = token.node, True  # type: ignore[union-attr]
            else:
                owner = token.element  # type: ignore[union-attr]
                if owner not in start_tags:
                    raise Unlocatable(f"<{owner.tag!s}> was added by the parser")
                tail = kind is not Open
            offset, limit = 0, -2
        self._sync(owner, tail, offset, limit)

    def _sync(self, owner: etree._Element | None, tail: bool, offset: int, limit: int) -> None:
        """The cursor as :meth:`check` left it (a text not looked up yet has no span)."""
        self.owner, self.tail, self.offset, self.limit = owner, tail, offset, limit
        if limit == -2:
            self.span = None

    def take(self, length: int, edge: bool) -> tuple[int, int]:
        """The source offsets of the next ``length`` characters (checked either way; only
        returned where ``edge``)."""
        if self.limit == -2:
            assert self.owner is not None
            self.limit, self.base = self.map.one_to_one(self.owner, self.tail)
            if self.limit < 0:
                self.span = self.map.text_span(self.owner, self.tail)
                if self.span is None:
                    raise Unlocatable("text the parser changed (repaired markup or references)")
        offset = self.offset
        self.offset = offset + length
        if self.limit >= 0:
            if offset < 0 or offset + length > self.limit:
                raise Unlocatable("a cut inside a character reference")
            return (self.base + offset, self.base + offset + length) if edge else _NO_SPAN
        span = self.span
        assert span is not None
        start, end = span.offset(offset), span.offset(offset + length)
        if start is None or end is None:
            raise Unlocatable("a cut inside a character reference")
        return start, end


def move_past(cursor: TextCursor, token: Token) -> None:
    """The text after ``token`` is its element's text (after a start tag) or its tail."""
    if type(token) is Open:
        cursor.move(token.element, False)
    elif type(token) is Invisible:
        cursor.move(token.node, True)
    else:
        cursor.move(token.element, True)  # type: ignore[union-attr]

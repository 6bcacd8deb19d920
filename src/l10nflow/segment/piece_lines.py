"""The line of a piece: an element's own line, or its run's base line and the newlines of the
texts before it (libxml2 gives elements their lines, not texts)."""

from __future__ import annotations

from lxml import etree

from l10nflow.segment.placeholders import Atom, Empty, Open, Text, Token

HTML_SPACE = " \t\n\r\f"


def line_of(tokens: list[Token], base: int) -> int:
    """The line of a piece whose tokens start on line ``base`` (as counted from its run's)."""
    newlines_before, element = _line_start(tokens)
    return (0 if element is None else element.sourceline or 0) or base + newlines_before


def line_from_base(tokens: list[Token]) -> bool:
    """Whether a piece's line is counted from its run's base line (it starts with text), not
    an element's own."""
    element = _line_start(tokens)[1]
    return element is None or not element.sourceline


def _line_start(tokens: list[Token]) -> tuple[int, etree._Element | None]:
    """Newlines before the first text with content, or before the first element (then that
    element: its line is the piece's)."""
    count = 0
    for token in tokens:
        kind = type(token)
        if kind is Text:
            text: str = token.text  # type: ignore[union-attr]
            if text.strip(HTML_SPACE):
                return count + text[: len(text) - len(text.lstrip())].count("\n"), None
            count += text.count("\n")
        elif kind is Open or kind is Empty or kind is Atom:
            return count, token.element  # type: ignore[union-attr]
    return count, None


def newlines(tokens: list[Token]) -> int:
    """The newlines of a piece's texts (what the next piece's line counts from)."""
    return sum(token.text.count("\n") for token in tokens if type(token) is Text)

"""Cut a run's tokens into pieces: sentences (or the whole run), each with the whitespace and
wrapping inline elements at its edges kept outside the unit (``prefix + inner + suffix``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from l10nflow.segment.placeholders import (
    Atom,
    Close,
    Empty,
    Invisible,
    Open,
    Text,
    Token,
    atom_text,
    name_tokens,
    render,
)

SentenceBreaker = Callable[[str], list[int]]
HTML_SPACE = " \t\n\r\f"


@dataclass(slots=True)
class Piece:
    prefix: list[Token]
    inner: list[Token]
    suffix: list[Token]
    msgid: str | None  # None: nothing to translate (no letters)
    line: int

    @property
    def tokens(self) -> list[Token]:
        return self.prefix + self.inner + self.suffix


def _plain_text(tokens: list[Token]) -> tuple[str, bytearray]:
    """The run's text and, for each gap between characters, whether a sentence may break
    there (0) or not (1): a gap inside an inline element or a protected element cannot be
    a break. One byte per character: a run may hold a whole 20 MB page.
    """
    parts: list[str] = []
    gaps = bytearray(1)
    depth = 0
    for token in tokens:
        if isinstance(token, Text | Atom):
            text = token.text if isinstance(token, Text) else atom_text(token.element)
            inner = b"\x01" if depth or isinstance(token, Atom) else b"\x00"
            parts.append(text)
            if depth == 0:
                gaps[-1] = 0
            gaps += inner * len(text)
            if text:
                gaps[-1] = 1 if depth else 0
        elif isinstance(token, Open):
            depth += 1
        elif isinstance(token, Close):
            depth -= 1
            if depth == 0:
                gaps[-1] = 0
    return "".join(parts), gaps


def split_tokens(tokens: list[Token], breaks: list[int]) -> list[list[Token]]:
    """Cut a token list at the given plain-text offsets (only where nesting depth is 0)."""
    pieces: list[list[Token]] = []
    current: list[Token] = []
    offset = depth = position = 0
    for token in tokens:
        while position < len(breaks) and breaks[position] < offset:
            position += 1
        if isinstance(token, Text):
            text = token.text
            cut = 0
            while depth == 0 and position < len(breaks) and breaks[position] < offset + len(text):
                at = breaks[position] - offset
                if at > cut or (at == cut and current):
                    if at > cut:
                        current.append(Text(text[cut:at]))
                    pieces.append(current)
                    current = []
                    cut = at
                position += 1
            if cut < len(text):
                current.append(Text(text[cut:]))
            offset += len(text)
            continue
        at_break = depth == 0 and position < len(breaks) and breaks[position] == offset
        if at_break and current and isinstance(token, Open | Atom | Empty):
            pieces.append(current)
            current = []
            position += 1
        current.append(token)
        if isinstance(token, Open):
            depth += 1
        elif isinstance(token, Close):
            depth -= 1
        elif isinstance(token, Atom):
            offset += len(atom_text(token.element))
    if current:
        pieces.append(current)
    return pieces


def _trim(tokens: list[Token]) -> tuple[list[Token], list[Token], list[Token]]:
    """Move edge whitespace, invisible nodes and whole-piece wrappers out of the unit."""
    prefix: list[Token] = []
    suffix: list[Token] = []
    inner = list(tokens)
    while True:
        while inner and _is_edge_filler(inner[0]):
            prefix.append(inner.pop(0))
        while inner and _is_edge_filler(inner[-1]):
            suffix.insert(0, inner.pop())
        if inner and isinstance(inner[0], Text):
            text = inner[0].text
            stripped = text.lstrip(HTML_SPACE)
            if stripped != text:
                prefix.append(Text(text[: len(text) - len(stripped)]))
                inner[0] = Text(stripped)
        if inner and isinstance(inner[-1], Text):
            text = inner[-1].text
            stripped = text.rstrip(HTML_SPACE)
            if stripped != text:
                suffix.insert(0, Text(text[len(stripped) :]))
                inner[-1] = Text(stripped)
        first, last = (inner[0], inner[-1]) if len(inner) >= 2 else (None, None)
        if (
            isinstance(first, Open)
            and isinstance(last, Close)
            and first.element is last.element
            and _closes_last(inner)
        ):
            prefix.append(inner.pop(0))
            suffix.insert(0, inner.pop())
            continue
        return prefix, inner, suffix


def _is_edge_filler(token: Token) -> bool:
    """Whitespace, comments and line breaks at a unit's edge stay outside it."""
    if isinstance(token, Invisible):
        return True
    if isinstance(token, Empty):
        return token.element.tag in ("br", "wbr")
    return isinstance(token, Text) and not token.text.strip(HTML_SPACE)


def _closes_last(inner: list[Token]) -> bool:
    """The first token's element is closed by the last token (it wraps everything)."""
    depth = 0
    for i, token in enumerate(inner):
        if isinstance(token, Open):
            depth += 1
        elif isinstance(token, Close):
            depth -= 1
            if depth == 0:
                return i == len(inner) - 1
    return False


def _has_letters(tokens: list[Token]) -> bool:
    return any(isinstance(t, Text) and any(ch.isalpha() for ch in t.text) for t in tokens)


def _line_of(tokens: list[Token], base: int) -> int:
    line = base
    for token in tokens:
        if isinstance(token, Text):
            if token.text.strip(HTML_SPACE):
                return line + token.text[: len(token.text) - len(token.text.lstrip())].count("\n")
            line += token.text.count("\n")
        elif isinstance(token, Open | Empty | Atom):
            return token.element.sourceline or line
    return line


def make_pieces(
    tokens: list[Token], breaker: SentenceBreaker | None, preserve: bool, base_line: int
) -> list[Piece]:
    if breaker is not None:
        text, gaps = _plain_text(tokens)
        breaks = [b for b in breaker(text) if 0 < b < len(text) and gaps[b] == 0]
        groups = split_tokens(tokens, breaks) if breaks else [tokens]
    else:
        groups = [tokens]
    pieces: list[Piece] = []
    line = base_line
    for group in groups:
        if preserve:
            prefix: list[Token] = []
            suffix: list[Token] = []
            inner = name_tokens(group)
        else:
            prefix, inner, suffix = _trim(group)
            inner = name_tokens(inner)
        msgid = render(inner, preserve) if _has_letters(inner) else None
        pieces.append(Piece(prefix, inner, suffix, msgid, _line_of(group, line)))
        line += sum(t.text.count("\n") for t in group if isinstance(t, Text))
    return pieces

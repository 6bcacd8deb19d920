"""Cut a run's tokens into pieces: sentences (or the whole run), each with the whitespace and
wrapping inline elements at its edges kept outside the unit (``prefix + inner + suffix``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from l10nflow.segment.piece_lines import HTML_SPACE, line_of, newlines
from l10nflow.segment.placeholders import (
    BOTH_EDGES,
    Atom,
    Close,
    Edges,
    Empty,
    Invisible,
    Open,
    Text,
    Token,
    atom_text,
    collapse,
    escape_text,
    name_in_place,
    placeholder_base,
    render,
    strip_edges,
)

SentenceBreaker = Callable[[str], list[int]]


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


def run_text(tokens: list[Token]) -> str:
    """The run's plain text: its texts and its protected elements' texts."""
    parts: list[str] = []
    for token in tokens:
        kind = type(token)
        if kind is Text:
            parts.append(token.text)  # type: ignore[union-attr]
        elif kind is Atom:
            parts.append(atom_text(token.element))  # type: ignore[union-attr]
    return "".join(parts)


def _break_gaps(tokens: list[Token]) -> bytearray:
    """For each gap between characters of :func:`run_text`, whether a sentence may break
    there (0) or not (1): a gap inside an inline element or a protected element cannot be
    a break. One byte per character: a run may hold a whole 20 MB page.
    """
    gaps = bytearray(1)
    depth = 0
    for token in tokens:
        kind = type(token)
        if kind is Text or kind is Atom:
            text = token.text if kind is Text else atom_text(token.element)  # type: ignore[union-attr]
            inner = b"\x01" if depth or kind is Atom else b"\x00"
            if depth == 0:
                gaps[-1] = 0
            gaps += inner * len(text)
            if text:
                gaps[-1] = 1 if depth else 0
        elif kind is Open:
            depth += 1
        elif kind is Close:
            depth -= 1
            if depth == 0:
                gaps[-1] = 0
    return gaps


def split_tokens(tokens: list[Token], breaks: list[int]) -> list[list[Token]]:
    """Cut a token list at the given plain-text offsets (only where nesting depth is 0)."""
    pieces: list[list[Token]] = []
    current: list[Token] = []
    offset = depth = position = 0
    count = len(breaks)
    for token in tokens:
        while position < count and breaks[position] < offset:
            position += 1
        kind = type(token)
        if kind is Text:
            text: str = token.text  # type: ignore[union-attr]
            cut = 0
            while depth == 0 and position < count and breaks[position] < offset + len(text):
                at = breaks[position] - offset
                if at > cut or (at == cut and current):
                    if at > cut:
                        current.append(Text(text[cut:at]))
                    pieces.append(current)
                    current = []
                    cut = at
                position += 1
            if cut < len(text):  # a text not cut is kept as it is (tokens never change)
                current.append(token if cut == 0 else Text(text[cut:]))
            offset += len(text)
            continue
        if (
            current
            and depth == 0
            and position < count
            and breaks[position] == offset
            and (kind is Open or kind is Atom or kind is Empty)
        ):
            pieces.append(current)
            current = []
            position += 1
        current.append(token)
        if kind is Open:
            depth += 1
        elif kind is Close:
            depth -= 1
        elif kind is Atom:
            offset += len(atom_text(token.element))  # type: ignore[union-attr]
    if current:
        pieces.append(current)
    return pieces


def trim_piece(
    tokens: list[Token], edges: Edges = BOTH_EDGES
) -> tuple[list[Token], list[Token], list[Token]]:
    """Move edge whitespace, invisible nodes and whole-piece wrappers out of the unit, on the
    ``edges`` that are the unit's own (a unit cut at a joint goes on past the other, and
    has no wrapper: see :mod:`l10nflow.segment.joints`)."""
    left, right = edges
    prefix: list[Token] = []
    suffix: list[Token] = []
    inner = tokens
    while True:
        start = _first_kept(inner) if left else 0
        end = _last_kept(inner, start) + 1 if right else len(inner)
        if start or end < len(inner):
            prefix += inner[:start]
            suffix[:0] = inner[end:]
            inner = inner[start:end]
        else:
            inner = list(inner)  # edited below; the caller's list stays as it is
        if not inner:
            return prefix, inner, suffix
        first = inner[0]
        if left and type(first) is Text:
            text = first.text
            stripped = text.lstrip(HTML_SPACE)
            if stripped != text:
                prefix.append(Text(text[: len(text) - len(stripped)]))
                inner[0] = Text(stripped)
        last = inner[-1]
        if right and type(last) is Text:
            text = last.text
            stripped = text.rstrip(HTML_SPACE)
            if stripped != text:
                suffix.insert(0, Text(text[len(stripped) :]))
                inner[-1] = Text(stripped)
        if (
            left
            and right
            and len(inner) >= 2
            and type(first) is Open
            and type(last) is Close
            and first.element is last.element
            and _closes_last(inner)
        ):
            prefix.append(inner[0])
            suffix.insert(0, inner[-1])
            inner = inner[1:-1]
            continue
        return prefix, inner, suffix


def _first_kept(tokens: list[Token]) -> int:
    """The index of the first token that is not edge filler (see :func:`_is_edge_filler`)."""
    for index, token in enumerate(tokens):
        if type(token) is Text:
            if token.text.strip(HTML_SPACE):
                return index
        elif type(token) is not Invisible and not (
            type(token) is Empty and token.element.tag in ("br", "wbr")
        ):
            return index
    return len(tokens)


def _last_kept(tokens: list[Token], start: int) -> int:
    """The index of the last token at or after ``start`` that is not edge filler."""
    index = len(tokens) - 1
    while index >= start and _is_edge_filler(tokens[index]):
        index -= 1
    return index


def _is_edge_filler(token: Token) -> bool:
    """Whitespace, comments and line breaks at a unit's edge stay outside it."""
    if type(token) is Text:
        return not token.text.strip(HTML_SPACE)
    if type(token) is Invisible:
        return True
    if type(token) is Empty:
        return token.element.tag in ("br", "wbr")
    return False


def _closes_last(inner: list[Token]) -> bool:
    """The first token's element is closed by the last token (it wraps everything)."""
    depth = 0
    for i, token in enumerate(inner):
        kind = type(token)
        if kind is Open:
            depth += 1
        elif kind is Close:
            depth -= 1
            if depth == 0:
                return i == len(inner) - 1
    return False


def has_letters(tokens: list[Token]) -> bool:
    # Text by text: a unit of a big page has 100,000s of texts, and a letter in the first.
    return any(type(t) is Text and any(map(str.isalpha, t.text)) for t in tokens)


# Stands for "<" in the placeholders of a unit being rendered (see unit_msgid): no text of
# a tree holds it (lxml refuses control characters), so escaping passes it by.
_MARK = "\x01"


def unit_msgid(tokens: list[Token], preserve: bool, edges: Edges = BOTH_EDGES) -> str:
    """Name a unit's element tokens in place (:func:`~l10nflow.segment.placeholders.
    name_in_place`) and :func:`~l10nflow.segment.placeholders.render` its msgid, in one pass
    with every text collapsed and escaped at once (a unit of a big page may hold 100,000s of
    texts and placeholders). The tokens must be fresh (a walk's). Units with protected
    elements, comments, two texts in a row or unbalanced pairs are named and rendered as
    usual. ``edges``: see :func:`~l10nflow.segment.placeholders.strip_edges`."""
    if len(tokens) < 4:
        return _named_render(tokens, preserve, edges)
    parts: list[str] = []
    append = parts.append
    previous: type | None = None
    texts = 0
    counters: dict[str, int] = {}
    bases: dict[object, str] = {}  # placeholder_base of each tag
    opened: list[Open] = []  # the pairs open, innermost last: a Close takes its Open's name
    for token in tokens:
        kind = type(token)
        if kind is Text:
            if previous is Text:  # escaped together: see render
                return _named_render(tokens, preserve, edges)
            append(token.text)  # type: ignore[union-attr]
            texts += 1
        elif kind is Open or kind is Empty:
            tag = token.element.tag  # type: ignore[union-attr]
            base = bases.get(tag) or bases.setdefault(tag, placeholder_base(str(tag)))
            number = counters[base] = counters.get(base, 0) + 1
            name = token.name = f"{base}{number}"  # type: ignore[union-attr]
            if kind is Open:
                opened.append(token)  # type: ignore[arg-type]
                append(f"{_MARK}{name}>")
            else:
                append(f"{_MARK}{name}/>")
        elif kind is Close:
            if not opened or opened[-1].element is not token.element:  # type: ignore[union-attr]
                return _named_render(tokens, preserve, edges)
            name = token.name = opened.pop().name  # type: ignore[union-attr]
            append(f"{_MARK}/{name}>")
        else:
            return _named_render(tokens, preserve, edges)
        previous = kind
    marked = "".join(parts)
    if opened or marked.count(_MARK) != len(parts) - texts:
        return _named_render(tokens, preserve, edges)
    # Whitespace and markup never run across a placeholder: one pass does what one pass
    # per text would.
    text = escape_text(marked if preserve else collapse(marked)).replace(_MARK, "<")
    return text if preserve else strip_edges(text, edges)


def _named_render(tokens: list[Token], preserve: bool, edges: Edges) -> str:
    name_in_place(tokens)
    return render(tokens, preserve, edges)


def make_pieces(
    tokens: list[Token], breaker: SentenceBreaker | None, preserve: bool, base_line: int
) -> list[Piece]:
    """The pieces of a run's tokens. The tokens must be fresh (a walk's): the units' element
    tokens are named in place, not copied."""
    groups = [tokens]
    if breaker is not None:
        text = run_text(tokens)
        breaks = [b for b in breaker(text) if 0 < b < len(text)]
        if breaks:  # most runs are one sentence: their gaps are never looked at
            gaps = _break_gaps(tokens)
            breaks = [b for b in breaks if gaps[b] == 0]
            if breaks:
                groups = split_tokens(tokens, breaks)
    return _pieces(groups, preserve, base_line)


def text_pieces(token: Text, breaker: SentenceBreaker | None, base_line: int) -> list[Piece]:
    """:func:`make_pieces` of a run that is one text, white space not preserved (most runs:
    ``<li>Item</li>``, ``<td>Cell</td>``): every gap of a lone text may be a break."""
    breaks = breaker(token.text) if breaker is not None else None
    if breaks:
        text = token.text
        breaks = [b for b in breaks if 0 < b < len(text)]
        if breaks:
            return _pieces(split_tokens([token], breaks), False, base_line)
    return [_text_piece(token, base_line)]


def _pieces(groups: list[list[Token]], preserve: bool, base_line: int) -> list[Piece]:
    pieces: list[Piece] = []
    line = base_line
    last = len(groups) - 1
    for number, group in enumerate(groups):
        size = len(group)
        if preserve or size % 2 == 0:
            pieces.append(_piece(group, preserve, line))
        elif size == 1 and type(group[0]) is Text:
            pieces.append(_text_piece(group[0], line))  # a piece that is one text
        else:
            pieces.append(_wrapped_text_piece(group, line) or _piece(group, preserve, line))
        if number < last:
            line += newlines(group)
    return pieces


def _piece(group: list[Token], preserve: bool, line: int) -> Piece:
    if preserve:
        prefix: list[Token] = []
        suffix: list[Token] = []
        inner = group
    else:
        prefix, inner, suffix = trim_piece(group)
    msgid: str | None = unit_msgid(inner, preserve)  # (which names the tokens: all need names)
    if not has_letters(inner):
        msgid = None
    return Piece(prefix, inner, suffix, msgid, line_of(group, line))


def _text_piece(token: Text, line: int) -> Piece:
    """:func:`_piece` of a group that is one text, white space not preserved: what
    :func:`trim_piece`, :func:`unit_msgid` and :func:`~l10nflow.segment.piece_lines.line_of` make
    of it, in fewer steps."""
    text = token.text
    start = text.lstrip(HTML_SPACE)
    core = start.rstrip(HTML_SPACE)
    if not core:
        return Piece([token], [], [], None, line + text.count("\n"))
    prefix: list[Token] = []
    suffix: list[Token] = []
    inner: list[Token] = [token]
    if len(core) != len(text):
        if len(start) != len(text):
            prefix.append(Text(text[: len(text) - len(start)]))
        if len(core) != len(start):
            suffix.append(Text(start[len(core) :]))
        inner = [Text(core)]
    if text[0].isspace():  # any white space, as line_of counts (not only HTML's)
        line += text[: len(text) - len(text.lstrip())].count("\n")
    msgid = escape_text(collapse(core)).strip(" ") if any(map(str.isalpha, core)) else None
    return Piece(prefix, inner, suffix, msgid, line)


def _wrapped_text_piece(group: list[Token], line: int) -> Piece | None:
    """:func:`_piece` of a group that is one text inside inline elements that wrap it whole
    (``<a1>Story</a1>``, ``<b1><i1>Note</i1></b1>``), white space not preserved; None for
    any other group. :func:`trim_piece` moves the wrappers out of the unit, and the piece's line
    is the first element's."""
    depth = len(group) // 2
    middle = group[depth]
    if type(middle) is not Text:
        return None
    for index in range(depth):
        first, last = group[index], group[-1 - index]
        if type(first) is not Open or type(last) is not Close or first.element is not last.element:
            return None
    piece = _text_piece(middle, line)
    piece.prefix[:0] = group[:depth]
    piece.suffix += group[depth + 1 :]
    piece.line = group[0].element.sourceline or line  # type: ignore[union-attr]
    return piece

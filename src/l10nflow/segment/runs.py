"""Walk an HTML tree and cut it into translatable pieces.

A *run* is a stretch of inline content (text and inline elements) directly inside a block
container; runs are separated by block children. A run is split into *pieces* (sentences, or
the whole run in paragraph mode); a piece with letters is a translation unit. Extraction and
rebuild both use this walk, so they always agree on what a unit is.

Each piece keeps its source tokens as ``prefix + inner + suffix``: whitespace at the edges and
inline elements that wrap the whole piece (``<li><a href>Story</a></li>``) stay outside the
unit, so the msgid is just ``Story``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lxml import etree

from l10nflow.segment import its
from l10nflow.segment.htmlio import deep_tree_safe
from l10nflow.segment.placeholders import (
    Atom,
    Close,
    Empty,
    Invisible,
    Open,
    Text,
    Token,
    atom_text,
    collapse,
    name_tokens,
    render,
    strip_controls,
)
from l10nflow.segment.policy import (
    CANDIDATE_ATTRIBUTES,
    INLINE_ELEMENTS,
    OPAQUE_ELEMENTS,
    PRESERVE_SPACE_ELEMENTS,
    SKIPPED_ELEMENTS,
    VOID_INLINE_ELEMENTS,
    is_translatable_attribute,
)

SentenceBreaker = Callable[[str], list[int]]
_HTML_SPACE = " \t\n\r\f"


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


@dataclass(slots=True)
class Run:
    container: etree._Element
    lead_owner: etree._Element | None  # block child whose tail starts the run; None: .text
    children: list[etree._Element]
    pieces: list[Piece]
    comment: str
    translatable: bool


@dataclass(slots=True)
class AttributeSlot:
    element: etree._Element
    attribute: str
    msgid: str
    line: int
    comment: str


Slot = Run | AttributeSlot


class SlotSink(Protocol):
    """Where a walk puts its slots, in document order (a list, or a consumer)."""

    def append(self, slot: Slot, /) -> None: ...

    def extend(self, slots: Iterable[Slot], /) -> None: ...


@dataclass
class Walker:
    """One pass over a document; ``slots`` receives runs and attributes in document order."""

    rules: its.ItsRules
    breaker: SentenceBreaker | None  # None: paragraph mode
    slots: SlotSink
    _block_cache: dict[etree._Element, bool] = field(default_factory=dict)

    # -- translate / inline decisions ------------------------------------------------------

    def element_translate(self, element: etree._Element, inherited: bool) -> bool:
        local = its.local_translate(element)
        if local is not None:
            return local
        return self.rules.element_translate.get(element, inherited)

    def is_inline(self, node: etree._Element) -> bool:
        if not isinstance(node.tag, str):
            return True  # comments and processing instructions travel with the text
        within = (node.get("its-within-text") or "").lower() or self.rules.within_text.get(node)
        if within == "yes":
            return True
        if within in ("no", "nested"):
            return False
        if node.tag in OPAQUE_ELEMENTS:
            return True
        return node.tag in INLINE_ELEMENTS and not self._contains_block(node)

    def _contains_block(self, node: etree._Element) -> bool:
        """``<a href><div>…</div></a>`` is a container, not an inline element; an icon
        ``<svg>`` or a ``<picture>`` inside a link is not a block."""
        cached = self._block_cache.get(node)
        if cached is None:
            cached = False
            for child in node:
                tag = child.tag
                if not isinstance(tag, str) or tag in OPAQUE_ELEMENTS:
                    continue
                if tag not in INLINE_ELEMENTS or self._contains_block(child):
                    cached = True
                    break
            self._block_cache[node] = cached
        return cached

    # -- attributes ---------------------------------------------------------------------

    def attributes(
        self, element: etree._Element, translate: bool, into: list[Slot] | None = None
    ) -> None:
        attrib = element.attrib
        if not attrib:
            return
        # Only names that can be translatable by default, or that a global rule selected:
        # most attributes of real pages (class, href, data-*) are never looked at.
        names = [n for n in CANDIDATE_ATTRIBUTES if n in attrib]
        names += self.rules.attributes_of.get(element, [])
        if not names:
            return
        out: SlotSink = self.slots if into is None else into
        tag = str(element.tag)
        local = its.local_translate(element)
        plain = {str(k): str(v) for k, v in attrib.items()}
        for name in dict.fromkeys(n for n in plain if n in names):  # document order, once
            value = plain[name]
            rule = self.rules.attribute_translate.get((element, name))
            default = is_translatable_attribute(tag, name, plain)
            if local is not None:
                wanted = local and (default or rule is True)
            elif rule is not None:
                wanted = rule
            else:
                wanted = default and translate
            text = collapse(strip_controls(value)).strip(" ")
            if wanted and any(ch.isalpha() for ch in text):
                comment = f"{tag}@{name}"
                if tag == "meta":
                    key = "name" if element.get("name") else "property"
                    comment = f"meta[{key}={element.get(key)}]@{name}"
                out.append(AttributeSlot(element, name, text, element.sourceline or 0, comment))

    # -- the walk -------------------------------------------------------------------------

    def visit(self, element: etree._Element, inherited: bool) -> None:
        tag = element.tag
        if not isinstance(tag, str):
            return
        translate = self.element_translate(element, inherited)
        if tag == "head":
            for child in element:
                if child.tag == "title":
                    self.visit(child, translate)
                elif child.tag == "meta":
                    self.attributes(child, self.element_translate(child, translate))
            return
        self.attributes(element, translate)
        if tag in SKIPPED_ELEMENTS:
            return
        children = list(element)
        lead_owner: etree._Element | None = None
        index = 0
        while True:
            run_children: list[etree._Element] = []
            while index < len(children) and self.is_inline(children[index]):
                run_children.append(children[index])
                index += 1
            self.run(element, lead_owner, run_children, translate)
            if index >= len(children):
                break
            block = children[index]
            self.visit(block, translate)
            lead_owner = block
            index += 1

    def run(
        self,
        container: etree._Element,
        lead_owner: etree._Element | None,
        children: list[etree._Element],
        translate: bool,
    ) -> None:
        lead = container.text if lead_owner is None else lead_owner.tail
        if not children and not (lead and lead.strip(_HTML_SPACE)):
            return
        pending: list[Slot] = []
        tokens: list[Token] = []
        if lead:
            tokens.append(Text(lead))
        for child in children:
            self.tokenize(child, translate, tokens, pending)
            if child.tail:
                tokens.append(Text(child.tail))
        tag = str(container.tag)
        preserve = tag in PRESERVE_SPACE_ELEMENTS
        base_line = _base_line(container, lead_owner)
        if translate:
            breaker = None if preserve else self.breaker
            pieces = make_pieces(tokens, breaker, preserve, base_line)
        else:
            pieces = [Piece([], tokens, [], None, base_line)]
        self.slots.append(Run(container, lead_owner, children, pieces, tag, translate))
        self.slots.extend(pending)

    def tokenize(
        self, node: etree._Element, translate: bool, out: list[Token], pending: list[Slot]
    ) -> None:
        if not isinstance(node.tag, str):
            out.append(Invisible(node))
            return
        state = self.element_translate(node, translate)
        if node.tag in OPAQUE_ELEMENTS:
            for descendant in node.iter():  # e.g. <picture><img alt>: the alt is a unit
                if isinstance(descendant.tag, str):
                    self.attributes(descendant, state, into=pending)
            out.append(Atom(node))
            return
        if translate and not state:
            # translate="yes" inside it makes that part a unit of its own.
            self._visit_translatable_within(node)
            out.append(Atom(node))
            return
        if not translate and state:
            # translate="yes" inside untranslatable text: its content is a unit of its own.
            self.visit(node, False)
            out.append(Atom(node))
            return
        self.attributes(node, state, into=pending)
        if node.tag in VOID_INLINE_ELEMENTS or (not node.text and len(node) == 0):
            out.append(Empty(node))
            return
        out.append(Open(node))
        if node.text:
            out.append(Text(node.text))
        for child in node:
            self.tokenize(child, state, out, pending)
            if child.tail:
                out.append(Text(child.tail))
        out.append(Close(node))

    def _visit_translatable_within(self, node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if self.element_translate(child, False):
                self.visit(child, False)
            else:
                self._visit_translatable_within(child)


def _base_line(container: etree._Element, lead_owner: etree._Element | None) -> int:
    if lead_owner is None:
        return container.sourceline or 0
    text = "".join(str(t) for t in lead_owner.itertext())
    return (lead_owner.sourceline or 0) + text.count("\n")


@deep_tree_safe
def walk(root: etree._Element, path: Path | None, breaker: SentenceBreaker | None) -> list[Slot]:
    """Every run and translatable attribute of a document, in document order."""
    slots: list[Slot] = []
    walk_into(slots, root, path, breaker)
    return slots


@deep_tree_safe
def walk_into(
    sink: SlotSink, root: etree._Element, path: Path | None, breaker: SentenceBreaker | None
) -> None:
    """Hand every run and translatable attribute to ``sink`` as soon as it is made (a caller
    that only needs the units need not keep every run's tokens to the end)."""
    walker = Walker(its.apply_rules(root, path), breaker, sink)
    walker.visit(root, True)


# -- pieces -------------------------------------------------------------------------------


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
            stripped = text.lstrip(_HTML_SPACE)
            if stripped != text:
                prefix.append(Text(text[: len(text) - len(stripped)]))
                inner[0] = Text(stripped)
        if inner and isinstance(inner[-1], Text):
            text = inner[-1].text
            stripped = text.rstrip(_HTML_SPACE)
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
    return isinstance(token, Text) and not token.text.strip(_HTML_SPACE)


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
            if token.text.strip(_HTML_SPACE):
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

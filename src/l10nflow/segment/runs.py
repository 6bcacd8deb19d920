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

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lxml import etree

from l10nflow.segment import its
from l10nflow.segment.htmlio import deep_tree_safe
from l10nflow.segment.piece_lines import HTML_SPACE
from l10nflow.segment.pieces import Piece, SentenceBreaker, make_pieces, text_pieces
from l10nflow.segment.placeholders import (
    Atom,
    Close,
    Empty,
    Invisible,
    Open,
    Text,
    Token,
    collapse,
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


# Attribute names a walk looks at without a global rule (as a set: one lookup per name).
_CANDIDATES = frozenset(CANDIDATE_ATTRIBUTES)
# Inline elements that are not opaque: looked into, each a placeholder pair or an empty one.
_PLAIN_INLINE = INLINE_ELEMENTS - OPAQUE_ELEMENTS
# Whether any element of a document carries the attribute (one C-level scan per page); a walk
# reads an element's own ``translate`` or ``its-within-text`` only on pages that have some.
_HAS_TRANSLATE = etree.XPath("boolean(//@translate)")
_HAS_WITHIN_TEXT = etree.XPath("boolean(//@its-within-text)")


@dataclass
class Walker:
    """One pass over a document; ``slots`` receives runs and attributes in document order."""

    rules: its.ItsRules
    breaker: SentenceBreaker | None  # None: paragraph mode
    slots: SlotSink
    _block_cache: dict[etree._Element, bool] = field(default_factory=dict)
    # Per page: does any element have its own `translate` / `its-within-text` attribute?
    local_translate: bool = True
    local_within_text: bool = True
    # No `translate` anywhere (attribute or rule) and no attribute rules: an element's tokens
    # then depend on the element alone.
    plain: bool = False

    @classmethod
    def for_document(
        cls,
        root: etree._Element,
        path: Path | None,
        breaker: SentenceBreaker | None,
        sink: SlotSink,
    ) -> Walker:
        walker = cls(its.apply_rules(root, path), breaker, sink)
        walker.local_translate = bool(_HAS_TRANSLATE(root))
        walker.local_within_text = bool(_HAS_WITHIN_TEXT(root))
        rules = walker.rules
        walker.plain = not (
            walker.local_translate or rules.element_translate or rules.attributes_of
        )
        return walker

    # -- translate / inline decisions ------------------------------------------------------

    def element_translate(self, element: etree._Element, inherited: bool) -> bool:
        if self.local_translate:
            local = its.local_translate(element)
            if local is not None:
                return local
        rules = self.rules.element_translate
        return rules.get(element, inherited) if rules else inherited

    def is_inline(self, node: etree._Element) -> bool:
        tag = node.tag
        if not isinstance(tag, str):
            return True  # comments and processing instructions travel with the text
        if self.local_within_text or self.rules.within_text:
            within = (node.get("its-within-text") or "").lower() or self.rules.within_text.get(node)
            if within == "yes":
                return True
            if within in ("no", "nested"):
                return False
        if tag in OPAQUE_ELEMENTS:
            return True
        return tag in INLINE_ELEMENTS and not self._contains_block(node)

    def _contains_block(self, node: etree._Element) -> bool:
        """``<a href><div>…</div></a>`` is a container, not an inline element; an icon
        ``<svg>`` or a ``<picture>`` inside a link is not a block."""
        if not len(node):
            return False  # most inline elements: nothing inside but text
        cached = self._block_cache.get(node)
        if cached is None:
            cached = False
            for child in node:
                tag = child.tag
                if not isinstance(tag, str) or tag in OPAQUE_ELEMENTS:
                    continue
                if tag not in INLINE_ELEMENTS or (len(child) and self._contains_block(child)):
                    cached = True
                    break
            self._block_cache[node] = cached
        return cached

    # -- attributes ---------------------------------------------------------------------

    def attributes(
        self, element: etree._Element, translate: bool, into: list[Slot] | None = None
    ) -> None:
        keys = element.keys()
        # Only names that can be translatable by default, or that a global rule selected:
        # most attributes of real pages (class, href, data-*) are never looked at.
        if _CANDIDATES.isdisjoint(keys) and not self.rules.attributes_of:
            return
        names = [name for name in keys if name in _CANDIDATES]
        if self.rules.attributes_of:
            names += self.rules.attributes_of.get(element, [])
        if not names:
            return
        attrib = element.attrib
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
            if wanted and any(map(str.isalpha, text)):
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
        translate = (
            self.element_translate(element, inherited)
            if self.local_translate or self.rules.element_translate
            else inherited
        )
        if tag == "head":
            for child in element:
                if child.tag == "title":
                    self.visit(child, translate)
                elif child.tag == "meta":
                    self.attributes(child, self.element_translate(child, translate))
            return
        if not _CANDIDATES.isdisjoint(element.keys()) or self.rules.attributes_of:
            self.attributes(element, translate)  # (checked here: most elements have none)
        if tag in SKIPPED_ELEMENTS:
            return
        if not len(element):  # a leaf (most blocks of a page): its text is its only run
            text = element.text
            if text and text.strip(HTML_SPACE):
                self._text_run(element, tag, text, translate)
            return
        children = list(element)
        is_inline = self.is_inline
        # Without within-text rules, a tag that is neither inline nor opaque is a block.
        by_tag = not (self.local_within_text or self.rules.within_text)
        lead_owner: etree._Element | None = None
        lead = element.text
        start = 0
        contains_block = self._contains_block
        for index, child in enumerate(children):
            child_tag = child.tag
            if not by_tag:
                if is_inline(child):
                    continue
            elif child_tag in _PLAIN_INLINE:  # is_inline without its calls (most children)
                if not len(child) or not contains_block(child):
                    continue
            elif child_tag in OPAQUE_ELEMENTS or not isinstance(child_tag, str):
                continue
            if start < index or (lead and lead.strip(HTML_SPACE)):  # else: nothing to extract
                self.run(element, lead_owner, lead, children[start:index], translate)
            self.visit(child, translate)
            lead_owner, lead = child, child.tail
            start = index + 1
        if start < len(children) or (lead and lead.strip(HTML_SPACE)):
            rest = children[start:] if start else children
            self.run(element, lead_owner, lead, rest, translate)

    def run(
        self,
        container: etree._Element,
        lead_owner: etree._Element | None,
        lead: str | None,
        children: list[etree._Element],
        translate: bool,
    ) -> None:
        """The run of ``children`` after ``lead``, the text of ``container`` (when
        ``lead_owner`` is None) or the tail of its block child ``lead_owner``."""
        pending: list[Slot] = []
        tokens: list[Token] = []
        if lead:
            tokens.append(Text(lead))
        self._tokenize_all(children, translate, tokens, pending)
        tag = str(container.tag)
        preserve = tag in PRESERVE_SPACE_ELEMENTS
        base_line = run_base_line(container, lead_owner)
        if translate:
            breaker = None if preserve else self.breaker
            pieces = make_pieces(tokens, breaker, preserve, base_line)
        else:
            pieces = [Piece([], tokens, [], None, base_line)]
        self.slots.append(Run(container, lead_owner, children, pieces, tag, translate))
        if pending:
            self.slots.extend(pending)

    def _text_run(self, container: etree._Element, tag: str, text: str, translate: bool) -> None:
        """:meth:`run` of a block that holds one text and nothing else."""
        token = Text(text)
        line = container.sourceline or 0
        if not translate:
            pieces = [Piece([], [token], [], None, line)]
        elif tag in PRESERVE_SPACE_ELEMENTS:
            pieces = make_pieces([token], None, True, line)
        else:
            pieces = text_pieces(token, self.breaker, line)
        self.slots.append(Run(container, None, [], pieces, tag, translate))

    def tokenize(
        self, node: etree._Element, translate: bool, out: list[Token], pending: list[Slot]
    ) -> None:
        tag = node.tag  # lxml makes a new string at each access: read it once
        if not isinstance(tag, str):
            out.append(Invisible(node))
            return
        state = (
            self.element_translate(node, translate)
            if self.local_translate or self.rules.element_translate
            else translate
        )
        if tag in OPAQUE_ELEMENTS:
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
        if not _CANDIDATES.isdisjoint(node.keys()) or self.rules.attributes_of:
            self.attributes(node, state, into=pending)  # (checked here: most have none)
        text = node.text
        children = len(node)
        if tag in VOID_INLINE_ELEMENTS or (not text and not children):
            out.append(Empty(node))
            return
        out.append(Open(node))
        if text:
            out.append(Text(text))
        if children:
            self._tokenize_all(node, state, out, pending)
        out.append(Close(node))

    def _tokenize_all(
        self,
        children: Iterable[etree._Element],
        translate: bool,
        out: list[Token],
        pending: list[Slot],
    ) -> None:
        """:meth:`tokenize` of each child, and its tail. An inline element without attributes
        to look at (most of a run's) is tokenized here, without a call, on a page without
        ``translate`` or attribute rules (its tokens do not depend on ``translate``)."""
        append = out.append
        plain = self.plain
        for child in children:
            tag = child.tag
            if plain and tag in _PLAIN_INLINE and _CANDIDATES.isdisjoint(child.keys()):
                text = child.text
                inside = len(child)
                if tag in VOID_INLINE_ELEMENTS or (not text and not inside):
                    append(Empty(child))
                else:
                    append(Open(child))
                    if text:
                        append(Text(text))
                    if inside:
                        self._tokenize_all(child, translate, out, pending)
                    append(Close(child))
            else:
                self.tokenize(child, translate, out, pending)
            tail = child.tail
            if tail:
                append(Text(tail))

    def _visit_translatable_within(self, node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if self.element_translate(child, False):
                self.visit(child, False)
            else:
                self._visit_translatable_within(child)


def run_base_line(container: etree._Element, lead_owner: etree._Element | None) -> int:
    if lead_owner is None:
        return container.sourceline or 0
    # The text of the block and its descendants (comments' text excluded, as in itertext()),
    # serialised in C: a run after nested blocks would otherwise join their texts again at
    # every level.
    text = etree.tostring(lead_owner, method="text", encoding=str, with_tail=False)
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
    Walker.for_document(root, path, breaker, sink).visit(root, True)

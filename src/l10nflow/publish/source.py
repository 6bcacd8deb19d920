"""An article parsed and segmented once per build, localised into each edition from copies.

Parsing a page, evaluating its ITS rules and splitting its sentences is most of the work of
``localise``; the slots it yields point into the parsed tree, which ``localise_slots`` then
changes in place. So each edition gets a deep copy of the tree and the slots re-pointed at the
copy's elements (the copy has the same nodes in the same order), which costs a fraction of
segmenting again.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from l10nflow.segment import LocalisedDocument, Lookup, SegmentOptions
from l10nflow.segment.apply import localise_slots
from l10nflow.segment.extract import segment_file
from l10nflow.segment.htmlio import deep_tree_safe
from l10nflow.segment.pieces import Piece
from l10nflow.segment.placeholders import Invisible, Text, Token
from l10nflow.segment.runs import AttributeSlot, Run, Slot

Nodes = dict[etree._Element, etree._Element]


def _tokens(tokens: list[Token], nodes: Nodes) -> list[Token]:
    copied: list[Token] = []
    for token in tokens:
        if isinstance(token, Text):
            copied.append(token)  # immutable, no node
        elif isinstance(token, Invisible):
            copied.append(Invisible(nodes[token.node]))
        else:
            copied.append(type(token)(nodes[token.element], token.name))
    return copied


def _slot(slot: Slot, nodes: Nodes) -> Slot:
    if isinstance(slot, AttributeSlot):
        return AttributeSlot(
            nodes[slot.element], slot.attribute, slot.msgid, slot.line, slot.comment
        )
    pieces = [
        Piece(
            _tokens(p.prefix, nodes),
            _tokens(p.inner, nodes),
            _tokens(p.suffix, nodes),
            p.msgid,
            p.line,
        )
        for p in slot.pieces
    ]
    lead = None if slot.lead_owner is None else nodes[slot.lead_owner]
    children = [nodes[child] for child in slot.children]
    return Run(nodes[slot.container], lead, children, pieces, slot.comment, slot.translatable)


class SegmentedSource:
    """One source article, segmented on first use."""

    def __init__(self, path: Path, options: SegmentOptions) -> None:
        self.path = path
        self.options = options
        self._parsed: tuple[etree._Element, list[Slot], list[etree._Element]] | None = None

    def _segmented(self) -> tuple[etree._Element, list[Slot], list[etree._Element]]:
        if self._parsed is None:
            root, slots = deep_tree_safe(segment_file)(self.path, self.options)
            self._parsed = (root, slots, list(root.iter()))
        return self._parsed

    def slots(self) -> list[Slot]:
        """The page's slots, pointing into the segmented tree (never change them)."""
        return self._segmented()[1]

    @deep_tree_safe
    def _copy(self) -> tuple[etree._Element, list[Slot]]:
        root, slots, nodes = self._segmented()
        # The tree, not the element: the copy keeps the document (doctype, HTML serialisation).
        copied = copy.deepcopy(root.getroottree()).getroot()
        mapping = dict(zip(nodes, copied.iter(), strict=True))
        return copied, [_slot(slot, mapping) for slot in slots]

    @deep_tree_safe
    def localise(
        self, lookup: Lookup, fallback_lang: str | None, spaceless: bool = False
    ) -> LocalisedDocument:
        """Like :func:`l10nflow.segment.localise`, on a fresh copy of the segmented page."""
        root, slots = self._copy()
        return localise_slots(root, slots, lookup, fallback_lang, spaceless=spaceless)

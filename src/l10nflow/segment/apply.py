"""Translation units → HTML: rebuild a document from its source and a lookup of translations.

The source is segmented again exactly as at extraction, so every unit's msgid is known; the
lookup answers with a :class:`Translation` or None. A run whose units all come back unchanged
is left untouched, so an identity translation gives back the very same document.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lxml import etree

from l10nflow.catalog.lookup import LookupKey, TableLookup
from l10nflow.model import Lookup, Translation, Unit
from l10nflow.segment.extract import SegmentOptions, segment_file
from l10nflow.segment.htmlio import deep_tree_safe
from l10nflow.segment.pieces import Piece
from l10nflow.segment.placeholders import (
    Atom,
    Close,
    Empty,
    InvalidTranslation,
    Invisible,
    Open,
    Text,
    Token,
    parse_translation,
    strip_controls,
    unescape_text,
)
from l10nflow.segment.runs import AttributeSlot, Run, Slot


class EditRecorder(Protocol):
    """Told of every change made to the tree, so it can make the same change to the
    source text (see :mod:`l10nflow.segment.splice`)."""

    def set_attribute(self, element: etree._Element, name: str, value: str) -> None: ...

    def has_start_tag(self, element: etree._Element) -> bool: ...

    def replace_piece(self, run: Run, piece: Piece, tokens: list[Token]) -> None: ...

    def replace_text(self, run: Run, piece: Piece, text: str) -> None:
        """:meth:`replace_piece` with ``[Text(text)]``."""

    def mark_piece(self, run: Run, piece: Piece, lang: str) -> None: ...


@dataclass
class LocalisedDocument:
    tree: etree._Element
    total: int = 0
    translated: int = 0
    warnings: list[str] = field(default_factory=list)


def materialize(
    tokens: list[Token], like: etree._Element | None = None
) -> tuple[str | None, list[etree._Element]]:
    """Build text and elements (with tails) from tokens, copying the source elements
    (made in the document of ``like``, or else of the first element among the tokens)."""
    if like is None:
        like = next((t.element for t in tokens if isinstance(t, Open | Empty | Atom)), None)
    # Made in the page's own document: moving an element between documents costs a walk of it.
    scratch = etree.Element("scratch") if like is None else like.makeelement("scratch")
    _build(scratch, None, tokens)
    return scratch.text, list(scratch)


def _build(parent: etree._Element, last: etree._Element | None, tokens: list[Token]) -> None:
    """Append the tokens' text and elements to ``parent``, whose last child is ``last``."""
    # The element being filled and its last child so far (lxml's len() and index() walk the
    # children, which made a paragraph of 100,000 inline elements quadratic); the same for
    # each element still open around it.
    around: list[tuple[etree._Element, etree._Element]] = []
    texts: list[str] = []  # text since the last element: set once (each set costs a copy)
    new_child = etree.SubElement
    for token in tokens:
        kind = type(token)
        if kind is Text:
            texts.append(token.text)  # type: ignore[union-attr]
            continue
        if texts:
            # The common case of _add_text: one text, after a new element or as its first.
            if len(texts) == 1 and (parent.text if last is None else last.tail) is None:
                if last is None:
                    parent.text = texts.pop()
                else:
                    last.tail = texts.pop()
            else:
                _add_text(parent, last, texts)
        if kind is Close:
            parent, last = around.pop()
            continue
        if kind is Open or kind is Empty:
            source = token.element  # type: ignore[union-attr]
            element = new_child(parent, source.tag, source.attrib)
        else:
            element = copy.deepcopy(token.node if kind is Invisible else token.element)  # type: ignore[union-attr]
            element.tail = None
            parent.append(element)
        if kind is Open:
            around.append((parent, element))
            parent, last = element, None
        else:
            last = element
    if texts:
        _add_text(parent, last, texts)


def _add_text(parent: etree._Element, last: etree._Element | None, texts: list[str]) -> None:
    """Put ``texts`` after ``last`` (into ``parent`` when it has no child yet); emptied."""
    if last is not None:
        last.tail = (last.tail or "") + "".join(texts)
    else:
        parent.text = (parent.text or "") + "".join(texts)
    texts.clear()


def replace_run(run: Run, tokens: list[Token]) -> None:
    """Put new content in place of a run's text and inline children."""
    container = run.container
    if not run.children and all(type(token) is Text for token in tokens):
        # Only text (most runs of a page): as materialize would make it, without a scratch.
        text = "".join([token.text for token in tokens]) if tokens else None  # type: ignore[union-attr]
        if run.lead_owner is None:
            container.text = text
        else:
            run.lead_owner.tail = text
        return
    if _same_elements(run, tokens):
        _retext(run, tokens)
        return
    # Nothing after the run (the common case): its new elements are made in place.
    at_end = bool(run.children) and run.children[-1].getnext() is None
    for child in run.children:
        container.remove(child)
    if at_end:
        if run.lead_owner is None:
            container.text = None
        else:
            run.lead_owner.tail = None
        _build(container, run.lead_owner, tokens)
        return
    text, elements = materialize(tokens, container)
    if run.lead_owner is None:
        container.text = text
    else:
        run.lead_owner.tail = text
    # Each new element goes right after the previous one (insert by index walks the list).
    previous = run.lead_owner
    for element in elements:
        if previous is None:
            container.insert(0, element)
        else:
            previous.addnext(element)
        previous = element


def _same_elements(run: Run, tokens: list[Token]) -> bool:
    """The new tokens hold the run's elements as they are, in their order (a translation
    that keeps its placeholders where they were: most), and no comment or protected
    element: then only texts change, and the tree keeps its elements."""
    new = [token for token in tokens if type(token) is not Text]
    if not new or Atom in set(map(type, new)) or Invisible in set(map(type, new)):
        return False
    old = [
        token
        for piece in run.pieces
        for part in (piece.prefix, piece.inner, piece.suffix)
        for token in part
        if type(token) is not Text
    ]
    return new == old  # the same token objects mostly: compared by identity


def _retext(run: Run, tokens: list[Token]) -> None:
    """Give each text of the run its new value: as rebuilding the run would make it (the
    texts between two elements joined; None where there is none)."""
    owner = run.container if run.lead_owner is None else run.lead_owner
    tail = run.lead_owner is not None
    texts: list[str] = []
    for token in tokens:
        kind = type(token)
        if kind is Text:
            texts.append(token.text)  # type: ignore[union-attr]
            continue
        text = "".join(texts) if texts else None
        if tail:
            owner.tail = text
        else:
            owner.text = text
        texts.clear()
        owner, tail = token.element, kind is not Open  # type: ignore[union-attr]
    text = "".join(texts) if texts else None
    if tail:
        owner.tail = text
    else:
        owner.text = text


def _fallback_span(piece: Piece, lang: str) -> list[Token]:
    span = etree.Element("span", lang=lang)
    return [*piece.prefix, Open(span), *piece.inner, Close(span), *piece.suffix]


@deep_tree_safe
def localise(
    path: Path,
    lookup: Lookup,
    options: SegmentOptions,
    fallback_lang: str | None = "en",
    spaceless: bool = False,
) -> LocalisedDocument:
    """Rebuild ``path`` with translations; untranslated units keep the source text.

    With ``fallback_lang`` set, source text left in a translated page is marked with that
    ``lang`` (on the block when the whole block fell back, else on a ``<span>``).
    ``spaceless`` (Chinese, Japanese): the source's whitespace between two translated
    sentences is dropped, since those languages write sentences without a space between them.
    """
    root, slots = segment_file(path, options)
    return localise_slots(root, slots, lookup, fallback_lang, spaceless=spaceless)


def localise_slots(
    root: etree._Element,
    slots: list[Slot],
    lookup: Lookup,
    fallback_lang: str | None,
    recorder: EditRecorder | None = None,
    spaceless: bool = False,
) -> LocalisedDocument:
    """Translate a walked tree in place; ``recorder`` hears of every change (``spaceless``
    edits are not recorded: a byte-faithful rebuild then falls back to the tree)."""
    result = LocalisedDocument(tree=root)
    finder = _Finder(lookup)
    # Attributes first: rebuilding a run copies its inline elements with their attributes.
    for slot in slots:
        if isinstance(slot, AttributeSlot):
            result.total += 1
            text = finder.text(slot.msgid, slot.comment)
            if text is not None:
                result.translated += 1
                if text != slot.msgid:
                    value = strip_controls(text)
                    slot.element.set(slot.attribute, value)
                    if recorder is not None:
                        recorder.set_attribute(slot.element, slot.attribute, value)
    for slot in slots:
        if isinstance(slot, Run) and slot.translatable:
            _localise_run(slot, finder, fallback_lang, result, recorder, spaceless)
    return result


def _unit(msgid: str, comment: str) -> Unit:
    return Unit(msgid=msgid, extracted_comments=[comment])


class _Finder:
    """The lookup, asked by msgid. A catalogue's table is read directly: no Unit to ask with
    and no Translation per answer for each unit of a page (the origin only for a warning)."""

    __slots__ = ("_last", "_lookup", "table")

    def __init__(self, lookup: Lookup) -> None:
        self._lookup = lookup
        # Read by the caller where it has one (a call per unit less); else ask text().
        self.table = lookup.texts() if type(lookup) is TableLookup else None
        self._last: Translation | None = None

    def text(self, msgid: str, comment: str) -> str | None:
        if self.table is not None:
            return self.table.get(msgid)
        found = self._last = self._lookup(_unit(msgid, comment))
        return None if found is None else found.text

    def origin(self, msgid: str) -> str:
        """Where the text :meth:`text` last found for ``msgid`` comes from."""
        if type(self._lookup) is TableLookup:
            return self._lookup.origin(msgid)
        assert self._last is not None
        return self._last.origin


def _translate_pieces(
    run: Run, finder: _Finder, result: LocalisedDocument
) -> tuple[dict[int, list[Token]], list[int], int]:
    """Each piece's translated inner tokens by its index (omitted when unchanged), the indexes
    of the pieces left in the source language, and how many pieces are units."""
    translated: dict[int, list[Token]] = {}
    fallen: list[int] = []
    units = done = 0
    table = finder.table
    for index, piece in enumerate(run.pieces):
        msgid = piece.msgid
        if msgid is None:
            continue
        units += 1
        text = table.get(msgid) if table is not None else finder.text(msgid, run.comment)
        if text is None:
            fallen.append(index)
            continue
        inner = piece.inner
        try:
            tokens = parse_translation(text, inner)
        except InvalidTranslation as exc:
            result.warnings.append(
                f"{finder.origin(msgid)}: {exc}; using the source text for {msgid!r}"
            )
            fallen.append(index)
            continue
        done += 1
        if text != msgid:
            # Comments inside the source sentence are not in the msgid; keep them at its end.
            if len(inner) != 1 or type(inner[0]) is not Text:
                tokens += [t for t in inner if type(t) is Invisible]
            translated[index] = tokens
    result.total += units
    result.translated += done
    return translated, fallen, units


def _localise_run(
    run: Run,
    finder: _Finder,
    fallback_lang: str | None,
    result: LocalisedDocument,
    recorder: EditRecorder | None,
    spaceless: bool = False,
) -> None:
    table = finder.table
    one_text = not run.children and len(run.pieces) == 1 and not spaceless
    if one_text and table is not None and _localise_text(run, table, result, recorder):
        return
    translated, fallen, units = _translate_pieces(run, finder, result)
    mark = bool(fallback_lang and fallen)
    if mark and len(fallen) == units and _is_whole_block(run, recorder):
        assert fallback_lang is not None
        run.container.set("lang", fallback_lang)
        if recorder is not None:
            recorder.set_attribute(run.container, "lang", fallback_lang)
        return
    if not translated and not mark:
        return  # identity: the source stays exactly as it was
    marked = set(fallen) if mark else set()
    parts: list[list[Token]] = []
    for index, piece in enumerate(run.pieces):
        new = translated.get(index)
        if new is not None:
            parts.append([*piece.prefix, *new, *piece.suffix])
            if recorder is not None:
                recorder.replace_piece(run, piece, new)
        elif index in marked:
            assert fallback_lang is not None
            parts.append(_fallback_span(piece, fallback_lang))
            if recorder is not None:
                recorder.mark_piece(run, piece, fallback_lang)
        else:
            parts.append(piece.tokens)
    if spaceless:
        left = set(fallen)
        done = [p.msgid is not None and i not in left for i, p in enumerate(run.pieces)]
        for number in range(len(parts) - 1):
            if done[number] and done[number + 1]:
                _drop_edge_space(parts[number], parts[number + 1])
    replace_run(run, parts[0] if len(parts) == 1 else [t for part in parts for t in part])


def _localise_text(
    run: Run,
    table: Mapping[LookupKey, str],
    result: LocalisedDocument,
    recorder: EditRecorder | None,
) -> bool:
    """:func:`_localise_run` of a run that is one text and one unit (most runs of a page),
    translated by a catalogue's table to text without markup: as the general path does it,
    in one call. False, having done nothing, for any other run or translation."""
    piece = run.pieces[0]
    msgid, inner = piece.msgid, piece.inner
    if msgid is None:
        return True  # nothing to translate: the source stays as it is
    found = table.get(msgid)
    if found is None or "<" in found or len(inner) != 1:
        return False  # left in the source language, or markup to parse
    result.total += 1
    result.translated += 1
    if found == msgid:
        return True
    text = strip_controls(unescape_text(found))  # as parse_translation makes its one Text
    if recorder is not None:
        recorder.replace_text(run, piece, text)
    texts = [token.text for token in piece.prefix]  # type: ignore[union-attr]
    texts.append(text)
    texts += [token.text for token in piece.suffix]  # type: ignore[union-attr]
    if run.lead_owner is None:
        run.container.text = "".join(texts)
    else:
        run.lead_owner.tail = "".join(texts)
    return True


def _is_whole_block(run: Run, recorder: EditRecorder | None) -> bool:
    """The run is all its block holds (so the block can carry the fallback ``lang``) ...
    unless it is a <body> the parser added: then the text is marked, not the block."""
    if len(run.children) != len(run.container):
        return False
    return recorder is None or recorder.has_start_tag(run.container)


def _drop_edge_space(before: list[Token], after: list[Token]) -> None:
    """Remove whitespace-only text at the end of ``before`` and the start of ``after``."""
    while before and isinstance(before[-1], Text) and not before[-1].text.strip(" \t\n\r\f"):
        before.pop()
    while after and isinstance(after[0], Text) and not after[0].text.strip(" \t\n\r\f"):
        after.pop(0)


__all__ = [
    "Atom",
    "EditRecorder",
    "LocalisedDocument",
    "Lookup",
    "Translation",
    "localise",
    "localise_slots",
    "materialize",
]

"""Translation units → HTML: rebuild a document from its source and a lookup of translations.

The source is segmented again exactly as at extraction, so every unit's msgid is known; the
lookup answers with a :class:`Translation` or None. A run whose units all come back unchanged
is left untouched, so an identity translation gives back the very same document.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lxml import etree

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
)
from l10nflow.segment.runs import AttributeSlot, Run, Slot


class EditRecorder(Protocol):
    """Told of every change made to the tree, so it can make the same change to the
    source text (see :mod:`l10nflow.segment.splice`)."""

    def set_attribute(self, element: etree._Element, name: str, value: str) -> None: ...

    def has_start_tag(self, element: etree._Element) -> bool: ...

    def replace_piece(self, run: Run, piece: Piece, tokens: list[Token]) -> None: ...

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
    # Attributes first: rebuilding a run copies its inline elements with their attributes.
    for slot in slots:
        if isinstance(slot, AttributeSlot):
            result.total += 1
            found = lookup(_unit(slot.msgid, slot.comment))
            if found is not None:
                result.translated += 1
                if found.text != slot.msgid:
                    value = strip_controls(found.text)
                    slot.element.set(slot.attribute, value)
                    if recorder is not None:
                        recorder.set_attribute(slot.element, slot.attribute, value)
    for slot in slots:
        if isinstance(slot, Run) and slot.translatable:
            _localise_run(slot, lookup, fallback_lang, result, recorder, spaceless)
    return result


def _unit(msgid: str, comment: str) -> Unit:
    return Unit(msgid=msgid, extracted_comments=[comment])


def _translate_pieces(
    run: Run, lookup: Lookup, result: LocalisedDocument
) -> tuple[dict[int, list[Token]], set[int], int]:
    """Each piece's translated tokens (by ``id(piece)``; omitted when unchanged), the pieces
    left in the source language, and how many pieces are units."""
    translated: dict[int, list[Token]] = {}  # id(piece) → its new inner tokens
    fallen: set[int] = set()
    units = 0
    for piece in run.pieces:
        if piece.msgid is None:
            continue
        units += 1
        result.total += 1
        found = lookup(_unit(piece.msgid, run.comment))
        tokens: list[Token] | None = None
        if found is not None:
            try:
                tokens = parse_translation(found.text, piece.inner)
            except InvalidTranslation as exc:
                result.warnings.append(
                    f"{found.origin}: {exc}; using the source text for {piece.msgid!r}"
                )
        if found is None or tokens is None:
            fallen.add(id(piece))
            continue
        result.translated += 1
        if found.text != piece.msgid:
            # Comments inside the source sentence are not in the msgid; keep them at its end.
            invisible = [t for t in piece.inner if type(t) is Invisible]
            translated[id(piece)] = [*tokens, *invisible]
    return translated, fallen, units


def _localise_run(
    run: Run,
    lookup: Lookup,
    fallback_lang: str | None,
    result: LocalisedDocument,
    recorder: EditRecorder | None,
    spaceless: bool = False,
) -> None:
    translated, fallen, units = _translate_pieces(run, lookup, result)
    whole_block = len(run.children) == len(run.container)  # the run is all the block holds
    if fallback_lang and fallen and len(fallen) == units and whole_block:
        # ... unless it is a <body> the parser added: then the text is marked, not the block.
        whole_block = recorder is None or recorder.has_start_tag(run.container)
    if fallback_lang and fallen and len(fallen) == units and whole_block:
        run.container.set("lang", fallback_lang)
        if recorder is not None:
            recorder.set_attribute(run.container, "lang", fallback_lang)
        return
    mark = bool(fallback_lang and fallen)
    if not translated and not mark:
        return  # identity: the source stays exactly as it was
    parts: list[list[Token]] = []
    for piece in run.pieces:
        if id(piece) in translated:
            parts.append([*piece.prefix, *translated[id(piece)], *piece.suffix])
            if recorder is not None:
                recorder.replace_piece(run, piece, translated[id(piece)])
        elif mark and fallback_lang and id(piece) in fallen:
            parts.append(_fallback_span(piece, fallback_lang))
            if recorder is not None:
                recorder.mark_piece(run, piece, fallback_lang)
        else:
            parts.append(list(piece.tokens))
    if spaceless:
        done = [p.msgid is not None and id(p) not in fallen for p in run.pieces]
        for number in range(len(parts) - 1):
            if done[number] and done[number + 1]:
                _drop_edge_space(parts[number], parts[number + 1])
    replace_run(run, [token for part in parts for token in part])


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

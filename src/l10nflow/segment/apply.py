"""Translation units → HTML: rebuild a document from its source and a lookup of translations.

The source is segmented again exactly as at extraction, so every unit's msgid is known; the
lookup answers with a :class:`Translation` or None. A run whose units all come back unchanged
is left untouched, so an identity translation gives back the very same document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from lxml import etree

from l10nflow.catalog.lookup import LookupKey, TableLookup
from l10nflow.model import Lookup, Translation, Unit
from l10nflow.segment.extract import SegmentOptions, segment_file
from l10nflow.segment.htmlio import deep_tree_safe
from l10nflow.segment.kept_placeholders import element_tokens, kept_texts, kept_tokens
from l10nflow.segment.pieces import Piece
from l10nflow.segment.placeholders import (
    Atom,
    Close,
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
from l10nflow.segment.tree_edit import materialize, only_pairs, replace_run, retext_kept


class EditRecorder(Protocol):
    """Told of every change made to the tree, so it can make the same change to the
    source text (see :mod:`l10nflow.segment.splice`)."""

    def set_attribute(self, element: etree._Element, name: str, value: str) -> None: ...

    def has_start_tag(self, element: etree._Element) -> bool: ...

    def replace_piece(self, run: Run, piece: Piece, tokens: list[Token]) -> None: ...

    def replace_text(self, run: Run, piece: Piece, text: str) -> None:
        """:meth:`replace_piece` with ``[Text(text)]``."""

    def replace_kept(self, run: Run, piece: Piece, elements: list[Token], texts: list[str]) -> None:
        """:meth:`replace_piece` with ``texts`` around the piece's own ``elements`` (see
        :func:`~l10nflow.segment.kept_placeholders.kept_tokens`)."""

    def mark_piece(self, run: Run, piece: Piece, lang: str) -> None: ...


@dataclass
class LocalisedDocument:
    tree: etree._Element
    total: int = 0
    translated: int = 0
    warnings: list[str] = field(default_factory=list)


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
    fixed: Mapping[int, Fixed] | None = None,
) -> LocalisedDocument:
    """Translate a walked tree in place; ``recorder`` hears of every change (``spaceless``
    edits are not recorded: a byte-faithful rebuild then falls back to the tree).
    ``fixed``: translations of pieces by ``id(piece)``, given instead of the lookup's (the
    fragments of a unit cut at joints: see :mod:`l10nflow.segment.joints`), each with
    whether it changes the piece even if it is its msgid (its unit's translation does).
    A given translation that does not fit its piece raises
    :class:`~l10nflow.segment.placeholders.InvalidTranslation` (it is not the page's to warn
    of: the fragment's unit is whole elsewhere); the tree and ``recorder`` are then half
    changed, for the caller to drop."""
    result = LocalisedDocument(tree=root)
    finder = _Finder(lookup, fixed or {})
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

    __slots__ = ("_last", "_lookup", "fixed", "table")

    def __init__(self, lookup: Lookup, fixed: Mapping[int, Fixed]) -> None:
        self._lookup = lookup
        self.fixed = fixed
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


# A translation given for a piece, and whether it changes the piece even if it is its msgid.
Fixed = tuple[str, bool]
# A run's translated pieces by their index: the tokens of the translation parsed, or the
# texts of one that keeps the unit's placeholders in their order (see kept_placeholders).
Translated = dict[int, list[Token]]
Kept = dict[int, tuple[list[Token], list[str]]]  # the unit's element tokens, and the texts


def _translate_pieces(
    run: Run, finder: _Finder, result: LocalisedDocument
) -> tuple[Translated, Kept, list[int], int]:
    """Each piece's translated inner tokens or kept texts by its index (omitted when
    unchanged), the indexes of the pieces left in the source language, and how many pieces
    are units."""
    translated: Translated = {}
    kept: Kept = {}
    fallen: list[int] = []
    units = done = 0
    table, fixed = finder.table, finder.fixed
    for index, piece in enumerate(run.pieces):
        msgid = piece.msgid
        if msgid is None:
            continue
        units += 1
        given = fixed.get(id(piece)) if fixed else None
        if given is None:
            text = table.get(msgid) if table is not None else finder.text(msgid, run.comment)
        else:
            text = given[0]
        if text is None:
            fallen.append(index)
            continue
        inner = piece.inner
        texts = kept_texts(text, msgid, inner) if len(inner) > 1 else None
        if texts is not None:
            done += 1
            if text != msgid or (given is not None and given[1]):
                kept[index] = (element_tokens(inner), texts)
            continue
        try:
            tokens = parse_translation(text, inner)
        except InvalidTranslation as exc:
            if given is not None:
                raise  # the caller that gave it decides (a fragment: see localise_slots)
            result.warnings.append(
                f"{finder.origin(msgid)}: {exc}; using the source text for {msgid!r}"
            )
            fallen.append(index)
            continue
        done += 1
        if text != msgid or (given is not None and given[1]):
            # Comments inside the source sentence are not in the msgid; keep them at its end.
            if len(inner) != 1 or type(inner[0]) is not Text:
                tokens += [t for t in inner if type(t) is Invisible]
            translated[index] = tokens
    result.total += units
    result.translated += done
    return translated, kept, fallen, units


def _localise_run(
    run: Run,
    finder: _Finder,
    fallback_lang: str | None,
    result: LocalisedDocument,
    recorder: EditRecorder | None,
    spaceless: bool = False,
) -> None:
    table = finder.table
    one_text = not run.children and len(run.pieces) == 1 and not spaceless and not finder.fixed
    if one_text and table is not None and _localise_text(run, table, result, recorder):
        return
    translated, kept, fallen, units = _translate_pieces(run, finder, result)
    mark = bool(fallback_lang and fallen)
    if mark and len(fallen) == units and _is_whole_block(run, recorder):
        assert fallback_lang is not None
        run.container.set("lang", fallback_lang)
        if recorder is not None:
            recorder.set_attribute(run.container, "lang", fallback_lang)
        return
    if kept and not translated and not mark and not spaceless and only_pairs(run, kept):
        # Only texts change (most translated runs with markup): no token per text.
        if recorder is not None:
            for index, (elements, texts) in kept.items():
                recorder.replace_kept(run, run.pieces[index], elements, texts)
        retext_kept(run, kept)
        return
    for index, (elements, texts) in kept.items():
        translated[index] = kept_tokens(texts, elements)
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

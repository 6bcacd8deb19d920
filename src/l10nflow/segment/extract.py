"""HTML → translation units (the source side of a catalogue)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from l10nflow.model import Location, Unit
from l10nflow.segment.htmlio import read_html
from l10nflow.segment.pieces import SentenceBreaker
from l10nflow.segment.placeholders import Text, Token, protected_note
from l10nflow.segment.runs import AttributeSlot, Slot, walk, walk_into


@dataclass(frozen=True)
class SegmentOptions:
    """How to cut text into units: ``sentence`` (default) or ``paragraph``; ``quotes`` as for
    :func:`l10nflow.segment.sentences.sentence_breaks`."""

    mode: str = "sentence"
    source_language: str = "en"
    quotes: str = "split"

    def breaker(self) -> SentenceBreaker | None:
        if self.mode == "paragraph":
            return None
        from l10nflow.segment.sentences import sentence_breaker

        return sentence_breaker(self.source_language, self.quotes)


def segment_file(path: Path, options: SegmentOptions) -> tuple[etree._Element, list[Slot]]:
    """Parse an HTML file and walk it: the tree and its slots."""
    root = read_html(path)
    return root, walk(root, path, options.breaker())


def unit_fields(slot: Slot) -> Iterator[tuple[str, int, str, str | None]]:
    """The units of a slot as ``(msgid, line, comment, note)``: the extracted comments are
    the comment and, if not None, the note; a line of 0 is unknown."""
    if isinstance(slot, AttributeSlot):
        yield slot.msgid, slot.line, slot.comment, None
    elif slot.translatable:
        for piece in slot.pieces:
            if piece.msgid is not None:
                yield piece.msgid, piece.line, slot.comment, _note(piece.inner)


def _note(inner: list[Token]) -> str | None:
    # Most units are one text: no protected element to name.
    if len(inner) == 1 and type(inner[0]) is Text:
        return None
    return protected_note(inner)


def _unit(msgid: str, location: Location, comment: str, note: str | None = None) -> Unit:
    return Unit(
        msgid=msgid,
        locations=[location],
        extracted_comments=[comment] if note is None else [comment, note],
    )


class _UnitCollector:
    """A walk's sink that keeps only the units of each slot, not its tokens."""

    def __init__(self, display_path: str) -> None:
        self.display_path = display_path
        self.units: list[Unit] = []
        # One location per line (they are frozen): the units of one line share it.
        self._locations: dict[int, Location] = {}

    def append(self, slot: Slot, /) -> None:
        for msgid, line, comment, note in unit_fields(slot):
            location = self._locations.get(line)
            if location is None:
                location = Location(self.display_path, line or None)
                self._locations[line] = location
            self.units.append(_unit(msgid, location, comment, note))

    def extend(self, slots: Iterable[Slot], /) -> None:
        for slot in slots:
            self.append(slot)


def extract_units(
    path: Path, options: SegmentOptions, display_path: str | None = None
) -> list[Unit]:
    """The units of one HTML document, in document order, duplicates not merged."""
    collector = _UnitCollector(display_path or str(path))
    walk_into(collector, read_html(path), path, options.breaker())
    return collector.units

"""The units of one chunk of a large page, and how those of chunks cut inside a run are joined
(see :mod:`l10nflow.segment.run_seams`) to give what the whole page's walk gives.

Units are kept as tuples rather than :class:`~l10nflow.model.Unit` objects (a 20 MB page has
600,000 of them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from l10nflow.model import Key
from l10nflow.segment.chunks import ParsedChunk
from l10nflow.segment.extract import SegmentOptions, unit_fields
from l10nflow.segment.joint_texts import Counts, add_counts, renumbered
from l10nflow.segment.joints import Fragment, JointMismatch
from l10nflow.segment.large_pages import SeamMismatch
from l10nflow.segment.piece_lines import line_from_base, newlines
from l10nflow.segment.run_seams import SeamFinder, Seams, recording_breaker
from l10nflow.segment.runs import Run, Slot, run_base_line, walk_into

# One unit: its key, its line (None: unknown) and its extracted comments.
CompactUnit = tuple[Key, int | None, tuple[str, ...]]


@dataclass
class ChunkUnits:
    """A chunk's units, its runs at seams, and what :class:`SeamJoin` needs to order and
    number them as the whole page does: where the units of the seams' runs end (the
    translatable attributes inside a run come after all its parts' units), the head run's
    units whose line counts from the run's line at the seam (index, newlines from it), and
    the tail run's base line (None: the seam's before it) and newlines."""

    units: list[CompactUnit] = field(default_factory=list)
    seams: Seams = field(default_factory=Seams)
    number: int = 0  # the chunk's
    head_end: int = 0
    tail_end: int | None = None  # None: at the end (no run ends at the end seam)
    counted: list[tuple[int, int]] = field(default_factory=list)
    tail_base: int | None = None
    tail_newlines: int = 0


@dataclass
class ChunkCollector:
    """A walk's sink for one chunk: its units, without the context's attributes; ``seams``
    sees the runs."""

    parsed: ParsedChunk
    seams: SeamFinder
    found: ChunkUnits = field(default_factory=ChunkUnits)
    _before_head: int = 0  # units before the run at the start seam

    def append(self, slot: Slot, /) -> None:
        if not self.parsed.keeps(slot):
            return
        before_head = self.seams.before_head
        head, tail = self.seams.see(slot)
        if head and self._before_head:
            # Units the whole page's walk gives before the whole run (translate="yes" inside
            # a translate="no" element of it): not moved across chunks.
            raise SeamMismatch("units inside a run cut at a seam come before it")
        units = self.found.units
        if head and isinstance(slot, Run):
            self._count_from_seam(slot)
        for msgid, line, comment, note in unit_fields(slot):
            self._before_head += before_head and not head
            comments = (comment,) if note is None else (comment, note)
            units.append(((None, msgid), line or None, comments))
        if head:
            self.found.head_end = len(units)
        if tail and isinstance(slot, Run):
            self.found.tail_end = len(units)
            self.found.tail_base = None if head else run_base_line(slot.container, slot.lead_owner)
            self.found.tail_newlines = sum(newlines(piece.tokens) for piece in slot.pieces)

    def extend(self, slots: Iterable[Slot], /) -> None:
        for slot in slots:
            self.append(slot)

    def _count_from_seam(self, run: Run) -> None:
        """The head run's units whose line was counted from its container's line (the
        context's), which the caller replaces by the whole run's line at the seam."""
        if not run.translatable:
            return
        base = run.container.sourceline or 0
        index = len(self.found.units)
        for piece in run.pieces:
            if piece.msgid is not None:
                if line_from_base(piece.tokens):
                    self.found.counted.append((index, piece.line - base))
                index += 1

    def finish(self) -> ChunkUnits:
        self.found.seams = self.seams.finish()
        sentinel = self.seams.sentinel
        if sentinel is not None and self.found.tail_end is None:
            # Only white space between a block (or the block's start) and the seam: the
            # whole page's run after it counts its lines from that block.
            container, lead_owner = sentinel.getparent(), sentinel.getprevious()
            assert container is not None
            self.found.tail_base = run_base_line(container, lead_owner)
            self.found.tail_newlines = _lead(container, lead_owner).count("\n")
        return self.found


def _lead(container: etree._Element, lead_owner: etree._Element | None) -> str:
    return (container.text if lead_owner is None else lead_owner.tail) or ""


def chunk_units(parsed: ParsedChunk, path: Path, options: SegmentOptions) -> ChunkUnits:
    """The units of one parsed chunk, in document order, and its runs at seams."""
    breaker = recording_breaker(options)
    collector = ChunkCollector(parsed, parsed.seam_finder(breaker))
    collector.found.number = parsed.chunk.number
    walk_into(collector, parsed.root, path, breaker)
    return collector.finish()


class SeamJoin:
    """Gives the units of chunks in the whole page's order and with its lines: the units of
    a tail run's attributes after the next chunk's head run, and the head run's units
    counted from the whole run's line at the seam."""

    def __init__(self) -> None:
        self._deferred: list[CompactUnit] = []
        self._seam_line = 0  # the whole run's line at the last seam

    def units(self, found: ChunkUnits) -> list[CompactUnit]:
        units = found.units
        tail_end = len(units) if found.tail_end is None else found.tail_end
        if found.seams.head is not None:
            for index, newlines in found.counted:
                key, _, comments = units[index]
                units[index] = (key, self._seam_line + newlines, comments)
        deferred, self._deferred = self._deferred, []
        if found.seams.head is not None and not found.seams.through:
            units[found.head_end : found.head_end] = deferred
            tail_end += len(deferred)
            deferred = []
        if found.seams.tail is not None:  # (a chunk inside a run carries them on)
            base = self._seam_line if found.tail_base is None else found.tail_base
            self._seam_line = base + found.tail_newlines
            self._deferred = deferred + units[tail_end:]
            del units[tail_end:]
        return units


@dataclass
class JointUnit:
    """A unit cut at joints (see :mod:`l10nflow.segment.joints`): its first fragment's unit,
    its fragments' msgids numbered as in the unit and the offsets that did it, and where
    each fragment is (chunk number, index among the chunk's fragments). Each fragment is
    renumbered as its chunk comes, while the workers walk the next ones."""

    first: CompactUnit
    fragments: list[str] = field(default_factory=list)
    offsets: list[Counts] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)
    letters: bool = False
    _total: Counts = field(default_factory=dict)  # the placeholders of the fragments so far

    def add(self, msgid: str, counts: Counts) -> None:
        self.offsets.append(dict(self._total))
        self.fragments.append(renumbered(msgid, self._total))
        add_counts(self._total, counts)

    @property
    def msgid(self) -> str:
        return "".join(self.fragments)


class JointJoin:
    """Joins the fragments of units cut at joints, chunk by chunk: a unit is given where its
    first fragment was, once its last has come; with ``keep``, each is kept in ``done``
    instead, with its fragments, for ``apply``."""

    def __init__(self, keep: bool = False) -> None:
        self._open: JointUnit | None = None
        self.keep = keep
        self.done: list[JointUnit] = []

    def units(self, number: int, seams: Seams, units: list[CompactUnit]) -> list[CompactUnit]:
        fragments = seams.fragments
        if not fragments:
            if self._open is not None and seams.head is not None:
                raise JointMismatch("a unit cut at a joint does not go on after it")
            return units
        first, last = fragments[0], fragments[-1]
        if first.open_left:
            if self._open is None:
                raise JointMismatch("a joint with nothing of its unit before it")
            joint, self._open = self._open, None
            self._add(joint, number, 0, first, units[0])
            if first.open_right:  # the chunk lies inside the unit
                if len(units) != 1:
                    raise JointMismatch("units beside a unit a chunk lies inside")
                self._open = joint
                return []
            units = units[1:]
            if self.keep:
                self.done.append(joint)
            elif joint.letters:
                (context, _), line, comments = joint.first
                units.insert(0, ((context, joint.msgid), line, comments))
        elif self._open is not None:
            raise JointMismatch("a unit cut at a joint does not go on after it")
        if last.open_right and not last.open_left:
            self._open = JointUnit(units[-1])
            self._add(self._open, number, len(fragments) - 1, last, units[-1])
            units = units[:-1]
        return units

    def finish(self) -> None:
        if self._open is not None:
            raise JointMismatch("the last chunk ends inside a unit")

    @staticmethod
    def _add(
        joint: JointUnit, number: int, index: int, fragment: Fragment, unit: CompactUnit
    ) -> None:
        if unit[0][1] != fragment.msgid:
            raise JointMismatch("a fragment is not where its chunk's units say")
        joint.add(fragment.msgid, fragment.counts)
        joint.places.append((number, index))
        joint.letters = joint.letters or fragment.letters

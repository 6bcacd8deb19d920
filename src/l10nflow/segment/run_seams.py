"""Cuts inside a run: a page that is one huge paragraph of sentences is cut between two of them.

A cut before a block start tag (:mod:`l10nflow.segment.chunks`) leaves every run whole; a
20 MB paragraph has none, and its tree alone takes half a gigabyte. A *seam* is a cut inside
a run, where a sentence ends: after a sentence's last mark and the white space after it, or
before an inline start tag that follows one (``Sentence.</span><br><span>``). The run is then
walked as two runs, one at the end of a chunk and one at the start of the next (behind the
same container, opened again by the context), and their pieces are the whole run's pieces,
provided the sentence breaker cuts the whole run where it cuts the two parts, and at the seam.

That is not assumed: breakers look far (a quotation opened sentences before), so each chunk
reports the texts of the runs at its seams with the breaker's cuts (:class:`SeamFinder`) and
the caller runs the breaker once over each whole run and compares (:class:`SeamCheck`); if
they differ, the page is processed whole. Pieces depend only on their own tokens once the
cuts are known (:func:`l10nflow.segment.pieces.make_pieces`), and a seam is never inside an
inline element (the chunk planner checks), so the units are the whole page's.
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from lxml import etree

from l10nflow.segment.htmlio import VOID_ELEMENTS
from l10nflow.segment.joints import Fragment, JointMismatch, open_piece
from l10nflow.segment.large_pages import SeamMismatch
from l10nflow.segment.piece_lines import HTML_SPACE
from l10nflow.segment.pieces import Piece, SentenceBreaker, run_text
from l10nflow.segment.placeholders import Token
from l10nflow.segment.policy import INLINE_ELEMENTS, OPAQUE_ELEMENTS
from l10nflow.segment.runs import Run, Slot
from l10nflow.segment.tag_pattern import names_pattern


class _HasBreaker(Protocol):
    def breaker(self) -> SentenceBreaker | None: ...


# A sentence's end (its mark, closing quotes and brackets, end tags), the white space after
# it, then an inline start tag (its name: "tag") or text.
_SEAM = re.compile(
    r"(?P<end>[.!?…]['\"”’»)\]]*(?:</[A-Za-z][^<>]*>)*)"
    rf"(?P<space>[{HTML_SPACE}]*)"
    r"(?:<(?P<tag>"
    + names_pattern(INLINE_ELEMENTS - OPAQUE_ELEMENTS)
    + rf")(?=[{HTML_SPACE}/>])|(?<=[{HTML_SPACE}])(?=[^{HTML_SPACE}<&]))",
    re.IGNORECASE,
)
# How much text on each side of a seam the planner gives the breaker to try it.
_WINDOW = 2000
_NONE: array[int] = array("q")
# Seams tried at most from one place (each costs a breaker call).
_TRIES = 16
_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class RunCuts:
    """How chunks may end inside runs: at seams, found with ``breaker``, and with ``joints``
    inside sentences too (see :mod:`l10nflow.segment.joints`)."""

    breaker: SentenceBreaker
    joints: bool = True


@dataclass(frozen=True)
class SeamCandidate:
    """Where a chunk may end inside a run; ``first_tag`` is the inline tag the next chunk
    starts with (None: it starts with text)."""

    position: int
    first_tag: str | None


def next_seam(source: str, start: int, stop: int, breaker: SentenceBreaker) -> SeamCandidate | None:
    """The first seam in ``source[start:stop]`` where the breaker, given the text around it,
    breaks (a cheap filter: :class:`SeamCheck` proves it)."""
    for tries, found in enumerate(_SEAM.finditer(source, start, stop)):
        if tries == _TRIES:
            break
        end = found.end("end")  # the breaker may cut before the white space or after it
        if source.rfind("<", start, end) > source.rfind(">", start, end):
            continue  # in a tag (an attribute's value): the parse would say so, dearly
        before = _plain(source[max(0, end - _WINDOW) : end])
        breaks = breaker(before + _plain(source[end : end + _WINDOW]))
        tag = found.group("tag")
        if len(before) in breaks:
            return SeamCandidate(end, None if found.group("space") or not tag else tag.lower())
        if found.group("space") and len(before) + len(found.group("space")) in breaks:
            return SeamCandidate(
                found.start("tag") - 1 if tag else found.end(), tag and tag.lower()
            )
    return None


def _plain(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


# A joint (see :mod:`l10nflow.segment.joints`) is before one of these start tags (a line
# break is edge filler: a unit trims it).
_JOINT_TAGS = INLINE_ELEMENTS - OPAQUE_ELEMENTS - {"br", "wbr"}
_JOINT = re.compile(
    r"<(?P<tag>" + names_pattern(_JOINT_TAGS) + rf")(?=[{HTML_SPACE}/>])", re.IGNORECASE
)
_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")


@dataclass(frozen=True)
class JointCandidate:
    """Where a chunk may end inside a sentence: before a start tag of ``first_tag``."""

    position: int
    first_tag: str


def next_joint(
    source: str, start: int, stop: int, breaker: SentenceBreaker
) -> JointCandidate | None:
    """The first inline start tag in ``source[start:stop]`` outside a tag where the breaker,
    given the text around it, does not break (nor in the white space before it): as
    :func:`next_seam`, a cheap filter that :class:`SeamCheck` proves."""
    for tries, found in enumerate(_JOINT.finditer(source, start, stop)):
        if tries == _TRIES:
            break
        at = found.start()
        near = max(0, at - _WINDOW)  # (``start`` may be inside a tag or after one)
        if source.rfind("<", near, at) > source.rfind(">", near, at):
            continue  # in a tag (an attribute's value)
        if _after_start_tag(source, near, at):
            continue  # likely inside that element (<b><i>): no cut there, and a parse each
        before = _plain(source[near:at])
        breaks = breaker(before + _plain(source[at : at + _WINDOW]))
        space = len(before) - len(before.rstrip(HTML_SPACE))
        if not any(len(before) - space <= cut <= len(before) for cut in breaks):
            return JointCandidate(at, found.group("tag").lower())
    return None


def _after_start_tag(source: str, start: int, at: int) -> bool:
    """The tag before ``at`` is a start tag of an element with content (a guess the parse
    of the chunk confirms or not: the element may be a block, or closed by the parser)."""
    before = source.rfind("<", start, at)
    if before < 0:
        return False
    name = _NAME.match(source, before + 1)
    return name is not None and name.group().lower() not in VOID_ELEMENTS


@dataclass(frozen=True)
class SeamText:
    """A run at a seam: its plain text and where the breaker cuts it (0 < cut < len).
    ``covers``: it holds all its block has on its side of the seam; ``units``: how many;
    ``fell``: each of them (if any) was left in the source language and marked (``apply``):
    if every part of a whole block's run fell, the whole page marks the block instead (see
    :class:`SeamCheck`)."""

    text: str
    breaks: array[int]
    covers: bool = False
    units: int = 0
    fell: bool = False
    run: bool = True  # False: no run on this side of the seam (it ends or starts there)
    joint: bool = False  # the cut before it is a joint: no break there (head runs)


_NO_RUN = SeamText("", _NONE, run=False)


@dataclass
class Seams:
    """The runs of a chunk at its seams: ``head`` continues the chunk before, ``tail`` goes
    on in the next; ``through``: they are one run (the chunk lies inside it)."""

    head: SeamText | None = None
    tail: SeamText | None = None
    through: bool = False
    # The parts of units cut at joints the chunk holds, in order (see joints.Fragment).
    fragments: list[Fragment] = field(default_factory=list)


def recording_breaker(options: _HasBreaker) -> RecordingBreaker | None:
    """``options.breaker()``, remembering its texts (None in paragraph mode)."""
    breaker = options.breaker()
    return None if breaker is None else RecordingBreaker(breaker)


class RecordingBreaker:
    """A breaker that remembers its first and last text, so that the runs at a chunk's seams
    (its first and last runs) are not broken twice."""

    def __init__(self, breaker: SentenceBreaker) -> None:
        self._breaker = breaker
        self.first: tuple[str, list[int]] | None = None
        self.last: tuple[str, list[int]] | None = None

    def __call__(self, text: str) -> list[int]:
        breaks = self._breaker(text)
        self.last = (text, breaks)
        if self.first is None:
            self.first = self.last
        return breaks

    def breaks(self, text: str) -> array[int]:
        for seen in (self.first, self.last):
            if seen is not None and seen[0] == text:
                return _inside(seen[1], len(text))
        return _inside(self._breaker(text), len(text))


def _inside(breaks: list[int], length: int) -> array[int]:
    """The breaker's cuts inside the text, as it gives them (ascending: if not, the check
    fails and the page is cut at blocks only), in 8 bytes each (a 20 MB run has a million)."""
    return array("q", [cut for cut in breaks if 0 < cut < length])


@dataclass
class SeamFinder:
    """Given a chunk's slots in order, the texts of its runs at seams (see :class:`Seams`).
    ``container``: the element a head run is in; ``sentinel``: the element a tail run ends
    before (None: the chunk has no seam there)."""

    breaker: RecordingBreaker | None
    container: etree._Element | None
    sentinel: etree._Element | None
    head_joint: bool = False  # the chunk starts at a joint (see l10nflow.segment.joints)
    tail_joint: bool = False  # it ends at one
    seams: Seams = field(default_factory=Seams)
    _head_seen: bool = False
    _runs: dict[str, Run] = field(default_factory=dict)  # "head", "tail": the runs at seams
    # The pieces made fragments, in the order of seams.fragments.
    joint_pieces: list[Piece] = field(default_factory=list)

    @property
    def before_head(self) -> bool:
        """The chunk starts inside a run, and its walk has not come to it yet."""
        return self.container is not None and not self._head_seen

    def see(self, slot: Slot) -> tuple[bool, bool]:
        """Whether ``slot`` is the run at the chunk's start seam, and at its end seam."""
        if not isinstance(slot, Run):
            return False, False
        head = self.before_head and slot.container is self.container and slot.lead_owner is None
        tail = self.sentinel is not None and _ends_before(slot, self.sentinel)
        if head or tail:
            self._open_at_joints(slot, head and self.head_joint, tail and self.tail_joint)
            text = self._seam_text(slot, tail)
            if head and self.head_joint:
                text = replace(text, joint=True)
            if head:
                self._head_seen = True
                self.seams.head = text
                self._runs["head"] = slot
            if tail:
                self.seams.tail = text
                self._runs["tail"] = slot
                self.seams.through = head
        return head, tail

    def _open_at_joints(self, run: Run, head: bool, tail: bool) -> None:
        """Make the run's pieces at joints fragments (see :func:`~l10nflow.segment.joints.
        open_piece`)."""
        if not (head or tail) or not run.translatable:
            return
        pieces = run.pieces
        last = len(pieces) - 1
        ends = [0, last] if head and tail and last else [0 if head else last]
        for index in ends:
            left, right = head and index == 0, tail and index == last
            pieces[index], fragment = open_piece(pieces[index], left, right)
            self.seams.fragments.append(fragment)
            self.joint_pieces.append(pieces[index])

    def _seam_text(self, run: Run, tail: bool) -> SeamText:
        if not run.translatable:
            return SeamText("", _NONE)  # one piece, no unit, on either side: nothing to prove
        if self.breaker is None:
            raise SeamMismatch("a run was cut, and its units are not sentences")
        tokens: list[Token] = [token for piece in run.pieces for token in piece.tokens]
        text = run_text(tokens)
        # A run holds no block: from the chunk's start (head) it goes on to the sentinel or
        # to its block's end; a tail run holds all before the sentinel from its block's start.
        others = len(run.container) - len(run.children) - tail
        covers = others == 0 and run.lead_owner is None
        units = sum(piece.msgid is not None for piece in run.pieces)
        return SeamText(text, self.breaker.breaks(text), covers, units)

    def finish(self, marked: Callable[[Run], int] | None = None) -> Seams:
        """The chunk's seams; ``marked``: how many units of a run were left untranslated
        and marked (``apply``: a part fell when all of its units were)."""
        if marked is not None:
            seams = self.seams
            if "head" in self._runs and seams.head is not None:
                seams.head = _fallen(seams.head, marked(self._runs["head"]))
            if "tail" in self._runs and seams.tail is not None:
                seams.tail = _fallen(seams.tail, marked(self._runs["tail"]))
        self._runs.clear()
        if self.before_head:
            # The chunk starts with an element that is a block (a link around a <div>):
            # the run before the seam, if any, ends there in the whole page too.
            self.seams.head = _NO_RUN
        if self.sentinel is not None and self.seams.tail is None:
            # Only white space between a block and the seam: the run starts at the seam.
            self.seams.tail = _NO_RUN
        return self.seams


def _fallen(part: SeamText, marked: int) -> SeamText:
    return replace(part, fell=marked == part.units)


def _ends_before(run: Run, sentinel: etree._Element) -> bool:
    if run.container is not sentinel.getparent():
        return False
    if run.children:
        return run.children[-1].getnext() is sentinel
    if run.lead_owner is not None:
        return run.lead_owner.getnext() is sentinel
    return run.container[0] is sentinel


class SeamCheck:
    """Proves, chunk by chunk, that the breaker cuts each run cut at seams where the chunks
    cut it (see the module's docstring); raises :class:`SeamMismatch` if not. ``proven``:
    the same cuts were proved already (``apply`` walks the chunks of a page cut at joints
    twice): only what the chunks left untranslated is checked."""

    def __init__(self, breaker: SentenceBreaker | None, proven: bool = False) -> None:
        self._breaker = breaker
        self._proven = proven
        self._parts: list[SeamText] = []

    def add(self, seams: Seams) -> None:
        if (seams.head is not None) != bool(self._parts):
            raise SeamMismatch("the chunks do not agree on where a run was cut")
        if seams.head is not None:
            self._parts.append(seams.head)
            if not seams.through:
                self._prove(self._parts)
                self._parts = []
        if seams.tail is not None and not seams.through:
            self._parts = [seams.tail]

    def finish(self) -> None:
        if self._parts:
            raise SeamMismatch("the last chunk ends inside a run")

    def _prove(self, parts: list[SeamText]) -> None:
        if all(part.covers and part.fell for part in parts) and any(p.units for p in parts):
            raise SeamMismatch("a block cut at seams is left in the source language")
        if self._proven or not any(part.text for part in parts):
            return  # a run that is not translated
        if self._breaker is None:
            raise SeamMismatch("a run was cut, and its units are not sentences")
        length = sum(len(part.text) for part in parts)
        expected = array("q")
        offset = 0
        for number, part in enumerate(parts):
            if number and parts[number - 1].run and part.run and not part.joint:
                # A seam between two parts of a run must be a break of the whole run: not
                # at its text's start or end (an empty <a> after the last sentence is in
                # that sentence's piece). A joint must not be.
                expected.append(offset)
            expected.extend(offset + cut for cut in part.breaks)
            offset += len(part.text)
        whole = "".join(part.text for part in parts)
        kind = JointMismatch if any(part.joint for part in parts) else SeamMismatch
        parts.clear()  # (a 20 MB run: its parts' texts go before the breaker's work)
        found = _inside(self._breaker(whole), length)
        if found != expected:
            at = next((a for a, b in zip(found, expected, strict=False) if a != b), offset)
            raise kind(f"a cut inside a run is not where its sentences break ({at})")

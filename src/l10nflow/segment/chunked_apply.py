"""``apply`` of a large page chunk by chunk (see :mod:`l10nflow.segment.chunks`), with the
bytes the whole-page path writes.

Each chunk is rebuilt as :func:`~l10nflow.segment.faithful.rebuild` rebuilds a page: walked,
translated in its tree, the same changes made to its source text, and the edited text parsed
again (behind the same context) and compared with the translated tree. The page is the
concatenation of the edited chunks. Whatever the whole-page path would not write from the
source — a change it cannot locate, text that does not parse back, a page in a legacy
encoding — is left to it: the page is then processed whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from lxml import etree

from l10nflow.forking import default_workers
from l10nflow.lazy import lazy_logger
from l10nflow.model import Lookup, Unit
from l10nflow.segment.apply import Fixed, LocalisedDocument, localise_slots
from l10nflow.segment.chunk_pool import PlanRecord, at_seams_or_blocks, run_chunks
from l10nflow.segment.chunk_units import ChunkUnits, JointJoin, JointUnit, SeamJoin, chunk_units
from l10nflow.segment.chunks import Chunk, ParsedChunk
from l10nflow.segment.extract import SegmentOptions
from l10nflow.segment.faithful import Rebuilt, read_source, same_tree, set_document_lang
from l10nflow.segment.htmlio import (
    decode_html,
    deep_tree_safe,
    parse_html,
    storable_text,
)
from l10nflow.segment.joint_texts import Part, local_translation, split_translation
from l10nflow.segment.joints import JointMismatch
from l10nflow.segment.large_pages import Unchunkable, chunk_size_for
from l10nflow.segment.pieces import Piece
from l10nflow.segment.placeholders import InvalidTranslation
from l10nflow.segment.run_seams import (
    RunCuts,
    SeamCheck,
    SeamFinder,
    Seams,
    recording_breaker,
)
from l10nflow.segment.runs import Run, Slot, walk
from l10nflow.segment.source_map import Unlocatable
from l10nflow.segment.splice import SourceEdits

R = TypeVar("R")

log = lazy_logger(__name__)  # logging is imported only when a message is given


@dataclass(frozen=True)
class ApplyJob:
    """What every chunk is rebuilt with."""

    path: Path
    lookup: Lookup
    options: SegmentOptions
    fallback_lang: str | None
    lang: str | None
    to_parse: Callable[[str], str]
    # The translations of the fragments of units cut at joints, by chunk number, in the
    # order of each chunk's fragments (None: the unit has no letters, it is no unit); None
    # until a chunk says it has some (see _joint_texts).
    joints: dict[int, list[JointPart | None]] | None = None


@dataclass(frozen=True)
class JointPart:
    """A fragment's part of its unit's translation (see :mod:`~l10nflow.segment.
    joint_texts`), and whether that translation changes the unit."""

    part: Part
    changed: bool


class JointsNeeded(Exception):
    """A chunk holds fragments of a unit cut at a joint and has no translations for them."""


def _replacing(text: str) -> str:
    """Source text (invalid UTF-8 bytes kept as lone surrogates) as the parser reads it."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass
class ChunkEdits(SourceEdits):
    """A chunk's source edits. A run at the start of a chunk cut inside it (see
    :mod:`~l10nflow.segment.run_seams`) is never all its block holds: the block's start tag
    is the context's, so the run's untranslated units are marked, not the block; the caller
    learns how many units of a run were marked (:meth:`marked`) and leaves to the whole page
    a block whose every part was marked whole."""

    context: list[etree._Element] = field(default_factory=list)
    _marked: dict[int, int] = field(default_factory=dict)  # id(run) → units marked

    def has_start_tag(self, element: etree._Element) -> bool:
        return element not in self.context and super().has_start_tag(element)

    def mark_piece(self, run: Run, piece: Piece, lang: str) -> None:
        self._marked[id(run)] = self._marked.get(id(run), 0) + 1
        super().mark_piece(run, piece, lang)

    def marked(self, run: Run) -> int:
        """How many units of ``run`` were marked as left untranslated."""
        return self._marked.get(id(run), 0)


def chunk_slots(
    parsed: ParsedChunk, path: Path, options: SegmentOptions
) -> tuple[list[Slot], SeamFinder]:
    """The chunk's slots, without its context's attributes (their own chunk has them), and
    what found its runs at seams."""
    breaker = recording_breaker(options)
    slots = [slot for slot in walk(parsed.root, path, breaker) if parsed.keeps(slot)]
    seams = parsed.seam_finder(breaker)
    for slot in slots:
        seams.see(slot)
    return slots, seams


def _fixed(finder: SeamFinder, number: int, job: ApplyJob) -> dict[int, Fixed]:
    """The translations of the chunk's fragments by ``id(piece)`` (see ``ApplyJob.joints``);
    a fragment of a unit that has no letters is no unit."""
    pieces = finder.joint_pieces
    if not pieces:
        return {}
    if job.joints is None:
        raise JointsNeeded
    texts = job.joints.get(number)
    if texts is None or len(texts) != len(pieces):
        raise JointMismatch(f"chunk {number}: its fragments are not the ones planned")
    fixed: dict[int, Fixed] = {}
    for piece, text in zip(pieces, texts, strict=True):
        if text is None:
            piece.msgid = None
            continue
        # (Checked by the localiser: see rebuild_chunk.)
        fixed[id(piece)] = (local_translation(text.part), text.changed)
    return fixed


def rebuild_chunk(
    parsed: ParsedChunk, source: str, job: ApplyJob
) -> tuple[str, LocalisedDocument, Seams]:
    """The chunk's rebuilt source text (without its context), what was translated, and its
    runs at seams."""
    chunk, root = parsed.chunk, parsed.root
    if job.joints is None and (chunk.starts_at_joint or chunk.ends_at_joint):
        raise JointsNeeded  # before the walk: it is done again once they are known
    text = chunk.text(source)
    edits = ChunkEdits(text, root, context=parsed.context_elements)
    slots, finder = chunk_slots(parsed, job.path, job.options)
    fixed = _fixed(finder, chunk.number, job)
    try:
        document = localise_slots(root, slots, job.lookup, job.fallback_lang, edits, fixed=fixed)
    except InvalidTranslation as exc:  # the whole page warns and marks the unit
        raise JointMismatch(f"chunk {chunk.number}: a fragment's translation: {exc}") from exc
    seams = finder.finish(edits.marked)
    if job.lang is not None and chunk.number == 0:
        set_document_lang(job.path, root, edits, job.lang, document)
    if edits.problem is not None:
        raise Unchunkable(edits.problem)
    if not edits.edits:
        return source[chunk.start : chunk.end], document, seams
    body_start, body_end = len(chunk.prefix), len(chunk.prefix) + chunk.end - chunk.start
    if any(edit.start < body_start or edit.end > body_end for edit in edits.edits):
        raise Unchunkable(f"chunk {chunk.number}: a change outside the chunk")
    try:
        rendered = edits.render()
        rendered.encode("utf-8", "surrogateescape")
    except (Unlocatable, UnicodeError) as exc:
        raise Unchunkable(str(exc)) from exc
    # The walk's tokens hold the elements the translation replaced, and the source map every
    # element: let both go before the edited text is parsed again (a one-chunk page's tree).
    del slots, edits
    ending = chunk.ending
    if not (rendered.startswith(chunk.prefix) and rendered.endswith(ending)):
        raise Unchunkable(f"chunk {chunk.number}: its context was changed")
    if not same_tree(parse_html(job.to_parse(rendered), job.path, False), root):
        raise Unchunkable("the edited source does not parse to the translated page")
    return rendered[len(chunk.prefix) : len(rendered) - len(ending)], document, seams


# A chunk's rebuilt text, its units (total, translated, warnings) and its runs at seams.
ChunkResult = tuple[str, int, int, list[str], Seams]


def _chunk_work(parsed: ParsedChunk, source: str, job: ApplyJob) -> ChunkResult:
    body, document, seams = rebuild_chunk(parsed, source, job)
    return body, document.total, document.translated, document.warnings, seams


@dataclass(frozen=True)
class _Cuts:
    """How a page is cut: its text, the chunks' size, the processes, and the cuts allowed
    inside runs (see :func:`~l10nflow.segment.chunk_pool.run_chunks`)."""

    source: str
    path: Path
    size: int
    processes: int
    run_cuts: RunCuts | None
    # Planned once: a page cut at joints is walked twice over the same chunks.
    record: PlanRecord = field(default_factory=PlanRecord)

    def run(
        self,
        work: Callable[[ParsedChunk, str, ApplyJob], R],
        job: ApplyJob,
        check: Callable[[Chunk], None] | None = None,
    ) -> Iterator[R]:
        return run_chunks(
            self.source,
            self.path,
            self.size,
            job.to_parse,
            work,
            job,
            self.processes,
            self.run_cuts,
            self.record,
            check,
        )


def _joints_needed(chunk: Chunk) -> None:
    """Raise :class:`JointsNeeded` as soon as a chunk cut at a joint is planned (not when a
    worker gets it: the chunks planned meanwhile would be parsed for nothing)."""
    if chunk.starts_at_joint or chunk.ends_at_joint:
        raise JointsNeeded


def _bodies(
    page: _Cuts,
    job: ApplyJob,
) -> tuple[list[str], LocalisedDocument]:
    """The rebuilt text of every chunk and what was translated; with ``run_cuts``,
    chunks may end inside runs (raises :class:`~l10nflow.segment.run_seams.SeamMismatch`
    if a seam was not where the whole run's sentences break, or its block is left
    untranslated whole). Chunks cut at joints are rebuilt once their units' translations
    are known (:func:`_joint_texts`)."""
    try:
        return _rebuilt_chunks(page, job)
    except JointsNeeded:
        joints, fragments = _joint_texts(page, job)
        job = replace(job, joints=joints)
    bodies, document = _rebuilt_chunks(page, job)
    # Each fragment was counted as a unit.
    document.total -= fragments
    document.translated -= fragments
    return bodies, document


def _units_work(parsed: ParsedChunk, source: str, job: ApplyJob) -> ChunkUnits:
    return chunk_units(parsed, job.path, job.options)


def _joint_texts(
    page: _Cuts,
    job: ApplyJob,
) -> tuple[dict[int, list[JointPart | None]], int]:
    """The translations of the fragments of the units cut at joints (see ``ApplyJob.joints``)
    and how many fragments there are besides each unit's first. The chunks are walked as
    ``extract`` walks them, to know those units. Raises
    :class:`~l10nflow.segment.joints.JointMismatch` for a unit the whole page would mark as
    left in the source language, or whose translation cannot be cut at the joints."""
    seams, order, joins = SeamCheck(job.options.breaker()), SeamJoin(), JointJoin(keep=True)
    for found in page.run(_units_work, job):
        seams.add(found.seams)
        joins.units(found.number, found.seams, order.units(found))
    seams.finish()
    joins.finish()
    texts: dict[int, list[JointPart | None]] = {}
    others = 0
    for joint in joins.done:
        parts: list[JointPart | None] = [None] * len(joint.fragments)
        if joint.letters:
            parts = list(_fragment_translations(joint, job.lookup))
            others += len(parts) - 1
        for (number, _), part in zip(joint.places, parts, strict=True):
            texts.setdefault(number, []).append(part)
    return texts, others


def _fragment_translations(joint: JointUnit, lookup: Lookup) -> list[JointPart]:
    msgid = joint.msgid
    found = lookup(Unit(msgid=msgid, extracted_comments=list(joint.first[2][:1])))
    if found is None:
        raise JointMismatch(f"line {joint.first[1]}: a unit cut at joints is not translated")
    parts = split_translation(found.text, joint.fragments, joint.offsets)
    if parts is None:
        raise JointMismatch(
            f"line {joint.first[1]}: its translation lacks the first markup after a joint"
        )
    changed = found.text != msgid
    return [JointPart(part, changed) for part in parts]


def _rebuilt_chunks(
    page: _Cuts,
    job: ApplyJob,
) -> tuple[list[str], LocalisedDocument]:
    bodies: list[str] = []
    document = LocalisedDocument(tree=etree.Element("html"))  # no tree: it was in chunks
    seam_check = SeamCheck(job.options.breaker(), proven=job.joints is not None)
    check = _joints_needed if job.joints is None else None
    for body, total, translated, warnings, seams in page.run(_chunk_work, job, check):
        seam_check.add(seams)
        bodies.append(body)
        document.total += total
        document.translated += translated
        document.warnings += warnings
    seam_check.finish()
    return bodies, document


@deep_tree_safe
def chunked_rebuild(
    path: Path,
    lookup: Lookup,
    options: SegmentOptions,
    fallback_lang: str | None = "en",
    lang: str | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
) -> Rebuilt | None:
    """:func:`~l10nflow.segment.faithful.rebuild` of a large page, chunk by chunk; None for a
    page that is not cut (`large_pages.chunk_size_for`) or must be rebuilt whole (the caller
    then does). ``chunk_size`` forces chunking at any size (tests); ``workers``: processes
    (default: :func:`~l10nflow.forking.default_workers`)."""
    processes = workers or default_workers()
    size = chunk_size or chunk_size_for(path, processes)
    if size is None:
        return None
    page = read_source(path, warn=False)  # warned once below, or by the whole-page path
    if not page.utf8:
        log.info("%s: processed as a whole page: not UTF-8", path)
        return None
    source = page.skeleton
    valid = source == page.text  # no invalid bytes kept as lone surrogates
    job = ApplyJob(path, lookup, options, fallback_lang, lang, str if valid else _replacing)

    def attempt(run_cuts: RunCuts | None) -> tuple[list[str], LocalisedDocument]:
        return _bodies(_Cuts(source, path, size, processes, run_cuts), job)

    done = at_seams_or_blocks(path, options.breaker(), attempt)
    if done is None:
        return None
    bodies, document = done
    storable_text(decode_html(page.data, path), path)  # the whole-page path's warnings, once
    log.info("%s: rebuilt in %d chunks (%d processes)", path, len(bodies), processes)
    return Rebuilt(page.encode("".join(bodies)), document, True)

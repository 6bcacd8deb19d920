"""``extract`` of a large page chunk by chunk (see :mod:`l10nflow.segment.chunks`), with
the template the whole-page path makes, byte for byte.

Each chunk is walked as a whole page is; the attributes of its context elements are left out
(their own chunk has them) and each unit keeps its whole-page line. Units are merged into the
template's entries as they come, kept as tuples rather than :class:`~l10nflow.model.Unit`
objects (a 20 MB page has 600,000 of them), and formatted a few thousand at a time.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from l10nflow import __version__
from l10nflow.catalog.headers import now_utc, template_header
from l10nflow.catalog.po_write import format_po
from l10nflow.forking import default_workers, run_forked
from l10nflow.lazy import lazy_logger
from l10nflow.model import Catalog, Key, Location, Unit
from l10nflow.segment.chunk_pool import at_seams_or_blocks, run_chunks
from l10nflow.segment.chunk_units import (
    ChunkUnits,
    CompactUnit,
    JointJoin,
    SeamJoin,
    chunk_units,
)
from l10nflow.segment.chunks import ParsedChunk
from l10nflow.segment.extract import SegmentOptions
from l10nflow.segment.htmlio import decode_html, deep_tree_safe, read_html_bytes, storable_text
from l10nflow.segment.large_pages import chunk_size_for
from l10nflow.segment.run_seams import RunCuts, SeamCheck

log = lazy_logger(__name__)  # logging is imported only when a message is given

_FORMAT_BATCH = 2000
_NO_LINE = -1  # a unit whose line is unknown (past 65535 after a cut)
# An entry seen again: its lines and comments in first-seen order, and the same as sets.
_Repeat = tuple[list[int | None], set[int | None], list[str], set[str]]
# From this many entries a template is formatted on every core (forking costs ~0.1 s).
_PARALLEL_FORMAT = 50_000


class TemplateEntries:
    """A template's entries as units arrive: identical units become one entry with their
    references and comments in first-seen order (as ``build_template`` merges them).

    Kept in parallel lists, one slot per entry, with the key of a unit without context as
    its msgid alone and one tuple for each distinct set of comments: a page of 1.6 million
    list items has as many entries (a tuple per entry took 590 MB, these lists 300)."""

    def __init__(self) -> None:
        self._index: dict[Key | str, int] = {}
        self._keys: list[Key | str | None] = []  # None once formatted
        self._lines = array("l")  # the first reference's line; _NO_LINE: unknown
        self._comments: list[tuple[str, ...]] = []
        self._distinct: dict[tuple[str, ...], tuple[str, ...]] = {}
        # Entries seen again: all their lines and comments, in first-seen order, and as sets.
        self._repeats: dict[int, _Repeat] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, units: Iterable[CompactUnit]) -> None:
        for key, line, comments in units:
            index_key: Key | str = key[1] if key[0] is None else key
            number = self._index.get(index_key)
            if number is None:
                self._index[index_key] = len(self._keys)
                self._keys.append(index_key)
                self._lines.append(_NO_LINE if line is None else line)
                self._comments.append(self._distinct.setdefault(comments, comments))
            else:
                self._merge(number, line, comments)

    def _merge(self, number: int, line: int | None, comments: tuple[str, ...]) -> None:
        repeat = self._repeats.get(number)
        if repeat is None:
            first_line, first_comments = self._line(number), self._comments[number]
            repeat = ([first_line], {first_line}, list(first_comments), set(first_comments))
            self._repeats[number] = repeat
        lines, seen_lines, all_comments, seen_comments = repeat
        if line not in seen_lines:
            seen_lines.add(line)
            lines.append(line)
        for comment in comments:
            if comment not in seen_comments:
                seen_comments.add(comment)
                all_comments.append(comment)

    def _line(self, number: int) -> int | None:
        line = self._lines[number]
        return None if line == _NO_LINE else line

    def clear(self) -> None:
        """Forget every entry (the memory is freed)."""
        self._index.clear()
        self._keys.clear()
        self._lines = array("l")
        self._comments.clear()
        self._distinct.clear()
        self._repeats.clear()

    def units(self, display_path: str, start: int = 0, stop: int | None = None) -> Iterator[Unit]:
        """The entries ``[start:stop]`` as units. All of them (the default) empty the store
        as they go, which frees its memory; a slice leaves it as it is: the slices of a
        parallel format may run one after the other in the same forked worker."""
        consume = start == 0 and stop is None
        locations: dict[int | None, Location] = {}  # frozen: the entries of a line share one
        if consume:
            self._index.clear()
        for number in range(start, len(self._keys) if stop is None else stop):
            key = self._keys[number]
            msgctxt, msgid = (None, key) if isinstance(key, str) else key  # type: ignore[misc]
            repeat = self._repeats.pop(number, None) if consume else self._repeats.get(number)
            lines, comments = (
                ([self._line(number)], self._comments[number]) if repeat is None else repeat[::2]
            )
            if consume:
                self._keys[number] = None
            yield Unit(
                msgid=msgid,
                msgctxt=msgctxt,
                locations=[_location(locations, display_path, line) for line in lines],
                extracted_comments=list(comments),
            )
        if consume:
            self.clear()

    def format(self, display_path: str, project: str, workers: int = 1) -> str:
        """The template as ``format_po(build_template(units, project))`` writes it; with
        ``workers``, a large one is formatted on that many cores, a slice each."""
        header = template_header(project, __version__, now_utc())
        parts = [format_po(Catalog(header=header))]
        count = len(self)
        if workers > 1 and count >= _PARALLEL_FORMAT:
            step = -(-count // workers)
            slices = [(start, min(start + step, count)) for start in range(0, count, step)]
            parts += run_forked(_format_slice, (self, display_path), slices)
            self.clear()  # before the parts are joined: the entries are as large
        elif count:
            parts.append(self.format_slice(display_path))
        return "\n".join(parts)

    def format_slice(self, display_path: str, start: int = 0, stop: int | None = None) -> str:
        """Entries ``[start:stop]`` formatted, a few thousand at a time (as one text); all of
        them (the default) empty the store (see :meth:`units`)."""
        parts: list[str] = []
        batch: list[Unit] = []
        for unit in self.units(display_path, start, stop):
            batch.append(unit)
            if len(batch) == _FORMAT_BATCH:
                parts.append(format_po(Catalog(units=batch)))
                batch = []
        if batch:
            parts.append(format_po(Catalog(units=batch)))
        return "\n".join(parts)


def _location(known: dict[int | None, Location], display_path: str, line: int | None) -> Location:
    location = known.get(line)
    if location is None:
        location = known[line] = Location(display_path, line)
    return location


def _format_slice(shared: tuple[TemplateEntries, str], bounds: tuple[int, int]) -> str:
    entries, display_path = shared
    return entries.format_slice(display_path, *bounds)


def _page_text(path: Path, warn: bool) -> str:
    """The page's text as the whole-page parser gets it."""
    return storable_text(decode_html(read_html_bytes(path), path, warn), path, warn)


def _chunk_work(
    parsed: ParsedChunk, source: str, shared: tuple[Path, SegmentOptions]
) -> ChunkUnits:
    return chunk_units(parsed, *shared)


def _entries(
    text: str,
    path: Path,
    size: int,
    options: SegmentOptions,
    processes: int,
    run_cuts: RunCuts | None,
) -> tuple[TemplateEntries, int]:
    """The template's entries, made chunk by chunk, and how many chunks there were; with
    ``run_cuts``, chunks may end inside runs (raises
    :class:`~l10nflow.segment.run_seams.SeamMismatch` if a seam was not where the whole
    run's sentences break)."""
    entries = TemplateEntries()
    seams, order, joints = SeamCheck(options.breaker()), SeamJoin(), JointJoin()
    chunks = 0
    for found in run_chunks(
        text, path, size, str, _chunk_work, (path, options), processes, run_cuts
    ):
        seams.add(found.seams)
        entries.add(joints.units(found.number, found.seams, order.units(found)))
        chunks += 1
    seams.finish()
    joints.finish()
    return entries, chunks


@deep_tree_safe
def chunked_template_text(
    path: Path,
    options: SegmentOptions,
    display_path: str,
    project: str,
    chunk_size: int | None = None,
    workers: int | None = None,
) -> str | None:
    """The formatted template of a large page, made chunk by chunk; None for a page that
    is not cut (`large_pages.chunk_size_for`) or must be processed whole (the caller then
    does). ``chunk_size`` forces chunking at any size (tests); ``workers``: processes
    (default: :func:`~l10nflow.forking.default_workers`)."""
    processes = workers or default_workers()
    size = chunk_size or chunk_size_for(path, processes)
    if size is None:
        return None
    text = _page_text(path, False)
    attempt = partial(_entries, text, path, size, options, processes)
    done = at_seams_or_blocks(path, options.breaker(), attempt)
    del attempt
    if done is None:
        return None
    entries, chunks = done
    del text
    _page_text(path, True)  # the warnings the whole-page path gives, once
    log.info("%s: extracted in %d chunks (%d processes)", path, chunks, processes)
    return entries.format(display_path, project, processes)

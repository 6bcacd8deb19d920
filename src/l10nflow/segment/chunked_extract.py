"""``extract`` of a large page chunk by chunk (see :mod:`l10nflow.segment.chunks`), with
the template the whole-page path makes, byte for byte.

Each chunk is walked as a whole page is; the attributes of its context elements are left out
(their own chunk has them) and each unit keeps its whole-page line. Units are merged into the
template's entries as they come, kept as tuples rather than :class:`~l10nflow.model.Unit`
objects (a 20 MB page has 600,000 of them), and formatted a few thousand at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow import __version__
from l10nflow.catalog.headers import now_utc, template_header
from l10nflow.catalog.po_write import format_po
from l10nflow.lazy import lazy_logger
from l10nflow.model import Catalog, Key, Location, Unit
from l10nflow.segment.chunk_pool import default_workers, run_chunks, run_forked
from l10nflow.segment.chunks import ParsedChunk, Unchunkable
from l10nflow.segment.extract import SegmentOptions, units_from_slots
from l10nflow.segment.htmlio import decode_html, deep_tree_safe, read_html_bytes, storable_text
from l10nflow.segment.large_pages import chunk_size_for
from l10nflow.segment.runs import Slot, walk_into

log = lazy_logger(__name__)  # logging is imported only when a message is given

# One unit: its key, its line (None: unknown) and its extracted comments.
CompactUnit = tuple[Key, int | None, tuple[str, ...]]
_FORMAT_BATCH = 2000
# From this many entries a template is formatted on every core (forking costs ~0.1 s).
_PARALLEL_FORMAT = 50_000


@dataclass
class ChunkCollector:
    """A walk's sink for one chunk: its units, as tuples, without the context's attributes."""

    parsed: ParsedChunk
    units: list[CompactUnit] = field(default_factory=list)

    def append(self, slot: Slot, /) -> None:
        if not self.parsed.keeps(slot):
            return
        for unit in units_from_slots([slot], ""):
            comments = tuple(unit.extracted_comments)
            self.units.append((unit.key, unit.locations[0].line, comments))

    def extend(self, slots: Iterable[Slot], /) -> None:
        for slot in slots:
            self.append(slot)


def chunk_units(parsed: ParsedChunk, path: Path, options: SegmentOptions) -> list[CompactUnit]:
    """The units of one parsed chunk, in document order."""
    collector = ChunkCollector(parsed)
    walk_into(collector, parsed.root, path, options.breaker())
    return collector.units


class TemplateEntries:
    """A template's entries as units arrive: identical units become one entry with their
    references and comments in first-seen order (as ``build_template`` merges them)."""

    def __init__(self) -> None:
        self._index: dict[Key, int] = {}
        # key, lines, comments; the lists are made on an entry's first repeat.
        self._entries: list[tuple[Key, list[int | None], list[str]] | CompactUnit] = []
        self._seen: dict[int, tuple[set[int | None], set[str]]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, units: Iterable[CompactUnit]) -> None:
        for unit in units:
            key, line, comments = unit
            number = self._index.get(key)
            if number is None:
                self._index[key] = len(self._entries)
                self._entries.append(unit)
            else:
                self._merge(number, line, comments)

    def _merge(self, number: int, line: int | None, comments: tuple[str, ...]) -> None:
        entry = self._entries[number]
        known = self._seen.get(number)
        if known is None:
            key, first_line, first_comments = entry
            assert not isinstance(first_line, list) and isinstance(first_comments, tuple)
            entry = (key, [first_line], list(first_comments))
            self._entries[number] = entry
            known = self._seen[number] = ({first_line}, set(first_comments))
        lines, seen_comments = known
        if line not in lines:
            lines.add(line)
            entry[1].append(line)  # type: ignore[union-attr]
        for comment in comments:
            if comment not in seen_comments:
                seen_comments.add(comment)
                entry[2].append(comment)  # type: ignore[union-attr]

    def units(self, display_path: str, start: int = 0, stop: int | None = None) -> Iterator[Unit]:
        """The entries ``[start:stop]`` as units. All of them (the default) empty the store
        as they go, which frees its memory; a slice leaves it as it is: the slices of a
        parallel format may run one after the other in the same forked worker."""
        if start == 0 and stop is None:
            self._index.clear()
            self._seen.clear()
            entries, self._entries = self._entries, []
        else:
            entries = self._entries[start:stop]
        entries.reverse()  # popped from the end, in document order
        while entries:
            (msgctxt, msgid), lines, comments = entries.pop()
            numbers = lines if isinstance(lines, list) else [lines]
            yield Unit(
                msgid=msgid,
                msgctxt=msgctxt,
                locations=[Location(display_path, line) for line in numbers],
                extracted_comments=list(comments),
            )

    def format(self, display_path: str, project: str, workers: int = 1) -> str:
        """The template as ``format_po(build_template(units, project))`` writes it; with
        ``workers``, a large one is formatted on that many cores, a slice each."""
        header = template_header(project, __version__, now_utc())
        parts = [format_po(Catalog(header=header))]
        count = len(self._entries)
        if workers > 1 and count >= _PARALLEL_FORMAT:
            step = -(-count // workers)
            slices = [(start, min(start + step, count)) for start in range(0, count, step)]
            parts += run_forked(_format_slice, (self, display_path), slices)
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


def _format_slice(shared: tuple[TemplateEntries, str], bounds: tuple[int, int]) -> str:
    entries, display_path = shared
    return entries.format_slice(display_path, *bounds)


def _page_text(path: Path, warn: bool) -> str:
    """The page's text as the whole-page parser gets it."""
    return storable_text(decode_html(read_html_bytes(path), path, warn), path, warn)


def _chunk_work(
    parsed: ParsedChunk, source: str, shared: tuple[Path, SegmentOptions]
) -> list[CompactUnit]:
    return chunk_units(parsed, *shared)


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
    (default: :func:`~l10nflow.segment.chunk_pool.default_workers`)."""
    processes = workers or default_workers()
    size = chunk_size or chunk_size_for(path, processes)
    if size is None:
        return None
    text = _page_text(path, False)
    entries = TemplateEntries()
    try:
        chunks = 0
        for units in run_chunks(text, path, size, str, _chunk_work, (path, options), processes):
            entries.add(units)
            chunks += 1
    except Unchunkable as exc:
        log.info("%s: processed as a whole page: %s", path, exc)
        return None
    del text
    _page_text(path, True)  # the warnings the whole-page path gives, once
    log.info("%s: extracted in %d chunks (%d processes)", path, chunks, processes)
    return entries.format(display_path, project, processes)

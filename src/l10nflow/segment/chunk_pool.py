"""Run a function on every chunk of a page, in this process or on every core.

Chunks are found in order (each cut needs the parse of the chunk before it), so this process
plans: it parses each chunk once to find the next cut and hands the chunk's text to a worker,
which parses it again and does the real work (walking, translating) — the parse is a few
per cent of that work. Results come back in page order; at most two chunks per worker are in
flight, so memory stays bounded. Workers are forked, so they share what the caller set up
(a lookup of the catalogue's translations) without pickling it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from l10nflow.forking import can_fork, forked_pool
from l10nflow.forking import shared as shared_value
from l10nflow.lazy import lazy_logger
from l10nflow.segment.chunk_plan import plan
from l10nflow.segment.chunks import Chunk, ParsedChunk, check_page, parse_chunk
from l10nflow.segment.htmlio import deep_tree_safe
from l10nflow.segment.joints import JointMismatch
from l10nflow.segment.large_pages import SeamMismatch, Unchunkable
from l10nflow.segment.pieces import SentenceBreaker
from l10nflow.segment.run_seams import RunCuts

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

R = TypeVar("R")
Work = Callable[[ParsedChunk, str, Any], R]

log = lazy_logger(__name__)  # logging is imported only when a message is given


def at_seams_or_blocks(
    path: Path, breaker: SentenceBreaker | None, attempt: Callable[[RunCuts | None], R]
) -> R | None:
    """``attempt(cuts)``, whose chunks may end at seams and joints; if a joint does not
    give the whole page's units, with seams only; if a seam is not where the whole run's
    sentences break, ``attempt(None)`` (block cuts only); None, said with ``-v``, when the
    page must be processed whole."""
    try:
        if breaker is not None:
            try:
                try:
                    return attempt(RunCuts(breaker))
                except JointMismatch as exc:
                    log.info("%s: cut at seams and blocks only: %s", path, exc)
                    return attempt(RunCuts(breaker, joints=False))
            except SeamMismatch as exc:
                log.info("%s: cut at blocks only: %s", path, exc)
        return attempt(None)
    except Unchunkable as exc:
        log.info("%s: processed as a whole page: %s", path, exc)
        return None


@dataclass
class PlanRecord:
    """A page's plan, kept for another run over the same cuts (``apply`` at joints walks a
    page twice): the chunks once every one was planned, and :func:`check_page`'s list. A
    replayed chunk is not parsed here unless this process works it."""

    again: list[int] | None = None
    chunks: list[Chunk] | None = None

    def planned(
        self,
        source: str,
        path: Path,
        chunk_size: int,
        to_parse: Callable[[str], str],
        run_cuts: RunCuts | None,
    ) -> Iterator[Chunk | ParsedChunk]:
        assert self.again is not None  # (set by run_chunks, before the first chunk)
        if self.chunks is not None:
            yield from self.chunks
            return
        chunks: list[Chunk] = []
        for parsed in plan(source, path, chunk_size, to_parse, self.again, run_cuts):
            chunks.append(parsed.chunk)
            if parsed.chunk.last:  # (kept before: a caller stops asking at the last)
                self.chunks = chunks
            yield parsed


def run_chunks(
    source: str,
    path: Path,
    chunk_size: int,
    to_parse: Callable[[str], str],
    work: Work[R],
    shared: Any,
    workers: int,
    run_cuts: RunCuts | None = None,
    record: PlanRecord | None = None,
    check: Callable[[Chunk], None] | None = None,
) -> Iterator[R]:
    """``work(parsed_chunk, source, shared)`` for every chunk of the page, in order;
    ``run_cuts``: chunks may end inside runs (see :func:`~l10nflow.segment.chunk_plan.plan`);
    ``record``: the plan of an earlier run with the same arguments, or where this one's is
    kept; ``check(chunk)`` is called here before a chunk is worked (it may raise)."""
    record = record or PlanRecord()
    if record.again is None:
        record.again = check_page(source)
    again = record.again
    planned = record.planned(source, path, chunk_size, to_parse, run_cuts)

    def parsed(item: Chunk | ParsedChunk) -> ParsedChunk:
        if isinstance(item, ParsedChunk):
            return item
        return parse_chunk(item, source, path, to_parse, again)

    if workers <= 1 or not can_fork():
        for item in planned:
            if check is not None:
                check(item if isinstance(item, Chunk) else item.chunk)
            yield work(parsed(item), source, shared)
        return
    pending: deque[Future[R]] = deque()
    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None  # made at the first chunk sent out
        try:
            for item in planned:
                chunk = item if isinstance(item, Chunk) else item.chunk
                if check is not None:
                    check(chunk)
                if chunk.last:
                    # Worked here, on the parse at hand, while the workers finish theirs: a
                    # page that is one chunk (one huge paragraph) is parsed once, not twice,
                    # and forks nothing.
                    last = work(parsed(item), source, shared)
                    while pending:
                        yield pending.popleft().result()
                    yield last
                    return
                del item  # the worker parses its text again
                text = source[chunk.start : chunk.end]
                local = [offset - chunk.start for offset in again if chunk.start <= offset]
                moved = replace(chunk, start=0, end=len(text))
                if pool is None:
                    pool = stack.enter_context(forked_pool(shared, workers))
                pending.append(pool.submit(_worker, work, moved, text, local, path, to_parse))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


@deep_tree_safe
def _worker(
    work: Work[R],
    chunk: Chunk,
    text: str,
    again: list[int],
    path: Path,
    to_parse: Callable[[str], str],
) -> R:
    return work(parse_chunk(chunk, text, path, to_parse, again), text, shared_value())

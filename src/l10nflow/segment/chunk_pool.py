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
from dataclasses import replace
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


def run_chunks(
    source: str,
    path: Path,
    chunk_size: int,
    to_parse: Callable[[str], str],
    work: Work[R],
    shared: Any,
    workers: int,
    run_cuts: RunCuts | None = None,
) -> Iterator[R]:
    """``work(parsed_chunk, source, shared)`` for every chunk of the page, in order;
    ``run_cuts``: chunks may end inside runs (see :func:`~l10nflow.segment.chunk_plan.plan`)."""
    if workers <= 1 or not can_fork():
        for parsed in plan(source, path, chunk_size, to_parse, None, run_cuts):
            yield work(parsed, source, shared)
        return
    again = check_page(source)
    pending: deque[Future[R]] = deque()
    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None  # made at the first chunk sent out
        try:
            for parsed in plan(source, path, chunk_size, to_parse, again, run_cuts):
                chunk = parsed.chunk
                if chunk.last:
                    # Worked here, on the parse at hand, while the workers finish theirs: a
                    # page that is one chunk (one huge paragraph) is parsed once, not twice,
                    # and forks nothing.
                    last = work(parsed, source, shared)
                    while pending:
                        yield pending.popleft().result()
                    yield last
                    return
                del parsed  # the worker parses its text again
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

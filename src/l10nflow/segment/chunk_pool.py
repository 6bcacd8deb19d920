"""Run a function on every chunk of a page, in this process or on every core.

Chunks are found in order (each cut needs the parse of the chunk before it), so this process
plans: it parses each chunk once to find the next cut and hands the chunk's text to a worker,
which parses it again and does the real work (walking, translating) — the parse is a few
per cent of that work. Results come back in page order; at most two chunks per worker are in
flight, so memory stays bounded. Workers are forked, so they share what the caller set up
(a lookup of the catalogue's translations) without pickling it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from l10nflow.segment.chunks import Chunk, ParsedChunk, check_page, parse_chunk, plan
from l10nflow.segment.htmlio import deep_tree_safe

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

R = TypeVar("R")
T = TypeVar("T")
Work = Callable[[ParsedChunk, str, Any], R]

# What the workers' function gets as its third argument (set before forking).
_shared: list[Any] = []


def default_workers() -> int:
    """Every core, except inside a worker of another pool (``extract -j`` over pages)."""
    if multiprocessing.parent_process() is not None:
        return 1
    return min(os.cpu_count() or 1, 4)


def run_chunks(
    source: str,
    path: Path,
    chunk_size: int,
    to_parse: Callable[[str], str],
    work: Work[R],
    shared: Any,
    workers: int,
) -> Iterator[R]:
    """``work(parsed_chunk, source, shared)`` for every chunk of the page, in order."""
    if workers <= 1 or not _can_fork():
        for parsed in plan(source, path, chunk_size, to_parse):
            yield work(parsed, source, shared)
        return
    again = check_page(source)
    pending: deque[Future[R]] = deque()
    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None  # made at the first chunk sent out
        try:
            for parsed in plan(source, path, chunk_size, to_parse, again):
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
                    pool = stack.enter_context(_forked_pool(shared, workers))
                pending.append(pool.submit(_worker, work, moved, text, local, path, to_parse))
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def run_forked(function: Callable[[Any, T], R], shared: Any, arguments: list[T]) -> list[R]:
    """``[function(shared, argument) for argument in arguments]``, one forked process each
    (they share ``shared`` as it is, unpickled), or here where fork is not available."""
    if len(arguments) <= 1 or not _can_fork():
        return [function(shared, argument) for argument in arguments]
    with _forked_pool(shared, len(arguments)) as pool:
        return list(pool.map(_forked_call, [function] * len(arguments), arguments))


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def _forked_pool(shared: Any, workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers that see ``shared`` as ``_shared[0]`` (set before they fork)."""
    from concurrent.futures import ProcessPoolExecutor  # only for large pages

    _shared[:] = [shared]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield pool
    finally:
        _shared.clear()


def _forked_call(function: Callable[[Any, T], R], argument: T) -> R:
    return function(_shared[0], argument)


@deep_tree_safe
def _worker(
    work: Work[R],
    chunk: Chunk,
    text: str,
    again: list[int],
    path: Path,
    to_parse: Callable[[str], str],
) -> R:
    return work(parse_chunk(chunk, text, path, to_parse, again), text, _shared[0])

"""Work on every core of this machine by forking: the workers share what the caller set up
(a lookup of a catalogue's translations, a page's text) as it is, without pickling it.

Only for work that one large input makes (a large page, a large catalogue); work over many
inputs or machines goes through Dask or Ray (``l10nflow.mt.cluster``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

R = TypeVar("R")
S = TypeVar("S")
T = TypeVar("T")

# What the workers see as shared() (set before forking).
_shared: list[Any] = []


def default_workers() -> int:
    """Every core, except inside a worker of another pool (``extract -j`` over pages)."""
    if multiprocessing.parent_process() is not None:
        return 1
    return min(os.cpu_count() or 1, 4)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def shared() -> Any:
    """In a worker of :func:`forked_pool`: what the pool was made with."""
    return _shared[0]


@contextmanager
def forked_pool(value: Any, workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of forked workers that see ``value`` as :func:`shared` (set before they fork)."""
    from concurrent.futures import ProcessPoolExecutor  # only for large inputs

    _shared[:] = [value]
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield pool
    finally:
        _shared.clear()


def run_forked(function: Callable[[Any, T], R], value: Any, arguments: list[T]) -> list[R]:
    """``[function(value, argument) for argument in arguments]``, one forked process each
    (they share ``value`` as it is, unpickled), or here where fork is not available."""
    if len(arguments) <= 1 or not can_fork():
        return [function(value, argument) for argument in arguments]
    with forked_pool(value, len(arguments)) as pool:
        return list(pool.map(_forked_call, [function] * len(arguments), arguments))


def run_beside(
    here: Callable[[], S], function: Callable[[Any, T], R], value: Any, argument: T
) -> tuple[S, R]:
    """``here()`` in this process while ``function(value, argument)`` runs in a forked one
    (both here, one after the other, where fork is not available)."""
    if not can_fork():
        return here(), function(value, argument)
    with forked_pool(value, 1) as pool:
        future = pool.submit(_forked_call, function, argument)
        try:
            mine = here()
        except BaseException:
            future.cancel()
            raise
        return mine, future.result()


def _forked_call(function: Callable[[Any, T], R], argument: T) -> R:
    return function(_shared[0], argument)

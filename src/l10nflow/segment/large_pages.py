"""Which pages are cut into chunks, and how long the chunks are (see
:mod:`l10nflow.segment.chunks`).

Apart from the chunking code, so that a command on ordinary pages decides without importing
it (chunking brings in multiprocessing: tens of milliseconds of start-up).

A page is cut for two reasons: from CHUNK_THRESHOLD on, to bound memory (a chunk's tree at a
time), and from PARALLEL_THRESHOLD on, when there is more than one core, to work on every
core (a page of 70,000 list items takes 4 s on one).
"""

from __future__ import annotations

from pathlib import Path

# Chunks are at most this long.
CHUNK_SIZE = 2**20
# Pages from this size on are cut, whatever the number of cores.
CHUNK_THRESHOLD = 4 * 2**20
# Pages from this size on are cut when more than one process works on them; smaller ones
# keep the whole-page path (forking and a second parse cost more than a second core gives).
PARALLEL_THRESHOLD = 2**19


class Unchunkable(Exception):
    """The page must be processed whole; the message says why."""


class SeamMismatch(Unchunkable):
    """A cut inside a run (a seam or a joint) does not give the whole page's units; the
    message says where. The page may still be cut at blocks."""


def page_size(path: Path) -> int:
    """The page's size in bytes (0 when it cannot be read: the whole-page path reports that)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def is_large(path: Path) -> bool:
    """Whether ``path`` may be cut into chunks (see :func:`chunk_size_for`)."""
    return page_size(path) >= min(CHUNK_THRESHOLD, PARALLEL_THRESHOLD)


def chunk_size_for(path: Path, workers: int) -> int | None:
    """How long the chunks of ``path`` are when ``workers`` processes work on it: as many
    chunks as processes at least, each at most CHUNK_SIZE; None: it is processed whole."""
    size = page_size(path)
    if size < CHUNK_THRESHOLD and (workers <= 1 or size < PARALLEL_THRESHOLD):
        return None
    return min(CHUNK_SIZE, -(-size // max(1, workers)))

"""Which pages are large enough to be cut into chunks (see :mod:`l10nflow.segment.chunks`).

Apart from the chunking code, so that a command on ordinary pages decides without importing
it (chunking brings in multiprocessing: tens of milliseconds of start-up).
"""

from __future__ import annotations

from pathlib import Path

# Pages from this size on are cut; smaller ones keep the whole-page path and its speed.
CHUNK_THRESHOLD = 4 * 2**20


def is_large(path: Path) -> bool:
    """Whether ``path`` is large enough to be chunked (False when it cannot be read: the
    whole-page path reports that)."""
    try:
        return path.stat().st_size >= CHUNK_THRESHOLD
    except OSError:
        return False

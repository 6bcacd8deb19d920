"""Pause the cyclic garbage collector while a catalogue's many small objects are made.

Building or formatting a template of 100,000 entries makes millions of lists, strings and
units, and the collector would traverse every one of them again and again (a third of the
time of formatting a big template) and find nothing: they hold no reference cycles and go
by reference counting. Collection resumes, as it was, when the outermost pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()

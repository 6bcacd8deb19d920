"""Fuzz target: extract → apply → serialise of any bytes as an HTML page, and the byte-faithful
rebuild ``apply`` writes: with every unit translated to itself it gives back the page's own
bytes (a UTF-8 page), with a changed translation it gives a page.

Anything but an :class:`L10nError` (a clear, reported error) is a crash. Run for a bounded
time (see ``fuzz/run.sh``); each crash found becomes a test in ``tests/segment/``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from l10nflow.errors import L10nError
    from l10nflow.model import Unit
    from l10nflow.segment import SegmentOptions, Translation, localise, serialize_html
    from l10nflow.segment.extract import extract_units
    from l10nflow.segment.faithful import read_source, rebuild

PAGE = Path(tempfile.mkdtemp(prefix="l10nflow-fuzz-")) / "page.html"
OPTIONS = SegmentOptions()


def _translate(unit: Unit) -> Translation:
    # A changed text, so every run is really rebuilt; placeholders kept as they are.
    return Translation("Zz " + unit.msgid, "fuzz.po:1")


def _identity(unit: Unit) -> Translation:
    return Translation(unit.msgid, "fuzz.po:1")


def test_one_input(data: bytes) -> None:
    PAGE.write_bytes(data)
    try:
        extract_units(PAGE, OPTIONS)
        document = localise(PAGE, _translate, OPTIONS)
        serialize_html(document.tree)
        rebuild(PAGE, _translate, OPTIONS)
        same = rebuild(PAGE, _identity, OPTIONS, fallback_lang=None)
    except L10nError:
        return
    if read_source(PAGE, warn=False).utf8 and same.data != data:
        raise AssertionError("an identity rebuild changed the page's bytes")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

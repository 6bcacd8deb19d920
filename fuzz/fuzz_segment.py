"""Fuzz target: extract → apply → serialise of any bytes as an HTML page, and the byte-faithful
rebuild ``apply`` writes: with every unit translated to itself it gives back the page's own
bytes (a UTF-8 page), with a changed translation it gives a page. The page is also cut into
chunks of CHUNK bytes (at blocks and at seams inside paragraphs, as a large page is): the
chunked template and rebuilt bytes must be the whole page's.

Anything but an :class:`L10nError` (a clear, reported error) is a crash. Run for a bounded
time (see ``fuzz/run.sh``); each crash found becomes a test in ``tests/segment/``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from l10nflow.catalog import format_po
    from l10nflow.catalog.templates import build_template
    from l10nflow.errors import L10nError
    from l10nflow.model import Unit
    from l10nflow.segment import SegmentOptions, Translation, localise, serialize_html
    from l10nflow.segment.chunked_apply import chunked_rebuild
    from l10nflow.segment.chunked_extract import chunked_template_text
    from l10nflow.segment.extract import extract_units
    from l10nflow.segment.faithful import read_source, rebuild

PAGE = Path(tempfile.mkdtemp(prefix="l10nflow-fuzz-")) / "page.html"
OPTIONS = SegmentOptions()
CHUNK = 200  # bytes: every page is cut many times


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
    check_chunked()


def _undated(template: str) -> str:
    return "\n".join(line for line in template.splitlines() if "POT-Creation-Date" not in line)


def check_chunked() -> None:
    """Chunked extract and apply give what the whole page gives (or leave it to it)."""
    chunked = chunked_template_text(PAGE, OPTIONS, "page.html", "fuzz", CHUNK, workers=1)
    if chunked is not None:
        whole = format_po(build_template(extract_units(PAGE, OPTIONS, "page.html"), "fuzz"))
        if _undated(chunked) != _undated(whole):
            raise AssertionError("the chunked template is not the whole page's")
    whole_page = rebuild(PAGE, _translate, OPTIONS, "en", "my")
    rebuilt = chunked_rebuild(PAGE, _translate, OPTIONS, "en", "my", CHUNK, workers=1)
    if rebuilt is not None and whole_page.faithful and rebuilt.data != whole_page.data:
        raise AssertionError("the chunked page is not the whole page's")


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()

"""HTML → translation units and back: parsing, ITS rules, sentences, placeholders.

The names below are imported on first use (see :mod:`l10nflow.lazy`), so that importing one
module of the segmenter (``segment.placeholders``) does not import lxml and the whole stage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10nflow.lazy import lazy_exports

if TYPE_CHECKING:
    from l10nflow.segment.apply import LocalisedDocument, Lookup, Translation, localise
    from l10nflow.segment.extract import SegmentOptions, extract_units, segment_file
    from l10nflow.segment.htmlio import parse_html, read_html, serialize_html, source_doctype
    from l10nflow.segment.sentences import sentence_breaks, split_sentences

_EXPORTS = {
    "LocalisedDocument": "l10nflow.segment.apply",
    "Lookup": "l10nflow.segment.apply",
    "Translation": "l10nflow.segment.apply",
    "localise": "l10nflow.segment.apply",
    "SegmentOptions": "l10nflow.segment.extract",
    "extract_units": "l10nflow.segment.extract",
    "segment_file": "l10nflow.segment.extract",
    "parse_html": "l10nflow.segment.htmlio",
    "read_html": "l10nflow.segment.htmlio",
    "serialize_html": "l10nflow.segment.htmlio",
    "source_doctype": "l10nflow.segment.htmlio",
    "sentence_breaks": "l10nflow.segment.sentences",
    "split_sentences": "l10nflow.segment.sentences",
}
__all__ = [
    "LocalisedDocument",
    "Lookup",
    "SegmentOptions",
    "Translation",
    "extract_units",
    "localise",
    "parse_html",
    "read_html",
    "segment_file",
    "sentence_breaks",
    "serialize_html",
    "source_doctype",
    "split_sentences",
]
lazy_exports(__name__, _EXPORTS)

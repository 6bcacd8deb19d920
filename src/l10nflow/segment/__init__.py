"""HTML → translation units and back: parsing, ITS rules, sentences, placeholders."""

from l10nflow.segment.apply import LocalisedDocument, Lookup, Translation, localise
from l10nflow.segment.extract import SegmentOptions, extract_units, segment_file
from l10nflow.segment.htmlio import parse_html, read_html, serialize_html, source_doctype
from l10nflow.segment.sentences import sentence_breaks, split_sentences

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

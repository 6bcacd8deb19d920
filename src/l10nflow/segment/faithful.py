"""Byte-faithful rebuilding: a translated page is its source with only translated text changed.

The page is parsed and segmented exactly as at extraction, translated in the tree as
:func:`~l10nflow.segment.apply.localise` does, and every change is also made to the source
text (:mod:`l10nflow.segment.splice`). The edited source is parsed again and must give the
translated tree; if it does not, or a change could not be located, the tree is serialised
instead (the page then differs from its source outside translated text) with a warning.

Output is UTF-8, as the tree path writes it: a translation into Burmese or Thai must be
readable in the page, not a run of character references. A UTF-8 page therefore keeps every
byte (its byte-order mark, and bytes that were not valid UTF-8 are written back as they were);
a page in a legacy encoding is transcoded and its ``<meta charset>`` rewritten.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import zip_longest
from pathlib import Path

from lxml import etree

from l10nflow.segment.apply import LocalisedDocument, Lookup, localise_slots
from l10nflow.segment.extract import SegmentOptions
from l10nflow.segment.htmlio import (
    declare_utf8,
    decode_html,
    deep_tree_safe,
    page_encoding,
    parse_html,
    read_html_bytes,
    serialize_html,
    source_doctype,
    utf8_declaration_fixes,
)
from l10nflow.segment.runs import walk
from l10nflow.segment.source_map import Unlocatable
from l10nflow.segment.splice import SourceEdits

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class SourcePage:
    """A page as bytes, as text for the parser and as text whose offsets the edits use."""

    data: bytes
    utf8: bool  # the page is UTF-8: its bytes can be kept
    text: str  # for the parser: invalid bytes are U+FFFD
    skeleton: str  # for editing: invalid UTF-8 bytes are kept as lone surrogates

    def encode(self, text: str) -> bytes:
        bom = _UTF8_BOM if self.data.startswith(_UTF8_BOM) else b""
        return bom + text.encode("utf-8", errors="surrogateescape")


def read_source(path: Path, warn: bool = True) -> SourcePage:
    """The page at ``path``; ``warn``: log what decoding replaced (once per page read)."""
    data = read_html_bytes(path)
    text = decode_html(data, path, warn)
    if page_encoding(data, path, warn=False) in ("utf-8", "utf-8-sig"):
        body = data[3:] if data.startswith(_UTF8_BOM) else data
        return SourcePage(data, True, text, body.decode("utf-8", errors="surrogateescape"))
    return SourcePage(data, False, text, text)


@dataclass
class Rebuilt:
    """A rebuilt page: its bytes and what the tree says about it."""

    data: bytes
    document: LocalisedDocument
    faithful: bool  # False: the tree was serialised (a warning says why)


@deep_tree_safe
def rebuild(
    path: Path,
    lookup: Lookup,
    options: SegmentOptions,
    fallback_lang: str | None = "en",
    lang: str | None = None,
) -> Rebuilt:
    """Translate ``path`` keeping every byte outside translated text; ``lang`` becomes the
    ``<html lang>`` (a fragment without an ``<html>`` tag is left without one)."""
    page = read_source(path)
    root = parse_html(page.text, path)
    slots = walk(root, path, options.breaker())
    edits = SourceEdits(page.skeleton, root)
    document = localise_slots(root, slots, lookup, fallback_lang, edits)
    if lang is not None:
        set_document_lang(path, root, edits, lang, document)
    if not page.utf8:
        for meta, name, value in utf8_declaration_fixes(root):
            meta.set(name, value)
            edits.set_attribute(meta, name, value)
    if not edits.edits and edits.problem is None:
        return Rebuilt(page.encode(page.skeleton), document, True)
    problem = edits.problem
    del slots  # its tokens hold the elements the translation replaced
    if problem is None:
        try:
            data = page.encode(edits.render())
            del edits  # and its source map every element: not needed to parse the page again
            if not same_tree(parse_html(decode_html(data, path, False), path, False), root):
                problem = "the edited source does not parse to the translated page"
        except (Unlocatable, UnicodeError) as exc:
            problem = str(exc)
    if problem is None:
        return Rebuilt(data, document, True)
    document.warnings.append(
        f"{path}: {problem}; the whole page was written from its tree, so markup outside"
        " translated text may differ from the source"
    )
    declare_utf8(root)
    html = serialize_html(root, source_doctype(root))
    return Rebuilt(html.encode("utf-8"), document, False)


def set_document_lang(
    path: Path, root: etree._Element, edits: SourceEdits, lang: str, document: LocalisedDocument
) -> None:
    if root not in edits.map.start_tags:
        document.warnings.append(f"{path}: no <html> tag to carry lang={lang!r}; not set")
        return
    root.set("lang", lang)
    edits.set_attribute(root, "lang", lang)


def same_tree(first: etree._Element, second: etree._Element) -> bool:
    """The same nodes, attributes (in order), texts and tails, comments around the root."""
    try:  # libxml2's own writer: a tenth of the time of comparing node by node in Python
        return bool(etree.tostring(first.getroottree()) == etree.tostring(second.getroottree()))
    except (ValueError, etree.LxmlError):
        missing = object()
        pairs = zip_longest(_signature(first), _signature(second), fillvalue=missing)
        return all(one == two for one, two in pairs)


def _signature(root: etree._Element) -> Iterator[tuple[object, ...]]:
    nodes = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    for top in nodes:
        for node in top.iter() if top is root else [top]:
            attributes = list(node.attrib.items()) if isinstance(node.tag, str) else None
            yield node.tag, attributes, node.text or None, node.tail or None

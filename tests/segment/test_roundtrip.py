"""An identity translation (msgstr = msgid everywhere) rebuilds the very same document."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from testutil import SEED_HTML, write

from l10nflow.segment import (
    SegmentOptions,
    Translation,
    extract_units,
    localise,
    parse_html,
    read_html,
    serialize_html,
    source_doctype,
)

FIXTURES = sorted((Path(__file__).resolve().parent.parent / "data" / "html").glob("*.html"))
DOCUMENTS = [SEED_HTML, *FIXTURES]


def identity(unit) -> Translation:  # type: ignore[no-untyped-def]
    return Translation(unit.msgid, "test")


def tree_signature(root: etree._Element) -> list[tuple[object, ...]]:
    """Every node with its attributes, text and tail: what 'the same document' means."""
    return [
        (
            str(node.tag),
            sorted(node.attrib.items()) if isinstance(node.tag, str) else [],
            node.text,
            node.tail,
        )
        for node in root.iter()
    ]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_identity_translation_gives_back_the_same_document(path: Path, mode: str) -> None:
    options = SegmentOptions(mode=mode)
    units = extract_units(path, options)
    assert units, "fixture has units"
    document = localise(path, identity, options)
    assert document.total == document.translated == len(units)
    assert document.warnings == []
    output = serialize_html(document.tree, source_doctype(document.tree))
    # Byte-identical to re-serialising the untouched source, and the same tree when re-parsed.
    assert output == serialize_html(read_html(path), source_doctype(read_html(path)))
    assert tree_signature(parse_html(output)) == tree_signature(read_html(path))


def test_source_attributes_survive_escaping(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.html",
        "<!DOCTYPE html><html><head><title>T x</title></head><body>"
        '<p data-json=\'{"k": "v & w", "q": "&quot;x&quot;"}\' '
        'title="a &amp; b">Text <a href="/x?a=1&amp;b=2&amp;c=မြန်မာ">link</a>.</p>'
        "</body></html>",
    )
    document = localise(
        path,
        lambda u: Translation(
            u.msgid.upper().replace("<A1>", "<a1>").replace("</A1>", "</a1>"), "t"
        ),
        SegmentOptions(),
    )
    output = serialize_html(document.tree)
    reparsed = parse_html(output)
    paragraph = reparsed.find(".//p")
    assert paragraph is not None
    assert paragraph.get("data-json") == '{"k": "v & w", "q": "\\"x\\""}'.replace('\\"', '"')
    assert paragraph.get("title") == "A &AMP; B".replace("&AMP;", "&")
    anchor = paragraph.find("a")
    assert anchor is not None and anchor.get("href") == "/x?a=1&b=2&c=မြန်မာ"
    assert anchor.text == "LINK"


def _marked(unit) -> Translation:  # type: ignore[no-untyped-def]
    # A real (non-identity) translation: every run is rebuilt from msgstrs and placeholders.
    return Translation("\u2060" + unit.msgid, "test")


def _elements(root: etree._Element) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (str(e.tag), sorted((str(k), str(v).replace("\u2060", "")) for k, v in e.attrib.items()))
        for e in root.iter()
        if isinstance(e.tag, str)
    ]


def _text(root: etree._Element) -> str:
    return "".join("".join(root.itertext()).replace("\u2060", "").split())


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_rebuilt_document_keeps_every_element_attribute_and_character(
    path: Path, mode: str
) -> None:
    document = localise(path, _marked, SegmentOptions(mode=mode))
    assert document.warnings == []
    rebuilt = parse_html(serialize_html(document.tree))
    source = read_html(path)
    # Same elements in the same order with the same attributes, same text but for whitespace
    # (a msgid collapses runs of spaces and newlines inside a sentence).
    assert _elements(rebuilt) == _elements(source)
    assert _text(rebuilt) == _text(source)
    assert serialize_html(document.tree).count("\u2060") == document.translated

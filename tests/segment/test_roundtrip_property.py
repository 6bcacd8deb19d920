"""Property: for any page, the identity translation rebuilds it exactly, and a translation
that keeps each unit's placeholders is always accepted."""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from l10nflow.model import Unit
from l10nflow.segment import (
    SegmentOptions,
    Translation,
    localise,
    parse_html,
    read_html,
    serialize_html,
    source_doctype,
)

WORDS = st.sampled_from(
    [
        "Capt.",
        "Feb.",
        "1,019",
        "6.5",
        "news",
        "Myanmar",
        "“quoted,”",
        "said",
        "he",
        "U.S.",
        "မြန်မာ",
        "ไทย",
        "中文",
        "&",
        "<",
        ">",
        '"',
        "...",
        "—",
        "!",
        "?",
        ".",
        "x.",
        "The",
        "A",
    ]
)
TEXT = st.lists(WORDS, max_size=8).map(lambda ws: html.escape(" ".join(ws), quote=False))
INLINE = ["a", "em", "strong", "span", "code", "abbr", "b", "i", "small"]
BLOCK = ["p", "div", "li", "h2", "blockquote", "figcaption", "td"]


def _attrs(draw: st.DrawFn, tag: str) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(f'title="{html.escape(draw(TEXT))}"')
    if tag == "a":
        parts.append('href="/x?a=1&amp;b=%E1%80"')
    if draw(st.integers(0, 5)) == 0:
        parts.append('translate="no"')
    if draw(st.integers(0, 5)) == 0:
        parts.append('data-j=\'{"k": "v &amp; w"}\'')
    return (" " + " ".join(parts)) if parts else ""


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    pieces = [draw(TEXT)]
    for _ in range(draw(st.integers(0, 3))):
        choice = draw(st.integers(0, 4))
        if choice == 0:
            pieces.append("<br>")
        elif choice == 1:
            pieces.append(f'<img src="i.png" alt="{html.escape(draw(TEXT))}">')
        elif depth < 2:
            tag = draw(st.sampled_from(INLINE))
            pieces.append(f"<{tag}{_attrs(draw, tag)}>{draw(inline(depth + 1))}</{tag}>")
        pieces.append(draw(TEXT))
    return " ".join(pieces)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(BLOCK))
    children = [draw(inline())]
    if depth < 2 and draw(st.booleans()):
        children.append(draw(block(depth + 1)))
        children.append(draw(inline()))
    return f"<{tag}{_attrs(draw, tag)}>{''.join(children)}</{tag}>"


PAGES = st.lists(block(), min_size=1, max_size=5).map(
    lambda blocks: (
        "<!DOCTYPE html><html><head><title>Page title</title></head><body>"
        + "\n".join(blocks)
        + "</body></html>"
    )
)


def _write(page: str) -> Path:
    descriptor, name = tempfile.mkstemp(suffix=".html")
    with open(descriptor, "w", encoding="utf-8") as handle:
        handle.write(page)
    return Path(name)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES, st.sampled_from(["sentence", "paragraph"]))
def test_identity_translation_rebuilds_any_page(page: str, mode: str) -> None:
    path = _write(page)
    try:
        document = localise(path, lambda u: Translation(u.msgid, "t"), SegmentOptions(mode=mode))
        source = read_html(path)
        assert serialize_html(document.tree, source_doctype(document.tree)) == serialize_html(
            source, source_doctype(source)
        )
        assert document.warnings == []
    finally:
        path.unlink()


def _edited(unit: Unit) -> Translation:
    # A translator's edit: new words around the same placeholders.
    return Translation("« " + unit.msgid + " » ok", "t")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES)
@example('<!DOCTYPE html><html lang="en"><body><p>Look at x.Capt. Smith.</p></body></html>')
def test_translations_keeping_placeholders_are_accepted_and_keep_structure(page: str) -> None:
    path = _write(page)
    try:
        source = read_html(path)
        document = localise(path, _edited, SegmentOptions())
        assert document.warnings == []
        assert document.translated == document.total

        # Every element of the source survives, in order, with its attributes (only the
        # translatable title/alt values change), and every source character is still there.
        def shape(root: etree._Element) -> list[tuple[str, list[tuple[str, str]]]]:
            return [
                (
                    str(e.tag),
                    sorted(
                        (str(k), str(v)) for k, v in e.attrib.items() if k not in ("title", "alt")
                    ),
                )
                for e in root.iter()
                if isinstance(e.tag, str)
            ]

        rebuilt = parse_html(serialize_html(document.tree))
        assert shape(rebuilt) == shape(source)
        # In order, not word by word: an unspaced sentence break (``world.Today``) puts
        # the translation's own words between the two halves of one source "word".
        kept = iter("".join("".join(rebuilt.itertext()).split()))
        assert all(char in kept for char in "".join("".join(source.itertext()).split()))
    finally:
        path.unlink()

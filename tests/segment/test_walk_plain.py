"""The walk's short paths (inline elements tokenized without a call on pages without
``translate`` or attribute rules; element tokens named while the msgid is rendered) make the
units the general path makes: the same tokens, names, msgids and lines, on generated pages."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from test_faithful_property import page
from test_roundtrip_property import PAGES

from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.placeholders import name_tokens, render
from l10nflow.segment.runs import AttributeSlot, Run, Slot, Walker, walk
from l10nflow.segment.sentences import sentence_breaks


def _units(root: etree._Element, plain: bool | None) -> list[tuple[object, ...]]:
    made = Walker.for_document

    def for_document(*args: object) -> Walker:
        walker = made(*args)  # type: ignore[arg-type]
        walker.plain = walker.plain if plain is None else plain
        return walker

    with mock.patch.object(Walker, "for_document", for_document):
        slots = walk(root, None, lambda text: sentence_breaks(text, "en"))
    return [_signature(slot) for slot in slots]


def _signature(slot: Slot) -> tuple[object, ...]:
    if isinstance(slot, AttributeSlot):
        return ("attribute", slot.element, slot.attribute, slot.msgid, slot.line)
    return (
        "run",
        slot.container,
        [
            (piece.prefix, piece.inner, piece.suffix, piece.msgid, piece.line)
            for piece in slot.pieces
        ],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(page(), PAGES))
def test_short_paths_make_the_general_path_s_units(html: str) -> None:
    # Tokens compare by their element and name: the same elements, named alike.
    root = parse_html(html, Path("t.html"))
    assert _units(root, None) == _units(root, False)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(page(), PAGES))
def test_units_are_named_and_rendered_as_name_tokens_and_render_do(html: str) -> None:
    root = parse_html(html, Path("t.html"))
    for slot in walk(root, None, None):
        if not isinstance(slot, Run) or not slot.translatable:
            continue
        for piece in slot.pieces:
            named = name_tokens(piece.inner)
            assert [getattr(t, "name", None) for t in piece.inner] == [
                getattr(t, "name", None) for t in named
            ]
            if piece.msgid is not None:
                assert piece.msgid == render(named, slot.container.tag == "pre")


def test_a_page_with_translate_takes_the_general_path() -> None:
    html = '<p>Read <b>this</b> and <i translate="no">that</i> <span title="t">x</span>.</p>'
    root = parse_html(html, Path("t.html"))
    assert _units(root, None) == _units(root, False)
    assert not Walker.for_document(root, None, None, []).plain

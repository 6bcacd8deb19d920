"""parse_translation's fast path (placeholders in the source's order) gives what the full
parse gives, and leaves to the full parse every translation it cannot judge alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.placeholders import (
    InvalidTranslation,
    Text,
    Token,
    _in_source_order,
    _parse_placeholders,
    msgid_tokens,
    parse_translation,
)
from l10nflow.segment.runs import Run, walk

MSGID = "Read <a1>the <b1>whole</b1> report</a1> now.<br1/> Done."


def unit_tokens(page: str) -> list[Token]:
    """The inner tokens of the first unit of a page's first run, as apply sees them."""
    root = parse_html(f"<html><body>{page}</body></html>", Path("t.html"))
    runs = [slot for slot in walk(root, None, None) if isinstance(slot, Run)]
    return runs[0].pieces[0].inner


@pytest.mark.parametrize(
    "translation",
    [
        MSGID,
        "Lire <a1>le <b1>rapport</b1> entier</a1> maintenant.<br1/> Fini.",
        "<a1><b1></b1></a1><br1/>",  # no text at all
        "x &lt;tag&gt; &amp;lt; <a1>y<b1>z</b1></a1><br1/>",  # escapes are undone
        "ctrl\x01 <a1>a<b1>b</b1></a1><br1/>\x7f",  # control characters are dropped
        "x < y <a1>a<b1>b</b1></a1><br1/> 1<2",  # a "<" that is no markup
    ],
)
def test_in_order_translation_takes_the_fast_path_and_parses_as_the_full_parse(
    translation: str,
) -> None:
    source = msgid_tokens(MSGID)
    fast = _in_source_order(translation, source)
    assert fast is not None
    assert fast == _parse_placeholders(translation, source)
    assert parse_translation(translation, source) == fast


def test_fast_path_on_a_walked_unit_reuses_the_source_element_tokens() -> None:
    source = unit_tokens('<p>Read <a href="/r">the <b>whole</b> report</a> now.<br> Done.</p>')
    translation = "Lire <a1>le <b1>rapport</b1> entier</a1> maintenant.<br1/> Fini."
    fast = _in_source_order(translation, source)
    assert fast == _parse_placeholders(translation, source)
    assert fast is not None and [t.element.tag for t in fast if hasattr(t, "element")] == [
        "a",
        "b",
        "b",
        "a",
        "br",
    ]


@pytest.mark.parametrize(
    "translation",
    [
        "<b1>Moved</b1> <a1>first</a1> now.<br1/>",  # placeholders moved (not nested as before)
        "Read <a1>the report</a1> now.<br1/>",  # one left out
        "Read <a1>the <b1>whole</b1> report</a1> now. Done.",  # the <br1/> left out
        "Read <a1>the <b1>whole</b1> report</a1> now.<br1/> <i>new</i>",  # markup
        "Read <a1>the <b1>whole</b1> report</a1> now.<br1/> <!-- c -->",  # a comment
    ],
)
def test_other_translations_take_the_full_parse(translation: str) -> None:
    source = msgid_tokens(MSGID)
    assert _in_source_order(translation, source) is None
    try:
        expected: list[Token] | str = _parse_placeholders(translation, source)
    except InvalidTranslation as exc:
        expected = str(exc)
    try:
        got: list[Token] | str = parse_translation(translation, source)
    except InvalidTranslation as exc:
        got = str(exc)
    assert got == expected


def test_markup_is_refused_with_the_full_parse_message() -> None:
    with pytest.raises(InvalidTranslation, match=r"markup is not allowed.*'<i>new</i>'"):
        parse_translation("Read <a1>the <b1>x</b1></a1><br1/> <i>new</i>", msgid_tokens(MSGID))


@pytest.mark.parametrize(
    ("msgid", "message"),
    [
        ("</b1>x<b1>", "unbalanced placeholder </b1>"),  # a hand-made msgid, not balanced
        ("<b1>x</b1> <b1>y</b1>", "placeholder <b1> used twice"),
        ("<b1>x", "placeholder <b1> is not closed"),
    ],
)
def test_a_malformed_source_is_judged_by_the_full_parse(msgid: str, message: str) -> None:
    """The check of a catalogue's markup (markup_problem) reads its source from the msgid,
    which need not be well formed: the same text must still be refused."""
    source = msgid_tokens(msgid)
    assert _in_source_order(msgid, source) is None
    with pytest.raises(InvalidTranslation, match=message):
        parse_translation(msgid, source)


def test_a_protected_element_takes_the_full_parse() -> None:
    """Whatever is written inside a protected element is replaced by the source: that is
    the full parse's work."""
    source = unit_tokens('<p>Run <code translate="no">x = 1</code> now.</p>')
    translation = "Lance <code1>y = 2</code1> maintenant."
    assert _in_source_order(translation, source) is None
    tokens = parse_translation(translation, source)
    assert [type(t).__name__ for t in tokens] == ["Text", "Atom", "Text"]
    assert "y = 2" not in "".join(getattr(t, "text", "") for t in tokens)


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("Un texte &lt;b&gt; &amp;lt; x", [Text("Un texte <b&gt; &lt; x")]),
        ("ctrl\x01 x", [Text("ctrl x")]),
        ("", []),
    ],
)
def test_a_text_only_unit_without_markup_is_one_text(
    translation: str, expected: list[Token]
) -> None:
    source = unit_tokens("<p>A text.</p>")
    assert parse_translation(translation, source) == expected
    assert _parse_placeholders(translation, source) == expected


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        ("A <b>bold</b> text.", "markup is not allowed"),
        ("A <b1>bold</b1> text.", "unknown placeholder <b1>"),
    ],
)
def test_a_text_only_unit_with_markup_takes_the_full_parse(translation: str, message: str) -> None:
    with pytest.raises(InvalidTranslation, match=message):
        parse_translation(translation, unit_tokens("<p>A text.</p>"))

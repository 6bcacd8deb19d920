"""split_tokens cuts a run's tokens at sentence breaks; a text it does not cut is kept as
the very token (tokens never change), a text it cuts becomes new tokens."""

from __future__ import annotations

from lxml import etree

from l10nflow.segment.pieces import split_tokens
from l10nflow.segment.placeholders import Close, Empty, Open, Text, Token


def test_breaks_inside_texts_and_before_elements() -> None:
    b, br = etree.Element("b"), etree.Element("br")
    whole = Text("One. ")
    tokens: list[Token] = [whole, Open(b), Text("Two."), Close(b), Text(" Three. Four."), Empty(br)]
    # Breaks: before <b> (5), inside the tail (10: "Three."), and inside it again (17).
    pieces = split_tokens(tokens, [5, 10, 17])
    assert pieces == [
        [Text("One. ")],
        [Open(b), Text("Two."), Close(b), Text(" ")],
        [Text("Three. ")],
        [Text("Four."), Empty(br)],
    ]
    assert pieces[0][0] is whole  # not cut: the same token
    assert pieces[1][1] is tokens[2]


def test_no_break_inside_an_element() -> None:
    b = etree.Element("b")
    tokens: list[Token] = [Text("A "), Open(b), Text("x. y"), Close(b), Text(" z.")]
    assert split_tokens(tokens, [5]) == [tokens]

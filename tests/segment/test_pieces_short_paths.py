"""The short paths of the walk make the very pieces its general path makes.

A run that is one text (``<li>Item</li>``), or one text wrapped whole in inline elements
(``<td><b>Cell</b></td>``), becomes its piece without the general trim; each piece of a text
cut into sentences is made the same way. The oracle is the general path of the same module
(:func:`l10nflow.segment.pieces._piece`), reached by turning the short paths off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from l10nflow.segment import pieces
from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.pieces import Piece, make_pieces, text_pieces
from l10nflow.segment.placeholders import Close, Empty, Open, Text, Token
from l10nflow.segment.runs import Run, walk
from l10nflow.segment.sentences import sentence_breaker

# White space of every kind a run may hold (HTML's, a no-break space, an em space), markup
# characters that must be escaped, letters and none, sentence ends.
TEXT = st.text(alphabet=" \t\n\r\f\xa0\u2003ab Z<&;.!?1é\u1000", max_size=14)


def general(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every piece made by the general path from now on."""
    monkeypatch.setattr(pieces, "_wrapped_text_piece", lambda group, line: None)
    monkeypatch.setattr(
        pieces, "_text_piece", lambda token, line: pieces._piece([token], False, line)
    )


def token_shape(t: Token) -> tuple[object, ...]:
    return (type(t).__name__, *(getattr(t, key, None) for key in ("text", "element", "name")))


def shape(found: list[Piece]) -> list[tuple[object, ...]]:
    return [
        (
            *(tuple(map(token_shape, part)) for part in (p.prefix, p.inner, p.suffix)),
            p.msgid,
            p.line,
        )
        for p in found
    ]


@st.composite
def wrapped(draw: st.DrawFn) -> list[Token]:
    """Tokens of a text inside 0 to 3 inline elements, as a walk makes them, sometimes not
    quite a wrapper (a line break in the middle, a text after it, two wrappers side by side)."""
    elements = [etree.Element(tag) for tag in draw(st.lists(st.sampled_from("abis"), max_size=3))]
    for element in elements:
        line = draw(st.sampled_from([None, 1, 7]))
        if line is not None:  # else: no line, as an element made by a script
            element.sourceline = line
    middle: list[Token] = [Text(draw(TEXT) or " ")]
    if draw(st.integers(0, 3)) == 0:
        middle.append(Empty(etree.Element("br")))
    if draw(st.integers(0, 3)) == 0:
        other = etree.Element("u")
        middle = [
            Open(other),
            *middle,
            Close(other),
            Text(draw(TEXT) or " "),
            Open(other := etree.Element("q")),
            Text("x"),
            Close(other),
        ]
    tokens: list[Token] = [Open(e) for e in elements] + middle
    tokens += [Close(e) for e in reversed(elements)]
    if draw(st.integers(0, 5)) == 0:
        tokens.append(Text(draw(TEXT) or " "))
    return tokens


def fresh(tokens: list[Token]) -> list[Token]:
    """The same tokens as new objects (naming changes them)."""
    return [type(t)(t.text) if type(t) is Text else type(t)(t.element) for t in tokens]  # type: ignore[union-attr]


@settings(max_examples=400, deadline=None)
@given(wrapped(), st.integers(0, 9))
def test_a_wrapped_or_lone_text_gives_the_general_piece(tokens: list[Token], line: int) -> None:
    short = make_pieces(fresh(tokens), None, False, line)
    with pytest.MonkeyPatch.context() as patch:
        general(patch)
        assert shape(short) == shape(make_pieces(fresh(tokens), None, False, line))


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4).map(" ".join), st.integers(0, 9))
def test_a_text_cut_into_sentences_gives_the_general_pieces(text: str, line: int) -> None:
    breaker = sentence_breaker("en")
    short = text_pieces(Text(text), breaker, line)
    with pytest.MonkeyPatch.context() as patch:
        general(patch)
        assert shape(short) == shape(make_pieces([Text(text)], breaker, False, line))


PAGES = [
    "<ul>\n<li>Item 1</li>\n<li>  Item\n 2 </li><li>\n\n</li><li>x &lt;b&gt; &amp;lt;</li></ul>",
    "<table><tr><td><b>Cell</b></td><td> <a href=x><i>\n Two </i></a> </td></tr></table>",
    "<p>Para 1 text.<p>\n Para 2.  Second sentence.<p>Mr. Smith went. He said so.",
    "<div><span>t0</span><div>u0</div>tail <b>x</b></div><pre> keep  </pre>",
    '<p title="T">Text.</p><p translate="no">Not this.</p><p>1. One 2. Two</p>',
]


@pytest.mark.parametrize("body", PAGES)
def test_pages_walk_to_the_same_pieces_either_way(body: str) -> None:
    def pieces_of() -> list[tuple[object, ...]]:
        root = parse_html(f"<html><body>{body}</body></html>", Path("t.html"))
        runs = [s for s in walk(root, None, sentence_breaker("en")) if isinstance(s, Run)]
        # Elements of two parses differ: compare them by tag and line.
        return [
            tuple(
                (kind, text, None if element is None else (element.tag, element.sourceline), name)  # type: ignore[attr-defined]
                for part in piece[:3]
                for kind, text, element, name in part  # type: ignore[attr-defined]
            )
            + piece[3:]
            for run in runs
            for piece in shape(run.pieces)
        ]

    short = pieces_of()
    assert any(msgid for *_, msgid, _line in short)
    with pytest.MonkeyPatch.context() as patch:
        general(patch)
        assert short == pieces_of()

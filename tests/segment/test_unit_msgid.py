"""unit_msgid (all texts of a unit escaped in one pass) gives render's msgid, and hands to
render the units it cannot do in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10nflow.segment import pieces
from l10nflow.segment.htmlio import parse_html
from l10nflow.segment.pieces import unit_msgid
from l10nflow.segment.placeholders import BOTH_EDGES, Edges, Text, Token, render
from l10nflow.segment.runs import Run, walk


def inner_tokens(body: str) -> list[Token]:
    root = parse_html(f"<html><body>{body}</body></html>", Path("t.html"))
    runs = [slot for slot in walk(root, None, None) if isinstance(slot, Run)]
    return runs[0].pieces[0].inner


FAST = [
    "<p>Read <a href=x>the   report</a>\n now.<br>Then <b>more</b> text.</p>",
    "<p>a &lt;b&gt; <i>x</i> 1 &lt; 2 &amp;lt; <i>y</i> &lt;/i&gt; z<b>w</b>.</p>",  # escapes
    "<p>Ends in &lt;<b>x</b>&lt;!-- y <i>z</i> end.</p>",  # a "<" next to a placeholder
    "<pre>  keep   this\n <b>x</b>  spacing  </pre>",
    "".join(f"<p>{''.join(f'<b>w{n}</b>  ' for n in range(300))}end.</p>"),
]


@pytest.mark.parametrize("body", FAST)
def test_one_pass_gives_render_s_msgid(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = inner_tokens(body)
    expected = {preserve: render(tokens, preserve) for preserve in (False, True)}

    def no_render(tokens: list[Token], preserve: bool = False) -> str:
        raise AssertionError("the one-pass path was not taken")

    monkeypatch.setattr(pieces, "render", no_render)
    assert {preserve: unit_msgid(tokens, preserve) for preserve in (False, True)} == expected


SLOW = [
    '<p>Run <code translate="no">x  =  1</code> now <b>a</b>.</p>',  # a protected element
    "<p>Read <b>a</b> <!-- note --> more <i>b</i> end.</p>",  # a comment
    "<p>Hi<br>there.</p>",  # too short to bother
]


@pytest.mark.parametrize("body", SLOW)
def test_other_units_are_rendered_as_usual(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = inner_tokens(body)
    calls: list[int] = []

    def counted(tokens: list[Token], preserve: bool = False, edges: Edges = BOTH_EDGES) -> str:
        calls.append(1)
        return render(tokens, preserve, edges)

    monkeypatch.setattr(pieces, "render", counted)
    assert unit_msgid(tokens, False) == render(tokens, False)
    assert calls == [1]


def test_two_texts_in_a_row_are_escaped_together_by_render() -> None:
    """'a <' and 'b' in a row read 'a <b' in the msgid: the "<" must be escaped, which it
    would not be if each text were escaped alone."""
    tokens = inner_tokens("<p>x <i>y</i> z.</p>")
    tokens = [*tokens, Text(" a <"), Text("b")]
    assert unit_msgid(tokens, False) == render(tokens, False) == "x <i1>y</i1> z. a &lt;b"


@pytest.mark.parametrize(
    ("body", "msgid"),
    [
        ("<p><b>1</b> 2, <i>3</i> 4.</p>", None),  # no letter in any text: not a unit
        ("<p><b>1</b> 2, <i>3</i> x.</p>", "<b1>1</b1> 2, <i1>3</i1> x."),  # in the last one
        ("<p><b>ж</b> 2.</p>", "<b1>ж</b1> 2."),  # in the first one
    ],
)
def test_a_unit_needs_a_letter_in_one_of_its_texts(body: str, msgid: str | None) -> None:
    root = parse_html(f"<html><body>{body}</body></html>", Path("t.html"))
    runs = [slot for slot in walk(root, None, None) if isinstance(slot, Run)]
    assert [piece.msgid for piece in runs[0].pieces] == [msgid]

"""A translation that keeps its unit's placeholders in their order is read as texts only
(kept_placeholders) and set in the tree and the source without a token per text: the same
tokens, tree, bytes and warnings as the general path (parse_translation, replace_piece,
replace_run), on generated pages and on translations that keep, drop, repeat, reorder,
rename or reshape placeholders, or put markup, escapes and control characters in the text."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_faithful_property import _write, page
from test_roundtrip_property import PAGES

from l10nflow.model import Unit
from l10nflow.segment import SegmentOptions, Translation
from l10nflow.segment import apply as apply_module
from l10nflow.segment.apply import localise
from l10nflow.segment.faithful import rebuild
from l10nflow.segment.htmlio import parse_html, serialize_html
from l10nflow.segment.kept_placeholders import element_tokens, kept_texts, kept_tokens
from l10nflow.segment.pieces import Piece
from l10nflow.segment.placeholders import _SPLIT_RE, parse_translation
from l10nflow.segment.runs import Run, walk

# Texts a translator or MT may write between placeholders: escapes, a "<" that is no
# markup, markup that is not a placeholder, control characters, nothing at all.
TEXTS = ["Zz ", "", " ", "x < y", "1<2", "&lt;b&gt;", "&amp;lt;", "a & b", "<b>", "<script>",
         "\x01ctl\x7f", "မြန်မာ", "\n", "<!-- c -->", "</", "<b1 >", ">", "a > b", "<", "b1>",
         "</b1", "<i1"]  # fmt: skip


def translate(msgid: str, seed: int) -> str:
    """A translation of ``msgid``: new texts, and most often its placeholders as they are;
    else one dropped, repeated, swapped, renamed or reshaped."""
    chance = random.Random(seed)
    parts = _SPLIT_RE.split(msgid)
    texts = [chance.choice([text, text, "Zz " + text, chance.choice(TEXTS)]) for text in parts[::2]]
    marks = parts[1::2]
    change = chance.randrange(8) if marks else 0
    at = chance.randrange(len(marks)) if marks else 0
    if change == 1:
        del marks[at]
    elif change == 2:
        marks.insert(at, marks[at])
    elif change == 3 and len(marks) > 1:
        other = chance.randrange(len(marks))
        marks[at], marks[other] = marks[other], marks[at]
    elif change == 4:
        marks[at] = marks[at].replace("1", "9")
    elif change == 5:
        mark = marks[at]
        marks[at] = mark[:-2] + ">" if mark.endswith("/>") else mark[:-1] + "/>"
    texts += [""] * (len(marks) + 1 - len(texts))
    out = [texts[0]]
    for mark, text in zip(marks, texts[1:], strict=False):
        out += [mark, text]
    return "".join(out)


def _pieces(html: str) -> list[Piece]:
    root = parse_html(f"<html><body>{html}</body></html>", Path("t.html"))
    return [
        piece
        for slot in walk(root, None, None)
        if isinstance(slot, Run)
        for piece in slot.pieces
        if piece.msgid is not None and len(piece.inner) > 1
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(page(), PAGES), st.integers(0, 2**32))
def test_kept_texts_give_the_tokens_of_the_full_parse(html: str, seed: int) -> None:
    for number, piece in enumerate(_pieces(html)):
        assert piece.msgid is not None
        text = translate(piece.msgid, seed + number)
        texts = kept_texts(text, piece.msgid, piece.inner)
        if texts is None:
            continue
        expected = parse_translation(text, piece.inner)
        assert kept_tokens(texts, element_tokens(piece.inner)) == expected
        assert len(texts) == len(element_tokens(piece.inner)) + 1


CODE = "<code translate=no>x</code>"  # a protected element: the full parse places it


@pytest.mark.parametrize(
    ("html", "translation", "kept"),
    [
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "Lis <b1>ceci</b1> et <i1>cela</i1>.", True),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "<b1></b1><i1></i1>", True),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "x &lt;i1> <b1>a\x01</b1><i1>b</i1>", True),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "Lis <i1>cela</i1> et <b1>ceci</b1>.", False),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "Lis <b1>ceci</b1> et cela.", False),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "<b1>a</b1> <b1>a</b1> <i1>c</i1>", False),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "<b1>a</b1> <em>x</em> <i1>c</i1>", False),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "b1>a</b1> <<i1>c</i1>", False),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "x > <b1>a</b1> <i1>c</i1 y", False),
        ("<p>Read <b>this</b> and <i>that</i>.</p>", "x > <b1>a</b1> <i1>c</i1>", True),
        (f"<p>Run {CODE} and <b>y</b> now.</p>", "Lance <code1>x</code1> et <b1>y</b1>.", False),
        ("<p>Read <b>a</b> <!-- c --> and <i>b</i>.</p>", "Lis <b1>a</b1> et <i1>b</i1>.", False),
    ],
)  # fmt: skip
def test_which_translations_are_read_as_texts(html: str, translation: str, kept: bool) -> None:
    (piece,) = _pieces(html)
    assert piece.msgid is not None
    texts = kept_texts(translation, piece.msgid, piece.inner)
    assert (texts is not None) is kept
    if texts is not None:
        assert kept_tokens(texts, element_tokens(piece.inner)) == parse_translation(
            translation, piece.inner
        )


@contextmanager
def _general_path_only() -> Iterator[None]:
    with mock.patch.object(apply_module, "kept_texts", lambda *args: None):
        yield


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(page(), PAGES),
    st.integers(0, 2**32),
    st.sampled_from(["sentence", "paragraph"]),
    st.sampled_from([None, "en"]),
)
def test_pages_come_out_as_the_general_path_makes_them(
    html: str, seed: int, mode: str, fallback: str | None
) -> None:
    def lookup(unit: Unit) -> Translation | None:
        chance = random.Random(f"{seed} {unit.msgid}")
        if chance.randrange(6) == 0:
            return None  # left in the source language
        return Translation(translate(unit.msgid, chance.randrange(2**32)), "t.po:1")

    options = SegmentOptions(mode=mode)
    path = _write(html)
    try:
        fast = rebuild(path, lookup, options, fallback_lang=fallback)
        tree = localise(path, lookup, options, fallback_lang=fallback)
        with _general_path_only():
            general = rebuild(path, lookup, options, fallback_lang=fallback)
            general_tree = localise(path, lookup, options, fallback_lang=fallback)
    finally:
        path.unlink()
    assert fast.data == general.data
    assert fast.faithful == general.faithful
    assert fast.document.warnings == general.document.warnings
    assert (fast.document.total, fast.document.translated) == (
        general.document.total,
        general.document.translated,
    )
    assert serialize_html(tree.tree, None) == serialize_html(general_tree.tree, None)
    assert tree.warnings == general_tree.warnings

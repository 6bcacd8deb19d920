"""The source tokenizer finds tags, comments and raw text where an HTML5 parser does.

Cases follow the WHATWG tokenization states (comments, bogus comments, script data escapes)
and are checked against libxml2's tree: text the tokenizer keeps as text is text there too.
"""

from __future__ import annotations

import pytest

from l10nflow.segment.skeleton import (
    COMMENT,
    DOCTYPE,
    END,
    START,
    TEXT,
    decode_text,
    tag_attributes,
    text_offsets,
    tokenize,
)


def kinds(text: str) -> list[tuple[int, str]]:
    return [(t.kind, text[t.start : t.end]) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a < b <3 c", [(TEXT, "a < b <3 c")]),
        ("<p>x</p>", [(START, "<p>"), (TEXT, "x"), (END, "</p>")]),
        ("<!-->a<!--->b", [(COMMENT, "<!-->"), (TEXT, "a"), (COMMENT, "<!--->"), (TEXT, "b")]),
        ("<!--x--!>y", [(COMMENT, "<!--x--!>"), (TEXT, "y")]),
        ("<?php x?>y", [(COMMENT, "<?php x?>"), (TEXT, "y")]),
        ("<!DOCTYPE html>", [(DOCTYPE, "<!DOCTYPE html>")]),
        ("x</", [(TEXT, "x</")]),
        ("</3 y>z", [(COMMENT, "</3 y>"), (TEXT, "z")]),
        ("<a title='x>y'>", [(START, "<a title='x>y'>")]),
        ("<b>x<b", [(START, "<b>"), (TEXT, "x<b")]),  # a tag cut off by the end is text
        ("<title><b>&amp;</title>", [(START, "<title>"), (TEXT, "<b>&amp;"), (END, "</title>")]),
        (
            "<script><!--<script>x</script>y--></script>z",
            [
                (START, "<script>"),
                (TEXT, "<!--<script>x</script>y-->"),
                (END, "</script>"),
                (TEXT, "z"),
            ],
        ),
        # The scan starts again after a comment, raw text and <plaintext>:
        (
            "<p>a<!--<b>-->b<i>c</i><!---->",
            [
                (START, "<p>"),
                (TEXT, "a"),
                (COMMENT, "<!--<b>-->"),
                (TEXT, "b"),
                (START, "<i>"),
                (TEXT, "c"),
                (END, "</i>"),
                (COMMENT, "<!---->"),
            ],
        ),
        (
            "<style>a<b</style><b>x",
            [(START, "<style>"), (TEXT, "a<b"), (END, "</style>"), (START, "<b>"), (TEXT, "x")],
        ),
        ("<textarea>a</b>", [(START, "<textarea>"), (TEXT, "a</b>")]),
        ("<script/>x<i>", [(START, "<script/>"), (TEXT, "x"), (START, "<i>")]),
        (
            "a<plaintext>x</plaintext><b>",
            [(TEXT, "a"), (START, "<plaintext>"), (TEXT, "x</plaintext><b>")],
        ),
        ("<!--x", [(COMMENT, "<!--x")]),
    ],
)
def test_tokens(text: str, expected: list[tuple[int, str]]) -> None:
    assert kinds(text) == expected


def test_self_closing_needs_the_slash_right_before_the_end() -> None:
    first, second = tokenize("<br/><a href=x/>")
    assert first.self_closing and not second.self_closing


def test_attributes_keep_their_quotes_and_offsets() -> None:
    text = "<p A=1 b=\"x\"c='y' d>"
    [token] = tokenize(text)
    found = tag_attributes(text, token)
    assert [(a.name, text[a.value_start : a.value_end], a.quote) for a in found.attributes] == [
        ("a", "1", ""),
        ("b", "x", '"'),
        ("c", "y", "'"),
        ("d", "", ""),
    ]
    assert text[found.end :] == ">"


def test_decoding_matches_the_parser_and_cuts_avoid_references() -> None:
    raw = "a\r\nb &amp; &copy c &notit; d\x00"
    assert decode_text(raw) == "a\nb & © c ¬it; d\ufffd"
    decoded_points = [d for d, _ in text_offsets(raw, 0)]
    assert 5 in decoded_points and 6 in decoded_points  # before and after "&amp;"
    assert decode_text("&amp;", references=False) == "&amp;"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("<p>a < b</p>", [True]),  # a "<" that starts no tag is text, nothing to decode
        ("<p>x &amp; y</p>", [False]),
        ("<p>AT&T</p>", [False]),  # decoding may keep it as it is: decode_text decides
        ("<p>a\r\nb</p>", [False]),
        ("<p>a\x01b</p>", [False]),
        ("&<b>x</b>\r", [False, True, False]),
        ("<p>x&</p><i>y</i>", [False, True]),
        ("<script>a</script>z<b>", [False, True]),  # raw text: not known, the aligner decides
        ("<b>x</b>z", [True, False]),  # after the last tag: not known either
    ],
)
def test_a_text_is_plain_only_when_nothing_in_it_needs_decoding(
    text: str, plain: list[bool]
) -> None:
    """The aligner takes a plain text's source as its characters without a search: a text
    is plain exactly when the tokenizer saw it whole and it has no reference, CR or
    control character (a text after the last tag is not known either)."""
    texts = [t for t in tokenize(text) if t.kind == TEXT]
    assert [t.plain for t in texts] == plain
    for token in texts:
        raw = text[token.start : token.end]
        assert not token.plain or decode_text(raw) == raw

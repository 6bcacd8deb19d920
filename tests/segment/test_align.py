"""The source map of a page: every node matched to its tokens, at any depth."""

from __future__ import annotations

import sys
from pathlib import Path

from l10nflow.segment.align import _Aligner
from l10nflow.segment.htmlio import parse_html


def test_a_deep_page_is_aligned_without_recursion() -> None:
    # 1,500 levels under a recursion limit of 300: the walk is a loop, not one call per level.
    depth = 1500
    source = "<html><body>" + "<div>x" * depth + "</div>" * depth + "</body></html>"
    root = parse_html(source, Path("deep.html"))
    aligner = _Aligner(source)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(300)
    try:
        aligner.element(root)
    finally:
        sys.setrecursionlimit(limit)
    source_map = aligner.map
    divs = list(root.iter("div"))
    assert len(divs) == depth
    assert all(
        source[source_map.start_tags[d].start : source_map.start_tags[d].end] == "<div>"
        for d in divs
    )
    assert all(
        source[source_map.end_tags[d].start : source_map.end_tags[d].end] == "</div>" for d in divs
    )
    spans = [source_map.text_span(d, False) for d in divs]
    assert all(span is not None and source[span.start : span.end] == "x" for span in spans)


def test_a_text_of_one_source_token_is_stored_as_the_token() -> None:
    """Most texts are one source text: the map keeps the token (no span object per text);
    text_span still gives a span, and one_to_one says which texts map one to one."""
    from l10nflow.segment.align import align
    from l10nflow.segment.skeleton import SourceToken

    source = "<html><body><p>plain <b>a &amp; b</b> tail</p></body></html>"
    root = parse_html(source, Path("t.html"))
    source_map = align(source, root)
    p = root.find(".//p")
    assert p is not None
    b = p.find("b")
    assert b is not None
    assert type(source_map.texts[p]) is SourceToken
    assert source_map.one_to_one(p, False) == (len("plain "), source.index("plain "))
    assert source_map.one_to_one(b, False) == (-1, 0)  # a reference: not one to one
    span = source_map.text_span(b, False)
    assert span is not None and span.offset(len("a & ")) == source.index(" b</b>") + 1
    assert source_map.one_to_one(b, True) == (len(" tail"), source.index(" tail"))
    assert source_map.one_to_one(root, True) == (-1, 0)  # no tail: not located either
    assert source_map.text_span(root, True) is None


def test_texts_are_located_whether_or_not_their_source_needs_decoding() -> None:
    """A text whose source is the very text is taken without decoding; one with a
    reference, a CR LF or (in a script) a reference kept as it is, by decoding."""
    from l10nflow.segment.align import align

    source = (
        "<html><head><script>if (a &amp;&amp; b) {}</script></head>"
        "<body><p>plain</p><p>a\r\nb</p><p>x &lt; y</p></body></html>"
    )
    root = parse_html(source, Path("t.html"))
    source_map = align(source, root)
    script = root.find(".//script")
    assert script is not None
    raw = "if (a &amp;&amp; b) {}"
    assert script.text == raw  # a script keeps its references
    assert source_map.one_to_one(script, False) == (len(raw), source.index(raw))
    plain, crlf, reference = root.iter("p")
    assert source_map.one_to_one(plain, False) == (5, source.index("plain"))
    for element, text in ((crlf, "a\r\nb"), (reference, "x &lt; y")):
        span = source_map.text_span(element, False)
        assert span is not None and source[span.start : span.end] == text
        assert source_map.one_to_one(element, False) == (-1, 0)

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

"""names_pattern: a trie-shaped regex matches exactly the names it was made of."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from l10nflow.segment.chunks import _NOT_BLOCK, next_candidate
from l10nflow.segment.tag_pattern import names_pattern

_NAMES = st.text(alphabet="abcd-1", min_size=1, max_size=5)


@given(st.sets(_NAMES, min_size=1, max_size=12), _NAMES)
def test_matches_exactly_its_names(names: set[str], word: str) -> None:
    pattern = re.compile(names_pattern(names) + r"\Z")
    for name in names:
        assert pattern.match(name)
    assert bool(pattern.match(word)) == (word in names)


@given(st.sampled_from(sorted(_NOT_BLOCK)), st.sampled_from(["p", "div", "li", "h1", "section"]))
def test_chunk_candidates_skip_inline_and_document_tags(inline: str, block: str) -> None:
    # Every spelling of a tag that may not begin a chunk is stepped over; a block tag is found.
    page = f"<{inline}>x</{inline}><{inline.upper()} id=1><{inline}/><{block} class=a>y"
    found = next_candidate(page, 0)
    assert found is not None
    assert found.group(1) == block
    assert found.start() == page.index(f"<{block} ")
    # A name that only begins like an inline one is a block tag of its own.
    longer = f"<{inline}x>z"
    assert next_candidate(longer, 0) is not None

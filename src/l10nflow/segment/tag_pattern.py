"""A regular expression for a set of tag names, written as a trie.

Python's ``re`` tries the branches of an alternation one after another, so a pattern that
rejects ``<b`` by trying 45 names costs 45 comparisons at every tag of a page; a trie rejects
it after one or two. The chunk planner scans whole pages with such a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
_END = ""  # the key that marks the end of a name


def names_pattern(names: Iterable[str]) -> str:
    """A pattern (no groups) that matches exactly one of ``names`` (not necessarily the
    longest: follow it with what must come after a name)."""
    trie: _Trie = {}
    for name in names:
        node = trie
        for character in name:
            node = node.setdefault(character, {})
        node[_END] = {}
    return _branches(trie)


def _branches(node: _Trie) -> str:
    branches = [
        re.escape(character) + _branches(child)
        for character, child in sorted(node.items())
        if character != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END not in node:
        return body
    return (body if len(branches) > 1 else f"(?:{body})") + "?"

"""The msgid of a unit cut at joints, from its fragments' msgids, and its translation cut back
into fragment translations (see :mod:`l10nflow.segment.joints`).

A fragment's placeholders are numbered per tag from 1 in its chunk; in the whole unit each
fragment's come after the ones before it. A translation is cut before the first placeholder
of each fragment after the first (where the whole page's translation passes from one
fragment's elements to the next), and each part is numbered again as its fragment: applied
in their chunks, the parts write what the whole translation writes in the whole page. Each
chunk checks its part as it checks any translation, so a translation that moves or drops
that first placeholder (then a part holds another fragment's placeholders, or none of its
own) is refused there, and the page is processed without joints.

A unit of a 20 MB page holds millions of placeholders: they are renumbered with a few scans
in C (a split, maps over the numbers) rather than a Python call each.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise, repeat
from operator import add

# PLACEHOLDER_RE as groups for split: text, then "<" or "</", tag base, number, ">" or "/>".
_PARTS_RE = re.compile(r"(</?)([a-z][a-z-]*)(\d+)(/?>)")
_FIELDS = 5  # a text and the four groups of the placeholder after it

Counts = dict[str, int]  # placeholders (pairs and empty ones) by tag base


# The tag base of an opening or empty placeholder: in a msgid every "<" starts a placeholder
# (a text's are escaped), so a closing one, "</", is passed over.
_OPENING_RE = re.compile(r"<([a-z][a-z-]*)\d+/?>")


def placeholder_counts(msgid: str) -> Counts:
    """How many placeholders of each tag base ``msgid`` numbers (pairs once)."""
    # (findall of one group: 3.6 times faster than a split into every field.)
    return dict(Counter(_OPENING_RE.findall(msgid)))


def renumbered(text: str, offsets: Counts, sign: int = 1) -> str:
    """``text`` with each placeholder's number moved by ``sign`` times its base's offset."""
    if not offsets:
        return text
    parts = _PARTS_RE.split(text)
    bases = parts[2::_FIELDS]
    moves = map(offsets.get, bases, repeat(0)) if sign > 0 else _negated(offsets, bases)
    parts[3::_FIELDS] = map(str, map(add, map(int, parts[3::_FIELDS]), moves))
    return "".join(parts)


def _negated(offsets: Counts, bases: list[str]) -> map[int]:
    negative = {base: -offset for base, offset in offsets.items()}
    return map(negative.get, bases, repeat(0))


def add_counts(total: Counts, counts: Counts) -> None:
    """Add ``counts`` to ``total``: the offsets of a unit's next fragment (see
    :class:`~l10nflow.segment.chunk_units.JointUnit`)."""
    for base, count in counts.items():
        total[base] = total.get(base, 0) + count


# A fragment's part of a translation, numbered as the whole unit, and the offsets that
# number it as the fragment (see :func:`local_translation`).
Part = tuple[str, Counts]


def split_translation(text: str, joined: list[str], offsets: list[Counts]) -> list[Part] | None:
    """``text``, the translation of a unit whose fragments are ``joined`` (numbered as in the
    unit: :func:`renumbered` by their ``offsets``), cut before the first placeholder of each
    fragment after the first; None where one is not in it, in order."""
    cuts = [0]
    for fragment in joined[1:]:
        first = _PARTS_RE.search(fragment)
        at = -1 if first is None else text.find(first.group(), cuts[-1])
        if at < 0:
            return None
        cuts.append(at)
    cuts.append(len(text))
    return [(text[a:b], offset) for (a, b), offset in zip(pairwise(cuts), offsets, strict=True)]


def local_translation(part: Part) -> str:
    """A fragment's part of a translation numbered as the fragment is (the chunk that holds
    the fragment does it: the parts are renumbered on every core)."""
    text, offsets = part
    return renumbered(text, offsets, -1)

"""The pseudo-locale: accented, expanded, bracketed text that keeps placeholders intact.

A page built with it shows at a glance which text escaped translation (it stays plain ASCII)
and which layout clips longer languages (the text is about 30% longer).
"""

from __future__ import annotations

import re

from l10nflow.model import Unit

# The segmenter's placeholder syntax: <a1>, </a1>, <br1/>.
PLACEHOLDER = re.compile(r"</?[a-z][a-z-]*\d+/?>")

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
EXPANSION = 0.3
_PAD = "~"


def _accent(text: str) -> str:
    return text.translate(_ACCENTED)


def pseudo_translate(text: str) -> str:
    """``"Read <a1>the report</a1>."`` → ``"[Ŕéàđ <a1>ţĥé ŕéþöŕţ</a1>. ~~~~~~]"``.

    Only the text between placeholders is accented; the padding makes the string about 30%
    longer (counted without placeholders), which is the usual budget for expansion.
    """
    pieces: list[str] = []
    visible = 0
    position = 0
    for match in PLACEHOLDER.finditer(text):
        chunk = text[position : match.start()]
        visible += len(chunk)
        pieces.append(_accent(chunk))
        pieces.append(match.group())
        position = match.end()
    tail = text[position:]
    visible += len(tail)
    pieces.append(_accent(tail))
    length = max(1, round(visible * EXPANSION) - 2)
    # Words of at most 10 so that the padding wraps like text instead of overflowing a column.
    padding = " ".join(_PAD * min(10, length - i) for i in range(0, length, 11))
    return f"[{''.join(pieces)} {padding}]"


def pseudo_translation_text(unit: Unit) -> str:
    return pseudo_translate(unit.msgid)

"""What may stand after a sentence end and still belong to it (English rules, sentences_en.py).

Found on the development parts of the Universal Dependencies sets (benchmarks/build_ud_gold.py):

- footnote marks after a space ("in grammar. [6] [7] By 1965 ..."): text taken from a
  Wikipedia-style page keeps the reference with the sentence it supports;
- a parenthesis without a sentence of its own after a title ending in "!" or "?" ("for Viva
  Maria! (1965), and ...", "the film Meurtres? (Three Sinners, 1950) and ...").

Not a rule: a name and a speech verb after '!"' ('"Snap!" Pete said.' goes on in GUM's
fiction, but pySBD's Alice cases start a new sentence there, '"... story!" Alice called').
"""

from __future__ import annotations

import re
from functools import cache


@cache
def _citations() -> re.Pattern[str]:
    mark = r"\[(?:\d{1,3}|[a-z] ?\d{1,3}|citation needed)\]"
    return re.compile(rf"{mark}(?:\s*{mark})*\s*")


def after_citations(text: str, offset: int) -> int | None:
    """The sentence start at `offset`, moved past footnote marks; None when only they follow."""
    if not text.startswith("[", offset):
        return offset
    match = _citations().match(text, offset)
    if match is None:
        return offset
    return match.end() if match.end() < len(text) else None


def parenthesis_goes_on(text: str, start: int) -> bool:
    """Does a parenthesis at `start` hold no sentence ("(1965)", "(Three Sinners, 1950)")?"""
    if not text.startswith("(", start):
        return False
    close = text.find(")", start, start + 120)
    if close < 0 or "(" in text[start + 1 : close]:
        return False
    inside = text[start + 1 : close].rstrip()
    return bool(inside) and inside[-1] not in ".?!…"

"""Translations that keep a unit's placeholders as they are, in their order (most: MT and
translators keep them), read as texts only.

Such a translation changes only the texts between the unit's elements: it is read with one
split and a few scans in C, into the texts before each element token of the unit (and the
text after the last), with no token per text. :mod:`l10nflow.segment.apply` then sets those
texts in the tree and the source; every other translation is parsed into tokens
(:func:`~l10nflow.segment.placeholders.parse_translation`), which judges it.
"""

from __future__ import annotations

import re

from l10nflow.segment.placeholders import (
    _CONTROL_RE,
    _SPLIT_RE,
    MARKUP_RE,
    Atom,
    Invisible,
    Text,
    Token,
    strip_controls,
    unescape_text,
)

# PLACEHOLDER_RE without groups: findall gives the placeholders whole.
_PLACEHOLDER_FIND_RE = re.compile(r"</?[a-z][a-z-]*\d+/?>")


def kept_texts(text: str, msgid: str, inner: list[Token]) -> list[str] | None:
    """The texts of ``text``, a translation of the unit of a walk whose msgid is ``msgid``
    and whose tokens are ``inner``, if it holds the msgid's placeholders, all of them and in
    their order, around text without markup: the text before each element token of ``inner``
    and the text after the last, unescaped and without control characters ("" where there is
    none). ``parse_translation(text, inner)`` is then those texts (the non-empty ones) between
    those element tokens. None for any other translation, or a unit with protected elements
    or comments (their tokens are placed by the full parse).

    The walk names a unit's elements by counters and its pairs are balanced (a tree's), and
    the msgid is rendered from ``inner``: its placeholders are those of the element tokens,
    in order, and the full parse would accept them as they are."""
    types = list(map(type, inner))
    kinds = set(types)
    if Atom in kinds or Invisible in kinds:
        return None
    count = len(types) - types.count(Text)  # the msgid's placeholders
    if not count:
        return None
    if msgid.count("<") == count == msgid.count(">"):
        if text.count("<") == count == text.count(">"):
            texts = _bare_texts(text, msgid, count)
        else:
            texts = _split_texts(text, msgid)
    else:
        texts = _split_texts(text, msgid)
    if texts is None:
        return None
    # The separator is no markup, no control and no "&": the checks of each text at once.
    joined = "\n".join(texts)
    if MARKUP_RE.search(joined):
        return None
    if "&" in joined or _CONTROL_RE.search(joined) is not None:
        return [strip_controls(unescape_text(part)) for part in texts]
    return texts


def _bare_texts(text: str, msgid: str, count: int) -> list[str] | None:
    """The texts between the placeholders where no text of the msgid nor the translation
    holds a "<" or a ">" (most): each is split at both in C, a few scans in all (a regex split
    costs a match object per placeholder). The translation's placeholders must be the
    msgid's, in order, each a "<" and a ">": the translation is rebuilt from its texts and
    the msgid's placeholders, and must be what it was."""
    names = msgid.replace(">", "<").split("<")[1::2]  # what is between each "<" and ">"
    parts = text.replace(">", "<").split("<")
    if parts[1::2] != names:
        return None
    texts = parts[0::2]
    rebuilt: list[str] = [""] * (4 * count + 1)
    rebuilt[0::4] = texts
    rebuilt[1::4] = ["<"] * count
    rebuilt[2::4] = names
    rebuilt[3::4] = [">"] * count
    return texts if "".join(rebuilt) == text else None


def _split_texts(text: str, msgid: str) -> list[str] | None:
    """:func:`_bare_texts` of any translation: the placeholders found by a regex split."""
    parts = _SPLIT_RE.split(text)
    if parts[1::2] != _PLACEHOLDER_FIND_RE.findall(msgid):
        return None
    return parts[0::2]


def kept_tokens(texts: list[str], elements: list[Token]) -> list[Token]:
    """What ``parse_translation`` makes of a translation :func:`kept_texts` read: its texts
    (the non-empty ones) between the unit's ``elements`` (its tokens that are not texts)."""
    tokens: list[Token] = []
    append = tokens.append
    for part, element in zip(texts, elements, strict=False):  # and the last text:
        if part:
            append(Text(part))
        append(element)
    if texts[-1]:
        append(Text(texts[-1]))
    return tokens


def element_tokens(inner: list[Token]) -> list[Token]:
    """A unit's tokens that are not texts, in order."""
    return [token for token in inner if type(token) is not Text]

"""Joints: cuts inside a sentence, so that a page that is one huge sentence is cut too.

A seam (:mod:`l10nflow.segment.run_seams`) cuts a run where a sentence ends; a 20 MB
paragraph of links or bold words that is one sentence has no such place, and its tree takes
gigabytes. A *joint* cuts it before an inline start tag where no inline element is open
(``…</a>, <a href>…``): each chunk walks its part of the run, and the unit across the joint
comes in *fragments*, one per chunk, each rendered as a unit is but not trimmed, nor its
space stripped, on the joint's side. A fragment's placeholders are numbered from 1 in its
chunk; ``extract`` joins the fragments' msgids, numbering each fragment's placeholders after
the ones before it (:mod:`l10nflow.segment.joint_texts`), and ``apply`` cuts the unit's
translation at the same places into fragment translations, which each chunk applies as it
applies any translation.

This gives the whole page's units because the cut is where a unit's tokens have no element
open (the chunk planner checks the parser's open elements), so that whitespace, escaping and
trimming never run across it; a fragment holds texts, inline elements and empty elements
only (a protected element or a comment names itself in the unit's note or merges texts: the
page is then processed whole), and the breaker must not cut the whole run at a joint (the
seam check proves it, as it proves seams).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from l10nflow.segment.htmlio import VOID_ELEMENTS
from l10nflow.segment.joint_texts import Counts, placeholder_counts
from l10nflow.segment.large_pages import SeamMismatch
from l10nflow.segment.piece_lines import HTML_SPACE
from l10nflow.segment.pieces import (
    Piece,
    SentenceBreaker,
    first_kept,
    has_letters,
    last_kept,
    unit_msgid,
)
from l10nflow.segment.placeholders import Atom, Invisible, Text, Token
from l10nflow.segment.policy import INLINE_ELEMENTS, OPAQUE_ELEMENTS
from l10nflow.segment.tag_pattern import names_pattern

# A joint is before one of these start tags (a line break is edge filler: a unit trims it).
_JOINT_TAGS = INLINE_ELEMENTS - OPAQUE_ELEMENTS - {"br", "wbr"}
_JOINT = re.compile(
    r"<(?P<tag>" + names_pattern(_JOINT_TAGS) + rf")(?=[{HTML_SPACE}/>])", re.IGNORECASE
)
# Text on each side of a joint the planner gives the breaker, to keep joints off breaks.
_WINDOW = 2000
# Joints tried at most from one place (each costs a breaker call).
_TRIES = 16
_TAG = re.compile(r"<[^<>]*>")


class JointMismatch(SeamMismatch):
    """A unit cut at a joint cannot be joined as the whole page's walk makes it."""


@dataclass(frozen=True)
class JointCandidate:
    """Where a chunk may end inside a sentence: before a start tag of ``first_tag``."""

    position: int
    first_tag: str


def next_joint(
    source: str, start: int, stop: int, breaker: SentenceBreaker
) -> JointCandidate | None:
    """The first inline start tag in ``source[start:stop]`` outside a tag where the breaker,
    given the text around it, does not break (nor in the white space before it)."""
    for tries, found in enumerate(_JOINT.finditer(source, start, stop)):
        if tries == _TRIES:
            break
        at = found.start()
        near = max(0, at - _WINDOW)  # (``start`` may be inside a tag or after one)
        if source.rfind("<", near, at) > source.rfind(">", near, at):
            continue  # in a tag (an attribute's value)
        if _after_start_tag(source, near, at):
            continue  # likely inside that element (<b><i>): no cut there, and a parse each
        before = _plain(source[max(0, at - _WINDOW) : at])
        breaks = breaker(before + _plain(source[at : at + _WINDOW]))
        space = len(before) - len(before.rstrip(HTML_SPACE))
        if not any(len(before) - space <= cut <= len(before) for cut in breaks):
            return JointCandidate(at, found.group("tag").lower())
    return None


_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")


def _after_start_tag(source: str, start: int, at: int) -> bool:
    """The tag before ``at`` is a start tag of an element with content (a guess the parse
    of the chunk confirms or not: the element may be a block, or closed by the parser)."""
    before = source.rfind("<", start, at)
    if before < 0:
        return False
    name = _NAME.match(source, before + 1)
    return name is not None and name.group().lower() not in VOID_ELEMENTS


def _plain(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


@dataclass(frozen=True)
class Fragment:
    """The part of a unit cut at a joint that one chunk holds: its msgid (placeholders
    numbered in the chunk), whether it has letters, which of its sides are joints."""

    msgid: str
    letters: bool
    open_left: bool
    open_right: bool
    counts: Counts  # its placeholders by tag base (counted in the chunk's process)


def open_piece(piece: Piece, open_left: bool, open_right: bool) -> tuple[Piece, Fragment]:
    """``piece``, at a joint on the sides given, made again as a fragment: trimmed as a unit
    is on its other sides only (a unit cut at a joint has no wrapper: an element open
    across the joint would have been open at the cut)."""
    reopened = _spaced_piece(piece, open_left, open_right)
    if reopened is None:
        reopened = _remade_piece(piece, open_left, open_right)
    msgid = reopened.msgid
    assert msgid is not None
    letters = piece.msgid is not None or has_letters(reopened.inner)
    fragment = Fragment(msgid, letters, open_left, open_right, placeholder_counts(msgid))
    return reopened, fragment


def _spaced_piece(piece: Piece, open_left: bool, open_right: bool) -> Piece | None:
    """:func:`open_piece` of a piece whose unit was only trimmed of white space on its open
    sides (most: its msgid has them as one space each), without rendering it again; None
    for any other piece."""
    if piece.msgid is None or not piece.inner:
        return None
    if set(map(type, piece.prefix + piece.suffix)) - {Text}:
        return None  # a wrapper or a line break was moved out: the unit is made again
    kinds = set(map(type, piece.inner))  # (a scan in C: a fragment holds 100,000s)
    if Atom in kinds or Invisible in kinds:
        raise JointMismatch("a unit cut at a joint holds a protected element or a comment")
    msgid, prefix, inner, suffix = piece.msgid, piece.prefix, piece.inner, piece.suffix
    if open_left:
        lead = "".join(token.text for token in prefix)  # type: ignore[union-attr]
        msgid = (" " if lead else "") + msgid
        inner, prefix = _with_edge_text(lead, inner, 0), []
    if open_right:
        trail = "".join(token.text for token in suffix)  # type: ignore[union-attr]
        msgid += " " if trail else ""
        inner, suffix = _with_edge_text(trail, inner, -1), []
    return Piece(prefix, inner, suffix, msgid, piece.line)


def _with_edge_text(text: str, inner: list[Token], edge: int) -> list[Token]:
    """``inner`` with ``text`` added at its start (``edge`` 0) or end (-1), in its edge text
    if it has one there (a walk never gives two texts in a row)."""
    if not text:
        return inner
    token = inner[edge]
    if type(token) is Text:
        joined = Text(text + token.text if edge == 0 else token.text + text)
        return [joined, *inner[1:]] if edge == 0 else [*inner[:-1], joined]
    return [Text(text), *inner] if edge == 0 else [*inner, Text(text)]


def _remade_piece(piece: Piece, open_left: bool, open_right: bool) -> Piece:
    tokens = _merged(piece.tokens)
    if any(type(token) is Atom or type(token) is Invisible for token in tokens):
        raise JointMismatch("a unit cut at a joint holds a protected element or a comment")
    start = 0 if open_left else first_kept(tokens)
    end = len(tokens) if open_right else max(start, last_kept(tokens, start) + 1)
    prefix, inner, suffix = tokens[:start], tokens[start:end], tokens[end:]
    if not inner:
        raise JointMismatch("a unit cut at a joint has nothing on one side of it")
    first, last = inner[0], inner[-1]
    if not open_left and type(first) is Text:
        text = first.text
        stripped = text.lstrip(HTML_SPACE)
        if stripped != text:
            prefix.append(Text(text[: len(text) - len(stripped)]))
            inner[0] = first = Text(stripped)
    if not open_right and type(last) is Text:
        text = last.text
        stripped = text.rstrip(HTML_SPACE)
        if stripped != text:
            suffix.insert(0, Text(text[len(stripped) :]))
            inner[-1] = Text(stripped)
    msgid = unit_msgid(inner, False, (not open_left, not open_right))
    return Piece(prefix, inner, suffix, msgid, piece.line)


def _merged(tokens: list[Token]) -> list[Token]:
    """Adjacent texts as one (a piece's edges are texts of their own once trimmed)."""
    merged: list[Token] = []
    for token in tokens:
        if type(token) is Text and merged and type(merged[-1]) is Text:
            merged[-1] = Text(merged[-1].text + token.text)
        else:
            merged.append(token)
    return merged

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

from dataclasses import dataclass

from l10nflow.segment.joint_texts import Counts, placeholder_counts
from l10nflow.segment.large_pages import SeamMismatch
from l10nflow.segment.pieces import (
    Piece,
    has_letters,
    trim_piece,
    unit_msgid,
)
from l10nflow.segment.placeholders import Atom, Invisible, Text, Token


class JointMismatch(SeamMismatch):
    """A unit cut at a joint cannot be joined as the whole page's walk makes it."""


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
    _refuse_protected(piece.inner)
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
    _refuse_protected(tokens)
    closed = (not open_left, not open_right)
    prefix, inner, suffix = trim_piece(tokens, closed)
    if not inner:
        raise JointMismatch("a unit cut at a joint has nothing on one side of it")
    return Piece(prefix, inner, suffix, unit_msgid(inner, False, closed), piece.line)


def _refuse_protected(tokens: list[Token]) -> None:
    kinds = set(map(type, tokens))  # (a scan in C: a fragment holds 100,000s of tokens)
    if Atom in kinds or Invisible in kinds:
        raise JointMismatch("a unit cut at a joint holds a protected element or a comment")


def _merged(tokens: list[Token]) -> list[Token]:
    """Adjacent texts as one (a piece's edges are texts of their own once trimmed)."""
    merged: list[Token] = []
    for token in tokens:
        if type(token) is Text and merged and type(merged[-1]) is Text:
            merged[-1] = Text(merged[-1].text + token.text)
        else:
            merged.append(token)
    return merged

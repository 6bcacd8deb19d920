"""HarfBuzz shaping: which glyphs a text run really uses, and whether a subset has them all.

A cmap check is not enough: HarfBuzz (like every browser) decomposes some characters before
it looks glyphs up, e.g. Thai SARA AM U+0E33 into NIKHAHIT U+0E4D + SARA AA U+0E32, so a subset
that has U+0E33 but not U+0E4D shows a box. Subsets are therefore made from the glyphs that
shaping each run with the full font gives, and checked by shaping each run with the subset.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

import uharfbuzz as hb
from fontTools.ttLib import TTFont

K = TypeVar("K", bound=Hashable)

# Characters that never need a glyph of their own (format controls, soft hyphen).
_NO_GLYPH = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def needs_glyph(char: str) -> bool:
    if char in _NO_GLYPH:
        return False
    return unicodedata.category(char) not in {"Cc", "Cf", "Zl", "Zp"}


def decomposed(char: str) -> set[str]:
    """The character and what a shaper may turn it into (canonical and compatibility)."""
    result = {char}
    for form in ("NFD", "NFKD"):
        result.update(c for c in unicodedata.normalize(form, char) if needs_glyph(c))
    return result


def split_by_font(
    text: str, fonts: Sequence[tuple[K, frozenset[int]]]
) -> list[tuple[K | None, str]]:
    """Cut ``text`` into pieces each drawn by one font, as a browser's font fallback does.

    Each character goes to the first font whose cmap has it; combining marks and format
    controls stay with the font of their base when it has them. ``None``: no font has it.
    """
    cmaps = [cmap for _key, cmap in fonts]
    if text and cmaps and cmaps[0].issuperset(map(ord, set(text))):
        return [(fonts[0][0], text)]  # the usual case: the first font has every character
    seen: dict[str, tuple[bool, bool, int]] = {}  # char → (needs a glyph, attaches, first font)
    pieces: list[tuple[int, list[str]]] = []  # font index (-1: none) and characters
    current = -1
    for char in text:
        known = seen.get(char)
        if known is None:
            glyph = needs_glyph(char)
            code = ord(char)
            first = next((i for i, cmap in enumerate(cmaps) if code in cmap), -1)
            known = seen[char] = (glyph, not glyph or unicodedata.category(char)[0] == "M", first)
        glyph, attached, first = known
        if pieces and attached and (not glyph or (current >= 0 and ord(char) in cmaps[current])):
            pieces[-1][1].append(char)
            continue
        if pieces and pieces[-1][0] == first:
            pieces[-1][1].append(char)
        else:
            pieces.append((first, [char]))
        current = first
    return [(fonts[i][0] if i >= 0 else None, "".join(chars)) for i, chars in pieces]


def hb_font(data: bytes, font_number: int = 0) -> hb.Font:
    """A HarfBuzz font from TTF/OTF/TTC bytes (WOFF2 is unpacked first: HarfBuzz can't read it)."""
    if data[:4] == b"wOF2":
        data = sfnt_bytes(data)
    return hb.Font(hb.Face(hb.Blob(data), font_number))


def sfnt_bytes(woff2: bytes) -> bytes:
    font = TTFont(io.BytesIO(woff2))
    font.flavor = None
    buffer = io.BytesIO()
    font.save(buffer)
    font.close()
    return buffer.getvalue()


def _shaped_buffer(font: hb.Font, text: str) -> hb.Buffer:
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    return buffer


def shape(font: hb.Font, text: str) -> list[int]:
    """Glyph ids HarfBuzz picks for ``text`` (0 is ``.notdef``, the box)."""
    return [info.codepoint for info in _shaped_buffer(font, text).glyph_infos]


# Per glyph: (glyph id, cluster, x advance, y advance, x offset, y offset).
Shaped = tuple[tuple[int, int, int, int, int, int], ...]


def shape_positions(font: hb.Font, text: str) -> Shaped:
    """What HarfBuzz draws for ``text``: each glyph with its cluster and position."""
    buffer = _shaped_buffer(font, text)
    return tuple(
        (info.codepoint, info.cluster, pos.x_advance, pos.y_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    )


# Glyph ids, clusters and positions (x and y offset, x and y advance) of a shaped run.
ShapedRun = tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, int, int, int], ...]]


def shape_run(font: hb.Font, text: str) -> ShapedRun:
    """What :func:`shape_positions` says, as three tuples: a third cheaper to make, and the
    glyph ids come apart from the rest (subsets are compared with the full font by mapping
    only those). The library shapes every piece of every edition twice, so this counts."""
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    infos = buffer.glyph_infos
    return (
        tuple([info.codepoint for info in infos]),
        tuple([info.cluster for info in infos]),
        tuple([pos.position for pos in buffer.glyph_positions]),
    )


def notdef_runs(runs: Iterable[str], fonts: Sequence[tuple[hb.Font, frozenset[int]]]) -> list[str]:
    """Pieces of ``runs`` that shape to ``.notdef`` with ``fonts`` (in fallback order).

    Characters no font maps are not counted here (they are reported as missing characters).
    """
    keyed = [(index, cmap) for index, (_font, cmap) in enumerate(fonts)]
    bad: list[str] = []
    for run in runs:
        for key, piece in split_by_font(run, keyed):
            if key is not None and 0 in shape(fonts[key][0], piece):
                bad.append(piece)
    return bad

"""A generated e-book cover: the translated title drawn as outlines in an SVG image.

The title is shaped with HarfBuzz against the full fonts (so Burmese stacking and Thai marks
are right) and every glyph becomes an SVG path, so the cover needs no font on the reader's
device. Lines break at spaces, and between any two characters in text without spaces (Chinese)
or when one word is wider than the page. Without a usable font the cover falls back to SVG
``<text>`` in the reader's fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen

from l10nflow.publish.shaping import split_by_font

WIDTH, HEIGHT, MARGIN = 1200, 1600, 110
BACKGROUND, INK, ACCENT = "#1d3b53", "#ffffff", "#f2c14e"


@dataclass(frozen=True)
class Glyph:
    font: hb.Font
    gid: int
    advance: float  # in em
    dx: float
    dy: float
    breakable_after: bool  # a line may end after this glyph
    space: bool
    cluster_end: bool  # the last glyph of a cluster (a syllable): a forced break may go here


def _glyphs(text: str, fonts: list[tuple[hb.Font, frozenset[int]]]) -> list[Glyph]:
    glyphs: list[Glyph] = []
    keyed = [(index, cmap) for index, (_font, cmap) in enumerate(fonts)]
    for key, piece in split_by_font(text, keyed):
        if key is None:
            continue
        font = fonts[key][0]
        upem = font.face.upem
        buffer = hb.Buffer()
        buffer.add_str(piece)
        buffer.guess_segment_properties()
        hb.shape(font, buffer, {})
        infos, positions = buffer.glyph_infos, buffer.glyph_positions
        for number, (info, pos) in enumerate(zip(infos, positions, strict=True)):
            char = piece[info.cluster] if info.cluster < len(piece) else ""
            following = infos[number + 1].cluster if number + 1 < len(infos) else len(piece)
            ends_cluster = following != info.cluster
            cjk = "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"
            glyphs.append(
                Glyph(
                    font,
                    info.codepoint,
                    pos.x_advance / upem,
                    pos.x_offset / upem,
                    pos.y_offset / upem,
                    ends_cluster and (char.isspace() or cjk),
                    char.isspace(),
                    ends_cluster,
                )
            )
    return glyphs


def _lines(glyphs: list[Glyph], width_em: float) -> tuple[list[list[Glyph]], bool]:
    """Greedy line breaking at break opportunities; True if a word had to be cut (then at a
    cluster boundary, never inside a syllable such as Thai ทำ)."""
    lines: list[list[Glyph]] = []
    line: list[Glyph] = []
    last_break = last_cluster = -1
    forced = False
    for glyph in glyphs:
        line.append(glyph)
        if sum(g.advance for g in line) > width_em and len(line) > 1:
            if last_break >= 0:
                cut = last_break + 1
            else:
                forced = True
                cut = last_cluster + 1 if last_cluster >= 0 else len(line) - 1
            lines.append(line[:cut])
            line = line[cut:]
            last_break = last_cluster = -1
            for index, kept in enumerate(line[:-1]):  # the glyphs carried over
                if kept.breakable_after:
                    last_break = index
                if kept.cluster_end:
                    last_cluster = index
        if glyph.breakable_after:
            last_break = len(line) - 1
        if glyph.cluster_end and len(line) > 0:
            last_cluster = len(line) - 1
    if line:
        lines.append(line)
    return [_strip(current) for current in lines if _strip(current)], forced


def _strip(line: list[Glyph]) -> list[Glyph]:
    start, end = 0, len(line)
    while start < end and line[start].space:
        start += 1
    while end > start and line[end - 1].space:
        end -= 1
    return line[start:end]


@lru_cache(maxsize=8192)
def _outline(font: hb.Font, gid: int) -> str:
    """A glyph's outline as SVG path commands (remembered: covers share most letters)."""
    pen = SVGPathPen(None)
    font.draw_glyph_with_pen(gid, pen)
    return str(pen.getCommands())


def _draw(lines: list[list[Glyph]], size: float, top: float, gap: float, fill: str) -> list[str]:
    paths: list[str] = []
    y = top
    for line in lines:
        x = float(MARGIN)
        for glyph in line:
            commands = _outline(glyph.font, glyph.gid)
            if commands:
                scale = size / glyph.font.face.upem
                gx, gy = x + glyph.dx * size, y - glyph.dy * size
                paths.append(
                    f'<path fill="{fill}" transform="translate({gx:.1f} {gy:.1f}) '
                    f'scale({scale:.5f} {-scale:.5f})" d="{commands}"/>'
                )
            x += glyph.advance * size
        y += size * gap
    return paths


def _fit(text: str, fonts: list[tuple[hb.Font, frozenset[int]]]) -> tuple[list[list[Glyph]], float]:
    """The largest size that fits, preferring one where no word has to be cut.

    Thai writes words without spaces and a dictionary breaker is not at hand, so below a
    readable size a long word is cut at a syllable (cluster) boundary instead.
    """
    glyphs = _glyphs(text, fonts)
    sizes = (104, 92, 80, 68, 58, 50, 42)
    for allow_cuts, candidates in ((False, sizes[:4]), (True, sizes)):
        for size in candidates:
            lines, forced = _lines(glyphs, (WIDTH - 2 * MARGIN) / size)
            if (allow_cuts or not forced) and len(lines) * size * 1.6 <= HEIGHT * 0.55:
                return lines, size
    return _lines(glyphs, (WIDTH - 2 * MARGIN) / sizes[-1])[0], sizes[-1]


def cover_svg(
    title: str,
    byline: str,
    lang: str,
    title_fonts: list[tuple[hb.Font, frozenset[int]]],
    byline_fonts: list[tuple[hb.Font, frozenset[int]]],
) -> str:
    """The cover as an SVG document; ``*_fonts``: (HarfBuzz font, cmap) in fallback order."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" xml:lang="{lang}" role="img" aria-labelledby="title">',
        f'<title id="title">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BACKGROUND}"/>',
        f'<rect x="{MARGIN}" y="{MARGIN + 40}" width="160" height="14" fill="{ACCENT}"/>',
    ]
    lines, size = _fit(title, title_fonts)
    drawn = _draw(lines, size, MARGIN + 120 + size, 1.6, INK) if title_fonts else []
    if drawn:
        parts.extend(drawn)
    else:  # no font to draw with: let the reader's fonts show the title
        parts.append(
            f'<text x="{MARGIN}" y="{MARGIN + 240}" font-size="80" fill="{INK}" '
            f'font-family="sans-serif">{escape(title)}</text>'
        )
    if byline:
        byline_lines, _ = _fit(byline, byline_fonts)
        drawn = _draw(byline_lines[:2], 46, HEIGHT - MARGIN - 60, 1.5, ACCENT)
        parts.extend(drawn)
    parts.append("</svg>\n")
    return "\n".join(parts)

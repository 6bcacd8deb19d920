"""Embedded fonts: OFL fonts from Debian, subset with HarfBuzz to the text an edition shows.

Every character of an edition is assigned to the first font of its stack that has it in its
cmap (the edition's script font first, then Latin, then the other scripts, e.g. the language
switcher's "ไทย" on the Burmese page). A subset (:mod:`l10nflow.publish.subset`) keeps every
OpenType layout feature and the characters shapers decompose to (Thai ำ → ํ + า), so Myanmar
and Thai shaping survive; if HarfBuzz, shaping a text run with the full font, picks a glyph the
subset lacks, the subset is made again with that glyph. Each run of a book is then shaped with
its subset and must give the same glyphs and positions as with the full font. Text the page
shows in bold (headings) gets the bold face. A font missing on this machine is left out with a
warning: the page then falls back to the reader's own fonts.

Web pages share one WOFF2 font per locale and face across the site (:meth:`site_font`);
e-books embed their own subsets as OpenType files (every EPUB reading system reads them, and
the book's zip compresses them nearly as well as WOFF2's Brotli, for a fraction of the time).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import uharfbuzz as hb

from l10nflow.errors import L10nError
from l10nflow.publish.font_specs import (
    BOLD,
    DEFAULT_CHOICE,
    FONT_CHOICES,
    LATIN_FACES,
    REGULAR,
    FontSpec,
)
from l10nflow.publish.licences import ofl_beside, ofl_from_debian
from l10nflow.publish.shaping import (
    ShapedRun,
    decomposed,
    hb_font,
    needs_glyph,
    shape_run,
    split_by_font,
)
from l10nflow.publish.subset import SUBSETTER_VERSION, Subset, SubsetCache

_SHAPED_MEMO_LIMIT = 50_000  # pieces; bounded so that a huge page cannot fill the memory


@dataclass(frozen=True)
class EmbeddedFont:
    """A subset ready to ship: its bytes, file name, CSS family and licence text."""

    spec: FontSpec
    file_name: str
    data: bytes
    licence_name: str
    licence_text: str
    characters: frozenset[str]

    @property
    def css_format(self) -> str:
        """The CSS ``format()`` hint of the file."""
        if self.file_name.endswith(".woff2"):
            return "woff2"
        return "opentype" if self.file_name.endswith(".otf") else "truetype"


@dataclass
class FaceText:
    """What one font of the stack draws: its text pieces, characters and full-font glyphs."""

    pieces: list[str] = field(default_factory=list)
    characters: set[str] = field(default_factory=set)
    glyphs: set[int] = field(default_factory=set)


@dataclass
class Analysis:
    """Which font draws which text of an output, and what no font can draw."""

    faces: dict[FontSpec, FaceText] = field(default_factory=dict)  # in stack order
    missing_characters: set[str] = field(default_factory=set)
    missing_fonts: list[FontSpec] = field(default_factory=list)


@dataclass
class Embedding:
    """What :meth:`FontLibrary.embed` made, and what it could not do."""

    fonts: list[EmbeddedFont] = field(default_factory=list)
    missing_characters: set[str] = field(default_factory=set)
    missing_fonts: list[FontSpec] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)  # pieces a subset shapes otherwise


@dataclass(frozen=True)
class SiteFace:
    """A face's subset for all of a locale's pages, and the glyphs their text shapes to that
    it still lacks (none, unless the subsetter drops some)."""

    spec: FontSpec
    characters: frozenset[str]
    key: str  # the subset's cache key
    subset: Subset
    lacking: frozenset[int]


class FontLibrary:
    """Finds font files under the configured directories; caches cmaps, shapes and subsets."""

    def __init__(
        self,
        font_dirs: Iterable[Path],
        cache_dir: Path | None = None,
        choices: dict[str, str] | None = None,
    ) -> None:
        self.font_dirs = tuple(font_dirs)
        self.cache_dir = cache_dir
        self.choices = dict(choices or {})
        self.subsets = SubsetCache(cache_dir)
        self._index: dict[str, Path] | None = None
        self._cmaps: dict[FontSpec, frozenset[int]] = {}
        self._hb: dict[FontSpec, hb.Font] = {}
        self._shaped: dict[tuple[FontSpec, str], ShapedRun] = {}
        self._splits: dict[tuple[tuple[FontSpec, ...], str], list[tuple[FontSpec | None, str]]] = {}
        self._licences: dict[FontSpec, str] = {}

    def script_faces(self, script: str) -> dict[int, FontSpec] | None:
        choices = FONT_CHOICES.get(script)
        if choices is None:
            return None
        return choices[self.choices.get(script, DEFAULT_CHOICE)]

    def all_specs(self) -> list[FontSpec]:
        faces = [LATIN_FACES, *(self.script_faces(s) or {} for s in sorted(FONT_CHOICES))]
        return [spec for face in faces for spec in face.values()]

    def _files(self) -> dict[str, Path]:
        if self._index is None:
            index: dict[str, Path] = {}
            for directory in self.font_dirs:
                for dirpath, _dirs, files in os.walk(directory):
                    for name in files:
                        index.setdefault(name, Path(dirpath) / name)
            self._index = index
        return self._index

    def available(self, spec: FontSpec) -> bool:
        return spec.file_name in self._files()

    def path(self, spec: FontSpec) -> Path:
        found = self._files().get(spec.file_name)
        if found is None:
            raise L10nError(f"font {spec.file_name} not found; {missing_font_advice(spec)}")
        return found

    def fingerprint(self, specs: Iterable[FontSpec]) -> str:
        """Cheap identity of the font files (path, size, mtime) for edition stamps."""
        parts = []
        for spec in specs:
            if self.available(spec):
                stat = self.path(spec).stat()
                parts.append(f"{spec.file_name}:{stat.st_size}:{stat.st_mtime_ns}")
            else:
                parts.append(f"{spec.file_name}:missing")
        return ";".join(parts) + f";choices={sorted(self.choices.items())};{SUBSETTER_VERSION}"

    def cmap(self, spec: FontSpec) -> frozenset[int]:
        if spec not in self._cmaps:
            self._cmaps[spec] = frozenset(self.full_font(spec).face.unicodes)
        return self._cmaps[spec]

    def full_font(self, spec: FontSpec) -> hb.Font:
        """The whole font for HarfBuzz (to learn which glyphs a run needs, or to draw a cover)."""
        if spec not in self._hb:
            self._hb[spec] = hb.Font(self.subsets.face(spec, self.path(spec)))
        return self._hb[spec]

    def shaped(self, spec: FontSpec, piece: str) -> ShapedRun:
        """The piece shaped with the full font (remembered: a page and its book share text)."""
        key = (spec, piece)
        found = self._shaped.get(key)
        if found is None:
            if len(self._shaped) > _SHAPED_MEMO_LIMIT:
                self._shaped.clear()
            found = self._shaped[key] = shape_run(self.full_font(spec), piece)
        return found

    def forget_text(self) -> None:
        """Drop remembered shapes and splits (kept per article: a page and its book share them)."""
        self._shaped.clear()
        self._splits.clear()

    def stack(self, script: str, weight: int = REGULAR) -> list[FontSpec]:
        """Fonts in fallback order for an edition written in ``script``."""
        own = self.script_faces(script)
        others = [self.script_faces(name) for name in sorted(FONT_CHOICES) if name != script]
        faces = [*([own] if own else []), LATIN_FACES, *(face for face in others if face)]
        return [face[weight] for face in faces]

    def available_stack(self, script: str, weight: int = REGULAR) -> list[FontSpec]:
        return [spec for spec in self.stack(script, weight) if self.available(spec)]

    def analyse(self, regular: list[str], bold: list[str], script: str) -> Analysis:
        """Cut runs shown in regular and in bold into pieces per font, as a browser does."""
        result = Analysis()
        for weight, runs in ((REGULAR, regular), (BOLD, bold)):
            result.missing_fonts += [s for s in self.stack(script, weight) if not self.available(s)]
            stack = self.available_stack(script, weight)
            keyed = [(spec, self.cmap(spec)) for spec in stack]
            found: dict[FontSpec, FaceText] = {}
            for run in runs:
                for spec, piece in self._split(run, keyed):
                    if spec is None:
                        result.missing_characters.update(c for c in piece if needs_glyph(c))
                    else:
                        found.setdefault(spec, FaceText()).pieces.append(piece)
            for spec in stack:
                if spec in found:
                    result.faces[spec] = self._measured(spec, found[spec])
        return result

    def _split(
        self, run: str, keyed: list[tuple[FontSpec, frozenset[int]]]
    ) -> list[tuple[FontSpec | None, str]]:
        """:func:`split_by_font`, remembered: a page and its book share most runs."""
        key = (tuple(spec for spec, _cmap in keyed), run)
        found = self._splits.get(key)
        if found is None:
            if len(self._splits) > _SHAPED_MEMO_LIMIT:
                self._splits.clear()
            found = self._splits[key] = split_by_font(run, keyed)
        return found

    def _measured(self, spec: FontSpec, face: FaceText) -> FaceText:
        cmap = self.cmap(spec)
        unique = set(face.pieces)
        chars = {c for c in set("".join(unique)) if needs_glyph(c)}
        # What a shaper may decompose a character into must be in the subset's cmap too.
        face.characters = chars | {d for c in chars for d in decomposed(c) if ord(d) in cmap}
        face.pieces = sorted(unique)
        glyphs: set[int] = set()
        for piece in unique:
            glyphs.update(self.shaped(spec, piece)[0])
        face.glyphs = glyphs - {0}
        return face

    def subset(
        self, spec: FontSpec, characters: Iterable[str], glyphs: set[int]
    ) -> tuple[str, Subset]:
        """The cached subset for ``characters``; again with ``glyphs`` if it lacks some."""
        text = "".join(sorted(set(characters)))
        path = self.path(spec)
        key, found = self.subsets.subset(spec, path, text)
        if not glyphs <= found.retained():
            key, found = self.subsets.subset(spec, path, text, glyphs)
        return key, found

    def embed(self, regular: list[str], bold: list[str], script: str) -> Embedding:
        """OpenType subsets (in stack order) of one book's text, each checked by shaping."""
        analysis = self.analyse(regular, bold, script)
        result = Embedding(
            missing_characters=analysis.missing_characters, missing_fonts=analysis.missing_fonts
        )
        for spec, face in analysis.faces.items():
            _key, found = self.subset(spec, face.characters, face.glyphs)
            result.differing += self.differences(spec, found, face.pieces)
            suffix = ".otf" if found.data[:4] == b"OTTO" else ".ttf"
            data = found.data
            result.fonts.append(
                described(spec, data, self.licence(spec), face.characters, f"-subset{suffix}")
            )
        return result

    def differences(self, spec: FontSpec, found: Subset, pieces: Iterable[str]) -> list[str]:
        """Pieces whose glyphs or positions differ between the subset and the full font."""
        font = hb_font(found.data)
        old = found.old_gids
        differing = []
        for piece in pieces:
            gids, clusters, positions = shape_run(font, piece)
            full_gids, full_clusters, full_positions = self.shaped(spec, piece)
            same = (
                positions == full_positions
                and clusters == full_clusters
                and (not gids or max(gids) < len(old))
                and tuple(map(old.__getitem__, gids)) == full_gids
            )
            if not same:
                differing.append(piece)
        return differing

    def site_subset(self, spec: FontSpec, characters: Iterable[str], glyphs: set[int]) -> SiteFace:
        """The subset of one face for every page of a locale (see :meth:`site_font`)."""
        chars = frozenset(characters)
        key, found = self.subset(spec, chars, glyphs)
        return SiteFace(spec, chars, key, found, frozenset(glyphs - found.retained()))

    def site_woff2(self, faces: Iterable[SiteFace], jobs: int = 1) -> dict[str, bytes]:
        """The WOFF2 form of each face's subset by its key, made in ``jobs`` processes."""
        return self.subsets.woff2_all({face.key: face.subset for face in faces}, jobs)

    def site_font(self, face: SiteFace, data: bytes, tag: str) -> EmbeddedFont:
        """One WOFF2 font for every page of a locale: ``<face>-<tag>.woff2``."""
        return described(face.spec, data, self.licence(face.spec), face.characters, f"-{tag}.woff2")

    def placeholders(self, script: str) -> list[EmbeddedFont]:
        """Every available font of the stack, without data: render once to learn the text.

        A page lists its fonts (footer, CSS), so its text depends on them; rendering with the
        whole stack gives a superset of the final text and one subset per font is enough.
        """
        specs = self.available_stack(script) + self.available_stack(script, BOLD)
        return [described(spec, b"", "", frozenset()) for spec in specs]

    def licence(self, spec: FontSpec) -> str:
        """Copyright notice from the font plus the full OFL text (OFL condition 2)."""
        if spec not in self._licences:
            self._licences[spec] = self._licence(spec)
        return self._licences[spec]

    def _licence(self, spec: FontSpec) -> str:
        from fontTools.ttLib import TTFont

        path = self.path(spec)
        font = TTFont(path, fontNumber=spec.font_number, lazy=True)
        copyright_notice = font["name"].getDebugName(0) or ""
        font_name = font["name"].getDebugName(4) or spec.file_name
        font.close()
        ofl = ofl_beside(path) or ofl_from_debian(spec.package)
        if ofl is None:
            raise L10nError(
                f"no licence text found for {path} (looked for OFL.txt beside it and "
                f"/usr/share/doc/{spec.package}/copyright); a font is never embedded without it"
            )
        renamed = (
            f" It is renamed {spec.family!r}: the original name is an OFL Reserved Font Name."
            if spec.reserved_name
            else ""
        )
        header = (
            f"This edition embeds a subset of {font_name} ({path.name}), made with "
            f"HarfBuzz (hb-subset).{renamed}\n{copyright_notice}\n\n"
        )
        return header + ofl.strip() + "\n"


def missing_font_advice(spec: FontSpec) -> str:
    return (
        f"install it with 'apt-get install -y {spec.package}' (Debian/Ubuntu) "
        "or set [tool.l10nflow.build] font_dirs"
    )


def described(
    spec: FontSpec, data: bytes, licence: str, chars: Iterable[str], suffix: str = "-subset.woff2"
) -> EmbeddedFont:
    """A font's file names: ``<stem><suffix>`` and its licence ``<stem>-OFL.txt``."""
    stem = spec.file_name.rsplit(".", 1)[0]
    return EmbeddedFont(
        spec=spec,
        file_name=f"{stem}{suffix}",
        data=data,
        licence_name=f"{stem}-OFL.txt",
        licence_text=licence,
        characters=frozenset(chars),
    )


def covered(font_data: bytes) -> frozenset[str]:
    """Characters a font's cmap maps (OpenType or WOFF2), for coverage checks."""
    return frozenset(chr(code) for code in hb_font(font_data).face.unicodes)


__all__ = ["EmbeddedFont", "Embedding", "FontLibrary", "FontSpec", "needs_glyph"]

"""Embedded fonts: OFL fonts from Debian, subset with fontTools to the glyphs a page uses.

Every character of an edition is assigned to the first font of its stack that has it in its
cmap (the edition's script font first, then Latin, then the other scripts, e.g. the language
switcher's "ไทย" on the Burmese page). A subset keeps every OpenType layout feature, the glyphs
HarfBuzz picks when it shapes each text run with the full font, and the characters shapers
decompose to (Thai ำ → ํ + า), so Myanmar and Thai shaping survive; each subset is then shaped
again run by run and must give no ``.notdef``. Text the page shows in bold (headings) gets the
bold face. A font missing on this machine is left out with a warning: the page then falls back
to the reader's own fonts.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import fontTools
import uharfbuzz as hb
from fontTools import subset
from fontTools.ttLib import TTFont

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
from l10nflow.publish.shaping import decomposed, hb_font, needs_glyph, notdef_runs, shape
from l10nflow.publish.shaping import split_by_font as split_by_font


@dataclass(frozen=True)
class EmbeddedFont:
    """A subset ready to ship: WOFF2 bytes, its file name, CSS family and licence text."""

    spec: FontSpec
    file_name: str
    data: bytes
    licence_name: str
    licence_text: str
    characters: frozenset[str]


@dataclass
class Embedding:
    """What :meth:`FontLibrary.embed` made, and what it could not do."""

    fonts: list[EmbeddedFont] = field(default_factory=list)
    missing_characters: set[str] = field(default_factory=set)
    missing_fonts: list[FontSpec] = field(default_factory=list)
    notdef: list[str] = field(default_factory=list)  # runs that still shape to .notdef


class FontLibrary:
    """Finds font files under the configured directories and caches cmaps and subsets."""

    def __init__(
        self,
        font_dirs: Iterable[Path],
        cache_dir: Path | None = None,
        choices: dict[str, str] | None = None,
    ) -> None:
        self.font_dirs = tuple(font_dirs)
        self.cache_dir = cache_dir
        self.choices = dict(choices or {})
        self._index: dict[str, Path] | None = None
        self._cmaps: dict[FontSpec, frozenset[int]] = {}
        self._hb: dict[FontSpec, hb.Font] = {}
        self._subsets: dict[str, bytes] = {}
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
        versions = f"fonttools={fontTools.version};harfbuzz={hb.__version__}"
        return ";".join(parts) + f";choices={sorted(self.choices.items())};{versions}"

    def _open(self, spec: FontSpec) -> TTFont:
        return TTFont(self.path(spec), fontNumber=spec.font_number, lazy=True)

    def cmap(self, spec: FontSpec) -> frozenset[int]:
        if spec not in self._cmaps:
            font = self._open(spec)
            self._cmaps[spec] = frozenset(font.getBestCmap())
            font.close()
        return self._cmaps[spec]

    def full_font(self, spec: FontSpec) -> hb.Font:
        """The whole font for HarfBuzz (to learn which glyphs a run needs, or to draw a cover)."""
        if spec not in self._hb:
            self._hb[spec] = hb_font(self.path(spec).read_bytes(), spec.font_number)
        return self._hb[spec]

    def stack(self, script: str, weight: int = REGULAR) -> list[FontSpec]:
        """Fonts in fallback order for an edition written in ``script``."""
        own = self.script_faces(script)
        others = [self.script_faces(name) for name in sorted(FONT_CHOICES) if name != script]
        faces = [*([own] if own else []), LATIN_FACES, *(face for face in others if face)]
        return [face[weight] for face in faces]

    def available_stack(self, script: str, weight: int = REGULAR) -> list[FontSpec]:
        return [spec for spec in self.stack(script, weight) if self.available(spec)]

    def embed(self, regular: list[str], bold: list[str], script: str) -> Embedding:
        """WOFF2 subsets (in stack order) for text runs shown in regular and in bold."""
        result = Embedding()
        result.missing_fonts = [s for s in self.stack(script) if not self.available(s)]
        result.missing_fonts += [s for s in self.stack(script, BOLD) if not self.available(s)]
        for weight, runs in ((REGULAR, regular), (BOLD, bold)):
            if not runs:
                continue
            stack = self.available_stack(script, weight)
            keyed = [(spec, self.cmap(spec)) for spec in stack]
            pieces: dict[FontSpec, list[str]] = {}
            for run in runs:
                for spec, piece in split_by_font(run, keyed):
                    if spec is None:
                        result.missing_characters.update(c for c in piece if needs_glyph(c))
                    else:
                        pieces.setdefault(spec, []).append(piece)
            fonts = [self._embedded(spec, pieces[spec]) for spec in stack if spec in pieces]
            result.fonts.extend(fonts)
            shapers = [(hb_font(font.data), self.cmap_of(font)) for font in fonts]
            result.notdef.extend(notdef_runs(runs, shapers))
        return result

    @staticmethod
    def cmap_of(font: EmbeddedFont) -> frozenset[int]:
        return frozenset(ord(c) for c in covered(font.data))

    def placeholders(self, script: str) -> list[EmbeddedFont]:
        """Every available font of the stack, without data: render once to learn the text.

        A page lists its fonts (footer, CSS), so its text depends on them; rendering with the
        whole stack gives a superset of the final text and one subset per font is enough.
        """
        specs = self.available_stack(script) + self.available_stack(script, BOLD)
        return [_described(spec, b"", "", frozenset()) for spec in specs]

    def _embedded(self, spec: FontSpec, pieces: list[str]) -> EmbeddedFont:
        cmap = self.cmap(spec)
        chars = {c for piece in pieces for c in piece if needs_glyph(c)}
        # What a shaper may decompose a character into must be in the subset's cmap too.
        chars |= {d for c in chars for d in decomposed(c) if ord(d) in cmap}
        full = self.full_font(spec)
        gids = sorted({gid for piece in set(pieces) for gid in shape(full, piece)} - {0})
        data = self._subset(spec, "".join(sorted(chars)), gids)
        return _described(spec, data, self.licence(spec), frozenset(chars))

    def _subset(self, spec: FontSpec, text: str, gids: list[int]) -> bytes:
        key = hashlib.sha256(
            f"{self.fingerprint([spec])}\0{spec}\0{text}\0{gids}".encode()
        ).hexdigest()
        if key not in self._subsets:
            self._subsets[key] = self._cached_subset(spec, text, gids, key)
        return self._subsets[key]

    def _cached_subset(self, spec: FontSpec, text: str, gids: list[int], key: str) -> bytes:
        cached = self.cache_dir / f"{key}.woff2" if self.cache_dir else None
        if cached is not None and cached.is_file():
            return cached.read_bytes()
        data = make_subset(self.path(spec), spec, text, gids)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, cached)
        return data

    def licence(self, spec: FontSpec) -> str:
        """Copyright notice from the font plus the full OFL text (OFL condition 2)."""
        if spec not in self._licences:
            self._licences[spec] = self._licence(spec)
        return self._licences[spec]

    def _licence(self, spec: FontSpec) -> str:
        path = self.path(spec)
        font = self._open(spec)
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
            f"fontTools.{renamed}\n{copyright_notice}\n\n"
        )
        return header + ofl.strip() + "\n"


def missing_font_advice(spec: FontSpec) -> str:
    return (
        f"install it with 'apt-get install -y {spec.package}' (Debian/Ubuntu) "
        "or set [tool.l10nflow.build] font_dirs"
    )


def make_subset(path: Path, spec: FontSpec, text: str, gids: list[int]) -> bytes:
    """A WOFF2 subset with the characters ``text`` and glyphs ``gids``; all layout kept."""
    options = subset.Options()
    options.layout_features = ["*"]  # keep shaping (Myanmar/Thai reordering, ligatures)
    options.name_IDs = ["*"]  # keep copyright and licence strings inside the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    # No fresh "modified" time in the head table: the same input gives the same bytes.
    font = TTFont(path, fontNumber=spec.font_number, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text, gids=gids)
    subsetter.subset(font)
    if spec.reserved_name:
        _rename(font, spec)
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    font.close()
    return buffer.getvalue()


def _rename(font: TTFont, spec: FontSpec) -> None:
    """A modified OFL font may not use its Reserved Font Name: give it the CSS family name."""
    style = "Bold" if spec.weight == BOLD else "Regular"
    postscript = f"{spec.family.replace(' ', '')}-{style}"
    names = {1: spec.family, 2: style, 3: postscript, 4: f"{spec.family} {style}", 6: postscript}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in (16, 17, 18, 21, 22):
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.removeNames(nameID=name_id)
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def _described(spec: FontSpec, data: bytes, licence: str, chars: frozenset[str]) -> EmbeddedFont:
    stem = spec.file_name.rsplit(".", 1)[0]
    return EmbeddedFont(
        spec=spec,
        file_name=f"{stem}-subset.woff2",
        data=data,
        licence_name=f"{stem}-OFL.txt",
        licence_text=licence,
        characters=chars,
    )


def covered(font_data: bytes) -> frozenset[str]:
    """Characters a (WOFF2) font's cmap maps, for coverage checks."""
    font = TTFont(io.BytesIO(font_data))
    chars = frozenset(chr(code) for code in font.getBestCmap())
    font.close()
    return chars


__all__ = ["EmbeddedFont", "Embedding", "FontLibrary", "FontSpec", "needs_glyph"]

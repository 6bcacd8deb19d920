"""Embedded fonts: OFL fonts from Debian, subset with fontTools to the characters a page uses.

Every character of an edition is assigned to the first font of its stack that has it in its
cmap (the edition's script font first, then Latin, then the other scripts, e.g. the language
switcher's "ไทย" on the Burmese page). Subsets keep every OpenType layout feature so that
Myanmar and Thai shaping survive, and are cached by font and character set.
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

from l10nflow.errors import L10nError


@dataclass(frozen=True)
class FontSpec:
    """An OFL font we know how to find: file name, face index in a collection, Debian package."""

    family: str  # the CSS family name we give it (never the font's reserved name)
    file_name: str
    package: str
    font_number: int = 0


LATIN = FontSpec("L10n Sans", "NotoSans-Regular.ttf", "fonts-noto-core")
SCRIPT_FONTS: dict[str, FontSpec] = {
    "Mymr": FontSpec("L10n Myanmar", "NotoSansMyanmar-Regular.ttf", "fonts-noto-core"),
    "Thai": FontSpec("L10n Thai", "NotoSansThai-Regular.ttf", "fonts-noto-core"),
    # Noto Sans CJK ships as a collection; face 2 is the Simplified Chinese one.
    "Hans": FontSpec("L10n CJK SC", "NotoSansCJK-Regular.ttc", "fonts-noto-cjk", font_number=2),
}

# Characters that never need a glyph of their own (format controls, soft hyphen).
_NO_GLYPH = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def needs_glyph(char: str) -> bool:
    if char in _NO_GLYPH:
        return False
    return unicodedata.category(char) not in {"Cc", "Cf", "Zl", "Zp"}


@dataclass(frozen=True)
class EmbeddedFont:
    """A subset ready to ship: WOFF2 bytes, its file name, CSS family and licence text."""

    spec: FontSpec
    file_name: str
    data: bytes
    licence_name: str
    licence_text: str
    characters: frozenset[str]


class FontLibrary:
    """Finds font files under the configured directories and caches cmaps and subsets."""

    def __init__(self, font_dirs: Iterable[Path], cache_dir: Path | None = None) -> None:
        self.font_dirs = tuple(font_dirs)
        self.cache_dir = cache_dir
        self._index: dict[str, Path] | None = None
        self._cmaps: dict[FontSpec, frozenset[int]] = {}
        self._subsets: dict[tuple[FontSpec, frozenset[str]], bytes] = {}
        self._licences: dict[FontSpec, str] = {}

    def _files(self) -> dict[str, Path]:
        if self._index is None:
            index: dict[str, Path] = {}
            for directory in self.font_dirs:
                for dirpath, _dirs, files in os.walk(directory):
                    for name in files:
                        index.setdefault(name, Path(dirpath) / name)
            self._index = index
        return self._index

    def path(self, spec: FontSpec) -> Path:
        found = self._files().get(spec.file_name)
        if found is None:
            dirs = ", ".join(str(d) for d in self.font_dirs)
            raise L10nError(
                f"font {spec.file_name} not found in {dirs}; install it with "
                f"'apt-get install -y {spec.package}' or set [tool.l10nflow.build] font_dirs"
            )
        return found

    def fingerprint(self, specs: Iterable[FontSpec]) -> str:
        """Cheap identity of the font files (path, size, mtime) for edition stamps."""
        parts = []
        for spec in specs:
            try:
                stat = self.path(spec).stat()
                parts.append(f"{spec.file_name}:{stat.st_size}:{stat.st_mtime_ns}")
            except L10nError:
                parts.append(f"{spec.file_name}:missing")
        return ";".join(parts) + f";fonttools={fontTools.version}"

    def _open(self, spec: FontSpec) -> TTFont:
        return TTFont(self.path(spec), fontNumber=spec.font_number, lazy=True)

    def cmap(self, spec: FontSpec) -> frozenset[int]:
        if spec not in self._cmaps:
            font = self._open(spec)
            self._cmaps[spec] = frozenset(font.getBestCmap())
            font.close()
        return self._cmaps[spec]

    def stack(self, script: str) -> list[FontSpec]:
        """Fonts in fallback order for an edition written in ``script``."""
        own = SCRIPT_FONTS.get(script)
        others = [spec for name, spec in sorted(SCRIPT_FONTS.items()) if name != script]
        return [*([own] if own else []), LATIN, *others]

    def assign(self, text: str, script: str) -> tuple[dict[FontSpec, set[str]], set[str]]:
        """Map each character needing a glyph to the first font covering it; return leftovers."""
        assigned: dict[FontSpec, set[str]] = {}
        missing: set[str] = set()
        stack = self.stack(script)
        for char in sorted(set(text)):
            if not needs_glyph(char):
                continue
            for spec in stack:
                if ord(char) in self.cmap(spec):
                    assigned.setdefault(spec, set()).add(char)
                    break
            else:
                missing.add(char)
        return assigned, missing

    def embed(self, text: str, script: str) -> tuple[list[EmbeddedFont], set[str]]:
        """WOFF2 subsets (in stack order) for ``text``, and the characters no font has."""
        assigned, missing = self.assign(text, script)
        fonts = []
        for spec in self.stack(script):
            chars = assigned.get(spec)
            if chars:
                fonts.append(self._embedded(spec, frozenset(chars)))
        return fonts, missing

    def placeholders(self, script: str) -> list[EmbeddedFont]:
        """Every font of the stack, without data: render once with these to learn the text.

        A page lists its fonts (footer, CSS), so its text depends on them; rendering with the
        whole stack gives a superset of the final text and one subset per font is enough.
        """
        return [_described(spec, b"", "", frozenset()) for spec in self.stack(script)]

    def _embedded(self, spec: FontSpec, chars: frozenset[str]) -> EmbeddedFont:
        return _described(spec, self._subset(spec, chars), self.licence(spec), chars)

    def _subset(self, spec: FontSpec, chars: frozenset[str]) -> bytes:
        if (spec, chars) not in self._subsets:
            self._subsets[spec, chars] = self._subset_uncached(spec, chars)
        return self._subsets[spec, chars]

    def _subset_uncached(self, spec: FontSpec, chars: frozenset[str]) -> bytes:
        text = "".join(sorted(chars))
        key = hashlib.sha256(
            f"{self.fingerprint([spec])}\0{spec.font_number}\0{text}".encode()
        ).hexdigest()
        cached = self.cache_dir / f"{key}.woff2" if self.cache_dir else None
        if cached is not None and cached.is_file():
            return cached.read_bytes()
        options = subset.Options()
        options.layout_features = ["*"]  # keep shaping (Myanmar/Thai reordering, ligatures)
        options.name_IDs = ["*"]  # keep copyright and licence strings inside the font
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.flavor = "woff2"
        # No fresh "modified" time in the head table: the same input gives the same bytes.
        font = TTFont(self.path(spec), fontNumber=spec.font_number, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.flavor = "woff2"
        font.save(buffer)
        font.close()
        data = buffer.getvalue()
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
        ofl = _ofl_beside(path) or _ofl_from_debian(spec.package)
        if ofl is None:
            raise L10nError(
                f"no licence text found for {path} (looked for OFL.txt beside it and "
                f"/usr/share/doc/{spec.package}/copyright); a font is never embedded without it"
            )
        header = (
            f"This edition embeds a subset of {font_name} ({path.name}), made with fontTools.\n"
            f"{copyright_notice}\n\n"
        )
        return header + ofl.strip() + "\n"


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


def _ofl_beside(path: Path) -> str | None:
    for name in ("OFL.txt", "OFL-1.1.txt", "LICENSE.txt"):
        candidate = path.parent / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    return None


def _ofl_from_debian(package: str) -> str | None:
    """The OFL text from a machine-readable Debian copyright file (its stand-alone paragraph)."""
    copyright_file = Path("/usr/share/doc") / package / "copyright"
    if not copyright_file.is_file():
        return None
    best: list[str] = []
    for paragraph in copyright_file.read_text(encoding="utf-8").split("\n\n"):
        lines = paragraph.strip("\n").split("\n")
        first = lines[0]
        if first.startswith("License:") and any(n in first for n in ("OFL-1.1", "SIL-1.1")):
            body = [line[1:] if line.startswith(" ") else line for line in lines[1:]]
            if len(body) > len(best):
                best = body
    if len(best) < 20:
        return None
    text = "\n".join("" if line == "." else line for line in best)
    if "SIL OPEN FONT LICENSE" not in text:
        text = "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n\n" + text
    return text


def covered(font_data: bytes) -> frozenset[str]:
    """Characters a (WOFF2) font's cmap maps, for coverage checks."""
    font = TTFont(io.BytesIO(font_data))
    chars = frozenset(chr(code) for code in font.getBestCmap())
    font.close()
    return chars

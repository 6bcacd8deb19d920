"""The site's shared fonts: one WOFF2 file per locale and face, under ``html/fonts/``.

Every page of a locale (and the locale's index) links ``fonts/fonts.<tag>.css``, whose
``@font-face`` rules name ``<face>-<tag>.woff2``, subset to the characters of all those pages:
a reader downloads each font once for the whole site and the browser caches it. The text of
pages not rebuilt comes from their stamps, so a partial build still covers every page. A
locale whose pages' text did not change keeps its files as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from l10nflow.fsutil import atomic_write_text
from l10nflow.publish.articles import Edition
from l10nflow.publish.font_specs import BOLD, REGULAR, FontSpec
from l10nflow.publish.fonts import EmbeddedFont, FontLibrary, SiteFace
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.output import SITE_FONT_DIR, FontUses, site_fonts_css
from l10nflow.publish.render import Renderer
from l10nflow.publish.staging import Staging
from l10nflow.publish.stamps import digest


@dataclass
class LocaleText:
    """All the text a locale's pages show, per face file name."""

    locale: EditionLocale
    characters: dict[str, set[str]] = field(default_factory=dict)
    glyphs: dict[str, set[int]] = field(default_factory=dict)

    def add(self, uses: FontUses) -> None:
        for name, (chars, glyphs) in uses.items():
            self.characters.setdefault(name, set()).update(chars)
            self.glyphs.setdefault(name, set()).update(glyphs)

    def fingerprint(self) -> str:
        parts = [
            f"{name}\0{''.join(sorted(self.characters[name]))}\0{sorted(self.glyphs[name])}"
            for name in sorted(self.characters)
        ]
        return digest(*parts)


def locale_texts(
    groups: Iterable[list[Edition]], index_uses: dict[str, FontUses], locales: list[EditionLocale]
) -> dict[str, LocaleText]:
    """Per locale tag: the text of its published pages (rebuilt or stamped) and its index."""
    texts = {locale.tag: LocaleText(locale) for locale in locales}
    for group in groups:
        for edition in group:
            if edition.published and "html" in edition.outputs:
                tag = edition.locale.tag
                texts.setdefault(tag, LocaleText(edition.locale)).add(edition.fonts)
    for tag, uses in index_uses.items():
        if tag in texts:
            texts[tag].add(uses)
    return texts


class SiteFonts:
    """Makes and stages the shared fonts of every locale whose text changed."""

    def __init__(
        self,
        library: FontLibrary,
        renderer: Renderer,
        record: Path,
        log: Callable[[str], None],
    ) -> None:
        self.library = library
        self.renderer = renderer
        self.log = log
        self.record = record  # per locale tag, the digest of the text its fonts were made for

    def stage(
        self, texts: dict[str, LocaleText], base: str, staging: Staging, jobs: int = 1
    ) -> None:
        """Stage the fonts of each locale whose text changed (compressed in ``jobs`` processes)."""
        path = self.record
        try:
            previous = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = {}
        current = dict(previous) if isinstance(previous, dict) else {}
        out = staging.out_dir / "html"
        stale: list[tuple[LocaleText, list[SiteFace]]] = []
        for tag, text in sorted(texts.items()):
            wanted = digest(base, text.fingerprint())
            if current.get(tag) == wanted and (out / site_fonts_css(text.locale)).exists():
                continue
            stale.append((text, self._subsets(text)))
            current[tag] = wanted
        woff2 = self.library.site_woff2((face for _, faces in stale for face in faces), jobs)
        for text, faces in stale:
            self._stage_locale(text, faces, woff2, staging)
        if current != previous:
            record = json.dumps(current, sort_keys=True, indent=1)
            staging.on_commit(lambda: atomic_write_text(path, record))

    def _faces(self, text: LocaleText) -> list[FontSpec]:
        """The locale's faces in the order of its font stack (regular, then bold)."""
        script = text.locale.script
        stack = self.library.stack(script, REGULAR) + self.library.stack(script, BOLD)
        return [spec for spec in stack if text.characters.get(spec.file_name)]

    def _subsets(self, text: LocaleText) -> list[SiteFace]:
        return [
            self.library.site_subset(
                spec, text.characters[spec.file_name], text.glyphs[spec.file_name]
            )
            for spec in self._faces(text)
        ]

    def _stage_locale(
        self, text: LocaleText, faces: list[SiteFace], woff2: dict[str, bytes], staging: Staging
    ) -> None:
        fonts: list[EmbeddedFont] = []
        for face in faces:
            font = self.library.site_font(face, woff2[face.key], text.locale.tag)
            if face.lacking:
                self.log(
                    f"warning: html/{SITE_FONT_DIR}{font.file_name}: lacks {len(face.lacking)} "
                    "glyph(s) the pages' text shapes to; readers may see boxes"
                )
            fonts.append(font)
            staging.add_file(f"html/{SITE_FONT_DIR}{font.file_name}", font.data)
            licence = font.licence_text.encode("utf-8")
            staging.add_file(f"html/{SITE_FONT_DIR}{font.licence_name}", licence)
        css = self.renderer.fonts_css(fonts, font_dir="")
        staging.add_file(f"html/{site_fonts_css(text.locale)}", css.encode("utf-8"))

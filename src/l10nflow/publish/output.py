"""Turn one edition's content into its files: an HTML page directory or an EPUB book."""

from __future__ import annotations

import copy
import dataclasses
import datetime
from collections.abc import Callable

from l10nflow.clock import source_date_epoch
from l10nflow.config import Config
from l10nflow.errors import L10nError
from l10nflow.publish.epub import EpubBuilder
from l10nflow.publish.font_specs import FontSpec
from l10nflow.publish.fonts import EmbeddedFont, FontLibrary, described
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.page import PageContent, replace_with_text
from l10nflow.publish.remote import ImageFetcher, RemoteImage
from l10nflow.publish.render import Alternate, PageView, Renderer, html_edition_files
from l10nflow.publish.settings import BuildSettings
from l10nflow.publish.text import TextRuns, rendered_runs


def index_file(locale: EditionLocale) -> str:
    """``index.html`` in the source language, ``index.<tag>.html`` in each reader's language."""
    return "index.html" if locale.is_source or locale.is_pseudo else f"index.{locale.tag}.html"


def index_from_page(locale: EditionLocale) -> str:
    return f"../../{index_file(locale)}"


def relative_output(article: str, locale: EditionLocale, fmt: str) -> str:
    """Where an output lives under the output directory."""
    if fmt == "html":
        return f"html/{article}/{locale.slug}"
    return f"epub/{article}.{locale.slug}.epub"


def epub_file_name(article: str, locale: EditionLocale) -> str:
    return f"{article}.{locale.slug}.epub"


def modified_time(page: PageContent) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the article's date: never the wall clock."""
    fixed = source_date_epoch()
    if fixed is not None:
        return fixed
    day = page.date or datetime.date(1980, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


# A page's text per site font: face file name → (characters, full-font glyph ids).
FontUses = dict[str, tuple[str, list[int]]]
SITE_FONT_DIR = "fonts/"  # under html/: every locale's shared fonts, stylesheets and licences


def site_fonts_css(locale: EditionLocale) -> str:
    """The locale's shared ``@font-face`` stylesheet, relative to ``html/``."""
    return f"{SITE_FONT_DIR}fonts.{locale.tag}.css"


class EditionWriter:
    """Renders editions: books embed their own subsets, pages use the site's shared fonts."""

    def __init__(
        self,
        config: Config,
        settings: BuildSettings,
        renderer: Renderer,
        fonts: FontLibrary,
        log: Callable[[str], None],
        fetcher: ImageFetcher,
    ) -> None:
        self.config = config
        self.settings = settings
        self.renderer = renderer
        self.fonts = fonts
        self.log = log
        self.fetcher = fetcher
        self.missing_fonts: list[FontSpec] = []  # reported once per build by the builder

    def page_fonts(
        self, render: Callable[[list[EmbeddedFont]], str], locale: EditionLocale, what: str
    ) -> tuple[list[EmbeddedFont], FontUses]:
        """The site fonts a page's text uses, and that text per font (for the site's subsets).

        ``render`` is called once with every font of the stack (see FontLibrary.placeholders).
        """
        runs = rendered_runs(render(self.fonts.placeholders(locale.script)))
        analysis = self.fonts.analyse(runs.regular, runs.bold, locale.script)
        self._report(analysis.missing_fonts, analysis.missing_characters, [], what)
        fonts = [
            described(spec, b"", "", face.characters, f"-{locale.tag}.woff2")
            for spec, face in analysis.faces.items()
        ]
        uses = {
            spec.file_name: ("".join(sorted(face.characters)), sorted(face.glyphs))
            for spec, face in analysis.faces.items()
        }
        return fonts, uses

    def embed_runs(self, runs: TextRuns, script: str, what: str) -> list[EmbeddedFont]:
        result = self.fonts.embed(runs.regular, runs.bold, script)
        self._report(result.missing_fonts, result.missing_characters, result.differing, what)
        return result.fonts

    def _report(
        self, missing_fonts: list[FontSpec], missing: set[str], differing: list[str], what: str
    ) -> None:
        self.missing_fonts += [s for s in missing_fonts if s not in self.missing_fonts]
        if missing:
            codes = [f"U+{ord(c):04X}" for c in sorted(missing)]
            listed = " ".join(codes[:12]) + (
                f" and {len(codes) - 12} more" if len(codes) > 12 else ""
            )
            self.log(f"warning: {what}: no embedded font has {listed}; readers may see boxes")
        if differing:
            sample = ", ".join(repr(run) for run in differing[:3])
            self.log(
                f"warning: {what}: {len(differing)} text run(s) shape differently with the "
                f"embedded subsets than with the full fonts (e.g. {sample}); readers may see "
                "boxes"
            )

    def images(self, page: PageContent) -> dict[str, bytes]:
        """The article's images by their relative path; a missing one names its source line."""
        images: dict[str, bytes] = {}
        for relative, line in page.images.items():
            try:
                images[relative] = (page.source.parent / relative).read_bytes()
            except OSError as exc:
                raise L10nError(
                    f"image {relative} cannot be read: {exc.strerror}", page.source, line
                ) from exc
        return images

    def html_files(
        self,
        article: str,
        locale: EditionLocale,
        page: PageContent,
        siblings: list[tuple[EditionLocale, bool]],
        where: str,
        epub: bytes | None = None,
    ) -> tuple[dict[str, bytes], FontUses]:
        """Every file of the edition's page directory, and its text per site font.

        ``siblings``: (locale, is this one)."""
        alternates = [
            Alternate(
                other.tag,
                other.native_name,
                other.direction,
                f"../{other.slug}/index.html",
                current,
            )
            for other, current in siblings
        ]
        # The book is copied into the page's directory: a published html/ folder works alone.
        epub_href = epub_file_name(article, locale) if epub is not None else None

        def view(fonts: list[EmbeddedFont]) -> PageView:
            return PageView(
                locale,
                alternates,
                index_from_page(locale),
                epub_href,
                fonts,
                fonts_css=f"../../{site_fonts_css(locale)}",
                font_dir=f"../../{SITE_FONT_DIR}",
            )

        body = page.body_html()  # the same in both renderings
        fonts, uses = self.page_fonts(
            lambda fonts: self.renderer.html_page(page, view(fonts), body), locale, where
        )
        files = html_edition_files(self.renderer, page, view(fonts), self.images(page), body)
        if epub is not None and epub_href is not None:
            files[epub_href] = epub
        return files, uses

    def epub(self, article: str, locale: EditionLocale, page: PageContent, where: str) -> bytes:
        if page.remote_images:  # the book replaces them in its own copy; the page keeps them
            page = dataclasses.replace(page, body=copy.deepcopy(page.body))
        images = self.images(page)
        images.update(self._remote_images(page, where))
        book = EpubBuilder(
            self.renderer,
            article,
            locale,
            page,
            images,
            creator=page.author or self.settings.creator or self.config.project,
            modified=modified_time(page),
            settings=self.settings,
            fonts=self.fonts,
        )
        runs = TextRuns()
        for document in book.documents().values():
            found = rendered_runs(document)
            runs.regular += found.regular
            runs.bold += found.bold
        return book.build(self.embed_runs(runs, locale.script, where))

    def _remote_images(self, page: PageContent, where: str) -> dict[str, bytes]:
        """Embed downloaded copies of remote images; without one, show the image's text."""
        files: dict[str, bytes] = {}
        for img in list(page.body.iter("img")):
            url = (img.get("src") or "").strip()
            if url not in page.remote_images:
                continue
            found = self.fetcher.fetch(url)
            if isinstance(found, RemoteImage):
                img.set("src", found.href)
                files[found.href] = found.data
                continue
            line = page.remote_images[url]
            self.log(
                f"warning: {where}: image {url} (line {line}) is not in the book: {found}; "
                "the book shows its text alternative and caption instead"
            )
            replace_with_text(img)
        return files

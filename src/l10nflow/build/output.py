"""Turn one edition's content into its files: an HTML page directory or an EPUB book."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable

from l10nflow.build.epub import EpubBuilder
from l10nflow.build.fonts import EmbeddedFont, FontLibrary
from l10nflow.build.locales import EditionLocale
from l10nflow.build.page import PageContent
from l10nflow.build.render import Alternate, Renderer, html_edition_files
from l10nflow.build.settings import BuildSettings
from l10nflow.build.text import rendered_text
from l10nflow.config import Config
from l10nflow.errors import L10nError

INDEX_FROM_PAGE = "../../index.html"


def relative_output(article: str, locale: EditionLocale, fmt: str) -> str:
    """Where an output lives under the output directory."""
    if fmt == "html":
        return f"html/{article}/{locale.slug}"
    return f"epub/{article}.{locale.slug}.epub"


def modified_time(page: PageContent) -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the article's date: never the wall clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC)
    day = page.date or datetime.date(1980, 1, 1)
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


class EditionWriter:
    """Renders editions; fonts are subset to exactly the characters each output shows."""

    def __init__(
        self,
        config: Config,
        settings: BuildSettings,
        renderer: Renderer,
        fonts: FontLibrary,
        log: Callable[[str], None],
    ) -> None:
        self.config = config
        self.settings = settings
        self.renderer = renderer
        self.fonts = fonts
        self.log = log

    def embed_fonts(
        self, render: Callable[[list[EmbeddedFont]], str], script: str, what: str
    ) -> list[EmbeddedFont]:
        """Subset fonts for every character ``render`` shows (see FontLibrary.placeholders)."""
        text = rendered_text(render(self.fonts.placeholders(script)))
        return self.embed_text(text, script, what)

    def embed_text(self, text: str, script: str, what: str) -> list[EmbeddedFont]:
        fonts, missing = self.fonts.embed(text, script)
        if missing:
            listed = " ".join(f"U+{ord(c):04X}" for c in sorted(missing))
            self.log(f"warning: {what}: no embedded font has {listed}; readers may see boxes")
        return fonts

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
    ) -> dict[str, bytes]:
        """Every file of the edition's page directory; ``siblings``: (locale, is this one)."""
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
        epub_href = None
        if "epub" in self.settings.formats:
            epub_href = f"../../../{relative_output(article, locale, 'epub')}"

        def render(fonts: list[EmbeddedFont]) -> str:
            return self.renderer.html_page(
                locale, page, alternates, INDEX_FROM_PAGE, epub_href, fonts
            )

        fonts = self.embed_fonts(render, locale.script, where)
        return html_edition_files(
            self.renderer,
            locale,
            page,
            alternates,
            INDEX_FROM_PAGE,
            epub_href,
            fonts,
            self.images(page),
        )

    def epub(self, article: str, locale: EditionLocale, page: PageContent, where: str) -> bytes:
        label = self.renderer.label_function(locale)
        nav_text = " ".join(label(key).text for key in ("contents", "landmarks"))
        fonts = self.embed_text(page.text() + "\n" + nav_text, locale.script, where)
        return EpubBuilder(
            self.renderer,
            article,
            locale,
            page,
            fonts,
            self.images(page),
            creator=page.author or self.settings.creator or self.config.project,
            modified=modified_time(page),
        ).build()

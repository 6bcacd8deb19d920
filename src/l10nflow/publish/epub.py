"""EPUB 3 builder with named steps, in the manner of Sphinx's epub builder.

``documents()`` renders the XHTML documents (their text decides the font subsets);
``build(fonts)`` runs: build_mimetype, build_container, build_content, build_cover,
build_navigation_doc, build_package, build_epub. Each step adds files to ``self.files``; the
last one zips them reproducibly: ``mimetype`` first and stored, every other entry deflated, in
sorted order, with one fixed timestamp and fixed permissions, so the same inputs give a
byte-identical book.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import uuid
import zipfile
from dataclasses import dataclass

import uharfbuzz as hb
from markupsafe import Markup

from l10nflow.publish.cover import cover_svg
from l10nflow.publish.font_specs import BOLD, REGULAR
from l10nflow.publish.fonts import EmbeddedFont, FontLibrary
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.page import PageContent
from l10nflow.publish.render import Renderer
from l10nflow.publish.settings import BuildSettings

MIMETYPE = b"application/epub+zip"
CONTENT_DIR = "EPUB"
# A fixed namespace for dc:identifier: uuid5(namespace, "article/locale") never changes.
IDENTIFIER_NAMESPACE = uuid.UUID("6f3c1c2e-8f0b-5b7a-9a43-0c3f4d1e2b10")
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".txt": "text/plain",
}
ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class ManifestItem:
    id: str
    href: str
    media_type: str


def book_identifier(article: str, locale_tag: str) -> str:
    """Stable ``dc:identifier``: the same article and locale always give the same UUID."""
    return str(uuid.uuid5(IDENTIFIER_NAMESPACE, f"{article}/{locale_tag}"))


def media_type(href: str) -> str:
    extension = posixpath.splitext(href)[1].lower()
    return MEDIA_TYPES.get(extension, "application/octet-stream")


class EpubBuilder:
    """Builds one e-book for one article and locale."""

    def __init__(
        self,
        renderer: Renderer,
        article: str,
        locale: EditionLocale,
        page: PageContent,
        images: dict[str, bytes],
        creator: str,
        modified: datetime.datetime,
        settings: BuildSettings,
        fonts: FontLibrary,
    ) -> None:
        self.renderer = renderer
        self.article = article
        self.locale = locale
        self.page = page
        self.images = images
        self.creator = creator
        self.settings = settings
        self.library = fonts
        self.fonts: list[EmbeddedFont] = []
        self.modified = max(modified.astimezone(datetime.UTC), ZIP_EPOCH)
        self.files: dict[str, bytes] = {}
        self.label = renderer.label_function(locale)
        self._documents: dict[str, str] = {}

    def documents(self) -> dict[str, str]:
        """The book's XHTML documents by name (rendered once)."""
        if not self._documents:
            context = {"locale": self.locale, "page": self.page, "label": self.label}
            self._documents = {
                "cover.xhtml": self.renderer.render("epub/cover.xhtml.j2", **context),
                "content.xhtml": self.renderer.render(
                    "epub/content.xhtml.j2",
                    body_xhtml=Markup(self.page.body_xhtml()),
                    **context,
                ),
                "nav.xhtml": self.renderer.render("epub/nav.xhtml.j2", **context),
            }
        return self._documents

    def build(self, fonts: list[EmbeddedFont]) -> bytes:
        self.fonts = fonts
        self.build_mimetype()
        self.build_container()
        self.build_content()
        self.build_cover()
        self.build_navigation_doc()
        self.build_package()
        return self.build_epub()

    def build_mimetype(self) -> None:
        self.files["mimetype"] = MIMETYPE

    def build_container(self) -> None:
        self.files["META-INF/container.xml"] = self.renderer.raw("epub/container.xml")

    def build_content(self) -> None:
        """The article as XHTML, with its stylesheets, fonts (and licences) and images."""
        self._add("content.xhtml", self.documents()["content.xhtml"].encode("utf-8"))
        self._add("style.css", self.renderer.static("style.css"))
        self._add("fonts.css", self.renderer.fonts_css(self.fonts).encode("utf-8"))
        for font in self.fonts:
            self._add(f"fonts/{font.file_name}", font.data)
            self._add(f"fonts/{font.licence_name}", font.licence_text.encode("utf-8"))
        for href, data in self.images.items():
            self._add(href, data)

    def build_navigation_doc(self) -> None:
        """Table of contents (the article's headings) and landmarks."""
        self._add("nav.xhtml", self.documents()["nav.xhtml"].encode("utf-8"))

    def build_cover(self) -> None:
        """A cover image with the translated title drawn in the edition's script."""

        def fonts(weight: int) -> list[tuple[hb.Font, frozenset[int]]]:
            specs = self.library.available_stack(self.locale.script, weight)
            return [(self.library.full_font(s), self.library.cmap(s)) for s in specs]

        svg = cover_svg(self.page.title, self.creator, self.locale.tag, fonts(BOLD), fonts(REGULAR))
        self._add("cover.svg", svg.encode("utf-8"))
        self._add("cover.xhtml", self.documents()["cover.xhtml"].encode("utf-8"))

    def build_package(self) -> None:
        fixed = {"content.xhtml", "nav.xhtml", "cover.xhtml", "cover.svg", "style.css", "fonts.css"}
        resources = [
            ManifestItem(f"item-{number}", href, media_type(href))
            for number, href in enumerate(sorted(self._content_files() - fixed), start=1)
        ]
        image_count = sum(1 for _ in self.page.body.iter("img"))
        summary = (
            "Text article with a navigable table of contents; "
            f"{image_count} image(s) with text alternatives; no hazards; "
            "reflowable, styles can be overridden by the reader."
        )
        package = self.renderer.render(
            "epub/package.opf.j2",
            locale=self.locale,
            page=self.page,
            identifier=book_identifier(self.article, self.locale.tag),
            creator=self.creator,
            publisher=self.page.meta.publisher or self.settings.publisher,
            source_url=self.page.meta.source_url,
            rights=self.page.meta.rights or self.settings.rights,
            date=self.page.date.isoformat() if self.page.date else None,
            modified=self.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
            images=image_count > 0,
            resources=resources,
            accessibility_summary=summary,
        )
        self._add("package.opf", package.encode("utf-8"))

    def build_epub(self) -> bytes:
        """Zip the files: ``mimetype`` first and stored, the rest sorted and deflated."""
        timestamp = self.modified.timetuple()[:6]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            names = ["mimetype", *sorted(name for name in self.files if name != "mimetype")]
            for name in names:
                info = zipfile.ZipInfo(name, date_time=timestamp)
                info.create_system = 3  # unix, so the permission bits below are read
                info.external_attr = 0o100644 << 16
                if name == "mimetype":
                    info.compress_type = zipfile.ZIP_STORED
                else:
                    info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, self.files[name], compresslevel=6)
        return buffer.getvalue()

    def _add(self, href: str, data: bytes) -> None:
        self.files[f"{CONTENT_DIR}/{href}"] = data

    def _content_files(self) -> set[str]:
        prefix = f"{CONTENT_DIR}/"
        return {name[len(prefix) :] for name in self.files if name.startswith(prefix)}

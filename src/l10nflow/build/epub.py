"""EPUB 3 builder with named steps, in the manner of Sphinx's epub builder.

``build()`` runs: build_mimetype, build_container, build_content, build_navigation_doc,
build_package, build_epub. Each step adds files to ``self.files``; the last one zips them
reproducibly: ``mimetype`` first and stored, every other entry deflated, in sorted order, with
one fixed timestamp and fixed permissions, so the same inputs give a byte-identical book.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import uuid
import zipfile
from dataclasses import dataclass

from markupsafe import Markup

from l10nflow.build.fonts import EmbeddedFont
from l10nflow.build.locales import EditionLocale
from l10nflow.build.page import PageContent
from l10nflow.build.render import Renderer

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
        fonts: list[EmbeddedFont],
        images: dict[str, bytes],
        creator: str,
        modified: datetime.datetime,
    ) -> None:
        self.renderer = renderer
        self.article = article
        self.locale = locale
        self.page = page
        self.fonts = fonts
        self.images = images
        self.creator = creator
        self.modified = max(modified.astimezone(datetime.UTC), ZIP_EPOCH)
        self.files: dict[str, bytes] = {}

    def build(self) -> bytes:
        self.build_mimetype()
        self.build_container()
        self.build_content()
        self.build_navigation_doc()
        self.build_package()
        return self.build_epub()

    def build_mimetype(self) -> None:
        self.files["mimetype"] = MIMETYPE

    def build_container(self) -> None:
        self.files["META-INF/container.xml"] = self.renderer.raw("epub/container.xml")

    def build_content(self) -> None:
        """The article as XHTML, with its stylesheets, fonts (and licences) and images."""
        content = self.renderer.render(
            "epub/content.xhtml.j2",
            locale=self.locale,
            page=self.page,
            body_xhtml=Markup(self.page.body_xhtml()),
        )
        self._add("content.xhtml", content.encode("utf-8"))
        self._add("style.css", self.renderer.static("style.css"))
        self._add("fonts.css", self.renderer.fonts_css(self.fonts).encode("utf-8"))
        for font in self.fonts:
            self._add(f"fonts/{font.file_name}", font.data)
            self._add(f"fonts/{font.licence_name}", font.licence_text.encode("utf-8"))
        for href, data in self.images.items():
            self._add(href, data)

    def build_navigation_doc(self) -> None:
        """Table of contents (the article's headings) and landmarks."""
        nav = self.renderer.render(
            "epub/nav.xhtml.j2",
            locale=self.locale,
            page=self.page,
            label=self.renderer.label_function(self.locale),
        )
        self._add("nav.xhtml", nav.encode("utf-8"))

    def build_package(self) -> None:
        fixed = {"content.xhtml", "nav.xhtml", "style.css", "fonts.css"}
        resources = [
            ManifestItem(f"item-{number}", href, media_type(href))
            for number, href in enumerate(sorted(self._content_files() - fixed), start=1)
        ]
        image_count = len(self.page.images)
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
            date=self.page.date.isoformat() if self.page.date else None,
            modified=self.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
            images=bool(self.page.images),
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
                archive.writestr(info, self.files[name], compresslevel=9)
        return buffer.getvalue()

    def _add(self, href: str, data: bytes) -> None:
        self.files[f"{CONTENT_DIR}/{href}"] = data

    def _content_files(self) -> set[str]:
        prefix = f"{CONTENT_DIR}/"
        return {name[len(prefix) :] for name in self.files if name.startswith(prefix)}

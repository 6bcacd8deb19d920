"""Jinja2 rendering of the package's template files into an edition's files."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from l10nflow import __version__
from l10nflow.publish.fonts import EmbeddedFont
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.page import PageContent
from l10nflow.publish.pseudo import pseudo_translate
from l10nflow.publish.ui import ENGLISH, UiCatalogs

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"


@dataclass(frozen=True)
class Label:
    """A piece of interface text and, when it is not in the page's language, its own language."""

    text: str
    lang: str | None = None

    @property
    def lang_attribute(self) -> Markup:
        return Markup(' lang="{}"').format(self.lang) if self.lang else Markup("")

    @property
    def xml_lang_attribute(self) -> Markup:
        if not self.lang:
            return Markup("")
        return Markup(' lang="{0}" xml:lang="{0}"').format(self.lang)


@dataclass(frozen=True)
class Alternate:
    """One entry of the language switcher and of the ``hreflang`` links."""

    tag: str
    native_name: str
    direction: str
    href: str
    current: bool = False


class Renderer:
    """Loads templates and static files from the package; one per build (no global state)."""

    def __init__(
        self,
        template_dir: Path = TEMPLATE_DIR,
        static_dir: Path = STATIC_DIR,
        ui: UiCatalogs | None = None,
    ) -> None:
        self.template_dir = template_dir
        self.static_dir = static_dir
        self.ui = ui or UiCatalogs(None)
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(template_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )

    def fingerprint(self) -> str:
        """Hash of every template and static file: a changed template rebuilds every edition."""
        digest = hashlib.sha256()
        for directory in (self.template_dir, self.static_dir):
            for path in sorted(p for p in directory.rglob("*") if p.is_file()):
                digest.update(str(path.relative_to(directory)).encode() + b"\0")
                digest.update(path.read_bytes())
        digest.update(self.ui.fingerprint().encode())
        return digest.hexdigest()

    def render(self, name: str, **context: Any) -> str:
        return self.environment.get_template(name).render(version=__version__, **context)

    def raw(self, name: str) -> bytes:
        return (self.template_dir / name).read_bytes()

    def static(self, name: str) -> bytes:
        return (self.static_dir / name).read_bytes()

    def label_function(self, locale: EditionLocale) -> Callable[..., Label]:
        """Interface text from the UI catalogue of the edition's language, else English marked
        ``lang="en"``; ``label("editions_of", article=…)`` fills the message's fields."""
        own: dict[str, str] = {}
        if not locale.is_source and not locale.is_pseudo:
            own = self.ui.translations(locale.code)

        def label(key: str, **values: object) -> Label:
            english = ENGLISH[key].format(**values)
            if locale.is_pseudo:
                return Label(pseudo_translate(english))
            if locale.is_source:
                return Label(english)
            if key in own:
                try:
                    return Label(own[key].format(**values))
                except (KeyError, IndexError, ValueError):
                    pass  # a broken placeholder in a translation: show the English text
            return Label(english, lang="en")

        return label

    def fonts_css(self, fonts: list[EmbeddedFont], font_dir: str = "fonts/") -> str:
        return self.render("fonts.css.j2", fonts=fonts, font_dir=font_dir)

    def html_page(self, page: PageContent, view: PageView, body_html: str | None = None) -> str:
        """The page; ``body_html``: ``page.body_html()`` when the caller has it already."""
        return self.render(
            "page.html.j2",
            locale=view.locale,
            page=page,
            body_html=Markup(page.body_html() if body_html is None else body_html),
            alternates=view.alternates,
            index_href=view.index_href,
            epub_href=view.epub_href,
            fonts=view.fonts,
            fonts_css=view.fonts_css,
            font_dir=view.font_dir,
            label=self.label_function(view.locale),
        )


@dataclass(frozen=True)
class PageView:
    """How one edition's page links to the rest of the site (switcher, index, book, fonts)."""

    locale: EditionLocale
    alternates: list[Alternate]
    index_href: str
    epub_href: str | None
    fonts: list[EmbeddedFont]  # the faces this page's text uses (its footer's licences)
    fonts_css: str  # the locale's shared stylesheet of @font-face rules
    font_dir: str  # where the shared fonts and their licences are


def html_edition_files(
    renderer: Renderer,
    page: PageContent,
    view: PageView,
    images: dict[str, bytes],
    body_html: str | None = None,
) -> dict[str, bytes]:
    """Every file of one HTML edition directory, by relative path (fonts are site-wide)."""
    files: dict[str, bytes] = {
        "index.html": renderer.html_page(page, view, body_html).encode("utf-8"),
        "style.css": renderer.static("style.css"),
    }
    files.update(images)
    return files

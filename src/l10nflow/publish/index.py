"""The index page: every published edition with its language's own name and completeness."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from l10nflow.fsutil import atomic_write_text
from l10nflow.publish.fonts import EmbeddedFont
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.output import epub_file_name, index_file
from l10nflow.publish.render import Alternate
from l10nflow.publish.staging import Staging
from l10nflow.publish.stamps import digest

if TYPE_CHECKING:
    from l10nflow.publish.builder import Builder, Edition


@dataclass(frozen=True)
class IndexEdition:
    tag: str
    native_name: str
    direction: str
    percent: int
    translated: int
    total: int
    html_href: str | None
    epub_href: str | None


@dataclass(frozen=True)
class SkippedEdition:
    tag: str
    native_name: str
    percent: str
    translated: int
    total: int


@dataclass
class IndexArticle:
    name: str
    title: str
    editions: list[IndexEdition] = field(default_factory=list)
    skipped: list[SkippedEdition] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # tag → the edition's own title

    def title_in(self, tag: str) -> tuple[str, str]:
        """(title, its language): the edition's title on its language's index, else the source's."""
        if tag in self.titles:
            return self.titles[tag], tag
        return self.title, ""


def index_articles(builder: Builder, groups: list[list[Edition]]) -> list[IndexArticle]:
    formats = builder.settings.formats
    articles = []
    for group in groups:
        source = next((e for e in group if e.locale.is_source), group[0])
        article = IndexArticle(group[0].article, source.title)
        for edition in group:
            locale = edition.locale
            if locale.is_pseudo:
                continue  # built for QA at html/<article>/en-XA/, never offered to readers
            if not edition.published:
                percent = f"{edition.percent:.1f}".removesuffix(".0")
                article.skipped.append(
                    SkippedEdition(
                        locale.tag, locale.native_name, percent, edition.translated, edition.total
                    )
                )
                continue
            if edition.title:
                article.titles[locale.tag] = edition.title
            html = builder.relative_output(edition, "html").removeprefix("html/")
            epub = builder.relative_output(edition, "epub")
            if "html" in formats:  # the page directory carries a copy of the book
                epub = f"{html}/{epub_file_name(edition.article, locale)}"
            else:
                epub = f"../{epub}"
            article.editions.append(
                IndexEdition(
                    tag=locale.tag,
                    native_name=locale.native_name,
                    direction=locale.direction,
                    percent=int(edition.percent),  # floor: 99.6% is not "100%"
                    translated=edition.translated,
                    total=edition.total,
                    html_href=f"{html}/index.html" if "html" in formats else None,
                    epub_href=epub if "epub" in formats else None,
                )
            )
        articles.append(article)
    return articles


def index_locales(groups: list[list[Edition]]) -> list[EditionLocale]:
    """The source language and every language with a published edition (never the pseudo)."""
    found: list[EditionLocale] = []
    for group in groups:
        for edition in group:
            locale = edition.locale
            known = any(seen.code == locale.code for seen in found)
            if edition.published and not locale.is_pseudo and not known:
                found.append(locale)
    return sorted(found, key=lambda locale: not locale.is_source)


def render_index(
    builder: Builder, groups: list[list[Edition]], base: str, staging: Staging
) -> None:
    """Stage the index pages (with their style and fonts) unless they are up to date."""
    articles = index_articles(builder, groups)
    locales = index_locales(groups)
    wanted = digest(
        base,
        repr(articles),
        ",".join(builder.settings.formats),
        ",".join(locale.tag for locale in locales),
    )
    stamp_path = builder.state_dir / "index.digest"
    paths = [builder.settings.out_dir / "html" / index_file(locale) for locale in locales]
    try:
        if stamp_path.read_text(encoding="utf-8") == wanted and all(p.exists() for p in paths):
            return
    except OSError:
        pass
    alternates = [
        Alternate(locale.tag, locale.native_name, locale.direction, index_file(locale))
        for locale in locales
    ]
    for locale in locales:
        _stage_index(builder, locale, articles, alternates, staging)
    staging.add_file("html/style.css", builder.renderer.static("style.css"))
    staging.on_commit(lambda: atomic_write_text(stamp_path, wanted))


def _stage_index(
    builder: Builder,
    locale: EditionLocale,
    articles: list[IndexArticle],
    alternates: list[Alternate],
    staging: Staging,
) -> None:
    renderer = builder.renderer
    name = index_file(locale)
    current = [replace(a, current=a.href == name) for a in alternates]

    def render(fonts: list[EmbeddedFont]) -> str:
        return renderer.render(
            "index.html.j2",
            project=builder.config.project,
            locale=locale,
            articles=articles,
            alternates=current,
            threshold=f"{builder.settings.threshold:g}",
            fonts=fonts,
            fonts_css=css,
            font_dir=font_dir,
            label=renderer.label_function(locale),
        )

    # Each index has its own subsets (same file names, other characters): its own folder.
    css = "fonts.css" if locale.is_source else f"fonts.{locale.tag}.css"
    font_dir = "fonts/" if locale.is_source else f"fonts/{locale.tag}/"
    fonts = builder.writer.embed_fonts(render, locale.script, f"html/{name}")
    staging.add_file(f"html/{name}", render(fonts).encode("utf-8"))
    staging.add_file(f"html/{css}", renderer.fonts_css(fonts, font_dir).encode("utf-8"))
    for font in fonts:
        staging.add_file(f"html/{font_dir}{font.file_name}", font.data)
        staging.add_file(f"html/{font_dir}{font.licence_name}", font.licence_text.encode("utf-8"))

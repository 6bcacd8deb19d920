"""The index page: every published edition with its language's own name and completeness."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from l10nflow.build.fonts import EmbeddedFont
from l10nflow.build.locales import edition_locale
from l10nflow.build.output import epub_file_name
from l10nflow.build.staging import Staging
from l10nflow.build.stamps import digest
from l10nflow.fsutil import atomic_write_text

if TYPE_CHECKING:
    from l10nflow.build.builder import Builder, Edition


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
    reason: str


@dataclass
class IndexArticle:
    name: str
    title: str
    editions: list[IndexEdition] = field(default_factory=list)
    skipped: list[SkippedEdition] = field(default_factory=list)


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
                article.skipped.append(
                    SkippedEdition(locale.tag, locale.native_name, edition.reason or "")
                )
                continue
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


def render_index(
    builder: Builder, groups: list[list[Edition]], base: str, staging: Staging
) -> None:
    """Stage ``html/index.html`` (with its style and fonts) unless it is already up to date."""
    articles = index_articles(builder, groups)
    source_tag = edition_locale(builder.config.source_language).tag
    wanted = digest(base, repr(articles), ",".join(builder.settings.formats))
    stamp_path = builder.state_dir / "index.digest"
    index_path = builder.settings.out_dir / "html" / "index.html"
    try:
        if stamp_path.read_text(encoding="utf-8") == wanted and index_path.exists():
            return
    except OSError:
        pass
    renderer = builder.renderer

    def render(fonts: list[EmbeddedFont]) -> str:
        return renderer.render(
            "index.html.j2",
            project=builder.config.project,
            source_tag=source_tag,
            articles=articles,
            fonts=fonts,
        )

    fonts = builder.writer.embed_fonts(render, "Latn", "html/index.html")
    staging.add_file("html/index.html", render(fonts).encode("utf-8"))
    staging.add_file("html/style.css", renderer.static("style.css"))
    staging.add_file("html/fonts.css", renderer.fonts_css(fonts).encode("utf-8"))
    for font in fonts:
        staging.add_file(f"html/fonts/{font.file_name}", font.data)
        staging.add_file(f"html/fonts/{font.licence_name}", font.licence_text.encode("utf-8"))
    staging.on_commit(lambda: atomic_write_text(stamp_path, wanted))

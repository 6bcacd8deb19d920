"""The index page: every published edition with its language's own name and completeness."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from l10nflow.fsutil import atomic_write_text
from l10nflow.publish.articles import Edition
from l10nflow.publish.fonts import EmbeddedFont
from l10nflow.publish.locales import EditionLocale
from l10nflow.publish.output import (
    SITE_FONT_DIR,
    EditionWriter,
    FontUses,
    epub_file_name,
    index_file,
    relative_output,
    site_fonts_css,
)
from l10nflow.publish.render import Alternate
from l10nflow.publish.staging import Staging
from l10nflow.publish.stamps import digest


@dataclass(frozen=True)
class IndexSite:
    """What the index pages need to know of the build (and nothing else of the builder)."""

    project: str
    formats: tuple[str, ...]
    threshold: float
    out_dir: Path
    state_dir: Path
    writer: EditionWriter


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


def index_articles(formats: tuple[str, ...], groups: list[list[Edition]]) -> list[IndexArticle]:
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
            html = relative_output(edition.article, locale, "html").removeprefix("html/")
            epub = relative_output(edition.article, locale, "epub")
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
    site: IndexSite, groups: list[list[Edition]], base: str, staging: Staging
) -> dict[str, FontUses]:
    """Stage the index pages unless they are up to date; their text per site font, by tag."""
    articles = index_articles(site.formats, groups)
    locales = index_locales(groups)
    wanted = digest(
        base,
        repr(articles),
        ",".join(site.formats),
        ",".join(locale.tag for locale in locales),
    )
    stamp_path = site.state_dir / "index.json"
    paths = [site.out_dir / "html" / index_file(locale) for locale in locales]
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        if stamp["digest"] == wanted and all(p.exists() for p in paths):
            return {tag: _uses(fonts) for tag, fonts in stamp["fonts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    alternates = [
        Alternate(locale.tag, locale.native_name, locale.direction, index_file(locale))
        for locale in locales
    ]
    uses = {
        locale.tag: _stage_index(site, locale, articles, alternates, staging) for locale in locales
    }
    staging.add_file("html/style.css", site.writer.renderer.static("style.css"))
    record = json.dumps({"digest": wanted, "fonts": uses}, ensure_ascii=False, sort_keys=True)
    staging.on_commit(lambda: atomic_write_text(stamp_path, record))
    return uses


def _uses(fonts: dict[str, list[Any]]) -> FontUses:
    return {name: (str(entry[0]), [int(g) for g in entry[1]]) for name, entry in fonts.items()}


def _stage_index(
    site: IndexSite,
    locale: EditionLocale,
    articles: list[IndexArticle],
    alternates: list[Alternate],
    staging: Staging,
) -> FontUses:
    renderer = site.writer.renderer
    name = index_file(locale)
    current = [replace(a, current=a.href == name) for a in alternates]

    def render(fonts: list[EmbeddedFont]) -> str:
        return renderer.render(
            "index.html.j2",
            project=site.project,
            locale=locale,
            articles=articles,
            alternates=current,
            threshold=f"{site.threshold:g}",
            fonts=fonts,
            fonts_css=site_fonts_css(locale),
            font_dir=SITE_FONT_DIR,
            label=renderer.label_function(locale),
        )

    # The index uses the locale's shared site fonts, like the article pages.
    fonts, uses = site.writer.page_fonts(render, locale, f"html/{name}")
    staging.add_file(f"html/{name}", render(fonts).encode("utf-8"))
    return uses

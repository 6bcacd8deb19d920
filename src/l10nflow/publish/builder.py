"""The build: every article × edition locale → an HTML page directory and an EPUB.

For each edition the builder (1) fingerprints its inputs and, if a stamp matches, reuses the
completeness measured last time instead of localising again; (2) drops editions below the
completeness threshold; (3) renders the remaining editions whose outputs are stale into a
staging directory; (4) moves everything into place and records the stamps.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow import __version__
from l10nflow.config import Config
from l10nflow.errors import L10nError
from l10nflow.publish.fonts import FontLibrary
from l10nflow.publish.index import render_index
from l10nflow.publish.locales import EditionLocale, edition_locale
from l10nflow.publish.lookup import catalog_lookup, pseudo_lookup, source_lookup
from l10nflow.publish.output import EditionWriter, relative_output
from l10nflow.publish.page import PageContent, page_content
from l10nflow.publish.remote import ImageFetcher
from l10nflow.publish.render import Renderer
from l10nflow.publish.settings import BuildSettings
from l10nflow.publish.staging import STATE_DIR, Staging
from l10nflow.publish.stamps import Stamp, StampStore, digest
from l10nflow.publish.ui import UiCatalogs
from l10nflow.segment import Lookup

if TYPE_CHECKING:
    from l10nflow.checks.runner import ProblemFinder
    from l10nflow.segment import LocalisedDocument

Log = Callable[[str], None]


@dataclass
class Edition:
    """One article in one language, as far as this build knows it."""

    article: str
    source: Path
    locale: EditionLocale
    inputs: str
    total: int = 0
    translated: int = 0
    title: str = ""
    document: LocalisedDocument | None = None  # computed only when needed
    stamp: Stamp | None = None
    published: bool = False
    reason: str | None = None
    built: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)  # format → output digest
    passive: bool = False  # published earlier, not selected now: listed, never rebuilt
    warnings: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


@dataclass
class BuildReport:
    out_dir: Path
    editions: list[Edition]

    @property
    def skipped(self) -> list[Edition]:
        return [e for e in self.editions if not e.published]

    @property
    def built(self) -> list[Edition]:
        return [e for e in self.editions if e.built]


def _percent(value: float) -> str:
    """``16.7``, ``80``, ``79.6``: never rounds 79.6 up to a misleading "80"."""
    return f"{value:.1f}".removesuffix(".0")


def _stat_fingerprint(directory: Path, exclude_suffix: str) -> str:
    """Cheap identity of the source directory's other files (images)."""
    parts = []
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        if path.suffix != exclude_suffix:
            stat = path.stat()
            parts.append(f"{path.relative_to(directory)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


def edition_locales(config: Config, settings: BuildSettings) -> list[EditionLocale]:
    """The source edition first, then the requested (or configured) locales, pseudo last."""
    codes = list(settings.locales) if settings.locales else config.active_locales()
    if settings.pseudo and not settings.locales:
        codes.append("en-XA")
    return _unique(config, codes)


def known_locales(config: Config, settings: BuildSettings) -> list[EditionLocale]:
    """Every edition a full build makes, plus the selected ones: the language switcher's set."""
    codes = [
        *config.active_locales(),
        *(["en-XA"] if settings.pseudo else []),
        *(settings.locales or []),
    ]
    return _unique(config, codes)


def _unique(config: Config, codes: list[str]) -> list[EditionLocale]:
    result = [edition_locale(config.source_language, config.source_language)]
    for code in codes:
        locale = edition_locale(code, config.source_language)
        if all(locale.code != seen.code for seen in result):
            result.append(locale)
    return result


class Builder:
    def __init__(self, config: Config, settings: BuildSettings, log: Log | None = None) -> None:
        self.config = config
        self.settings = settings
        self.log: Log = log or (lambda message: None)
        self.state_dir = settings.out_dir / STATE_DIR
        self.renderer = Renderer(ui=UiCatalogs(config))
        font_cache = settings.font_cache or self.state_dir / "font-cache"
        self.fonts = FontLibrary(
            settings.font_dirs, cache_dir=font_cache, choices=dict(settings.fonts)
        )
        self.stamps = StampStore(self.state_dir / "stamps")
        self._ui_warned: set[str] = set()
        self._find_problems: ProblemFinder | None = None
        fetcher = ImageFetcher(
            self.state_dir / "image-cache",
            enabled=settings.remote_images,
            timeout=settings.remote_timeout,
            max_bytes=settings.remote_max_bytes,
        )
        self.writer = EditionWriter(config, settings, self.renderer, self.fonts, self.log, fetcher)

    def base_fingerprint(self) -> str:
        return digest(
            __version__,
            self.renderer.fingerprint(),
            self.fonts.fingerprint(self.fonts.all_specs()),
            self.settings.fingerprint(),
            self.config.segmentation,
            self.config.quotes,
            self.config.source_language,
            self.config.project,
            os.environ.get("SOURCE_DATE_EPOCH", ""),
            _stat_fingerprint(self.config.source_dir, ".html"),
        )

    def run(self) -> BuildReport:
        selected = edition_locales(self.config, self.settings)
        known = known_locales(self.config, self.settings)
        articles = self.config.articles()
        if not articles:
            raise L10nError("no articles (*.html) in the source directory", self.config.source_dir)
        base = self.base_fingerprint()
        groups: list[list[Edition]] = []
        for article in articles:
            group = []
            for locale in known + self._stamped_locales(article.stem, known):
                if any(locale.code == chosen.code for chosen in selected):
                    group.append(self._edition(article, locale, base))
                else:
                    group.extend(self._passive_edition(article, locale))
            groups.append(group)
        editions = [e for group in groups for e in group if not e.passive]
        staging = Staging(self.settings.out_dir)
        try:
            for group in groups:
                self._decide(group)
                self._render_article(group, staging)
            render_index(self, groups, base, staging)
            staging.commit()
        finally:
            staging.cleanup()
        for edition in editions:
            stamp = Stamp(
                edition.inputs, edition.total, edition.translated, edition.title, edition.outputs
            )
            if stamp != edition.stamp:
                self.stamps.save(edition.article, edition.locale.tag, stamp)
        return BuildReport(self.settings.out_dir, editions)

    # -- measuring ---------------------------------------------------------------------------

    def _catalog_path(self, article: str, locale: EditionLocale) -> Path | None:
        if locale.is_source or locale.is_pseudo:
            return None
        return self.config.catalog_path(locale.code, article)

    def _edition(self, source: Path, locale: EditionLocale, base: str) -> Edition:
        article = source.stem
        catalog = self._catalog_path(article, locale)
        catalog_bytes = b""
        if catalog is not None:
            try:
                catalog_bytes = catalog.read_bytes()
            except FileNotFoundError:
                raise L10nError(
                    f"no catalogue for locale {locale.code} (article {article}); create it with "
                    f"'l10nflow update --locale {locale.code}'",
                    catalog,
                ) from None
        inputs = digest(base, article, locale.code, source.read_bytes(), catalog_bytes)
        edition = Edition(article, source, locale, inputs)
        stamp = self.stamps.load(article, locale.tag)
        if stamp is not None and stamp.inputs == inputs:
            edition.stamp = stamp
            edition.outputs = dict(stamp.outputs)  # formats not selected now stay valid
            edition.total, edition.translated, edition.title = (
                stamp.total,
                stamp.translated,
                stamp.title,
            )
        else:
            self._localise(edition)
        return edition

    def _stamped_locales(self, article: str, known: list[EditionLocale]) -> list[EditionLocale]:
        """With ``--locale``, editions published earlier stay listed even if not configured."""
        if not self.settings.locales:
            return []  # a full build lists exactly the configured editions
        extra: list[EditionLocale] = []
        for tag in self.stamps.tags(article):
            try:
                locale = edition_locale(tag, self.config.source_language)
            except L10nError:
                continue
            if all(locale.code != seen.code for seen in known + extra):
                extra.append(locale)
        return extra

    def _passive_edition(self, source: Path, locale: EditionLocale) -> list[Edition]:
        """An edition this build does not select but an earlier one published (still on disk)."""
        stamp = self.stamps.load(source.stem, locale.tag)
        if stamp is None or not stamp.outputs:
            return []
        edition = Edition(source.stem, source, locale, stamp.inputs, passive=True, published=True)
        edition.total, edition.translated, edition.title = (
            stamp.total,
            stamp.translated,
            stamp.title,
        )
        edition.outputs, edition.stamp = dict(stamp.outputs), stamp
        if not all(self.output_path(edition, fmt).exists() for fmt in stamp.outputs):
            return []
        return [edition]

    def _lookup(self, edition: Edition) -> Lookup:
        locale = edition.locale
        if locale.is_source:
            return source_lookup
        if locale.is_pseudo:
            return pseudo_lookup
        from l10nflow.catalog import read_po

        path = self.config.catalog_path(locale.code, edition.article)
        display = os.path.relpath(path, self.config.root)
        return catalog_lookup(read_po(path), display, self.settings.use_fuzzy)

    def _localise(self, edition: Edition) -> None:
        from l10nflow.segment import localise
        from l10nflow.workflow import segment_options

        options = segment_options(self.config)
        source_tag = edition_locale(self.config.source_language).tag
        document = localise(
            edition.source,
            self._lookup(edition),
            options,
            fallback_lang=source_tag,
            spaceless=edition.locale.spaceless,
        )
        edition.document = document
        edition.total, edition.translated = document.total, document.translated
        edition.warnings.extend(document.warnings)
        for warning in document.warnings:
            self.log(f"warning: {warning}")
        title = document.tree.find("head/title")
        edition.title = " ".join("".join(title.itertext()).split()) if title is not None else ""
        if not edition.title:
            edition.title = edition.article

    def _warn_missing_ui(self, locale: EditionLocale) -> None:
        missing = self.renderer.ui.missing(locale.code)
        if missing is not None and locale.code not in self._ui_warned:
            self._ui_warned.add(locale.code)
            self.log(
                f"warning: no interface catalogue {os.path.relpath(missing, self.config.root)}; "
                f"the [{locale.code}] editions show English labels (create it with "
                "'l10nflow update')"
            )

    def _check_errors(self, edition: Edition) -> str | None:
        """Why ``l10nflow check`` stops this edition (None: it passes, or is allowed)."""
        if self.settings.allow_check_errors or edition.locale.is_source or edition.locale.is_pseudo:
            return None
        from l10nflow.catalog import read_po
        from l10nflow.checks import Severity, problem_finder
        from l10nflow.checks.report import format_text

        if self._find_problems is None:
            self._find_problems = problem_finder(self.config)
        path = self.config.catalog_path(edition.locale.code, edition.article)
        display = os.path.relpath(path, self.config.root)
        findings = self._find_problems(read_po(path), edition.locale.code, display)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if not errors:
            return None
        self.log(format_text(errors).rstrip("\n"))
        return f"`l10nflow check` finds {len(errors)} error(s) in {display}"

    def _decide(self, group: list[Edition]) -> None:
        threshold = self.settings.threshold
        for edition in group:
            if edition.passive:
                continue
            failed = self._check_errors(edition)
            if failed is not None:
                edition.reason = failed
                self.log(
                    f"skipped {edition.article} [{edition.locale.code}]: {failed}; fix them, or"
                    " publish anyway with --allow-check-errors"
                )
                continue
            if edition.locale.is_source or edition.locale.is_pseudo or edition.percent >= threshold:
                edition.published = True
                if not (edition.locale.is_source or edition.locale.is_pseudo):
                    self._warn_missing_ui(edition.locale)
                continue
            edition.reason = (
                f"{_percent(edition.percent)}% translated ({edition.translated} of {edition.total} "
                f"units), below the {threshold:g}% threshold"
            )
            self.log(
                f"skipped {edition.article} [{edition.locale.code}]: {edition.reason}; "
                "translate more or lower [tool.l10nflow.build] threshold / --threshold"
            )

    # -- rendering ---------------------------------------------------------------------------

    def output_digest(self, edition: Edition, fmt: str, siblings: list[Edition]) -> str:
        tags = ",".join(e.locale.tag for e in siblings if not e.locale.is_pseudo)
        return digest(edition.inputs, fmt, tags, ",".join(self.settings.formats))

    def _render_article(self, group: list[Edition], staging: Staging) -> None:
        published = [e for e in group if e.published]
        for edition in published:
            if edition.passive:
                continue
            # The book first: the HTML edition carries a copy of it.
            for fmt in sorted(self.settings.formats, key=lambda f: f != "epub"):
                wanted = self.output_digest(edition, fmt, published)
                edition.outputs[fmt] = wanted
                stamp = edition.stamp
                fresh = stamp is not None and stamp.outputs.get(fmt) == wanted
                if fresh and self.output_path(edition, fmt).exists():
                    continue
                if edition.document is None:
                    self._localise(edition)
                self._render(edition, fmt, published, staging)
                edition.built.append(fmt)
                self.log(f"built {self.relative_output(edition, fmt)}")

    def output_path(self, edition: Edition, fmt: str) -> Path:
        return self.settings.out_dir / self.relative_output(edition, fmt)

    @staticmethod
    def relative_output(edition: Edition, fmt: str) -> str:
        return relative_output(edition.article, edition.locale, fmt)

    def _page(self, edition: Edition) -> PageContent:
        if edition.document is None:
            self._localise(edition)
        assert edition.document is not None  # set by _localise
        calendar = self.settings.calendar(edition.locale.code)
        return page_content(edition.document.tree, edition.locale, edition.source, calendar)

    def _render(
        self, edition: Edition, fmt: str, siblings: list[Edition], staging: Staging
    ) -> None:
        page = self._page(edition)
        where = self.relative_output(edition, fmt)
        if fmt == "html":
            # Readers' switchers never offer the pseudo-locale; its own page shows itself.
            others = [
                (e.locale, e is edition) for e in siblings if not e.locale.is_pseudo or e is edition
            ]
            epub = self._epub_bytes(edition, staging) if "epub" in self.settings.formats else None
            files = self.writer.html_files(
                edition.article, edition.locale, page, others, where, epub
            )
            staging.add_directory(where, files)
        else:
            staging.add_file(where, self.writer.epub(edition.article, edition.locale, page, where))

    def _epub_bytes(self, edition: Edition, staging: Staging) -> bytes | None:
        """The edition's book as this build staged it, else as an earlier build left it."""
        relative = self.relative_output(edition, "epub")
        for path in (staging.root / relative, self.output_path(edition, "epub")):
            try:
                return path.read_bytes()
            except OSError:
                continue
        return None


def build(config: Config, settings: BuildSettings, log: Log | None = None) -> BuildReport:
    """Build every requested edition; raises :class:`L10nError` with file and line on bad input."""
    return Builder(config, settings, log).run()

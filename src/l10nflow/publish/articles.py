"""One article's editions, from measuring to rendering: the unit of work of a build.

Articles do not depend on each other (the index and the site's shared fonts are made after
all of them), so ``build -j N`` runs :func:`build_article` in N processes. Each job parses and
segments its source once for all its editions, reads each catalogue once (for the lookup and
for ``l10nflow check``), writes its outputs into the build's staging directory, and returns
its editions and its messages; the builder prints those in article order, so the output and
the files are the same whatever N is.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow.catalog.lookup import catalog_lookup, source_lookup
from l10nflow.config import Config
from l10nflow.errors import L10nError
from l10nflow.publish.fonts import FontLibrary
from l10nflow.publish.locales import EditionLocale, edition_locale
from l10nflow.publish.lookup import pseudo_lookup
from l10nflow.publish.output import EditionWriter, FontUses, relative_output
from l10nflow.publish.page import PageContent, page_content
from l10nflow.publish.remote import ImageFetcher
from l10nflow.publish.render import Renderer
from l10nflow.publish.settings import BuildSettings
from l10nflow.publish.source import SegmentedSource
from l10nflow.publish.staging import STATE_DIR, StagedWrites
from l10nflow.publish.stamps import Stamp, StampStore, digest
from l10nflow.publish.ui import UiCatalogs
from l10nflow.segment import Lookup
from l10nflow.workflow import segment_options

if TYPE_CHECKING:
    from l10nflow.checks.runner import ProblemFinder
    from l10nflow.model import Catalog
    from l10nflow.segment import LocalisedDocument


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
    document: LocalisedDocument | None = None  # computed only when needed, never returned
    catalog: Catalog | None = None  # read once, for the lookup and the checks
    stamp: Stamp | None = None
    published: bool = False
    reason: str | None = None
    built: list[str] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)  # format → output digest
    passive: bool = False  # published earlier, not selected now: listed, never rebuilt
    warnings: list[str] = field(default_factory=list)
    fonts: FontUses = field(default_factory=dict)  # the HTML page's text per site font

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


@dataclass(frozen=True)
class ArticleJob:
    source: Path
    locales: tuple[EditionLocale, ...]  # every edition the switcher may list
    selected: frozenset[str]  # codes of the editions this build makes
    base: str  # fingerprint of everything all editions share
    staging_root: Path


@dataclass
class ArticleResult:
    editions: list[Edition]
    log: list[str]
    writes: StagedWrites
    missing_fonts: list[str]  # font file names not installed


def percent_text(value: float) -> str:
    """``16.7``, ``80``, ``79.6``: never rounds 79.6 up to a misleading "80"."""
    return f"{value:.1f}".removesuffix(".0")


def output_digest(edition: Edition, fmt: str, siblings: list[Edition], formats: str) -> str:
    tags = ",".join(e.locale.tag for e in siblings if not e.locale.is_pseudo)
    return digest(edition.inputs, fmt, tags, formats)


class ArticleBuilder:
    """What building an article needs, made once per process (templates, fonts, checks)."""

    def __init__(self, config: Config, settings: BuildSettings) -> None:
        self.config = config
        self.settings = settings
        state_dir = settings.out_dir / STATE_DIR
        self.renderer = Renderer(ui=UiCatalogs(config))
        font_cache = settings.font_cache or state_dir / "font-cache"
        self.fonts = FontLibrary(
            settings.font_dirs, cache_dir=font_cache, choices=dict(settings.fonts)
        )
        self.stamps = StampStore(state_dir / "stamps")
        self.options = segment_options(config)
        self.source_tag = edition_locale(config.source_language).tag
        self._find_problems: ProblemFinder | None = None
        self._log: list[str] = []
        fetcher = ImageFetcher(
            state_dir / "image-cache",
            enabled=settings.remote_images,
            timeout=settings.remote_timeout,
            max_bytes=settings.remote_max_bytes,
        )
        self.writer = EditionWriter(
            config, settings, self.renderer, self.fonts, self._log.append, fetcher
        )

    def log(self, message: str) -> None:
        self._log.append(message)

    def build(self, job: ArticleJob) -> ArticleResult:
        self._log.clear()
        self.writer.missing_fonts.clear()
        self.fonts.forget_text()
        source = SegmentedSource(job.source, self.options)
        group: list[Edition] = []
        for locale in job.locales:
            if locale.code in job.selected:
                group.append(self._edition(job, source, locale))
            else:
                group.extend(self._passive_edition(job.source, locale))
        self._decide(group, source)
        writes = StagedWrites(job.staging_root)
        self._render_article(group, source, writes)
        for edition in group:
            edition.document = edition.catalog = None  # large, and not needed any more
        missing = [spec.file_name for spec in self.writer.missing_fonts]
        return ArticleResult(group, list(self._log), writes, missing)

    # -- measuring ---------------------------------------------------------------------------

    def _catalog_path(self, article: str, locale: EditionLocale) -> Path | None:
        if locale.is_source or locale.is_pseudo:
            return None
        return self.config.catalog_path(locale.code, article)

    def _edition(self, job: ArticleJob, source: SegmentedSource, locale: EditionLocale) -> Edition:
        article = job.source.stem
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
        inputs = digest(job.base, article, locale.code, job.source.read_bytes(), catalog_bytes)
        edition = Edition(article, job.source, locale, inputs)
        stamp = self.stamps.load(article, locale.tag)
        if stamp is not None and stamp.inputs == inputs:
            self._from_stamp(edition, stamp)
        else:
            self._localise(edition, source)
        return edition

    @staticmethod
    def _from_stamp(edition: Edition, stamp: Stamp) -> None:
        edition.stamp = stamp
        edition.outputs = dict(stamp.outputs)  # formats not selected now stay valid
        edition.fonts = {
            name: (chars, list(glyphs)) for name, (chars, glyphs) in stamp.fonts.items()
        }
        edition.total, edition.translated, edition.title = (
            stamp.total,
            stamp.translated,
            stamp.title,
        )

    def _passive_edition(self, source: Path, locale: EditionLocale) -> list[Edition]:
        """An edition this build does not select but an earlier one published (still on disk)."""
        stamp = self.stamps.load(source.stem, locale.tag)
        if stamp is None or not stamp.outputs:
            return []
        edition = Edition(source.stem, source, locale, stamp.inputs, passive=True, published=True)
        self._from_stamp(edition, stamp)
        if not all(self.output_path(edition, fmt).exists() for fmt in stamp.outputs):
            return []
        return [edition]

    def _read_catalog(self, edition: Edition) -> tuple[Catalog, str]:
        from l10nflow.catalog import read_po

        path = self.config.catalog_path(edition.locale.code, edition.article)
        if edition.catalog is None:
            edition.catalog = read_po(path)
        return edition.catalog, os.path.relpath(path, self.config.root)

    def _lookup(self, edition: Edition) -> Lookup:
        locale = edition.locale
        if locale.is_source:
            return source_lookup
        if locale.is_pseudo:
            return pseudo_lookup
        catalog, display = self._read_catalog(edition)
        return catalog_lookup(catalog, display, self.settings.use_fuzzy)

    def _localise(self, edition: Edition, source: SegmentedSource) -> None:
        document = source.localise(
            self._lookup(edition), self.source_tag, spaceless=edition.locale.spaceless
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

    def _check_errors(self, edition: Edition, source: SegmentedSource) -> str | None:
        """Why ``l10nflow check`` stops this edition (None: it passes, or is allowed)."""
        if self.settings.allow_check_errors or edition.locale.is_source or edition.locale.is_pseudo:
            return None
        from l10nflow.checks import Severity, problem_finder
        from l10nflow.checks.report import format_text

        if self._find_problems is None:
            self._find_problems = problem_finder(self.config)
        # The check of protected content needs the page segmented: as this build did it.
        self._find_problems.source_page(source.path, source.slots)
        catalog, display = self._read_catalog(edition)
        findings = self._find_problems(catalog, edition.locale.code, display)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if not errors:
            return None
        self.log(format_text(errors).rstrip("\n"))
        return f"`l10nflow check` finds {len(errors)} error(s) in {display}"

    def _decide(self, group: list[Edition], source: SegmentedSource) -> None:
        threshold = self.settings.threshold
        for edition in group:
            if edition.passive:
                continue
            failed = self._check_errors(edition, source)
            if failed is not None:
                edition.reason = failed
                self.log(
                    f"skipped {edition.article} [{edition.locale.code}]: {failed}; fix them, or"
                    " publish anyway with --allow-check-errors"
                )
                continue
            if edition.locale.is_source or edition.locale.is_pseudo or edition.percent >= threshold:
                edition.published = True
                continue
            edition.reason = (
                f"{percent_text(edition.percent)}% translated ({edition.translated} of "
                f"{edition.total} units), below the {threshold:g}% threshold"
            )
            self.log(
                f"skipped {edition.article} [{edition.locale.code}]: {edition.reason}; "
                "translate more or lower [tool.l10nflow.build] threshold / --threshold"
            )

    # -- rendering ---------------------------------------------------------------------------

    def output_path(self, edition: Edition, fmt: str) -> Path:
        return self.settings.out_dir / relative_output(edition.article, edition.locale, fmt)

    def _render_article(
        self, group: list[Edition], source: SegmentedSource, writes: StagedWrites
    ) -> None:
        published = [e for e in group if e.published]
        formats = ",".join(self.settings.formats)
        for edition in published:
            if edition.passive:
                continue
            page: PageContent | None = None  # one edition's content, for its page and book
            book: bytes | None = None  # the book this build made of it
            # The book first: the HTML edition carries a copy of it.
            for fmt in sorted(self.settings.formats, key=lambda f: f != "epub"):
                wanted = output_digest(edition, fmt, published, formats)
                edition.outputs[fmt] = wanted
                stamp = edition.stamp
                fresh = stamp is not None and stamp.outputs.get(fmt) == wanted
                if fresh and self.output_path(edition, fmt).exists():
                    continue
                if edition.document is None:
                    self._localise(edition, source)
                page = page or self._page(edition)
                if fmt == "epub":
                    book = self._render_book(edition, page, writes)
                else:
                    self._render_page(edition, page, published, writes, book)
                edition.built.append(fmt)
                self.log(f"built {relative_output(edition.article, edition.locale, fmt)}")

    def _page(self, edition: Edition) -> PageContent:
        assert edition.document is not None  # set by _localise
        calendar = self.settings.calendar(edition.locale.code)
        return page_content(edition.document.tree, edition.locale, edition.source, calendar)

    def _render_book(self, edition: Edition, page: PageContent, writes: StagedWrites) -> bytes:
        where = relative_output(edition.article, edition.locale, "epub")
        book = self.writer.epub(edition.article, edition.locale, page, where)
        writes.add_file(where, book)
        return book

    def _render_page(
        self,
        edition: Edition,
        page: PageContent,
        siblings: list[Edition],
        writes: StagedWrites,
        book: bytes | None,
    ) -> None:
        where = relative_output(edition.article, edition.locale, "html")
        # Readers' switchers never offer the pseudo-locale; its own page shows itself.
        others = [
            (e.locale, e is edition) for e in siblings if not e.locale.is_pseudo or e is edition
        ]
        if book is None and "epub" in self.settings.formats:
            book = self._earlier_book(edition)
        files, edition.fonts = self.writer.html_files(
            edition.article, edition.locale, page, others, where, book
        )
        writes.add_directory(where, files)

    def _earlier_book(self, edition: Edition) -> bytes | None:
        """The edition's book as an earlier build left it (this build did not change it)."""
        try:
            return self.output_path(edition, "epub").read_bytes()
        except OSError:
            return None


_WORKER: tuple[ArticleBuilder] | None = None


def start_worker(config: Config, settings: BuildSettings) -> None:
    """Process pool initialiser: one :class:`ArticleBuilder` per worker process."""
    global _WORKER
    _WORKER = (ArticleBuilder(config, settings),)


def build_article(job: ArticleJob) -> ArticleResult:
    """Build one article in a worker process (see :func:`start_worker`)."""
    assert _WORKER is not None, "start_worker() runs first"
    try:
        return _WORKER[0].build(job)
    except L10nError:
        raise
    except Exception as exc:  # a bug: its exception may not pickle (lxml's), so send the text
        trace = traceback.format_exc()
        raise RuntimeError(f"building {job.source.name} failed: {exc!r}\n{trace}") from None

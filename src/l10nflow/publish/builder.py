"""The build: every article × edition locale → an HTML page directory and an EPUB.

For each article (in parallel with ``-j N``, see :mod:`l10nflow.publish.articles`) the builder
(1) fingerprints each edition's inputs and, if a stamp matches, reuses the completeness
measured last time instead of localising again; (2) drops editions below the completeness
threshold or failing ``l10nflow check``; (3) renders the remaining editions whose outputs are
stale into a staging directory. Then it stages the index pages and the site's shared fonts,
moves everything into place and records the stamps.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from l10nflow import __version__
from l10nflow.config import Config
from l10nflow.errors import L10nError
from l10nflow.publish.articles import (
    ArticleBuilder,
    ArticleJob,
    ArticleResult,
    Edition,
    build_article,
    start_worker,
)
from l10nflow.publish.fonts import missing_font_advice
from l10nflow.publish.index import IndexSite, index_locales, render_index
from l10nflow.publish.locales import EditionLocale, edition_locale
from l10nflow.publish.output import relative_output
from l10nflow.publish.settings import BuildSettings
from l10nflow.publish.site_fonts import SiteFonts, locale_texts
from l10nflow.publish.staging import STATE_DIR, Staging
from l10nflow.publish.stamps import Stamp, digest

Log = Callable[[str], None]

__all__ = ["BuildReport", "Builder", "Edition", "build", "default_jobs"]


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


def default_jobs() -> int:
    """The CPUs this process may use (``build -j`` default, as for ``extract``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
        self.articles = ArticleBuilder(config, settings)  # also the in-process worker
        self.renderer = self.articles.renderer
        self.fonts = self.articles.fonts
        self.stamps = self.articles.stamps
        self._warned: set[str] = set()

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
        codes = frozenset(locale.code for locale in selected)
        staging = Staging(self.settings.out_dir)
        groups: list[list[Edition]] = []
        try:
            jobs = [
                ArticleJob(
                    article,
                    tuple(known + self._stamped_locales(article.stem, known)),
                    codes,
                    base,
                    staging.root,
                )
                for article in articles
            ]
            for result in self._results(jobs):
                self._report(result)
                staging.adopt(result.writes)
                groups.append(result.editions)
            self._warn_missing_ui(groups)
            self._stage_site(groups, base, staging)
            staging.commit()
        finally:
            staging.cleanup()
        editions = [e for group in groups for e in group if not e.passive]
        for edition in editions:
            stamp = Stamp(
                edition.inputs,
                edition.total,
                edition.translated,
                edition.title,
                edition.outputs,
                edition.fonts,
            )
            if stamp != edition.stamp:
                self.stamps.save(edition.article, edition.locale.tag, stamp)
        return BuildReport(self.settings.out_dir, editions)

    def _results(self, jobs: list[ArticleJob]) -> Iterator[ArticleResult]:
        """Each article's result, in article order, from one process or from a pool."""
        workers = min(self.settings.jobs or default_jobs(), len(jobs))
        if workers <= 1:
            yield from map(self.articles.build, jobs)
            return
        pool = ProcessPoolExecutor(
            max_workers=workers,
            initializer=start_worker,
            initargs=(self.config, self.settings),
        )
        try:
            yield from pool.map(build_article, jobs)
        finally:  # after an error, articles not started yet are not built for nothing
            pool.shutdown(wait=True, cancel_futures=True)

    def _report(self, result: ArticleResult) -> None:
        for name in result.missing_fonts:
            if name not in self._warned:
                self._warned.add(name)
                spec = next(s for s in self.fonts.all_specs() if s.file_name == name)
                dirs = ", ".join(str(d) for d in self.fonts.font_dirs)
                self.log(
                    f"warning: font {name} not found in {dirs}; {missing_font_advice(spec)}; "
                    "until then pages and books leave it out and show that text in the "
                    "reader's own fonts"
                )
        for message in result.log:
            self.log(message)

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

    def _warn_missing_ui(self, groups: list[list[Edition]]) -> None:
        warned: set[str] = set()
        for group in groups:
            for edition in group:
                locale = edition.locale
                if edition.passive or not edition.published or locale.is_source:
                    continue
                missing = None if locale.is_pseudo else self.renderer.ui.missing(locale.code)
                if missing is not None and locale.code not in warned:
                    warned.add(locale.code)
                    self.log(
                        "warning: no interface catalogue "
                        f"{os.path.relpath(missing, self.config.root)}; the [{locale.code}] "
                        "editions show English labels (create it with 'l10nflow update')"
                    )

    def _stage_site(self, groups: list[list[Edition]], base: str, staging: Staging) -> None:
        """The index pages, then the shared fonts of every locale (pages' and indexes' text)."""
        writer = self.articles.writer
        writer.log = self.log
        site = IndexSite(
            self.config.project,
            self.settings.formats,
            self.settings.threshold,
            self.settings.out_dir,
            self.state_dir,
            writer,
        )
        index_uses = render_index(site, groups, base, staging)
        texts = locale_texts(groups, index_uses, index_locales(groups))
        fonts = SiteFonts(self.fonts, self.renderer, self.state_dir / "site-fonts.json", self.log)
        fonts.stage(texts, base, staging, self.settings.jobs or default_jobs())

    def output_path(self, edition: Edition, fmt: str) -> Path:
        return self.settings.out_dir / relative_output(edition.article, edition.locale, fmt)


def build(config: Config, settings: BuildSettings, log: Log | None = None) -> BuildReport:
    """Build every requested edition; raises :class:`L10nError` with file and line on bad input."""
    return Builder(config, settings, log).run()

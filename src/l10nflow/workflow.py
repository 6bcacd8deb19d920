"""The maintainer's operations, each a plain function the CLI wraps: extract, update, stats,
apply. They connect the segmenter (HTML ↔ units) and the catalogue layer (PO files).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow.config import display_path
from l10nflow.errors import L10nError

if TYPE_CHECKING:
    from l10nflow.catalog.stats import CatalogStats
    from l10nflow.config import Config
    from l10nflow.model import Catalog
    from l10nflow.segment.extract import SegmentOptions

# Each command imports only the stages it uses (start-up of small commands): the segmenter
# (lxml), PO reading (extract never reads one), writing and merging (rapidfuzz) are imported
# inside the functions that need them.


def segment_options(config: Config) -> SegmentOptions:
    from l10nflow.segment.extract import SegmentOptions

    return SegmentOptions(
        mode=config.segmentation, source_language=config.source_language, quotes=config.quotes
    )


def extract_template(path: Path, config: Config) -> Catalog:
    from l10nflow.catalog.templates import build_template
    from l10nflow.segment.extract import extract_units

    units = extract_units(path, segment_options(config), display_path(path, config.root))
    return build_template(units, config.project)


def _formatted_template(path: Path, config: Config) -> str:
    from l10nflow.catalog.po_write import format_po
    from l10nflow.segment.large_pages import is_large

    text = None
    if is_large(path):  # maybe cut into chunks (memory, every core); None: processed whole
        from l10nflow.segment.chunked_extract import chunked_template_text

        shown = display_path(path, config.root)
        text = chunked_template_text(path, segment_options(config), shown, config.project)
    return format_po(extract_template(path, config)) if text is None else text


@dataclass
class WriteResult:
    path: Path
    changed: bool


def _extract_all(paths: list[Path], config: Config, jobs: int | None) -> list[str]:
    """Formatted templates of many pages, on every core: pages are independent, and
    parsing, segmenting and formatting are CPU-bound Python work. Nothing is written here, so
    a bad page stops the run before any template changes."""
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1 or len(paths) < 4:
        return [_formatted_template(path, config) for path in paths]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(paths) // (workers * 4))
        return list(pool.map(_formatted_template, paths, [config] * len(paths), chunksize=chunk))


def extract(
    config: Config,
    files: list[Path] | None = None,
    out: Path | None = None,
    jobs: int | None = None,
) -> list[WriteResult]:
    """Write one POT per article (default: every article of ``source/``)."""
    inputs = files if files else config.articles()
    if not inputs:
        raise L10nError(f"no articles (*.html) in {config.source_dir}")
    to_file = out is not None and out.suffix.lower() == ".pot"
    if to_file and len(inputs) > 1:
        raise L10nError(f"{out}: several inputs need an output directory, not a .pot file")
    if out is not None and out.suffix and not to_file:
        raise L10nError(f"{out}: the output is a .pot file or a directory")
    targets = [
        out
        if to_file and out is not None
        else (out / f"{path.stem}.pot" if out is not None else config.template_path(path.stem))
        for path in inputs
    ]
    clashes = sorted({str(t) for t in targets if targets.count(t) > 1})
    if clashes:
        raise L10nError(f"several inputs would write the same template: {', '.join(clashes)}")
    texts = _extract_all(inputs, config, jobs)
    from l10nflow.catalog.update import write_template_text
    from l10nflow.fsutil import replaced_together

    with replaced_together():  # every template, or none if a write fails
        return [
            WriteResult(target, write_template_text(target, text))
            for target, text in zip(targets, texts, strict=True)
        ]


def load_template(config: Config, article: str) -> Catalog:
    from l10nflow.catalog.po_read import read_po

    path = config.template_path(article)
    if not path.is_file():
        raise L10nError(f"{path}: template missing; run `l10nflow extract` first")
    return read_po(path)


def update(
    config: Config, locales: list[str] | None = None, compendia: list[Path] | None = None
) -> list[WriteResult]:
    """Create or merge every article's catalogue for each locale (msgmerge semantics); with
    ``compendia`` (msgmerge -C), their translations fill entries a catalogue lacks."""
    from l10nflow.catalog.headers import po_locale_name
    from l10nflow.catalog.po_read import read_po
    from l10nflow.fsutil import replaced_together

    codes = [po_locale_name(code) for code in (locales or config.active_locales())]
    articles = [path.stem for path in config.articles()]
    if not articles:
        raise L10nError(
            f"nothing to update: no articles (*.html) in {config.source_dir}; catalogues follow"
            " the articles, whose templates `l10nflow extract` writes"
        )
    templates = {article: load_template(config, article) for article in articles}
    libraries = [read_po(path) for path in compendia or []]
    from l10nflow.catalog.update import update_catalog
    from l10nflow.publish import ui  # the editions' interface labels: one more domain

    # Read every existing catalogue first: a malformed one stops the run before any is written.
    for code in codes:
        for path in [
            *(config.catalog_path(code, a) for a in articles),
            ui.catalog_path(config, code),
        ]:
            if path.exists():
                read_po(path)
    results: list[WriteResult] = []
    # All or nothing: no catalogue is replaced until every one is written (a full disk
    # half-way through used to leave some merged and some not).
    with replaced_together():
        for code in codes:
            for article in articles:
                target = config.catalog_path(code, article)
                changed = update_catalog(templates[article], target, code, libraries)
                results.append(WriteResult(target, changed))
        written = set(ui.update_ui_catalogs(config, codes))
    for path in [ui.template_path(config), *(ui.catalog_path(config, code) for code in codes)]:
        results.append(WriteResult(path, path in written))
    return results


@dataclass
class StatsRow:
    locale: str
    article: str
    stats: CatalogStats


def stats(config: Config, locales: list[str] | None = None) -> list[StatsRow]:
    from l10nflow.catalog.headers import po_locale_name
    from l10nflow.catalog.po_read import read_po
    from l10nflow.catalog.stats import catalog_stats

    codes = [po_locale_name(code) for code in (locales or config.active_locales())]
    rows: list[StatsRow] = []
    for code in codes:
        for path in config.articles():
            po_path = config.catalog_path(code, path.stem)
            if po_path.is_file():
                rows.append(StatsRow(code, path.stem, catalog_stats(read_po(po_path))))
    return rows


def locales_below(rows: list[StatsRow], percent: float) -> list[tuple[str, float]]:
    """Locales whose units, over all their articles, are less than ``percent`` translated
    (with their figure). A locale with no units at all counts as 0% translated."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        counts = totals.setdefault(row.locale, [0, 0])
        counts[0] += row.stats.translated
        counts[1] += row.stats.total
    below = []
    for locale, (translated, total) in totals.items():
        figure = 100.0 * translated / total if total else 0.0
        if figure < percent:
            below.append((locale, figure))
    return below


@dataclass
class ApplyResult:
    total: int
    translated: int
    warnings: list[str]


def apply(
    source: Path,
    catalog_path: Path,
    out: Path,
    config: Config,
    use_fuzzy: bool = False,
    set_lang: bool = False,
) -> ApplyResult:
    """Rebuild one document from one catalogue (like po2html).

    Every byte outside translated text is kept as it was in ``source`` (markup, whitespace,
    encoding); when a change cannot be located in the source, the page is written from its
    tree instead, with a warning. With ``set_lang`` the page's ``<html lang>`` becomes the
    catalogue's ``Language`` and untranslated text is marked as the source language.
    """
    # Imported here: the segmenter pulls lxml, which stats and update never need.
    from l10nflow.catalog.headers import language_tag
    from l10nflow.catalog.lookup import read_lookup
    from l10nflow.fsutil import atomic_write_bytes
    from l10nflow.locales import bcp47_tag
    from l10nflow.segment.faithful import rebuild
    from l10nflow.segment.large_pages import is_large

    # Only what the lookup returns is kept, read entry by entry: a large page's catalogue is
    # large too (20 MB of page, 70 MB of catalogue).
    read = read_lookup(catalog_path, use_fuzzy)
    lookup = read.lookup
    lang = language_tag(read.header_catalog(), catalog_path) if set_lang else None
    fallback = bcp47_tag(config.source_language) if lang else None
    options = segment_options(config)
    rebuilt = None
    if is_large(source):  # maybe rebuilt by chunks (memory, every core); None: rebuilt whole
        from l10nflow.segment.chunked_apply import chunked_rebuild

        rebuilt = chunked_rebuild(source, lookup, options, fallback, lang)
    if rebuilt is None:
        rebuilt = rebuild(source, lookup, options, fallback_lang=fallback, lang=lang)
    atomic_write_bytes(out, rebuilt.data)
    document = rebuilt.document
    return ApplyResult(document.total, document.translated, document.warnings)

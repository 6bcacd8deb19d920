"""Checking many catalogues on every core: catalogues are independent, reading and checking
them is CPU-bound Python work, and only the comparison across catalogues (consistency) needs
them all — it runs afterwards on the slim entries each worker sends back."""

from __future__ import annotations

import os
from pathlib import Path

from l10nflow.catalog import read_po
from l10nflow.checks import cache
from l10nflow.checks.base import Finding
from l10nflow.checks.runner import (
    CheckedCatalog,
    Compared,
    entry_findings,
    locale_findings,
    settings_for,
    sort_findings,
)
from l10nflow.config import Config, display_path
from l10nflow.errors import L10nError
from l10nflow.model import Catalog

Result = tuple[list[Finding], list[Compared]]
Options = tuple[frozenset[str] | None, frozenset[str], tuple[str, ...]]  # select, ignore, locales


def catalogue_locale(catalog: Catalog, path: Path) -> str:
    """The header's ``Language``, else ``<L>/LC_MESSAGES/x.po``, else the file name (``my.po``)."""
    language = (catalog.header_field("Language") or "").strip()
    if language:
        return language.replace("-", "_")
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    return path.stem


def _same_locale(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def read_catalogs(
    files: list[Path], config: Config, locales: tuple[str, ...]
) -> list[CheckedCatalog]:
    """The catalogues of ``files`` in the wanted locales (all when ``locales`` is empty)."""
    catalogs = []
    for file in files:
        catalog = read_po(file)
        locale = catalogue_locale(catalog, file)
        if locales and not any(_same_locale(locale, wanted) for wanted in locales):
            continue
        catalogs.append(CheckedCatalog(catalog, locale, display_path(file, config.root), file))
    return catalogs


def _check_chunk(
    files: list[Path], config: Config, options: Options
) -> tuple[list[Result], str | None]:
    """One worker's share, file by file. An error comes back as text: an L10nError's file and
    line do not survive pickling."""
    select, ignore, locales = options
    try:
        settings = settings_for(config, select, ignore)
        results = [
            entry_findings(read_catalogs([file], config, locales), settings) for file in files
        ]
    except L10nError as exc:
        return [], str(exc)
    return results, None


def _run_workers(
    files: list[Path], config: Config, options: Options, jobs: int | None
) -> list[Result]:
    workers = min(jobs or os.cpu_count() or 1, max(1, len(files) // 8))
    if workers <= 1:
        outcomes = [_check_chunk(files, config, options)]
        chunks = [files]
    else:
        chunks = [files[start :: workers * 4] for start in range(workers * 4)]
        from concurrent.futures import ProcessPoolExecutor  # here: costly to import

        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(
                pool.map(_check_chunk, chunks, [config] * len(chunks), [options] * len(chunks))
            )
    by_file: dict[Path, Result] = {}
    for chunk, (results, error) in zip(chunks, outcomes, strict=True):
        if error is not None:
            raise L10nError(error)
        by_file.update(zip(chunk, results, strict=True))
    return [by_file[file] for file in files]


def check_files(
    files: list[Path],
    config: Config,
    options: Options,
    jobs: int | None = None,
    use_cache: bool = True,
) -> list[Finding]:
    """Every finding over ``files``, in file and line order, using up to ``jobs`` processes;
    catalogues unchanged since the last run with the same settings are not checked again."""
    settings = settings_for(config, options[0], options[1])
    results: dict[Path, Result] = {}
    keys: dict[Path, str] = {}
    if use_cache:
        fingerprint = cache.settings_fingerprint(config, options)
        for file in files:
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise L10nError(f"cannot read: {exc.strerror}", file) from exc
            keys[file] = cache.key_for(data, display_path(file, config.root), fingerprint)
            hit = cache.load(keys[file])
            if hit is not None:
                results[file] = hit
    missing = [file for file in files if file not in results]
    for file, result in zip(missing, _run_workers(missing, config, options, jobs), strict=True):
        results[file] = result
        if use_cache:
            cache.store(keys[file], result)
    findings: list[Finding] = []
    compared: list[Compared] = []
    for file in files:
        findings += results[file][0]
        compared += results[file][1]
    return sort_findings(findings + locale_findings(compared, settings))

"""One ``l10nflow translate`` run over the chosen locales (the click command stays thin)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from l10nflow.catalog import read_po, write_po
from l10nflow.config import Config
from l10nflow.mt.cache import TranslationCache
from l10nflow.mt.engines import CTranslate2Engine
from l10nflow.mt.prefill import CatalogueFile, PrefillStats, Progress, prefill_locale
from l10nflow.mt.registry import Registry, cache_dir
from l10nflow.mt.routing import MtSettings, resolve
from l10nflow.mt.sourcecodes import ProtectedCodes


@dataclass
class LocaleRun:
    locale: str
    engine: CTranslate2Engine
    catalogues: int
    stats: PrefillStats | None  # None: no catalogues


def engines_for(
    locales: list[str], config: Config, settings: MtSettings, spec: str | None
) -> dict[str, CTranslate2Engine]:
    """The engine of each locale; one model in memory serves every locale that uses it."""
    registry = Registry()
    engines: dict[str, CTranslate2Engine] = {}
    loaded: dict[Path, CTranslate2Engine] = {}
    for locale in locales:
        engine = resolve(
            settings.spec_for(locale, spec), config.source_language, locale, registry, settings
        )
        engines[locale] = loaded.setdefault(engine.model_dir, engine)
    return engines


def translate_locales(
    config: Config,
    settings: MtSettings,
    engines: dict[str, CTranslate2Engine],
    articles: tuple[str, ...],
    progress: Callable[[str], Progress],
    dry_run: bool = False,
) -> list[LocaleRun]:
    from l10nflow.workflow import segment_options

    protected = ProtectedCodes(config.root, segment_options(config))
    runs: list[LocaleRun] = []
    with TranslationCache(cache_dir() / "translations.sqlite3") as cache:
        for locale, engine in engines.items():
            folder = config.locales_dir / locale / "LC_MESSAGES"
            paths = sorted(folder.glob("*.po")) if folder.is_dir() else []
            selected = [p for p in paths if not articles or p.stem in articles]
            if not selected:
                runs.append(LocaleRun(locale, engine, 0, None))
                continue
            files = [CatalogueFile(p, read_po(p)) for p in selected]
            memory = [p for p in paths if p not in selected] + settings.compendium_files(locale)
            stats = prefill_locale(
                files,
                engine,
                config.source_language,
                locale,
                cache,
                save=lambda item: write_po(item.path, item.catalog),
                terms=settings.glossary.terms_for(locale),
                chunk_size=settings.chunk_size,
                progress=progress(locale),
                others=[CatalogueFile(p, read_po(p)) for p in memory],
                protected=protected.names,
                similarity=settings.tm_similarity,
                dry_run=dry_run,
            )
            runs.append(LocaleRun(locale, engine, len(files), stats))
    return runs


def summary(run: LocaleRun, dry_run: bool) -> str:
    stats, model = run.stats, run.engine.model_id
    if stats is None:
        return f"{run.locale}: no catalogues (run 'l10nflow update' first)"
    memory = f"{stats.reused} exact and {stats.fuzzy_matches} similar from memory"
    if dry_run:
        return (
            f"{run.locale}: {run.catalogues} catalogue(s): {memory}, {stats.copied} copied, "
            f"{stats.cached_segments} segment(s) from cache, {stats.model_segments} would be "
            f"sent to {run.engine.name}:{model} ({run.engine.model_dir})"
        )
    return (
        f"{run.locale}: {stats.translated} machine-translated ({stats.placed_by_position} with "
        f"markup placed by position, {stats.number_problems} with numbers to check), {memory}, "
        f"{stats.copied} copied, {stats.rejected} left empty (see notes); "
        f"{stats.model_segments} segments sent to {model}, {stats.cached_segments} from cache; "
        f"{stats.saved} catalogue(s) written"
    )

"""Run the registered checks over catalogues; the function the builder calls.

``find_problems(catalog, locale, config)`` is what ``l10nflow build`` needs: every finding of
one catalogue, with the project's ``[check]`` settings and glossary. ``run_checks`` does the
same over many catalogues at once, adding the checks that compare catalogues (consistency).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from l10nflow.checks.base import (
    Check,
    Entry,
    Finding,
    LocaleCheck,
    LocaleSettings,
    silenced_checks,
)
from l10nflow.checks.registry import CONTENT_CHECKS, REGISTRY
from l10nflow.checks.settings import CheckSettings, parse_check_settings
from l10nflow.config import Config
from l10nflow.errors import ConfigError
from l10nflow.model import Catalog


@dataclass
class CheckedCatalog:
    catalog: Catalog
    locale: str
    path: str  # as shown in findings (relative to the project root when inside it)
    file: Path | None = None


SettingsFor = Callable[[str], LocaleSettings]


def glossary_terms(config: Config) -> Callable[[str], dict[str, str]]:
    """The MT glossary's terms for a locale ({} when the project has no glossary)."""
    name = config.mt.get("glossary")
    if name is None:
        return lambda locale: {}
    if not isinstance(name, str) or not name:
        raise ConfigError("[tool.l10nflow.mt] glossary must be a file path", config.path)
    from l10nflow.mt.glossary import load_glossary  # the glossary module only, no MT engine

    glossary = load_glossary((config.root / name).resolve())
    return glossary.terms_for


def settings_for(
    config: Config,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
) -> SettingsFor:
    settings: CheckSettings = parse_check_settings(config.check, config.path)
    terms = glossary_terms(config)
    cache: dict[str, LocaleSettings] = {}

    def lookup(locale: str) -> LocaleSettings:
        if locale not in cache:
            cache[locale] = settings.for_locale(locale, terms(locale), select, ignore)
        return cache[locale]

    return lookup


def entries_of(checked: CheckedCatalog, settings: LocaleSettings) -> list[Entry]:
    return [
        Entry(unit=unit, locale=checked.locale, path=checked.path, settings=settings)
        for unit in checked.catalog.units
        if not unit.obsolete and not unit.is_header
    ]


# GNOME's list of translators' names and addresses: nothing of the source to keep.
_CREDITS = {"translator-credits", "translator_credits"}


def check_entry(entry: Entry, silenced: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    has_translation = bool(entry.pairs()) and entry.unit.msgid not in _CREDITS
    for check in REGISTRY:
        if not isinstance(check, Check) or check.id not in entry.settings.enabled:
            continue
        if check.id in silenced or (check.id in CONTENT_CHECKS and not has_translation):
            continue
        findings.extend(check.check(entry))
    return findings


def run_checks(catalogs: list[CheckedCatalog], settings: SettingsFor) -> list[Finding]:
    """Every finding over ``catalogs``, in file and line order."""
    findings: list[Finding] = []
    by_locale: dict[str, list[tuple[Entry, set[str]]]] = defaultdict(list)
    for checked in catalogs:
        for entry in entries_of(checked, settings(checked.locale)):
            silenced = silenced_checks(entry.unit)
            findings.extend(check_entry(entry, silenced))
            by_locale[checked.locale].append((entry, silenced))
    for locale, entries in by_locale.items():
        for check in REGISTRY:
            if isinstance(check, LocaleCheck) and check.id in settings(locale).enabled:
                usable = [entry for entry, silenced in entries if check.id not in silenced]
                findings.extend(check.check_locale(usable))
    return sorted(findings, key=lambda f: (f.path, f.line, f.check))


def find_problems(catalog: Catalog, locale: str, config: Config, path: str = "") -> list[Finding]:
    """Every finding of one catalogue under the project's settings (for ``l10nflow build``:
    an edition with a finding of severity ERROR should not be published)."""
    return run_checks([CheckedCatalog(catalog, locale, path)], settings_for(config))

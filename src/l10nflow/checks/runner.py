"""Run the registered checks over catalogues; the function the builder calls.

``find_problems(catalog, locale, config)`` is what ``l10nflow build`` needs: every finding of
one catalogue, with the project's ``[check]`` settings and glossary. ``run_checks`` does the
same over many catalogues at once, adding the checks that compare catalogues (consistency).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
from l10nflow.config import Config, display_path
from l10nflow.errors import ConfigError
from l10nflow.model import Catalog, Unit

if TYPE_CHECKING:
    from l10nflow.mt.sourcecodes import ProtectedCodes
    from l10nflow.segment.runs import Slot


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


class SourceCodes:
    """Which placeholders of a unit are protected elements, read from the source page its
    ``#:`` reference names (pages segmented on first use, once each, unless the caller gives
    the page it segmented already: :meth:`source_page`)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._codes: ProtectedCodes | None = None

    def _found(self) -> ProtectedCodes:
        if self._codes is None:
            from l10nflow.mt.sourcecodes import ProtectedCodes  # the segmenter, no MT engine
            from l10nflow.workflow import segment_options

            self._codes = ProtectedCodes(self.config.root, segment_options(self.config))
        return self._codes

    def names(self, unit: Unit) -> frozenset[str]:
        if "<" not in unit.msgid or not unit.locations:
            return frozenset()
        return self._found().names(unit)

    def source_page(self, page: Path, slots: Callable[[], list[Slot]]) -> None:
        """``page`` is segmented (with the project's options) by the caller: ``slots()``."""
        self._found().use_page(display_path(page, self.config.root), slots)


def protected_codes(config: Config) -> Callable[[Unit], frozenset[str]]:
    """Which placeholders of a unit are protected elements (see :class:`SourceCodes`)."""
    return SourceCodes(config).names


def settings_for(
    config: Config,
    select: frozenset[str] | None = None,
    ignore: frozenset[str] = frozenset(),
    protected: Callable[[Unit], frozenset[str]] | None = None,
) -> SettingsFor:
    settings: CheckSettings = parse_check_settings(config.check, config.path)
    terms = glossary_terms(config)
    codes = protected or protected_codes(config)
    cache: dict[str, LocaleSettings] = {}

    def lookup(locale: str) -> LocaleSettings:
        if locale not in cache:
            own = settings.for_locale(locale, terms(locale), select, ignore)
            cache[locale] = dataclasses.replace(own, protected_codes=codes)
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


def check_entry(
    entry: Entry, silenced: set[str], checks: list[Check] | None = None
) -> list[Finding]:
    """The findings of the enabled per-entry checks on one entry (``checks``: those, when
    known)."""
    if checks is None:
        checks = [check for check in _ENTRY_CHECKS if check.id in entry.settings.enabled]
    return _findings([entry], [silenced], checks)


def _findings(entries: list[Entry], silenced: list[set[str]], checks: list[Check]) -> list[Finding]:
    """Each check over all ``entries`` at once (one call per check, not per entry: most
    entries pass most checks, and a check screens them fastest in its own loop). The order
    of the findings differs from entry by entry only where :func:`sort_findings` restores it."""
    with_text = [entry for entry in entries if entry.pairs() and entry.unit.msgid not in _CREDITS]
    texts = {id(entry) for entry in with_text}
    findings: list[Finding] = []
    for check in checks:
        content = check.id in CONTENT_CHECKS
        pool = with_text if content else entries
        if any(silenced):
            pool = [
                entry
                for entry, off in zip(entries, silenced, strict=True)
                if check.id not in off and (not content or id(entry) in texts)
            ]
        findings.extend(check.check_all(pool))
    return findings


_ENTRY_CHECKS = [check for check in REGISTRY if isinstance(check, Check)]
_LOCALE_CHECKS = [check for check in REGISTRY if isinstance(check, LocaleCheck)]
# What the checks across catalogues need of an entry, as plain data (cheap to send between
# processes and to cache): check id, locale, path, msgid, msgctxt, msgstr, line.
Compared = tuple[str, str, str, str, str | None, str, int]


def entry_findings(
    catalogs: list[CheckedCatalog], settings: SettingsFor
) -> tuple[list[Finding], list[Compared]]:
    """Findings of the per-entry checks, and the entries (slimmed) the locale checks compare."""
    findings: list[Finding] = []
    compared: list[Compared] = []
    for checked in catalogs:
        own = settings(checked.locale)
        checks = [check for check in _ENTRY_CHECKS if check.id in own.enabled]
        entries = entries_of(checked, own)
        silenced = [silenced_checks(entry.unit) for entry in entries]
        findings.extend(_findings(entries, silenced, checks))
        for entry, off in zip(entries, silenced, strict=True):
            if entry.unit.translated and entry.unit.msgid_plural is None:
                for check in _LOCALE_CHECKS:
                    if check.id not in off:
                        compared.append(_compared(check.id, entry))
    return findings, compared


def _compared(check_id: str, entry: Entry) -> Compared:
    unit = entry.unit
    return (check_id, entry.locale, entry.path, unit.msgid, unit.msgctxt, unit.msgstr, unit.lineno)


def locale_findings(compared: list[Compared], settings: SettingsFor) -> list[Finding]:
    """Findings of the checks that compare a locale's catalogues (consistency)."""
    grouped: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for check_id, locale, path, msgid, msgctxt, msgstr, line in _differing(compared):
        unit = Unit(msgid=msgid, msgctxt=msgctxt, msgstr=msgstr, lineno=line)
        grouped[(check_id, locale)].append(Entry(unit, locale, path, settings(locale)))
    findings: list[Finding] = []
    for check in _LOCALE_CHECKS:
        for (check_id, locale), entries in grouped.items():
            if check_id == check.id and check.id in settings(locale).enabled:
                findings.extend(check.check_locale(entries))
    return findings


def _differing(compared: list[Compared]) -> list[Compared]:
    """The rows whose source text has more than one translation in its locale, in order:
    the comparisons across catalogues can only ever find something there (most sources are
    translated once, or the same way everywhere)."""
    texts: dict[tuple[str, str, str, str | None], str | None] = {}
    for check_id, locale, _, msgid, msgctxt, msgstr, _ in compared:
        key = (check_id, locale, msgid, msgctxt)
        known = texts.setdefault(key, msgstr)
        if known is not None and known != msgstr:
            texts[key] = None  # None: differs
    return [row for row in compared if texts[(row[0], row[1], row[3], row[4])] is None]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.check))


def run_checks(catalogs: list[CheckedCatalog], settings: SettingsFor) -> list[Finding]:
    """Every finding over ``catalogs``, in file and line order."""
    findings, compared = entry_findings(catalogs, settings)
    return sort_findings(findings + locale_findings(compared, settings))


class ProblemFinder:
    """``find_problems`` with the settings and glossary read once, for many catalogues:
    ``finder(catalog, locale, path)``."""

    def __init__(self, config: Config) -> None:
        self.codes = SourceCodes(config)
        self.settings = settings_for(config, protected=self.codes.names)

    def __call__(self, catalog: Catalog, locale: str, path: str = "") -> list[Finding]:
        return run_checks([CheckedCatalog(catalog, locale, path)], self.settings)

    def source_page(self, page: Path, slots: Callable[[], list[Slot]]) -> None:
        """The builder segmented ``page`` already: protected codes come from its slots."""
        self.codes.source_page(page, slots)


def problem_finder(config: Config) -> ProblemFinder:
    """A :class:`ProblemFinder` for the project."""
    return ProblemFinder(config)


def find_problems(catalog: Catalog, locale: str, config: Config, path: str = "") -> list[Finding]:
    """Every finding of one catalogue under the project's settings (for ``l10nflow build``:
    an edition with a finding of severity ERROR should not be published). Errors are only
    ever found on entries an edition would publish: on a fuzzy entry they are warnings."""
    return problem_finder(config)(catalog, locale, path)

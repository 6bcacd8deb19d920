"""``[tool.l10nflow.check]``: which checks run, their severities, per-locale overrides.

::

    [tool.l10nflow.check]
    ignore = ["whitespace"]                 # check ids (default: every check runs)
    severity = { glossary = "error" }       # raise or lower a check's severity
    identical_ok = ["Facebook", "COVID-19"] # texts a translation may copy unchanged
    zawgyi_threshold = 0.95                 # Zawgyi probability from which it is reported

    [tool.l10nflow.check.th]                # the same keys, for one locale
    ignore = ["end-punctuation"]

Validated when the configuration is loaded: an unknown key, check id or severity is an error
naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10nflow.checks.base import LocaleSettings, Severity
from l10nflow.checks.registry import CHECK_IDS
from l10nflow.errors import ConfigError

_KEYS = {"select", "ignore", "severity", "identical_ok", "zawgyi_threshold"}


@dataclass
class CheckOptions:
    """One level of settings: the table's own keys (None: not set at this level)."""

    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    identical_ok: frozenset[str] = frozenset()
    zawgyi_threshold: float | None = None


@dataclass
class CheckSettings:
    defaults: CheckOptions = field(default_factory=CheckOptions)
    locales: dict[str, CheckOptions] = field(default_factory=dict)

    def for_locale(
        self,
        locale: str,
        glossary_terms: dict[str, str] | None = None,
        select: frozenset[str] | None = None,
        ignore: frozenset[str] = frozenset(),
    ) -> LocaleSettings:
        """Defaults, then the locale's table, then the command line's ``--select/--ignore``."""
        own = self.locales.get(locale, CheckOptions())
        if select is not None:
            enabled = select - ignore
        else:
            chosen = own.select or self.defaults.select or frozenset(CHECK_IDS)
            enabled = chosen - self.defaults.ignore - own.ignore - ignore
        threshold = own.zawgyi_threshold or self.defaults.zawgyi_threshold or 0.95
        return LocaleSettings(
            enabled=frozenset(enabled),
            severity={**self.defaults.severity, **own.severity},
            zawgyi_threshold=threshold,
            identical_ok=self.defaults.identical_ok | own.identical_ok,
            glossary_terms=dict(glossary_terms or {}),
        )


def check_ids(values: Any, where: str, path: Path | None) -> frozenset[str]:
    """A list of known check ids ("all" stands for every check)."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where} must be a list of check ids", path)
    if "all" in values:
        return frozenset(CHECK_IDS)
    unknown = sorted(set(values) - set(CHECK_IDS))
    if unknown:
        known = ", ".join(CHECK_IDS)
        raise ConfigError(f"{where}: unknown check(s) {', '.join(unknown)} (known: {known})", path)
    return frozenset(values)


def _options(table: dict[str, Any], where: str, path: Path | None) -> CheckOptions:
    options = CheckOptions()
    if "select" in table:
        options.select = check_ids(table["select"], f"{where} select", path)
    if "ignore" in table:
        options.ignore = check_ids(table["ignore"], f"{where} ignore", path)
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where} severity must be a table of check id = severity", path)
    check_ids(list(severity), f"{where} severity", path)
    for check_id, value in severity.items():
        if value not in ("error", "warning"):
            raise ConfigError(f'{where} severity.{check_id} must be "error" or "warning"', path)
        options.severity[check_id] = Severity.parse(value)
    identical = table.get("identical_ok", [])
    if not isinstance(identical, list) or not all(isinstance(v, str) for v in identical):
        raise ConfigError(f"{where} identical_ok must be a list of strings", path)
    options.identical_ok = frozenset(identical)
    if "zawgyi_threshold" in table:
        value = table["zawgyi_threshold"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            raise ConfigError(f"{where} zawgyi_threshold must be a number in (0, 1]", path)
        options.zawgyi_threshold = float(value)
    return options


def parse_check_settings(table: dict[str, Any], path: Path | None) -> CheckSettings:
    """Validate the ``check`` table; sub-tables named by a locale are its overrides."""
    from l10nflow.catalog.headers import po_locale_name  # local: keeps start-up light

    where = "[tool.l10nflow.check]"
    own = {key: value for key, value in table.items() if not isinstance(value, dict)}
    own.update({key: table[key] for key in ("severity",) if key in table})
    settings = CheckSettings(defaults=_options(own, where, path))
    for key, value in table.items():
        if key in _KEYS:
            continue
        if not isinstance(value, dict):
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"unknown key {key!r} in {where} (known: {known}, or a locale)", path)
        try:
            locale = po_locale_name(key)
        except ConfigError:
            raise
        except Exception as exc:
            raise ConfigError(
                f"{where}: {key!r} is neither a setting nor a locale: {exc}", path
            ) from exc
        unknown = sorted(set(value) - _KEYS)
        if unknown:
            raise ConfigError(f"unknown key(s) {', '.join(unknown)} in {where[:-1]}.{key}]", path)
        settings.locales[locale] = _options(value, f"{where[:-1]}.{key}]", path)
    return settings

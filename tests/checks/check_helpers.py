"""Run one registered check on one entry, as ``l10nflow check`` would."""

from __future__ import annotations

from l10nflow.checks.base import Entry, Finding
from l10nflow.checks.registry import CHECK_IDS, REGISTRY
from l10nflow.checks.runner import CheckedCatalog, run_checks
from l10nflow.checks.settings import CheckSettings
from l10nflow.model import Catalog, Unit


def findings(
    check_id: str,
    msgid: str,
    msgstr: str,
    locale: str = "my",
    glossary: dict[str, str] | None = None,
    **unit_fields: object,
) -> list[Finding]:
    """The findings of ``check_id`` alone on one entry."""
    assert check_id in CHECK_IDS, check_id
    unit = Unit(msgid=msgid, msgstr=msgstr, lineno=7, **unit_fields)  # type: ignore[arg-type]
    settings = CheckSettings().for_locale(locale, glossary, select=frozenset({check_id}))
    catalog = CheckedCatalog(Catalog(units=[unit]), locale, "a.po")
    return run_checks([catalog], lambda _locale: settings)


def messages(check_id: str, msgid: str, msgstr: str, locale: str = "my", **kw: object) -> list[str]:
    return [f.message for f in findings(check_id, msgid, msgstr, locale, **kw)]  # type: ignore[arg-type]


def entry(msgid: str, msgstr: str, locale: str = "my") -> Entry:
    settings = CheckSettings().for_locale(locale)
    return Entry(Unit(msgid=msgid, msgstr=msgstr, lineno=1), locale, "a.po", settings)


__all__ = ["REGISTRY", "entry", "findings", "messages"]

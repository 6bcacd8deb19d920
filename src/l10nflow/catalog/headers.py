"""Catalogue headers and locale codes, modelled on ``xgettext`` (POT) and ``msginit`` (PO).

Plural rules come from the project's table (``plurals.py``: what msginit and Poedit write), and
from babel's CLDR data only for languages that table lacks; every rule passes ``msgfmt -c``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale
from babel.messages.plurals import PLURALS, get_plural
from babel.plural import to_gettext

from ..clock import now_utc as now_utc
from ..errors import LocaleError
from ..model import FUZZY, Unit
from .plurals import known_plural_forms

DATE_FORMAT = "%Y-%m-%d %H:%M%z"


def format_date(moment: datetime) -> str:
    """A header date like ``2024-05-01 12:30+0000`` (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.strftime(DATE_FORMAT)


def validate_locale(code: str) -> Locale:
    """Parse ``my``, ``th``, ``zh_Hans``, ``zh-Hans``, ``pt_BR``...; LocaleError if unknown."""
    cleaned = code.strip().replace("-", "_")
    try:
        _, territory, script, *_ = parse_locale(cleaned)
        locale = Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise LocaleError(
            f"unknown locale code {code!r} ({error}); use a CLDR code such as "
            "'my', 'th', 'zh_Hans' or 'pt_BR'"
        ) from None
    # babel silently maps an unknown territory to a likely one (en_ZZ -> en_US): refuse that.
    if territory is not None and (territory == "ZZ" or locale.territory != territory.upper()):
        raise LocaleError(
            f"unknown locale code {code!r}: {territory!r} is not a territory CLDR knows for"
            f" {locale.language!r}; use e.g. 'pt_BR'"
        )
    if script is not None and locale.script != script.title():
        raise LocaleError(f"unknown locale code {code!r}: unknown script {script!r}")
    return locale


def po_locale_name(code: str) -> str:
    """The canonical catalogue directory name: ``zh-Hans`` -> ``zh_Hans``."""
    return str(validate_locale(code))


def plural_forms(code: str) -> str:
    """``nplurals=N; plural=EXPR;`` for the locale.

    The project's table first (stable whatever babel is installed), then babel's gettext table
    when it lists the language, otherwise the CLDR rule.
    """
    locale = validate_locale(code)
    known = known_plural_forms(locale.language, locale.territory)
    if known is not None:
        return known
    if locale.language in PLURALS or str(locale) in PLURALS:
        return get_plural(locale).plural_forms
    return to_gettext(locale.plural_form).replace("plural=(0);", "plural=0;")


def _header_text(fields: list[tuple[str, str]]) -> str:
    return "".join(f"{name}: {value}\n" for name, value in fields)


def template_header(project: str, version: str, now: datetime) -> Unit:
    """An xgettext-like POT header (fuzzy, UTF-8, placeholder translator fields)."""
    fields = [
        ("Project-Id-Version", f"{project} {version}".strip()),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", format_date(now)),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("Language", ""),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    comments = [
        f"Translation template for {project}.",
        f"Copyright (C) {now.year} THE {project}'S COPYRIGHT HOLDER",
        f"This file is distributed under the same license as the {project} package.",
        f"FIRST AUTHOR <EMAIL@ADDRESS>, {now.year}.",
        "",
    ]
    return Unit(
        msgid="",
        msgstr=_header_text(fields),
        translator_comments=comments,
        flags=[FUZZY],
    )


def _field(unit: Unit, name: str) -> str | None:
    for line in unit.msgstr.split("\n"):
        key, colon, value = line.partition(":")
        if colon and key.strip().lower() == name.lower():
            return value.strip()
    return None


def catalog_header(template_header: Unit, locale: str, now: datetime) -> Unit:
    """A msginit-like PO header for ``locale`` made from the template's header."""
    parsed = validate_locale(locale)
    project = _field(template_header, "Project-Id-Version") or "PACKAGE VERSION"
    created = _field(template_header, "POT-Creation-Date") or format_date(now)
    fields = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", _field(template_header, "Report-Msgid-Bugs-To") or ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", format_date(now)),
        ("Last-Translator", "Automatically generated"),
        ("Language-Team", "none"),
        ("Language", str(parsed)),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(locale)),
    ]
    name = parsed.english_name or str(parsed)
    package = project.split()[0] if project.split() else "PACKAGE"
    comments = [
        f"{name} translations for {package} package.",
        f"Copyright (C) {now.year} THE {package}'S COPYRIGHT HOLDER",
        f"This file is distributed under the same license as the {package} package.",
        f"Automatically generated, {now.year}.",
        "",
    ]
    return Unit(msgid="", msgstr=_header_text(fields), translator_comments=comments)

"""Catalogue headers, modelled on ``xgettext`` (POT) and ``msginit`` (PO).

Locale codes are parsed by :mod:`l10nflow.locales` (``validate_locale`` and ``po_locale_name``
stay here as the catalogue API's names for it). Plural rules come from the project's table
(``plurals.py``: what msginit and Poedit write), and from babel's CLDR data only for languages
that table lacks; every rule passes ``msgfmt -c``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..clock import now_utc as now_utc
from ..errors import LocaleError
from ..locales import parse_locale, po_name
from ..model import FUZZY, Catalog, Unit
from .plurals import known_plural_forms

if TYPE_CHECKING:
    from babel import Locale

DATE_FORMAT = "%Y-%m-%d %H:%M%z"


def format_date(moment: datetime) -> str:
    """A header date like ``2024-05-01 12:30+0000`` (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.strftime(DATE_FORMAT)


def validate_locale(code: str) -> Locale:
    """babel's locale for ``my``, ``zh-Hans``, ``pt_BR``... (:mod:`l10nflow.locales` parses
    and validates it); LocaleError if unknown."""
    return parse_locale(code).babel()


def po_locale_name(code: str) -> str:
    """The canonical catalogue directory name: ``zh-Hans`` -> ``zh_Hans``."""
    return po_name(code)


def language_tag(catalog: Catalog, path: str | Path) -> str | None:
    """The BCP 47 tag of the catalogue's ``Language`` (``zh_Hans`` → ``zh-Hans``; None when
    empty). A code ``update`` would refuse is an error at the header's line here too."""
    language = catalog.header_field("Language")
    if not language:
        return None
    try:
        return parse_locale(language).bcp47
    except LocaleError as error:
        line = catalog.header.lineno if catalog.header is not None else None
        raise LocaleError(f"Language: {error.message}", path, line or None) from None


def plural_forms(code: str) -> str:
    """``nplurals=N; plural=EXPR;`` for the locale.

    The project's table first (stable whatever babel is installed), then babel's gettext table
    when it lists the language, otherwise the CLDR rule.
    """
    parsed = parse_locale(code)
    known = known_plural_forms(parsed.language, parsed.territory)
    if known is not None:
        return known
    # babel's plural tables are imported only for languages the project's table lacks.
    from babel.messages.plurals import PLURALS, get_plural
    from babel.plural import to_gettext

    locale = parsed.babel()
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
    parsed = parse_locale(locale)
    project = _field(template_header, "Project-Id-Version") or "PACKAGE VERSION"
    created = _field(template_header, "POT-Creation-Date") or format_date(now)
    fields = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", _field(template_header, "Report-Msgid-Bugs-To") or ""),
        ("POT-Creation-Date", created),
        ("PO-Revision-Date", format_date(now)),
        ("Last-Translator", "Automatically generated"),
        ("Language-Team", "none"),
        ("Language", parsed.posix),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(locale)),
    ]
    name = parsed.english_name
    package = project.split()[0] if project.split() else "PACKAGE"
    comments = [
        f"{name} translations for {package} package.",
        f"Copyright (C) {now.year} THE {package}'S COPYRIGHT HOLDER",
        f"This file is distributed under the same license as the {package} package.",
        f"Automatically generated, {now.year}.",
        "",
    ]
    return Unit(msgid="", msgstr=_header_text(fields), translator_comments=comments)

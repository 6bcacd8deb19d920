"""The builder: localised HTML pages and EPUB 3 books from source articles and catalogues.

``build(config, settings)`` is the library entry point; ``l10nflow build`` (see
:mod:`l10nflow.publish.commands`) is a thin command-line wrapper around it. The names below are
imported on first use: the configuration validates the build table through
:mod:`l10nflow.publish.settings` for every command, which must not pull in fontTools.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from l10nflow.lazy import lazy_exports

if TYPE_CHECKING:
    from l10nflow.publish.builder import BuildReport, Edition, build
    from l10nflow.publish.locales import PSEUDO_CODE, EditionLocale, edition_locale
    from l10nflow.publish.pseudo import pseudo_translate
    from l10nflow.publish.settings import BuildSettings, settings_from_config

_EXPORTS = {
    "BuildReport": "l10nflow.publish.builder",
    "Edition": "l10nflow.publish.builder",
    "build": "l10nflow.publish.builder",
    "PSEUDO_CODE": "l10nflow.publish.locales",
    "EditionLocale": "l10nflow.publish.locales",
    "edition_locale": "l10nflow.publish.locales",
    "pseudo_translate": "l10nflow.publish.pseudo",
    "BuildSettings": "l10nflow.publish.settings",
    "settings_from_config": "l10nflow.publish.settings",
}
__all__ = [
    "PSEUDO_CODE",
    "BuildReport",
    "BuildSettings",
    "Edition",
    "EditionLocale",
    "build",
    "edition_locale",
    "pseudo_translate",
    "settings_from_config",
]
lazy_exports(__name__, _EXPORTS)

"""The builder: localised HTML pages and EPUB 3 books from source articles and catalogues.

``build(config, settings)`` is the library entry point; ``l10nflow build`` (see
:mod:`l10nflow.build.commands`) is a thin command-line wrapper around it.
"""

from l10nflow.build.builder import BuildReport, Edition, build
from l10nflow.build.locales import PSEUDO_CODE, EditionLocale, edition_locale
from l10nflow.build.pseudo import pseudo_translate
from l10nflow.build.settings import BuildSettings, settings_from_config

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

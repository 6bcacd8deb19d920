"""The builder: localised HTML pages and EPUB 3 books from source articles and catalogues.

``build(config, settings)`` is the library entry point; ``l10nflow build`` (see
:mod:`l10nflow.publish.commands`) is a thin command-line wrapper around it. The names below are
imported on first use: the configuration validates the build table through
:mod:`l10nflow.publish.settings` for every command, which must not pull in fontTools.
"""

from __future__ import annotations

import importlib
from typing import Any

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

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'l10nflow.publish' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

"""``[tool.l10nflow.mt]``: the MT settings, checked when the configuration loads.

::

    [tool.l10nflow.mt]
    my = "ct2:nllb-200-distilled-600M"   # a registered model name or a converted model directory
    th = "argos"                         # any installed Argos package for en → th
    default = "auto"                     # locales not listed: Argos package first, then ct2 model
    glossary = "glossary.toml"
    beam_size = 2
    tm_similarity = 75                   # fuzzy translation-memory matches from this % up
    compendia = "compendia"              # compendia/<locale>.po and compendia/<locale>/*.po

Parsed once per loaded configuration (:meth:`l10nflow.config.Config.stage_settings`): the load
validates it for every command, and ``translate`` gets the same object, glossary already read.
No engine or model code is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10nflow.config import Config
from l10nflow.errors import ConfigError, L10nError
from l10nflow.mt.engines import DecodingOptions
from l10nflow.mt.glossary import Glossary, load_glossary
from l10nflow.mt.languages import LANGUAGE_CODES

INT_KEYS = {
    "beam_size": 1,
    "max_batch_size": 1,
    "max_decoding_length": 1,
    "chunk_size": 1,
    "threads": 1,
}
SPEC_KINDS = ("auto", "argos", "ct2")
_TABLE = "[tool.l10nflow.mt]"


@dataclass
class MtSettings:
    routes: dict[str, str] = field(default_factory=dict)  # locale → engine spec
    default: str = "auto"
    glossary: Glossary = field(default_factory=Glossary)
    options: DecodingOptions = field(default_factory=DecodingOptions)
    chunk_size: int = 1024
    root: Path = field(default_factory=Path.cwd)
    tm_similarity: int = 75
    compendia: Path | None = None

    def compendium_files(self, locale: str) -> list[Path]:
        """The compendia of ``locale``: ``<compendia>/<locale>.po`` and ``<locale>/*.po``."""
        if self.compendia is None:
            return []
        folder = self.compendia / locale
        single = self.compendia / f"{locale}.po"
        found = sorted(folder.glob("*.po")) if folder.is_dir() else []
        return [single, *found] if single.is_file() else found

    def spec_for(self, locale: str, override: str | None = None) -> str:
        return override or self.routes.get(locale, self.default)


def check_spec(spec: Any, where: str, path: Path | None) -> str:
    if not isinstance(spec, str) or spec.split(":", 1)[0] not in SPEC_KINDS:
        raise ConfigError(
            f'{where}: engine must be "auto", "argos", "argos:<package>", "ct2" or '
            f'"ct2:<model name or directory>", not {spec!r}',
            path,
        )
    if spec == "auto:" or spec.startswith("auto:"):
        raise ConfigError(f'{where}: "auto" takes no model', path)
    return spec


def load_settings(config: Config) -> MtSettings:
    """The validated ``config.mt``, parsed (and the glossary read) once per configuration;
    every mistake is a :class:`ConfigError` naming the file."""
    return config.stage_settings("mt", parse_settings)


def parse_settings(config: Config) -> MtSettings:
    """Parse ``config.mt`` afresh (use :func:`load_settings`)."""
    path = config.path
    settings = MtSettings(root=config.root)
    option_values: dict[str, int] = {}
    for key, value in config.mt.items():
        where = f"{_TABLE} {key}"
        if key == "glossary":
            settings.glossary = load_glossary(_project_path(config, value, where, "file"))
        elif key == "default":
            settings.default = check_spec(value, where, path)
        elif key == "compendia":
            settings.compendia = _project_path(config, value, where, "directory")
        elif key == "tm_similarity":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
                raise ConfigError(f"{where} must be a percentage from 1 to 100", path)
            settings.tm_similarity = value
        elif key in INT_KEYS:
            if isinstance(value, bool) or not isinstance(value, int) or value < INT_KEYS[key]:
                raise ConfigError(f"{where} must be a positive integer", path)
            option_values[key] = value
        else:
            locale = _route_locale(config, key)  # a typo is an unknown key, not a bad engine
            settings.routes[locale] = check_spec(value, where, path)
    settings.chunk_size = option_values.pop("chunk_size", settings.chunk_size)
    settings.options = DecodingOptions(
        beam_size=option_values.get("beam_size", 2),
        max_batch_size=option_values.get("max_batch_size", 32),
        max_decoding_length=option_values.get("max_decoding_length", 256),
    )
    if "threads" in option_values:
        settings.options.inter_threads = option_values["threads"]
    return settings


def _project_path(config: Config, value: Any, where: str, kind: str) -> Path:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where} must be a {kind} path", config.path)
    return (config.root / value).resolve()


def _route_locale(config: Config, key: str) -> str:
    """The locale a route key names (``zh-Hans`` and ``zh_Hans`` alike), if the project or the
    MT language table knows it; otherwise the key is a typo."""
    from l10nflow.locales import po_name

    try:
        locale = po_name(key)
    except L10nError:
        locale = key
    if locale in config.locales or locale in LANGUAGE_CODES:
        return locale
    known = "glossary, default, compendia, tm_similarity, " + ", ".join(sorted(INT_KEYS))
    raise ConfigError(f"unknown key {key!r} in {_TABLE} (known: {known}, or a locale)", config.path)

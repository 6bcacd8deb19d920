"""``[tool.l10nflow.mt]``: which engine translates which locale, and the MT settings.

::

    [tool.l10nflow.mt]
    my = "ct2:nllb-200-distilled-600M"   # a registered model name or a converted model directory
    th = "argos"                         # any installed Argos package for en → th
    default = "auto"                     # locales not listed: Argos package first, then ct2 model
    glossary = "glossary.toml"
    beam_size = 2
    tm_similarity = 75                   # fuzzy translation-memory matches from this % up
    compendia = "compendia"              # compendia/<locale>.po and compendia/<locale>/*.po
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from l10nflow.config import Config
from l10nflow.errors import ConfigError, L10nError
from l10nflow.mt.engines import (
    CTranslate2Engine,
    DecodingOptions,
    MissingExtraError,
    find_tokenizer,
    import_ctranslate2,
)
from l10nflow.mt.glossary import Glossary, load_glossary
from l10nflow.mt.languages import LANGUAGE_CODES, language_code
from l10nflow.mt.registry import ModelRecord, Registry

INT_KEYS = {
    "beam_size": 1,
    "max_batch_size": 1,
    "max_decoding_length": 1,
    "chunk_size": 1,
    "threads": 1,
}
SPEC_KINDS = ("auto", "argos", "ct2")


class RouteError(L10nError):
    """No usable engine for a language pair; the message says how to fix it."""


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
    """Validate ``config.mt``; every mistake is a :class:`ConfigError` naming the file."""
    table, path = config.mt, config.path
    settings = MtSettings(root=config.root)
    option_values: dict[str, int] = {}
    for key, value in table.items():
        where = f"[tool.l10nflow.mt] {key}"
        if key == "glossary":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where} must be a file path", path)
            settings.glossary = load_glossary((config.root / value).resolve())
        elif key == "default":
            settings.default = check_spec(value, where, path)
        elif key == "compendia":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where} must be a directory path", path)
            settings.compendia = (config.root / value).resolve()
        elif key == "tm_similarity":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
                raise ConfigError(f"{where} must be a percentage from 1 to 100", path)
            settings.tm_similarity = value
        elif key in INT_KEYS:
            if isinstance(value, bool) or not isinstance(value, int) or value < INT_KEYS[key]:
                raise ConfigError(f"{where} must be a positive integer", path)
            option_values[key] = value
        elif key.replace("-", "_") in config.locales or key in LANGUAGE_CODES:
            settings.routes[key.replace("-", "_")] = check_spec(value, where, path)
        else:
            known = "glossary, default, compendia, tm_similarity, " + ", ".join(sorted(INT_KEYS))
            raise ConfigError(
                f"unknown key {key!r} in [tool.l10nflow.mt] (known: {known}, or a locale)", path
            )
    settings.chunk_size = option_values.pop("chunk_size", settings.chunk_size)
    settings.options = DecodingOptions(
        beam_size=option_values.get("beam_size", 2),
        max_batch_size=option_values.get("max_batch_size", 32),
        max_decoding_length=option_values.get("max_decoding_length", 256),
    )
    if "threads" in option_values:
        settings.options.inter_threads = option_values["threads"]
    return settings


def fix_command(source: str, target: str) -> str:
    if language_code(target, "argos"):
        return f"l10nflow models install --from-index {source} {target}"
    return (
        f"l10nflow models add-ctranslate2 DIR --family nllb  (Argos publishes no "
        f"{source} → {target} package; convert NLLB-200 or MADLAD-400, see "
        "docs/machine-translation.md)"
    )


def _guess_family(directory: Path) -> str | None:
    vocabulary_file = directory / "shared_vocabulary.json"
    if not vocabulary_file.is_file():
        return None
    vocabulary = set(json.loads(vocabulary_file.read_text(encoding="utf-8")))
    for family_name in ("nllb", "madlad", "m2m100"):
        if language_code("en", family_name) in vocabulary:
            return family_name
    return None


def _unregistered_directory(spec_model: str, root: Path) -> ModelRecord | None:
    directory = (root / spec_model).expanduser().resolve()
    if not (directory / "model.bin").is_file():
        return None
    family_name = _guess_family(directory)
    tokenizer = find_tokenizer(directory)
    if family_name is None or tokenizer is None:
        raise RouteError(
            f"{directory}: cannot tell the model family or find its tokenizer; register it: "
            f"l10nflow models add-ctranslate2 {directory} --family nllb|madlad|m2m100|marian"
        )
    return ModelRecord(
        name=directory.name,
        kind="ct2",
        family=family_name,
        path=str(directory),
        tokenizer=str(tokenizer),
        licence="",
        sources=[],
        targets=[],
    )


def resolve(
    spec: str, source: str, target: str, registry: Registry, settings: MtSettings
) -> CTranslate2Engine:
    """The engine that will translate ``source`` → ``target`` under ``spec``."""
    try:
        import_ctranslate2()
    except MissingExtraError as exc:
        raise RouteError(
            f"machine translation {source} → {target} needs the optional MT dependencies "
            f"({exc}): pip install 'l10nflow[mt]'"
        ) from exc
    kind, _, model = spec.partition(":")
    record: ModelRecord | None
    if not model:
        record = registry.best_for(source, target, None if kind == "auto" else kind)
    else:
        record = registry.find(model)
        if record is None and kind == "ct2":
            record = _unregistered_directory(model, settings.root)
        if record is None:
            raise RouteError(
                f"engine {spec!r} for {source} → {target}: no installed model {model!r} "
                f"(see 'l10nflow models list'); to install one: {fix_command(source, target)}"
            )
        if record.kind != kind:
            raise RouteError(f"engine {spec!r}: {model!r} is a {record.kind} model, not {kind}")
        if record.sources and not record.supports(source, target):
            raise RouteError(
                f"model {record.name} does not translate {source} → {target} "
                f"(it knows {record.languages()}); to install one: {fix_command(source, target)}"
            )
    if record is None:
        which = "" if kind == "auto" else f" of kind {kind}"
        raise RouteError(
            f"no machine translation model{which} for {source} → {target}: "
            f"{fix_command(source, target)}"
        )
    for locale in (source, target):
        if record.family in ("nllb", "madlad", "m2m100") and not language_code(
            locale, record.family
        ):
            raise RouteError(
                f"model {record.name} ({record.family}): no {record.family} language code for "
                f"{locale!r} in l10nflow.mt.languages.LANGUAGE_CODES"
            )
    return CTranslate2Engine(
        name=record.kind,
        model_id=record.name,
        model_dir=Path(record.path) / "model" if record.kind == "argos" else Path(record.path),
        tokenizer_path=Path(record.tokenizer),
        family=record.family,
        options=settings.options,
        target_prefix=record.target_prefix,
    )

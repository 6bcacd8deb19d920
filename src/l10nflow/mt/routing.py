"""Which engine translates which locale: the ``[tool.l10nflow.mt]`` routes (parsed by
:mod:`l10nflow.mt.settings`) resolved against the installed models."""

from __future__ import annotations

import json
from pathlib import Path

from l10nflow.errors import L10nError
from l10nflow.mt.engines import (
    CTranslate2Engine,
    MissingExtraError,
    find_tokenizer,
    import_ctranslate2,
)
from l10nflow.mt.languages import language_code
from l10nflow.mt.registry import ModelRecord, Registry
from l10nflow.mt.settings import MtSettings as MtSettings
from l10nflow.mt.settings import check_spec as check_spec
from l10nflow.mt.settings import load_settings as load_settings


class RouteError(L10nError):
    """No usable engine for a language pair; the message says how to fix it."""


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

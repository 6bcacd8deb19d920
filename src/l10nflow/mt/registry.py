"""Where models live and which model serves which language pair.

Models are kept in a user data directory (``$L10NFLOW_DATA_DIR``, else
``$XDG_DATA_HOME/l10nflow``, else ``~/.local/share/l10nflow``), never in the project:
``models/argos/<package>/`` for Argos packages (``$ARGOS_PACKAGES_DIR`` instead if set) and
``models/registry.json`` for registered CTranslate2 directories. Argos packages installed with
Argos's own tools (``argospm``) are found too, in ``$ARGOS_PACKAGES_DIR`` or
``$XDG_DATA_HOME/argos-translate/packages``. Installing goes through ``argostranslate.package``
(see :mod:`l10nflow.mt.argos_index`); reading and running packages does not need it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from l10nflow.errors import L10nError
from l10nflow.fsutil import atomic_write_text
from l10nflow.mt import argos_index
from l10nflow.mt.engines import find_tokenizer
from l10nflow.mt.languages import FAMILIES, family, language_code, locales_for_codes


class ModelError(L10nError):
    """A model cannot be installed, registered or found."""


def _user_dir(env: str, xdg: str, fallback: str, windows_env: str) -> Path:
    explicit = os.environ.get(env)
    if explicit:
        return Path(explicit)
    if sys.platform == "win32" and os.environ.get(windows_env):
        return Path(os.environ[windows_env]) / "l10nflow"
    base = os.environ.get(xdg)
    return (Path(base) if base else Path.home() / fallback) / "l10nflow"


def data_dir() -> Path:
    return _user_dir("L10NFLOW_DATA_DIR", "XDG_DATA_HOME", ".local/share", "LOCALAPPDATA")


def cache_dir() -> Path:
    return _user_dir("L10NFLOW_CACHE_DIR", "XDG_CACHE_HOME", ".cache", "LOCALAPPDATA")


def argos_packages_dir() -> Path:
    """Argos Translate's own package directory (same rule as ``argostranslate.settings``)."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME")
    return (Path(base) if base else Path.home() / ".local/share") / "argos-translate" / "packages"


@dataclass
class ModelRecord:
    """One usable model: an Argos package or a registered CTranslate2 directory."""

    name: str
    kind: str  # "argos" or "ct2"
    family: str
    path: str
    tokenizer: str
    licence: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    target_prefix: str = ""

    def supports(self, source: str, target: str) -> bool:
        return source in self.sources and target in self.targets

    def languages(self) -> str:
        if self.kind == "argos":
            return f"{'/'.join(self.sources)} → {'/'.join(self.targets)}"
        return ", ".join(self.targets)


def _read_argos_package(directory: Path) -> ModelRecord:
    metadata_path = directory / "metadata.json"
    try:
        metadata = json.loads(metadata_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{metadata_path}: unreadable package metadata ({exc})") from exc
    tokenizer = directory / "sentencepiece.model"
    if not tokenizer.is_file():
        raise ModelError(
            f"{directory}: no sentencepiece.model (BPE-tokenized Argos packages are not supported)"
        )
    if not (directory / "model" / "model.bin").is_file():
        raise ModelError(f"{directory}: no CTranslate2 model in model/")
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    if not isinstance(from_code, str) or not isinstance(to_code, str):
        raise ModelError(f"{metadata_path}: from_code and to_code are required")
    return ModelRecord(
        name=directory.name,
        kind="argos",
        family="argos",
        path=str(directory),
        tokenizer=str(tokenizer),
        licence=str(metadata.get("license") or FAMILIES["argos"].licence),
        sources=locales_for_codes("argos", {from_code}) or [from_code],
        targets=locales_for_codes("argos", {to_code}) or [to_code],
        target_prefix=str(metadata.get("target_prefix") or ""),
    )


def _ct2_tokenizer(directory: Path) -> Path:
    """The SentencePiece model of a converted CTranslate2 directory (an error if it is not one)."""
    if not (directory / "model.bin").is_file():
        raise ModelError(f"{directory}: no model.bin (convert with ct2-transformers-converter)")
    tokenizer = find_tokenizer(directory)
    if tokenizer is None:
        raise ModelError(
            f"{directory}: no SentencePiece model; copy one of "
            "sentencepiece.bpe.model (NLLB, M2M-100), spiece.model (MADLAD-400), "
            "source.spm (OPUS-MT) from the original model into it"
        )
    return tokenizer


def _vocabulary(model_dir: Path) -> set[str]:
    for name in ("shared_vocabulary", "target_vocabulary"):
        json_file, text_file = model_dir / f"{name}.json", model_dir / f"{name}.txt"
        if json_file.is_file():
            return set(json.loads(json_file.read_text(encoding="utf-8")))
        if text_file.is_file():
            return set(text_file.read_text(encoding="utf-8").splitlines())
    return set()


class Registry:
    """The models in one data directory (``root`` defaults to :func:`data_dir`)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or data_dir()) / "models"
        self.index_path = self.root / "registry.json"

    # -- reading ----------------------------------------------------------------------------

    def _registered(self) -> dict[str, ModelRecord]:
        if not self.index_path.is_file():
            return {}
        try:
            raw = json.loads(self.index_path.read_text(encoding="utf-8"))
            return {name: ModelRecord(**entry) for name, entry in raw.items()}
        except (ValueError, TypeError) as exc:
            raise ModelError(f"{self.index_path}: damaged model registry ({exc})") from exc

    def argos_packages(self) -> list[ModelRecord]:
        found: list[ModelRecord] = []
        for directory in (self.root / "argos", argos_packages_dir()):
            if not directory.is_dir():
                continue
            for package in sorted(directory.iterdir()):
                if (package / "metadata.json").is_file():
                    try:
                        found.append(_read_argos_package(package))
                    except ModelError:
                        continue  # e.g. an Argos sentence-boundary package: not ours to use
        return found

    def models(self) -> list[ModelRecord]:
        return [*self.argos_packages(), *self._registered().values()]

    def find(self, name: str) -> ModelRecord | None:
        """A model by name, or a CTranslate2 model by directory path."""
        for record in self.models():
            if record.name == name:
                return record
        for record in self.models():
            if Path(record.path) == Path(name).expanduser().resolve():
                return record
        return None

    def best_for(self, source: str, target: str, kind: str | None = None) -> ModelRecord | None:
        """The first model serving the pair; Argos pair packages before multilingual models."""
        for record in self.models():
            if (kind is None or record.kind == kind) and record.supports(source, target):
                return record
        return None

    # -- installing -------------------------------------------------------------------------

    def install_argos(self, archive: Path) -> ModelRecord:
        """Install an ``.argosmodel`` zip with ``argostranslate.package.install_from_path``.

        It goes to ``$ARGOS_PACKAGES_DIR`` if set, else ``models/argos/``, replacing an older
        copy only once the new one has been unpacked and checked.
        """
        layout = argos_index.argos_layout(self.root)
        target_root = layout.packages_dir
        target_root.mkdir(parents=True, exist_ok=True)
        # Staged next to (not inside) the package directory: Argos lists every directory in it.
        staging = tempfile.TemporaryDirectory(dir=target_root.parent, prefix=".l10nflow-unpack-")
        with staging as temp:
            try:
                unpacked = argos_index.install_with_argos(archive, Path(temp), layout)
            except argos_index.ArgosError as exc:
                raise ModelError(exc.message) from exc
            record = _read_argos_package(unpacked)  # validate before installing
            final = target_root / unpacked.name
            if final.exists():
                shutil.rmtree(final)
            unpacked.rename(final)
        record.path, record.tokenizer = str(final), str(final / "sentencepiece.model")
        return record

    def install_from_index(self, source: str, target: str, index: str | None = None) -> ModelRecord:
        """Download and install the pair's package from the Argos index.

        The index is ``index`` or ``$ARGOS_PACKAGE_INDEX`` (a base URL or an ``index.json`` URL),
        else Argos's public index.
        """
        layout = argos_index.argos_layout(self.root, index)
        from_code = language_code(source, "argos") or source
        to_code = language_code(target, "argos") or target
        try:
            downloaded = argos_index.download_pair(
                from_code, to_code, layout, f"{source} → {target}"
            )
        except argos_index.ArgosError as exc:
            raise ModelError(exc.message) from exc
        try:
            return self.install_argos(downloaded)
        finally:
            downloaded.unlink(missing_ok=True)

    def add_ctranslate2(
        self,
        directory: Path,
        family_name: str,
        name: str | None = None,
        link: bool = False,
        sources: list[str] | None = None,
        targets: list[str] | None = None,
    ) -> ModelRecord:
        """Register a converted CTranslate2 directory (copied into the data directory)."""
        try:
            info = family(family_name)
        except ValueError as exc:
            raise ModelError(str(exc)) from exc
        directory = directory.expanduser().resolve()
        tokenizer = _ct2_tokenizer(directory)
        found = locales_for_codes(family_name, _vocabulary(directory))
        languages_sources = sources or found
        languages_targets = targets or found
        if not languages_sources or not languages_targets:
            raise ModelError(
                f"{directory}: cannot tell its languages from the vocabulary; "
                "give --source and --target"
            )
        name = name or directory.name
        if not re.fullmatch(r"[\w][\w.+-]*", name):
            raise ModelError(f"model name {name!r}: use letters, digits, '.', '+', '-', '_'")
        path = directory
        if not link:
            path = self.root / "ct2" / name
            if path != directory:  # re-registering the installed copy keeps it
                if path.exists():
                    shutil.rmtree(path)
                shutil.copytree(directory, path)
        record = ModelRecord(
            name=name,
            kind="ct2",
            family=family_name,
            path=str(path),
            tokenizer=str(path / tokenizer.name),
            licence=info.licence,
            sources=languages_sources,
            targets=languages_targets,
        )
        self._register(record)
        return record

    def _register(self, record: ModelRecord) -> None:
        """Add ``record`` to the index of registered models (replacing one of its name)."""
        registered = self._registered()
        registered[record.name] = record
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            self.index_path,
            json.dumps({k: asdict(v) for k, v in sorted(registered.items())}, indent=2) + "\n",
        )

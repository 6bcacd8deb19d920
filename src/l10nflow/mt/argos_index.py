"""Argos package index, download and install through ``argostranslate.package``, isolated.

``argostranslate.settings`` fixes its directories and index URL once, at import time, from
environment variables (``ARGOS_PACKAGES_DIR``, ``ARGOS_PACKAGE_INDEX``, ``XDG_DATA_HOME``,
``XDG_CONFIG_HOME``, ``XDG_CACHE_HOME``), creates those directories and reads the user's
``~/.config/argos-translate/settings.json``. So that l10nflow never writes into the user's own
Argos directories, :func:`argos_package_module` imports it with these variables pointing at
l10nflow's data directory, restoring the environment right after the import: the XDG variables
also decide l10nflow's own directories and every other library's. ``ARGOS_PACKAGES_DIR`` and
``ARGOS_PACKAGE_INDEX`` set by the user are honoured; the XDG ones are not Argos settings and are
always replaced for Argos. If ``argostranslate`` was imported earlier in the process (by the
caller, or for another data directory), its ``settings`` attributes still hold the old paths, so
they are set here for the duration of each call and restored afterwards.

Three library behaviours are guarded by our own code: ``install_from_path`` extracts a zip
without checking member paths (:func:`safe_top_directory` runs first);
``update_package_index`` swallows network errors, after which ``get_available_packages``
recurses forever on the missing index file (the file is removed before the update and checked
after it); ``AvailablePackage.download`` reuses any file already in its download directory
(removed first, so a stale or partial download is never installed).
"""

from __future__ import annotations

import logging
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType

from l10nflow.errors import L10nError

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INSTALL_HINT = "pip install 'l10nflow[mt]'"
# The ``argostranslate.settings`` attributes ``argostranslate.package`` reads at call time.
_PATCHED = (
    "package_index",
    "remote_package_index",
    "local_package_index",
    "package_data_dir",
    "package_dirs",
    "downloads_dir",
)
_ABSENT = object()


class ArgosError(L10nError):
    """Argos Translate is missing, or its index or a package cannot be used."""


@dataclass(frozen=True)
class ArgosLayout:
    """Where Argos keeps its files for one l10nflow data directory."""

    packages_dir: Path  # installed packages: ARGOS_PACKAGES_DIR, else <models>/argos
    state_dir: Path  # Argos's data (index.json), config and download cache
    index_url: str  # from ARGOS_PACKAGE_INDEX: a base URL (+ index.json) or a .json URL

    @property
    def index_base(self) -> str:
        return self.index_url.rsplit("/", 1)[0] + "/"

    @property
    def local_index(self) -> Path:  # as argostranslate.settings computes it from XDG_DATA_HOME
        return self.state_dir / "data" / "argos-translate" / "index.json"

    @property
    def downloads_dir(self) -> Path:  # likewise, from XDG_CACHE_HOME
        return self.state_dir / "cache" / "argos-translate" / "downloads"

    def environment(self) -> dict[str, str]:
        return {
            "ARGOS_PACKAGES_DIR": str(self.packages_dir),
            "ARGOS_PACKAGE_INDEX": self.index_base,
            "XDG_DATA_HOME": str(self.state_dir / "data"),
            "XDG_CONFIG_HOME": str(self.state_dir / "config"),
            "XDG_CACHE_HOME": str(self.state_dir / "cache"),
        }


def _index_url(index: str) -> str:
    """Argos appends ``index.json`` to ``ARGOS_PACKAGE_INDEX``; a URL of a .json file is kept."""
    return index if index.endswith(".json") else index.rstrip("/") + "/index.json"


def argos_layout(models_root: Path, index: str | None = None) -> ArgosLayout:
    """The layout for ``<data dir>/models``; ``index`` overrides ``$ARGOS_PACKAGE_INDEX``."""
    packages = os.environ.get("ARGOS_PACKAGES_DIR")
    return ArgosLayout(
        packages_dir=Path(packages) if packages else models_root / "argos",
        state_dir=models_root / "argos-state",
        index_url=_index_url(index or os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX),
    )


def _import_package_module(layout: ArgosLayout) -> ModuleType:
    saved = {name: os.environ.get(name) for name in layout.environment()}
    for name, value in layout.environment().items():
        if name.startswith("XDG_") or not saved[name]:
            os.environ[name] = value
    try:
        import argostranslate.package
    except ImportError as exc:
        raise ArgosError(
            f"installing Argos packages needs argostranslate ({exc}): {INSTALL_HINT}"
        ) from exc
    finally:
        for name, previous in saved.items():
            if previous is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = previous
    module: ModuleType = argostranslate.package
    return module


@contextmanager
def argos_package_module(layout: ArgosLayout) -> Iterator[ModuleType]:
    """``argostranslate.package`` with its settings pointing at ``layout`` while in use."""
    package = _import_package_module(layout)
    # The import creates these only when it is the first one, with our environment.
    for directory in (layout.packages_dir, layout.local_index.parent, layout.downloads_dir):
        directory.mkdir(parents=True, exist_ok=True)
    settings = package.settings
    saved = {name: getattr(settings, name, _ABSENT) for name in _PATCHED}  # 1.9 lacks some
    settings.package_index = layout.index_base
    settings.remote_package_index = layout.index_url
    settings.local_package_index = layout.local_index
    settings.package_data_dir = layout.packages_dir
    settings.package_dirs = [layout.packages_dir]
    settings.downloads_dir = layout.downloads_dir
    try:
        yield package
    finally:
        for name, value in saved.items():
            if value is _ABSENT:
                delattr(settings, name)
            else:
                setattr(settings, name, value)


class _ErrorLog(logging.Handler):
    """Collects what Argos logs instead of raising (network errors), for our own message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Argos logs ``str(args)``, a tuple: keep the text of its items.
        self.messages.append(record.getMessage().removeprefix("(").removesuffix(",)"))


@contextmanager
def _argos_errors() -> Iterator[_ErrorLog]:
    logger = logging.getLogger("argostranslate.utils")
    handler = _ErrorLog()
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def safe_top_directory(archive: Path) -> str:
    """The package's one top directory, refusing archives that could write outside it."""
    if not archive.is_file():
        raise ArgosError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ArgosError(f"{archive}: not an Argos package (a .argosmodel is a zip archive)")
    with zipfile.ZipFile(archive) as zipped:
        names = [name for name in zipped.namelist() if name.strip("/")]
    for name in names:
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            raise ArgosError(
                f"{archive}: refusing unsafe member path {name!r} (absolute or with '..')"
            )
    tops = {PurePosixPath(name).parts[0] for name in names}
    if len(tops) != 1:
        found = ", ".join(sorted(tops)) or "none"
        raise ArgosError(f"{archive}: a package must hold exactly one top directory ({found})")
    return tops.pop()


def install_with_argos(archive: Path, destination: Path, layout: ArgosLayout) -> Path:
    """Unpack a checked archive with ``install_from_path`` into ``destination``; its top dir.

    ``destination`` is a staging directory: the caller validates the package there and then
    moves it into ``layout.packages_dir``, so a failed install leaves the old copy in place.
    """
    top = safe_top_directory(archive)
    with argos_package_module(layout) as package:
        package.settings.package_data_dir = destination  # restored on leaving the block
        try:
            package.install_from_path(archive)
        except ImportError as exc:  # it imports argostranslate.translate (stanza) afterwards
            raise ArgosError(f"argostranslate is incomplete ({exc}): {INSTALL_HINT}") from exc
        except zipfile.BadZipFile as exc:
            raise ArgosError(f"{archive}: damaged package ({exc})") from exc
    return destination / top


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def download_pair(from_code: str, to_code: str, layout: ArgosLayout, pair: str) -> Path:
    """Fetch the index and the newest ``from_code → to_code`` package; the downloaded file.

    ``pair`` names the language pair in messages (l10nflow's locale names, e.g. ``en → th``).
    """
    with argos_package_module(layout) as package, _argos_errors() as errors:
        layout.local_index.unlink(missing_ok=True)  # so that its presence proves a fresh copy
        package.update_package_index()
        if not layout.local_index.is_file():
            reason = "; ".join(errors.messages) or "no index received"
            raise ArgosError(
                f"cannot download the Argos package index {layout.index_url}: {reason} "
                "(set ARGOS_PACKAGE_INDEX to use a mirror)"
            )
        try:
            available = package.get_available_packages()
            matches = [
                candidate
                for candidate in available
                if candidate.type == "translate"
                and candidate.from_code == from_code
                and candidate.to_code == to_code
            ]
        except (ValueError, TypeError, AttributeError) as exc:
            raise ArgosError(f"{layout.index_url}: not an Argos package index ({exc})") from exc
        if not matches:
            raise ArgosError(f"the Argos index {layout.index_url} has no package for {pair}")
        chosen = max(matches, key=lambda candidate: _version_key(str(candidate.package_version)))
        stale = layout.downloads_dir / (package.argospm_package_name(chosen) + ".argosmodel")
        stale.unlink(missing_ok=True)
        try:
            downloaded = Path(chosen.download())
        except Exception as exc:  # Argos raises a bare Exception when every link failed
            reasons = "; ".join(errors.messages) or str(exc)
            links = ", ".join(chosen.links) or "no link in the index"
            raise ArgosError(f"download of {pair} failed ({links}): {reasons}") from exc
        return downloaded

"""Project configuration: ``[tool.l10nflow]`` in ``pyproject.toml`` or an ``l10nflow.toml``.

``l10nflow.toml`` (top-level keys, no table) wins over ``pyproject.toml`` when both exist.
Unknown keys and wrong types are errors that name the file, so a typo never silently
falls back to a default. Every table is checked at load, whichever command runs, by the stage
that owns its schema (``mt/settings.py``, ``publish/settings.py``, ``checks/settings.py``);
their modules are imported only when the table is present, to keep start-up light. The
``segment`` table (sentence options: ``quotes``) is checked here.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from l10nflow.errors import ConfigError, L10nError, LocaleError

Settings = TypeVar("Settings")

SEGMENTATION_MODES = ("sentence", "paragraph")
DEFAULT_LOCALES = ("my", "th", "zh_Hans")


@dataclass
class Config:
    """Validated settings; paths are absolute."""

    root: Path
    source_dir: Path
    locales_dir: Path
    locales: list[str] = field(default_factory=lambda: list(DEFAULT_LOCALES))
    segmentation: str = "sentence"
    quotes: str = "split"  # [segment] quotes: "split" or "keep" multi-sentence quotations
    source_language: str = "en"
    project: str = "l10nflow-articles"
    mt: dict[str, Any] = field(default_factory=dict)
    build: dict[str, Any] = field(default_factory=dict)
    check: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    # Parsed stage tables: the raw table they came from, and the stage's settings object.
    _parsed: dict[str, tuple[Any, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def stage_settings(self, table: str, parse: Callable[[Config], Settings]) -> Settings:
        """A stage's settings for its ``table`` (``mt``, ``build``), parsed once: the load
        validates them for every command, and the stage's command reuses that object instead
        of reading its files (the MT glossary) again. Parsed anew if the table was changed."""
        raw = getattr(self, table)
        cached = self._parsed.get(table)
        if cached is None or cached[0] != raw:
            cached = (copy.deepcopy(raw), parse(self))
            self._parsed[table] = cached
        settings: Settings = cached[1]
        return settings

    def template_path(self, article: str) -> Path:
        """Where the POT of an article lives: ``locales/<article>.pot``."""
        return self.locales_dir / f"{article}.pot"

    def catalog_path(self, locale: str, article: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{article}.po"

    def active_locales(self) -> list[str]:
        """The configured locales plus any that already have catalogues (added by
        ``update --locale``), in that order."""
        found = [
            d.name
            for d in sorted(self.locales_dir.glob("*"))
            if (d / "LC_MESSAGES").is_dir() and d.name not in self.locales
        ]
        for name in found:
            _check_locale_directory(self.locales_dir / name)
        return [*self.locales, *found]

    def articles(self) -> list[Path]:
        """Every article of ``source/``: one ``.html`` file each, sorted by name."""
        if not self.source_dir.is_dir():
            raise ConfigError(f"source directory {self.source_dir} does not exist", self.path)
        return sorted(p for p in self.source_dir.glob("*.html") if p.is_file())


def display_path(path: Path, root: Path) -> str:
    """References are relative to the project root when the file is inside it."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _check_locale_directory(directory: Path) -> None:
    """A catalogue directory is named by its canonical locale code, so that every command
    (update, build, translate, stats) finds the same catalogues under the same name."""
    from l10nflow.locales import po_name

    try:
        canonical = po_name(directory.name)
    except LocaleError as error:
        raise LocaleError(error.message, directory) from None
    if canonical != directory.name:
        raise LocaleError(
            f"catalogue directory of {canonical!r} named {directory.name!r}: rename it to"
            f" {canonical}, the name l10nflow reads and writes",
            directory,
        )


_STRING_KEYS = {"source_dir", "locales_dir", "segmentation", "source_language", "project"}
_TABLE_KEYS = {"mt", "build", "check", "segment"}
KNOWN_KEYS = _STRING_KEYS | _TABLE_KEYS | {"locales"}


def find_config_file(start: Path) -> tuple[Path | None, dict[str, Any]]:
    """Look in ``start`` and its parents for ``l10nflow.toml`` or a pyproject with our table."""
    for directory in [start, *start.parents]:
        own = directory / "l10nflow.toml"
        if own.is_file():
            return own, _read_toml(own)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            data = _read_toml(pyproject)
            table = data.get("tool", {}).get("l10nflow")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError("[tool.l10nflow] must be a table", pyproject)
                return pyproject, table
    return None, {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        lineno = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {exc}", path, lineno) from exc


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """Find, read and validate the configuration.

    Without any configuration file the defaults apply relative to ``start``.
    """
    start = (start or Path.cwd()).resolve()
    if explicit is not None:
        explicit = explicit.resolve()
        if not explicit.is_file():
            raise ConfigError("configuration file not found", explicit)
        data = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            data = data.get("tool", {}).get("l10nflow", {})
        path: Path | None = explicit
    else:
        path, data = find_config_file(start)
    root = path.parent if path is not None else start
    return validate(data, root, path)


def validate(data: dict[str, Any], root: Path, path: Path | None) -> Config:
    """Turn a raw table into a :class:`Config`, rejecting unknown keys and wrong types."""
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(KNOWN_KEYS))
        raise ConfigError(
            f"unknown configuration key(s) {', '.join(unknown)} (known: {known})", path
        )
    for key in _STRING_KEYS & set(data):
        if not isinstance(data[key], str) or not data[key]:
            raise ConfigError(f"'{key}' must be a non-empty string", path)
    for key in _TABLE_KEYS & set(data):
        if not isinstance(data[key], dict):
            raise ConfigError(f"'{key}' must be a table", path)
    locales = data.get("locales", list(DEFAULT_LOCALES))
    if not isinstance(locales, list) or not all(isinstance(x, str) for x in locales):
        raise ConfigError("'locales' must be a list of locale codes", path)
    segmentation = data.get("segmentation", "sentence")
    if segmentation not in SEGMENTATION_MODES:
        raise ConfigError(
            f"'segmentation' must be one of {', '.join(SEGMENTATION_MODES)}, not {segmentation!r}",
            path,
        )
    canonical = [_locale_code(code, "locales", path) for code in locales]
    source_language = _locale_code(data.get("source_language", "en"), "source_language", path)
    if data.get("check"):  # local: the checks are imported only when there is a table
        from l10nflow.checks.settings import parse_check_settings

        parse_check_settings(data["check"], path)
    quotes = _segment_quotes(data.get("segment", {}), path)
    config = Config(
        root=root,
        source_dir=(root / data.get("source_dir", "source")).resolve(),
        locales_dir=(root / data.get("locales_dir", "locales")).resolve(),
        locales=canonical,
        segmentation=segmentation,
        quotes=quotes,
        source_language=source_language,
        project=data.get("project", "l10nflow-articles"),
        mt=dict(data.get("mt", {})),
        build=dict(data.get("build", {})),
        check=dict(data.get("check", {})),
        path=path,
    )
    _validate_stage_tables(config)
    return config


def _segment_quotes(table: dict[str, Any], path: Path | None) -> str:
    """The ``segment`` table: only ``quotes``, one of the splitter's quotation modes."""
    if not table:
        return "split"
    from l10nflow.segment.sentences import QUOTE_MODES  # local: keeps config import light

    unknown = sorted(set(table) - {"quotes"})
    if unknown:
        names = ", ".join(unknown)
        raise ConfigError(f"unknown key(s) in the segment table: {names} (known: quotes)", path)
    quotes = table.get("quotes", "split")
    if quotes not in QUOTE_MODES:
        modes = " or ".join(f'"{mode}"' for mode in QUOTE_MODES)
        raise ConfigError(f"'segment.quotes' must be {modes}, not {quotes!r}", path)
    return str(quotes)


def _locale_code(code: str, key: str, path: Path | None) -> str:
    """The canonical (POSIX) name of a configured locale: ``zh-Hans`` → ``zh_Hans``."""
    from l10nflow.locales import po_name  # local: babel is imported on first use

    try:
        return po_name(code)
    except L10nError as exc:
        raise ConfigError(f"in '{key}': {exc.message}", path) from exc


def _validate_stage_tables(config: Config) -> None:
    """Check the ``mt`` and ``build`` tables now, whichever command runs: a typo such as
    ``thresold`` fails ``extract`` too, not only ``build`` (each stage owns its schema)."""
    if config.build:
        from l10nflow.publish.settings import settings_from_config

        settings_from_config(config)
    if config.mt:
        from l10nflow.mt.settings import load_settings

        load_settings(config)

"""Build settings: ``[tool.l10nflow.build]`` merged with command-line options.

Unknown keys and wrong types are errors naming the configuration file, like the rest of the
configuration, so a typo never silently falls back to a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from l10nflow.config import Config
from l10nflow.errors import ConfigError
from l10nflow.publish.remote import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT

FORMATS = ("html", "epub")
DEFAULT_THRESHOLD = 80.0
DEFAULT_FONT_DIRS = ("/usr/share/fonts",)
KNOWN_BUILD_KEYS = (
    "threshold",
    "formats",
    "out_dir",
    "use_fuzzy",
    "pseudo",
    "font_dirs",
    "font_cache",
    "creator",
    "publisher",
    "rights",
    "fonts",
    "calendars",
    "remote_images",
    "remote_timeout",
    "remote_max_bytes",
)
CALENDARS = ("gregorian", "buddhist")


@dataclass(frozen=True)
class BuildSettings:
    """Everything that decides what an edition looks like (part of every edition's stamp)."""

    out_dir: Path
    formats: tuple[str, ...] = FORMATS
    threshold: float = DEFAULT_THRESHOLD
    use_fuzzy: bool = False
    pseudo: bool = False
    font_dirs: tuple[Path, ...] = tuple(Path(p) for p in DEFAULT_FONT_DIRS)
    creator: str | None = None
    locales: tuple[str, ...] | None = None  # None: the configured locales
    font_cache: Path | None = None  # None: <out_dir>/.l10nflow/font-cache
    publisher: str | None = None
    rights: str | None = None
    fonts: tuple[tuple[str, str], ...] = ()  # (script, choice): (("Mymr", "padauk"),)
    calendars: tuple[tuple[str, str], ...] = ()  # (locale, calendar): (("th", "buddhist"),)
    remote_images: bool = True
    remote_timeout: float = DEFAULT_TIMEOUT
    remote_max_bytes: int = DEFAULT_MAX_BYTES
    allow_check_errors: bool = False  # publish editions whose catalogue fails `check`
    jobs: int | None = None  # articles built in parallel; None: every CPU (never in stamps)

    def fingerprint(self) -> str:
        """The settings that change output (not ``out_dir`` or the locale selection)."""
        dirs = ",".join(str(p) for p in self.font_dirs)
        return (
            f"threshold={self.threshold};fuzzy={self.use_fuzzy};fonts={dirs};creator={self.creator}"
            f";publisher={self.publisher};rights={self.rights};choices={self.fonts}"
            f";calendars={self.calendars};remote={self.remote_images},{self.remote_max_bytes}"
        )

    def calendar(self, locale_code: str) -> str:
        return dict(self.calendars).get(locale_code, "gregorian")


def _number(value: Any, name: str, path: Path | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"build '{name}' must be a number between 0 and 100", path)
    if not 0 <= value <= 100:
        raise ConfigError(f"build '{name}' must be between 0 and 100, not {value}", path)
    return float(value)


def parse_formats(value: Any, path: Path | None = None) -> tuple[str, ...]:
    """``["html", "epub"]`` or ``"html,epub"`` → a validated tuple in canonical order."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(x, str) for x in items):
        raise ConfigError("build 'formats' must be a list of format names", path)
    names = {item.strip().lower() for item in items if item.strip()}
    unknown = sorted(names - set(FORMATS))
    if unknown or not names:
        raise ConfigError(
            f"unknown output format(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(FORMATS)}",
            path,
        )
    return tuple(fmt for fmt in FORMATS if fmt in names)


def _check_table_types(table: dict[str, Any], path: Path | None) -> list[str]:
    """Unknown keys and wrong types in the build table are errors; the font directories."""
    unknown = sorted(set(table) - set(KNOWN_BUILD_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown [tool.l10nflow.build] key(s) {', '.join(unknown)} "
            f"(known: {', '.join(KNOWN_BUILD_KEYS)})",
            path,
        )
    for key in ("use_fuzzy", "pseudo", "remote_images"):
        if key in table and not isinstance(table[key], bool):
            raise ConfigError(f"build '{key}' must be true or false", path)
    for key in ("out_dir", "creator", "font_cache", "publisher", "rights"):
        if key in table and (not isinstance(table[key], str) or not table[key]):
            raise ConfigError(f"build '{key}' must be a non-empty string", path)
    font_dirs_raw = table.get("font_dirs", list(DEFAULT_FONT_DIRS))
    if not isinstance(font_dirs_raw, list) or not all(isinstance(x, str) for x in font_dirs_raw):
        raise ConfigError("build 'font_dirs' must be a list of directories", path)
    return font_dirs_raw


def settings_from_config(
    config: Config,
    *,
    out_dir: Path | None = None,
    formats: tuple[str, ...] | None = None,
    threshold: float | None = None,
    use_fuzzy: bool | None = None,
    locales: tuple[str, ...] | None = None,
    allow_check_errors: bool = False,
    jobs: int | None = None,
) -> BuildSettings:
    """Validate ``config.build`` and let explicit (command-line) values win."""
    table = config.build
    path = config.path
    font_dirs_raw = _check_table_types(table, path)
    configured_out = config.root / table.get("out_dir", "build")
    return BuildSettings(
        out_dir=(out_dir if out_dir is not None else configured_out).resolve(),
        formats=formats
        if formats is not None
        else parse_formats(table.get("formats", FORMATS), path),
        threshold=(
            _number(threshold, "threshold", None)
            if threshold is not None
            else _number(table.get("threshold", DEFAULT_THRESHOLD), "threshold", path)
        ),
        use_fuzzy=use_fuzzy if use_fuzzy is not None else bool(table.get("use_fuzzy", False)),
        allow_check_errors=allow_check_errors,
        jobs=jobs,
        pseudo=bool(table.get("pseudo", False)),
        font_dirs=tuple((config.root / p).resolve() for p in font_dirs_raw),
        creator=table.get("creator"),
        locales=locales,
        font_cache=(config.root / table["font_cache"]).resolve() if "font_cache" in table else None,
        publisher=table.get("publisher"),
        rights=table.get("rights"),
        fonts=_font_choices(table.get("fonts", {}), path),
        calendars=_calendars(table.get("calendars", {}), path),
        remote_images=bool(table.get("remote_images", True)),
        remote_timeout=_positive(
            table.get("remote_timeout", DEFAULT_TIMEOUT), "remote_timeout", path
        ),
        remote_max_bytes=int(
            _positive(table.get("remote_max_bytes", DEFAULT_MAX_BYTES), "remote_max_bytes", path)
        ),
    )


def _positive(value: Any, name: str, path: Path | None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"build '{name}' must be a positive number", path)
    return float(value)


def _font_choices(value: Any, path: Path | None) -> tuple[tuple[str, str], ...]:
    """``fonts = {Mymr = "padauk"}``: the font of a script, from the known choices."""
    from l10nflow.publish.font_specs import FONT_CHOICES

    if not isinstance(value, dict):
        raise ConfigError("build 'fonts' must be a table such as {Mymr = \"padauk\"}", path)
    for script, choice in value.items():
        known = FONT_CHOICES.get(script)
        if known is None or choice not in known:
            options = ", ".join(f"{s} = {c!r}" for s in FONT_CHOICES for c in FONT_CHOICES[s])
            raise ConfigError(f"unknown font choice {script} = {choice!r} (known: {options})", path)
    return tuple(sorted(value.items()))


def _calendars(value: Any, path: Path | None) -> tuple[tuple[str, str], ...]:
    """``calendars = {th = "buddhist"}``: the era dates are written in, per locale."""
    if not isinstance(value, dict) or not all(v in CALENDARS for v in value.values()):
        raise ConfigError(
            f"build 'calendars' must map locales to one of {', '.join(CALENDARS)}", path
        )
    return tuple(sorted((str(k).replace("-", "_"), str(v)) for k, v in value.items()))

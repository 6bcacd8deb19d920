"""Locale codes, one parser for every stage: catalogue directories and PO ``Language`` headers,
the editions' ``lang``/hreflang, the ``lang`` that ``apply --set-lang`` writes, MT and checks.

A code may be written POSIX-style (``zh_Hans``, ``pt_BR``, ``sr@latin``) or as a BCP 47 tag
(``zh-Hans``, ``pt-BR``), in any case. It is validated against CLDR through babel, which is
imported on first use (it costs every small command's start-up otherwise). A code is refused
when babel would have to change it to know it: babel silently maps ``en_ZZ`` to ``en_US``,
``und`` to ``en_US`` and drops an unknown variant, so every subtag given must survive.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from l10nflow.errors import LocaleError

if TYPE_CHECKING:
    from babel import Locale

EXAMPLES = "use a CLDR code such as 'my', 'th', 'zh_Hans' or 'pt_BR'"
# gettext's script modifiers (``sr@latin``) and the ISO 15924 script each names in BCP 47.
_MODIFIER_SCRIPTS = {
    "latin": "Latn",
    "cyrillic": "Cyrl",
    "devanagari": "Deva",
    "arabic": "Arab",
    "javanese": "Java",
}


@dataclass(frozen=True)
class LocaleCode:
    """A validated locale; ``posix`` names catalogues, ``bcp47`` goes into ``lang``."""

    language: str
    script: str | None = None
    territory: str | None = None
    variant: str | None = None
    modifier: str | None = None

    @property
    def posix(self) -> str:
        """``zh_Hans``, ``pt_BR``, ``sr@latin``: catalogue directories and PO headers."""
        parts = [self.language, self.script, self.territory, self.variant]
        name = "_".join(part for part in parts if part)
        return f"{name}@{self.modifier}" if self.modifier else name

    @property
    def bcp47(self) -> str:
        """``zh-Hans``, ``pt-BR``, ``sr-Latn`` (for ``sr@latin``): ``lang`` and hreflang."""
        script = self.script or _MODIFIER_SCRIPTS.get(self.modifier or "")
        parts = [self.language, script, self.territory, self.variant and self.variant.lower()]
        return "-".join(part for part in parts if part)

    def babel(self) -> Locale:
        """babel's locale (CLDR data: plural rule, names, dates, digits)."""
        from babel import Locale

        return Locale(self.language, self.territory, self.script, self.variant, self.modifier)

    @property
    def english_name(self) -> str:
        """``Chinese (Simplified)``, ``Portuguese (Brazil)``, ``Burmese``."""
        return self.babel().english_name or self.posix

    @property
    def native_name(self) -> str:
        """The language's own name: မြန်မာ, ไทย, 简体中文 (CLDR's name for the exact code
        first, so ``zh_Hans`` is 简体中文 rather than 中文（简体）)."""
        locale = self.babel()
        own = locale.languages.get(self.posix)
        return own or locale.get_display_name(locale) or self.posix

    @property
    def likely_script(self) -> str:
        """The ISO 15924 script the locale is written in (``my`` → ``Mymr``), via CLDR's
        likely subtags; ``Latn`` when CLDR does not say."""
        script = self.script or _MODIFIER_SCRIPTS.get(self.modifier or "")
        if script:
            return script
        from babel.core import get_global

        likely = get_global("likely_subtags")
        for key in (self.posix, self.language):
            parts = str(likely.get(key, "")).split("_")
            if len(parts) > 1 and len(parts[1]) == 4:
                return parts[1]
        return "Latn"


def parse_locale(code: str) -> LocaleCode:
    """Parse and validate ``code``; :class:`LocaleError` (with a hint) when CLDR lacks it."""
    return _parse(code.strip().replace("-", "_"), code)


def po_name(code: str) -> str:
    """The canonical catalogue name: ``zh-Hans`` → ``zh_Hans``, ``pt-br`` → ``pt_BR``."""
    return parse_locale(code).posix


def bcp47_tag(code: str) -> str:
    """The BCP 47 tag: ``zh_Hans`` → ``zh-Hans``, ``pt_BR`` → ``pt-BR``."""
    return parse_locale(code).bcp47


def babel_locale(code: str) -> Locale:
    return parse_locale(code).babel()


# A code already in babel's canonical form: language, Script, TERRITORY, VARIANT.
_CANONICAL = re.compile(
    r"([a-z]{2,3})(?:_([A-Z][a-z]{3}))?(?:_([A-Z]{2}|\d{3}))?(?:_([A-Z\d]{4,8}))?"
)


@lru_cache(maxsize=256)
def _parse(cleaned: str, written: str) -> LocaleCode:
    return _exact(cleaned) or _parse_with_babel(cleaned, written)


def _exact(cleaned: str) -> LocaleCode | None:
    """The code, when babel has a data file of exactly that name (``my``, ``zh_Hans``,
    ``pt_BR``): babel's ``Locale.parse`` returns such a locale unchanged, so the answer is
    known without importing babel (a test checks this against every locale babel has)."""
    match = _CANONICAL.fullmatch(cleaned)
    if match is None or match.group(1) == "und" or not (_babel_data() / f"{cleaned}.dat").is_file():
        return None
    language, script, territory, variant = match.groups()
    return LocaleCode(language, script, territory, variant)


@cache
def _babel_data() -> Path:
    """babel's ``locale-data`` directory, found without importing babel."""
    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return Path("/nonexistent")  # no babel: every code takes the babel path, which says so
    return Path(spec.origin).parent / "locale-data"


def _parse_with_babel(cleaned: str, written: str) -> LocaleCode:
    from babel import Locale, UnknownLocaleError
    from babel.core import parse_locale as split_locale

    try:
        language, territory, script, variant, *rest = split_locale(cleaned)
        locale = Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise LocaleError(f"unknown locale code {written!r} ({error}); {EXAMPLES}") from None
    given = {
        "language": language.lower(),
        "territory": territory and territory.upper(),
        "script": script and script.title(),
        "variant": variant and variant.upper(),
        "modifier": rest[0] if rest else None,
    }
    for part, value in given.items():
        if value is not None and not _kept(part, value, getattr(locale, part)):
            where = "" if part == "language" else f" for {language!r}"
            raise LocaleError(
                f"unknown locale code {written!r}: CLDR has no {part} {value!r}{where}"
                f" (babel would guess {str(locale)!r}); {EXAMPLES}"
            )
    return LocaleCode(
        language=locale.language,
        script=locale.script,
        territory=locale.territory,
        variant=locale.variant,
        modifier=locale.modifier,
    )


def _kept(part: str, given: str, parsed: str | None) -> bool:
    """Whether babel kept the subtag as given, or replaced it by its CLDR alias (``iw`` → ``he``,
    ``BU`` → ``MM``) rather than guessing (``en_ZZ`` → ``en_US``, ``und`` → ``en``)."""
    if given == parsed:
        return given not in ("root", "und")
    from babel.core import get_global

    if part == "language":
        return given != "und" and bool(get_global("language_aliases").get(given))
    if part == "territory":
        return parsed in get_global("territory_aliases").get(given, ())
    return False

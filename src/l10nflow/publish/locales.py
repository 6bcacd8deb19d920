"""What the builder needs to know about an edition's language, all of it from babel/CLDR.

Codes are parsed, validated and named by :mod:`l10nflow.locales`, as for catalogues and
``apply``: a code ``update`` refuses (``en_ZZ``) is refused here too, never guessed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date

from l10nflow.locales import parse_locale, po_name
from l10nflow.publish.pseudo import pseudo_translate

# The pseudo-locale: English with the private-use region XA, as Android and Chrome use it
# ("en-XA"). BCP 47 accepts it (XA is in the private-use range); babel has no data for it,
# so dates and names come from the source language's CLDR data.
PSEUDO_CODE = "en_XA"
PSEUDO_TAGS = {"en_XA", "en-XA", "en-xa", "en_xa"}


@dataclass(frozen=True)
class EditionLocale:
    """One edition's language: ``code`` as in catalogue paths, ``tag`` for ``lang``/hreflang."""

    code: str
    tag: str
    native_name: str
    direction: str
    script: str
    babel_locale: Locale
    is_source: bool = False
    is_pseudo: bool = False

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        """Pickled by name (``build -j`` sends editions between processes): a babel Locale
        would carry its whole loaded CLDR data, a copy per edition in the builder."""
        return (
            _unpickled,
            (
                self.code,
                self.tag,
                self.native_name,
                self.direction,
                self.script,
                str(self.babel_locale),
                self.is_source,
                self.is_pseudo,
            ),
        )

    @property
    def spaceless(self) -> bool:
        """Whether sentences follow each other without a space (Chinese, Japanese)."""
        return self.babel_locale.language in SPACELESS_LANGUAGES and not self.is_pseudo

    @property
    def slug(self) -> str:
        """Directory and file name part; the BCP 47 tag is URL-safe."""
        return self.tag

    def format_date(self, value: datetime.date, calendar: str = "gregorian") -> str:
        """The long date in the locale's default digits (CLDR: Myanmar digits for ``my``).

        ``calendar="buddhist"`` counts years in the Buddhist era (พ.ศ. 2564 for 2021), as Thai
        news does; babel has no Buddhist calendar, so the era and year are written in.
        """
        if calendar == "buddhist":
            text = format_date(
                value, _buddhist_pattern(self.babel_locale, value.year), self.babel_locale
            )
        else:
            text = format_date(value, format="long", locale=self.babel_locale)
        return native_digits(text, self.babel_locale)


SPACELESS_LANGUAGES = {"zh", "ja", "yue", "wuu", "lzh"}
BUDDHIST_ERA = 543
_BUDDHIST_ERA_NAMES = {"th": "พ.ศ.", "lo": "ພ.ສ."}


def _buddhist_pattern(locale: Locale, year: int) -> str:
    """The long pattern with the era and year as literals: ``d MMMM 'พ.ศ.' '2564'``."""
    pattern = locale.date_formats["long"].pattern
    era = _BUDDHIST_ERA_NAMES.get(locale.language, "BE")
    pattern = re.sub(r"G+", "", pattern)
    pattern = re.sub(r"y+", f"'{era}' '{year + BUDDHIST_ERA}'", pattern, count=1)
    return " ".join(pattern.split())


# CLDR numbering systems (babel names them but has no digits) → Unicode's zero of each.
_ZERO = {
    "mymr": "\u1040",
    "thai": "\u0e50",
    "laoo": "\u0ed0",
    "khmr": "\u17e0",
    "beng": "\u09e6",
    "deva": "\u0966",
    "arab": "\u0660",
    "arabext": "\u06f0",
    "tibt": "\u0f20",
}


def native_digits(text: str, locale: Locale) -> str:
    """ASCII digits as the locale's default numbering system writes them (CLDR ``my``: ၂၀၂၁)."""
    zero = _ZERO.get(locale.default_numbering_system or "latn")
    if zero is None:
        return text
    digits = "".join(chr(ord(zero) + n) for n in range(10))
    return text.translate(str.maketrans("0123456789", digits))


def edition_locale(code: str, source_language: str = "en") -> EditionLocale:
    """Describe the edition for ``code``; raises :class:`LocaleError` for an unknown code."""
    if code in PSEUDO_TAGS:
        return EditionLocale(
            code=PSEUDO_CODE,
            tag="en-XA",
            native_name=pseudo_translate("English (pseudo-locale)"),
            direction="ltr",
            script="Latn",
            babel_locale=parse_locale(source_language).babel(),
            is_pseudo=True,
        )
    parsed = parse_locale(code)
    locale = parsed.babel()
    return EditionLocale(
        code=parsed.posix,
        tag=parsed.bcp47,
        native_name=parsed.native_name,
        direction="rtl" if locale.character_order == "right-to-left" else "ltr",
        script=parsed.likely_script,
        babel_locale=locale,
        is_source=parsed.posix == po_name(source_language),
    )


def _unpickled(
    code: str,
    tag: str,
    native_name: str,
    direction: str,
    script: str,
    babel_name: str,
    is_source: bool,
    is_pseudo: bool,
) -> EditionLocale:
    locale = Locale.parse(babel_name)  # babel shares its loaded CLDR data between Locales
    return EditionLocale(code, tag, native_name, direction, script, locale, is_source, is_pseudo)

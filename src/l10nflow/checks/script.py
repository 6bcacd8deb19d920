"""Script checks: letters of the locale's script (Latin is always allowed, for names and
acronyms), and text in Unicode normalisation form C.

The locale's script comes from CLDR through babel (``my`` → Mymr, ``zh_Hans`` → Hans), so a
locale added with ``update --locale`` is covered without a table here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from l10nflow.checks.base import Check, Entry, Finding, Severity, plain_text, screened
from l10nflow.errors import LocaleError
from l10nflow.locales import babel_locale

# ISO 15924 code → the first word of Unicode character names in that script.
_SCRIPT_WORDS = {
    "Mymr": {"MYANMAR"}, "Thai": {"THAI"}, "Hans": {"CJK"}, "Hant": {"CJK"}, "Hani": {"CJK"},
    "Jpan": {"CJK", "HIRAGANA", "KATAKANA"}, "Kore": {"HANGUL", "CJK"}, "Latn": {"LATIN"},
    "Cyrl": {"CYRILLIC"}, "Arab": {"ARABIC"}, "Deva": {"DEVANAGARI"}, "Beng": {"BENGALI"},
    "Grek": {"GREEK"}, "Hebr": {"HEBREW"}, "Khmr": {"KHMER"}, "Laoo": {"LAO"},
    "Geor": {"GEORGIAN"}, "Ethi": {"ETHIOPIC"}, "Sinh": {"SINHALA"}, "Taml": {"TAMIL"},
    "Telu": {"TELUGU"}, "Knda": {"KANNADA"}, "Mlym": {"MALAYALAM"}, "Gujr": {"GUJARATI"},
    "Guru": {"GURMUKHI"}, "Armn": {"ARMENIAN"}, "Tibt": {"TIBETAN"}, "Mong": {"MONGOLIAN"},
    "Orya": {"ORIYA"},
}  # fmt: skip
# Letters and marks of no particular script, and full-width Latin in CJK text.
_ALWAYS = {"LATIN", "COMBINING", "MODIFIER", "FULLWIDTH", "HALFWIDTH", "IDEOGRAPHIC"}


@lru_cache(maxsize=64)
def locale_scripts(locale: str) -> frozenset[str] | None:
    """Name words of the locale's script, or None when babel does not know it."""
    from babel.core import get_global  # here: only catalogues with translations need CLDR

    try:
        parsed = babel_locale(locale)
    except LocaleError:
        return None
    script = parsed.script
    if script is None:
        likely = get_global("likely_subtags").get(parsed.language, "")
        parts = likely.split("_")
        script = parts[1] if len(parts) > 2 else None
    words = _SCRIPT_WORDS.get(script or "")
    return frozenset(words) if words else None


@lru_cache(maxsize=8192)
def script_word(char: str) -> str | None:
    """``"က"`` → ``"MYANMAR"``; None for what is not a letter or mark."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


@lru_cache(maxsize=16)
def _suspects_re(expected: frozenset[str]) -> re.Pattern[str]:
    """One search for what may be a foreign letter: any character but the Basic Multilingual
    Plane's non-letters and letters or marks of ``expected`` or of no particular script."""
    allowed = set(expected | _ALWAYS)
    category, name = unicodedata.category, unicodedata.name
    ranges: list[list[int]] = []
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if category(char)[0] in "LM":
            word = name(char, "")
            if word and word.split(" ", 1)[0] not in allowed:
                continue  # a letter of another script (as script_word names it)
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spans = (re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
    return re.compile("[^" + "".join(spans) + "]")


class ForeignScriptCheck(Check):
    id = "foreign-script"
    severity = Severity.ERROR
    doc = "No letters of another script (Thai letters in a Burmese translation); Latin is fine."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        findings: list[Finding] = []
        for entry in entries:
            expected = locale_scripts(entry.locale)
            if expected is None:
                continue
            search = _suspects_re(expected).search
            if any(search(target) for _, target in entry.pairs()):
                findings += self.check(entry)
        return findings

    def check(self, entry: Entry) -> list[Finding]:
        expected = locale_scripts(entry.locale)
        if expected is None:
            return []
        suspects = _suspects_re(expected)
        findings = []
        for source, target in entry.pairs():
            if not suspects.search(target):
                continue  # (placeholders and "&lt;" are Latin and signs: the plain text's test)
            in_source = set(source)
            foreign: dict[str, str] = {}
            for char in dict.fromkeys(plain_text(target)):  # unique, in order
                if char in in_source:
                    continue
                word = script_word(char)
                if word and word not in expected and word not in _ALWAYS:
                    foreign[char] = word
            if foreign:
                scripts = sorted({word.title() for word in foreign.values()})
                sample = "".join(list(foreign)[:5])
                message = f"{', '.join(scripts)} letters in the translation: {sample!r}"
                findings.append(entry.finding(self, message))
        return findings


def _not_nfc(source: str, target: str) -> bool:
    return not unicodedata.is_normalized("NFC", target)


class NfcCheck(Check):
    id = "nfc"
    severity = Severity.WARNING
    doc = "The translation is in Unicode NFC (e.g. Burmese dot below before asat); --fix does it."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, _not_nfc)

    def check(self, entry: Entry) -> list[Finding]:
        return [
            entry.finding(self, "not in Unicode NFC (search and sorting will miss it)")
            for _, target in entry.pairs()
            if not unicodedata.is_normalized("NFC", target)
        ]

"""Every number of the source must appear in the translation, written the target's way.

A source number (``300,000``, ``6.5``, ``2021``, ``2 million``) is found in the translation
when some number there has the same value, read with any of:

* the target script's digits — Myanmar ``၀``–``၉``, Thai ``๐``–``๙``, full-width, any Unicode
  decimal digit (``unicodedata.decimal``);
* the locale's grouping and decimal signs (babel), or the English ones, or no grouping;
* a large-number unit after it: CJK ``万`` (10⁴), ``亿`` (10⁸), ``千``, ``百`` (also
  traditional ``萬``, ``億``), Burmese ``သောင်း``, ``သိန်း``, ``သန်း``, Thai ``หมื่น``,
  ``แสน``, ``ล้าน`` — so ``30万`` and ``၃ သိန်း`` are 300,000 and ``1.2亿`` is 120,000,000;
* Chinese numerals (``三``, ``五十``, ``三十万``) and Thai number words (``สิบ``), which
  both languages use for small numbers;
* in Thai, a year of the Buddhist era (2021 ↔ ``2564``), which Thai news commonly uses.

Years and dates are plain numbers: ``28 August 2021`` needs a 28 and a 2021. A number the
translation adds (a month written as a number in ``2021年8月28日``) is not a problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain

from l10nflow.checks.base import Check, Entry, Finding, Severity, screened
from l10nflow.errors import LocaleError
from l10nflow.locales import babel_locale
from l10nflow.segment.placeholders import PLACEHOLDER_RE, unescape_text

# A run of digits (any script, ``\d`` is Unicode) with separators between digits. English
# sources group with commas; translations may also group with spaces or apostrophes.
_ANY_DIGIT_RE = re.compile(r"\d")
_SOURCE_NUMBER_RE = re.compile(r"\d+(?:[,.]\d+)*")
_TARGET_NUMBER_RE = re.compile(r"\d+(?:[,.'\u00a0\u202f\u066b\u066c ]\d+)*")
_SOURCE_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_SOURCE_SCALE_RE = re.compile(r"\s*(thousand|million|billion|trillion)\b", re.IGNORECASE)
_TARGET_UNITS = {
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
    "千": 10**3,
    "百": 10**2,
    "兆": 10**12,
    "ထောင်": 10**3,
    "သောင်း": 10**4,
    "သိန်း": 10**5,
    "သန်း": 10**6,
    "พัน": 10**3,
    "หมื่น": 10**4,
    "แสน": 10**5,
    "ล้าน": 10**6,
}
# 千米 (km), 千克 (kg), 千瓦 (kW) are units of measure, not thousands.
_TARGET_UNIT_RE = re.compile(
    r"\s?(" + "|".join(sorted(map(re.escape, _TARGET_UNITS), key=len, reverse=True)) + ")"
    r"(?![米克瓦])"
)
_BURMESE_UNIT_BEFORE_RE = re.compile("(သောင်း|သိန်း|သန်း)\\s?$")
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4}
_CJK_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_CJK_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CJK_NUMERAL_RE = re.compile(
    "[" + "".join([*_CJK_DIGITS, *_CJK_SMALL_UNITS, *_CJK_BIG_UNITS]) + "]+"
)
_BUDDHIST_ERA_OFFSET = 543
# Thai writes small numbers as words too: ฐานสิบ "base ten".
_THAI_WORDS = {"ศูนย์": 0, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6}
_THAI_WORDS.update({"เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10})


def number_problems(source: str, target: str, locale: str) -> list[str]:
    """One message per source number not found in ``target``; empty when all are there.

    ``source`` and ``target`` are unit texts: placeholders such as ``<a1>`` are not numbers.
    ``locale`` is a code babel knows (``my``, ``th``, ``zh_Hans``); an unknown one falls back to
    English signs only.
    """
    wanted = _wanted(source)
    if not wanted:
        return []
    # every reading of every number of the translation, counted (in C: Counter of an iterable)
    available: Counter[Decimal] = Counter(
        chain.from_iterable(_target_numbers(_plain(target), locale))
    )
    problems: list[str] = []
    for written, values in wanted:
        found = next((value for value in values if available[value] > 0), None)
        if found is None:
            problems.append(f"number {written} of the source is missing or changed")
        else:
            available[found] -= 1
    return problems


@lru_cache(maxsize=16384)
def _wanted(source: str) -> tuple[tuple[str, set[Decimal]], ...]:
    """The source's numbers (the same in every locale's catalogue: read once). The sets are
    only ever read."""
    if not _ANY_DIGIT_RE.search(source) or not _ANY_DIGIT_RE.search(PLACEHOLDER_RE.sub("", source)):
        return ()
    return tuple(_source_numbers(_plain(source)))


def _plain(text: str) -> str:
    return unescape_text(PLACEHOLDER_RE.sub(" ", text))


def _source_numbers(text: str) -> list[tuple[str, set[Decimal]]]:
    """(as written, acceptable values) for each number of an English source."""
    found: list[tuple[str, set[Decimal]]] = []
    for match in _SOURCE_NUMBER_RE.finditer(text):
        written = match.group(0)
        values = _readings(written, [(",", ".")], grouped_only=True)
        if not values:  # "1,2,3" is a list, not a number: each part must appear
            found.extend((part, {Decimal(part)}) for part in re.findall(r"\d+", written))
            continue
        scale = _SOURCE_SCALE_RE.match(text, match.end())
        if scale:
            factor = _SOURCE_SCALES[scale.group(1).lower()]
            values |= {value * factor for value in values}
            written = f"{written} {scale.group(1)}"
        found.append((written, values))
    return found


def _target_numbers(text: str, locale: str) -> list[set[Decimal]]:
    """Acceptable values for each number written in a translation."""
    signs = _locale_signs(locale)
    numbers: list[set[Decimal]] = []
    for match in _TARGET_NUMBER_RE.finditer(text):
        written = match.group(0)
        values = _readings(written, signs, grouped_only=False)
        unit = _TARGET_UNIT_RE.match(text, match.end())
        if unit:  # 1.2亿 is 120,000,000 only, never 1.2
            numbers.append({value * _TARGET_UNITS[unit.group(1)] for value in values})
            continue
        # (a unit and a space are at most 8 characters: no need to search further back)
        before = _BURMESE_UNIT_BEFORE_RE.search(text, max(0, match.start() - 8), match.start())
        if before:  # Burmese money: ကျပ်သိန်း ၅၀ is 50 lakh kyat
            values |= {value * _TARGET_UNITS[before.group(1)] for value in values}
        numbers.append(values)
        # The pieces may be numbers of their own: "2020 2,000", "2021.8.28", "[-1,1]".
        pieces = written.split()
        if len(pieces) > 1:
            numbers.extend(_readings(piece, signs, grouped_only=False) for piece in pieces)
        parts = re.findall(r"[0-9]+", _to_ascii(written))
        if len(parts) > 1:
            numbers.extend({Decimal(part)} for part in parts)
    if locale.replace("-", "_").split("_")[0] == "th":
        for values in numbers:
            values |= {v - _BUDDHIST_ERA_OFFSET for v in values if 2400 <= v <= 2700}
        for word, value in _THAI_WORDS.items():
            numbers.extend({Decimal(value)} for _ in range(text.count(word)))
    for match in _CJK_NUMERAL_RE.finditer(text):
        cjk = _cjk_value(match.group(0))
        if cjk is not None:
            numbers.append({Decimal(cjk)})
    return numbers


@lru_cache(maxsize=64)
def _locale_signs(locale: str) -> list[tuple[str, str]]:
    """(group, decimal) sign pairs to try: the locale's, then the English ones."""
    from babel.numbers import get_decimal_symbol, get_group_symbol  # only for translated numbers

    english = (",", ".")
    try:
        parsed = babel_locale(locale)
    except LocaleError:
        return [english]
    own = (get_group_symbol(parsed), get_decimal_symbol(parsed))
    return [own] if own == english else [own, english]


def _readings(written: str, signs: list[tuple[str, str]], grouped_only: bool) -> set[Decimal]:
    """The values ``written`` can mean with each (group, decimal) pair of signs."""
    digits = _to_ascii(written)
    values: set[Decimal] = set()
    for group, decimal in signs:
        value = _read(digits, group, decimal, strict_groups=grouped_only)
        if value is not None:
            values.add(value)
    return values


@lru_cache(maxsize=4096)
def _to_ascii(written: str) -> str:
    """Any script's decimal digits as 0-9 (၂၀၂၁ → 2021)."""
    if written.isascii():
        return written
    return "".join(
        str(digit) if (digit := unicodedata.decimal(ch, None)) is not None else ch for ch in written
    )


_SPACES = frozenset({" ", "\u00a0", "\u202f"})


@lru_cache(maxsize=16384)
def _read(digits: str, group: str, decimal: str, strict_groups: bool) -> Decimal | None:
    """The value of ``digits`` with those signs (a few numbers recur: years, counts)."""
    whole, _, fraction = digits.partition(decimal)
    if fraction and not fraction.isdigit():
        return None
    parts = _group_re(group in _SPACES, group).split(whole)
    if not all(part.isdigit() for part in parts):
        return None
    if len(parts) > 1 and strict_groups and not _well_grouped(parts):
        return None
    try:
        return Decimal("".join(parts) + ("." + fraction if fraction else "")).normalize()
    except InvalidOperation:
        return None


@lru_cache(maxsize=64)
def _group_re(spaces: bool, group: str) -> re.Pattern[str]:
    """What separates digit groups: any space when the locale groups with one, else its sign."""
    return re.compile("[" + re.escape(" \u00a0\u202f" if spaces else group) + "]")


def _well_grouped(parts: list[str]) -> bool:
    """``300,000`` and ``1,00,000`` (Indian) are groupings; ``1,2`` is not."""
    return 1 <= len(parts[0]) <= 3 and all(len(part) in (2, 3) for part in parts[1:])


def _cjk_value(numeral: str) -> int | None:
    """``三十万`` → 300000, ``五`` → 5, ``一千二百`` → 1200; ``万`` alone → None."""
    if not any(ch in _CJK_DIGITS or ch == "十" for ch in numeral):
        return None
    total = section = digit = 0
    previous = ""
    for char in numeral:
        if char in _CJK_DIGITS:  # digits in a row are positional: 二〇二一 = 2021
            value = _CJK_DIGITS[char]
            digit = digit * 10 + value if previous in _CJK_DIGITS else value
        elif char in _CJK_SMALL_UNITS:
            section += (digit or 1) * _CJK_SMALL_UNITS[char]
            digit = 0
        else:
            unit = _CJK_BIG_UNITS[char]
            if unit > total:  # 三十万 = 30 × 10⁴
                total = (total + section + digit) * unit
            else:  # 一亿二千万 = 10⁸ + 2000 × 10⁴
                total += (section + digit) * unit
            section = digit = 0
        previous = char
    return total + section + digit


class NumberCheck(Check):
    id = "numbers"
    severity = Severity.ERROR
    doc = "Every number of the source appears in the translation (any digits, units, signs)."

    def check_all(self, entries: list[Entry]) -> list[Finding]:
        return screened(self, entries, lambda source, target: _wanted(source))

    def check(self, entry: Entry) -> list[Finding]:
        return [
            entry.finding(self, message)
            for source, target in entry.pairs()
            for message in number_problems(source, target, entry.locale)
        ]

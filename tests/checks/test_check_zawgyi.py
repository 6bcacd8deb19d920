"""Zawgyi detection and conversion, measured on real Burmese text in both encodings
(tests/data/zawgyi/README.md says where each file comes from)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from check_helpers import entry
from testutil import REPO

from l10nflow.checks.base import Severity
from l10nflow.checks.zawgyi import (
    ZawgyiCheck,
    is_valid_unicode_burmese,
    zawgyi_probability,
    zawgyi_to_unicode,
)

DATA = REPO / "tests" / "data" / "zawgyi"
_MYANMAR = re.compile("[\u1000-\u109f]")


def lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if _MYANMAR.search(line)]


def flagged(texts: list[str]) -> int:
    check = ZawgyiCheck()
    return sum(bool(check.check(entry("x", text, "my"))) for text in texts)


def test_at_least_95_percent_of_real_zawgyi_lines_are_caught() -> None:
    waitzar = lines("waitzar-zawgyi.txt")  # news articles and forum posts typed in Zawgyi
    assert len(waitzar) == 500
    assert flagged(waitzar) >= 0.95 * len(waitzar)  # measured: 490 of 500
    udhr = lines("udhr-mya-zawgyi.txt")
    assert flagged(udhr) >= 0.95 * len(udhr)  # measured: 90 of 91


def test_at_most_1_percent_of_real_unicode_lines_are_flagged() -> None:
    unicode_lines = lines("talpco-unicode.txt") + lines("udhr-mya-unicode.txt")
    assert len(unicode_lines) == 1372 + 91
    assert flagged(unicode_lines) <= 0.01 * len(unicode_lines)  # measured: 2 of 1463


def errors(texts: list[str]) -> int:
    check = ZawgyiCheck()
    return sum(
        any(f.severity is Severity.ERROR for f in check.check(entry("x", text, "my")))
        for text in texts
    )


def test_no_real_unicode_line_is_an_error_and_most_zawgyi_lines_are() -> None:
    unicode_lines = lines("talpco-unicode.txt") + lines("udhr-mya-unicode.txt")
    assert errors(unicode_lines) == 0  # the 2 the detector flags are warnings
    zawgyi_lines = lines("waitzar-zawgyi.txt") + lines("udhr-mya-zawgyi.txt")
    assert errors(zawgyi_lines) >= 0.80 * len(zawgyi_lines)  # measured: 496 of 591


def test_a_short_unicode_word_the_detector_misjudges_is_only_a_warning() -> None:
    assert zawgyi_probability("ဘာသာစကား") >= 0.95  # "language": plain Unicode Burmese
    [finding] = ZawgyiCheck().check(entry("Language", "ဘာသာစကား", "my"))
    assert finding.severity is Severity.WARNING and "valid Unicode" in finding.message
    assert is_valid_unicode_burmese("ဘာသာစကား")
    assert not is_valid_unicode_burmese("ေက်ာင္း")  # Zawgyi for "school": ေ typed first


def test_text_without_burmese_is_never_zawgyi() -> None:
    assert zawgyi_probability("The army, 2021.") == 0.0
    assert ZawgyiCheck().check(entry("x", "กองทัพ", "th")) == []


def _udhr_pairs() -> list[tuple[str, str]]:
    pairs = zip(lines("udhr-mya-zawgyi.txt"), lines("udhr-mya-unicode.txt"), strict=True)
    return [(zawgyi, unicodedata.normalize("NFC", uni)) for zawgyi, uni in pairs]


def _char_errors(outputs: list[str], expected: list[str]) -> float:
    from rapidfuzz.distance import Levenshtein

    edits = sum(Levenshtein.distance(a, b) for a, b in zip(outputs, expected, strict=True))
    return edits / sum(map(len, expected))


def test_icu_conversion_restores_the_unicode_text() -> None:
    pytest.importorskip("icu")
    pairs = _udhr_pairs()
    converted = [zawgyi_to_unicode(zawgyi) for zawgyi, _ in pairs]
    assert all(text is not None for text in converted)
    outputs = [text or "" for text in converted]
    expected = [uni for _, uni in pairs]
    assert sum(a == b for a, b in zip(outputs, expected, strict=True)) >= 89  # of 91
    assert _char_errors(outputs, expected) < 0.001  # measured 0.02%


def test_icu_does_better_than_python_myanmar() -> None:
    """Why --fix uses ICU: python-myanmar's converter gets half the lines wrong."""
    pytest.importorskip("icu")
    converter = pytest.importorskip("myanmar.converter")
    pairs = _udhr_pairs()
    expected = [uni for _, uni in pairs]
    icu_out = [zawgyi_to_unicode(zawgyi) or "" for zawgyi, _ in pairs]
    other = [
        unicodedata.normalize("NFC", converter.convert(zawgyi, "zawgyi", "unicode"))
        for zawgyi, _ in pairs
    ]
    assert _char_errors(icu_out, expected) * 10 < _char_errors(other, expected)  # 0.02% vs 1.0%


def test_a_converted_line_passes_the_check() -> None:
    pytest.importorskip("icu")
    # A real Zawgyi line converted, then the check runs clean on it.
    zawgyi = lines("waitzar-zawgyi.txt")[0]
    converted = zawgyi_to_unicode(zawgyi)
    assert converted is not None and converted != zawgyi
    assert ZawgyiCheck().check(entry("x", converted, "my")) == []

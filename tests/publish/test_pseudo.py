"""The pseudo-locale transformation."""

from __future__ import annotations

import re

from l10nflow.publish.locales import edition_locale
from l10nflow.publish.pseudo import PLACEHOLDER, pseudo_translate


def test_placeholders_survive_unchanged_and_in_order() -> None:
    text = "Read <a1>the report</a1> by <em1>Captain</em1> Nyi<br1/>Thuta."
    result = pseudo_translate(text)
    assert PLACEHOLDER.findall(result) == ["<a1>", "</a1>", "<em1>", "</em1>", "<br1/>"]


def test_letters_are_accented_and_text_is_bracketed() -> None:
    result = pseudo_translate("Myanmar military")
    assert result.startswith("[") and result.endswith("]")
    assert not re.search(r"[A-Za-z]", result), result


def test_text_is_expanded_by_about_thirty_percent() -> None:
    source = "With a record-breaking number of defections unmatched in nearly six decades"
    expansion = len(pseudo_translate(source)) / len(source)
    assert 1.25 <= expansion <= 1.4


def test_digits_and_punctuation_are_kept() -> None:
    assert "1,019 (AAPP)" in pseudo_translate("1,019 (AAPP)").translate(
        str.maketrans("ÅÅÞÞ", "AAPP")
    )


def test_pseudo_locale_is_a_valid_bcp47_private_use_region() -> None:
    locale = edition_locale("en-XA")
    assert locale.is_pseudo
    assert locale.tag == "en-XA"
    assert locale.direction == "ltr"


def test_padding_wraps_like_words_instead_of_overflowing() -> None:
    source = "Currently, around 2,000 soldiers and police have joined the country’s movement. " * 3
    result = pseudo_translate(source)
    assert max(len(run) for run in re.findall(r"~+", result)) <= 10
    assert 1.25 <= len(result) / len(source) <= 1.4

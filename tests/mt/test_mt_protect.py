"""Placeholders, numbers, URLs and glossary terms survive MT or the entry is not filled."""

from __future__ import annotations

import pytest

from l10nflow.mt.protect import markup_problem, protect, restore

MSGID = "Read <a1>the report</a1> at https://example.org/r.pdf: 1,200 CDM strikers.<br1/>"
TERMS = {"CDM": "CDM", "Min Aung Hlaing": "မင်းအောင်လှိုင်"}


def test_protect_replaces_numbers_urls_and_terms_but_keeps_markup() -> None:
    protected = protect(MSGID, TERMS)
    assert protected.text == "Read <a1>the report</a1> at <x1/>: <x2/> <x3/> strikers.<br1/>"
    assert protected.values == {
        "<x1/>": "https://example.org/r.pdf",
        "<x2/>": "1,200",
        "<x3/>": "CDM",
    }


def test_identity_output_restores_the_msgid() -> None:
    protected = protect(MSGID, TERMS)
    assert restore(protected.text, protected) == (MSGID, None, 0)


def test_fixed_glossary_translation_replaces_the_term() -> None:
    protected = protect("Min Aung Hlaing spoke on 5 May.", TERMS)
    text, problem, _ = restore("<x1/> ပြောကြားခဲ့သည် <x2/> မေ", protected)
    assert problem is None
    assert text == "မင်းအောင်လှိုင် ပြောကြားခဲ့သည် 5 မေ"


def test_terms_match_whole_words_only() -> None:
    protected = protect("CDMs and CDM", {"CDM": "CDM"})
    assert protected.text == "CDMs and <x1/>"


def test_spaced_tokens_are_normalised() -> None:
    protected = protect("See <a1>this</a1> now", {})
    text, problem, repairs = restore("Voir < a1 >ceci</ a1 > maintenant", protected)
    assert (text, problem) == ("Voir <a1>ceci</a1> maintenant", None)
    assert repairs == 2


def test_duplicated_and_unknown_tokens_are_dropped() -> None:
    protected = protect("Call <br1/>now 5", {})
    text, problem, repairs = restore("Appel <br1/>vite <br1/><b7/> <x1/>", protected)
    assert problem is None
    assert text == "Appel <br1/>vite 5"
    assert repairs == 2


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("Lire le rapport", "lost </a1> <a1>"),
        ("Lire </a1>le rapport<a1>", "misplaced </a1>"),
        ("", "empty MT output"),
    ],
)
def test_broken_markup_is_rejected(output: str, problem: str) -> None:
    protected = protect("Read <a1>the report</a1>", {})
    assert restore(output, protected) == (None, problem, 0)


def test_lost_number_is_rejected() -> None:
    protected = protect("Prices rose 30 percent", {})
    text, problem, _ = restore("Les prix ont augmenté", protected)
    assert text is None
    assert problem == "lost '30'"  # the note names the number, not the token


def test_crossed_pairs_are_rejected() -> None:
    assert markup_problem("<a1><em1>x</a1></em1>", ["<a1>", "<em1>", "</a1>", "</em1>"]) == (
        "misplaced </a1>"
    )


def test_sentinel_name_avoids_a_placeholder_of_the_same_name() -> None:
    protected = protect("An <x1>odd</x1> tag 7", {})
    assert protected.text == "An <x1>odd</x1> tag <v1/>"
    assert restore("Une balise <x1>bizarre</x1> <v1/>", protected)[0] == (
        "Une balise <x1>bizarre</x1> 7"
    )


def test_segments_without_words_need_no_model() -> None:
    assert not protect("2024 <br1/> https://example.org", {}).needs_model
    assert protect("Yangon, 2024", {}).needs_model


def test_a_literal_less_than_sign_is_plain_text() -> None:
    protected = protect("if a < b then 3", {})
    assert protected.text == "if a < b then <x1/>"
    assert restore("si a < b alors <x1/>", protected)[0] == "si a < b alors 3"
